// Notifications and webhooks of enterprise requests: a webhook receiver inside the test gets a
// signed POST when a request is assigned, a 500 is retried, a closed port ends as a visible
// failure, https URLs are accepted (delivered over TLS in webhook_https.test.mjs), and the lead department sees (and reads) its notification; the
// service center is told of new requests, and the enterprise of what is done with its own.
// Webhooks never reach internal addresses unless allowed: the receivers here are on 127.0.0.1,
// so the server runs with YUANQU_WEBHOOK_ALLOW=127.0.0.1/32; the refusals are checked on
// servers without it, with receivers that count every connection they get (none).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { createHmac } from 'node:crypto';
import net from 'node:net';
import { startServer, adminClient, Client, sleep, uscc, newUser } from './lib.mjs';

let srv, admin, svc, hr, ent, ent2, entB, recv, recvPort;
const ids = {};
const PW = 'Start-Passw0rd-2026';
const SECRET = 'webhook-secret-2026';
const got = [];
let failFirst = 0;

const make = (n) => uscc('91430112MA', n);
const FAILED = '推送失败（原因见服务器日志）';
const REFUSED = '推送地址须为可解析的公网地址，不能指向本机或内部网络';

/** A TCP listener on 127.0.0.1 that counts the connections it accepts and answers `reply` (or
 * nothing) to each; resolves {port, count(), close()}. */
async function tcpProbe(reply) {
  let n = 0;
  const s = net.createServer((c) => {
    n++;
    c.on('error', () => {});
    c.resume(); // read (and drop) the request, so the close of the peer is seen
    if (reply) c.end(reply); else c.destroy();
  });
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  return { port: s.address().port, count: () => n, close: () => new Promise((r) => s.close(r)) };
}

const user = (username, role, extra) => newUser(srv, admin, username, role, extra, PW);

async function until(fn, ms = 8000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) return v;
    await sleep(100);
  }
}

async function freePort() {
  const s = net.createServer();
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  const p = s.address().port;
  await new Promise((r) => s.close(r));
  return p;
}

before(async () => {
  recv = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      got.push({ path: req.url, headers: req.headers, body });
      if (failFirst > 0) { failFirst--; res.writeHead(500); res.end('boom'); return; }
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('ok');
    });
  });
  await new Promise((r) => recv.listen(0, '127.0.0.1', r));
  recvPort = recv.address().port;
  srv = await startServer({ env: { YUANQU_MAINTENANCE_SECONDS: '1', YUANQU_WEBHOOK_BACKOFF_SCALE: '0.0001', YUANQU_WEBHOOK_ALLOW: '127.0.0.1/32' } });
  admin = await adminClient(srv);
  for (const [k, name, kind] of [['svc', '企业服务中心', 'service_center'], ['hr', '人社局', 'other']]) {
    ids[k] = (await admin.post('/api/depts', { name, kind })).json.id;
  }
  ids.ent = (await admin.post('/api/enterprises', { uscc: make(7), name: '望城华通智能终端有限公司', industry_code: '3922' })).json.id;
  svc = await user('svc1', 'staff', { dept_id: ids.svc, data_scope: 'zone' });
  hr = await user('hr1', 'staff', { dept_id: ids.hr });
  ent = await user('ent1', 'enterprise', { enterprise_id: ids.ent });
  ent2 = await user('ent1b', 'enterprise', { enterprise_id: ids.ent });
  ids.entB = (await admin.post('/api/enterprises', { uscc: make(8), name: '望城三鑫电子有限公司', industry_code: '3976' })).json.id;
  entB = await user('entB', 'enterprise', { enterprise_id: ids.entB });
});
after(async () => {
  await srv.stop();
  await new Promise((r) => recv.close(r));
});

const submit = () => ent.post('/api/tickets', { category: '用工', title: '四季度用工缺口30人', description: '订单增加，急需普工30人。', contact_name: '张经理', contact_phone: '13900000001' });

