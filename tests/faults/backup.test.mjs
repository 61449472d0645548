// Backup and restore drill (issue 6, Faults). A backup is taken while writers keep writing; it
// must be a consistent snapshot (integrity, timelines, numbering and audit rows as in lib.mjs
// verify), hold every write acknowledged before the backup started, hold nothing that the live
// database does not, and, restored in a new place, serve the same data through a new server.
// A backup taken once the writers stopped matches the live database table for table (row counts
// and the sha256 of an ordered dump).
//   SQLite: `yuanqu backup` (SQLite online backup); restoring is copying the file into place.
//   PostgreSQL: `yuanqu backup` refuses and names pg_dump, which is what the drill uses
//   (pg_dump -Fc, one repeatable-read snapshot; pg_restore into a new database).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import {
  BIN, Ledger, PgCluster, initDatabase, pgName, query, sessionClient, setupFixture, sleep, startLoad, startServer, verify,
} from './lib.mjs';

let pg;
before(() => { pg = new PgCluster(); });
after(() => { pg?.destroy(); });

/** Runs a command without blocking the event loop (the load keeps running); kills it after
 * limitMs (code null). */
function run(cmd, args, limitMs = 30000) {
  return new Promise((res) => {
    const p = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const t = setTimeout(() => { out += `\n(killed: still running after ${limitMs} ms)`; p.kill('SIGKILL'); }, limitMs);
    p.stdout.on('data', (d) => { out += d; });
    p.stderr.on('data', (d) => { out += d; });
    p.on('exit', (code) => { clearTimeout(t); res({ code, out }); });
  });
}

/** The tables compared, with their columns (what every engine stores the same way). */
const TABLES = {
  ticket: 'id, zone_id, no, enterprise_id, title, description, status, dept_id, created_at',
  work_event: 'id, kind, ref_id, action, from_state, to_state, body',
  ticket_dept: 'ticket_id, dept_id, role',
  audit_log: 'id, action, obj_type, obj_id, changes',
  enterprise: 'id, uscc, name, address',
};
const ORDER = { ticket_dept: 'ticket_id, dept_id' };

/** {table: {rows, sha256}} of the database at url, rows ordered by key, optionally only id <= max. */
function digest(url, maxIds = {}) {
  const out = {};
  for (const [t, cols] of Object.entries(TABLES)) {
    const where = maxIds[t] !== undefined ? ` WHERE id <= ${Number(maxIds[t])}` : '';
    const rows = query(url, `SELECT ${cols} FROM ${t}${where} ORDER BY ${ORDER[t] || 'id'}`, pg);
    // numbers as text, so both engines' JSON (bigint as number or string) hash alike
    const text = rows.map((r) => Object.values(r).map((v) => (v === null ? '\\N' : String(v))).join('\t')).join('\n');
    out[t] = { rows: rows.length, sha256: createHash('sha256').update(text).digest('hex') };
  }
  return out;
}

/** A ledger holding only what `led` had acknowledged at this moment. */
function snapshot(led, fx) {
  const s = new Ledger(fx);
  s.tickets = new Map(led.tickets);
  s.comments = [...led.comments];
  s.accepts = new Set(led.accepts);
  s.ents = new Map(); // enterprise updates go on after the snapshot: not compared here
  s.acks = led.acks;
  return s;
}

const maxId = (url, t) => Number(query(url, `SELECT COALESCE(MAX(id), 0) AS m FROM ${t}`, pg)[0].m);

/** Checks a backup taken under load, restored at `restored`, against the ledger and the live
 * database at `live`. */
async function checkDrill(engine, live, restored, ackedBefore, fx) {
  // consistent, and holds everything acknowledged before it started
  const v = verify(restored, ackedBefore, pg);
  assert.deepEqual(v.lost, [], 'writes acknowledged before the backup started are missing');
  assert.deepEqual(v.bad, [], 'the backup is not a consistent snapshot');
  assert.ok(v.checked > 20, `too few acknowledged writes before the backup: ${v.checked}`);
  // holds nothing the live database lacks: its append-only rows are the live rows
  const maxIds = { ticket: maxId(restored, 'ticket'), work_event: maxId(restored, 'work_event'), audit_log: maxId(restored, 'audit_log') };
  const liveTickets = new Map(query(live, 'SELECT id, no, title, description FROM ticket', pg).map((t) => [Number(t.id), t]));
  for (const t of query(restored, 'SELECT id, no, title, description FROM ticket', pg)) {
    const l = liveTickets.get(Number(t.id));
    assert.ok(l && l.no === t.no && l.title === t.title && l.description === t.description, `ticket ${t.id} in the backup is not in the live database`);
  }
  if (engine === 'sqlite') {
    // SQLite commits one at a time and numbers rows in commit order: a snapshot is exactly the
    // live rows up to its highest id, with no gap and nothing torn
    const a = digest(restored), b = digest(live, maxIds);
    for (const t of ['work_event', 'audit_log']) assert.deepEqual(a[t], b[t], `${t}: the backup is not a prefix of the live history`);
    assert.equal(a.ticket.rows, b.ticket.rows, 'tickets: the backup is not a prefix of the live history');
  }
  // restored in a new place, a new server serves it: the same count through the API, and it
  // takes new writes numbered after the restored ones
  const srv = await startServer({ db: restored, args: ['--no-access-log'] });
  try {
    const c = sessionClient(srv.base, fx);
    const list = await c.get('/api/tickets?page_size=1');
    assert.equal(list.status, 200, list.body);
    assert.equal(list.json.total, v.tickets, 'ticket count through the API of the restored server');
    const some = [...ackedBefore.tickets.keys()].slice(-1)[0];
    assert.equal((await c.get(`/api/tickets/${some}`)).status, 200);
    const n = await c.post('/api/tickets', { enterprise_id: fx.ents[0].id, channel: 'phone', category: '用工', title: '恢复后新诉求', description: '恢复后提交' });
    assert.equal(n.status, 201, n.body);
  } finally {
    await srv.stop();
  }
  return v;
}

