// Audit chain: every audit and login-log row is chained with HMAC-SHA256; `yuanqu audit verify`
// finds an edited, deleted or reordered row by its position; retention purges keep the chain
// verifiable; an audit write that fails fails the request. Runs on SQLite and PostgreSQL: the
// database is tampered with directly through sqlite3 / psql.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, statSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startServer, adminClient, initDatabase, newDatabase, cli, ENGINE, ADMIN_PASS, Client, uscc } from './lib.mjs';

/** Runs SQL directly on the test database (bypassing the program); returns stdout. */
function sql(db, text) {
  if (ENGINE === 'postgres') {
    const name = db.match(/^postgres(?:ql)?:\/\/[^/]*\/([^?]+)/)[1];
    return execFileSync(join(process.env.YQ_PG_BIN, 'psql'), ['-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1',
      '-h', process.env.YQ_PG_HOST, '-p', process.env.YQ_PG_PORT, '-U', 'yuanqu', '-d', name, '-c', text]).toString();
  }
  return execFileSync('sqlite3', ['-cmd', '.timeout 10000', db.replace(/^sqlite:/, ''), text]).toString();
}
// the verifier reads each table in batches: a batch of 3 rows makes every test cross batch
// boundaries (the default batch is 2,000)
const verify = (db) => cli(['audit', 'verify', '--db', db], { env: { YUANQU_TEST_AUDIT_BATCH: '3' } });

const USCC = (n) => uscc('91220101MA', n);

/** Generates activity: logins (good and bad), departments, users, enterprises. */
async function activity(srv, tag, n = 3) {
  const admin = await adminClient(srv);
  const bad = new Client(srv.base);
  assert.equal((await bad.login('admin', 'wrong-' + tag)).status, 401);
  for (let i = 0; i < n; i++) {
    const d = await admin.post('/api/depts', { name: `链部门${tag}${i}`, kind: 'other' });
    assert.equal(d.status, 201, d.body);
    assert.equal((await admin.put(`/api/depts/${d.json.id}`, { name: `链部门${tag}${i}改`, kind: 'other' })).status, 204);
  }
  return admin;
}

let db, srv;
before(async () => {
  db = initDatabase();
  srv = await startServer({ db });
  await activity(srv, 'a', 4);
  let k = 0;
  const admin = await adminClient(srv);
  for (const name of ['链测试企业甲', '链测试企业乙']) {
    const r = await admin.post('/api/enterprises', { uscc: USCC(4242 + k++), name, industry_code: '3670' });
    assert.equal(r.status, 201, r.body);
  }
});
after(async () => { await srv?.stop(); });

test('the key file is created 0600 beside the SQLite database and every row is chained', () => {
  if (ENGINE === 'sqlite') {
    const key = join(dirname(db.replace(/^sqlite:/, '')), 'audit.key');
    assert.ok(existsSync(key));
    assert.equal(statSync(key).mode & 0o777, 0o600);
    assert.match(readFileSync(key, 'utf8'), /^[0-9a-f]{64}\n$/);
  }
  const n = Number(sql(db, 'SELECT (SELECT COUNT(*) FROM audit_log) + (SELECT COUNT(*) FROM login_log)').trim());
  assert.ok(n >= 12, `rows: ${n}`);
  assert.equal(sql(db, 'SELECT COUNT(*) FROM audit_log WHERE seq IS NULL OR mac IS NULL').trim(), '0');
  // positions are 1..n without gaps across both tables, and the head is the last
  const seqs = sql(db, 'SELECT seq FROM audit_log UNION ALL SELECT seq FROM login_log ORDER BY 1').trim().split('\n').map(Number);
  assert.deepEqual(seqs, Array.from({ length: n }, (_, i) => i + 1));
  assert.equal(Number(sql(db, 'SELECT seq FROM audit_head').trim()), n);
  const r = verify(db);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, new RegExp(`^audit chain ok: ${n} rows\\n`));
  const big = cli(['audit', 'verify', '--db', db]);
  assert.equal(big.stdout, r.stdout, 'same result with the default batch');
});

test('concurrent writers get distinct, gapless positions', async () => {
  const admin = await adminClient(srv);
  const before = Number(sql(db, 'SELECT seq FROM audit_head').trim());
  const rs = await Promise.all(Array.from({ length: 16 }, (_, i) => admin.post('/api/depts', { name: `并发部门${i}`, kind: 'other' })));
  for (const r of rs) assert.equal(r.status, 201, r.body);
  const after = Number(sql(db, 'SELECT seq FROM audit_head').trim());
  assert.equal(after, before + 16);
  const r = verify(db);
  assert.equal(r.code, 0, r.stdout + r.stderr);
});

