// Brute force: 1,000 wrong passwords against one account and a spray of one wrong password
// across 100 accounts, each from its own loopback address, while a logged-in user's GET /api/me
// is timed. Expected: the account's back-off starts at the 5th failure (attempts are then
// answered unchecked, the right password too, until it ends); each address is throttled after
// --login-ip-limit failures; every attempt that reached the login code is in the login log;
// /api/me keeps its latency; the same attack on a name that is no account gets the same
// answers, and stays out of the zone's login log.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startServer, adminClient, ADMIN_PASS } from './lib.mjs';

const IP_LIMIT = 20;
let srv, admin;

before(async () => {
  srv = await startServer({
    args: ['--login-ip-limit', String(IP_LIMIT), '--no-access-log'],
    env: { YUANQU_TEST_FAST_HASH: '1' },
  });
  admin = await adminClient(srv);
});
after(async () => { await srv.stop(); });

/** A client bound to one source address (127.0.0.x), with keep-alive. */
function from(address) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16, localAddress: address });
  return {
    agent,
    post(path, body, headers = {}) {
      return new Promise((res, rej) => {
        const data = JSON.stringify(body);
        const r = http.request(`${srv.base}${path}`, { method: 'POST', agent,
          headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data), ...headers } }, (resp) => {
          const chunks = [];
          resp.on('data', (c) => chunks.push(c));
          resp.on('end', () => {
            const text = Buffer.concat(chunks).toString();
            res({ status: resp.statusCode, json: text ? JSON.parse(text) : null });
          });
        });
        r.on('error', rej);
        r.end(data);
      });
    },
  };
}

/** Runs fn(i) for i < n with `conc` in flight; returns the results in order. */
async function pool(n, conc, fn) {
  const out = new Array(n);
  let next = 0;
  await Promise.all(Array.from({ length: conc }, async () => {
    while (next < n) { const i = next++; out[i] = await fn(i); }
  }));
  return out;
}

const code = (r) => (r.status === 200 ? 'ok' : r.json?.error?.code ?? String(r.status));
function tally(results) {
  const t = {};
  for (const r of results) t[code(r)] = (t[code(r)] || 0) + 1;
  return t;
}
function pct(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}
/** Times GET /api/me with the admin's session until stop() says so (at least `min` samples). */
async function timeMe(stop, min = 0) {
  const ms = [];
  while (!stop() || ms.length < min) {
    const t0 = process.hrtime.bigint();
    const r = await admin.get('/api/me');
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
    assert.equal(r.status, 200);
  }
  return ms;
}
const loginTotal = async (q) => (await admin.get(`/api/logins?page_size=1&${q}`)).json.total;

