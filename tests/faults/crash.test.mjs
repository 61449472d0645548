// Crash consistency (issue 6, Faults): SIGKILL under write load, 100 rounds per engine, every
// acknowledged write present and every invariant holding after each restart; PostgreSQL also
// killed with `pg_ctl stop -m immediate`. The harness proves it can fail: the same harness run
// against the test hook that answers before committing must report lost writes.
// YQ_CRASH_ROUNDS overrides the number of rounds (default 100).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { crashRun, summary } from './crash.mjs';
import { PgCluster } from './lib.mjs';

const ROUNDS = Number(process.env.YQ_CRASH_ROUNDS || 100);
let pg;
before(() => { pg = new PgCluster(); });
after(() => { pg?.destroy(); });

function assertClean(res) {
  console.log(summary(res));
  assert.equal(res.rounds, ROUNDS);
  assert.ok(res.checked > ROUNDS, `too few acknowledged writes to mean anything: ${res.checked}`);
  assert.deepEqual(res.lost, [], 'acknowledged writes lost');
  assert.deepEqual(res.bad, [], 'invariants broken');
}

function assertCaught(res) {
  console.log(summary(res, `${res.engine} with the ack-before-commit hook`));
  assert.ok(res.lost.length > 0, 'the harness did not notice a server that answers before it commits');
}

test(`sqlite: ${ROUNDS} rounds of SIGKILL under write load lose no acknowledged write`, async () => {
  assertClean(await crashRun({ engine: 'sqlite', rounds: ROUNDS }));
});

test('sqlite: the harness catches a server that acknowledges before it commits', async () => {
  assertCaught(await crashRun({ engine: 'sqlite', rounds: 10, hookMs: 150, stopOnLoss: true }));
});

test(`postgres: ${ROUNDS} rounds of SIGKILL (and pg_ctl stop -m immediate) lose no acknowledged write`, async () => {
  const res = await crashRun({ engine: 'postgres', rounds: ROUNDS, pg });
  assertClean(res);
  assert.ok(res.pgKills >= Math.floor(ROUNDS / 5));
});

test('postgres: the harness catches a server that acknowledges before it commits', async () => {
  assertCaught(await crashRun({ engine: 'postgres', rounds: 10, hookMs: 150, pg, stopOnLoss: true }));
});
