// 经济运行 (src/economy/): on the demo data, an enterprise files its month (企业直报) in the month's
// window, errors name the indicator in Chinese, a value far off last month asks for a note; a
// month not ended is refused, a locked one is changed only by the 经发局 with a reason (audited);
// the 经发局 accepts or returns a report and lists who has not filed; the zone's figures — 当月,
// 累计, 同比 on the same set of enterprises, targets, 序时进度 — come out of a hand-checked
// fixture; no other enterprise or zone reads a report.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, cli, newDatabase, uscc, newUser, demoDatabase, DEMO_PW } from './lib.mjs';

const PW = DEMO_PW;
const NAMES = {
  admin: 'ccetdz-admin', jingfa: 'ccetdz-jingfa', leader: 'ccetdz-leader', svc: 'ccetdz-fuwu',
  ent: 'ccetdz-qiye', weipai: 'ccetdz-weipai', zone2_admin: 'hmetdz-admin', zone2_ent: 'hmetdz-qiye',
};
let srv;
const as = {}, me = {};

// months in the zone's time (UTC+8): this month, the last one and the one before it
const shift = (ym, d) => { const [y, m] = ym.split('-').map(Number); const k = y * 12 + m - 1 + d; return `${Math.floor(k / 12)}-${String(k % 12 + 1).padStart(2, '0')}`; };
const THIS = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 7);
const LAST = shift(THIS, -1);
const BEFORE = shift(THIS, -2);

before(async () => {
  const db = demoDatabase();
  srv = await startServer({ db, env: { YUANQU_MAINTENANCE_SECONDS: '3600' } });
  for (const [k, u] of Object.entries(NAMES)) {
    as[k] = new Client(srv.base);
    const r = await as[k].login(u, PW);
    assert.equal(r.status, 200, `${u}: ${r.body}`);
    me[k] = r.json.user;
  }
  // a 规上 manufacturer new to the zone (the demo has no figures of it) and its account
  const e = await as.admin.post('/api/enterprises', { uscc: uscc('91220101EN', 1), name: '经济运行测试制造有限公司', industry_code: '3670', flags: [{ flag: 'above_size', from: '2020-01-01' }] });
  assert.equal(e.status, 201, e.body);
  me.maker = { enterprise_id: e.json.id };
  as.maker = await newUser(srv, as.admin, 'ccetdz-econ-maker', 'enterprise', { enterprise_id: e.json.id }, PW);
  // last month stays open whatever day the tests run on
  const r = await as.admin.put(`/api/economy/periods/${LAST}`, { deadline: '2099-12-31' });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.state, 'open');
});
after(async () => { await srv?.stop(); });

// every indicator the demo enterprise must report, with a value
const FULL = { output: 1200, revenue: 1300, taxable_sales: 1000, tax: 80, profit: -5, power: 30, employees: 210 };
const file = (c, body) => c.post('/api/economy/reports', body);
const fieldError = (r, field, re) => {
  assert.equal(r.status, 400, r.body);
  assert.equal(r.json.error.field, field, r.body);
  if (re) assert.match(r.json.error.message, re);
};

test('the catalogue: ten indicators to start with; the admin adds one, checked', async () => {
  const r = await as.ent.get('/api/economy/indicators');
  assert.equal(r.status, 200, r.body);
  assert.deepEqual(r.json.items.map((x) => x.code), ['output', 'revenue', 'taxable_sales', 'tax', 'profit', 'power', 'employees', 'fixed_investment', 'trade', 'rd']);
  const emp = r.json.items.find((x) => x.code === 'employees');
  assert.equal(emp.kind, 'stock');
  assert.equal(emp.unit, '人');
  assert.equal((await as.ent.post('/api/economy/indicators', { code: 'x1', name: '越权' })).status, 403);
  fieldError(await as.admin.post('/api/economy/indicators', { code: '1abc', name: '出口额' }), 'code', /小写字母开头/);
  fieldError(await as.admin.post('/api/economy/indicators', { code: 'ab-c', name: '出口额' }), 'code');
  fieldError(await as.admin.post('/api/economy/indicators', { code: 'exports', name: '出口额', kind: 'both' }), 'kind');
  const c = await as.admin.post('/api/economy/indicators', { code: 'exports', name: '出口额', unit: '万美元', required_of: 'none', sort: 95 });
  assert.equal(c.status, 201, c.body);
  assert.equal(c.json.kind, 'flow');
  assert.equal((await as.admin.post('/api/economy/indicators', { code: 'exports', name: '出口额' })).status, 409);
  // switched off: no longer offered, still listed with all=1
  assert.equal((await as.admin.put(`/api/economy/indicators/${c.json.id}`, { active: false })).status, 200);
  assert.ok(!(await as.ent.get('/api/economy/indicators')).json.items.some((x) => x.code === 'exports'));
  assert.ok((await as.admin.get('/api/economy/indicators?all=1')).json.items.some((x) => x.code === 'exports' && !x.active));
  // another zone has its own catalogue, untouched
  assert.ok(!(await as.zone2_admin.get('/api/economy/indicators?all=1')).json.items.some((x) => x.code === 'exports'));
});

