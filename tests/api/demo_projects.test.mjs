// The demo's investment projects (src/demo/demo_projects.c) are the seed reports': every figure a
// report states about 招商引资 and 项目建设 comes out of the project module's own computation
// (GET /api/projects/stats, /api/projects/targets, /api/projects/leaderboard, the lists), each
// assertion with the sentence it comes from. Where the reports are silent the zones work like
// real ones: projects at every stage, some dropped with their reasons, red and amber under
// dispatch, problems closed (销号), answered, open and overdue, follow-ups whose next step is past
// its day, each step in office hours of a working day; the enterprises with an account see and
// report their own project. The same seed and --now give the same projects on either engine.
// `yuanqu gen` builds projects with 36 months of investment at province scale.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, newDatabase, startServer, Client, ENGINE } from './lib.mjs';

const PW = 'Demo-Passw0rd-2026';
const NOW = '1795000000'; // 2026-11-17 China Standard Time: the demo's present
const ZONES = ['ccetdz', 'cczb', 'hmetdz', 'wcetdz'];

let srv, demoDb;
const as = {}; // username -> client

function loadDemo(db) {
  const r = cli(['demo', '--db', db, '--password-stdin', '--now', NOW], { input: PW + '\n' });
  assert.equal(r.code, 0, r.stderr);
  return r;
}

async function get(c, path) {
  const r = await c.get(path);
  assert.equal(r.status, 200, `${path}: ${r.body.slice(0, 300)}`);
  return r.json;
}

async function all(c, path) { // every page of a list
  const items = [];
  for (let page = 1; ; page++) {
    const j = await get(c, `${path}${path.includes('?') ? '&' : '?'}page=${page}&page_size=200`);
    items.push(...j.items);
    if (items.length >= j.total || j.items.length === 0) return items;
  }
}

async function client(base, username) {
  const c = new Client(base);
  const r = await c.login(username, PW);
  assert.equal(r.status, 200, `${username}: ${r.body}`);
  c.me = r.json.user;
  return c;
}

const cache = {};
/** Every project of a zone as its administrator reads them. */
async function projects(code) {
  cache[code] ||= await all(as[`${code}-admin`], '/api/projects');
  return cache[code];
}

/** China Standard Time parts of a time as the API writes it. */
function cst(t) {
  const d = new Date(Date.parse(t) + 8 * 3600e3);
  return { date: d.toISOString().slice(0, 10), min: d.getUTCHours() * 60 + d.getUTCMinutes(), dow: d.getUTCDay() };
}

const sum = (xs, f) => xs.reduce((n, x) => n + f(x), 0);

before(async () => {
  demoDb = newDatabase();
  const r = loadDemo(demoDb);
  assert.match(r.stdout, /4 zones, \d+ departments, \d+ users, \d+ enterprises, \d+ requests, \d+ projects/);
  assert.ok(Number(r.stdout.match(/(\d+) projects/)[1]) > 800, r.stdout.split('\n')[0]);
  srv = await startServer({ db: demoDb });
  const users = ZONES.flatMap((z) => [`${z}-admin`, `${z}-leader`]).concat([
    'ccetdz-qiye', 'ccetdz-weipai', 'ccetdz-zsy', 'cczb-qiye', 'hmetdz-qiye', 'hmetdz-huatong', 'hmetdz-zsfj1',
    'wcetdz-qiye', 'wcetdz-zsy', 'province-viewer']);
  for (const u of users) as[u] = await client(srv.base, u);
});

after(async () => { await srv?.stop(); });

// ---- the reports' figures -------------------------------------------------------------------

