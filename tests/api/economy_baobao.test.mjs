// 包保企业, the monthly cycle (src/economy/economy_baobao.c), on the demo data: the 包保 leader
// sets an enterprise's targets for a month to come and reads them back; the enterprise's filed
// report is the actual, against which completion and met are computed, per enterprise and per
// leader; a 调度 raises a request of the enterprise in one step; a cadre who does not serve the
// enterprise, another zone and enterprise users are kept out; inputs are checked with errors that
// name the field.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, cli, newDatabase, uscc, newUser, demoDatabase, DEMO_PW } from './lib.mjs';
import { sql, undo0020, migratedFrom } from './undo_migrations.mjs';

const PW = DEMO_PW;
const NAMES = { admin: 'ccetdz-admin', zoneLeader: 'ccetdz-leader', ent: 'ccetdz-qiye', zone2: 'hmetdz-admin' };
let srv, db;
const as = {}, me = {}, ids = {};

// the months as the server counts them (its current month is the list's default)
const shift = (ym, d) => { const [y, m] = ym.split('-').map(Number); const k = y * 12 + m - 1 + d; return `${Math.floor(k / 12)}-${String(k % 12 + 1).padStart(2, '0')}`; };
let THIS, LAST, NEXT;
// every indicator a 规上 manufacturer must report
const FULL = { output: 1200, revenue: 1300, taxable_sales: 1000, tax: 80, profit: 5, power: 30, employees: 210 };

const fieldError = (r, field, re) => {
  assert.equal(r.status, 400, r.body);
  assert.equal(r.json.error.field, field, r.body);
  assert.match(r.json.error.message, re ?? /\p{Script=Han}/u);
};
const near = (a, b) => assert.ok(Math.abs(a - b) < 1e-9, `${a} ≈ ${b}`);
const auditTotal = async () => (await as.admin.get('/api/audit?page_size=1')).json.total;

before(async () => {
  db = demoDatabase();
  srv = await startServer({ db, env: { YUANQU_MAINTENANCE_SECONDS: '3600' } });
  for (const [k, u] of Object.entries(NAMES)) {
    as[k] = new Client(srv.base);
    const r = await as[k].login(u, PW);
    assert.equal(r.status, 200, `${u}: ${r.body}`);
    me[k] = r.json.user;
  }
  // three cadres of the 招商局: the 包保 leader of A and B, the liaison of A, and one who serves
  // neither
  const inv = (await as.admin.get('/api/depts')).json.items.find((x) => x.kind === 'investment').id;
  for (const [k, u, name] of [['leader', 'bb-leader', '包保领导甲'], ['liaison', 'bb-liaison', '联络员乙'], ['other', 'bb-other', '干部丙']]) {
    as[k] = await newUser(srv, as.admin, u, 'staff', { dept_id: inv, display_name: name }, PW);
    ids[k] = (await as.admin.get(`/api/users?q=${u}`)).json.items.find((x) => x.username === u).id;
  }
  for (const [k, n, extra] of [['A', 1, { leader_user_id: ids.leader, liaison_user_id: ids.liaison }], ['B', 2, { leader_user_id: ids.leader }], ['C', 3, {}]]) {
    const r = await as.admin.post('/api/enterprises', { uscc: uscc('91220101BB', n), name: `包保月度测试${k}有限公司`, industry_code: '3670', dept_id: inv, flags: [{ flag: 'above_size', from: '2020-01-01' }], ...extra });
    assert.equal(r.status, 201, r.body);
    ids[k] = r.json.id;
  }
  as.entA = await newUser(srv, as.admin, 'bb-qiye-a', 'enterprise', { enterprise_id: ids.A }, PW);
  THIS = (await as.leader.get('/api/economy/baobao')).json.period;
  assert.match(THIS, /^\d{4}-\d{2}$/);
  LAST = shift(THIS, -1);
  NEXT = shift(THIS, 1);
  // last month open for filing whatever the day
  const p = await as.admin.put(`/api/economy/periods/${LAST}`, { deadline: '2099-12-31' });
  assert.equal(p.status, 200, p.body);
});
after(async () => { await srv?.stop(); });

