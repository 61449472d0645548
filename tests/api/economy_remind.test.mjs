// Reminders of the monthly reports (src/economy/economy_remind.c): the 经发局's 催报 notifies the
// enterprises that must report the month and have not — their accounts, and their 包保 leader and
// liaison in their department's list — never those that filed; the server's maintenance thread
// reminds them by itself two days before the deadline, once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, adminClient, newUser, uscc, Client } from './lib.mjs';

const PW = 'Remind-Passw0rd!2026';
let srv, admin, jingfa, leader, entA, entB;
const ids = {};
const shift = (ym, d) => { const [y, m] = ym.split('-').map(Number); const k = y * 12 + m - 1 + d; return `${Math.floor(k / 12)}-${String(k % 12 + 1).padStart(2, '0')}`; };
const TODAY = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const THIS = TODAY.slice(0, 7);
const LAST = shift(THIS, -1);
const notes = async (c) => (await c.get('/api/notifications?unread=1')).json.items.filter((n) => n.econ_period);

before(async () => {
  srv = await startServer();
  admin = await adminClient(srv);
  const eco = (await admin.post('/api/depts', { name: '经济发展局', kind: 'economic' })).json.id;
  const inv = (await admin.post('/api/depts', { name: '招商局', kind: 'investment' })).json.id;
  jingfa = await newUser(srv, admin, 'remind-jingfa', 'dept_head', { dept_id: eco }, PW);
  leader = await newUser(srv, admin, 'remind-baobao', 'staff', { dept_id: inv, display_name: '包保干部' }, PW);
  ids.leader = (await admin.get('/api/users?q=remind-baobao')).json.items[0].id;
  for (const [k, n] of [['A', 1], ['B', 2], ['C', 3]]) {
    const r = await admin.post('/api/enterprises', { uscc: uscc('91320684RM', n), name: `催报测试${k}有限公司`, industry_code: '3670', flags: [{ flag: 'above_size', from: '2020-01-01' }], ...(k === 'A' ? { leader_user_id: ids.leader } : {}) });
    assert.equal(r.status, 201, r.body);
    ids[k] = r.json.id;
  }
  entA = await newUser(srv, admin, 'remind-qiye-a', 'enterprise', { enterprise_id: ids.A }, PW);
  entB = await newUser(srv, admin, 'remind-qiye-b', 'enterprise', { enterprise_id: ids.B }, PW);
  // B has filed last month; A and C have not
  const r = await admin.post('/api/economy/reports', { enterprise_id: ids.B, period: LAST, values: { output: 100, revenue: 100, taxable_sales: 90, tax: 5, profit: 1, power: 3, employees: 20 }, reason: '测试' });
  assert.ok(r.status === 200 || r.status === 201, r.body);
});
after(async () => { await srv?.stop(); });

test('催报: the enterprises not filed and their 包保 cadre are notified; filers are not', async () => {
  const r = await jingfa.post('/api/economy/reminders', { period: LAST });
  assert.equal(r.status, 200, r.body);
  assert.deepEqual(r.json, { period: LAST, enterprises: 2, cadres: 1 });
  const [a] = await notes(entA);
  assert.ok(a, 'the enterprise that has not filed is reminded');
  assert.equal(a.econ_enterprise_id, ids.A);
  assert.equal(a.econ_period, LAST);
  assert.equal(a.kind, 'econ_remind');
  assert.match(a.title, new RegExp(`^月度数据催报：${LAST} 请于 \\d{4}-\\d{2}-\\d{2} 前报送`));
  assert.deepEqual(await notes(entB), [], 'an enterprise that filed is not');
  const l = await notes(leader);
  assert.equal(l.length, 1, 'the 包保 cadre of A, not of C');
  assert.equal(l[0].econ_enterprise_id, ids.A);
  assert.match(l[0].title, /包保企业尚未报送/);
  // the audit keeps who sent it
  const au = await admin.get('/api/audit?action=remind');
  if (au.status === 200) assert.ok(au.json.items.some((x) => x.action === 'remind'), au.body);
});

test('催报 is the 经发局\'s, for months that have ended', async () => {
  let r = await jingfa.post('/api/economy/reminders', { period: THIS });
  assert.equal(r.status, 400, r.body);
  assert.equal(r.json.error.field, 'period');
  r = await jingfa.post('/api/economy/reminders', { period: '2026-1' });
  assert.equal(r.status, 400, r.body);
  r = await jingfa.post('/api/economy/reminders', {});
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'period');
  assert.equal((await entA.post('/api/economy/reminders', { period: LAST })).status, 403);
  assert.equal((await leader.post('/api/economy/reminders', { period: LAST })).status, 403);
});

test('the server reminds by itself from two days before the deadline, once per month', async () => {
  // the deadline tomorrow, then a server whose maintenance runs every second
  const tomorrow = new Date(Date.parse(TODAY) + 86400e3).toISOString().slice(0, 10);
  const d = await admin.put(`/api/economy/periods/${LAST}`, { deadline: tomorrow < `${THIS}-01` ? `${THIS}-01` : tomorrow });
  assert.equal(d.status, 200, d.body);
  await srv.stop();
  srv = await startServer({ db: srv.db, env: { YUANQU_MAINTENANCE_SECONDS: '1' } });
  const c = new Client(srv.base);
  assert.equal((await c.login('remind-qiye-a', PW + 'x')).status, 200);
  let due = [];
  for (let i = 0; i < 50 && !due.length; i++) {
    await new Promise((res) => setTimeout(res, 200));
    due = (await notes(c)).filter((n) => n.kind === 'econ_due');
  }
  assert.equal(due.length, 1, 'reminded once');
  assert.match(due[0].title, /^月度数据即将截止报送/);
  // another server (its own hourly clock) finds it sent already
  await srv.stop();
  srv = await startServer({ db: srv.db, env: { YUANQU_MAINTENANCE_SECONDS: '1' } });
  const c2 = new Client(srv.base);
  assert.equal((await c2.login('remind-qiye-a', PW + 'x')).status, 200);
  await new Promise((res) => setTimeout(res, 2500));
  assert.equal((await notes(c2)).filter((n) => n.kind === 'econ_due').length, 1, 'not again');
});