test('长春经开区 2019: 179 projects signed, 38% more than 2018; 20 of 1亿元 or more, 4 of 5亿-10亿, 4 of 10亿 or more', async () => {
  // 001: 全年完成签约项目179个,增长38%。其中,亿元以上项目20个,包括5亿元至10亿元项目4个,10亿元以上项目4个
  const c = as['ccetdz-leader'];
  const y19 = await get(c, '/api/projects/stats?year=2019');
  const y18 = await get(c, '/api/projects/stats?year=2018');
  assert.equal(y19.signed_count, 179);
  assert.equal(Math.round((y19.signed_count / y18.signed_count - 1) * 100), 38, `2018: ${y18.signed_count}`);
  assert.equal(y19.bands.count_100m, 20);
  assert.equal(y19.bands.count_500m - y19.bands.count_1000m, 4, '5亿元至10亿元');
  assert.equal(y19.bands.count_1000m, 4);
  // 001: 特别是浪潮北方生产基地项目填补了东北地区PC整机生产的空白 … 2019年租厂房类项目19个,总投48.65亿元
  // … 吉林省众道科技有限公司生产项目、光波导多功能集成光子芯片项目和长春杰维技术有限公司智能装备制造生产线
  // 项目等9个项目实现当年签约,当年投产见效 (9个项目实现当年签约、当年达产见效)
  const signed = (await projects('ccetdz')).filter((p) => p.sign_date?.startsWith('2019'));
  assert.equal(signed.length, 179);
  const rented = signed.filter((p) => p.land_mu === null && !p.renovation);
  assert.equal(rented.length, 19);
  assert.equal(sum(rented, (p) => p.amount_wan), 486500);
  const sameYear = signed.filter((p) => p.capacity_date?.startsWith('2019'));
  assert.equal(sameYear.length, 9);
  for (const n of ['吉林省众道科技有限公司生产项目', '光波导多功能集成光子芯片项目', '长春杰维技术有限公司智能装备制造生产线项目']) {
    assert.ok(sameYear.some((p) => p.name === n), n);
  }
  const lc = signed.find((p) => p.name === '浪潮北方生产基地项目');
  assert.equal(lc.enterprise_name, '浪潮北方（长春）信息技术有限公司');
  assert.ok(lc.amount_wan >= 100000 && lc.produce_date.startsWith('2019'), JSON.stringify(lc));
});

test('长春经开区 targets: 2020 签约170个、5亿元以上16个; 2022 5000万元以上项目100个以上、开工率100%', async () => {
  // 001: 全年要完成签约项目170个,完成引进5亿元以上大项目16个 (2020)
  // 002: 全年目标就是实现5000万元以上项目100个以上,开工率实现100% (2022)
  const c = as['ccetdz-leader'];
  const t20 = (await get(c, '/api/projects/targets?year=2020')).items.filter((t) => !t.user_id);
  assert.equal(t20.length, 4);
  assert.ok(t20.every((t) => t.dept_name.endsWith('招商处')), t20.map((t) => t.dept_name).join());
  assert.equal(sum(t20, (t) => t.signed_count), 170);
  assert.equal(sum(t20, (t) => t.count_500m), 16);
  const t22 = (await get(c, '/api/projects/targets?year=2022')).items.filter((t) => !t.user_id);
  assert.equal(sum(t22, (t) => t.signed_count), 100);
  assert.equal(sum(t22, (t) => t.started_count), 100, '开工率100%: every one of them started');
});

