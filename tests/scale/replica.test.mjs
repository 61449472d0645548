// A streaming replica serving the read-only routes (issue 15, `serve --db-read`): a primary
// cluster and a standby made from it with pg_basebackup -R; every route flagged "replica" in the
// route table answers 200 from the standby; /metrics shows it up with its lag; the standby stopped
// (immediate) under a read load: every read still answers 200, from the primary, and /metrics
// shows it down with the fall-backs counted; started again, it serves the reads again. A server
// started while the standby is down serves too. A standby whose replay is paused falls behind
// --db-read-max-lag: its reads go to the primary (reason "lag") until it catches up. --db-read on
// SQLite is refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import {
  BIN, PgCluster, Replica, cli, dbName, genDatabase, login, metrics, periods, readLoad, sharedEnv, sleep,
  startServer,
} from './lib.mjs';

let pg, rep, shared, primaryUrl, replicaUrl, srv, admin, prov;
const { period, year } = periods();

// every route the table flags "replica", with the arguments it needs and the account that reads
// it (gen-province: the region's; gen001-admin: a zone's)
const ROUTES = {
  '/api/region/compare': ['prov', `?period=${period}`],
  '/api/region/compare/export': ['prov', `?period=${period}&format=csv`],
  '/api/region/ranking/history': ['prov', `?period=${period}`],
  '/api/region/ranking': ['prov', `?period=${period}`],
  '/api/stats/enterprises': ['admin', ''],
  '/api/tickets/stats': ['admin', `?from=${year}-01-01&to=${year}-12-31&group=dept`],
  '/api/economy/summary': ['admin', `?period=${period}`],
  '/api/economy/contributions': ['admin', `?period=${period}&indicator=output`],
  '/api/space/summary': ['admin', ''],
  '/api/policies/summary': ['admin', ''],
  '/api/finance/summary': ['admin', ''],
  '/api/jobs/summary': ['admin', ''],
  '/api/freight/summary': ['admin', ''],
  '/api/projects/stats': ['admin', `?year=${year}`],
  '/api/projects/targets': ['admin', `?year=${year}`],
  '/api/projects/leaderboard': ['admin', `?week=${year}-W20`],
  '/api/projects/evaluation': ['admin', `?month=${period}`],
};
const reqs = () => Object.entries(ROUTES).map(([p, [who, q]]) => ({ client: who === 'prov' ? prov : admin, path: p + q }));
const read = (m) => ({
  up: m.yuanqu_db_read_up,
  lag: m.yuanqu_db_read_lag_seconds,
  served: m.yuanqu_db_read_requests_total,
  down: m['yuanqu_db_read_fallback_total{reason="down"}'],
  failed: m['yuanqu_db_read_fallback_total{reason="failed"}'],
  write: m['yuanqu_db_read_fallback_total{reason="write"}'],
  lagged: m['yuanqu_db_read_fallback_total{reason="lag"}'],
});
async function waitUp(base, token, up, ms = 15000) {
  const t0 = Date.now();
  for (;;) {
    const m = read(await metrics(base, token));
    if (m.up === up) return m;
    if (Date.now() - t0 > ms) throw new Error(`yuanqu_db_read_up stayed ${m.up} for ${ms} ms`);
    await sleep(200);
  }
}

