// 国密 mode: --crypto gm recorded at init; passwords hashed with PBKDF2-HMAC-SM3 (argon2id
// hashes still verify and are rehashed at the next login); phone numbers of users and enterprise
// contacts sealed with SM4 + HMAC-SM3: the raw database holds no seeded phone number while the
// API returns it. Runs on SQLite (the .db and -wal files are read byte by byte) and PostgreSQL
// (pg_dump of the whole database).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startServer, adminClient, newDatabase, initDatabase, cli, ENGINE, ADMIN_PASS, Client, uscc } from './lib.mjs';

const PHONE = '13912345678';
const PHONE2 = '13987654321';
const PW = 'Gm-Passw0rd-2026!';

function pgName(db) { return db.match(/^postgres(?:ql)?:\/\/[^/]*\/([^?]+)/)[1]; }
function pgArgs(db) { return ['-h', process.env.YQ_PG_HOST, '-p', process.env.YQ_PG_PORT, '-U', 'yuanqu', '-d', pgName(db)]; }
function sql(db, text) {
  if (ENGINE === 'postgres') {
    return execFileSync(join(process.env.YQ_PG_BIN, 'psql'), ['-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1', ...pgArgs(db), '-c', text]).toString();
  }
  return execFileSync('sqlite3', ['-cmd', '.timeout 10000', db.replace(/^sqlite:/, ''), text]).toString();
}
/** Every byte the database holds: the SQLite file and its WAL, or a plain pg_dump. */
function rawBytes(db) {
  if (ENGINE === 'postgres') {
    return execFileSync(join(process.env.YQ_PG_BIN, 'pg_dump'), ['--no-owner', ...pgArgs(db)], { maxBuffer: 256 << 20 });
  }
  const path = db.replace(/^sqlite:/, '');
  const parts = [readFileSync(path)];
  if (existsSync(path + '-wal')) parts.push(readFileSync(path + '-wal'));
  return Buffer.concat(parts);
}
const USCC = (n) => uscc('91220101MA', n);

let db, srv, admin, userId, entId;
before(async () => {
  db = newDatabase();
  const r = cli(['init', '--db', db, '--password-stdin', '--crypto', 'gm'], { input: ADMIN_PASS + '\n' });
  assert.equal(r.code, 0, r.stderr);
  srv = await startServer({ db }); // no --crypto: the recorded mode applies
  admin = await adminClient(srv);
});
after(async () => { await srv?.stop(); });

test('the mode is recorded at init and cannot change silently', () => {
  assert.equal(sql(db, "SELECT value FROM crypto_setting WHERE name = 'mode'").trim(), 'gm');
  for (const r of [cli(['serve', '--db', db, '--crypto', 'std']), cli(['user', 'list', '--db', db], { env: { YUANQU_CRYPTO: 'std' } })]) {
    assert.equal(r.code, 1);
    assert.match(r.stderr, /initialised with --crypto gm; it cannot be opened with --crypto std/);
  }
  assert.match(cli(['user', 'list', '--db', db, '--crypto', 'sm9']).stderr, /must be std or gm/);
  // and a standard database cannot be opened in the 国密 mode
  const sdb = initDatabase();
  const r = cli(['user', 'list', '--db', sdb, '--crypto', 'gm']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /initialised with --crypto std/);
  if (ENGINE === 'sqlite') {
    const key = join(dirname(db.replace(/^sqlite:/, '')), 'gm.key');
    assert.equal(statSync(key).mode & 0o777, 0o600);
  }
});

