// Data scope (数据权限) and IDOR: a department user sees its department and children only, an
// enterprise user only its own enterprise; objects outside the scope are 404, not 403.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, adminClient, Client, uscc } from './lib.mjs';

let srv, admin, depts = {}, users = {};
const PW = 'Start-Passw0rd-2026';

async function loginChanged(username) {
  const c = new Client(srv.base);
  let r = await c.login(username, PW);
  assert.equal(r.status, 200, r.body);
  r = await c.put('/api/me/password', { old_password: PW, new_password: PW + 'x' });
  assert.equal(r.status, 204, r.body);
  return c;
}

before(async () => {
  srv = await startServer();
  admin = await adminClient(srv);
  for (const [key, name, parent] of [['inv', '招商局'], ['eco', '经发局'], ['inv1', '招商一分局', 'inv']]) {
    const r = await admin.post('/api/depts', { name, kind: 'investment', parent_id: parent ? depts[parent] : undefined });
    assert.equal(r.status, 201, r.body);
    depts[key] = r.json.id;
  }
  for (const [u, role, dept] of [['inv_head', 'dept_head', 'inv'], ['inv1_staff', 'staff', 'inv1'], ['eco_staff', 'staff', 'eco'], ['eco_head', 'dept_head', 'eco']]) {
    const r = await admin.post('/api/users', { username: u, role, dept_id: depts[dept], password: PW });
    assert.equal(r.status, 201, r.body);
    users[u] = r.json.id;
  }
});
after(async () => { await srv.stop(); });

test('department tree keeps materialised paths', async () => {
  const r = await admin.get('/api/depts');
  const inv1 = r.json.items.find((d) => d.id === depts.inv1);
  assert.equal(inv1.parent_id, depts.inv);
  assert.equal(inv1.path, `/${depts.inv}/${depts.inv1}/`);
});

test('a department head sees its department and its children, not a sibling', async () => {
  const c = await loginChanged('inv_head');
  const list = await c.get('/api/users');
  assert.equal(list.status, 200);
  const names = list.json.items.map((u) => u.username).sort();
  assert.deepEqual(names, ['inv1_staff', 'inv_head']);
  assert.equal((await c.get(`/api/users/${users.inv1_staff}`)).status, 200);
  const sibling = await c.get(`/api/users/${users.eco_staff}`);
  assert.equal(sibling.status, 404, 'a sibling department is invisible');
  assert.equal((await c.get('/api/users/1')).status, 404, 'the admin (no department) is invisible');
});

test('lower roles cannot reach admin routes (403)', async () => {
  const c = await loginChanged('eco_staff');
  assert.equal((await c.get('/api/users')).status, 403);
  assert.equal((await c.get('/api/audit')).status, 403);
  assert.equal((await c.post('/api/users', { username: 'x1x', role: 'admin', password: PW })).status, 403);
  assert.equal((await c.post('/api/depts', { name: 'x' })).status, 403);
});

test('a department head cannot edit users (403) and an admin cannot grant province', async () => {
  const c = await loginChanged('eco_head');
  assert.equal((await c.put(`/api/users/${users.eco_staff}`, { display_name: 'x' })).status, 403);
  const r = await admin.post('/api/users', { username: 'prov1', role: 'province', password: PW });
  assert.equal(r.status, 403);
});

test('moving a department moves its subtree', async () => {
  const r = await admin.put(`/api/depts/${depts.inv}`, { name: '招商局', kind: 'investment', parent_id: depts.eco });
  assert.equal(r.status, 204, r.body);
  const list = await admin.get('/api/depts');
  const inv1 = list.json.items.find((d) => d.id === depts.inv1);
  assert.equal(inv1.path, `/${depts.eco}/${depts.inv}/${depts.inv1}/`);
  const cycle = await admin.put(`/api/depts/${depts.eco}`, { name: '经发局', parent_id: depts.inv1 });
  assert.equal(cycle.status, 400);
  assert.equal(cycle.json.error.field, 'parent_id');
  // move back
  assert.equal((await admin.put(`/api/depts/${depts.inv}`, { name: '招商局', kind: 'investment' })).status, 204);
});

