// Accounts: login, sessions, CSRF, forced password change, lockout and throttling, login log.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, adminClient, Client, ADMIN_PASS, sleep } from './lib.mjs';

let srv, admin;
before(async () => { srv = await startServer({ args: ['--login-ip-limit', '1000'] }); admin = await adminClient(srv); });
after(async () => { await srv.stop(); });

async function makeUser(username, role = 'leader', extra = {}) {
  const password = 'Init-Passw0rd-' + username;
  const r = await admin.post('/api/users', { username, display_name: username, role, password, ...extra });
  assert.equal(r.status, 201, r.body);
  return { id: r.json.id, password };
}

test('login answers the user, a CSRF token and an HttpOnly SameSite=Strict cookie', async () => {
  const c = new Client(srv.base);
  const r = await c.login('admin', ADMIN_PASS);
  assert.equal(r.status, 200);
  assert.equal(r.json.user.username, 'admin');
  assert.match(r.json.csrf_token, /^[0-9a-f]{32}$/);
  const cookie = r.headers.get('set-cookie');
  assert.match(cookie, /^yq_session=[0-9a-f]{64};/);
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  assert.ok(r.json.permissions.includes('user.write'));
});

test('wrong password and unknown user give the same 401', async () => {
  const a = await new Client(srv.base).login('admin', 'wrong-password-1A');
  const b = await new Client(srv.base).login('nobody-here', 'wrong-password-1A');
  assert.equal(a.status, 401);
  assert.equal(b.status, 401);
  assert.equal(a.json.error.code, 'bad_credentials');
  assert.equal(a.json.error.message, b.json.error.message);
});

test('a new session token at every login; logout revokes it', async () => {
  const c1 = new Client(srv.base), c2 = new Client(srv.base);
  await c1.login('admin', ADMIN_PASS);
  await c2.login('admin', ADMIN_PASS);
  assert.notEqual(c1.cookies.yq_session, c2.cookies.yq_session);
  const saved = { ...c1.cookies };
  assert.equal((await c1.post('/api/logout')).status, 204);
  const stale = new Client(srv.base);
  stale.cookies = saved;
  const r = await stale.get('/api/me');
  assert.equal(r.status, 401);
  assert.equal((await c2.get('/api/me')).status, 200, 'the other session lives on');
});

test('no session is 401; a forged cookie is 401', async () => {
  assert.equal((await new Client(srv.base).get('/api/me')).status, 401);
  const c = new Client(srv.base);
  c.cookies.yq_session = 'a'.repeat(64);
  const r = await c.get('/api/me');
  assert.equal(r.status, 401);
});

test('state changes need the CSRF token', async () => {
  const c = new Client(srv.base);
  await c.login('admin', ADMIN_PASS);
  const token = c.csrf;
  c.csrf = null;
  const r = await c.post('/api/depts', { name: '无令牌部门' });
  assert.equal(r.status, 403);
  assert.equal(r.json.error.code, 'csrf');
  const bad = await c.post('/api/depts', { name: '错令牌部门' }, { headers: { 'X-CSRF-Token': 'f'.repeat(32) } });
  assert.equal(bad.status, 403);
  c.csrf = token;
  const ok = await c.post('/api/depts', { name: '有令牌部门' });
  assert.equal(ok.status, 201);
});

test('a user made by an admin must change the password first', async () => {
  const u = await makeUser('leader1');
  const c = new Client(srv.base);
  const r = await c.login('leader1', u.password);
  assert.equal(r.status, 200);
  assert.equal(r.json.user.must_change_password, true);
  const blocked = await c.get('/api/users');
  assert.equal(blocked.status, 403);
  assert.equal(blocked.json.error.code, 'password_change_required');
  const weak = await c.put('/api/me/password', { old_password: u.password, new_password: 'short' });
  assert.equal(weak.status, 400);
  assert.equal(weak.json.error.field, 'new_password');
  const classes = await c.put('/api/me/password', { old_password: u.password, new_password: 'alllowercaseletters' });
  assert.equal(classes.status, 400);
  const same = await c.put('/api/me/password', { old_password: u.password, new_password: 'Leader1' });
  assert.equal(same.status, 400);
  const wrongOld = await c.put('/api/me/password', { old_password: 'Nope-nope-1234', new_password: 'New-Passw0rd-2026' });
  assert.equal(wrongOld.status, 400);
  assert.equal(wrongOld.json.error.field, 'old_password');
  const ok = await c.put('/api/me/password', { old_password: u.password, new_password: 'New-Passw0rd-2026' });
  assert.equal(ok.status, 204, ok.body);
  assert.equal((await c.get('/api/users')).status, 200);
  assert.equal((await new Client(srv.base).login('leader1', 'New-Passw0rd-2026')).status, 200);
});