test('the leader sets the targets of a month to come and reads them back', async () => {
  const r = await as.leader.put(`/api/economy/baobao/${ids.A}/targets`, { period: NEXT, targets: { output: 1200, revenue: 1500.5, power: null } });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.period, NEXT);
  assert.equal(r.json.enterprise.id, ids.A);
  assert.equal(r.json.enterprise.leader_id, ids.leader);
  assert.equal(r.json.enterprise.leader_name, '包保领导甲');
  assert.equal(r.json.enterprise.liaison_name, '联络员乙');
  assert.equal(r.json.may_write, true);
  assert.equal(r.json.report_status, 'none');
  const byCode = (x) => Object.fromEntries(x.json.indicators.map((i) => [i.code, i]));
  assert.equal(byCode(r).output.target, 1200);
  assert.equal(byCode(r).revenue.target, 1500.5);
  assert.equal(byCode(r).power.target, null);
  assert.equal(byCode(r).output.actual, null);
  assert.equal(byCode(r).output.completion, null);
  assert.equal(byCode(r).output.name, '工业总产值');
  // every active indicator is listed, in the catalogue's order
  const cat = (await as.admin.get('/api/economy/indicators')).json.items.map((x) => x.code);
  assert.deepEqual(r.json.indicators.map((x) => x.code), cat);
  // read back, by the liaison too; null removes a target
  const g = await as.liaison.get(`/api/economy/baobao/${ids.A}?period=${NEXT}`);
  assert.equal(g.status, 200, g.body);
  assert.equal(byCode(g).output.target, 1200);
  assert.equal(g.json.may_write, true);
  const d = await as.liaison.put(`/api/economy/baobao/${ids.A}/targets`, { period: NEXT, targets: { revenue: null } });
  assert.equal(d.status, 200, d.body);
  assert.equal(byCode(d).revenue.target, null);
  assert.equal(byCode(d).output.target, 1200);
  // the list of the month shows it set
  const l = await as.leader.get(`/api/economy/baobao?period=${NEXT}`);
  assert.equal(l.status, 200, l.body);
  const a = l.json.items.find((x) => x.enterprise_id === ids.A);
  assert.equal(a.targets_set, true);
  assert.deepEqual(a.values, { output: { target: 1200, actual: null, completion: null } });
  assert.equal(a.completion, null);
  assert.equal(a.met, null);
  // audited, with its label's action
  const au = await as.admin.get(`/api/audit?obj_type=baobao_target&obj_id=${ids.A}&page_size=50`);
  assert.equal(au.status, 200, au.body);
  assert.ok(au.json.items.filter((x) => x.action === 'baobao.set_targets').length >= 2, au.body);
});

