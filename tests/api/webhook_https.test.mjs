// Webhooks over https, in each format: a receiver on 127.0.0.1 with a self-signed certificate made
// here with openssl (the server trusts it through YUANQU_WEBHOOK_CA, and allows 127.0.0.1/32)
// gets the plain signed JSON, a 企业微信 group robot's markdown message and a 钉钉 group robot's
// markdown message on its signed URL (&timestamp=…&sign=urlencode(base64(HMAC-SHA256(secret,
// timestamp "\n" secret)))). A robot that answers errcode ≠ 0 is not marked delivered, and a
// server that does not trust the certificate delivers nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import https from 'node:https';
import { createHmac } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, adminClient, sleep, uscc } from './lib.mjs';

const SECRET = 'webhook-secret-2026';
const DING_SECRET = 'SEC0123456789abcdef0123456789abcdef';
const got = [];
let dir, recv, port, srv, admin, ent;

async function until(fn, ms = 8000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v || Date.now() > end) return v;
    await sleep(100);
  }
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'yq-https-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
  recv = https.createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (req, res) => {
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      got.push({ url: req.url, headers: req.headers, body, at: Date.now() });
      res.writeHead(200, { 'Content-Type': 'application/json' });
      // the robots answer 200 with an errcode; /refuse plays one that refuses the message
      res.end(req.url.startsWith('/refuse') ? '{"errcode":310000,"errmsg":"sign not match"}' : '{"errcode":0,"errmsg":"ok"}');
    });
  });
  await new Promise((r) => recv.listen(0, '127.0.0.1', r));
  port = recv.address().port;
  srv = await startServer({ env: { YUANQU_MAINTENANCE_SECONDS: '1', YUANQU_WEBHOOK_BACKOFF_SCALE: '0.0001',
    YUANQU_WEBHOOK_ALLOW: '127.0.0.1/32', YUANQU_WEBHOOK_CA: join(dir, 'cert.pem') } });
  admin = await adminClient(srv);
  assert.equal((await admin.post('/api/depts', { name: '企业服务中心', kind: 'service_center' })).status, 201);
  ent = (await admin.post('/api/enterprises', { uscc: uscc('91430112MA', 41), name: '望城华通智能终端有限公司', industry_code: '3922' })).json.id;
});
after(async () => {
  await srv?.stop();
  await new Promise((r) => recv.close(r));
  rmSync(dir, { recursive: true, force: true });
});

const submit = (client) => client.post('/api/tickets', { enterprise_id: ent, channel: 'phone', category: '用工', title: '四季度用工缺口30人', description: '订单增加，急需普工30人。' });