test('望城经开区 2020: 新项目开工率 73.0% (54 of 74), 115.5亿元 completed of 261.4亿元 planned, 52 signed for 98亿元', async () => {
  // 004: 今年以来,园区已有212个项目,包括74个新项目。截至目前,已完成投资115.5亿元 … 54个新项目开工 … 新项目
  // 开工率达到73.0% … 确保年投资261.4亿元 … 上半年,引进…项目52个,总投资98亿元。其中投资过亿的项目14个
  const s = await get(as['wcetdz-leader'], '/api/projects/stats?year=2020');
  assert.equal(s.start_num, 54);
  assert.equal(s.start_den, 74);
  assert.equal((s.start_rate * 100).toFixed(1), '73.0');
  assert.equal(s.invest_actual, 1155000);
  assert.equal(s.invest_planned, 2614000);
  assert.equal(s.signed_count, 52);
  assert.equal(s.signed_amount, 980000);
  assert.equal(s.bands.count_100m, 14);
  // 004: 毛亨高新、日本涂料、永善锂盐、恒凯智能等54个新项目开工 … JD.COM亚洲一号和国美重大项目开工率达到100%
  // (the back-translation's 日本涂料 is 立邦 (Nippon Paint), 永善锂盐 is 永杉锂业, JD.COM is 京东)
  const ps = await projects('wcetdz');
  for (const n of ['毛亨高新', '立邦涂料', '永杉锂业', '恒凯智能', '京东亚洲一号', '国美']) {
    const p = ps.find((x) => x.name.startsWith(n));
    assert.ok(p, n);
    assert.ok(p.start_date >= '2020-01-01' && p.start_date <= '2020-07-10', `${p.name} started ${p.start_date}`);
    assert.ok(p.plan_start_date.startsWith('2020'), p.name);
  }
  assert.equal(ps.find((x) => x.name.startsWith('立邦涂料')).investor_region, '日本');
  // 004: 加快华为枢纽仓库、德赛电池二期、毛亨高新等项目的投产 — under construction since 2019
  for (const n of ['华为枢纽仓库项目', '德赛电池二期项目']) {
    const p = ps.find((x) => x.name === n);
    assert.ok(p && p.start_date < '2020-01-01' && p.plan_produce_date.startsWith('2020'), n);
  }
  // 004: 托普联科、科阳半导体、九木集团等30个优质项目正在紧锣密鼓跟进
  for (const n of ['托普联科', '科阳半导体', '九木集团']) {
    const p = ps.find((x) => x.name.startsWith(n));
    assert.ok(p && p.lead_date < '2020-07-10' && (!p.sign_date || p.sign_date > '2020-12-31'), n);
  }
  // 2020's targets: 10亿元以上项目5个, 亿元以上项目20个, 2000万元以上项目100个
  const t = (await get(as['wcetdz-leader'], '/api/projects/targets?year=2020')).items.filter((x) => !x.user_id);
  assert.deepEqual([sum(t, (x) => x.signed_count), sum(t, (x) => x.count_100m), sum(t, (x) => x.count_1000m)], [100, 20, 5]);
});

test('海门开发区: six 招商分局 with yearly targets and a 龙虎榜 that changes week to week', async () => {
  // 003: 6个招商分局重点落实、机关全员招商压力传导的考核机制…并每周进行招商会审、公布招商“龙虎榜”
  const c = as['hmetdz-leader'];
  const t = (await get(c, '/api/projects/targets?year=2022')).items.filter((x) => !x.user_id);
  assert.deepEqual(new Set(t.map((x) => x.dept_name)), new Set(['招商一分局', '招商二分局', '招商三分局', '招商四分局', '招商五分局', '招商六分局']));
  assert.ok(t.every((x) => x.signed_count > 0 && x.actual.signed_count > 0), 'each has a target and signings');
  const boards = [];
  for (let w = 13; w <= 26; w++) boards.push(await get(c, `/api/projects/leaderboard?week=2022-W${String(w).padStart(2, '0')}`));
  assert.ok(boards.every((b) => b.items.length === 6));
  const orders = new Set(boards.map((b) => b.items.map((i) => i.dept_name).join()));
  assert.ok(orders.size >= 4, `${orders.size} different orders in 14 weeks`);
  const moved = boards.slice(1).filter((b) => b.items.some((i) => i.change !== 0));
  assert.ok(moved.length >= 4, `${moved.length} weeks with a rank change`);
  assert.ok(boards.slice(1).every((b) => b.items.every((i) => i.prev_rank >= 1)), 'last week\'s rank is given');
  // the scores grow as the year goes on
  assert.ok(sum(boards.at(-1).items, (i) => i.score) > sum(boards[0].items, (i) => i.score));
  // the leader downloads that week's bulletin (每周通报) with its 龙虎榜
  const pdf = await c.get('/api/projects/bulletin?week=2022-W26&format=pdf', { raw: true });
  assert.equal(pdf.status, 200);
  assert.equal(pdf.body.subarray(0, 5).toString(), '%PDF-');
  const html = await c.get('/api/projects/bulletin?week=2022-W26&format=html');
  assert.equal(html.status, 200);
  for (const n of ['招商一分局', '招商六分局']) assert.ok(html.body.includes(n), n);
  // this year's too: the bureaus and their busiest 招商专员
  const now = await get(c, `/api/projects/targets?year=${new Date(Number(NOW) * 1000).getUTCFullYear()}`);
  assert.ok(now.items.filter((x) => !x.user_id).length === 6, JSON.stringify(now.items.map((x) => x.dept_name)));
  assert.ok(now.items.some((x) => x.user_id), 'targets of people');
});