test('an enterprise files its month; errors name the indicator; filing again replaces the values', async () => {
  fieldError(await file(as.ent, { period: LAST, values: { ...FULL, output: '很多' } }), 'values', /指标「工业总产值」须为数字/);
  fieldError(await file(as.ent, { period: LAST, values: { ...FULL, tax: -1 } }), 'values', /「税收」不能为负数/);
  fieldError(await file(as.ent, { period: LAST, values: { ...FULL, gdp: 1 } }), 'values', /未知指标：gdp/);
  const { revenue, ...noRevenue } = FULL;
  // a 规上 manufacturer must report what 规上工业 report
  fieldError(await file(as.maker, { period: LAST, values: noRevenue }), 'values', /缺少必报指标「营业收入」/);
  assert.equal((await file(as.ent, { period: LAST, values: noRevenue })).status, 200, 'nothing is required of an enterprise that is not 规上');
  fieldError(await file(as.ent, { period: LAST, values: {} }), 'values');
  fieldError(await file(as.ent, { period: LAST, values: [1, 2] }), 'values');
  fieldError(await file(as.ent, { period: LAST, values: { ...FULL, output: 2e12 } }), 'values', /超出范围/);
  fieldError(await file(as.ent, { period: LAST, values: FULL, notes: { output: '说'.repeat(201) } }), 'notes');
  fieldError(await file(as.ent, { period: LAST, values: FULL, notes: { rd: '没填' } }), 'notes');
  fieldError(await file(as.ent, { period: '2026-13', values: FULL }), 'period');
  fieldError(await file(as.ent, { period: THIS, values: FULL }), 'period', /尚未结束/);
  let r = await file(as.ent, { period: LAST, values: FULL });
  assert.equal(r.status, 200, r.body);
  const id = r.json.id;
  assert.equal(r.json.status, 'submitted');
  assert.equal(r.json.revision, 2, 'the second filing of the month');
  assert.equal(r.json.enterprise_id, me.ent.enterprise_id);
  assert.equal(r.json.values.find((x) => x.code === 'profit').value, -5);
  assert.equal(r.json.reviewer_name, undefined, 'the enterprise is not shown who reviews');
  r = await file(as.ent, { period: LAST, values: { ...FULL, output: 1250, rd: 12 } });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.id, id);
  assert.equal(r.json.revision, 3);
  assert.equal(r.json.values.find((x) => x.code === 'output').value, 1250);
  assert.equal(r.json.values.length, 8);
  // the enterprise lists its own, the other enterprise and the other zone see none of it
  const mine = (await as.ent.get('/api/economy/reports')).json;
  assert.ok(mine.items.every((x) => x.enterprise_id === me.ent.enterprise_id));
  assert.ok(mine.items.some((x) => x.id === id));
  for (const c of [as.weipai, as.zone2_ent, as.zone2_admin]) {
    assert.equal((await c.get(`/api/economy/reports/${id}`)).status, 404);
    assert.ok(!(await c.get('/api/economy/reports')).json.items.some((x) => x.id === id));
  }
  // the zone reads it: the 经发局, the service center, a leader
  for (const c of [as.jingfa, as.svc, as.leader, as.admin]) {
    const g = await c.get(`/api/economy/reports/${id}`);
    assert.equal(g.status, 200, g.body);
  }
  const missing = (await as.jingfa.get(`/api/economy/missing?period=${LAST}`)).json;
  assert.ok(!missing.items.some((x) => x.enterprise_id === me.ent.enterprise_id));
  assert.ok(missing.items.some((x) => x.enterprise_id === me.maker.enterprise_id), 'the new 规上 manufacturer has not filed');
  assert.equal(missing.total, missing.items.length);
  assert.equal((await as.ent.get(`/api/economy/missing?period=${LAST}`)).status, 403);
});

