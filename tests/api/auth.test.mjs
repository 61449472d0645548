// Accounts: login, sessions, CSRF, forced password change, the login back-off (names that are
// accounts and names that are not answered alike), re-checks of the old password, login log.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, adminClient, Client, ADMIN_PASS, sleep } from './lib.mjs';

let srv, admin;
// --login-backoff 2: the first back-off lasts 2 s (default 30), so the test can wait it out
before(async () => { srv = await startServer({ args: ['--login-ip-limit', '1000', '--login-backoff', '2'] }); admin = await adminClient(srv); });
after(async () => { await srv.stop(); });

// passwords of made users: numbered, never containing the user name (the policy refuses that)
let pwSeq = 0;
async function makeUser(username, role = 'leader', extra = {}) {
  const password = `Init-Passw0rd-${++pwSeq}`;
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

test('five wrong passwords start a back-off that doubles (429); after it the right password works', async () => {
  const u = await makeUser('victim1');
  const c = new Client(srv.base);
  for (let i = 0; i < 4; i++) {
    const r = await c.login('victim1', 'Wrong-Passw0rd-' + i);
    assert.equal(r.status, 401);
  }
  const fifth = await c.login('victim1', 'Wrong-Passw0rd-5');
  assert.equal(fifth.status, 429);
  assert.equal(fifth.json.error.code, 'account_locked');
  assert.equal(fifth.json.error.retry_after, 2, 'the first back-off: --login-backoff, not a 15-minute lock');
  const right = await c.login('victim1', u.password);
  assert.equal(right.status, 429, 'during the back-off nothing is checked, the right password neither');
  assert.ok(Number(right.headers.get('retry-after')) > 0);
  await sleep(2100);
  const sixth = await c.login('victim1', 'Wrong-Passw0rd-6');
  assert.equal(sixth.status, 429);
  assert.equal(sixth.json.error.retry_after, 4, 'each further failure doubles it');
  await sleep(4100);
  assert.equal((await c.login('victim1', u.password)).status, 200, 'after the back-off the owner logs in');
  assert.equal((await c.login('victim1', 'Wrong-Passw0rd-7')).status, 401, 'a success clears the count');
  // an administrator's unlock ends a back-off at once
  for (let i = 0; i < 5; i++) await c.login('victim1', 'Wrong-Passw0rd-x' + i);
  assert.equal((await c.login('victim1', u.password)).status, 429);
  assert.equal((await admin.post(`/api/users/${u.id}/unlock`)).status, 204);
  assert.equal((await c.login('victim1', u.password)).status, 200);
});

test('an account and a name that is no account answer alike: statuses, messages, back-off, time', async () => {
  await makeUser('alike1');
  const run = async (name) => {
    const c = new Client(srv.base);
    const out = [];
    for (let i = 0; i < 7; i++) {
      const r = await c.login(name, 'Wrong-Passw0rd-' + i);
      out.push({ status: r.status, code: r.json.error.code, message: r.json.error.message, retry: r.json.error.retry_after ?? null });
    }
    return out;
  };
  const real = await run('alike1'), ghost = await run('alike1-ghost');
  const shape = (xs) => xs.map((x) => [x.status, x.code, x.message]);
  assert.deepEqual(shape(real), shape(ghost));
  assert.deepEqual(real.map((x) => x.status), [401, 401, 401, 401, 429, 429, 429]);
  assert.equal(real[4].retry, 2);
  assert.equal(ghost[4].retry, 2, 'a name that is no account backs off too: nothing tells names apart');
  // the time of a wrong password: one hash for both (medians of interleaved attempts)
  await makeUser('alike2');
  const t = { real: [], ghost: [] };
  for (let i = 0; i < 4; i++) {
    for (const [k, name] of [['real', 'alike2'], ['ghost', 'alike2-ghost']]) {
      const t0 = performance.now();
      assert.equal((await new Client(srv.base).login(name, 'Wrong-Passw0rd-t' + i)).status, 401);
      t[k].push(performance.now() - t0);
    }
  }
  const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const ratio = med(t.ghost) / med(t.real);
  console.log(`wrong password: account ${med(t.real).toFixed(1)} ms, no account ${med(t.ghost).toFixed(1)} ms`);
  // a name answered without its hash would take a few ms against tens: the bounds leave room
  // for a loaded machine
  assert.ok(ratio > 1 / 3 && ratio < 3, `timing ratio ${ratio}`);
});

test('wrong old passwords count toward the back-off, are logged, and end the session at the fifth', async () => {
  const u = await makeUser('oldpw1');
  const c = new Client(srv.base);
  assert.equal((await c.login('oldpw1', u.password)).status, 200);
  const statuses = [];
  for (let i = 0; i < 20; i++) {
    const r = await c.put('/api/me/password', { old_password: 'Nope-Passw0rd-' + i, new_password: 'Brand-New-Passw0rd-26' });
    statuses.push(r.status);
    if (i < 4) assert.equal(r.json.error.field, 'old_password');
    if (i === 4) {
      assert.equal(r.json.error.code, 'account_locked');
      assert.ok(r.json.error.retry_after > 0);
    }
  }
  assert.deepEqual(statuses, [400, 400, 400, 400, 429, ...Array(15).fill(401)], 'the session ended at the fifth');
  // the account is in back-off for everyone, the right password included
  assert.equal((await new Client(srv.base).login('oldpw1', u.password)).status, 429);
  const log = await admin.get('/api/logins?username=oldpw1&success=0');
  assert.equal(log.json.items.filter((x) => x.reason === 'reauth_bad_password').length, 5);
  assert.equal((await admin.post(`/api/users/${u.id}/unlock`)).status, 204);
  assert.equal((await new Client(srv.base).login('oldpw1', u.password)).status, 200);
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

test('every login attempt is in the login log; a name that is no account is not in the zone’s', async () => {
  await new Client(srv.base).login('admin', 'not-the-password-1A');
  const r = await admin.get('/api/logins?username=admin');
  assert.equal(r.status, 200);
  assert.ok(r.json.total >= 2);
  assert.ok(r.json.items.some((x) => x.success === false && x.reason === 'bad_password'));
  assert.ok(r.json.items.some((x) => x.success === true));
  await new Client(srv.base).login('Typed-Passw0rd-In-Name', 'x-Passw0rd-1');
  assert.equal((await admin.get('/api/logins?username=Typed-Passw0rd-In-Name')).json.total, 0);
  const all = await admin.get('/api/logins?page_size=200');
  assert.ok(all.json.items.every((x) => x.user_id !== null), 'only the zone’s accounts');
  assert.doesNotMatch(all.body, /Typed-Passw0rd-In-Name/);
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
