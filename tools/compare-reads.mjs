// compare-reads: the same database read through two builds of yuanqu, every GET route of the
// route table as several users, the answers compared byte for byte. For a refactor that must not
// change what the API answers (issue 11's work on the stores): build the old revision apart, load
// one demo database, copy it, and
//
//	echo 'Demo-Passw0rd!2026' | yuanqu demo --db sqlite:/tmp/a.db --password-stdin --now 1796601600
//	cp /tmp/a.db /tmp/b.db   # and the audit.key beside it
//	node tools/compare-reads.mjs OLD/build/yuanqu sqlite:/tmp/a.db build/yuanqu sqlite:/tmp/b.db
//
// A `:id` route takes the id of its list's first row; exports are read as CSV. Times of the login
// itself (last_login_at, the login log, a PDF's creation date) differ by nature. Loopback only.
import { spawn, execFileSync } from 'node:child_process';
import { Client } from '../tests/api/lib.mjs';
const [binA, dbA, binB, dbB] = process.argv.slice(2);
if (!dbB) { console.error('usage: node tools/compare-reads.mjs BIN_A DB_A BIN_B DB_B'); process.exit(2); }
function serve(bin, db) {
  return new Promise((res, rej) => {
    const p = spawn(bin, ['serve', '--db', db, '--listen', '127.0.0.1:0'], { env: { ...process.env, YUANQU_LOG: 'info' } });
    let log = '';
    const on = (d) => { log += d; const m = log.match(/listening on http:\/\/127\.0\.0\.1:(\d+)\//); if (m) res({ p, base: `http://127.0.0.1:${m[1]}` }); };
    p.stdout.on('data', on); p.stderr.on('data', on);
    p.on('exit', () => rej(new Error(log)));
  });
}
const routes = execFileSync(binB, ['routes']).toString().split('\n').filter((l) => l.startsWith('GET ')).map((l) => l.split(/\s+/)[1])
  .filter((p) => p.startsWith('/api/') && !/openapi|healthz|metrics|stream|events$/.test(p));
const A = await serve(binA, dbA), B = await serve(binB, dbB);
const users = ['ccetdz-admin', 'ccetdz-gb001', 'ccetdz-gb008', 'ccetdz-fuwu', 'ccetdz-qiye', 'ccetdz-weipai', 'ccetdz-yinhang', 'hmetdz-admin'];
const norm = (r) => {
  let b = r.body;
  if (typeof b !== 'string') b = String(b);
  b = b.replace(/"(request_id|csrf_token|generated_at|now|as_of_time|took_ms)":\s*("[^"]*"|[0-9.]+)/g, '"$1":"*"');
  return `${r.status} ${b}`;
};
let n = 0, diff = 0;
for (const u of users) {
  const ca = new Client(A.base), cb = new Client(B.base);
  const la = await ca.login(u, 'Demo-Passw0rd!2026'), lb = await cb.login(u, 'Demo-Passw0rd!2026');
  if (la.status !== 200 || lb.status !== 200) { console.log('login', u, la.status, lb.status); continue; }
  const ids = {};
  for (const path of routes) {
    let p = path;
    if (p.includes(':')) {
      // the id of the first row of the parent list, when there is one
      const parent = p.slice(0, p.indexOf('/:'));
      if (!ids[parent]) continue;
      p = p.replace(/:[a-z_]+/, ids[parent]).replace(/\/:[a-z_]+/g, '/1');
    }
    if (p.endsWith('/export')) p += '?format=csv';
    const [ra, rb] = [await ca.get(p), await cb.get(p)];
    n++;
    const ja = norm(ra), jb = norm(rb);
    if (ja !== jb) { diff++; let i = 0; while (ja[i] === jb[i]) i++; console.log(`DIFF ${u} ${p} at ${i}\n  A: ${ja.slice(Math.max(0, i - 80), i + 60)}\n  B: ${jb.slice(Math.max(0, i - 80), i + 60)}`); }
    if (rb.json && Array.isArray(rb.json.items) && rb.json.items[0] && rb.json.items[0].id) ids[path] = rb.json.items[0].id;
  }
}
console.log(`${n} requests, ${diff} differ`);
A.p.kill(); B.p.kill();
process.exitCode = diff ? 1 : 0;
