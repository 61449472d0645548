// The figures of 招商引资 and 项目建设 on a hand-checked fixture (docs/API.md, "Projects"): a new
// zone with two bureaus and six projects of 2016, whose signed count and amount by size band,
// 开工率, investment, 到位资金 and average working days are computed below by hand; the targets
// with their actuals and 序时进度; the weekly 龙虎榜 with its rank changes; the status colours of
// projects under dispatch, and the colour filter that must agree with them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, initDatabase, adminClient } from './lib.mjs';

let srv, admin;
const dept = {};
const proj = {};

async function ok(r, status = 200) {
  assert.equal(r.status, status, r.body);
  return r.json;
}

/** Creates a project and walks it through the moves given ([stage, date] …). */
async function project(key, body, moves = []) {
  const p = await ok(await admin.post('/api/projects', { renovation: true, ...body }), 201);
  for (const [to, date, extra] of moves) {
    const ev = {};
    if (to === 'signed') {
      const up = await admin.upload(`/api/projects/${p.id}/attachments`, '合同.pdf', '%PDF-1.4\n%%EOF\n', 'application/pdf');
      assert.equal(up.status, 201, up.body);
      Object.assign(ev, { contract_no: `HT-${key}`, attachment_id: up.json.id });
    }
    if (to === 'started') ev.start_permit_no = `SG-${key}`;
    if (to === 'dropped') ev.reason = '投资方撤回';
    await ok(await admin.post(`/api/projects/${p.id}/move`, { to, date, ...ev, ...extra }));
  }
  proj[key] = p.id;
  return p;
}

before(async () => {
  const db = initDatabase();
  srv = await startServer({ db });
  admin = await adminClient(srv);
  for (const name of ['招商一局', '招商二局']) {
    dept[name] = (await ok(await admin.post('/api/depts', { name, kind: 'investment' }), 201)).id;
  }
  const d1 = dept['招商一局'], d2 = dept['招商二局'];
  await project('A', { name: 'A 汽车零部件扩产', dept_id: d1, total_investment: 30000, plan_start_date: '2016-05-01' },
    [['signed', '2016-02-10'], ['started', '2016-05-20']]);
  await project('B', { name: 'B 新材料', dept_id: d1, total_investment: 60000, plan_start_date: '2016-06-01' },
    [['signed', '2016-03-15']]);
  await project('C', { name: 'C 新中联', dept_id: d2, currency: 'USD', total_investment: 15000, fx_rate: 6.5, plan_start_date: '2016-07-01' },
    [['signed', '2016-04-01'], ['started', '2016-08-01']]);
  await project('D', { name: 'D 去年签约', dept_id: d2, total_investment: 120000, plan_start_date: '2016-03-01' },
    [['signed', '2015-12-20'], ['started', '2016-03-10']]);
  await project('E', { name: 'E 线索', dept_id: d1, total_investment: 5000, plan_start_date: '2016-09-01' });
  await project('F', { name: 'F 签约后终止', dept_id: d2, total_investment: 8000 },
    [['signed', '2016-05-05'], ['dropped', '2016-06-01']]);
  // A's plan of 2016: 1,000 万元 a month; March and April reported (the admin may after the lock)
  await ok(await admin.put(`/api/projects/${proj.A}/invest`, { year: 2016, months: Array.from({ length: 12 }, (_, i) => ({ month: `2016-${String(i + 1).padStart(2, '0')}`, planned: 1000 })) }));
  await ok(await admin.put(`/api/projects/${proj.A}/invest/2016-03`, { actual: 800, funds: 500 }));
  await ok(await admin.put(`/api/projects/${proj.A}/invest/2016-04`, { actual: 1200 }));
  await ok(await admin.put('/api/projects/targets', { year: 2016, dept_id: d1, signed_count: 4, signed_amount: 100000 }), 204);
  await ok(await admin.put('/api/projects/targets', { year: 2016, dept_id: d2, signed_count: 2, signed_amount: 50000 }), 204);
});
after(async () => { await srv?.stop(); });