test('passwords are hashed with PBKDF2-HMAC-SM3 (login time reported, not asserted)', async (t) => {
  const hash = sql(db, "SELECT password_hash FROM app_user WHERE username = 'admin'").trim();
  assert.match(hash, /^\$pbkdf2-sm3\$i=200000\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
  const times = [];
  for (let i = 0; i < 3; i++) {
    const c = new Client(srv.base);
    const t0 = performance.now();
    assert.equal((await c.login('admin', ADMIN_PASS)).status, 200);
    times.push(performance.now() - t0);
  }
  t.diagnostic(`gm login ms: ${times.map((x) => x.toFixed(0)).join(', ')}`);
  const bad = await new Client(srv.base).login('admin', ADMIN_PASS + 'x');
  assert.equal(bad.status, 401);
});

test('a user phone is sealed in the database and plain in the API', async () => {
  const u = await admin.post('/api/users', { username: 'gm_user', display_name: '国密用户', role: 'leader', phone: PHONE, password: PW });
  assert.equal(u.status, 201, u.body);
  userId = u.json.id;
  const g = await admin.get(`/api/users/${userId}`);
  assert.equal(g.json.phone, PHONE);
  const l = await admin.get('/api/users?q=gm_user');
  assert.equal(l.json.items[0].phone, PHONE);
  const raw = sql(db, `SELECT phone FROM app_user WHERE id = ${userId}`).trim();
  assert.match(raw, /^sm4:[A-Za-z0-9_-]+$/);
  // a fresh IV per value: the same number seals differently each time
  const u2 = await admin.post('/api/users', { username: 'gm_user2', role: 'leader', phone: PHONE, password: PW });
  assert.notEqual(sql(db, `SELECT phone FROM app_user WHERE id = ${u2.json.id}`).trim(), raw);
  // an update is sealed too, and audited without the plain number
  assert.equal((await admin.put(`/api/users/${userId}`, { phone: PHONE2 })).status, 200);
  assert.equal((await admin.get(`/api/users/${userId}`)).json.phone, PHONE2);
  const a = await admin.get(`/api/audit?obj_type=user&obj_id=${userId}`);
  const upd = a.json.items.find((x) => x.action === 'update');
  assert.match(upd.changes.phone[0], /^sm4:/);
  assert.match(upd.changes.phone[1], /^sm4:/);
});

test('an enterprise contact phone is sealed in the database and plain in the API', async () => {
  const r = await admin.post('/api/enterprises', {
    uscc: USCC(7001), name: '国密测试企业', industry_code: '3670',
    contacts: [{ name: '张经理', phone: PHONE, role: '总经理' }, { name: '李会计', phone: '', role: '财务' }],
  });
  assert.equal(r.status, 201, r.body);
  entId = r.json.id;
  const g = await admin.get(`/api/enterprises/${entId}`);
  assert.deepEqual(g.json.contacts, [{ name: '张经理', phone: PHONE, role: '总经理' }, { name: '李会计', phone: '', role: '财务' }]);
  const l = await admin.get('/api/enterprises?q=' + encodeURIComponent('国密测试'));
  assert.equal(l.status, 200, l.body);
  assert.equal(l.json.items.length, 1);
  assert.equal(l.json.items[0].contacts[0].phone, PHONE);
  const raw = JSON.parse(sql(db, `SELECT contacts FROM enterprise WHERE id = ${entId}`).trim());
  assert.match(raw[0].phone, /^sm4:/);
  assert.equal(raw[0].name, '张经理');
  // an update that changes the contacts is audited with the phones sealed
  const cur = g.json;
  const u = await admin.put(`/api/enterprises/${entId}`, { uscc: cur.uscc, name: cur.name, industry_code: cur.industry_code,
    contacts: [{ name: '张经理', phone: PHONE2, role: '总经理' }] });
  assert.equal(u.status, 200, u.body);
  assert.equal(u.json.contacts[0].phone, PHONE2);
  // an update that leaves the contacts alone records no contacts change
  const same = await admin.put(`/api/enterprises/${entId}`, { uscc: cur.uscc, name: cur.name, industry_code: cur.industry_code,
    short_name: '国密', contacts: [{ name: '张经理', phone: PHONE2, role: '总经理' }] });
  assert.equal(same.status, 200, same.body);
  const a = await admin.get(`/api/audit?obj_type=enterprise&obj_id=${entId}`);
  const [last, first] = a.json.items;
  assert.equal(last.changes.contacts, undefined, JSON.stringify(last.changes));
  assert.ok(JSON.stringify(first.changes.contacts).includes('sm4:'));
});

const PHONE3 = '13955556666';
let ticketId;
test('a request contact phone is sealed in the database and plain in the API', async () => {
  assert.ok(entId, 'the test above created the enterprise');
  const r = await admin.post('/api/tickets', {
    enterprise_id: entId, channel: 'phone', category: '融资', title: '国密诉求',
    description: '联系电话加密存储', contact_name: '张经理', contact_phone: PHONE3,
  });
  assert.equal(r.status, 201, r.body);
  ticketId = r.json.id;
  const g = await admin.get(`/api/tickets/${ticketId}`);
  assert.equal(g.json.ticket.contact_phone, PHONE3);
  assert.match(sql(db, `SELECT contact_phone FROM ticket WHERE id = ${ticketId}`).trim(), /^sm4:/);
});

test('the raw database holds no seeded phone number', async () => {
  assert.ok(userId && entId && ticketId, 'the tests above seeded the numbers');
  for (const p of [PHONE, PHONE2, PHONE3]) {
    const bytes = rawBytes(db);
    assert.ok(bytes.length > 10000);
    assert.equal(bytes.indexOf(Buffer.from(p)), -1, `${p} found in the raw database`);
  }
  // the check can fail: the same file does hold a number stored as plain text elsewhere
  sql(db, `UPDATE zone SET name = '${PHONE}' WHERE id = (SELECT MIN(id) FROM zone)`);
  assert.notEqual(rawBytes(db).indexOf(Buffer.from(PHONE)), -1, 'the grep finds a plain number');
  sql(db, `UPDATE zone SET name = '示范开发区' WHERE name = '${PHONE}'`);
});

test('a sealed value that was changed does not open: empty, not a crash', async () => {
  const raw = sql(db, `SELECT phone FROM app_user WHERE id = ${userId}`).trim();
  const flipped = raw.slice(0, -2) + (raw.at(-2) === 'A' ? 'B' : 'A') + raw.at(-1);
  sql(db, `UPDATE app_user SET phone = '${flipped}' WHERE id = ${userId}`);
  const g = await admin.get(`/api/users/${userId}`);
  assert.equal(g.status, 200);
  assert.equal(g.json.phone, '');
  for (let i = 0; i < 50 && !/gm: a sealed field does not authenticate/.test(srv.log()); i++) await new Promise((res) => setTimeout(res, 50));
  assert.match(srv.log(), /gm: a sealed field does not authenticate/);
  sql(db, `UPDATE app_user SET phone = '${raw}' WHERE id = ${userId}`);
});

test('an argon2id hash from before still verifies and is rehashed with SM3 at the next login', async () => {
  // an argon2id hash of PW, made by a standard-mode database
  const sdb = initDatabase();
  assert.equal(cli(['user', 'add', 'old_hash', '--db', sdb, '--role', 'leader', '--password-stdin'], { input: PW + '\n' }).code, 0);
  const argon = sql(sdb, "SELECT password_hash FROM app_user WHERE username = 'old_hash'").trim();
  assert.match(argon, /^\$argon2id\$/);
  sql(db, `UPDATE app_user SET password_hash = '${argon}' WHERE id = ${userId}`);
  const c = new Client(srv.base);
  const r = await c.login('gm_user', PW);
  assert.equal(r.status, 200, r.body);
  const now = sql(db, `SELECT password_hash FROM app_user WHERE id = ${userId}`).trim();
  assert.match(now, /^\$pbkdf2-sm3\$i=200000\$/);
  assert.equal((await new Client(srv.base).login('gm_user', PW)).status, 200);
  assert.equal((await new Client(srv.base).login('gm_user', PW + '!')).status, 401);
});

test('without its key, or with another key, a 国密 database does not start', () => {
  if (ENGINE !== 'sqlite') {
    const r = cli(['user', 'list', '--db', db], { env: { YUANQU_GM_KEY: 'cd'.repeat(32) } });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /does not match the key this database was sealed with/);
    return;
  }
  const key = join(dirname(db.replace(/^sqlite:/, '')), 'gm.key');
  const wrong = cli(['user', 'list', '--db', db], { env: { YUANQU_GM_KEY: 'cd'.repeat(32) } });
  assert.equal(wrong.code, 1);
  assert.match(wrong.stderr, /does not match the key this database was sealed with/);
  renameSync(key, key + '.away');
  try {
    const r = cli(['user', 'list', '--db', db]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /国密 key file .* is missing, but this database holds data sealed with it/);
    assert.ok(!existsSync(key), 'no new key was made');
  } finally {
    renameSync(key + '.away', key);
  }
  // a key file others can read is refused
  const loose = key + '.loose';
  writeFileSync(loose, 'ab'.repeat(32) + '\n', { mode: 0o644 });
  const l = cli(['user', 'list', '--db', db], { env: { YUANQU_GM_KEY_FILE: loose } });
  assert.equal(l.code, 1);
  assert.match(l.stderr, /readable by others/);
  assert.equal(cli(['user', 'list', '--db', db]).code, 0);
});