test('sqlite: yuanqu backup under write load, restored, holds every acknowledged write and serves', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'yq-backup-'));
  const live = initDatabase(`sqlite:${join(dir, 'live.db')}`);
  // 40 MB of filler, so the copy is far larger than one step of the online backup: a copy in
  // steps that restarts whenever the server writes would never finish under this load
  execFileSync('sqlite3', [join(dir, 'live.db'), 'CREATE TABLE filler(x); INSERT INTO filler SELECT zeroblob(100000) FROM generate_series(1, 400)']);
  const srv = await startServer({ db: live, args: ['--no-access-log'] });
  let fx, led, ackedBefore, b, ms;
  try {
    fx = await setupFixture(srv, 4);
    led = new Ledger(fx);
    const load = startLoad(srv.base, fx, led, 1);
    await sleep(700);
    ackedBefore = snapshot(led, fx);
    const t0 = Date.now();
    // one read transaction copies 40 MB in well under a second here; a copy that keeps
    // restarting under the load is killed
    b = await run(BIN, ['backup', '--db', live, join(dir, 'backup.db')], 5000);
    ms = Date.now() - t0;
    const acksDuring = led.acks - ackedBefore.acks;
    await sleep(200);
    await load.stop();
    assert.equal(b.code, 0, b.out);
    console.log(`backup drill sqlite: backup of a 40 MB database under load took ${ms} ms while ${acksDuring} writes were acknowledged`);
  } finally {
    await srv.stop();
  }
  // restore: the backup file copied into a new place
  const restored = `sqlite:${join(dir, 'restored.db')}`;
  copyFileSync(join(dir, 'backup.db'), join(dir, 'restored.db'));
  const v = await checkDrill('sqlite', live, restored, ackedBefore, fx);

  // with the writers stopped, a backup of the serving database matches it table for table
  const srv2 = await startServer({ db: live, args: ['--no-access-log'] });
  try {
    const q = await run(BIN, ['backup', '--db', live, join(dir, 'quiet.db')]);
    assert.equal(q.code, 0, q.out);
    assert.deepEqual(digest(`sqlite:${join(dir, 'quiet.db')}`), digest(live));
  } finally {
    await srv2.stop();
  }
  const d = digest(live);
  rmSync(dir, { recursive: true, force: true }); // kept when the test fails
  console.log(`backup drill sqlite: ${v.checked} writes acknowledged before the backup all restored, 0 lost; ` +
    `quiet backup = live: ${Object.entries(d).map(([t, x]) => `${t} ${x.rows} rows sha256 ${x.sha256.slice(0, 12)}`).join(', ')}`);
});

test('postgres: yuanqu backup names pg_dump; pg_dump under write load, restored, holds every acknowledged write', async () => {
  const live = initDatabase(pg.createdb());
  const refused = await run(BIN, ['backup', '--db', live, '/tmp/never-written.dump']);
  assert.equal(refused.code, 2);
  assert.match(refused.out, /pg_dump/);

  const dir = mkdtempSync(join(tmpdir(), 'yq-backup-pg-'));
  const file = join(dir, 'live.dump');
  const srv = await startServer({ db: live, args: ['--no-access-log'] });
  let fx, ackedBefore, ms, acksDuring;
  try {
    fx = await setupFixture(srv, 4);
    const led = new Ledger(fx);
    const load = startLoad(srv.base, fx, led, 1);
    await sleep(700);
    ackedBefore = snapshot(led, fx);
    const t0 = Date.now();
    const d = await run(`${pg.bin}/pg_dump`, ['-h', pg.host, '-p', pg.port, '-U', 'yuanqu', '-Fc', '-f', file, pgName(live)]);
    ms = Date.now() - t0;
    acksDuring = led.acks - ackedBefore.acks;
    await sleep(200);
    await load.stop();
    assert.equal(d.code, 0, d.out);

    const restored = pg.createdb();
    pg.tool('pg_restore', ['--no-owner', '-d', pgName(restored), file]);
    const v = await checkDrill('postgres', live, restored, ackedBefore, fx);

    // writers stopped: a dump restored elsewhere matches the live database table for table
    const quiet = join(dir, 'quiet.dump');
    pg.tool('pg_dump', ['-Fc', '-f', quiet, pgName(live)]);
    const again = pg.createdb();
    pg.tool('pg_restore', ['--no-owner', '-d', pgName(again), quiet]);
    assert.deepEqual(digest(again), digest(live));
    console.log(`backup drill postgres: pg_dump under load took ${ms} ms while ${acksDuring} writes were acknowledged; ` +
      `${v.checked} writes acknowledged before it all restored, 0 lost; quiet dump restored = live`);
    rmSync(dir, { recursive: true, force: true });
  } finally {
    await srv.stop();
  }
});