/** Runs `fn` on a copy of the chain state and restores it afterwards (so tests stay independent). */
async function tampered(fn, check) {
  sql(db, 'CREATE TABLE audit_log_bak AS SELECT * FROM audit_log');
  sql(db, 'CREATE TABLE login_log_bak AS SELECT * FROM login_log');
  try {
    fn();
    check(verify(db));
  } finally {
    sql(db, 'DELETE FROM audit_log; INSERT INTO audit_log SELECT * FROM audit_log_bak; DROP TABLE audit_log_bak;');
    sql(db, 'DELETE FROM login_log; INSERT INTO login_log SELECT * FROM login_log_bak; DROP TABLE login_log_bak;');
  }
  const r = verify(db);
  assert.equal(r.code, 0, 'restored: ' + r.stdout + r.stderr);
}

test('an edited field is found: row changed, naming its position', async () => {
  const seq = sql(db, "SELECT seq FROM audit_log WHERE action = 'update' AND obj_type = 'dept' ORDER BY seq LIMIT 1").trim();
  await tampered(() => {
    sql(db, `UPDATE audit_log SET changes = REPLACE(changes, '改', '篡') WHERE seq = ${seq}`);
  }, (r) => {
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.equal(r.stdout.trim(), `audit chain broken at seq ${seq}: row changed`);
  });
  // a changed time or user id on a login row is found as well
  const lseq = sql(db, 'SELECT seq FROM login_log ORDER BY seq LIMIT 1').trim();
  await tampered(() => sql(db, `UPDATE login_log SET at = at - 3600 WHERE seq = ${lseq}`), (r) => {
    assert.equal(r.code, 1);
    assert.equal(r.stdout.trim(), `audit chain broken at seq ${lseq}: row changed`);
  });
  // recomputing nothing but copying another row's mac does not help
  await tampered(() => sql(db, `UPDATE audit_log SET mac = (SELECT mac FROM login_log WHERE seq = ${lseq}) WHERE seq = ${seq}`), (r) => {
    assert.equal(r.code, 1);
    assert.match(r.stdout, new RegExp(`broken at seq ${seq}: row changed`));
  });
});

test('a deleted row is found: row missing, at its position', async () => {
  const seq = Number(sql(db, "SELECT seq FROM audit_log WHERE obj_type = 'enterprise' ORDER BY seq LIMIT 1").trim());
  await tampered(() => sql(db, `DELETE FROM audit_log WHERE seq = ${seq}`), (r) => {
    assert.equal(r.code, 1);
    assert.equal(r.stdout.trim(), `audit chain broken at seq ${seq}: row missing`);
  });
  // deleting the newest rows (the tail) is found against the chain head
  const head = Number(sql(db, 'SELECT seq FROM audit_head').trim());
  await tampered(() => sql(db, `DELETE FROM audit_log WHERE seq >= ${head - 1}; DELETE FROM login_log WHERE seq >= ${head - 1}`), (r) => {
    assert.equal(r.code, 1);
    assert.equal(r.stdout.trim(), `audit chain broken at seq ${head - 1}: row missing`);
  });
  // a row inserted behind the program's back, without a position, is reported
  await tampered(() => sql(db, "INSERT INTO audit_log (zone_id, at, username, action, obj_type) VALUES (1, 1, 'x', 'create', 'dept')"), (r) => {
    assert.equal(r.code, 1);
    assert.match(r.stdout, /1 rows without a chain position/);
  });
});

test('two rows swapped in order are found: reordered', async () => {
  const [a, b] = sql(db, "SELECT seq FROM audit_log WHERE obj_type = 'dept' ORDER BY seq LIMIT 2 OFFSET 2").trim().split('\n').map(Number);
  assert.equal(b, a + 1, 'two adjacent dept rows');
  await tampered(() => sql(db, `UPDATE audit_log SET seq = -1 WHERE seq = ${a}; UPDATE audit_log SET seq = ${a} WHERE seq = ${b}; UPDATE audit_log SET seq = ${b} WHERE seq = -1;`), (r) => {
    assert.equal(r.code, 1);
    assert.equal(r.stdout.trim(), `audit chain broken at seq ${a}: reordered`);
  });
});

test('verify without the key, or with another key, fails plainly', () => {
  const other = 'ab'.repeat(32);
  const r = cli(['audit', 'verify', '--db', db], { env: { YUANQU_AUDIT_KEY: other } });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /audit key does not match this database/);
  const bad = cli(['audit', 'verify', '--db', db], { env: { YUANQU_AUDIT_KEY: 'xyz' } });
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /YUANQU_AUDIT_KEY must be 64 hex digits/);
});

test('retention below 180 days is refused with a clear error', () => {
  for (const args of [['serve', '--db', db, '--audit-retention-days', '179'], ['audit', 'purge', '--db', db, '--retention-days', '30']]) {
    const r = cli(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, /audit retention must be at least 180 days/);
  }
  assert.match(cli(['serve', '--db', db, '--audit-retention-days', 'x']).stderr, /number of days/);
});

