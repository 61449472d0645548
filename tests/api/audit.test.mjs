// Audit: every state change writes a row with before/after in the same transaction.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, adminClient } from './lib.mjs';

let srv, admin;
before(async () => { srv = await startServer(); admin = await adminClient(srv); });
after(async () => { await srv.stop(); });

test('creating and renaming a department is audited with before and after', async () => {
  const c = await admin.post('/api/depts', { name: '项目办', kind: 'project' });
  const id = c.json.id;
  await admin.put(`/api/depts/${id}`, { name: '项目建设办公室', kind: 'project' });
  const r = await admin.get(`/api/audit?obj_type=dept&obj_id=${id}`);
  assert.equal(r.status, 200);
  assert.equal(r.json.total, 2);
  const [upd, cre] = r.json.items;
  assert.equal(upd.action, 'update');
  assert.deepEqual(upd.changes.name, ['项目办', '项目建设办公室']);
  assert.equal(cre.action, 'create');
  assert.equal(upd.username, 'admin');
  assert.equal(upd.ip, '127.0.0.1');
  assert.match(upd.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
});

test('user changes, locks and password resets are audited', async () => {
  const u = await admin.post('/api/users', { username: 'audited', role: 'leader', password: 'Audit-Passw0rd-1' });
  await admin.put(`/api/users/${u.json.id}`, { display_name: '被审计者', phone: '0431-8888888' });
  await admin.post(`/api/users/${u.json.id}/lock`);
  await admin.post(`/api/users/${u.json.id}/reset-password`, { password: 'Reset-Passw0rd-2' });
  const r = await admin.get(`/api/audit?obj_type=user&obj_id=${u.json.id}`);
  const actions = r.json.items.map((x) => x.action);
  assert.deepEqual(actions, ['reset_password', 'lock', 'update', 'create']);
  assert.deepEqual(r.json.items[2].changes.display_name, ['audited', '被审计者']);
  assert.equal(JSON.stringify(r.json.items[0].changes).includes('Reset-Passw0rd'), false, 'no password in the log');
});

test('audit filters by user and date', async () => {
  const today = new Date().toISOString().slice(0, 10);
  const r = await admin.get(`/api/audit?user=admin&from=${today}&to=${today}`);
  assert.ok(r.json.total >= 6);
  const none = await admin.get('/api/audit?from=2000-01-01&to=2000-01-02');
  assert.equal(none.json.total, 0);
  const bad = await admin.get('/api/audit?from=yesterday');
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.field, 'from');
});