test('a value far off last month asks for a note, and is kept', async () => {
  // the month before, filed by the 经发局 for the other enterprise (its deadline has passed)
  const prev = await file(as.jingfa, { period: BEFORE, enterprise_id: me.maker.enterprise_id, values: FULL, reason: '企业补报上月数据' });
  assert.ok(prev.status === 200, prev.body);
  assert.equal((await as.admin.put(`/api/economy/periods/${LAST}`, { deadline: '2099-12-31' })).status, 200);
  let r = await file(as.maker, { period: LAST, values: { ...FULL, output: 3000 } });
  assert.equal(r.status, 200, r.body);
  assert.deepEqual(r.json.warnings.map((x) => [x.code, x.against, x.base, x.value]), [['output', 'last_month', 1200, 3000]]);
  assert.match(r.json.warnings[0].message, /「工业总产值」较上月变动超过50%/);
  assert.equal(r.json.values.find((x) => x.code === 'output').last_month, 1200);
  r = await file(as.maker, { period: LAST, values: { ...FULL, output: 3000 }, notes: { output: '新产线投产' } });
  assert.equal(r.status, 200, r.body);
  assert.deepEqual(r.json.warnings, []);
  assert.equal(r.json.values.find((x) => x.code === 'output').note, '新产线投产');
});

test('a locked month: the enterprise is refused, the 经发局 revises it with a reason, audited', async () => {
  let r = await file(as.ent, { period: '2026-01', values: FULL });
  assert.equal(r.status, 409, r.body);
  assert.match(r.json.error.message, /2026-01 的数据已于 2026-02-08 截止报送，修改请联系经发局/);
  fieldError(await file(as.jingfa, { period: '2026-01', enterprise_id: me.ent.enterprise_id, values: FULL }), 'reason');
  assert.equal((await file(as.svc, { period: '2026-01', enterprise_id: me.ent.enterprise_id, values: FULL, reason: 'x' })).status, 403);
  r = await file(as.jingfa, { period: '2026-01', enterprise_id: me.ent.enterprise_id, values: FULL, reason: '企业更正统计口径' });
  assert.equal(r.status, 200, r.body);
  const audit = (await as.admin.get('/api/audit?action=revise&page_size=20')).json.items;
  const row = audit.find((x) => x.obj_type === 'econ_report' && String(x.obj_id) === String(r.json.id));
  assert.ok(row, 'the revision is audited');
  assert.match(JSON.stringify(row.changes), /企业更正统计口径/);
  // the period says where it stands
  const p = (await as.ent.get('/api/economy/periods/2026-01')).json;
  assert.deepEqual(p, { period: '2026-01', deadline: '2026-02-08', state: 'locked' });
  assert.equal((await as.ent.get(`/api/economy/periods/${THIS}`)).json.state, 'not_ended');
  fieldError(await as.admin.put('/api/economy/periods/2026-01', { deadline: '2026-01-31' }), 'deadline', /不能早于次月1日/);
  fieldError(await as.admin.put('/api/economy/periods/2026-01', { deadline: '2026-02-30x' }), 'deadline');
  assert.equal((await as.jingfa.put('/api/economy/periods/2026-01', { deadline: '2099-01-01' })).status, 403);
});