test('the maintenance purge deletes rows older than the retention and the chain still verifies', async () => {
  // a fresh database whose first rows are dated 200 days back (test hook), then recent rows
  const pdb = newDatabase();
  const old = { YUANQU_TEST_AUDIT_TIME_OFFSET: String(-200 * 86400) };
  const r0 = cli(['init', '--db', pdb, '--password-stdin'], { input: ADMIN_PASS + '\n', env: old });
  assert.equal(r0.code, 0, r0.stderr);
  let s = await startServer({ db: pdb, env: old });
  await activity(s, 'old', 2);
  await s.stop();
  const nOld = Number(sql(pdb, 'SELECT seq FROM audit_head').trim());
  s = await startServer({ db: pdb, env: { YUANQU_MAINTENANCE_SECONDS: '1', YUANQU_TEST_AUDIT_BATCH: '2' } });
  await activity(s, 'new', 2);
  // the maintenance thread runs every second
  let anchor = 0;
  for (let i = 0; i < 100 && anchor === 0; i++) {
    await new Promise((res) => setTimeout(res, 100));
    anchor = Number(sql(pdb, 'SELECT anchor_seq FROM audit_head').trim());
  }
  await s.stop();
  assert.equal(anchor, nOld, 'anchor at the last old row');
  assert.match(s.log(), /audit: purged \d+ audit and login-log rows older than 180 days/);
  assert.equal(sql(pdb, `SELECT (SELECT COUNT(*) FROM audit_log WHERE seq <= ${nOld}) + (SELECT COUNT(*) FROM login_log WHERE seq <= ${nOld})`).trim(), '0');
  const left = Number(sql(pdb, 'SELECT (SELECT COUNT(*) FROM audit_log) + (SELECT COUNT(*) FROM login_log)').trim());
  const r = verify(pdb);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, new RegExp(`^audit chain ok: ${left} rows\\n`));
  assert.match(r.stdout, new RegExp(`purge anchor at ${nOld}`));
  // moving the anchor to hide more rows is found
  sql(pdb, `UPDATE audit_head SET anchor_seq = anchor_seq + 1`);
  const t = verify(pdb);
  assert.equal(t.code, 1);
  assert.match(t.stdout, /purge anchor changed/);
});

test('an audit write that fails fails the request: 500 with an error id, nothing written', async () => {
  const admin = await adminClient(srv);
  const name = '触发器拦截部门';
  if (ENGINE === 'postgres') {
    sql(db, "CREATE FUNCTION yq_test_refuse() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'audit refused by test'; END $$ LANGUAGE plpgsql;"
      + ' CREATE TRIGGER yq_test_refuse BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION yq_test_refuse();');
  } else {
    sql(db, "CREATE TRIGGER yq_test_refuse BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit refused by test'); END;");
  }
  const head = sql(db, 'SELECT seq, mac FROM audit_head').trim();
  try {
    const r = await admin.post('/api/depts', { name, kind: 'other' });
    assert.equal(r.status, 500, r.body);
    assert.match(r.json.error.error_id, /^[0-9a-f]{16}$/);
    assert.ok(!r.body.includes('refused'), 'no database message in the body');
    // the log line explaining the id arrives through a pipe: wait for it
    const idLine = new RegExp(`error_id=${r.json.error.error_id}`);
    for (let i = 0; i < 50 && !idLine.test(srv.log()); i++) await new Promise((res) => setTimeout(res, 50));
    assert.match(srv.log(), idLine);
    // the business change was rolled back with it, and the chain head did not move
    assert.equal(sql(db, `SELECT COUNT(*) FROM dept WHERE name = '${name}'`).trim(), '0');
    assert.equal(sql(db, 'SELECT seq, mac FROM audit_head').trim(), head);
    const e = await admin.post('/api/enterprises', { uscc: USCC(4299), name: '触发器拦截企业', industry_code: '3670' });
    assert.equal(e.status, 500, 'not a conflict on the enterprise: ' + e.body);
    assert.equal(sql(db, "SELECT COUNT(*) FROM enterprise WHERE name = '触发器拦截企业'").trim(), '0');
  } finally {
    sql(db, ENGINE === 'postgres' ? 'DROP TRIGGER yq_test_refuse ON audit_log; DROP FUNCTION yq_test_refuse();' : 'DROP TRIGGER yq_test_refuse');
  }
  const ok = await admin.post('/api/depts', { name, kind: 'other' });
  assert.equal(ok.status, 201);
  assert.equal(verify(db).code, 0);
});

test('a database from before the chain is chained at the next start', () => {
  if (ENGINE !== 'sqlite') return;
  const ldb = initDatabase();
  // simulate rows written by an older program: no position, no mac, head reset
  sql(ldb, "UPDATE audit_log SET seq = NULL, mac = NULL; UPDATE audit_head SET seq = 0, mac = '', key_check = ''; INSERT INTO login_log (zone_id, at, username, ip, success) VALUES (1, 1700000000, 'admin', '10.0.0.1', 1)");
  const r = verify(ldb);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^audit chain ok: 2 rows/);
  rmSync(dirname(ldb.replace(/^sqlite:/, '')), { recursive: true, force: true });
});
