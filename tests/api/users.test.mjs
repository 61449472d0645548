// Users added in the console can work: the department or enterprise a role needs is required and
// checked in the caller's zone, editing can change it, and a member of the 企业服务中心 (a
// department of kind service_center) added like any other staff member reads the zone's requests,
// opens what it is notified of, and gets the statistics and the daily briefing (the desk that
// takes in, routes and chases every request, and compiles the briefing).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, adminClient, Client, uscc, newUser } from './lib.mjs';

let srv, admin, hr, entA;
const ids = {};
const PW = 'Start-Passw0rd-2026';
const make = (n) => uscc('91320684MA', n);

before(async () => {
  srv = await startServer();
  admin = await adminClient(srv);
  for (const [k, name, kind] of [['svc', '企业服务中心', 'service_center'], ['hr', '人社局', 'other'], ['sub', '人社局综合科', 'other']]) {
    const r = await admin.post('/api/depts', { name, kind, parent_id: k === 'sub' ? ids.hr : undefined });
    assert.equal(r.status, 201, r.body);
    ids[k] = r.json.id;
  }
  for (const [k, name, n] of [['A', '海门三鑫电子有限公司', 1], ['B', '海门华通塑胶有限公司', 2]]) {
    ids['ent' + k] = (await admin.post('/api/enterprises', { uscc: make(n), name, industry_code: '3922' })).json.id;
  }
  hr = await newUser(srv, admin, 'hr_wang', 'staff', { dept_id: ids.hr }, PW);
  entA = await newUser(srv, admin, 'ent_a', 'enterprise', { enterprise_id: ids.entA }, PW);
});
after(async () => { await srv.stop(); });

test('the department or enterprise a role needs is required, with a Chinese field error', async () => {
  let r = await admin.post('/api/users', { username: 'no_dept', role: 'staff', password: PW });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'dept_id');
  assert.equal(r.json.error.message, '请选择所属部门');
  r = await admin.post('/api/users', { username: 'no_dept2', role: 'dept_head', password: PW });
  assert.equal(r.json.error.field, 'dept_id');
  r = await admin.post('/api/users', { username: 'no_ent', role: 'enterprise', password: PW });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'enterprise_id');
  assert.equal(r.json.error.message, '请选择所属企业');
  r = await admin.post('/api/users', { username: 'bad_dept', role: 'staff', dept_id: 999999, password: PW });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'dept_id');
  assert.equal(r.json.error.message, '部门不存在');
  r = await admin.post('/api/users', { username: 'bad_ent', role: 'enterprise', enterprise_id: 999999, password: PW });
  assert.equal(r.json.error.field, 'enterprise_id');
  assert.equal(r.json.error.message, '企业不存在');
  r = await admin.post('/api/users', { username: 'ent_dept', role: 'enterprise', enterprise_id: ids.entA, dept_id: ids.hr, password: PW });
  assert.equal(r.status, 400, 'an enterprise user belongs to no department (it would read the department’s notifications)');
  assert.equal(r.json.error.field, 'dept_id');
  assert.equal(r.json.error.message, '企业用户不属于部门');
  r = await admin.post('/api/users', { username: 'staff_ent', role: 'staff', dept_id: ids.hr, enterprise_id: ids.entA, password: PW });
  assert.equal(r.json.error.field, 'enterprise_id');
  assert.equal((await admin.get('/api/users?q=no_')).json.total, 0, 'nothing was created');
});

test('the user JSON names the department and the enterprise', async () => {
  const list = (await admin.get('/api/users?q=ent_a')).json.items;
  assert.equal(list.length, 1);
  assert.equal(list[0].enterprise_id, ids.entA);
  assert.equal(list[0].enterprise_name, '海门三鑫电子有限公司');
  const h = (await admin.get('/api/users?q=hr_wang')).json.items[0];
  assert.equal(h.dept_name, '人社局');
  assert.equal(h.enterprise_name, null);
});