test('海门开发区, second quarter of 2022: 8 signed of 5亿元 or more (2 over 50亿), 4 of 1亿美元 or more, 到账外资 8000万美元', async () => {
  // 003: 二季度签约5亿元以上项目8个,其中超50亿元项目2个,签约超亿美元项目4个,到账外资8000万美元
  const c = as['hmetdz-leader'];
  const q1 = await get(c, '/api/projects/leaderboard?week=2022-W13'); // to Sunday 3 April
  const q2 = await get(c, '/api/projects/leaderboard?week=2022-W26'); // to Sunday 3 July
  const fig = (b, k) => sum(b.items, (i) => i.actual[k]);
  assert.equal(fig(q2, 'count_500m') - fig(q1, 'count_500m'), 8);
  assert.equal(fig(q2, 'count_usd100m') - fig(q1, 'count_usd100m'), 4);
  const ps = await projects('hmetdz');
  const q = ps.filter((p) => p.sign_date >= '2022-04-01' && p.sign_date <= '2022-06-30');
  assert.equal(q.filter((p) => p.amount_wan >= 50000).length, 8);
  assert.equal(q.filter((p) => p.amount_wan >= 500000).length, 2, '超50亿元项目2个');
  assert.equal(q.filter((p) => p.currency === 'USD' && p.total_investment >= 10000).length, 4);
  // 到账外资: the foreign projects' 到位资金 of April to June, at each one's rate
  let usd = 0;
  for (const p of ps.filter((x) => x.investor_origin !== 'domestic')) {
    const inv = await get(c, `/api/projects/${p.id}/invest?year=2022`);
    for (const m of inv.months) if (m.month >= '2022-04' && m.month <= '2022-06') usd += m.funds / p.fx_rate;
  }
  assert.ok(Math.abs(usd - 8000) < 0.01, `到账外资 ${usd} 万美元`);
});

test('海门开发区: 7 超亿元 projects started together at the end of April; 新中联 signed online; 胜宏科技 and 康佳科技园 in May', async () => {
  // 003: 上月底,开发区7个超亿元项目集中开工,3个大项目集中“云签约” … 纳琳科高功能纳米材料项目、金益成精密机械项目
  // 等4个超5亿元大项目和3个超亿元的科创项目顺利开工
  const ps = await projects('hmetdz');
  const days = new Map();
  for (const p of ps.filter((x) => x.start_date)) days.set(p.start_date, [...(days.get(p.start_date) || []), p]);
  const seven = days.get('2022-04-29');
  assert.equal(seven.length, 7);
  assert.ok(seven.every((p) => p.amount_wan >= 10000), '超亿元');
  assert.equal(seven.filter((p) => p.amount_wan >= 50000).length, 4);
  for (const n of ['纳琳科高功能纳米材料项目', '金益成精密机械项目']) assert.ok(seven.some((p) => p.name === n), n);
  assert.ok(Math.max(...[...days.values()].map((x) => x.length)) === 7, 'no other day has as many');
  // 003: 新中联供应链管理项目通过“云”签约,落户开发区,该项目由新加坡新中联集团投资,总投资额超过2亿美元
  const xzl = ps.find((p) => p.name === '新中联供应链管理项目');
  assert.equal(xzl.investor_region, '新加坡');
  assert.equal(xzl.currency, 'USD');
  assert.ok(xzl.total_investment > 20000);
  assert.equal(xzl.source, 'cloud');
  assert.equal(xzl.enterprise_name, '新中联供应链管理（南通）有限公司');
  const fu = (await get(as['hmetdz-admin'], `/api/projects/${xzl.id}/followups`)).items;
  assert.ok(fu.some((f) => f.kind === 'cloud_sign' && f.on_date === xzl.sign_date), JSON.stringify(fu.map((f) => f.kind)));
  const cloud = ps.filter((p) => p.sign_date === xzl.sign_date);
  assert.equal(cloud.length, 3, '3个大项目集中“云签约”');
  // 003: 重点推进胜宏科技、康佳科技园项目审图、施工队伍确定,确保5月份开工建设
  for (const n of ['胜宏科技', '康佳科技园']) {
    const p = ps.find((x) => x.name.startsWith(n));
    assert.ok(p.start_date.startsWith('2022-05'), `${p.name} started ${p.start_date}`);
    const pb = (await get(as['hmetdz-admin'], `/api/projects/problems?project_id=${p.id}`)).items;
    assert.ok(pb.some((x) => x.category === 'approval' && x.status === 'closed'), `${n}: 审图 closed`);
  }
});