test('the audit chain verifies in the 国密 mode', () => {
  const r = cli(['audit', 'verify', '--db', db]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
});

test('a standard database switches to the 国密 mode one way: phones sealed, passwords rehashed at login', async () => {
  const sdb = initDatabase();
  let s = await startServer({ db: sdb });
  const a = await adminClient(s);
  const u = await a.post('/api/users', { username: 'before_gm', role: 'leader', phone: PHONE, password: PW });
  assert.equal(u.status, 201, u.body);
  const e = await a.post('/api/enterprises', { uscc: USCC(7002), name: '切换前企业', industry_code: '3670',
    contacts: [{ name: '王主任', phone: PHONE, role: '主任' }] });
  assert.equal(e.status, 201, e.body);
  const t = await a.post('/api/tickets', { enterprise_id: e.json.id, channel: 'phone', category: '用工',
    title: '切换前诉求', description: '切换前登记', contact_phone: PHONE });
  assert.equal(t.status, 201, t.body);
  await s.stop();
  assert.notEqual(rawBytes(sdb).indexOf(Buffer.from(PHONE)), -1, 'plain before the switch');
  assert.match(sql(sdb, "SELECT password_hash FROM app_user WHERE username = 'admin'").trim(), /^\$argon2id\$/);

  const r = cli(['crypto', 'enable-gm', '--db', sdb]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /switched to the 国密 mode: 1 user phone numbers, the contacts of 1 enterprises and 1 request phone numbers sealed/);
  assert.equal(rawBytes(sdb).indexOf(Buffer.from(PHONE)), -1, 'no plain phone after the switch');
  assert.equal(sql(sdb, "SELECT value FROM crypto_setting WHERE name = 'mode'").trim(), 'gm');
  assert.match(cli(['crypto', 'enable-gm', '--db', sdb]).stdout, /in the 国密 mode already/);
  assert.match(cli(['user', 'list', '--db', sdb, '--crypto', 'std']).stderr, /initialised with --crypto gm/);

  s = await startServer({ db: sdb });
  const a2 = await adminClient(s); // argon2id still verifies ...
  assert.match(sql(sdb, "SELECT password_hash FROM app_user WHERE username = 'admin'").trim(), /^\$pbkdf2-sm3\$/); // ... and is rehashed
  assert.equal((await a2.get(`/api/users/${u.json.id}`)).json.phone, PHONE);
  assert.equal((await a2.get(`/api/enterprises/${e.json.id}`)).json.contacts[0].phone, PHONE);
  assert.equal((await a2.get(`/api/tickets/${t.json.id}`)).json.ticket.contact_phone, PHONE);
  const log = await a2.get('/api/audit?obj_type=crypto_mode');
  assert.deepEqual(log.json.items[0].changes.crypto_mode, ['std', 'gm']);
  await s.stop();
  const v = cli(['audit', 'verify', '--db', sdb]);
  assert.equal(v.code, 0, v.stdout + v.stderr);
});