test('the filed report is the actual: completion and met per enterprise and per leader', async () => {
  // targets of last month (set while it was open: written directly), reports filed since
  const target = (ent, code, v) => sql(db, `INSERT INTO baobao_target (zone_id, enterprise_id, period, indicator_id, target, set_at) SELECT e.zone_id, e.id, '${LAST}', i.id, ${v}, 0 FROM enterprise e JOIN econ_indicator i ON i.zone_id = e.zone_id AND i.code = '${code}' WHERE e.id = ${ent}`);
  target(ids.A, 'output', 1000);
  target(ids.A, 'revenue', 1500);
  target(ids.B, 'output', 100);
  let r = await as.entA.post('/api/economy/reports', { period: LAST, values: FULL, notes: {} });
  assert.equal(r.status, 200, r.body);
  r = await as.admin.post('/api/economy/reports', { period: LAST, enterprise_id: ids.B, values: { ...FULL, output: 150 } });
  assert.equal(r.status, 200, r.body);
  const l = await as.leader.get(`/api/economy/baobao?period=${LAST}`);
  assert.equal(l.status, 200, l.body);
  assert.deepEqual(l.json.items.map((x) => x.enterprise_id), [ids.A, ids.B], 'his two, by name');
  const [a, b] = l.json.items;
  assert.equal(a.report_status, 'submitted');
  assert.equal(a.targets_set, true);
  assert.deepEqual(a.values.output, { target: 1000, actual: 1200, completion: 1.2 });
  near(a.values.revenue.completion, 1300 / 1500);
  assert.deepEqual(a.values.tax, { target: null, actual: 80, completion: null });
  assert.equal(a.completion, 1.2, "the output's");
  assert.equal(a.met, false, 'revenue below its target');
  assert.equal(b.completion, 1.5);
  assert.equal(b.met, true);
  assert.equal(b.leader_name, '包保领导甲');
  assert.equal(b.liaison_id, null);
  assert.deepEqual(l.json.leaders.length, 1);
  const ld = l.json.leaders[0];
  assert.equal(ld.leader_id, ids.leader);
  assert.deepEqual({ ...ld, completion: undefined }, { leader_id: ids.leader, leader_name: '包保领导甲', enterprises: 2, targets_set: 2, reported: 2, met: 1, completion: undefined });
  near(ld.completion, (1200 + 150) / (1000 + 100));
  assert.deepEqual(l.json.indicators.slice(0, 2), [{ code: 'output', name: '工业总产值', unit: '万元' }, { code: 'revenue', name: '营业收入', unit: '万元' }]);
  // the zone (economy.stats) reads every enterprise with a 包保 leader, and one leader's
  const z = await as.zoneLeader.get(`/api/economy/baobao?period=${LAST}`);
  assert.equal(z.status, 200, z.body);
  assert.ok(z.json.items.some((x) => x.enterprise_id === ids.A));
  assert.ok(!z.json.items.some((x) => x.enterprise_id === ids.C), 'C has no 包保 leader');
  assert.ok(z.json.items.every((x) => x.leader_id !== null));
  const zl = await as.zoneLeader.get(`/api/economy/baobao?period=${LAST}&leader_id=${ids.leader}`);
  assert.deepEqual(zl.json.items, l.json.items);
  assert.deepEqual(zl.json.leaders, l.json.leaders);
  // the detail: actual, last month, completion; a returned report counts for nothing
  const dd = await as.liaison.get(`/api/economy/baobao/${ids.A}?period=${LAST}`);
  assert.equal(dd.status, 200, dd.body);
  const out = dd.json.indicators.find((x) => x.code === 'output');
  assert.deepEqual({ target: out.target, actual: out.actual, completion: out.completion, last_month: out.last_month }, { target: 1000, actual: 1200, completion: 1.2, last_month: null });
  const rid = (await as.admin.get(`/api/economy/reports?period=${LAST}&enterprise_id=${ids.A}`)).json.items[0].id;
  assert.equal((await as.admin.post(`/api/economy/reports/${rid}/return`, { note: '请核实' })).status, 200);
  const back = (await as.leader.get(`/api/economy/baobao?period=${LAST}`)).json.items.find((x) => x.enterprise_id === ids.A);
  assert.equal(back.report_status, 'returned');
  assert.deepEqual(back.values.output, { target: 1000, actual: null, completion: null });
  assert.equal(back.met, null);
});

