// Audit: every state change writes a row with before/after in the same transaction; the login
// log of a zone holds its users' logins only, and a name that is no account is never stored.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startServer, adminClient, Client, cli, newDatabase, ENGINE, demoDatabase, DEMO_PW } from './lib.mjs';

/** Runs one SQL query on the server's database; returns its output text. */
function sql(db, statement) {
  if (ENGINE === 'postgres') {
    const u = new URL(db.replace(/^postgresql:\/\/yuanqu@\//, 'postgresql://yuanqu@x/'));
    return execFileSync(join(process.env.YQ_PG_BIN, 'psql'), ['-qtA', '-h', u.searchParams.get('host'),
      '-p', u.searchParams.get('port'), '-U', 'yuanqu', '-d', u.pathname.slice(1), '-c', statement]).toString();
  }
  return execFileSync('sqlite3', ['-cmd', '.timeout 10000', db.replace(/^sqlite:/, ''), statement]).toString();
}

let srv, admin;
before(async () => { srv = await startServer(); admin = await adminClient(srv); });
after(async () => { await srv.stop(); });

test('creating and renaming a department is audited with before and after', async () => {
  const c = await admin.post('/api/depts', { name: '项目办', kind: 'project' });
  const id = c.json.id;
  await admin.put(`/api/depts/${id}`, { name: '项目建设办公室', kind: 'project' });
  const r = await admin.get(`/api/audit?obj_type=dept&obj_id=${id}`);
  assert.equal(r.status, 200);
  assert.equal(r.json.total, 2);
  const [upd, cre] = r.json.items;
  assert.equal(upd.action, 'update');
  assert.deepEqual(upd.changes.name, ['项目办', '项目建设办公室']);
  assert.equal(cre.action, 'create');
  assert.equal(upd.username, 'admin');
  assert.equal(upd.ip, '127.0.0.1');
  assert.match(upd.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
});

test('user changes, locks and password resets are audited', async () => {
  const u = await admin.post('/api/users', { username: 'audited', role: 'leader', password: 'Audit-Passw0rd-1' });
  await admin.put(`/api/users/${u.json.id}`, { display_name: '被审计者', phone: '0431-8888888' });
  await admin.post(`/api/users/${u.json.id}/lock`);
  await admin.post(`/api/users/${u.json.id}/reset-password`, { password: 'Reset-Passw0rd-2' });
  const r = await admin.get(`/api/audit?obj_type=user&obj_id=${u.json.id}`);
  const actions = r.json.items.map((x) => x.action);
  assert.deepEqual(actions, ['reset_password', 'lock', 'update', 'create']);
  assert.deepEqual(r.json.items[2].changes.display_name, ['audited', '被审计者']);
  assert.equal(JSON.stringify(r.json.items[0].changes).includes('Reset-Passw0rd'), false, 'no password in the log');
});

test('audit filters by user and date', async () => {
  const today = new Date().toISOString().slice(0, 10);
  const r = await admin.get(`/api/audit?user=admin&from=${today}&to=${today}`);
  assert.ok(r.json.total >= 6);
  const none = await admin.get('/api/audit?from=2000-01-01&to=2000-01-02');
  assert.equal(none.json.total, 0);
  const bad = await admin.get('/api/audit?from=yesterday');
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.field, 'from');
});

test('a zone admin sees only its users’ logins; a name that is no account is stored as a digest only', async () => {
  const PW = DEMO_PW;
  const db = demoDatabase();
  const s = await startServer({ db });
  try {
    const SECRET = 'My-Real-Passw0rd!typed-as-name';
    const login = (u, p) => new Client(s.base).login(u, p);
    assert.equal((await login(SECRET, 'whatever-1A')).status, 401);
    assert.equal((await login('province-viewer', PW)).status, 200);
    assert.equal((await login('province-viewer', 'Wrong-Passw0rd-1')).status, 401);
    assert.equal((await login('hmetdz-admin', 'Wrong-Passw0rd-2')).status, 401);
    const zone2 = new Client(s.base);
    assert.equal((await zone2.login('hmetdz-admin', PW)).status, 200);
    assert.equal((await login('ccetdz-leader', 'Wrong-Passw0rd-3')).status, 401);
    const zone1 = new Client(s.base);
    assert.equal((await zone1.login('ccetdz-admin', PW)).status, 200);

    const view = async (c) => {
      const r = await c.get('/api/logins?page_size=200');
      assert.equal(r.status, 200, r.body);
      return r;
    };
    const zoneUsers = async (c) => new Set((await c.get('/api/users?page_size=200')).json.items.map((u) => u.username));
    for (const [c, own, foreign] of [[zone1, 'ccetdz-leader', 'hmetdz-admin'], [zone2, 'hmetdz-admin', 'ccetdz-leader']]) {
      const r = await view(c);
      const mine = await zoneUsers(c);
      assert.ok(r.json.items.length > 0);
      for (const x of r.json.items) {
        assert.ok(mine.has(x.username), `${x.username} is not a user of the zone`);
        assert.notEqual(x.user_id, null);
      }
      assert.ok(r.json.items.some((x) => x.username === own));
      assert.ok(!r.json.items.some((x) => x.username === foreign));
      assert.doesNotMatch(r.body, /province-viewer|typed-as-name|"\?[0-9a-f]{32}"/);
      assert.equal((await c.get('/api/logins?username=province-viewer')).json.total, 0);
      assert.equal((await c.get(`/api/logins?username=${encodeURIComponent(SECRET)}`)).json.total, 0);
    }

    // the name typed is stored nowhere: the login log and the back-off keep a keyed digest
    for (const q of [`SELECT COUNT(*) FROM login_log WHERE username LIKE '%typed-as-name%'`,
      `SELECT COUNT(*) FROM login_backoff WHERE name_key LIKE '%typed-as-name%'`]) {
      assert.equal(sql(db, q).trim(), '0', q);
    }
    const row = sql(db, `SELECT username FROM login_log WHERE reason = 'unknown_user'`).trim();
    assert.match(row, /^\?[0-9a-f]{32}$/);
    assert.equal(sql(db, 'SELECT COUNT(*) FROM login_backoff').trim(), '1');

    // the installation's view: the command line shows every zone, the province user and the
    // digest of the unknown name, found by --user with the name as typed
    const all = cli(['audit', 'logins', '--db', db, '--limit', '200']);
    assert.equal(all.code, 0, all.stderr);
    for (const name of ['province-viewer', 'hmetdz-admin', 'ccetdz-admin', row]) assert.ok(all.stdout.includes(name), name);
    assert.doesNotMatch(all.stdout, /typed-as-name/);
    const one = cli(['audit', 'logins', '--db', db, '--user', SECRET]);
    assert.equal(one.code, 0, one.stderr);
    assert.match(one.stdout, new RegExp(`\\${row}\\s+fail\\s+-\\s+unknown_user`));
    assert.match(one.stdout, /^1 of 1 row/m);
    const failed = cli(['audit', 'logins', '--db', db, '--user', 'province-viewer', '--failed']);
    assert.match(failed.stdout, /province-viewer\s+fail/);
    assert.match(failed.stdout, /^1 of 1 row/m);
  } finally { await s.stop(); }
});
