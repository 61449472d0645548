// Throttling: failed logins from one address beyond the limit are answered 429 before any
// password is checked; sessions expire when idle and at their absolute limit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, adminClient, Client, ADMIN_PASS, sleep } from './lib.mjs';

test('failed logins from one address are throttled (429 ip_throttled)', async () => {
  const srv = await startServer({ args: ['--login-ip-limit', '6'] });
  try {
    const c = new Client(srv.base);
    for (let i = 0; i < 6; i++) {
      const r = await c.login(`spray${i}`, 'Wrong-Passw0rd-x');
      assert.equal(r.status, 401);
    }
    const r = await c.login('admin', ADMIN_PASS);
    assert.equal(r.status, 429);
    assert.equal(r.json.error.code, 'ip_throttled');
  } finally { await srv.stop(); }
});

test('sessions expire after the idle timeout and at the absolute limit', async () => {
  const srv = await startServer({ args: ['--session-idle', '2', '--session-max', '4'] });
  try {
    const c = await adminClient(srv);
    assert.equal((await c.get('/api/me')).status, 200);
    await sleep(3100);
    const r = await c.get('/api/me');
    assert.equal(r.status, 401);
    assert.equal(r.json.error.code, 'session_expired');
    const d = await adminClient(srv);
    for (let i = 0; i < 5; i++) { await sleep(1000); await d.get('/api/me'); }
    const late = await d.get('/api/me');
    assert.equal(late.status, 401, 'absolute lifetime reached although active');
  } finally { await srv.stop(); }
});