test('a 调度 raises a request of the enterprise in one step', async () => {
  const problems = '用工缺口约50人，急需人社部门协助组织专场招聘会，另有一批设备待海关放行';
  const r = await as.liaison.post(`/api/economy/baobao/${ids.A}/dispatches`, { period: THIS, production: 'partial', orders: '订单排至下季度', problems, raise_request: true, category: '用工' });
  assert.equal(r.status, 201, r.body);
  assert.ok(r.json.id > 0);
  assert.ok(r.json.ticket_id > 0, r.body);
  assert.match(r.json.ticket_no, /^SQ\d{8}-\d{4}$/);
  // the enterprise reads its request
  const t = await as.entA.get(`/api/tickets/${r.json.ticket_id}`);
  assert.equal(t.status, 200, t.body);
  const tk = t.json.ticket;
  assert.equal(tk.title, '包保调度:' + [...problems].slice(0, 30).join(''));
  assert.equal(tk.description, problems);
  assert.equal(tk.category, '用工');
  assert.equal(tk.enterprise_id, ids.A);
  assert.equal(tk.no, r.json.ticket_no);
  // one change with two audit rows: the request's and the 调度's
  const au = await as.admin.get(`/api/audit?obj_type=baobao_dispatch&obj_id=${r.json.id}`);
  assert.deepEqual(au.json.items.map((x) => x.action), ['baobao.dispatch']);
  // problems over several lines: the title is one line
  const ml = await as.leader.post(`/api/economy/baobao/${ids.B}/dispatches`, { period: THIS, production: 'stopped', problems: '设备故障\n待维修\t三天', raise_request: true });
  assert.equal(ml.status, 201, ml.body);
  assert.equal((await as.admin.get(`/api/tickets/${ml.json.ticket_id}`)).json.ticket.title, '包保调度:设备故障 待维修 三天');
    // a 调度 without a request, then the month's detail and list
  const r2 = await as.leader.post(`/api/economy/baobao/${ids.A}/dispatches`, { period: THIS, recorded_on: `${THIS}-01`, production: 'full', orders: '满产' });
  assert.equal(r2.status, 201, r2.body);
  assert.deepEqual({ ...r2.json, id: 0 }, { id: 0, ticket_id: null, ticket_no: null });
  const d = await as.leader.get(`/api/economy/baobao/${ids.A}`);
  assert.equal(d.status, 200, d.body);
  assert.equal(d.json.period, THIS, 'the current month by default');
  const today = d.json.dispatches.find((x) => x.id === r.json.id).recorded_on;
  assert.match(today, new RegExp(`^${THIS}-\\d{2}$`), 'today by default');
  assert.deepEqual(d.json.dispatches.map((x) => x.id), today === `${THIS}-01` ? [r2.json.id, r.json.id] : [r.json.id, r2.json.id], 'newest first (the day, then the id)');
  const first = d.json.dispatches.find((x) => x.id === r.json.id);
  assert.equal(first.ticket_id, r.json.ticket_id);
  assert.equal(first.ticket_no, r.json.ticket_no);
  assert.equal(first.production, 'partial');
  assert.equal(first.creator_name, '联络员乙');
  assert.equal(first.problems, problems);
  const item = (await as.leader.get('/api/economy/baobao')).json.items.find((x) => x.enterprise_id === ids.A);
  assert.equal(item.dispatches, 2);
  assert.equal(item.production, today === `${THIS}-01` ? 'full' : 'partial', "the month's latest");
  // a 调度 after today is refused
  const tomorrow = new Date(Date.parse(today) + 86400e3).toISOString().slice(0, 10);
  if (tomorrow.startsWith(THIS)) fieldError(await as.leader.post(`/api/economy/baobao/${ids.A}/dispatches`, { period: THIS, production: 'full', recorded_on: tomorrow }), 'recorded_on');
  // raising a request needs the problems; the production and the category are checked
  const audit0 = await auditTotal();
  fieldError(await as.leader.post(`/api/economy/baobao/${ids.A}/dispatches`, { period: THIS, production: 'full', raise_request: true }), 'problems');
  fieldError(await as.leader.post(`/api/economy/baobao/${ids.A}/dispatches`, { period: THIS, production: 'full', problems: '  ', raise_request: true }), 'problems');
  fieldError(await as.leader.post(`/api/economy/baobao/${ids.A}/dispatches`, { period: THIS, production: 'busy' }), 'production');
  fieldError(await as.leader.post(`/api/economy/baobao/${ids.A}/dispatches`, { period: THIS }), 'production');
  fieldError(await as.leader.post(`/api/economy/baobao/${ids.A}/dispatches`, { period: THIS, production: 'full', problems: 'x', raise_request: true, category: '不存在' }), 'category');
  fieldError(await as.leader.post(`/api/economy/baobao/${ids.A}/dispatches`, { period: THIS, production: 'full', recorded_on: '2026-02-30' }), 'recorded_on');
  fieldError(await as.leader.post(`/api/economy/baobao/${ids.A}/dispatches`, { period: THIS, production: 'full', recorded_on: `${LAST}-01` }), 'recorded_on');
  fieldError(await as.leader.post(`/api/economy/baobao/${ids.A}/dispatches`, { period: THIS, production: 'full', raise_request: 'yes' }), 'raise_request');
  fieldError(await as.leader.post(`/api/economy/baobao/${ids.A}/dispatches`, { period: THIS, production: 'full', orders: 'x'.repeat(1001) }), 'orders');
  fieldError(await as.leader.post(`/api/economy/baobao/${ids.A}/dispatches`, { period: '2026/10', production: 'full' }), 'period');
  fieldError(await as.leader.post(`/api/economy/baobao/${ids.A}/dispatches`, { period: THIS, production: 'full', problems: '停\u0085产', raise_request: true }), 'problems');
  fieldError(await as.leader.post(`/api/economy/baobao/${ids.A}/dispatches`, { period: THIS, production: 'full', orders: 'a\u0007b' }), 'orders');
  assert.equal(await auditTotal(), audit0, 'nothing written');
});