test('webhook registration: http and https, admin only, listed without the secret', async () => {
  // https works (deliveries over TLS: webhook_https.test.mjs); registered, then disabled again
  const tls = await admin.post('/api/webhooks', { url: `https://127.0.0.1:${recvPort}/hook`, secret: SECRET });
  assert.equal(tls.status, 201, tls.body);
  assert.equal(tls.json.format, 'json');
  assert.equal((await admin.del(`/api/webhooks/${tls.json.id}`)).status, 204);
  assert.equal((await admin.post('/api/webhooks', { url: 'ftp://x/y', secret: SECRET })).status, 400);
  assert.equal((await admin.post('/api/webhooks', { url: 'file:///etc/passwd', secret: SECRET })).status, 400);
  const fmt = await admin.post('/api/webhooks', { url: `http://127.0.0.1:${recvPort}/x`, secret: SECRET, format: 'slack' });
  assert.equal(fmt.status, 400, fmt.body);
  assert.equal(fmt.json.error.field, 'format');
  const noSecret = await admin.post('/api/webhooks', { url: `http://127.0.0.1:${recvPort}/x`, format: 'dingtalk' });
  assert.equal(noSecret.status, 400, 'a 钉钉 robot needs its 加签 secret');
  assert.equal(noSecret.json.error.field, 'secret');
  assert.equal((await admin.post('/api/webhooks', { url: 'http://127.0.0.1:1/x' })).status, 400, 'secret required');
  assert.equal((await admin.post('/api/webhooks', { url: 'http://h/' + 'a'.repeat(500), secret: SECRET })).status, 400);
  assert.equal((await hr.post('/api/webhooks', { url: `http://127.0.0.1:${recvPort}/hook`, secret: SECRET })).status, 403);
  const r = await admin.post('/api/webhooks', { url: `http://127.0.0.1:${recvPort}/hook?src=yq`, secret: SECRET });
  assert.equal(r.status, 201, r.body);
  ids.hook = r.json.id;
  const list = await admin.get('/api/webhooks');
  assert.equal(list.status, 200);
  assert.equal(list.json.items.length, 2);
  assert.equal(list.json.items[0].enabled, false, 'the https one, disabled');
  assert.equal(list.json.items[1].enabled, true);
  assert.equal(list.json.items[1].format, 'json');
  assert.ok(!('secret' in list.json.items[0]));
});

test('accepting a request notifies the lead department and posts a signed webhook', async () => {
  const t = await submit();
  assert.equal(t.status, 201, t.body);
  ids.t1 = t.json.id;
  const a = await svc.post(`/api/tickets/${ids.t1}/accept`, { dept_id: ids.hr, priority: 'normal' });
  assert.equal(a.status, 200, a.body);
  const hit = await until(() => got.find((g) => JSON.parse(g.body).ticket_id === ids.t1 && JSON.parse(g.body).event === 'assigned'));
  assert.ok(hit, 'the receiver got the POST');
  assert.equal(hit.path, '/hook?src=yq');
  assert.equal(hit.headers['content-type'], 'application/json');
  const want = 'sha256=' + createHmac('sha256', SECRET).update(hit.body).digest('hex');
  assert.equal(hit.headers['x-yuanqu-signature'], want);
  const p = JSON.parse(hit.body);
  assert.equal(p.event, 'assigned');
  assert.equal(p.no, t.json.no);
  assert.equal(p.title, '四季度用工缺口30人');
  assert.equal(p.dept_id, ids.hr);
  assert.equal(typeof p.at, 'number');
  const d = await until(async () => {
    const r = await admin.get('/api/webhooks/deliveries?status=delivered');
    return r.json.items.find((x) => x.payload.ticket_id === ids.t1 && x.event === 'assigned') && r;
  });
  assert.ok(d);
  const item = d.json.items.find((x) => x.payload.ticket_id === ids.t1 && x.event === 'assigned');
  assert.equal(item.attempts, 1);
  assert.equal(item.last_status, 200);

  const n = await hr.get('/api/notifications?unread=1');
  assert.equal(n.status, 200, n.body);
  assert.equal(n.json.total, 1);
  const note = n.json.items[0];
  assert.equal(note.kind, 'assigned');
  assert.equal(note.ticket_id, ids.t1);
  assert.equal(note.read, false);
  assert.match(note.title, /四季度用工缺口30人/);
  assert.ok(!(await svc.get('/api/notifications?unread=1')).json.items.some((x) => x.kind === 'assigned'), 'not the service center’s');
  assert.equal((await svc.post(`/api/notifications/${note.id}/read`)).status, 404, 'another department');
  assert.equal((await hr.post(`/api/notifications/${note.id}/read`)).status, 204);
  assert.equal((await hr.get('/api/notifications?unread=1')).json.total, 0);
  const all = await hr.get('/api/notifications');
  assert.equal(all.json.total, 1);
  assert.equal(all.json.items[0].read, true);
  assert.ok(all.json.items[0].read_at);
});