test('a department with users cannot be deleted (409)', async () => {
  const r = await admin.del(`/api/depts/${depts.eco}`);
  assert.equal(r.status, 409);
  const dup = await admin.post('/api/depts', { name: '经发局' });
  assert.equal(dup.status, 409);
  assert.equal(dup.json.error.field, 'name');
});

// Writes outside the caller's scope (issue 10 item 3): refused in the transaction that would
// make them, nothing written, so a client that retries makes no duplicates.
test('a department head cannot file, create or move outside its scope; nothing is written', async () => {
  const u = await admin.post('/api/users', { username: 'eco_head2', role: 'dept_head', dept_id: depts.eco, password: PW });
  assert.equal(u.status, 201, u.body);
  const head = await loginChanged('eco_head2');
  const make = (n) => uscc('91220101MB', n);
  const mk = async (n, dept) => {
    const r = await admin.post('/api/enterprises', { uscc: make(n), name: `范围测试企业${n}有限公司`, industry_code: '3670', dept_id: depts[dept] });
    assert.equal(r.status, 201, r.body);
    return r.json;
  };
  const own = await mk(1, 'eco'), foreign = await mk(2, 'inv');
  const counts = async () => ({
    tickets: (await admin.get('/api/tickets?page_size=1')).json.total,
    ents: (await admin.get('/api/enterprises?page_size=1&archived=all')).json.total,
    audit: (await admin.get('/api/audit?page_size=1')).json.total,
  });
  const before = await counts();
  const ticket = { enterprise_id: foreign.id, channel: 'phone', category: '用地', title: '越权代填诉求', description: '为其他部门的企业代填。' };
  for (let i = 0; i < 2; i++) { // the retry of a client that saw an error
    const r = await head.post('/api/tickets', ticket);
    assert.equal(r.status, 404, r.body);
    assert.equal(r.json.error.field, 'enterprise_id');
  }
  const c = await head.post('/api/enterprises', { uscc: make(3), name: '划给他部门有限公司', industry_code: '3670', dept_id: depts.inv });
  assert.equal(c.status, 403, c.body);
  assert.equal(c.json.error.field, 'dept_id');
  const none = await head.post('/api/enterprises', { uscc: make(4), name: '无主管部门有限公司', industry_code: '3670' });
  assert.equal(none.status, 403, 'an enterprise without a department is outside a department scope');
  const moved = await head.put(`/api/enterprises/${own.id}`, { uscc: own.uscc, name: own.name, industry_code: '3670', dept_id: depts.inv });
  assert.equal(moved.status, 403, moved.body);
  const third = await head.put(`/api/enterprises/${foreign.id}`, { uscc: foreign.uscc, name: foreign.name, industry_code: '3670', dept_id: depts.eco });
  assert.equal(third.status, 404, 'another department’s enterprise is not even seen');
  assert.deepEqual(await counts(), before, 'nothing was written');
  assert.equal((await admin.get(`/api/enterprises/${own.id}`)).json.dept_id, depts.eco);
  assert.equal((await admin.get(`/api/enterprises/${foreign.id}`)).json.dept_id, depts.inv);
  // within the scope the same calls work, and the head reads what it filed
  const ok = await head.post('/api/tickets', { ...ticket, enterprise_id: own.id });
  assert.equal(ok.status, 201, ok.body);
  assert.equal((await head.get(`/api/tickets/${ok.json.id}`)).status, 200);
  const mine = await head.post('/api/enterprises', { uscc: make(5), name: '本部门新企业有限公司', industry_code: '3670', dept_id: depts.eco });
  assert.equal(mine.status, 201, mine.body);
});