test('outside the scope: another cadre and another zone get 404, enterprises 403, the zone reads but does not write', async () => {
  const audit0 = await auditTotal();
  const body = { period: NEXT, targets: { output: 1 } };
  const disp = { period: THIS, production: 'stopped', problems: '越权', raise_request: true };
  for (const c of [as.other, as.zone2]) {
    const g = await c.get(`/api/economy/baobao/${ids.A}`);
    assert.equal(g.status, 404, g.body);
    assert.ok(!g.body.includes('包保月度测试'));
    assert.equal((await c.put(`/api/economy/baobao/${ids.A}/targets`, body)).status, 404);
    assert.equal((await c.post(`/api/economy/baobao/${ids.A}/dispatches`, disp)).status, 404);
    const l = await c.get('/api/economy/baobao');
    assert.equal(l.status, 200, l.body);
    assert.ok(!l.json.items.some((x) => [ids.A, ids.B, ids.C].includes(x.enterprise_id)));
  }
  assert.deepEqual((await as.other.get('/api/economy/baobao')).json.items, []);
  // C has no 包保 leader: not one of the cycle's, even for the admin
  assert.equal((await as.admin.get(`/api/economy/baobao/${ids.C}`)).status, 404);
  assert.equal((await as.leader.get('/api/economy/baobao/999999999')).status, 404);
  assert.equal((await as.leader.get('/api/economy/baobao/abc')).status, 404);
  // enterprise users hold no 包保 permission
  for (const c of [as.entA, as.ent]) {
    assert.equal((await c.get('/api/economy/baobao')).status, 403);
    assert.equal((await c.get(`/api/economy/baobao/${ids.A}`)).status, 403);
    assert.equal((await c.put(`/api/economy/baobao/${ids.A}/targets`, body)).status, 403);
    assert.equal((await c.post(`/api/economy/baobao/${ids.A}/dispatches`, disp)).status, 403);
  }
  // the zone leader reads it, may not write it
  const z = await as.zoneLeader.get(`/api/economy/baobao/${ids.A}`);
  assert.equal(z.status, 200, z.body);
  assert.equal(z.json.may_write, false);
  assert.equal((await as.zoneLeader.put(`/api/economy/baobao/${ids.A}/targets`, body)).status, 403);
  assert.equal((await as.zoneLeader.post(`/api/economy/baobao/${ids.A}/dispatches`, disp)).status, 403);
  assert.equal(await auditTotal(), audit0, 'nothing written');
  // the admin may
  const a = await as.admin.put(`/api/economy/baobao/${ids.A}/targets`, { period: NEXT, targets: { tax: 90 } });
  assert.equal(a.status, 200, a.body);
  assert.equal(a.json.may_write, true);
});