test('review: the 经发局 returns a report with a note, the enterprise corrects it, it is accepted', async () => {
  const id = (await as.maker.get(`/api/economy/reports?period=${LAST}`)).json.items[0].id;
  fieldError(await as.jingfa.post(`/api/economy/reports/${id}/return`, {}), 'note');
  assert.equal((await as.ent.post(`/api/economy/reports/${id}/accept`, {})).status, 403);
  let r = await as.jingfa.post(`/api/economy/reports/${id}/return`, { note: '工业总产值与应税销售不匹配，请核实' });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.status, 'returned');
  assert.equal((await as.jingfa.post(`/api/economy/reports/${id}/accept`, {})).status, 409);
  // the enterprise reads why, and files again
  r = await as.maker.get(`/api/economy/reports/${id}`);
  assert.equal(r.json.review_note, '工业总产值与应税销售不匹配，请核实');
  assert.ok((await as.jingfa.get(`/api/economy/missing?period=${LAST}`)).json.items.some((x) => x.enterprise_id === me.maker.enterprise_id && x.status === 'returned'));
  r = await file(as.maker, { period: LAST, values: { ...FULL, output: 1100 } });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.status, 'submitted');
  r = await as.jingfa.post(`/api/economy/reports/${id}/accept`, {});
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.status, 'accepted');
  assert.ok(r.json.reviewer_name);
  // accepted: the enterprise changes nothing more
  r = await file(as.maker, { period: LAST, values: FULL });
  assert.equal(r.status, 409, r.body);
  assert.match(r.json.error.message, /已审核/);
  assert.equal((await as.zone2_admin.post(`/api/economy/reports/${id}/return`, { note: 'x' })).status, 404);
});

test('the report list: each filter keeps only its rows, and an enterprise sees only its own', async () => {
  const all = (await as.jingfa.get('/api/economy/reports?page_size=200')).json;
  assert.ok(all.total > 0 && all.items.length > 0);
  const st = all.items[0].status, ent = all.items[0].enterprise_id, per = all.items[0].period;
  const byStatus = (await as.jingfa.get(`/api/economy/reports?status=${st}&page_size=200`)).json;
  assert.ok(byStatus.total > 0 && byStatus.items.every((x) => x.status === st), 'status');
  const other = all.items.find((x) => x.status !== st);
  if (other) assert.ok(byStatus.total < all.total, 'the status filter leaves some out');
  const byEnt = (await as.jingfa.get(`/api/economy/reports?enterprise_id=${ent}&page_size=200`)).json;
  assert.ok(byEnt.total > 0 && byEnt.items.every((x) => x.enterprise_id === ent), 'enterprise_id');
  const both = (await as.jingfa.get(`/api/economy/reports?enterprise_id=${ent}&period=${per}&status=${st}`)).json;
  assert.equal(both.total, 1);
  assert.equal(both.items[0].id, all.items[0].id);
  // an enterprise's reader: its own rows whatever the filter asks
  const mine = (await as.maker.get('/api/economy/reports?page_size=200')).json;
  assert.ok(mine.items.every((x) => x.enterprise_id === me.maker.enterprise_id));
  const asked = (await as.maker.get(`/api/economy/reports?enterprise_id=${ent === me.maker.enterprise_id ? ent + 1 : ent}`)).json;
  assert.equal(asked.total, 0);
});