test('长春装备制造开发区 2020: 固定资产投资 of January to September 12.6亿元; the named projects and their problems', async () => {
  // 000: 1—9月…固定资产投资完成12.6亿元
  const s = await get(as['cczb-leader'], '/api/projects/stats?year=2020');
  assert.equal(s.invest_actual, 126000);
  const ps = await projects('cczb');
  for (const n of ['华腾轨道', '金沙数控', '智能制造产业园二期', '泰盟智能化工厂二期', '新型管业二期', '尼特固汽车部件', '华芯智能识别']) {
    const p = ps.find((x) => x.name.startsWith(n));
    assert.ok(p && p.sign_date.startsWith('2020'), n);
  }
  // 000: 预计总投资4亿元,智能制造产业园二期项目 … 帮助企业在短期内取得建设用地规划许可证、建设用地工程许可证
  const park = ps.find((x) => x.name === '智能制造产业园二期项目');
  assert.equal(park.amount_wan, 40000);
  const c = as['cczb-admin'];
  const pp = (await get(c, `/api/projects/problems?project_id=${park.id}`)).items;
  assert.ok(pp.some((x) => /规划许可证/.test(x.title) && x.status === 'closed'));
  // 000: 为保证中车车辆公司整体搬迁 … 解决了供水能力不足的问题 … 完善了项目周边路网 … 为项目提供了足够的电力支持
  const cl = ps.find((x) => x.name.includes('整体搬迁'));
  const cp = (await get(c, `/api/projects/problems?project_id=${cl.id}`)).items;
  assert.equal(cp.length, 3);
  assert.ok(cp.every((x) => x.status === 'closed' && x.close_note), JSON.stringify(cp.map((x) => x.status)));
  assert.ok(cp.some((x) => x.escalation?.state === 'settled' && x.escalation.level), 'a leader flagged one, settled with it');
});

// ---- how the zones work ---------------------------------------------------------------------

test('every zone: projects at every stage, some dropped with reasons, red and amber under dispatch, problems of every kind', async () => {
  const stages = new Set();
  for (const code of ZONES) {
    const c = as[`${code}-admin`];
    const ps = await projects(code);
    for (const p of ps) stages.add(p.stage);
    const dropped = ps.filter((p) => p.stage === 'dropped');
    assert.ok(dropped.length > 0, code);
    assert.ok(dropped.every((p) => p.drop_reason && p.dropped_from && p.drop_date), code);
    for (const colour of ['red', 'amber', 'green']) {
      assert.ok((await get(c, `/api/projects?colour=${colour}&page_size=1`)).total > 0, `${code}: ${colour}`);
    }
    for (const status of ['open', 'answered', 'closed']) {
      assert.ok((await get(c, `/api/projects/problems?status=${status}&page_size=1`)).total > 0, `${code}: problems ${status}`);
    }
    const overdue = await get(c, '/api/projects/problems?overdue=1&page_size=200');
    assert.ok(overdue.total > 0, `${code}: an overdue problem`);
    const all2 = await all(c, '/api/projects/problems');
    assert.ok(all2.some((x) => x.escalation?.state === 'active'), `${code}: a problem under 督办`);
    const fu = await get(c, '/api/projects/followups/overdue');
    assert.ok(fu.items.length > 0 && fu.items.every((x) => x.user_name && x.count > 0), `${code}: overdue next steps`);
    // this year's plans and reports, the bureaus' targets and their 龙虎榜
    const year = new Date(Number(NOW) * 1000).getUTCFullYear();
    const st = await get(c, `/api/projects/stats?year=${year}`);
    assert.ok(st.signed_count > 10 && st.invest_planned > 0 && st.invest_actual > 0 && st.funds > 0, `${code}: ${JSON.stringify(st).slice(0, 200)}`);
    const board = await get(c, `/api/projects/leaderboard?week=${year}-W40`);
    assert.ok(board.items.length > 0 && board.items.some((i) => i.score > 0), code);
  }
  assert.deepEqual([...stages].sort(), ['capacity', 'completed', 'dropped', 'land', 'lead', 'negotiating', 'producing', 'registered', 'signed', 'started']);
});