test('editing a user changes the department and the enterprise, checked like a new one', async () => {
  const u = (await admin.post('/api/users', { username: 'moving', role: 'staff', dept_id: ids.hr, password: PW })).json;
  let r = await admin.put(`/api/users/${u.id}`, { dept_id: ids.sub });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.dept_id, ids.sub);
  assert.equal(r.json.dept_name, '人社局综合科');
  r = await admin.put(`/api/users/${u.id}`, { dept_id: 999999 });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'dept_id');
  // becomes an enterprise user: the enterprise is required, the department goes
  r = await admin.put(`/api/users/${u.id}`, { role: 'enterprise' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'enterprise_id');
  r = await admin.put(`/api/users/${u.id}`, { role: 'enterprise', enterprise_id: ids.entA });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.enterprise_id, ids.entA);
  assert.equal(r.json.dept_id, null);
  r = await admin.put(`/api/users/${u.id}`, { enterprise_id: ids.entB });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.enterprise_name, '海门华通塑胶有限公司');
  r = await admin.put(`/api/users/${u.id}`, { enterprise_id: 999999 });
  assert.equal(r.json.error.field, 'enterprise_id');
  // and back to staff: the department is required again, the enterprise goes
  r = await admin.put(`/api/users/${u.id}`, { role: 'staff' });
  assert.equal(r.json.error.field, 'dept_id');
  r = await admin.put(`/api/users/${u.id}`, { role: 'staff', dept_id: ids.svc });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.enterprise_id, null);
  assert.equal(r.json.dept_id, ids.svc);
  const audit = (await admin.get(`/api/audit?obj_type=user&obj_id=${u.id}`)).json.items;
  assert.ok(audit.some((a) => a.changes && a.changes.enterprise_id), 'the change of enterprise is audited');
});

test('a service-center officer added like any staff member works the whole zone’s requests', async () => {
  // what the console sends: no data scope, just the role and the department
  const created = await admin.post('/api/users', { username: 'svc_new', display_name: '新服务专员', role: 'staff', dept_id: ids.svc, password: PW });
  assert.equal(created.status, 201, created.body);
  const svc = new Client(srv.base);
  assert.equal((await svc.login('svc_new', PW)).status, 200);
  assert.equal((await svc.put('/api/me/password', { old_password: PW, new_password: PW + 'x' })).status, 204);
  const me = (await svc.get('/api/me')).json;
  assert.ok(me.permissions.includes('ticket.stats'), 'the desk gets the figures');
  assert.ok(me.permissions.includes('ticket.triage'));

  const t = await entA.post('/api/tickets', { category: '用工', title: '急需普工20人', description: '订单增加，急需普工。', contact_name: '张经理', contact_phone: '13900000001' });
  assert.equal(t.status, 201, t.body);
  const list = await svc.get('/api/tickets?status=received');
  assert.deepEqual(list.json.items.map((x) => x.id), [t.json.id], 'the zone’s new request is in its intake');
  assert.equal((await svc.post(`/api/tickets/${t.json.id}/accept`, { dept_id: ids.hr })).status, 200);
  // the department returns it: the desk is notified and the notification opens
  assert.equal((await hr.post(`/api/tickets/${t.json.id}/return`, { reason: '不属本局职责' })).status, 200);
  const n = (await svc.get('/api/notifications')).json.items.find((x) => x.kind === 'returned');
  assert.ok(n, 'the desk is told of the return');
  assert.equal((await svc.get(`/api/tickets/${n.ticket_id}`)).status, 200, 'and the request opens (no 404)');
  // a request the desk accepted into a department stays in view while that department works it
  await svc.post(`/api/tickets/${t.json.id}/accept`, { dept_id: ids.hr });
  await hr.post(`/api/tickets/${t.json.id}/start`);
  assert.equal((await svc.get(`/api/tickets/${t.json.id}`)).status, 200);

  const stats = await svc.get('/api/tickets/stats');
  assert.equal(stats.status, 200, stats.body);
  assert.equal(stats.json.total.received, 1, 'the zone’s figures');
  const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
  const b = await svc.get(`/api/tickets/briefing?date=${today}`);
  assert.equal(b.status, 200, 'the desk compiles the daily briefing');
  assert.match(b.body, /急需普工20人/);
});

test('the grant follows the department kind, not the role alone', async () => {
  // staff of an ordinary department: its own requests, no figures
  const me = (await hr.get('/api/me')).json;
  assert.ok(!me.permissions.includes('ticket.stats'));
  assert.equal((await hr.get('/api/tickets/stats')).status, 403);
  assert.equal((await hr.get('/api/tickets/briefing')).status, 403);
  const t = await entA.post('/api/tickets', { category: '融资', title: '流动资金贷款500万元', description: '请协助对接银行。' });
  assert.equal((await hr.get(`/api/tickets/${t.json.id}`)).status, 404, 'not routed to it');
  // moving an officer out of the service center takes the grant away at once
  const u = (await admin.get('/api/users?q=svc_new')).json.items[0];
  const svc = new Client(srv.base);
  assert.equal((await svc.login('svc_new', PW + 'x')).status, 200);
  assert.equal((await svc.get(`/api/tickets/${t.json.id}`)).status, 200);
  assert.equal((await admin.put(`/api/users/${u.id}`, { dept_id: ids.sub })).status, 200);
  assert.equal((await svc.get(`/api/tickets/${t.json.id}`)).status, 404);
  assert.equal((await svc.get('/api/tickets/stats')).status, 403);
  assert.ok(!(await svc.get('/api/me')).json.permissions.includes('ticket.stats'));
});
