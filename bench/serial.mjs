// One client in a loop: the latency of single searches without queueing, the figure the issue's
// "search p50 ≤ 10 ms" target is read against (wrk's p50 at 32 connections is mostly queueing).
//   node bench/serial.mjs http://127.0.0.1:PORT [user] [password] [rounds]
// Logs in (default gen001-admin / Gen-Passw0rd-2026, a `yuanqu gen` account), then for each query
// sends `rounds` (default 40) GET /api/tickets?q=… one after the other and prints p50 and p90.
const [base, user = 'gen001-admin', pass = 'Gen-Passw0rd-2026', rounds = '40'] = process.argv.slice(2);
if (!base) {
  console.error('usage: node bench/serial.mjs URL [user] [password] [rounds]');
  process.exit(2);
}
const n = Number(rounds);
let r = await fetch(base + '/api/login', {
  method: 'POST', headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: user, password: pass }),
});
if (r.status !== 200) { console.error('login failed:', r.status, await r.text()); process.exit(1); }
const cookie = r.headers.get('set-cookie').split(';')[0];
for (const q of ['贷款', '融资', '电', '5G', '贷款 电', '园区', '龘']) {
  const url = base + '/api/tickets?q=' + encodeURIComponent(q);
  r = await fetch(url, { headers: { cookie } });
  const total = (await r.json()).total;
  const ms = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    r = await fetch(url, { headers: { cookie } });
    await r.arrayBuffer();
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  ms.sort((a, b) => a - b);
  const at = (p) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))].toFixed(2);
  console.log(`search ${q.padEnd(5)} status ${r.status} matches ${total} p50 ${at(0.5)} ms p90 ${at(0.9)} ms`);
}
