// Crash consistency harness. One database, many rounds; each round runs a burst of concurrent
// writers against the real server, kills it with SIGKILL after a random delay (on PostgreSQL,
// every fifth round kills PostgreSQL itself with `pg_ctl stop -m immediate`, half of those
// with the server left running to reconnect by itself), restarts what was killed and checks,
// reading the database directly, that every write acknowledged 2xx in any round so far is
// present as acknowledged and that the invariants hold (see lib.mjs verify).
//
//   node tests/faults/crash.mjs sqlite|postgres [ROUNDS] [ACK_BEFORE_COMMIT_MS]
//
// With ACK_BEFORE_COMMIT_MS the server runs with the test hook that answers before it commits
// (src/db/db.h): the harness must then report lost writes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  PgCluster, Ledger, initDatabase, setupFixture, sessionClient, sleep, startLoad, startServer, verify, waitHealthy,
} from './lib.mjs';

const rand = (a, b) => a + Math.floor(Math.random() * (b - a + 1));

/**
 * Runs the harness. Options: engine ('sqlite' | 'postgres'), rounds, pg (a PgCluster, for
 * postgres), hookMs (0: a correct server), writers, stopOnLoss, log (a function for progress).
 * Resolves to {engine, rounds, pgKills, acked, checked, tickets, lost, bad, statuses, ms}.
 */
export async function crashRun({ engine, rounds, pg = null, hookMs = 0, writers = 4, stopOnLoss = false, log = () => {} }) {
  const t0 = Date.now();
  const dir = engine === 'postgres' ? null : mkdtempSync(join(tmpdir(), 'yq-crash-'));
  const url = initDatabase(dir ? `sqlite:${join(dir, 'yuanqu.db')}` : pg.createdb());
  const env = hookMs ? { YUANQU_TEST_ACK_BEFORE_COMMIT: String(hookMs) } : {};
  const serve = () => startServer({ db: url, env, args: ['--no-access-log'] });
  let srv = await serve();
  const fx = await setupFixture(srv, writers);
  if (hookMs) await sleep(hookMs + 100); // let the hook commit the fixture before the first kill
  const led = new Ledger(fx);
  const lost = new Set();
  const bad = new Set();
  let pgKills = 0, done = 0, v = null;
  for (let r = 1; r <= rounds; r++) {
    const load = startLoad(srv.base, fx, led, r);
    await sleep(rand(60, 450));
    const mode = engine === 'postgres' && r % 5 === 0 ? (r % 10 === 0 ? 'pg+server' : 'pg') : 'server';
    if (mode === 'server') {
      await srv.stop('SIGKILL');
      await load.stop();
    } else if (mode === 'pg+server') {
      pg.killImmediate();
      pgKills++;
      await sleep(rand(0, 80));
      await srv.stop('SIGKILL');
      await load.stop();
      pg.start();
    } else {
      // PostgreSQL dies under the running server: writes fail with 503 meanwhile; once it is
      // back the same server process must serve again without being restarted
      pg.killImmediate();
      pgKills++;
      await sleep(rand(20, 120));
      pg.start();
      await waitHealthy(srv.base);
      await sleep(60);
      await load.stop();
      if (srv.proc.exitCode !== null || srv.proc.signalCode !== null) bad.add(`round ${r}: the server died when PostgreSQL was killed`);
    }
    if (srv.proc.exitCode !== null || srv.proc.signalCode !== null) srv = await serve();
    v = verify(url, led, pg);
    for (const l of v.lost) lost.add(l);
    for (const b of v.bad) bad.add(`round ${r}: ${b}`);
    // the restarted server answers for what it acknowledged before
    const c = sessionClient(srv.base, fx);
    const ids = [...led.tickets.keys()].slice(-3);
    for (const id of ids) {
      const g = await c.get(`/api/tickets/${id}`);
      if (g.status !== 200 && led.tickets.has(id) && v.lost.length === 0) bad.add(`round ${r}: GET /api/tickets/${id} answered ${g.status} after restart`);
    }
    done = r;
    log(`round ${r} (${mode}): ${led.acks} acked so far, ${v.tickets} tickets, ${v.lost.length} lost, ${v.bad.length} bad`);
    if (stopOnLoss && lost.size) break;
  }
  await srv.stop('SIGTERM');
  for (const [code, n] of Object.entries(led.statuses)) {
    if (/^5/.test(code) && code !== '503') bad.add(`${n} answers with status ${code} (only 503 may signal a fault)`);
  }
  if (dir && !bad.size && (hookMs || !lost.size)) rmSync(dir, { recursive: true, force: true }); // kept on failure
  return {
    engine, rounds: done, pgKills, acked: led.acks, checked: v ? v.checked : 0, tickets: v ? v.tickets : 0,
    lost: [...lost], bad: [...bad], statuses: led.statuses, ms: Date.now() - t0,
  };
}

/** The summary line, e.g. "crash sqlite: 100 rounds, 812 acked writes checked, 0 lost". */
export function summary(res, label = res.engine) {
  return `crash ${label}: ${res.rounds} rounds${res.pgKills ? ` (${res.pgKills} with PostgreSQL killed)` : ''}, ` +
    `${res.checked} acked writes checked, ${res.lost.length} lost, ${res.bad.length} invariant violations, ` +
    `${(res.ms / 1000).toFixed(1)} s`;
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const engine = process.argv[2] || 'sqlite';
  const rounds = Number(process.argv[3] || 100);
  const hookMs = Number(process.argv[4] || 0);
  const pg = engine === 'postgres' ? new PgCluster() : null;
  try {
    const res = await crashRun({ engine, rounds, pg, hookMs, log: (s) => process.stderr.write(s + '\n') });
    console.log(summary(res));
    for (const l of res.lost.slice(0, 10)) console.log('lost: ' + l);
    for (const b of res.bad.slice(0, 10)) console.log('bad: ' + b);
    console.log('statuses: ' + JSON.stringify(res.statuses));
    process.exitCode = hookMs ? (res.lost.length ? 0 : 1) : (res.lost.length || res.bad.length ? 1 : 0);
  } finally {
    pg?.destroy();
  }
}
