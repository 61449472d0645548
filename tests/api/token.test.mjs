// API tokens (issue 10 item 9): a token is scoped like a user of its role, bound to its
// enterprise or department, not to its creator's scope; what it does is recorded as the token;
// each use writes last_used_at; it is no user account.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, adminClient, Client, uscc } from './lib.mjs';

let srv, admin;
const ids = {};
const make = (n) => uscc('91220101MA', n);

/** A client that sends the token as a bearer (no session, no CSRF token). */
function bearer(token) {
  const c = new Client(srv.base);
  const h = { Authorization: 'Bearer ' + token };
  c.get = (p) => c.req('GET', p, undefined, { headers: h });
  c.post = (p, b) => c.req('POST', p, b ?? {}, { headers: h });
  c.put = (p, b) => c.req('PUT', p, b ?? {}, { headers: h });
  return c;
}

const submit = (c, extra = {}) => c.post('/api/tickets', { category: '融资', title: '流动资金贷款续贷', description: '三个月内到期贷款需续贷，请协调银行。', ...extra });

before(async () => {
  srv = await startServer();
  admin = await adminClient(srv);
  for (const [k, name, kind] of [['inv', '招商局', 'investment'], ['eco', '经发局', 'economic']]) {
    const r = await admin.post('/api/depts', { name, kind });
    assert.equal(r.status, 201, r.body);
    ids[k] = r.json.id;
  }
  for (const [k, name, n, dept] of [['A', '长春华通汽车零部件有限公司', 1, 'inv'], ['B', '长春三鑫电子有限公司', 2, 'eco'], ['C', '长春泰盟机械有限公司', 3, 'inv']]) {
    const r = await admin.post('/api/enterprises', { uscc: make(n), name, industry_code: '3670', dept_id: ids[dept] });
    assert.equal(r.status, 201, r.body);
    ids['ent' + k] = r.json.id;
    const t = await submit(admin, { enterprise_id: r.json.id, channel: 'phone', title: `${name}的诉求` });
    assert.equal(t.status, 201, t.body);
    ids['t' + k] = t.json.id;
  }
});
after(async () => { await srv.stop(); });

test('an enterprise token needs its enterprise, and reads and files for that one only', async () => {
  const unbound = await admin.post('/api/tokens', { name: '企业对接', role: 'enterprise' });
  assert.equal(unbound.status, 400, 'an enterprise token without its enterprise');
  assert.equal(unbound.json.error.field, 'enterprise_id');
  const bad = await admin.post('/api/tokens', { name: '企业对接', role: 'enterprise', enterprise_id: 999999 });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.field, 'enterprise_id');
  const r = await admin.post('/api/tokens', { name: '华通对接', role: 'enterprise', enterprise_id: ids.entA });
  assert.equal(r.status, 201, r.body);
  const tok = bearer(r.json.token);
  // it reads as the enterprise's own user would: one enterprise, its requests
  const ents = await tok.get('/api/enterprises?page_size=200');
  assert.equal(ents.status, 200, ents.body);
  assert.deepEqual(ents.json.items.map((e) => e.id), [ids.entA]);
  assert.equal((await tok.get(`/api/enterprises/${ids.entB}`)).status, 404);
  const list = await tok.get('/api/tickets?page_size=200');
  assert.deepEqual(list.json.items.map((t) => t.id), [ids.tA]);
  assert.equal((await tok.get(`/api/tickets/${ids.tB}`)).status, 404);
  // and files for its enterprise
  const t = await submit(tok, { enterprise_id: ids.entB });
  assert.equal(t.status, 201, t.body);
  assert.equal(t.json.enterprise_id, ids.entA, 'an enterprise files for itself whatever it names');
  // recorded as the token, not as the administrator who made it
  const view = await admin.get(`/api/tickets/${t.json.id}`);
  assert.equal(view.json.timeline[0].user_name, 'API令牌：华通对接');
  assert.equal(view.json.timeline[0].user_id, null);
  const audit = await admin.get(`/api/audit?obj_type=ticket&obj_id=${t.json.id}`);
  assert.equal(audit.json.items.length, 1);
  assert.equal(audit.json.items[0].username, `API令牌#${r.json.id}`);
  assert.equal(audit.json.items[0].user_id, null);
  // last_used_at written, the binding listed
  const row = (await admin.get('/api/tokens')).json.items.find((x) => x.id === r.json.id);
  assert.ok(row.last_used_at, 'last_used_at is written');
  assert.equal(row.data_scope, 'enterprise');
  assert.equal(row.enterprise_id, ids.entA);
  assert.equal(row.enterprise_name, '长春华通汽车零部件有限公司');
});