test('the year 2016 by hand: signed, size bands, 开工率, investment, 到位资金, working days', async () => {
  const s = await ok(await admin.get('/api/projects/stats?year=2016'));
  // signed in 2016: A, B, C, F (D signed in 2015; F counts though dropped later)
  assert.equal(s.signed_count, 4);
  assert.equal(s.signed_amount, 30000 + 60000 + 15000 * 6.5 + 8000);
  // ≥ 1亿: A, B, C; ≥ 5亿: B, C (97,500); ≥ 10亿: none signed in 2016; ≥ 1亿美元: C
  assert.deepEqual(s.bands, { count_100m: 3, count_500m: 2, count_1000m: 0, count_usd100m: 1 });
  // planned to start in 2016: A, B, C, D, E; of them started: A, C, D
  assert.deepEqual([s.start_num, s.start_den, s.start_rate], [3, 5, 0.6]);
  assert.equal(s.started_count, 3);
  assert.equal(s.invest_planned, 12000);
  assert.equal(s.invest_actual, 2000);
  assert.ok(Math.abs(s.invest_rate - 2000 / 12000) < 1e-9);
  assert.equal(s.funds, 500);
  // working days (Monday to Friday: 2016 has no holiday table) from signing to start: A 72,
  // C 86, D 59 → 72.3
  assert.equal(s.avg_days_sign_to_start, 72.3);
  assert.equal(s.n_sign_to_start, 3);
  assert.equal(s.avg_days_land_to_start, null);
  const stage = Object.fromEntries(s.by_stage.map((x) => [x.stage, x.count]));
  assert.deepEqual([stage.started, stage.signed, stage.lead, stage.dropped], [3, 1, 1, 1]);
  // a year with nothing: zeros, and no rate rather than a division by zero
  const empty = await ok(await admin.get('/api/projects/stats?year=2001'));
  assert.deepEqual([empty.signed_count, empty.start_den, empty.start_rate], [0, 0, null]);
  assert.equal((await admin.get('/api/projects/stats?year=20x6')).status, 400);
});

test('targets: each bureau against its target and 序时进度', async () => {
  const t = await ok(await admin.get('/api/projects/targets?year=2016'));
  assert.equal(t.time_share, 1);
  const by = Object.fromEntries(t.items.map((x) => [x.dept_name, x]));
  assert.deepEqual([by['招商一局'].actual.signed_count, by['招商一局'].actual.signed_amount, by['招商一局'].actual.funds, by['招商一局'].actual.started_count], [2, 90000, 500, 1]);
  assert.deepEqual([by['招商二局'].actual.signed_count, by['招商二局'].actual.signed_amount, by['招商二局'].actual.started_count], [2, 105500, 2]);
  assert.equal(by['招商一局'].completion.signed_count, 0.5);
  assert.equal(by['招商二局'].completion.signed_amount, 2.11);
  // a target of 0 has no completion
  assert.equal(by['招商一局'].completion.funds, null);
  // only the admin sets targets; a bad figure names its field
  const bad = await admin.put('/api/projects/targets', { year: 2016, dept_id: dept['招商一局'], signed_count: -1 });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.field, 'signed_count');
});

test('the 龙虎榜: weighted completion, ranks and their change against last week', async () => {
  // week 51 (ending 2016-12-25): 一局 (2/4 × 25 + 0.9 × 25) / 50 = 70.0; 二局 (1 × 25 + 1.5
  // (2.11 capped) × 25) / 50 = 125.0
  let b = await ok(await admin.get('/api/projects/leaderboard?week=2016-W51'));
  assert.equal(b.week_end, '2016-12-25');
  assert.deepEqual(b.items.map((x) => [x.dept_name, x.rank, x.score, x.prev_rank, x.change]),
    [['招商二局', 1, 125, 1, 0], ['招商一局', 2, 70, 2, 0]]);
  // week 13 (ending 2016-04-03): C signed on 04-01 takes 二局 from second to first
  b = await ok(await admin.get('/api/projects/leaderboard?week=2016-W13'));
  assert.deepEqual(b.items.map((x) => [x.dept_name, x.rank, x.prev_rank, x.change]),
    [['招商二局', 1, 2, 1], ['招商一局', 2, 1, -1]]);
  for (const w of ['2016-W54', '2016W13', '2016-W00', 'x']) {
    const r = await admin.get(`/api/projects/leaderboard?week=${w}`);
    assert.equal(r.status, 400, w);
    assert.equal(r.json.error.field, 'week');
  }
});

/** Today in China Standard Time, shifted by `days`. */
function day(days = 0) {
  return new Date(Date.now() + 8 * 3600e3 + days * 86400e3).toISOString().slice(0, 10);
}