test('each step is taken in office hours of a working day, by the people who would take it', async () => {
  const hol = new Map((await get(as['ccetdz-admin'], '/api/holidays')).items.map((h) => [h.date, h.kind]));
  const workday = (x) => (hol.has(x.date) ? hol.get(x.date) === 'workday' : x.dow >= 1 && x.dow <= 5);
  for (const code of ZONES) {
    const c = as[`${code}-admin`];
    const users = new Map((await all(c, '/api/users')).map((u) => [u.id, u]));
    const depts = new Map((await get(c, '/api/depts')).items.map((d) => [d.id, d]));
    const ps = (await projects(code)).filter((p) => p.sign_date && p.sign_date >= '2019-01-01');
    let scans = 0;
    for (const p of ps.filter((_, i) => i % 9 === 0)) {
      const tl = (await get(c, `/api/projects/${p.id}/timeline`)).items;
      assert.equal(tl[0].action, 'create', p.name);
      for (const e of tl) {
        const t = cst(e.at);
        const at = `${code}: ${p.name} ${e.action} ${e.to_status} at ${e.at}`;
        assert.ok(workday(t) && t.min >= 8 * 60 + 30 && t.min <= 17 * 60 + 45, at);
        const u = users.get(e.user_id);
        assert.ok(u, at);
        if (e.action === 'move' && ['registered', 'land', 'started', 'completed', 'producing', 'capacity'].includes(e.to_status)) {
          assert.equal(depts.get(u.dept_id).kind, 'project', `${at}: by the project office`);
        }
        if (e.action === 'move' && e.to_status === 'signed') assert.equal(depts.get(u.dept_id).kind, 'investment', `${at}: by the bureau`);
      }
      // 签约 with its contract's scan, which downloads
      const att = (await get(c, `/api/projects/${p.id}/attachments`)).items;
      assert.equal(att.length, 1, p.name);
      if (scans++ < 3) {
        const f = await c.get(`/api/projects/${p.id}/attachments/${att[0].id}`, { raw: true });
        assert.equal(f.status, 200);
        assert.equal(f.body.subarray(0, 5).toString(), '%PDF-');
      }
    }
  }
});

test('the enterprises with an account see their own project and report its investment', async () => {
  const year = new Date(Number(NOW) * 1000).getUTCFullYear();
  const own = {
    'ccetdz-qiye': '中科精研二期厂房建设项目', // 002: 我们2022年的工作重点是准备二期厂房建设
    'ccetdz-weipai': '纬湃汽车电子新一代电控单元生产线技术改造项目', // 002: 积极争取新项目及技改项目落户
    'cczb-qiye': '泰盟智能化工厂二期项目', // 000: 泰盟智能化工厂二期…入驻
    'hmetdz-qiye': '三鑫电子智能化改造项目',
    'hmetdz-huatong': '华通塑胶可降解缠绕膜生产线项目',
    'wcetdz-qiye': '德赛电池二期项目', // 004: 加快华为枢纽仓库、德赛电池二期、毛亨高新等项目的投产
  };
  for (const [u, name] of Object.entries(own)) {
    const c = as[u];
    const mine = await all(c, '/api/projects');
    assert.ok(mine.length >= 1 && mine.every((p) => p.enterprise_id === c.me.enterprise_id), u);
    const p = mine.find((x) => x.name === name);
    assert.ok(p, `${u}: ${name} in ${mine.map((x) => x.name)}`);
    assert.equal(p.owner_user_id, undefined, 'not the internal fields');
    const y = name === '德赛电池二期项目' ? 2020 : name === '泰盟智能化工厂二期项目' ? 2020 : year;
    const inv = await get(c, `/api/projects/${p.id}/invest?year=${y}`);
    assert.ok(inv.months.some((m) => m.actual > 0), `${u}: reported ${y}`);
    const tl = (await get(as[`${u.split('-')[0]}-admin`], `/api/projects/${p.id}/timeline`)).items;
    assert.ok(tl.some((e) => e.action === 'invest' && e.user_name === c.me.display_name), `${u} reported it`);
  }
  // another zone's enterprise, and another enterprise of the zone, see none of them
  const d = (await all(as['wcetdz-admin'], '/api/projects')).find((p) => p.name === '德赛电池二期项目');
  assert.equal((await as['hmetdz-qiye'].get(`/api/projects/${d.id}`)).status, 404);
});

