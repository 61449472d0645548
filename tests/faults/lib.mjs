// Fault tests' helpers: a PostgreSQL cluster the tests may kill and restart, direct SQL reads of
// the database under test (the sqlite3 CLI, psql), a fixture (departments, enterprises, an admin
// session), a writer load that records every write acknowledged with 2xx, and the check that
// every acknowledged write is present and the invariants hold.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ROOT, BIN, Client, adminClient, initDatabase, startServer, sleep } from '../api/lib.mjs';

export { ROOT, BIN, Client, adminClient, initDatabase, startServer, sleep };

const asRoot = process.getuid && process.getuid() === 0;

/** Runs `cmd args` as the postgres user when we are root (the server refuses root). */
function asPg(cmd, args, opts = {}) {
  return asRoot ? execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], opts)
    : execFileSync(cmd, args, opts);
}

/** A throwaway PostgreSQL cluster (tests/pg.sh) that the tests stop, kill and start again. */
export class PgCluster {
  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), 'yq-faults-pg-'));
    const out = execFileSync('bash', [join(ROOT, 'tests/pg.sh'), 'start', this.dir]).toString();
    const v = Object.fromEntries([...out.matchAll(/(YQ_PG_\w+)=(\S+)/g)].map((m) => [m[1], m[2]]));
    this.host = v.YQ_PG_HOST;
    this.port = v.YQ_PG_PORT;
    this.bin = v.YQ_PG_BIN;
    this.seq = 0;
  }
  /** Same options as tests/pg.sh start. */
  start() {
    asPg(join(this.bin, 'pg_ctl'), ['-D', join(this.dir, 'data'), '-l', join(this.dir, 'server.log'), '-w', '-t', '30',
      '-o', `-k ${this.dir} -c listen_addresses='' -p ${this.port} -c max_connections=200 -c shared_buffers=64MB`, 'start'],
    { stdio: 'ignore' });
  }
  /** The crash: every backend killed at once, no checkpoint; recovery runs at the next start. */
  killImmediate() {
    asPg(join(this.bin, 'pg_ctl'), ['-D', join(this.dir, 'data'), '-m', 'immediate', '-w', 'stop'], { stdio: 'ignore' });
  }
  stopFast() {
    try { asPg(join(this.bin, 'pg_ctl'), ['-D', join(this.dir, 'data'), '-m', 'fast', '-w', 'stop'], { stdio: 'ignore' }); } catch { /* already down */ }
  }
  destroy() {
    this.stopFast();
    rmSync(this.dir, { recursive: true, force: true });
  }
  url(name) { return `postgresql://yuanqu@/${name}?host=${encodeURIComponent(this.host)}&port=${this.port}`; }
  /** Creates an empty database and returns its URL. */
  createdb(name = `yqf_${process.pid}_${this.seq++}`) {
    execFileSync(join(this.bin, 'createdb'), ['-h', this.host, '-p', this.port, '-U', 'yuanqu', name]);
    return this.url(name);
  }
  /** Runs pg_* client tools (pg_dump, pg_restore, psql) against this cluster. */
  tool(name, args, opts = {}) {
    return execFileSync(join(this.bin, name), ['-h', this.host, '-p', this.port, '-U', 'yuanqu', ...args],
      { maxBuffer: 256 << 20, ...opts });
  }
}