test('password equal to the user name is refused', async () => {
  const r = await admin.post('/api/users', { username: 'Abc-Def-1234', role: 'leader', password: 'Abc-Def-1234' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'password');
});

test('five wrong passwords lock the account for 15 minutes (429)', async () => {
  const u = await makeUser('victim1');
  const c = new Client(srv.base);
  for (let i = 0; i < 4; i++) {
    const r = await c.login('victim1', 'Wrong-Passw0rd-' + i);
    assert.equal(r.status, 401);
  }
  const fifth = await c.login('victim1', 'Wrong-Passw0rd-5');
  assert.equal(fifth.status, 429);
  assert.equal(fifth.json.error.code, 'account_locked');
  assert.ok(fifth.json.error.retry_after > 800 && fifth.json.error.retry_after <= 900);
  const right = await c.login('victim1', u.password);
  assert.equal(right.status, 429, 'even the right password is refused while locked');
  assert.ok(Number(right.headers.get('retry-after')) > 0);
  // the admin unlocks
  assert.equal((await admin.post(`/api/users/${u.id}/unlock`)).status, 204);
  assert.equal((await c.login('victim1', u.password)).status, 200);
});

test('an admin lock ends the sessions and refuses logins', async () => {
  const u = await makeUser('locked1');
  const c = new Client(srv.base);
  assert.equal((await c.login('locked1', u.password)).status, 200);
  assert.equal((await admin.post(`/api/users/${u.id}/lock`)).status, 204);
  assert.equal((await c.get('/api/me')).status, 401);
  const r = await new Client(srv.base).login('locked1', u.password);
  assert.equal(r.status, 403);
  assert.equal((await admin.post(`/api/users/${admin ? 1 : 1}/lock`)).status, 409, 'an admin cannot lock itself');
});

test('every login attempt is in the login log', async () => {
  await new Client(srv.base).login('admin', 'not-the-password-1A');
  const r = await admin.get('/api/logins?username=admin');
  assert.equal(r.status, 200);
  assert.ok(r.json.total >= 2);
  assert.ok(r.json.items.some((x) => x.success === false && x.reason === 'bad_password'));
  assert.ok(r.json.items.some((x) => x.success === true));
  const unknown = await admin.get('/api/logins?username=nobody-here');
  assert.ok(unknown.json.items.some((x) => x.reason === 'unknown_user'));
});

test('users list filters and pagination', async () => {
  const r = await admin.get('/api/users?page=1&page_size=2');
  assert.equal(r.status, 200);
  assert.equal(r.json.items.length, 2);
  assert.ok(r.json.total >= 4);
  const f = await admin.get('/api/users?role=admin');
  assert.ok(f.json.items.every((u) => u.role === 'admin'));
  const bad = await admin.get('/api/users?page_size=100000');
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.field, 'page_size');
});

test('English messages on request', async () => {
  const c = new Client(srv.base);
  c.lang = 'en';
  const r = await c.login('admin', 'wrong-password-1A');
  assert.equal(r.json.error.message, 'wrong user name or password');
});

test('API tokens: bearer, no CSRF, role-scoped, revocable, shown once', async () => {
  const desk = await admin.post('/api/depts', { name: '热线对接', kind: 'service_center' });
  const t = await admin.post('/api/tokens', { name: '12345热线对接', role: 'staff', dept_id: desk.json.id });
  assert.equal(t.status, 201, t.body);
  assert.match(t.json.token, /^yq_[0-9a-f]{64}$/);
  const bearer = new Client(srv.base);
  const h = { headers: { Authorization: 'Bearer ' + t.json.token } };
  assert.equal((await bearer.get('/api/depts', h)).status, 200);
  assert.equal((await bearer.get('/api/users', h)).status, 403, 'a staff token cannot read users');
  const a = await admin.post('/api/tokens', { name: '集成', role: 'admin', expires_at: '2099-12-31' });
  const ah = { headers: { Authorization: 'Bearer ' + a.json.token } };
  const d = await bearer.post('/api/depts', { name: '令牌创建的部门' }, ah);
  assert.equal(d.status, 201, 'bearer requests need no CSRF token');
  const list = await admin.get('/api/tokens');
  assert.ok(list.json.items.length >= 2);
  assert.ok(!JSON.stringify(list.json).includes(t.json.token), 'secrets are never listed');
  assert.equal((await admin.del(`/api/tokens/${a.json.id}`)).status, 204);
  assert.equal((await bearer.get('/api/depts', ah)).status, 401);
  assert.equal((await bearer.get('/api/depts', { headers: { Authorization: 'Bearer yq_' + 'a'.repeat(64) } })).status, 401);
  const past = await admin.post('/api/tokens', { name: 'x', role: 'staff', dept_id: desk.json.id, expires_at: '2001-01-01' });
  assert.equal(past.status, 400);
  assert.equal(past.json.error.field, 'expires_at');
});