test('https deliveries in each format: signed JSON, 企业微信 and 钉钉 robots', async () => {
  const base = `https://127.0.0.1:${port}`;
  const hooks = {
    json: await admin.post('/api/webhooks', { url: `${base}/json`, secret: SECRET }),
    wecom: await admin.post('/api/webhooks', { url: `${base}/cgi-bin/webhook/send?key=wecom-key`, format: 'wecom' }),
    // a fragment in the URL stays after the signature's parameters (it is not sent)
    dingtalk: await admin.post('/api/webhooks', { url: `${base}/robot/send?access_token=ding-token#group`, format: 'dingtalk', secret: DING_SECRET }),
  };
  for (const [k, r] of Object.entries(hooks)) {
    assert.equal(r.status, 201, `${k}: ${r.body}`);
    assert.equal(r.json.format, k);
  }
  const list = (await admin.get('/api/webhooks')).json.items;
  assert.deepEqual(list.map((w) => w.format), ['json', 'wecom', 'dingtalk']);
  const t = await submit(admin);
  assert.equal(t.status, 201, t.body);
  const sent = Date.now();
  const all = await until(() => got.length >= 3 && got);
  assert.ok(all, 'three deliveries over https');

  const json = got.find((g) => g.url === '/json');
  assert.equal(json.headers['x-yuanqu-signature'], 'sha256=' + createHmac('sha256', SECRET).update(json.body).digest('hex'));
  const p = JSON.parse(json.body);
  assert.equal(p.event, 'submitted');
  assert.equal(p.ticket_id, t.json.id);
  assert.equal(p.no, t.json.no);

  const wecom = got.find((g) => g.url.startsWith('/cgi-bin/webhook/send'));
  assert.equal(wecom.url, '/cgi-bin/webhook/send?key=wecom-key');
  assert.equal(wecom.headers['content-type'], 'application/json');
  const w = JSON.parse(wecom.body);
  assert.deepEqual(Object.keys(w), ['msgtype', 'markdown']);
  assert.equal(w.msgtype, 'markdown');
  assert.deepEqual(Object.keys(w.markdown), ['content']);
  assert.match(w.markdown.content, /^\*\*新诉求待受理\*\*\n> 诉求编号：/);
  assert.ok(w.markdown.content.includes(t.json.no));
  assert.ok(w.markdown.content.includes('四季度用工缺口30人'));
  assert.ok(!('x-yuanqu-signature' in wecom.headers));

  const ding = got.find((g) => g.url.startsWith('/robot/send'));
  const u = new URL(ding.url, base);
  assert.equal(u.searchParams.get('access_token'), 'ding-token');
  const ts = u.searchParams.get('timestamp');
  assert.match(ts, /^\d{13}$/, 'milliseconds');
  assert.ok(Math.abs(Number(ts) - sent) < 60000, 'sent now');
  const want = createHmac('sha256', DING_SECRET).update(`${ts}\n${DING_SECRET}`).digest('base64');
  assert.equal(u.searchParams.get('sign'), want, 'the signature 钉钉 checks');
  assert.ok(!/[+/=]/.test(ding.url.split('sign=')[1]), 'the signature is urlencoded in the URL');
  const d = JSON.parse(ding.body);
  assert.equal(d.msgtype, 'markdown');
  assert.equal(d.markdown.title, '新诉求待受理');
  assert.match(d.markdown.text, /^#### 新诉求待受理\n\n- 诉求编号：/);
  assert.ok(d.markdown.text.includes(t.json.no));

  const delivered = await until(async () => {
    const r = (await admin.get('/api/webhooks/deliveries?status=delivered')).json.items;
    return r.length >= 3 && r;
  });
  assert.ok(delivered, 'all three marked delivered');
  const wd = delivered.find((x) => x.webhook_id === hooks.wecom.json.id);
  assert.equal(wd.payload.msgtype, 'markdown', 'the delivery list shows what was sent');
  for (const h of Object.values(hooks)) assert.equal((await admin.del(`/api/webhooks/${h.json.id}`)).status, 204);
});

test('a robot that answers errcode ≠ 0 is not marked delivered', async () => {
  const r = await admin.post('/api/webhooks', { url: `https://127.0.0.1:${port}/refuse/robot/send?access_token=x`, format: 'dingtalk', secret: DING_SECRET });
  assert.equal(r.status, 201, r.body);
  const before = got.length;
  assert.equal((await submit(admin)).status, 201);
  const tried = await until(async () => {
    const x = (await admin.get('/api/webhooks/deliveries?page_size=100')).json.items;
    return x.find((i) => i.webhook_id === r.json.id && i.attempts >= 1);
  });
  assert.ok(tried, 'attempted');
  assert.ok(got.length > before, 'the robot was reached');
  assert.notEqual(tried.status, 'delivered');
  assert.equal(tried.last_error, '推送失败（原因见服务器日志）');
  assert.match(srv.log(), /robot errcode 310000/);
  assert.equal((await admin.del(`/api/webhooks/${r.json.id}`)).status, 204);
});

test('without the CA the certificate is not trusted: nothing is delivered', async () => {
  const other = await startServer({ env: { YUANQU_MAINTENANCE_SECONDS: '1', YUANQU_WEBHOOK_BACKOFF_SCALE: '0.0001', YUANQU_WEBHOOK_ALLOW: '127.0.0.1/32' } });
  try {
    const a = await adminClient(other);
    assert.equal((await a.post('/api/depts', { name: '企业服务中心', kind: 'service_center' })).status, 201);
    const e = (await a.post('/api/enterprises', { uscc: uscc('91430112MA', 42), name: '望城三鑫电子有限公司', industry_code: '3976' })).json.id;
    const r = await a.post('/api/webhooks', { url: `https://127.0.0.1:${port}/untrusted`, secret: SECRET });
    assert.equal(r.status, 201, r.body);
    assert.equal((await a.post('/api/tickets', { enterprise_id: e, channel: 'phone', category: '用工', title: '用工', description: '急需普工。' })).status, 201);
    const tried = await until(async () => (await a.get('/api/webhooks/deliveries')).json.items.find((i) => i.attempts >= 1));
    assert.ok(tried, 'attempted');
    assert.notEqual(tried.status, 'delivered');
    assert.ok(!got.some((g) => g.url === '/untrusted'), 'no request reached the receiver');
    assert.match(other.log(), /webhook delivery \d+ to https:\/\/127\.0\.0\.1:\d+\/untrusted failed/);
  } finally { await other.stop(); }
});