test('a returned request notifies the service center', async () => {
  const r = await hr.post(`/api/tickets/${ids.t1}/return`, { reason: '不属于本部门职责' });
  assert.equal(r.status, 200, r.body);
  const n = await svc.get('/api/notifications?unread=1');
  const returned = n.json.items.filter((x) => x.kind === 'returned');
  assert.equal(returned.length, 1);
  assert.equal(returned[0].ticket_id, ids.t1);
  const hit = await until(() => got.find((g) => JSON.parse(g.body).event === 'returned'));
  assert.ok(hit);
});

test('a 500 from the receiver is retried, then delivered', async () => {
  const t = await submit();
  // the new request's own delivery first, so that the failure falls on the assignment's
  assert.ok(await until(() => got.find((g) => JSON.parse(g.body).ticket_id === t.json.id && JSON.parse(g.body).event === 'submitted')));
  failFirst = 1;
  const before = got.length;
  const a = await svc.post(`/api/tickets/${t.json.id}/accept`, { dept_id: ids.hr });
  assert.equal(a.status, 200, a.body);
  const ok = await until(async () => {
    const r = await admin.get('/api/webhooks/deliveries?status=delivered');
    return r.json.items.find((x) => x.payload.ticket_id === t.json.id && x.event === 'assigned');
  }, 10000);
  assert.ok(ok, 'delivered after a retry');
  assert.equal(ok.attempts, 2);
  assert.equal(got.slice(before).filter((g) => JSON.parse(g.body).ticket_id === t.json.id).length, 2);
});

test('a closed port ends as a failed delivery the admin can see', async () => {
  const port = await freePort();
  const r = await admin.post('/api/webhooks', { url: `http://127.0.0.1:${port}/dead`, secret: 's' });
  assert.equal(r.status, 201, r.body);
  const t = await submit();
  assert.equal((await svc.post(`/api/tickets/${t.json.id}/accept`, { dept_id: ids.hr })).status, 200);
  const pending = await until(async () => {
    const x = await admin.get('/api/webhooks/deliveries?status=pending');
    return x.json.items.find((i) => i.webhook_id === r.json.id && i.attempts >= 1);
  });
  assert.ok(pending, 'a failed attempt is retried later');
  assert.equal(pending.last_error, FAILED, 'no detail that tells the port state');
  assert.equal(pending.last_status, null);
  assert.ok(pending.next_at);
  const failed = await until(async () => {
    const x = await admin.get('/api/webhooks/deliveries?status=failed');
    return x.json.items.find((i) => i.webhook_id === r.json.id);
  }, 20000);
  assert.ok(failed, 'failed after six attempts');
  assert.equal(failed.attempts, 6);
  assert.equal(failed.status, 'failed');
  assert.equal(failed.last_error, FAILED);
  assert.match(srv.log(), /webhook delivery \d+ to http:\/\/127\.0\.0\.1:\d+\/dead failed \(attempt \d\): cannot connect/, 'the cause is in the server log');
  assert.equal(failed.next_at, null);
  assert.equal((await admin.get('/api/webhooks/deliveries?status=nope')).status, 400);
  assert.equal((await hr.get('/api/webhooks/deliveries?status=failed')).status, 403);
  // disabling stops new deliveries for it
  assert.equal((await admin.del(`/api/webhooks/${r.json.id}`)).status, 204);
  assert.equal((await admin.del(`/api/webhooks/999999`)).status, 404);
  const list = await admin.get('/api/webhooks');
  assert.equal(list.json.items.find((w) => w.id === r.json.id).enabled, false);
});