test('a department token needs its department and sees what the department sees', async () => {
  for (const [body, field] of [
    [{ role: 'staff' }, 'dept_id'],
    [{ role: 'staff', dept_id: 999999 }, 'dept_id'],
    [{ role: 'staff', dept_id: ids.inv, data_scope: 'self' }, 'data_scope'],
    [{ role: 'staff', dept_id: ids.inv, data_scope: 'all' }, 'data_scope'],
    [{ role: 'staff', dept_id: ids.inv, data_scope: 'enterprise' }, 'data_scope'],
    [{ role: 'staff', dept_id: ids.inv, enterprise_id: ids.entA }, 'enterprise_id'],
    [{ role: 'enterprise', enterprise_id: ids.entA, dept_id: ids.inv }, 'dept_id'],
    [{ role: 'leader', data_scope: 'dept' }, 'dept_id'],
    [{ role: 'province' }, 'role'],
  ]) {
    const r = await admin.post('/api/tokens', { name: '部门对接', ...body });
    assert.equal(r.status, 400, `${JSON.stringify(body)}: ${r.body}`);
    assert.equal(r.json.error.field, field, JSON.stringify(body));
  }
  // one rule binds tokens and users alike: the same answer for the same missing or wrong link
  for (const body of [{ role: 'staff' }, { role: 'staff', dept_id: 999999 }, { role: 'enterprise' },
    { role: 'enterprise', enterprise_id: ids.entA, dept_id: ids.inv }, { role: 'leader', enterprise_id: ids.entA }]) {
    const k = await admin.post('/api/tokens', { name: '部门对接', ...body });
    const u = await admin.post('/api/users', { username: 'bind.check', password: 'Start-Passw0rd-2026', ...body });
    assert.equal(k.status, 400, k.body);
    assert.deepEqual([k.json.error.field, k.json.error.message], [u.json.error.field, u.json.error.message], JSON.stringify(body));
  }
  const r = await admin.post('/api/tokens', { name: '招商局对接', role: 'staff', dept_id: ids.inv });
  assert.equal(r.status, 201, r.body);
  const tok = bearer(r.json.token);
  const ents = await tok.get('/api/enterprises?page_size=200');
  assert.deepEqual(ents.json.items.map((e) => e.id).sort(), [ids.entA, ids.entC].sort());
  // it files for its department's enterprises, not for another's (nothing written)
  const before = (await admin.get('/api/tickets?page_size=1')).json.total;
  const no = await submit(tok, { enterprise_id: ids.entB, channel: 'phone' });
  assert.equal(no.status, 404, no.body);
  assert.equal((await admin.get('/api/tickets?page_size=1')).json.total, before);
  const yes = await submit(tok, { enterprise_id: ids.entC, channel: 'phone' });
  assert.equal(yes.status, 201, yes.body);
  const tickets = await tok.get('/api/tickets?page_size=200');
  assert.ok(tickets.json.items.every((t) => [ids.entA, ids.entC].includes(t.enterprise_id)));
  assert.ok(!tickets.json.items.some((t) => t.id === ids.tB));
  const zone = await admin.post('/api/tokens', { name: '全园区只读', role: 'leader' });
  assert.equal(zone.status, 201, zone.body);
  assert.equal((await bearer(zone.json.token).get('/api/enterprises?page_size=1')).json.total, 3);
});

test('a token is no user account: the routes of one\'s own account refuse it', async () => {
  const r = await admin.post('/api/tokens', { name: '管理集成', role: 'admin' });
  const tok = bearer(r.json.token);
  assert.equal((await tok.get('/api/me')).status, 403);
  assert.equal((await tok.put('/api/me/password', { old_password: 'x', new_password: 'y' })).status, 403);
  assert.equal((await tok.post('/api/me/totp/enrol')).status, 403);
  assert.equal((await tok.get('/api/depts')).status, 200);
});

test('a token bound to the service center works as its officers do: the whole zone and its figures', async () => {
  const desk = await admin.post('/api/depts', { name: '企业服务中心', kind: 'service_center' });
  assert.equal(desk.status, 201, desk.body);
  // bound as the console binds an officer: the role and the department, no data scope
  const r = await admin.post('/api/tokens', { name: '12345热线', role: 'staff', dept_id: desk.json.id });
  assert.equal(r.status, 201, r.body);
  const tok = bearer(r.json.token);
  const all = (await admin.get('/api/tickets?page_size=200')).json.items.map((t) => t.id).sort();
  const seen = await tok.get('/api/tickets?page_size=200');
  assert.equal(seen.status, 200, seen.body);
  assert.deepEqual(seen.json.items.map((t) => t.id).sort(), all, 'every request of the zone');
  assert.ok([ids.tA, ids.tB, ids.tC].every((id) => all.includes(id)));
  assert.equal((await tok.get(`/api/tickets/${ids.tB}`)).status, 200);
  const stats = await tok.get('/api/tickets/stats');
  assert.equal(stats.status, 200, stats.body);
  // it files for any enterprise of the zone, as the desk does
  const t = await submit(tok, { enterprise_id: ids.entB, channel: 'hotline' });
  assert.equal(t.status, 201, t.body);
  // its binding is listed as made; the desk's widening is the department's, not the token's
  const row = (await admin.get('/api/tokens')).json.items.find((x) => x.id === r.json.id);
  assert.equal(row.data_scope, 'dept');
  assert.equal(row.dept_name, '企业服务中心');
});