test('inputs: the month, the indicator codes, the values; a past month is closed', async () => {
  const audit0 = await auditTotal();
  for (const p of ['2026-13', '2026-1', 'abc', '202610', '1999-12']) fieldError(await as.leader.get(`/api/economy/baobao?period=${p}`), 'period');
  fieldError(await as.leader.get(`/api/economy/baobao/${ids.A}?period=2026-00`), 'period');
  fieldError(await as.leader.get('/api/economy/baobao?leader_id=abc'), 'leader_id');
  fieldError(await as.leader.get('/api/economy/baobao?leader_id=-1'), 'leader_id');
  const put = (b) => as.leader.put(`/api/economy/baobao/${ids.A}/targets`, b);
  fieldError(await put({ period: 'next', targets: { output: 1 } }), 'period');
  fieldError(await put({ targets: { output: 1 } }), 'period');
  fieldError(await put({ period: NEXT }), 'targets');
  fieldError(await put({ period: NEXT, targets: {} }), 'targets');
  fieldError(await put({ period: NEXT, targets: [1] }), 'targets');
  fieldError(await put({ period: NEXT, targets: { nosuch: 1 } }), 'targets.nosuch', /nosuch/);
  fieldError(await put({ period: NEXT, targets: { 产值: 1 } }), 'targets.产值', /产值/);
  fieldError(await put({ period: NEXT, targets: { ['x'.repeat(65)]: 1 } }), 'targets');
  fieldError(await put({ period: NEXT, targets: { output: -1 } }), 'targets.output');
  fieldError(await put({ period: NEXT, targets: { output: '12' } }), 'targets.output');
  fieldError(await put({ period: NEXT, targets: { output: 1e13 } }), 'targets.output');
  const past = await put({ period: LAST, targets: { output: 1 } });
  assert.equal(past.status, 409, past.body);
  assert.equal(past.json.error.code, 'period_closed');
  assert.equal(past.json.error.message, '该月已过,不能再设目标');
  assert.equal(await auditTotal(), audit0, 'nothing written');
  // the current month is open
  assert.equal((await put({ period: THIS, targets: { output: 10 } })).status, 200);
});

test('the demo runs the cycle, and the monthly bulletin reads each leader against his targets', async () => {
  const l = (await as.admin.get(`/api/economy/baobao?period=${LAST}`)).json;
  const withTargets = l.items.filter((x) => x.targets_set);
  assert.ok(withTargets.length > 20, `${withTargets.length} enterprises with targets`);
  assert.ok(withTargets.some((x) => x.met === true) && withTargets.some((x) => x.met === false), 'some met, some not');
  assert.ok(l.items.some((x) => x.dispatches > 0 && x.production === 'partial'), 'a 调度 that found trouble');
  // the bulletin's 包保 table: each leader's row with his enterprises, met of those with targets
  // and his completion, as the cycle's own page counts them
  const h = await as.admin.get(`/api/economy/bulletin?period=${LAST}&format=html`);
  assert.equal(h.status, 200, h.body);
  const text = h.body.slice(h.body.indexOf('包保完成情况')).replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');
  let rows = 0;
  for (const x of l.leaders) {
    if (x.completion === null) continue;
    const at = text.indexOf(` ${x.leader_name} `);
    assert.ok(at >= 0, x.leader_name);
    const row = text.slice(at, at + 160);
    assert.ok(row.includes(` ${x.enterprises} ${x.met} / ${x.targets_set} `), `${x.leader_name}: ${row}`);
    const pct = row.match(/ (\d+\.\d)% /);
    assert.ok(pct && Math.abs(Number(pct[1]) - x.completion * 100) <= 0.05 + 1e-9, `${x.leader_name}: ${row}`);
    rows++;
  }
  assert.ok(rows >= 5, `${rows} leaders compared`);
});

test('a database from before 0020 takes the migration, and the cycle works on it', async () => {
  const old = demoDatabase();
  undo0020(old);
  assert.equal(sql(old, 'SELECT MAX(version) AS v FROM schema_version')[0].v, 19);
  const m = cli(['migrate', '--db', old]);
  assert.equal(m.code, 0, m.stderr);
  assert.match(m.stdout, migratedFrom(19));
  assert.deepEqual(sql(old, 'SELECT COUNT(*) AS n FROM baobao_target'), [{ n: 0 }]);
  assert.deepEqual(sql(old, 'SELECT COUNT(*) AS n FROM baobao_dispatch'), [{ n: 0 }]);
  const s = await startServer({ db: old });
  try {
    const c = new Client(s.base);
    assert.equal((await c.login('ccetdz-leader', PW)).status, 200);
    const l = await c.get(`/api/economy/baobao?period=${LAST}`);
    assert.equal(l.status, 200, l.body);
    assert.ok(l.json.items.length > 0, 'the demo has 包保 leaders');
    assert.ok(l.json.leaders.length > 0);
  } finally { await s.stop(); }
});