test('an HTTP error, a non-HTTP port and a closed port look alike to the admin', async () => {
  const http500 = await tcpProbe('HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n');
  const garbage = await tcpProbe('SSH-2.0-OpenSSH_9.2\r\n');
  const closed = await freePort();
  try {
    const hooks = {};
    for (const [k, port] of [['http500', http500.port], ['garbage', garbage.port], ['closed', closed]]) {
      const r = await admin.post('/api/webhooks', { url: `http://127.0.0.1:${port}/probe-${k}`, secret: 's' });
      assert.equal(r.status, 201, r.body);
      hooks[k] = r.json.id;
    }
    const t = await submit();
    assert.equal((await svc.post(`/api/tickets/${t.json.id}/accept`, { dept_id: ids.hr })).status, 200);
    const seen = await until(async () => {
      const x = await admin.get('/api/webhooks/deliveries?page_size=200');
      // the acceptance's delivery to each probe (the new request was pushed to them too)
      const mine = x.json.items.filter((i) => Object.values(hooks).includes(i.webhook_id) && i.payload.ticket_id === t.json.id &&
        i.event === 'assigned' && i.attempts >= 1);
      return mine.length === 3 && mine;
    });
    assert.ok(seen, 'each probe was tried');
    assert.ok(http500.count() >= 1 && garbage.count() >= 1, 'the listening probes were reached');
    for (const d of seen) {
      assert.equal(d.last_error, FAILED, JSON.stringify(d));
      assert.equal(d.last_status, null, JSON.stringify(d));
      assert.notEqual(d.status, 'delivered');
    }
    for (const id of Object.values(hooks)) assert.equal((await admin.del(`/api/webhooks/${id}`)).status, 204);
  } finally { await http500.close(); await garbage.close(); }
});

test('without an allowed range, internal webhook targets are refused and never connected to', async () => {
  const probe = await tcpProbe('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n');
  // a server with the receiver allowed registers a webhook and queues a delivery for it, and
  // stops before its maintenance (every 30 s) sends it
  const a = await startServer({ env: { YUANQU_WEBHOOK_ALLOW: '127.0.0.1/32' } });
  let b;
  try {
    const adm = await adminClient(a);
    const dept = (await adm.post('/api/depts', { name: '人社局', kind: 'other' })).json.id;
    await adm.post('/api/depts', { name: '企业服务中心', kind: 'service_center' });
    const entId = (await adm.post('/api/enterprises', { uscc: make(8), name: '望城内网探测有限公司', industry_code: '3922' })).json.id;
    const svcDept = (await adm.get('/api/depts')).json.items.find((d) => d.name === '企业服务中心').id;
    const s1 = await newUser(a, adm, 'svc.probe', 'staff', { dept_id: svcDept, data_scope: 'zone' }, PW);
    const e1 = await newUser(a, adm, 'ent.probe', 'enterprise', { enterprise_id: entId }, PW);
    const w = await adm.post('/api/webhooks', { url: `http://127.0.0.1:${probe.port}/queued`, secret: 's' });
    assert.equal(w.status, 201, w.body);
    const t = await e1.post('/api/tickets', { category: '用工', title: '内网探测', description: '探测', contact_name: '张', contact_phone: '13900000002' });
    assert.equal((await s1.post(`/api/tickets/${t.json.id}/accept`, { dept_id: dept })).status, 200);
    await a.stop();
    // the same database served without the allowed range: delivery checks the address again
    b = await startServer({ db: a.db, env: { YUANQU_MAINTENANCE_SECONDS: '1', YUANQU_WEBHOOK_BACKOFF_SCALE: '0.0001' } });
    const adm2 = await adminClient(b);
    for (const url of [`http://127.0.0.1:${probe.port}/x`, `http://localhost:${probe.port}/x`,
      `http://2130706433:${probe.port}/x`, `http://0x7f.1:${probe.port}/x`, `http://127.1:${probe.port}/x`,
      'http://169.254.169.254/latest/meta-data/', 'http://10.0.0.1/x', 'http://172.16.5.4/x',
      'http://192.168.1.1/x', 'http://100.64.0.1/x', 'http://0.0.0.0/x', 'http://224.0.0.1/x',
      'http://no-such-host.invalid/x']) {
      const r = await adm2.post('/api/webhooks', { url, secret: 's' });
      assert.equal(r.status, 400, `${url}: ${r.body}`);
      assert.equal(r.json.error.field, 'url');
      assert.equal(r.json.error.message, REFUSED, url);
    }
    const failed = await until(async () => {
      const x = await adm2.get('/api/webhooks/deliveries?status=failed');
      return x.json.items.find((i) => i.webhook_id === w.json.id);
    }, 15000);
    assert.ok(failed, 'the queued delivery failed');
    assert.equal(failed.attempts, 6);
    assert.equal(failed.last_error, FAILED);
    assert.match(b.log(), /refused: 127\.0\.0\.1 resolves to 127\.0\.0\.1, an internal address/);
    assert.equal(probe.count(), 0, 'no connection ever reached the internal target');
  } finally {
    if (b) await b.stop(); else await a.stop();
    await probe.close();
  }
});