test('招商专员 and bureau heads work their own bureau\'s projects', async () => {
  // (and, as any cadre, the projects of the enterprises they serve as 包保: in 海门 every cadre
  // serves some, 003: 全员挂钩联系企业)
  for (const [u, dept] of [['ccetdz-zsy', '光电信息招商处'], ['wcetdz-zsy', '智能终端招商分局'], ['hmetdz-zsfj1', '招商一分局']]) {
    const mine = await all(as[u], '/api/projects');
    assert.ok(mine.filter((p) => p.dept_name === dept).length > 5, `${u}: ${mine.length}`);
    const admin = as[`${u.split('-')[0]}-admin`];
    const depts = (await get(admin, '/api/depts')).items;
    const path = depts.find((d) => d.id === as[u].me.dept_id).path;
    const under = new Set(depts.filter((d) => d.path.startsWith(path)).map((d) => d.id));
    const served = new Set((await all(admin, '/api/enterprises'))
      .filter((e) => e.leader_user_id === as[u].me.id || e.liaison_user_id === as[u].me.id || under.has(e.dept_id)).map((e) => e.id));
    assert.ok(mine.every((p) => p.dept_name === dept || served.has(p.enterprise_id)), `${u}: ${[...new Set(mine.map((p) => p.dept_name))]}`);
  }
  // the 招商专员 own projects of their bureau (a lead is worked by one person)
  const zsy = as['ccetdz-zsy'];
  assert.ok((await all(zsy, `/api/projects?owner_user_id=${zsy.me.id}`)).length > 0, 'ccetdz-zsy works some');
});

// ---- the same projects every run ----------------------------------------------------------------

async function snapshot(db) {
  const s = await startServer({ db });
  try {
    const out = {};
    for (const code of ['ccetdz', 'hmetdz']) {
      const c = await client(s.base, `${code}-admin`);
      // by id: the engines order a list's empty signing dates differently
      const ps = (await all(c, '/api/projects?sort=sign_date')).sort((p, q) => p.id - q.id);
      const tl = [];
      for (const p of ps.filter((_, i) => i % 50 === 0)) tl.push((await get(c, `/api/projects/${p.id}/timeline`)).items.map(({ id, ...e }) => e));
      out[code] = {
        ps, tl,
        problems: await all(c, '/api/projects/problems'),
        targets: await get(c, '/api/projects/targets?year=2022'),
        stats: await get(c, '/api/projects/stats?year=2019'),
      };
    }
    return out;
  } finally { await s.stop(); }
}

test('the demo\'s projects are the same every run, and the same on SQLite and PostgreSQL', async () => {
  const b = ENGINE === 'postgres' ? `sqlite:${join(mkdtempSync(join(tmpdir(), 'yq-pdemo-')), 'demo.db')}` : newDatabase();
  loadDemo(b);
  const x = await snapshot(demoDb), y = await snapshot(b);
  assert.ok(x.ccetdz.ps.length > 400);
  assert.deepEqual(y, x);
});

// ---- gen ------------------------------------------------------------------------------------------

