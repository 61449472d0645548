// Data scope (数据权限) and IDOR: a department user sees its department and children only, an
// enterprise user only its own enterprise; objects outside the scope are 404, not 403.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, adminClient, Client } from './lib.mjs';

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