test('mark all read clears only the caller’s department’s unread notifications', async () => {
  const hrBefore = (await hr.get('/api/notifications?unread=1')).json.total;
  const t2 = await submit();
  const t3 = await submit();
  assert.equal((await svc.post(`/api/tickets/${t2.json.id}/accept`, { dept_id: ids.hr })).status, 200);
  assert.equal((await svc.post(`/api/tickets/${t3.json.id}/accept`, { dept_id: ids.hr })).status, 200);
  assert.equal((await hr.get('/api/notifications?unread=1')).json.total, hrBefore + 2);
  await hr.post(`/api/tickets/${t2.json.id}/return`, { reason: '退回测试' });
  const svcBefore = (await svc.get('/api/notifications?unread=1')).json.total;
  assert.ok(svcBefore >= 1);
  const r = await hr.post('/api/notifications/read-all');
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.read, hrBefore + 2);
  assert.equal((await hr.get('/api/notifications?unread=1')).json.total, 0);
  assert.equal((await svc.get('/api/notifications?unread=1')).json.total, svcBefore, 'other departments untouched');
  assert.equal((await hr.post('/api/notifications/read-all')).json.read, 0, 'nothing left');
  const entUnread = (await ent.get('/api/notifications?unread=1')).json.total;
  assert.ok(entUnread >= 2, 'the enterprise was told of the two acceptances');
  assert.equal((await ent.post('/api/notifications/read-all')).json.read, entUnread, 'its own, and only those');
  assert.equal((await admin.post('/api/notifications/read-all')).json.read, 0, 'no department: nothing');
});

test('a new request notifies the service center and the webhook, not the departments', async () => {
  const svcBefore = (await svc.get('/api/notifications?unread=1&page_size=200')).json.items.filter((x) => x.kind === 'submitted').length;
  const hrBefore = (await hr.get('/api/notifications?unread=1')).json.total;
  const t = await submit();
  assert.equal(t.status, 201, t.body);
  const n = (await svc.get('/api/notifications?unread=1&page_size=200')).json.items.filter((x) => x.kind === 'submitted');
  assert.equal(n.length, svcBefore + 1);
  const mine = n.find((x) => x.ticket_id === t.json.id);
  assert.ok(mine, 'the desk is told of the new request');
  assert.equal(mine.title, `新诉求待受理：${t.json.no} 四季度用工缺口30人`);
  assert.equal(mine.ticket_no, t.json.no);
  assert.equal((await svc.get(`/api/tickets/${mine.ticket_id}`)).status, 200);
  assert.equal((await hr.get('/api/notifications?unread=1')).json.total, hrBefore, 'not the departments');
  const hit = await until(() => got.find((g) => JSON.parse(g.body).ticket_id === t.json.id && JSON.parse(g.body).event === 'submitted'));
  assert.ok(hit, 'the webhook gets "submitted"');
  assert.equal(JSON.parse(hit.body).dept_id, null);
  // a request registered by the desk on the phone is announced too
  const phone = await svc.post('/api/tickets', { enterprise_id: ids.ent, channel: 'phone', category: '物流', title: '电话：拼车发运常州', description: '2万元货物发常州。' });
  assert.equal(phone.status, 201, phone.body);
  assert.ok((await svc.get('/api/notifications?unread=1&page_size=200')).json.items.some((x) => x.ticket_id === phone.json.id && x.kind === 'submitted'));
});

