// Migration 0013 (src/db/migrations/0013_work.*.sql) carries what a request's work services stored
// before it: the database is taken back to version 12 (the timeline, attachments and
// notifications in the request's own tables, 督办 in its columns), `yuanqu migrate` takes it
// forward again, and the restarted server answers the same JSON for every request (its
// timeline, attachments and their bytes, as each role sees them), the notifications of each
// department and of the enterprise, the escalated list and the webhook deliveries.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { startServer, adminClient, cli, uscc, newUser } from './lib.mjs';
import { sql, undo0013, migratedFrom } from './undo_migrations.mjs';

const PW = 'Start-Passw0rd-2026';
const ENV = { YUANQU_WEBHOOK_ALLOW: '127.0.0.1/32' };
let srv, db;
const ids = {};

/** A multipart/form-data body with one file. */
function upload(name, bytes) {
  const b = '----yq' + randomBytes(8).toString('hex');
  const body = Buffer.concat([Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n` +
    'Content-Type: application/octet-stream\r\n\r\n'), Buffer.from(bytes), Buffer.from(`\r\n--${b}--\r\n`)]);
  return [new Uint8Array(body), { headers: { 'Content-Type': `multipart/form-data; boundary=${b}` } }];
}

async function clients(server) {
  const c = { admin: await adminClient(server) };
  for (const u of ['svc13', 'hr13', 'lead13', 'ent13']) {
    c[u] = new (c.admin.constructor)(server.base);
    assert.equal((await c[u].login(u, PW + 'x')).status, 200); // newUser changed the forced password
  }
  return c;
}

/** Everything the work services answer about the requests, as each role sees it. */
async function capture(c) {
  const out = { tickets: {}, notes: {} };
  for (const id of [ids.t1, ids.t2]) {
    for (const who of ['svc13', 'hr13', 'lead13', 'ent13']) {
      const one = await c[who].get(`/api/tickets/${id}`);
      const list = await c[who].get(`/api/tickets/${id}/attachments`);
      const bytes = [];
      for (const a of list.json?.items ?? []) {
        const d = await c[who].req('GET', `/api/tickets/${id}/attachments/${a.id}`);
        bytes.push(d.status + ':' + createHash('sha256').update(d.raw ?? d.body).digest('hex'));
      }
      out.tickets[`${id}/${who}`] = { status: one.status, one: one.json, list: list.json, bytes };
    }
  }
  for (const who of ['svc13', 'hr13', 'ent13']) out.notes[who] = (await c[who].get('/api/notifications?page_size=100')).json;
  out.escalated = (await c.lead13.get('/api/tickets?escalated=1')).json;
  out.webhooks = (await c.admin.get('/api/webhooks')).json.items.map(({ format, ...w }) => w);
  out.deliveries = (await c.admin.get('/api/webhooks/deliveries?page_size=100')).json.items
    .map(({ id, webhook_id, url, event, payload, created_at }) => ({ id, webhook_id, url, event, payload, created_at }));
  return out;
}

let beforeJson;

before(async () => {
  srv = await startServer({ env: ENV });
  db = srv.db;
  const admin = await adminClient(srv);
  ids.svc = (await admin.post('/api/depts', { name: '企业服务中心', kind: 'service_center' })).json.id;
  ids.hr = (await admin.post('/api/depts', { name: '人社局', kind: 'other' })).json.id;
  ids.ent = (await admin.post('/api/enterprises', { uscc: uscc('91430112MA', 71), name: '望城华通智能终端有限公司', industry_code: '3922' })).json.id;
  await newUser(srv, admin, 'svc13', 'staff', { dept_id: ids.svc, data_scope: 'zone' }, PW);
  await newUser(srv, admin, 'hr13', 'staff', { dept_id: ids.hr }, PW);
  await newUser(srv, admin, 'lead13', 'leader', {}, PW);
  await newUser(srv, admin, 'ent13', 'enterprise', { enterprise_id: ids.ent }, PW);
  const c = await clients(srv);
  assert.equal((await c.admin.post('/api/webhooks', { url: 'http://127.0.0.1:9/hook', secret: 's' })).status, 201);
  const t1 = await c.ent13.post('/api/tickets', { category: '用工', title: '用工缺口', description: '急需普工30人。' });
  const t2 = await c.ent13.post('/api/tickets', { category: '用地', title: '用地审批', description: '请协调用地指标。' });
  ids.t1 = t1.json.id;
  ids.t2 = t2.json.id;
  for (const id of [ids.t1, ids.t2]) assert.equal((await c.svc13.post(`/api/tickets/${id}/accept`, { dept_id: ids.hr })).status, 200);
  assert.equal((await c.hr13.post(`/api/tickets/${ids.t1}/start`)).status, 200);
  assert.equal((await c.hr13.post(`/api/tickets/${ids.t1}/comments`, { body: '内部：已联系学院', internal: true })).status, 200);
  assert.equal((await c.hr13.post(`/api/tickets/${ids.t1}/comments`, { body: '下周安排招聘会' })).status, 200);
  assert.equal((await c.hr13.req('POST', `/api/tickets/${ids.t1}/attachments`, ...upload('用工计划.pdf', '%PDF-1.4 plan'))).status, 201);
  const gone = await c.ent13.req('POST', `/api/tickets/${ids.t1}/attachments`, ...upload('名单.txt', '张三\n李四\n'));
  assert.equal(gone.status, 201);
  assert.equal((await c.ent13.del(`/api/tickets/${ids.t1}/attachments/${gone.json.id}`)).status, 204);
  assert.equal((await c.ent13.req('POST', `/api/tickets/${ids.t1}/attachments`, ...upload('营业执照.png', Buffer.from('89504e470d0a1a0a0000', 'hex')))).status, 201);
  assert.equal((await c.lead13.post(`/api/tickets/${ids.t1}/escalate`, { level: 'orange', note: '限期办结', deadline: '2026-12-31' })).status, 200);
  assert.equal((await c.lead13.post(`/api/tickets/${ids.t2}/escalate`, { level: 'red', note: '影响投产' })).status, 200);
  assert.equal((await c.hr13.post(`/api/tickets/${ids.t2}/resolve`, { answer: '已协调' })).status, 200);
  assert.equal((await c.ent13.post(`/api/tickets/${ids.t2}/rate`, { rating: 'satisfied' })).status, 200);
  beforeJson = await capture(c);
  await srv.stop();
});
after(async () => { await srv?.stop(); });

test('a database at version 12 is migrated and serves the same timelines, attachments and notifications', async () => {
  undo0013(db);
  assert.equal(sql(db, 'SELECT MAX(version) AS v FROM schema_version')[0].v, 12);
  assert.equal(sql(db, "SELECT COUNT(*) AS n FROM ticket WHERE escalated = 2")[0].n, 1, 'the settled 督办 in the old columns');
  const m = cli(['migrate', '--db', db]);
  assert.equal(m.code, 0, m.stderr);
  assert.match(m.stdout, migratedFrom(12));
  srv = await startServer({ db, env: ENV });
  const afterJson = await capture(await clients(srv));
  assert.deepEqual(afterJson, beforeJson);
  // what was captured is worth comparing
  const t1 = beforeJson.tickets[`${ids.t1}/hr13`].one;
  assert.deepEqual(t1.timeline.map((e) => e.action), ['submit', 'accept', 'start', 'note', 'reply', 'attach', 'attach', 'detach', 'attach', 'escalate']);
  assert.equal(t1.attachments.length, 2);
  assert.equal(beforeJson.tickets[`${ids.t1}/ent13`].one.timeline.some((e) => e.action === 'note'), false);
  assert.deepEqual(beforeJson.escalated.items.map((t) => t.id), [ids.t1]);
  assert.deepEqual(beforeJson.notes.ent13.items.map((n) => n.kind).sort(), ['accepted', 'accepted', 'answered'], 'the enterprise was told of both requests');
  assert.ok(beforeJson.deliveries.length >= 4);
  // ids carry on after the copied tables
  const c = await clients(srv);
  const r = await c.hr13.post(`/api/tickets/${ids.t1}/comments`, { body: '迁移后的回复' });
  assert.equal(r.status, 200);
  const last = r.json && (await c.hr13.get(`/api/tickets/${ids.t1}`)).json.timeline.at(-1);
  assert.ok(last.id > t1.timeline.at(-1).id);
  assert.equal((await c.hr13.req('POST', `/api/tickets/${ids.t1}/attachments`, ...upload('补充.txt', 'x'))).json.id, 4);
});
