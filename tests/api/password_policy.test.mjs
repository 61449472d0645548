// Password policy: common passwords refused everywhere a password is set; a password older than
// --password-max-age-days forces a change; accounts unused for --dormant-days are disabled by
// the maintenance thread, audited, and an administrator re-enables them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startServer, adminClient, Client, ENGINE, sleep, cli } from './lib.mjs';

/** Runs one SQL statement on the server's database (to move times into the past). */
function sql(db, statement) {
  if (ENGINE === 'postgres') {
    const u = new URL(db.replace(/^postgresql:\/\/yuanqu@\//, 'postgresql://yuanqu@x/'));
    execFileSync(join(process.env.YQ_PG_BIN, 'psql'), ['-q', '-h', u.searchParams.get('host'),
      '-p', u.searchParams.get('port'), '-U', 'yuanqu', '-d', u.pathname.slice(1), '-c', statement]);
  } else {
    execFileSync('sqlite3', ['-cmd', '.timeout 10000', db.replace(/^sqlite:/, ''), statement]);
  }
}
const DAY = 86400;
const now = () => Math.floor(Date.now() / 1000);

// passwords of made users: numbered, never containing the user name (the policy refuses that)
let pwSeq = 0;
async function makeUser(admin, srv, username, role = 'leader') {
  const init = `Init-Passw0rd-${++pwSeq}`;
  const r = await admin.post('/api/users', { username, display_name: username, role, password: init });
  assert.equal(r.status, 201, r.body);
  const c = new Client(srv.base);
  assert.equal((await c.login(username, init)).status, 200);
  const password = `Own-Passw0rd-${++pwSeq}`;
  assert.equal((await c.put('/api/me/password', { old_password: init, new_password: password })).status, 204);
  return { id: r.json.id, password, client: c };
}

test('common passwords are refused on create, change and reset', async () => {
  const srv = await startServer({ env: { YUANQU_TEST_FAST_HASH: '1' } });
  try {
    const admin = await adminClient(srv);
    for (const pw of ['Password123!!', 'Woaini1314@@', '1qaz2wsx!!!!', 'Qwer1234!!!!', 'Aa123456!@#$', 'P@ssw0rd2026']) {
      const r = await admin.post('/api/users', { username: 'weak', display_name: 'w', role: 'leader', password: pw });
      assert.equal(r.status, 400, `${pw} accepted: ${r.body}`);
      assert.equal(r.json.error.field, 'password');
      assert.match(r.json.error.message, /常见/);
    }
    const u = await makeUser(admin, srv, 'pol.one');
    const ch = await u.client.put('/api/me/password', { old_password: u.password, new_password: 'Woaini1314@@' });
    assert.equal(ch.status, 400);
    assert.equal(ch.json.error.field, 'new_password');
    const reset = await admin.post(`/api/users/${u.id}/reset-password`, { password: 'Password123!!' });
    assert.equal(reset.status, 400);
    assert.equal(reset.json.error.field, 'password');
    // the old rules still hold: length, classes, not the user name
    assert.equal((await admin.post('/api/users', { username: 'short', role: 'leader', password: 'Ab1!xyz' })).status, 400);
    assert.equal((await admin.post('/api/users', { username: 'classes', role: 'leader', password: 'abcdefghijklmn' })).status, 400);
    const en = await admin.post('/api/users', { username: 'weak', role: 'leader', password: 'Password123!!' }, { headers: { 'Accept-Language': 'en' } });
    assert.match(en.json.error.message, /too common/);
  } finally { await srv.stop(); }
});

test('a password containing the user name (any case) is refused on create, change and reset', async () => {
  const srv = await startServer({ env: { YUANQU_TEST_FAST_HASH: '1' } });
  try {
    const admin = await adminClient(srv);
    for (const pw of ['Zhang.San-2026!', 'x-ZHANG.SAN-9x', 'Pw0rd!zhang.san']) {
      const r = await admin.post('/api/users', { username: 'zhang.san', display_name: '张三', role: 'leader', password: pw });
      assert.equal(r.status, 400, `${pw} accepted: ${r.body}`);
      assert.equal(r.json.error.field, 'password');
      assert.equal(r.json.error.message, '密码不能包含用户名');
    }
    const u = await makeUser(admin, srv, 'pol.two');
    const ch = await u.client.put('/api/me/password', { old_password: u.password, new_password: 'Mine-POL.TWO-2026' });
    assert.equal(ch.status, 400);
    assert.equal(ch.json.error.field, 'new_password');
    assert.equal(ch.json.error.message, '密码不能包含用户名');
    const reset = await admin.post(`/api/users/${u.id}/reset-password`, { password: 'Reset-pol.two-26' });
    assert.equal(reset.status, 400);
    assert.equal(reset.json.error.field, 'password');
    // a name that only shares letters with the password is fine
    assert.equal((await admin.post(`/api/users/${u.id}/reset-password`, { password: 'Reset-pol-two-26' })).status, 204);
  } finally { await srv.stop(); }
});

test('a password past --password-max-age-days must be changed; 0 turns the rule off', async () => {
  const srv = await startServer({ args: ['--password-max-age-days', '30'], env: { YUANQU_TEST_FAST_HASH: '1' } });
  let db;
  try {
    db = srv.db;
    const admin = await adminClient(srv);
    const u = await makeUser(admin, srv, 'pol.age');
    sql(db, `UPDATE app_user SET password_changed_at = ${now() - 29 * DAY} WHERE id = ${u.id}`);
    const fresh = new Client(srv.base);
    assert.equal((await fresh.login('pol.age', u.password)).status, 200);
    assert.equal((await fresh.get('/api/tickets')).status, 200, '29 days old: fine');
    sql(db, `UPDATE app_user SET password_changed_at = ${now() - 31 * DAY} WHERE id = ${u.id}`);
    const c = new Client(srv.base);
    const r = await c.login('pol.age', u.password);
    assert.equal(r.status, 200, 'the login itself succeeds');
    assert.equal(r.json.password_expired, true);
    assert.equal(r.json.user.must_change_password, true, 'the console sends the user to the password form');
    const blocked = await c.get('/api/tickets');
    assert.equal(blocked.status, 403);
    assert.equal(blocked.json.error.code, 'password_change_required');
    const ch = await c.put('/api/me/password', { old_password: u.password, new_password: 'Renewed-Passw0rd-7' });
    assert.equal(ch.status, 204, ch.body);
    assert.equal((await c.get('/api/tickets')).status, 200);
    assert.equal((await c.get('/api/me')).json.password_expired, false);
    assert.equal((await c.get('/api/me')).json.user.must_change_password, false);
  } finally { await srv.stop(); }
  const off = await startServer({ db, args: ['--password-max-age-days', '0'] });
  try {
    sql(db, `UPDATE app_user SET password_changed_at = ${now() - 3000 * DAY} WHERE username = 'pol.age'`);
    const c = new Client(off.base);
    assert.equal((await c.login('pol.age', 'Renewed-Passw0rd-7')).status, 200);
    assert.equal((await c.get('/api/tickets')).status, 200, 'no maximum age');
  } finally { await off.stop(); }
  for (const flag of ['--password-max-age-days', '--dormant-days']) {
    const bad = cli(['serve', '--db', db, flag, '-1']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, new RegExp(`${flag} must be a number from 0 to 3650`));
  }
});

test('the last active administrator of a zone cannot be demoted, locked or swept as dormant', async () => {
  const srv = await startServer({
    args: ['--dormant-days', '60'],
    env: { YUANQU_TEST_FAST_HASH: '1', YUANQU_MAINTENANCE_SECONDS: '1' },
  });
  try {
    const admin = await adminClient(srv);
    const adminId = (await admin.get('/api/me')).json.user.id;
    const LAST = '不能锁定、停用或降级本园区最后一个管理员';
    // alone: it cannot demote itself, and the command line cannot lock it either
    const demote = await admin.put(`/api/users/${adminId}`, { role: 'leader' });
    assert.equal(demote.status, 409, demote.body);
    assert.equal(demote.json.error.message, LAST);
    const lock = cli(['user', 'lock', 'admin', '--db', srv.db]);
    assert.notEqual(lock.code, 0);
    assert.match(lock.stderr, /last active administrator/);
    assert.equal((await admin.get('/api/me')).json.user.role, 'admin');
    // with a second administrator each may lock the other, but not both at once
    const two = await makeUser(admin, srv, 'pol.admin2', 'admin');
    const both = await Promise.all([admin.post(`/api/users/${two.id}/lock`), two.client.post(`/api/users/${adminId}/lock`)]);
    // the first to commit wins; the other is refused as the last admin (409) or, when the
    // winner's lock ended its session first, no longer logged in (401)
    assert.equal(both.filter((r) => r.status === 204).length, 1, both.map((r) => r.body).join(' '));
    assert.ok(both.some((r) => r.status === 409 || r.status === 401), both.map((r) => r.body).join(' '));
    const [winner, loser] = both[0].status === 204 ? [admin, two.client] : [two.client, admin];
    const loserId = loser === admin ? adminId : two.id;
    const winnerId = loser === admin ? two.id : adminId;
    assert.equal((await winner.put(`/api/users/${winnerId}`, { role: 'leader' })).status, 409, 'now the last one');
    assert.equal((await winner.post(`/api/users/${loserId}/unlock`)).status, 204);
    assert.equal((await winner.put(`/api/users/${loserId}`, { role: 'leader' })).status, 200, 'not the last one');
    assert.equal((await winner.put(`/api/users/${loserId}`, { role: 'admin' })).status, 200);
    // both dormant: the sweep disables one and keeps the other
    const t = now() - 61 * DAY;
    sql(srv.db, `UPDATE app_user SET last_login_at = ${t}, created_at = ${t}, updated_at = ${t} WHERE role = 'admin'`);
    // the administrators' statuses, from the command line (a disabled admin has no session)
    const adminStatuses = () => cli(['user', 'list', '--db', srv.db]).stdout.split('\n')
      .map((l) => l.trim().split(/\s+/)).filter((f) => f[2] === 'admin').map((f) => f[3]).sort();
    for (let i = 0; i < 50 && !adminStatuses().includes('disabled'); i++) await sleep(200);
    await sleep(2500); // more maintenance rounds: the last one stays active
    assert.deepEqual(adminStatuses(), ['active', 'disabled']);
  } finally { await srv.stop(); }
});

test('dormant accounts are disabled by the maintenance thread, audited, and re-enabled by unlock', async () => {
  const srv = await startServer({
    args: ['--dormant-days', '60'],
    env: { YUANQU_TEST_FAST_HASH: '1', YUANQU_MAINTENANCE_SECONDS: '1' },
  });
  try {
    const admin = await adminClient(srv);
    const old = await makeUser(admin, srv, 'pol.dormant');
    const recent = await makeUser(admin, srv, 'pol.recent');
    const t = now() - 61 * DAY;
    sql(srv.db, `UPDATE app_user SET last_login_at = ${t}, created_at = ${t}, updated_at = ${t} WHERE id = ${old.id}`);
    sql(srv.db, `UPDATE app_user SET last_login_at = ${now() - 59 * DAY}, created_at = ${t}, updated_at = ${t} WHERE id = ${recent.id}`);
    let status;
    for (let i = 0; i < 50 && status !== 'disabled'; i++) {
      await sleep(200);
      status = (await admin.get(`/api/users/${old.id}`)).json.status;
    }
    assert.equal(status, 'disabled');
    assert.equal((await admin.get(`/api/users/${recent.id}`)).json.status, 'active', '59 days: still active');
    assert.equal((await admin.get('/api/users?username=admin')).status, 200);
    const refused = await new Client(srv.base).login('pol.dormant', old.password);
    assert.equal(refused.status, 403);
    assert.equal((await old.client.get('/api/me')).status, 401, 'its session ended');
    const a = await admin.get(`/api/audit?obj_type=user&obj_id=${old.id}&action=dormant_disable`);
    assert.equal(a.json.total, 1);
    assert.equal(a.json.items[0].username, 'system');
    assert.deepEqual(a.json.items[0].changes.status, ['active', 'disabled']);
    assert.equal((await admin.post(`/api/users/${old.id}/unlock`)).status, 204);
    await sleep(2500); // two more maintenance rounds: re-enabled accounts stay enabled
    assert.equal((await admin.get(`/api/users/${old.id}`)).json.status, 'active');
    assert.equal((await new Client(srv.base).login('pol.dormant', old.password)).status, 200);
  } finally { await srv.stop(); }
});