test('1,000 wrong passwords and a 100-account spray: backed off, throttled, logged, /api/me unaffected', async () => {
  // 100 accounts for the spray (hashed with the test hook's cheap argon2id parameters)
  const users = await pool(100, 4, async (i) => {
    const r = await admin.post('/api/users', { username: `spray${i}`, display_name: `spray${i}`, role: 'leader', password: `Spray-Passw0rd-${i}!` });
    assert.equal(r.status, 201, JSON.stringify(r.json));
    return r.json.id;
  });
  assert.equal(users.length, 100);
  // the target is the administrator made by `init`, whose hash has the real argon2id cost;
  // its session (made before) keeps timing /api/me while the account is locked
  const target = 'admin';
  const logBefore = await loginTotal('');
  const victimBefore = await loginTotal(`username=${target}`);

  const before = await timeMe(() => true, 200);

  let attacking = true;
  const t0 = Date.now();
  const attacker = from('127.0.0.2'), sprayer = from('127.0.0.3');
  const attack = pool(1000, 8, (i) => attacker.post('/api/login', { username: target, password: `Wrong-Passw0rd-${i}` }));
  const spray = pool(100, 4, (i) => sprayer.post('/api/login', { username: `spray${i}`, password: 'Summer-Wrong-2026!' }));
  const duringP = timeMe(() => !attacking, 50);
  const [a, s] = await Promise.all([attack, spray]);
  attacking = false;
  const during = await duringP;
  const secs = (Date.now() - t0) / 1000;

  // one account: in back-off from the 5th failure, then the address throttled after IP_LIMIT
  const ta = tally(a);
  assert.equal(ta.ok ?? 0, 0);
  // 8 in flight may arrive in any order: count, not position (4 wrong, the 5th starts the
  // back-off, 30 s by default: the rest of the attack falls within it)
  assert.equal(ta.bad_credentials, 4);
  assert.equal(ta.account_locked, IP_LIMIT - 4, 'attempts during the back-off count toward the address limit');
  assert.equal(ta.ip_throttled + (ta.busy ?? 0), 1000 - IP_LIMIT);
  // the right password: refused from the attacking address, and from elsewhere during the
  // back-off (nothing is checked then)
  assert.equal(code(await attacker.post('/api/login', { username: target, password: ADMIN_PASS })), 'ip_throttled');
  const elsewhere = from('127.0.0.4');
  const right = await elsewhere.post('/api/login', { username: target, password: ADMIN_PASS });
  assert.equal(right.status, 429);
  assert.equal(code(right), 'account_locked');
  assert.ok(right.json.error.retry_after > 0);

  // spray: one wrong password per account; throttled after IP_LIMIT; no account locked
  const ts = tally(s);
  assert.equal(ts.ok ?? 0, 0);
  assert.equal(ts.bad_credentials, IP_LIMIT);
  assert.equal(ts.ip_throttled + (ts.busy ?? 0), 100 - IP_LIMIT);
  const locked = (await admin.get('/api/users?username=spray&page_size=100')).json.items.filter((u) => u.username.startsWith('spray') && u.locked_until);
  assert.deepEqual(locked, [], 'a spray locks no account');
  const ok = await from('127.0.0.5').post('/api/login', { username: 'spray7', password: 'Spray-Passw0rd-7!' });
  assert.equal(ok.status, 200, 'sprayed accounts still log in from a clean address');

  // every attempt that reached the login code is in the login log (busy answers never did)
  const busy = (ta.busy ?? 0) + (ts.busy ?? 0);
  assert.equal(await loginTotal(`username=${target}`) - victimBefore, 1000 - (ta.busy ?? 0) + 2);
  assert.equal(await loginTotal('') - logBefore, 1000 + 100 + 3 - busy);
  const victimRows = (await admin.get(`/api/logins?page_size=100&username=${target}&success=0`)).json;
  assert.ok(victimRows.items.every((x) => ['bad_password', 'backoff', 'ip_throttled'].includes(x.reason)));
  assert.ok(victimRows.items.some((x) => x.ip === '127.0.0.2'));
  const byReason = async (r) => (await admin.get(`/api/logins?page_size=100&username=${target}&success=0&page=1`)).json.items.filter((x) => x.reason === r).length;
  assert.ok(await byReason('ip_throttled') > 0);

  // the same attack on a name that is no account: the same answers, so an attacker cannot tell
  // which names exist; its attempts are not in the zone's login log
  const zoneLog = await loginTotal('');
  const ghost = from('127.0.0.6');
  const g = await pool(40, 8, (i) => ghost.post('/api/login', { username: 'no-such-admin', password: `Wrong-Passw0rd-${i}` }));
  const tg = tally(g);
  assert.equal(tg.ok ?? 0, 0);
  assert.equal(tg.bad_credentials, 4);
  assert.equal(tg.account_locked, IP_LIMIT - 4);
  assert.equal(tg.ip_throttled + (tg.busy ?? 0), 40 - IP_LIMIT);
  assert.equal(await loginTotal(''), zoneLog, 'names that are no account are not in a zone’s login log');

  // other routes keep their latency
  const b50 = pct(before, 50), b95 = pct(before, 95), d50 = pct(during, 50), d95 = pct(during, 95);
  console.log(`bruteforce attempts=${1000 + 100} in ${secs.toFixed(1)} s (${((1100) / secs).toFixed(0)}/s) ` +
    `one-account=${JSON.stringify(ta)} spray=${JSON.stringify(ts)} busy=${busy} ` +
    `/api/me before p50=${b50.toFixed(2)} ms p95=${b95.toFixed(2)} ms (n=${before.length}) ` +
    `during p50=${d50.toFixed(2)} ms p95=${d95.toFixed(2)} ms (n=${during.length})`);
  assert.ok(d95 < 10 * b95 + 50, `p95 of /api/me during the attack ${d95} ms vs ${b95} ms before`);
  attacker.agent.destroy(); sprayer.agent.destroy(); elsewhere.agent.destroy();
});