/** The database name in a postgresql:// URL from PgCluster.url. */
export const pgName = (url) => url.replace(/^postgresql:\/\/yuanqu@\//, '').replace(/\?.*$/, '');
/** The file of a sqlite: URL. */
export const sqlitePath = (url) => url.replace(/^sqlite:/, '');

/** Rows of `sql` as objects, read straight from the database (not through the server). */
export function query(url, sql, pg) {
  if (url.startsWith('sqlite:')) {
    const out = execFileSync('sqlite3', ['-json', '-cmd', '.timeout 5000', sqlitePath(url), sql],
      { maxBuffer: 256 << 20 }).toString().trim();
    return out ? JSON.parse(out) : [];
  }
  const out = pg.tool('psql', ['-XAtq', '-d', pgName(url), '-c',
    `SELECT coalesce(json_agg(t), '[]') FROM (${sql}) t`]).toString().trim();
  return JSON.parse(out);
}

/** The engine-specific physical checks: SQLite's integrity and foreign keys. Returns problems. */
export function physicalCheck(url) {
  const bad = [];
  if (url.startsWith('sqlite:')) {
    const p = sqlitePath(url);
    const ic = execFileSync('sqlite3', ['-cmd', '.timeout 5000', p, 'PRAGMA integrity_check']).toString().trim();
    if (ic !== 'ok') bad.push(`integrity_check: ${ic.slice(0, 300)}`);
    const fk = execFileSync('sqlite3', ['-cmd', '.timeout 5000', p, 'PRAGMA foreign_key_check']).toString().trim();
    if (fk) bad.push(`foreign_key_check: ${fk.slice(0, 300)}`);
  }
  return bad;
}

// ---- fixture ----

function usccCheck(first17) {
  const cs = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const w = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  let s = 0;
  for (let i = 0; i < 17; i++) s += cs.indexOf(first17[i]) * w[i];
  return cs[(31 - (s % 31)) % 31];
}
/** A valid unified social credit code (统一社会信用代码) numbered n. */
export const uscc = (n) => { const b = '91430112MA' + String(n).padStart(7, '0'); return b + usccCheck(b); };

/** Creates a department and `n` enterprises; returns {dept, ents: [{id, uscc, name}], cookies, csrf}. */
export async function setupFixture(srv, n) {
  const admin = await adminClient(srv);
  const d = await admin.post('/api/depts', { name: '人社局', kind: 'other' });
  if (d.status !== 201) throw new Error('dept: ' + d.body);
  const ents = [];
  for (let i = 0; i < n; i++) {
    const e = { uscc: uscc(1000 + i), name: `故障测试企业${i}有限公司`, industry_code: '3922' };
    const r = await admin.post('/api/enterprises', e);
    if (r.status !== 201) throw new Error('enterprise: ' + r.body);
    ents.push({ ...e, id: r.json.id });
  }
  return { dept: d.json.id, ents, cookies: { ...admin.cookies }, csrf: admin.csrf };
}

/** A client on `base` carrying the fixture's admin session (sessions live in the database, so
 * they survive a restart). */
export function sessionClient(base, fx) {
  const c = new Client(base);
  c.cookies = { ...fx.cookies };
  c.csrf = fx.csrf;
  return c;
}

// ---- the ledger of acknowledged writes ----

export class Ledger {
  constructor(fx) {
    this.tickets = new Map();   // id -> {no, title, description}
    this.comments = [];         // {ticket_id, body}
    this.accepts = new Set();   // ticket ids
    this.ents = new Map(fx.ents.map((e) => [e.id, { acked: null, since: [] }])); // address sent since the last ack
    this.acks = 0;
    this.statuses = {};         // status code -> count, for the report
  }
  status(code) { this.statuses[code] = (this.statuses[code] || 0) + 1; }
}

const token = () => randomBytes(6).toString('hex');

/** One writer: creates requests, comments on and accepts its own, updates its enterprise; runs
 * until stop.stopped; records each write answered 2xx in the ledger. */
async function writer(base, fx, ent, led, stop, round, k, opts) {
  const c = sessionClient(base, fx);
  const mine = []; // {id, accepted}
  let i = 0;
  const call = async (fn) => {
    try {
      const r = await fn();
      led.status(r.status);
      return r;
    } catch (err) {
      led.status('conn');
      if (!stop.stopped && opts.onConnError) await opts.onConnError(err);
      return null;
    }
  };
  while (!stop.stopped) {
    i++;
    const dice = Math.random();
    if (mine.length === 0 || dice < 0.45) {
      const t = { title: `故障轮${round}写入者${k}第${i}条 ${token()}`, description: `用工缺口 ${token()} ${token()}` };
      const r = await call(() => c.post('/api/tickets', {
        enterprise_id: ent.id, channel: 'phone', category: '用工', ...t, contact_name: '张经理', contact_phone: '13900000001',
      }));
      if (r && r.status === 201) {
        led.tickets.set(r.json.id, { no: r.json.no, ...t });
        led.acks++;
        mine.push({ id: r.json.id, accepted: false });
      }
    } else if (dice < 0.7) {
      const t = mine[Math.floor(Math.random() * mine.length)];
      const body = `回复 ${token()}`;
      const r = await call(() => c.post(`/api/tickets/${t.id}/comments`, { body }));
      if (r && r.status === 200) { led.comments.push({ ticket_id: t.id, body }); led.acks++; }
    } else if (dice < 0.85) {
      const t = mine.find((x) => !x.accepted);
      if (!t) continue;
      t.accepted = true; // sent: do not send it twice
      const r = await call(() => c.post(`/api/tickets/${t.id}/accept`, { dept_id: fx.dept }));
      if (r && r.status === 200) { led.accepts.add(t.id); led.acks++; }
    } else {
      const address = `望城区 ${token()}`;
      const st = led.ents.get(ent.id);
      st.since.push(address);
      const r = await call(() => c.put(`/api/enterprises/${ent.id}`, {
        uscc: ent.uscc, name: ent.name, industry_code: ent.industry_code, address,
      }));
      if (r && r.status === 200) { st.acked = address; st.since = []; led.acks++; }
    }
    if (opts.pauseMs) await sleep(opts.pauseMs);
  }
}

/** Starts `fx.ents.length` writers against base; returns {stop(), done}. */
export function startLoad(base, fx, led, round, opts = {}) {
  const stop = { stopped: false };
  const done = Promise.all(fx.ents.map((ent, k) => writer(base, fx, ent, led, stop, round, k, opts)));
  return { stop() { stop.stopped = true; return done; }, done, flag: stop };
}

/** Checks the database against the ledger and the invariants. Returns
 * {checked, lost: [...], bad: [...], tickets} (lost: acknowledged writes missing or altered;
 * bad: broken invariants). */
export function verify(url, led, pg) {
  const lost = [];
  const bad = physicalCheck(url);
  const tickets = new Map(query(url, 'SELECT id, zone_id, no, title, description, status FROM ticket', pg)
    .map((t) => [Number(t.id), t]));
  const events = query(url, "SELECT id, ref_id AS ticket_id, action, to_state AS to_status, body FROM work_event WHERE kind = 'ticket' ORDER BY id", pg);
  const audit = query(url, "SELECT action, obj_id, COUNT(*) AS n FROM audit_log WHERE obj_type = 'ticket' GROUP BY action, obj_id", pg);
  const seq = query(url, 'SELECT day, n FROM ticket_no_seq', pg);
  const depts = query(url, 'SELECT ticket_id FROM ticket_dept', pg);
  const ents = new Map(query(url, 'SELECT id, address FROM enterprise', pg).map((e) => [Number(e.id), e.address]));
  let checked = 0;

  // every acknowledged write, present as acknowledged
  for (const [id, t] of led.tickets) {
    checked++;
    const row = tickets.get(id);
    if (!row) lost.push(`ticket ${id} (${t.no}) acknowledged 201 but missing`);
    else if (row.no !== t.no || row.title !== t.title || row.description !== t.description) lost.push(`ticket ${id} altered`);
  }
  const commentSet = new Set(events.filter((e) => e.action === 'reply' || e.action === 'note').map((e) => `${e.ticket_id}\u0000${e.body}`));
  for (const c of led.comments) {
    checked++;
    if (!commentSet.has(`${c.ticket_id}\u0000${c.body}`)) lost.push(`comment on ticket ${c.ticket_id} acknowledged 200 but missing`);
  }
  const accepted = new Set(events.filter((e) => e.action === 'accept').map((e) => Number(e.ticket_id)));
  for (const id of led.accepts) {
    checked++;
    const row = tickets.get(id);
    if (!accepted.has(id) || !row || row.status === 'received') lost.push(`accept of ticket ${id} acknowledged 200 but missing`);
  }
  for (const [id, st] of led.ents) {
    if (st.acked === null) continue;
    checked++;
    const v = ents.get(id);
    if (v !== st.acked && !st.since.includes(v)) lost.push(`enterprise ${id} address acknowledged as ${st.acked}, found ${v}`);
  }

  // invariants over every row, acknowledged or not
  const byTicket = new Map();
  for (const e of events) {
    const id = Number(e.ticket_id);
    if (!tickets.has(id)) { bad.push(`event ${e.id} of missing ticket ${id}`); continue; }
    if (!byTicket.has(id)) byTicket.set(id, []);
    byTicket.get(id).push(e);
  }
  const auditN = new Map(audit.map((a) => [`${a.action}\u0000${a.obj_id}`, Number(a.n)]));
  for (const a of audit) if (!tickets.has(Number(a.obj_id))) bad.push(`audit row (${a.action}) of missing ticket ${a.obj_id}`);
  for (const d of depts) if (!tickets.has(Number(d.ticket_id))) bad.push(`ticket_dept row of missing ticket ${d.ticket_id}`);
  for (const [id, t] of tickets) {
    const ev = byTicket.get(id) || [];
    if (!ev.length || ev[0].action !== 'submit') { bad.push(`ticket ${id}: first event is not 'submit'`); continue; }
    if (ev.filter((e) => e.action === 'submit').length !== 1) bad.push(`ticket ${id}: more than one 'submit' event`);
    const last = [...ev].reverse().find((e) => e.to_status);
    if (last.to_status !== t.status) bad.push(`ticket ${id}: status ${t.status} but the timeline ends at ${last.to_status}`);
    const counts = {};
    for (const e of ev) counts[e.action] = (counts[e.action] || 0) + 1;
    for (const [action, n] of Object.entries(counts)) {
      const an = auditN.get(`${action === 'submit' ? 'create' : action}\u0000${id}`) || 0;
      if (an !== n) bad.push(`ticket ${id}: ${n} '${action}' events but ${an} audit rows`);
    }
  }
  const perDay = new Map();
  for (const t of tickets.values()) {
    const m = /^SQ(\d{8})-(\d+)$/.exec(t.no);
    if (!m) { bad.push(`ticket ${t.id}: malformed number ${t.no}`); continue; }
    const key = m[1]; // one counter per day for every zone
    const v = perDay.get(key) || { count: 0, max: 0 };
    v.count++;
    v.max = Math.max(v.max, Number(m[2]));
    perDay.set(key, v);
  }
  const seqN = new Map(seq.map((s) => [s.day, Number(s.n)]));
  for (const [key, v] of perDay) {
    const n = seqN.get(key);
    if (n === undefined || n < v.max) bad.push(`ticket_no_seq ${key}: counter ${n} below the highest number ${v.max}`);
    if (v.count !== v.max) bad.push(`numbers of ${key}: ${v.count} tickets but the highest is ${v.max} (gap or duplicate)`);
  }
  return { checked, lost, bad, tickets: tickets.size };
}

/** Resolves once GET /healthz answers 200 (or rejects after ms). */
export async function waitHealthy(base, ms = 15000) {
  const t0 = Date.now();
  for (;;) {
    try {
      const r = await fetch(base + '/healthz');
      if (r.status === 200) return Date.now() - t0;
    } catch { /* not yet */ }
    if (Date.now() - t0 > ms) throw new Error('server not healthy after ' + ms + ' ms');
    await sleep(25);
  }
}

/** True when this process may mount a tmpfs (root, and mount allowed). YQ_FAULTS_NO_MOUNT=1
 * answers false, to see the skip reported. */
export function canMount() {
  if (!asRoot || process.env.YQ_FAULTS_NO_MOUNT === '1') return false;
  const d = mkdtempSync(join(tmpdir(), 'yq-mnt-probe-'));
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', d]);
  if (r.status === 0) spawnSync('umount', [d]);
  rmSync(d, { recursive: true, force: true });
  return r.status === 0;
}
