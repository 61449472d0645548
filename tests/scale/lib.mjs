// Scale-out tests' helpers (issue 15): a primary PostgreSQL cluster with a small generated data set,
// a streaming standby of it made with pg_basebackup -R, servers sharing one data directory (the
// audit key) and a known /metrics token, a bounded read load, and the metrics' values.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { PgCluster } from '../faults/lib.mjs';
import { BIN, Client, cli, sleep, startServer } from '../api/lib.mjs';

export { BIN, Client, cli, sleep, startServer, PgCluster };

const asRoot = process.getuid && process.getuid() === 0;
export const GEN_PW = 'Gen-Passw0rd-2026';

/** Runs `cmd args` as the postgres user when we are root (the server refuses root). */
export function asPg(cmd, args, opts = {}) {
  return asRoot ? execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], opts)
    : execFileSync(cmd, args, opts);
}

/** What every process of a test shares: the data directory (the audit key `gen` makes) and the
 * /metrics token. */
export function sharedEnv() {
  const dataDir = mkdtempSync(join(tmpdir(), 'yq-scale-data-'));
  const token = randomBytes(32).toString('hex');
  return { dataDir, token, env: { YUANQU_DATA_DIR: dataDir, YUANQU_METRICS_TOKEN: token } };
}

/** A small generated province in a new database of pg (2 zones; users gen001-admin …, gen-province,
 * password GEN_PW); returns its URL. */
export function genDatabase(pg, env, zones = 2) {
  const url = pg.createdb();
  const r = cli(['gen', '--db', url, '--zones', String(zones), '--enterprises-per-zone', '40',
    '--tickets-per-zone', '40', '--projects-per-zone', '8', '--econ-months', '13', '--space-units-per-zone', '20'],
  { env, timeout: 120000 });
  if (r.code !== 0) throw new Error(`gen failed: ${r.stderr}`);
  return url;
}

/** A streaming standby of `primary` (a PgCluster): pg_basebackup -R into a second data directory,
 * started on its own socket and port, read-only (hot standby). */
export class Replica {
  constructor(primary) {
    this.primary = primary;
    this.dir = mkdtempSync(join(tmpdir(), 'yq-replica-'));
    if (asRoot) execFileSync('chown', ['postgres', this.dir]);
    this.port = String(Number(primary.port) + 1);
    this.data = join(this.dir, 'data');
    try {
      // -R writes primary_conninfo and standby.signal; -X stream copies the WAL of the backup
      asPg(join(primary.bin, 'pg_basebackup'), ['-h', primary.host, '-p', primary.port, '-U', 'yuanqu',
        '-D', this.data, '-R', '-X', 'stream', '-c', 'fast'], { stdio: 'ignore' });
      this.start();
    } catch (e) {
      this.destroy();
      throw e;
    }
  }
  /** As tests/pg.sh starts the primary: a standby's max_connections may not be below the
   * primary's. */
  start() {
    asPg(join(this.primary.bin, 'pg_ctl'), ['-D', this.data, '-l', join(this.dir, 'server.log'), '-w', '-t', '30',
      '-o', `-k ${this.dir} -c listen_addresses='' -p ${this.port} -c max_connections=200 -c shared_buffers=64MB -c hot_standby=on`,
      'start'], { stdio: 'ignore' });
  }
  /** Every backend killed at once, no shutdown checkpoint (as a crash). */
  killImmediate() {
    asPg(join(this.primary.bin, 'pg_ctl'), ['-D', this.data, '-m', 'immediate', '-w', 'stop'], { stdio: 'ignore' });
  }
  stopFast() {
    try { asPg(join(this.primary.bin, 'pg_ctl'), ['-D', this.data, '-m', 'fast', '-w', 'stop'], { stdio: 'ignore' }); } catch { /* down */ }
  }
  destroy() {
    this.stopFast();
    rmSync(this.dir, { recursive: true, force: true });
  }
  /** Runs one SQL text on the standby (psql, database postgres); returns its output. */
  sql(text) {
    return execFileSync(join(this.primary.bin, 'psql'), ['-h', this.dir, '-p', this.port, '-U', 'yuanqu',
      '-d', 'postgres', '-Atc', text]).toString().trim();
  }
  /** The URL of database `name` on the standby. */
  url(name) { return `postgresql://yuanqu@/${name}?host=${encodeURIComponent(this.dir)}&port=${this.port}`; }
}

/** The database name of a postgresql:// URL of PgCluster.url. */
export const dbName = (url) => url.replace(/^postgresql:\/\/yuanqu@\//, '').replace(/\?.*$/, '');

/** The samples of /metrics as {name{labels}: value}. */
export async function metrics(base, token) {
  const r = await fetch(base + '/metrics', { headers: { Authorization: `Bearer ${token}` } });
  if (r.status !== 200) throw new Error(`/metrics: ${r.status}`);
  const out = {};
  for (const line of (await r.text()).split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const i = line.lastIndexOf(' ');
    out[line.slice(0, i)] = Number(line.slice(i + 1));
  }
  return out;
}

/** Logs in `username` (password GEN_PW) on base; the client. */
export async function login(base, username) {
  const c = new Client(base);
  const r = await c.login(username, GEN_PW);
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${r.body}`);
  return c;
}

/** `workers` clients reading `reqs` ([{client, path}]) round and round until stop() is called;
 * stop() resolves to {n, statuses: {status: count}, errors: [first few]}. */
export function readLoad(base, reqs, workers = 8) {
  let stopped = false;
  const statuses = {};
  const errors = [];
  let n = 0;
  const runs = Array.from({ length: workers }, async (_, w) => {
    for (let i = w; !stopped; i++) {
      const { client, path } = reqs[i % reqs.length];
      let status;
      try {
        const r = await fetch(base + path, { headers: { Cookie: client.cookieHeader() } });
        await r.arrayBuffer();
        status = r.status;
      } catch (e) {
        status = 'error';
        if (errors.length < 5) errors.push(`${path}: ${e.message}`);
      }
      statuses[status] = (statuses[status] || 0) + 1;
      if (status !== 200 && errors.length < 5 && status !== 'error') errors.push(`${path}: ${status}`);
      n++;
    }
  });
  return {
    get n() { return n; },
    async stop() { stopped = true; await Promise.all(runs); return { n, statuses, errors }; },
  };
}

/** The last full month (YYYY-MM) and the year, in UTC. */
export function periods() {
  const d = new Date();
  const y = d.getUTCFullYear(), m = d.getUTCMonth(); // m: this month, 0-based = last month 1-based
  const period = m === 0 ? `${y - 1}-12` : `${y}-${String(m).padStart(2, '0')}`;
  return { period, year: y };
}
