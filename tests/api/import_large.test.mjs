// Imports at the documented limit: 1,000,000 rows through the CLI, more than 262,144 distinct codes
// through the API (the duplicate check once stopped there), and a long import that cannot hold
// the server past SIGTERM.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, adminClient, cli, uscc, initDatabase, sleep } from './lib.mjs';

const HEADER = '统一社会信用代码,企业名称,行业代码\n';
const code = (n) => uscc('91320684MA', n);

/** A CSV of rows 1..n, each with its own code, then the rows of `extra` ([n, name]). */
function csv(n, extra = []) {
  const parts = [HEADER];
  for (let i = 1; i <= n; i++) parts.push(`${code(i)},批量企业${i}有限公司,3491\n`);
  for (const [i, name] of extra) parts.push(`${code(i)},${name},3491\n`);
  return Buffer.from(parts.join(''));
}

function form(body) {
  const boundary = '----yqlarge' + Date.now();
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="e.csv"\r\nContent-Type: text/csv\r\n\r\n`);
  return { body: Buffer.concat([head, body, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` } };
}

let srv, admin;
before(async () => { srv = await startServer(); admin = await adminClient(srv); });
after(async () => { await srv.stop(); });

test('the CLI checks 1,000,000 rows, and refuses row 1,000,001', { timeout: 240000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'yq-large-'));
  const f = join(dir, 'million.csv');
  writeFileSync(f, csv(999999, [[5, '重复的第五家企业有限公司']]));
  let t0 = Date.now();
  let r = cli(['import', 'enterprises', f, '--dry-run', '--db', srv.db], { timeout: 120000 });
  const ms = Date.now() - t0;
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /第1000001行 统一社会信用代码「.*」：文件中统一社会信用代码重复/);
  assert.match(r.stdout, /1000000 rows: 999999 valid, 1 invalid; dry run, nothing written/);
  console.log(`# 1,000,000-row dry run through the CLI: ${ms} ms`);
  writeFileSync(f, csv(1000001));
  t0 = Date.now();
  r = cli(['import', 'enterprises', f, '--dry-run', '--db', srv.db], { timeout: 120000 });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /行数超过100万行/);
  console.log(`# 1,000,001-row refusal: ${Date.now() - t0} ms`);
});

test('more than 262,144 distinct codes through the API, written once each', { timeout: 240000 }, async () => {
  const n = 300000;
  const { body, headers } = form(csv(n, [[7, '重复的第七家企业有限公司']]));
  let t0 = Date.now();
  const dry = await admin.post('/api/enterprises/import?dry_run=1', body, { headers });
  assert.equal(dry.status, 200, dry.body);
  assert.deepEqual([dry.json.total, dry.json.valid, dry.json.invalid], [n + 1, n, 1]);
  assert.deepEqual(dry.json.errors.map((x) => [x.row, x.reason]), [[n + 2, '文件中统一社会信用代码重复']]);
  console.log(`# ${n}-row dry run through the API: ${Date.now() - t0} ms`);
  t0 = Date.now();
  const r = await admin.post('/api/enterprises/import?skip_invalid=1', body, { headers });
  assert.equal(r.status, 200, r.body);
  assert.deepEqual([r.json.created, r.json.updated, r.json.written], [n, 0, true]);
  console.log(`# ${n}-row write through the API: ${Date.now() - t0} ms`);
  assert.equal((await admin.get('/api/enterprises?page_size=1')).json.total, n);
  const seventh = await admin.get('/api/enterprises?q=' + code(7));
  assert.equal(seventh.json.items[0].name, '批量企业7有限公司');
  const v = cli(['audit', 'verify', '--db', srv.db], { timeout: 120000 });
  assert.equal(v.code, 0, v.stderr);
  assert.match(v.stdout, /audit chain ok: (\d+) rows/);
  assert.ok(Number(v.stdout.match(/ok: (\d+)/)[1]) > n, 'one chained audit row per enterprise written');
});

test('SIGTERM during a long import: the import rolls back and the server stops after its grace', { timeout: 240000 }, async () => {
  const db = initDatabase();
  const s = await startServer({ db, env: { YUANQU_STOP_GRACE: '1' } });
  const c = await adminClient(s);
  const { body, headers } = form(csv(1000000));
  const pending = c.post('/api/enterprises/import', body, { headers }).catch((e) => ({ status: 0, error: e }));
  await sleep(1500); // the upload is in; the import runs (it takes far longer than the grace)
  const t0 = Date.now();
  const { code: exit } = await s.stop('SIGTERM');
  const ms = Date.now() - t0;
  assert.equal(exit, 0);
  assert.ok(ms < 6000, `stopped ${ms} ms after SIGTERM`);
  const r = await pending;
  if (r.status) {
    assert.equal(r.status, 503, r.body);
    assert.match(r.json.error.message, /导入已取消/);
  }
  assert.match(s.log(), /stopped/);
  const again = await startServer({ db });
  try {
    const a = await adminClient(again);
    assert.equal((await a.get('/api/enterprises?page_size=1')).json.total, 0, 'nothing of the import was written');
    assert.equal((await a.post('/api/enterprises', { uscc: code(1), name: '停机后的企业有限公司', industry_code: '3491' })).status, 201);
  } finally { await again.stop(); }
  const v = cli(['audit', 'verify', '--db', db]);
  assert.equal(v.code, 0, v.stdout + v.stderr);
});