test('the enterprise is told when its request is accepted, asked for material, answered and closed', async () => {
  const kinds = async (c, tid) => (await c.get('/api/notifications?page_size=200')).json.items.filter((x) => x.ticket_id === tid).map((x) => x.kind);
  const t = (await submit()).json;
  assert.deepEqual(await kinds(ent, t.id), [], 'its own submission tells it nothing');
  assert.equal((await svc.post(`/api/tickets/${t.id}/accept`, { dept_id: ids.hr })).status, 200);
  const acc = (await ent.get('/api/notifications?unread=1')).json.items.find((x) => x.ticket_id === t.id);
  assert.equal(acc.kind, 'accepted');
  assert.equal(acc.title, `您的诉求已受理：${t.no} 四季度用工缺口30人`);
  assert.equal(acc.read, false);
  assert.deepEqual(await kinds(ent2, t.id), ['accepted'], 'every user of the enterprise');
  assert.deepEqual(await kinds(entB, t.id), [], 'not another enterprise');
  assert.ok(!(await kinds(hr, t.id)).includes('accepted'), 'not the department');
  assert.equal((await ent.get(`/api/tickets/${acc.ticket_id}`)).status, 200, 'it opens the request');

  assert.equal((await hr.post(`/api/tickets/${t.id}/start`)).status, 200);
  assert.equal((await hr.post(`/api/tickets/${t.id}/wait`, { body: '请补充近三月社保缴纳名单' })).status, 200);
  assert.equal((await kinds(ent, t.id))[0], 'supply_requested');
  assert.equal((await ent.post(`/api/tickets/${t.id}/supply`, { body: '已上传' })).status, 200);
  assert.equal((await hr.post(`/api/tickets/${t.id}/resolve`, { answer: '已安排专场招聘会' })).status, 200);
  const ans = (await ent.get('/api/notifications?page_size=200')).json.items.find((x) => x.ticket_id === t.id && x.kind === 'answered');
  assert.equal(ans.title, `您的诉求已办结答复，请评价：${t.no} 四季度用工缺口30人`);
  // the desk records a phone 回访: the enterprise learns its request is closed
  assert.equal((await svc.post(`/api/tickets/${t.id}/rate`, { rating: 'satisfied' })).status, 200);
  assert.deepEqual(await kinds(ent, t.id), ['closed', 'answered', 'supply_requested', 'accepted']);
  assert.deepEqual(await kinds(entB, t.id), []);

  // rejected and merged end it early; its own rating tells it nothing
  const r = (await submit()).json;
  assert.equal((await svc.post(`/api/tickets/${r.id}/reject`, { reason: '不属于受理范围' })).status, 200);
  assert.deepEqual(await kinds(ent, r.id), ['rejected']);
  const m = (await submit()).json;
  assert.equal((await svc.post(`/api/tickets/${m.id}/merge`, { into_id: t.id })).status, 200);
  assert.deepEqual(await kinds(ent, m.id), ['merged']);
  const own = (await submit()).json;
  await svc.post(`/api/tickets/${own.id}/accept`, { dept_id: ids.hr });
  await hr.post(`/api/tickets/${own.id}/resolve`, { answer: '已答复' });
  assert.equal((await ent.post(`/api/tickets/${own.id}/rate`, { rating: 'basic' })).status, 200);
  assert.deepEqual(await kinds(ent, own.id), ['answered', 'accepted']);

  // reading: only its own; the department cannot read it, nor it the department's
  const hrNote = (await hr.get('/api/notifications?page_size=200')).json.items[0];
  assert.equal((await ent.post(`/api/notifications/${hrNote.id}/read`)).status, 404);
  assert.equal((await hr.post(`/api/notifications/${acc.id}/read`)).status, 404);
  assert.equal((await entB.post(`/api/notifications/${acc.id}/read`)).status, 404);
  assert.equal((await ent.post(`/api/notifications/${acc.id}/read`)).status, 204);
  assert.equal((await ent.get('/api/notifications?page_size=200')).json.items.find((x) => x.id === acc.id).read, true);
  assert.equal((await ent2.get('/api/notifications?page_size=200')).json.items.find((x) => x.ticket_id === t.id && x.kind === 'accepted').read, false, 'each user reads its own');
});