test('gen: 400 projects a zone with 36 months of investment, their timelines, problems and targets', async () => {
  const db = newDatabase();
  const r = cli(['gen', '--db', db, '--zones', '1', '--enterprises-per-zone', '60', '--tickets-per-zone', '0', '--now', NOW]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /1 zones, 5 users, 60 enterprises, 0 requests, 400 projects/);
  const s = await startServer({ db });
  try {
    const c = new Client(s.base);
    assert.equal((await c.login('gen001-admin', 'Gen-Passw0rd-2026')).status, 200);
    const ps = await all(c, '/api/projects');
    assert.equal(ps.length, 400);
    assert.ok(new Set(ps.map((p) => p.stage)).size >= 9, [...new Set(ps.map((p) => p.stage))].join());
    const year = new Date(Number(NOW) * 1000).getUTCFullYear();
    for (const y of [year - 2, year - 1, year]) {
      const st = await get(c, `/api/projects/stats?year=${y}`);
      assert.ok(st.signed_count > 50 && st.invest_actual > 0 && st.invest_planned > 0, `${y}: ${JSON.stringify(st).slice(0, 200)}`);
      assert.ok((await get(c, `/api/projects/targets?year=${y}`)).items.length === 2, `${y}: the bureau's and its head's targets`);
    }
    // a project built over two years reports every month of both
    const long = ps.find((p) => p.start_date?.startsWith(String(year - 2)) && p.complete_date?.startsWith(String(year - 1)));
    assert.ok(long, 'a project built from two years ago to last year');
    const reported = [];
    for (const y of [year - 2, year - 1]) reported.push(...(await get(c, `/api/projects/${long.id}/invest?year=${y}`)).months.filter((m) => m.actual > 0).map((m) => m.month));
    assert.ok(reported.length >= 6 && reported[0].startsWith(String(year - 2)) && reported.at(-1).startsWith(String(year - 1)), reported.join());
    const tl = (await get(c, `/api/projects/${ps[0].id}/timeline`)).items;
    assert.equal(tl[0].action, 'create');
    assert.ok((await get(c, '/api/projects/problems?page_size=1')).total > 0);
    assert.ok((await get(c, '/api/projects/followups/overdue')).items.length > 0);
    assert.ok((await get(c, `/api/projects/leaderboard?week=${year}-W40`)).items.length > 0);
    // new projects take the next numbers
    const n = await c.post('/api/projects', { name: '新登记项目' });
    assert.equal(n.status, 201, n.body);
    assert.ok(!ps.some((p) => p.no === n.json.no), n.json.no);
    // none with --projects-per-zone 0
    const db0 = newDatabase();
    const r0 = cli(['gen', '--db', db0, '--zones', '1', '--enterprises-per-zone', '20', '--projects-per-zone', '0', '--now', NOW]);
    assert.equal(r0.code, 0, r0.stderr);
    assert.match(r0.stdout, /0 projects/);
  } finally { await s.stop(); }
});

test('gen: the same projects every time, and the same on SQLite and PostgreSQL', async () => {
  const args = ['--zones', '2', '--enterprises-per-zone', '40', '--projects-per-zone', '120', '--now', NOW];
  const a = newDatabase();
  const b = ENGINE === 'postgres' ? `sqlite:${join(mkdtempSync(join(tmpdir(), 'yq-pgen-')), 'gen.db')}` : newDatabase();
  for (const db of [a, b]) assert.equal(cli(['gen', '--db', db, ...args]).code, 0);
  const snap = async (db) => {
    const s = await startServer({ db });
    try {
      const c = new Client(s.base);
      assert.equal((await c.login('gen002-admin', 'Gen-Passw0rd-2026')).status, 200);
      const ps = (await all(c, '/api/projects?sort=sign_date')).sort((p, q) => p.id - q.id);
      const inv = [];
      for (const p of ps.filter((_, i) => i % 10 === 0)) inv.push(await get(c, `/api/projects/${p.id}/invest?year=2025`));
      return { ps, inv, board: await get(c, '/api/projects/leaderboard?week=2026-W30') };
    } finally { await s.stop(); }
  };
  const x = await snap(a), y = await snap(b);
  // zone 2 is smaller than zone 1 (长春经开区, the province's strongest): 30–80% of its projects
  assert.ok(x.ps.length >= 36 && x.ps.length <= 96, `${x.ps.length} projects`);
  assert.deepEqual(y, x);
});