before(async () => {
  const t0 = Date.now();
  shared = sharedEnv();
  pg = new PgCluster();
  primaryUrl = genDatabase(pg, shared.env);
  rep = new Replica(pg);
  replicaUrl = rep.url(dbName(primaryUrl));
  srv = await startServer({ db: primaryUrl, args: ['--db-read', replicaUrl, '--no-access-log'], env: shared.env });
  admin = await login(srv.base, 'gen001-admin');
  prov = await login(srv.base, 'gen-province');
  console.log(`replica: primary, data set and standby ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
});

after(async () => {
  await srv?.stop();
  rep?.destroy();
  pg?.destroy();
  if (shared) rmSync(shared.dataDir, { recursive: true, force: true });
});

test('the route table flags the read-only routes, and each answers from the standby', async () => {
  const table = JSON.parse(execFileSync(BIN, ['routes', '--json']).toString());
  const flagged = (table.routes || table).filter((r) => r.flags.includes('replica'));
  assert.deepEqual(flagged.map((r) => r.pattern).sort(), Object.keys(ROUTES).sort(),
    'every replica route is exercised here on a real standby');
  for (const r of flagged) assert.equal(r.method, 'GET', `${r.pattern}: a replica route reads`);

  let m0 = read(await metrics(srv.base, shared.token));
  assert.equal(m0.up, 1, 'the standby is up');
  assert.ok(m0.lag >= 0 && m0.lag < 30, `a lag is measured: ${m0.lag}`);
  // twice: a summary that a first read builds (a write: run on the primary) is read from the
  // standby the second time, once it has replayed it
  for (let round = 0; round < 2; round++) {
    for (const { client, path } of reqs()) {
      const r = await client.get(path);
      assert.equal(r.status, 200, `${path}: ${r.body.slice(0, 300)}`);
    }
    if (round === 0) await sleep(300);
  }
  const m1 = read(await metrics(srv.base, shared.token));
  const n = 2 * reqs().length;
  assert.equal(m1.failed, 0, 'nothing failed on the standby');
  assert.equal(m1.down + m1.lagged, 0, 'the standby was used throughout');
  assert.equal(m1.served + m1.write, n, 'every read went to the standby, or moved to the primary to write');
  assert.ok(m1.served >= reqs().length, `most reads came from the standby: ${m1.served} of ${n}`);
  // a route not flagged, and the session, stay on the primary: a write right after shows at once
  const me = await admin.get('/api/me');
  assert.equal(me.status, 200);
  assert.equal(read(await metrics(srv.base, shared.token)).served, m1.served, '/api/me is not a replica route');
  console.log(`replica: ${n} reads of ${reqs().length} routes, ${m1.served} from the standby, ${m1.write} moved to the primary to write, lag ${m1.lag} s`);
});

test('the standby stopped under load: every read answers 200 from the primary, then the standby is used again', async () => {
  const m0 = read(await metrics(srv.base, shared.token));
  const load = readLoad(srv.base, reqs(), 8);
  await sleep(1500);
  const nBefore = load.n;
  rep.killImmediate();
  const stoppedAt = Date.now();
  await sleep(2500);
  const res = await load.stop();
  const m1 = read(await metrics(srv.base, shared.token));
  assert.deepEqual(Object.keys(res.statuses), ['200'], `every read answered 200: ${JSON.stringify(res.statuses)} ${res.errors.join('; ')}`);
  assert.ok(res.n - nBefore > 20, `reads continued after the stop: ${res.n - nBefore}`);
  assert.equal(m1.up, 0, '/metrics shows the standby down');
  assert.ok(Number.isNaN(m1.lag), `no lag while it is down: ${m1.lag}`);
  assert.ok(m1.down + m1.failed > m0.down + m0.failed, 'fall-backs are counted');
  const h = await fetch(srv.base + '/healthz');
  assert.equal(h.status, 200, 'the primary serves');

  // a server started while the standby is down starts and serves from the primary
  const srv2 = await startServer({ db: primaryUrl, args: ['--db-read', replicaUrl, '--no-access-log'], env: shared.env });
  try {
    const c = await login(srv2.base, 'gen001-admin');
    const r = await c.get(`/api/projects/stats?year=${year}`);
    assert.equal(r.status, 200, r.body);
    const m2 = read(await metrics(srv2.base, shared.token));
    assert.equal(m2.up, 0);
    assert.equal(m2.down, 1, 'the read went to the primary');
    assert.match(srv2.log(), /read replica is down/, 'the start logs the standby down');
  } finally {
    await srv2.stop();
  }

  rep.start();
  const m3 = await waitUp(srv.base, shared.token, 1);
  const back = Date.now() - stoppedAt;
  for (const { client, path } of reqs()) {
    const r = await client.get(path);
    assert.equal(r.status, 200, `${path}: ${r.body.slice(0, 300)}`);
  }
  const m4 = read(await metrics(srv.base, shared.token));
  assert.ok(m4.served > m3.served, `the standby serves again: ${m3.served} → ${m4.served}`);
  console.log(`replica: stopped under load: ${res.n} reads (${res.n - nBefore} after the stop), all 200; ` +
    `fall-backs down ${m1.down - m0.down}, failed ${m1.failed - m0.failed}; up again after ${(back / 1000).toFixed(1)} s, ` +
    `${m4.served - m3.served} of ${reqs().length} reads from the standby`);
});

test('a standby further behind than --db-read-max-lag is passed over until it catches up', async () => {
  // a transaction replayed first, so that the standby has a last replayed commit to measure from
  pg.tool('psql', ['-d', 'postgres', '-Atc', 'CREATE TABLE IF NOT EXISTS lag_probe (n integer); INSERT INTO lag_probe VALUES (1)']);
  const srv3 = await startServer({ db: primaryUrl, args: ['--db-read', replicaUrl, '--db-read-max-lag', '1', '--no-access-log'], env: shared.env });
  let paused = false;
  try {
    const c = await login(srv3.base, 'gen001-admin');
    const path = '/api/space/summary';
    const until = async (what, ok, ms = 20000) => {
      const t0 = Date.now();
      for (;;) {
        const m = read(await metrics(srv3.base, shared.token));
        if (ok(m)) return m;
        if (Date.now() - t0 > ms) throw new Error(`${what}: ${JSON.stringify(m)}`);
        await sleep(250);
      }
    };
    await until('the standby up and caught up', (m) => m.up === 1 && m.lag >= 0 && m.lag < 1);
    assert.equal((await c.get(path)).status, 200);
    const m0 = read(await metrics(srv3.base, shared.token));
    assert.equal(m0.served, 1, 'a standby within the bound serves');

    // replay paused on the standby while the primary commits: the standby falls behind
    rep.sql('SELECT pg_wal_replay_pause()');
    paused = true;
    pg.tool('psql', ['-d', 'postgres', '-Atc', 'INSERT INTO lag_probe VALUES (2)']);
    const m1 = await until('the lag over 1 s', (m) => m.lag > 1);
    assert.equal(m1.up, 1, 'a standby behind is still up');
    for (let i = 0; i < 3; i++) {
      const r = await c.get(path);
      assert.equal(r.status, 200, r.body);
    }
    const m2 = read(await metrics(srv3.base, shared.token));
    assert.equal(m2.served, m1.served, 'no read from a standby behind the bound');
    assert.equal(m2.lagged - m1.lagged, 3, 'each read went to the primary, counted as reason="lag"');

    // replay resumed: the standby catches up and serves again
    rep.sql('SELECT pg_wal_replay_resume()');
    paused = false;
    const m3 = await until('the lag back under 1 s', (m) => m.lag >= 0 && m.lag < 1);
    assert.equal((await c.get(path)).status, 200);
    const m4 = read(await metrics(srv3.base, shared.token));
    assert.equal(m4.served, m3.served + 1, 'the standby serves again once caught up');
    assert.equal(m4.lagged, m3.lagged);
    console.log(`replica: max lag 1 s: lag reached ${m1.lag} s, ${m2.lagged - m1.lagged} reads to the primary, then the standby again`);
  } finally {
    if (paused) rep.sql('SELECT pg_wal_replay_resume()');
    await srv3.stop();
  }
});

test('--db-read needs PostgreSQL', () => {
  const r = cli(['serve', '--db', 'sqlite:/nonexistent/x.db', '--db-read', replicaUrl]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--db-read needs PostgreSQL/);
  const h = cli(['serve', '--help']);
  assert.match(h.stdout, /--db-read URL/);
});