test('status colours: late milestones and low investment, and the filter agrees', async () => {
  const thisYear = day().slice(0, 4);
  const month = day().slice(0, 7);
  const signed = [['signed', `${thisYear}-01-05`]];
  const late = async (key, plan) => project(key, { name: `颜色 ${key}`, plan_start_date: plan }, signed);
  await late('amber_late', day(-13));
  await late('red_late', day(-40));
  await late('green', day(60));
  // investment to date below 70% of the plan (red), or below 90% (amber)
  for (const [key, actual] of [['red_low', 630], ['amber_low', 850]]) {
    await late(key, day(60));
    const months = [];
    for (let m = 1; `${thisYear}-${String(m).padStart(2, '0')}` < month; m++) months.push(`${thisYear}-${String(m).padStart(2, '0')}`);
    if (months.length === 0) continue; // January: no month of the year is over yet
    await ok(await admin.put(`/api/projects/${proj[key]}/invest`, { year: Number(thisYear), months: months.map((mo) => ({ month: mo, planned: 1000 / months.length })) }));
    await ok(await admin.put(`/api/projects/${proj[key]}/invest/${months[0]}`, { actual }));
  }
  const colour = async (key) => (await ok(await admin.get(`/api/projects/${proj[key]}`))).colour;
  assert.equal(await colour('amber_late'), 'amber');
  assert.equal((await ok(await admin.get(`/api/projects/${proj.amber_late}`))).days_late, 13);
  assert.equal(await colour('red_late'), 'red');
  assert.equal(await colour('green'), 'green');
  if (month.slice(5) !== '01') {
    assert.equal(await colour('red_low'), 'red');
    assert.equal(await colour('amber_low'), 'amber');
  }
  assert.equal(await colour('E'), '', 'a lead has no colour');
  // the list filter gives exactly the projects of each colour
  const all = (await ok(await admin.get('/api/projects?page_size=200'))).items;
  for (const c of ['green', 'amber', 'red']) {
    const f = (await ok(await admin.get(`/api/projects?colour=${c}&page_size=200`))).items;
    assert.deepEqual(f.map((x) => x.id).sort(), all.filter((x) => x.colour === c).map((x) => x.id).sort(), c);
  }
  // the zone's rules move the line: 45 days late is amber when amber lasts 60 days
  await ok(await admin.put('/api/projects/settings', { amber_days: 60 }));
  assert.equal(await colour('red_late'), 'amber');
  const bad = await admin.put('/api/projects/settings', { amber_ratio: 0.5, red_ratio: 0.8 });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.field, 'red_ratio');
  await ok(await admin.put('/api/projects/settings', { amber_days: 15 }));
});

test('每月评估: each project by the written deductions, each bureau by the mean', async () => {
  // May 2016: A started 05-20 and built without a check (−10), its May plan of 1,000 万元 not
  // reported (−40) → 50; B not late (its start is planned for June) → 100; C → 100; D started
  // in March, no check in May (−10) → 90. Dropped F and lead E are not under dispatch.
  let r = await ok(await admin.get('/api/projects/evaluation?month=2016-05'));
  const score = (res) => Object.fromEntries(res.items.map((x) => [x.name.slice(0, 1), x.score]));
  assert.deepEqual(score(r), { A: 50, B: 100, C: 100, D: 90 });
  const a = r.items.find((x) => x.name.startsWith('A'));
  assert.deepEqual(a.deductions, { late: 0, invest: 40, problems: 0, checks: 10 });
  assert.deepEqual(r.items.map((x) => x.name.slice(0, 1)), ['A', 'D', 'B', 'C'], 'lowest first');
  assert.deepEqual(r.by_dept.map((x) => [x.dept_name, x.projects, x.score]).sort(), [['招商一局', 2, 75], ['招商二局', 2, 95]]);
  // June: B is 29 days behind its planned start (06-01)
  r = await ok(await admin.get('/api/projects/evaluation?month=2016-06'));
  assert.equal(score(r).B, 71);
  assert.equal(r.items.find((x) => x.name.startsWith('B')).late_days, 29);
  for (const m of ['2016-13', '2016-5', '2999-01']) {
    const bad = await admin.get(`/api/projects/evaluation?month=${m}`);
    assert.equal(bad.status, 400, m);
    assert.equal(bad.json.error.field, 'month');
  }
});

test('the list of permits is the zone\'s own', async () => {
  let s = await ok(await admin.get('/api/projects/settings'));
  assert.ok(s.permits.includes('施工许可证'));
  s = await ok(await admin.put('/api/projects/settings', { permits: ['施工许可证', '消防验收'] }));
  assert.deepEqual(s.permits, ['施工许可证', '消防验收']);
  const r = await ok(await admin.put(`/api/projects/${proj.A}/permits`, { permit: '消防验收', applied_date: '2016-06-01' }));
  assert.deepEqual(r.items.map((x) => x.permit), ['施工许可证', '消防验收']);
  for (const permits of [[], ['施工许可证', '施工许可证'], 'x', [''], ['这是一个超过三十个字的审批事项名称这是一个超过三十个字的审批事项名称']]) {
    const bad = await admin.put('/api/projects/settings', { permits });
    assert.equal(bad.status, 400, JSON.stringify(permits));
    assert.equal(bad.json.error.field, 'permits');
  }
  // the other settings are kept
  assert.equal((await ok(await admin.get('/api/projects/settings'))).amber_days, 15);
});