test('the zone figures: 当月, 累计 and 同比 on the same enterprises, targets and 序时进度', async () => {
  // three enterprises without flags (nothing is required of them): A reports both years, B only
  // this year (entered), C only last year (left)
  const ent = async (n, industry_code) => {
    const r = await as.admin.post('/api/enterprises', { uscc: uscc('91220101EC', n), name: `经济运行测试企业${n}`, industry_code });
    assert.equal(r.status, 201, r.body);
    return r.json.id;
  };
  const A = await ent(1, '3670'), B = await ent(2, '5171'), C = await ent(3, '3670');
  const put = async (e, period, values) => {
    const r = await file(as.jingfa, { period, enterprise_id: e, values, reason: '历史数据录入' });
    assert.equal(r.status, 200, r.body);
  };
  for (const [m, v] of [['01', 100], ['02', 100], ['03', 100]]) await put(A, `2016-${m}`, { output: v, ...(m === '03' ? { employees: 200 } : {}) });
  for (const [m, v] of [['01', 110], ['02', 120], ['03', 130]]) await put(A, `2017-${m}`, { output: v, ...(m === '03' ? { employees: 220 } : {}) });
  await put(B, '2017-03', { output: 50, employees: 30 });
  await put(C, '2016-03', { output: 40, employees: 10 });
  assert.equal((await as.admin.put('/api/economy/targets', { year: 2017, targets: { output: 1000 } })).status, 200);
  fieldError(await as.admin.put('/api/economy/targets', { year: 2017, targets: { output: -1 } }), 'targets');
  fieldError(await as.admin.put('/api/economy/targets', { year: 2017, targets: { nothing: 1 } }), 'targets');
  assert.equal((await as.jingfa.put('/api/economy/targets', { year: 2017, targets: { output: 1 } })).status, 403);
  const r = await as.leader.get('/api/economy/summary?period=2017-03');
  assert.equal(r.status, 200, r.body);
  const out = r.json.items.find((x) => x.code === 'output');
  assert.equal(out.month_value, 180);
  assert.equal(out.ytd_value, 410);
  assert.ok(Math.abs(out.month_yoy - 0.3) < 1e-9, out.month_yoy);
  assert.ok(Math.abs(out.ytd_yoy - 0.2) < 1e-9, out.ytd_yoy); // A alone: 360 against 300
  assert.equal(out.reporting, 2);
  assert.equal(out.same_set, 1);
  assert.equal(out.target, 1000);
  assert.ok(Math.abs(out.progress - 0.41) < 1e-9);
  assert.equal(out.schedule, 0.25);
  assert.equal(out.half, null);
  const emp = r.json.items.find((x) => x.code === 'employees');
  assert.equal(emp.ytd_value, 250); // a stock: March's value, not the months summed
  assert.ok(Math.abs(emp.ytd_yoy - 0.1) < 1e-9, emp.ytd_yoy);
  const tax = r.json.items.find((x) => x.code === 'tax');
  assert.equal(tax.month_value, null);
  assert.equal(tax.ytd_yoy, null);
  // by industry: manufacturing (C) and wholesale (F)
  const g = (await as.leader.get('/api/economy/summary?period=2017-03&group=industry')).json.items.filter((x) => x.code === 'output');
  assert.deepEqual(g.map((x) => [x.group, x.month_value, x.ytd_value]).sort(), [['C', 130, 360], ['F', 50, 50]]);
  fieldError(await as.leader.get('/api/economy/summary?period=2017-03&group=city'), 'group');
  fieldError(await as.leader.get('/api/economy/summary?period=2023'), 'period');
  // another zone's figures hold none of this
  const z2 = (await as.zone2_admin.get('/api/economy/summary?period=2017-03')).json.items.find((x) => x.code === 'output');
  assert.equal(z2.month_value, null);
  assert.equal((await as.ent.get('/api/economy/summary?period=2017-03')).status, 403);
});

test('the demo holds what the seeds state, computed by the figures from its reports', async () => {
  // 长春经开区 "完成固定资产投资103亿元" in 2021 (1–12月累计, 万元)
  const y21 = (await as.leader.get('/api/economy/summary?period=2021-12')).json.items.find((x) => x.code === 'fixed_investment');
  assert.ok(Math.abs(y21.ytd_value - 1030000) < 50, `2021 fixed investment ${y21.ytd_value}`);
  // the history starts in January 2020: 2020's figures exist, 2019's do not
  const y20 = (await as.leader.get('/api/economy/summary?period=2020-12')).json.items.find((x) => x.code === 'output');
  assert.ok(y20.ytd_value > 0);
  assert.equal(y20.ytd_yoy, null);
  const y19 = (await as.leader.get('/api/economy/summary?period=2019-12')).json.items.find((x) => x.code === 'output');
  assert.equal(y19.ytd_value, null);
  // 九三集团长春大豆: output over 60亿元 and revenue over 70亿元 in 2025, +15% on 2024
  for (const [code, over] of [['output', 600000], ['revenue', 700000]]) {
    const c = (await as.leader.get(`/api/economy/contributions?period=2025-12&indicator=${code}&limit=50`)).json;
    const soy = c.contributors.find((x) => x.name.startsWith('九三集团'));
    assert.ok(soy, `${code}: 九三集团 among the contributors`);
    assert.ok(soy.value > over, `${code} ${soy.value}`);
    assert.ok(Math.abs(soy.yoy - 0.15) < 0.005, `${code} yoy ${soy.yoy}`);
  }
  // 海门: 应税销售 of January–April 2026 up by double digits
  if (THIS > '2026-04') {
    const hm = (await as.zone2_admin.get('/api/economy/summary?period=2026-04')).json.items.find((x) => x.code === 'taxable_sales');
    assert.ok(hm.ytd_yoy > 0.1, `海门 1–4月 应税销售 ${hm.ytd_yoy}`);
  }
});
