// 用工 (src/jobs/): on the demo data, an enterprise posts a job demand (the service center is
// told), the service center records hires against it (the enterprise is told) — never beyond what
// remains (409), the demand filled when they reach its count — runs job fairs the enterprises
// join and school partnerships; the figures agree with the hires recorded, and 望城's 12,000
// hires of 2020 come out of its data. An enterprise user reads its own demands, hires and
// partnerships and the zone's fairs, never another enterprise's; another zone sees nothing (404);
// every bad input is a 400 naming its field in Chinese, never a 500.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, cli, newDatabase, readCsv, demoDatabase, DEMO_PW } from './lib.mjs';

const PW = DEMO_PW;
const NAMES = {
  admin: 'ccetdz-admin', svc: 'ccetdz-fuwu', leader: 'ccetdz-leader', head: 'ccetdz-jingfa',
  ent: 'ccetdz-qiye', weipai: 'ccetdz-weipai', province: 'province-viewer',
  zone2_admin: 'hmetdz-admin', zone2_ent: 'hmetdz-qiye', wc_admin: 'wcetdz-admin', wc_ent: 'wcetdz-qiye',
};
let srv;
const as = {}, me = {};

before(async () => {
  const db = demoDatabase();
  srv = await startServer({ db, env: { YUANQU_MAINTENANCE_SECONDS: '3600' } });
  for (const [k, u] of Object.entries(NAMES)) {
    as[k] = new Client(srv.base);
    const r = await as[k].login(u, PW);
    assert.equal(r.status, 200, `${u}: ${r.body}`);
    me[k] = r.json.user;
  }
});
after(async () => { await srv?.stop(); });

const day = (n) => new Date(Date.now() + 8 * 3600e3 + n * 86400e3).toISOString().slice(0, 10);
const year = Number(day(0).slice(0, 4));
let seq = 0;
const demandBody = (extra = {}) => ({ title: `测试岗位${++seq}`, headcount: 50, pay_min: 4500, pay_max: 6500, skills: '能适应倒班', education: 'high', location: '长春经开区', deadline: day(60), contact: '张经理 13800000000', ...extra });
async function post(c, path, body, status = 201) {
  const r = await c.post(path, body);
  assert.equal(r.status, status, `${path}: ${r.body}`);
  return r.json;
}
async function all(c, path) {
  const items = [];
  for (let page = 1; ; page++) {
    const r = await c.get(`${path}${path.includes('?') ? '&' : '?'}page=${page}&page_size=200`);
    assert.equal(r.status, 200, r.body);
    items.push(...r.json.items);
    if (items.length >= r.json.total || r.json.items.length === 0) return items;
  }
}
const fieldError = (r, status, field, re) => {
  assert.equal(r.status, status, r.body);
  assert.equal(r.json.error.field, field, r.body);
  assert.match(r.json.error.message, re);
};

test('who may do what: enterprises post and join, the service center records, leaders read the figures, the province and strangers nothing', async () => {
  await post(as.ent, '/api/jobs/demands', demandBody());
  await post(as.svc, '/api/jobs/demands', demandBody({ enterprise_id: me.weipai.enterprise_id }));
  await post(as.svc, '/api/jobs/fairs', { title: '权限测试招聘会', fair_date: day(10) });
  for (const k of ['leader', 'head', 'ent', 'province']) {
    assert.equal((await as[k].post('/api/jobs/fairs', { title: '越权招聘会', fair_date: day(10) })).status, 403, k);
    assert.equal((await as[k].post('/api/jobs/partnerships', { enterprise_id: me.ent.enterprise_id, school: '某校', major: '某专业', year, planned: 1 })).status, 403, k);
  }
  for (const k of ['leader', 'head', 'province']) assert.equal((await as[k].post('/api/jobs/demands', demandBody({ enterprise_id: me.ent.enterprise_id }))).status, 403, k);
  assert.equal((await as.ent.post('/api/jobs/hires', { demand_id: 1, headcount: 1, hired_on: day(0), channel: 'other' })).status, 403);
  for (const k of ['leader', 'head', 'ent', 'svc']) assert.equal((await as[k].get('/api/jobs/demands')).status, 200, k);
  for (const k of ['leader', 'head', 'svc', 'admin']) assert.equal((await as[k].get('/api/jobs/summary')).status, 200, k);
  assert.equal((await as.ent.get('/api/jobs/summary')).status, 403);
  assert.equal((await as.province.get('/api/jobs/demands')).status, 403);
  assert.equal((await new Client(srv.base).get('/api/jobs/demands')).status, 401);
});

test('an enterprise posts a demand for itself, the service center is told; bad input is a 400 naming the field', async () => {
  const d = await post(as.ent, '/api/jobs/demands', demandBody({ enterprise_id: me.weipai.enterprise_id, notes: '企业自填备注' }));
  assert.equal(d.enterprise_id, me.ent.enterprise_id, 'its own enterprise whatever it names');
  assert.equal(d.status, 'open');
  assert.equal(d.hired, 0);
  assert.equal(d.remaining, 50);
  assert.equal(d.posted_on, day(0));
  assert.equal(d.notes, undefined, 'notes are the zone\'s');
  const notes = (await as.svc.get('/api/notifications?page_size=50')).json.items.filter((n) => n.job_demand_id === d.id);
  assert.equal(notes.length, 1, 'the service center is told');
  assert.match(notes[0].title, /新用工需求/);
  fieldError(await as.ent.post('/api/jobs/demands', demandBody({ pay_min: 8000, pay_max: 5000 })), 400, 'pay_max', /最高月薪不能低于最低月薪/);
  fieldError(await as.ent.post('/api/jobs/demands', demandBody({ deadline: day(-1) })), 400, 'deadline', /截止日期不能早于今天/);
  fieldError(await as.ent.post('/api/jobs/demands', demandBody({ title: '' })), 400, 'title', /岗位名称/);
  fieldError(await as.ent.post('/api/jobs/demands', demandBody({ headcount: 0 })), 400, 'headcount', /招聘人数/);
  fieldError(await as.ent.post('/api/jobs/demands', demandBody({ education: 'phd' })), 400, 'education', /学历/);
  fieldError(await as.ent.post('/api/jobs/demands', demandBody({ deadline: '2026-02-30' })), 400, 'deadline', /截止日期/);
  fieldError(await as.svc.post('/api/jobs/demands', demandBody()), 400, 'enterprise_id', /请选择企业/);
  fieldError(await as.svc.post('/api/jobs/demands', demandBody({ enterprise_id: me.zone2_ent.enterprise_id })), 400, 'enterprise_id', /企业不存在/);
  const bad = await as.ent.post('/api/jobs/demands', '{"title":');
  assert.equal(bad.status, 400);
  // its own list and a staff member's
  assert.ok((await all(as.ent, '/api/jobs/demands')).every((x) => x.enterprise_id === me.ent.enterprise_id));
  assert.ok((await all(as.svc, '/api/jobs/demands')).some((x) => x.id === d.id));
});

test('hires go against an open demand, never beyond what remains; it is filled when they reach its count; the enterprise is told', async () => {
  const d = await post(as.ent, '/api/jobs/demands', demandBody({ headcount: 50 }));
  const h = await post(as.svc, '/api/jobs/hires', { demand_id: d.id, headcount: 30, hired_on: day(0), channel: 'referral', notes: '内部登记备注' });
  assert.equal(h.enterprise_id, me.ent.enterprise_id);
  assert.equal(h.demand_title, d.title);
  let x = (await as.ent.get(`/api/jobs/demands/${d.id}`)).json;
  assert.equal(x.hired, 30);
  assert.equal(x.remaining, 20);
  assert.equal(x.status, 'open');
  const told = (await as.ent.get('/api/notifications?page_size=50')).json.items.filter((n) => n.job_demand_id === d.id);
  assert.equal(told.length, 1, 'the enterprise is told');
  // beyond what remains: 409, nothing written
  const over = await as.svc.post('/api/jobs/hires', { demand_id: d.id, headcount: 21, hired_on: day(0), channel: 'online' });
  fieldError(over, 409, 'headcount', /超过该需求剩余的招聘人数/);
  // the channel's reference
  fieldError(await as.svc.post('/api/jobs/hires', { demand_id: d.id, headcount: 1, hired_on: day(0), channel: 'fair' }), 400, 'fair_id', /招聘会/);
  fieldError(await as.svc.post('/api/jobs/hires', { demand_id: d.id, headcount: 1, hired_on: day(0), channel: 'school' }), 400, 'partnership_id', /合作/);
  fieldError(await as.svc.post('/api/jobs/hires', { demand_id: d.id, headcount: 1, hired_on: day(1), channel: 'other' }), 400, 'hired_on', /不能晚于今天/);
  fieldError(await as.svc.post('/api/jobs/hires', { demand_id: d.id, headcount: 1, hired_on: day(-3), channel: 'other' }), 400, 'hired_on', /早于需求发布日期/);
  fieldError(await as.svc.post('/api/jobs/hires', { demand_id: d.id, headcount: 1, hired_on: day(0), channel: 'mail' }), 400, 'channel', /渠道/);
  fieldError(await as.svc.post('/api/jobs/hires', { demand_id: 99999999, headcount: 1, hired_on: day(0), channel: 'other' }), 400, 'demand_id', /用工需求不存在/);
  // the fair channel: only a fair its enterprise took part in
  const fair = await post(as.svc, '/api/jobs/fairs', { title: '招用测试招聘会', fair_date: day(0), venue: '服务中心' });
  fieldError(await as.svc.post('/api/jobs/hires', { demand_id: d.id, headcount: 5, hired_on: day(0), channel: 'fair', fair_id: fair.id }), 400, 'fair_id', /未参加此招聘会/);
  const joined = await post(as.ent, `/api/jobs/fairs/${fair.id}/join`, {}, 200);
  assert.equal(joined.joined, 1);
  await post(as.svc, '/api/jobs/hires', { demand_id: d.id, headcount: 5, hired_on: day(0), channel: 'fair', fair_id: fair.id });
  // the last 15: filled
  await post(as.svc, '/api/jobs/hires', { demand_id: d.id, headcount: 15, hired_on: day(0), channel: 'online' });
  x = (await as.ent.get(`/api/jobs/demands/${d.id}`)).json;
  assert.equal(x.status, 'filled');
  assert.equal(x.remaining, 0);
  fieldError(await as.svc.post('/api/jobs/hires', { demand_id: d.id, headcount: 1, hired_on: day(0), channel: 'online' }), 409, 'status', /已招满/);
  // its hires as the enterprise reads them: no notes; the fair counts its hires for the staff
  const hires = await all(as.ent, `/api/jobs/hires?demand_id=${d.id}`);
  assert.deepEqual(hires.map((y) => y.headcount).sort((a, b) => a - b), [5, 15, 30]);
  assert.ok(hires.every((y) => y.notes === undefined));
  assert.equal((await as.svc.get(`/api/jobs/fairs/${fair.id}`)).json.hires, 5);
  // having hired at the fair, it cannot leave it
  fieldError(await as.ent.post(`/api/jobs/fairs/${fair.id}/leave`, {}), 409, 'enterprise_id', /不能退出/);
});

test('closing and reopening a demand; edits keep its rules', async () => {
  const d = await post(as.ent, '/api/jobs/demands', demandBody({ headcount: 20 }));
  await post(as.svc, '/api/jobs/hires', { demand_id: d.id, headcount: 8, hired_on: day(0), channel: 'other' });
  fieldError(await as.ent.patch(`/api/jobs/demands/${d.id}`, { headcount: 5 }), 400, 'headcount', /不能少于已招用人数/);
  fieldError(await as.ent.patch(`/api/jobs/demands/${d.id}`, { pay_min: 9000 }), 400, 'pay_max', /最高月薪/);
  const p = await as.ent.patch(`/api/jobs/demands/${d.id}`, { headcount: 25, pay_max: 7000 });
  assert.equal(p.status, 200, p.body);
  assert.equal(p.json.remaining, 17);
  fieldError(await as.ent.post(`/api/jobs/demands/${d.id}/reopen`, {}), 409, 'status', /正在招聘中/);
  let r = await as.ent.post(`/api/jobs/demands/${d.id}/close`, {});
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.status, 'closed');
  fieldError(await as.ent.post(`/api/jobs/demands/${d.id}/close`, {}), 409, 'status', /已关闭/);
  fieldError(await as.svc.post('/api/jobs/hires', { demand_id: d.id, headcount: 1, hired_on: day(0), channel: 'other' }), 409, 'status', /已关闭/);
  fieldError(await as.ent.patch(`/api/jobs/demands/${d.id}`, { title: '改名' }), 409, 'status', /已关闭/);
  r = await as.svc.post(`/api/jobs/demands/${d.id}/reopen`, {});
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.status, 'open');
  // the lists filter by state
  assert.ok((await all(as.ent, '/api/jobs/demands?status=open')).some((x) => x.id === d.id));
  assert.ok(!(await all(as.ent, '/api/jobs/demands?status=closed')).some((x) => x.id === d.id));
  fieldError(await as.ent.get('/api/jobs/demands?status=gone'), 400, 'status', /状态/);
});

test('scope: another enterprise and another zone see nothing of a demand, a hire, a partnership; fairs are the zone\'s', async () => {
  const d = await post(as.ent, '/api/jobs/demands', demandBody());
  const h = await post(as.svc, '/api/jobs/hires', { demand_id: d.id, headcount: 2, hired_on: day(0), channel: 'other' });
  const ps = await post(as.svc, '/api/jobs/partnerships', { enterprise_id: me.ent.enterprise_id, school: '长春汽车工业高等专科学校', major: '汽车制造与试验技术', year, planned: 40, arrived: 12, signed_on: day(-10), notes: '合作内部备注' });
  const fair = await post(as.svc, '/api/jobs/fairs', { title: '范围测试招聘会', fair_date: day(7), mode: 'online' });
  for (const k of ['weipai', 'zone2_admin', 'zone2_ent']) {
    assert.equal((await as[k].get(`/api/jobs/demands/${d.id}`)).status, 404, `${k} demand`);
    assert.equal((await as[k].get(`/api/jobs/hires/${h.id}`)).status, 404, `${k} hire`);
    assert.equal((await as[k].get(`/api/jobs/partnerships/${ps.id}`)).status, 404, `${k} partnership`);
    assert.ok(!(await all(as[k], '/api/jobs/demands')).some((x) => x.id === d.id), `${k} demand list`);
    assert.ok(!(await all(as[k], '/api/jobs/hires')).some((x) => x.id === h.id), `${k} hire list`);
  }
  for (const k of ['zone2_admin', 'zone2_ent']) {
    assert.equal((await as[k].get(`/api/jobs/fairs/${fair.id}`)).status, 404, `${k} fair`);
    assert.equal((await as[k].get(`/api/jobs/fairs/${fair.id}/enterprises`)).status, 404, `${k} fair enterprises`);
    assert.equal((await as[k].post(`/api/jobs/fairs/${fair.id}/join`, {})).status, k === 'zone2_admin' ? 404 : 404);
  }
  assert.equal((await as.zone2_admin.post(`/api/jobs/demands/${d.id}/close`, {})).status, 404);
  assert.equal((await as.weipai.post(`/api/jobs/demands/${d.id}/close`, {})).status, 404);
  assert.equal((await as.zone2_admin.patch(`/api/jobs/partnerships/${ps.id}`, { arrived: 1 })).status, 404);
  fieldError(await as.zone2_admin.post('/api/jobs/hires', { demand_id: d.id, headcount: 1, hired_on: day(0), channel: 'other' }), 400, 'demand_id', /不存在/);
  // the enterprise reads its own partnership, without the zone's notes
  const own = (await as.ent.get(`/api/jobs/partnerships/${ps.id}`)).json;
  assert.equal(own.school, '长春汽车工业高等专科学校');
  assert.equal(own.notes, undefined);
  assert.equal((await as.svc.get(`/api/jobs/partnerships/${ps.id}`)).json.notes, '合作内部备注');
  fieldError(await as.svc.patch(`/api/jobs/partnerships/${ps.id}`, { arrived: 41 }), 400, 'arrived', /不能多于计划人数/);
  // fairs: both enterprises see it; each sees itself only among those taking part
  for (const k of ['ent', 'weipai']) {
    const f = (await as[k].get(`/api/jobs/fairs/${fair.id}`)).json;
    assert.equal(f.joined, 0);
    assert.equal(f.hires, undefined, 'the hires at a fair are the zone\'s');
    await post(as[k], `/api/jobs/fairs/${fair.id}/join`, {}, 200);
  }
  fieldError(await as.ent.post(`/api/jobs/fairs/${fair.id}/join`, {}), 409, 'enterprise_id', /已报名/);
  const mine = (await as.ent.get(`/api/jobs/fairs/${fair.id}/enterprises`)).json.items;
  assert.deepEqual(mine.map((x) => x.enterprise_id), [me.ent.enterprise_id]);
  assert.ok(mine[0].open_demands >= 1);
  const staff = (await as.svc.get(`/api/jobs/fairs/${fair.id}/enterprises`)).json.items;
  assert.deepEqual(staff.map((x) => x.enterprise_id).sort(), [me.ent.enterprise_id, me.weipai.enterprise_id].sort());
  assert.ok((await all(as.ent, '/api/jobs/fairs?joined=1')).some((x) => x.id === fair.id && x.joined === 1));
  // the demands shown at the fair: the enterprise its own, the staff everyone's
  assert.ok((await all(as.ent, `/api/jobs/demands?fair_id=${fair.id}`)).every((x) => x.enterprise_id === me.ent.enterprise_id));
  const atFair = await all(as.svc, `/api/jobs/demands?fair_id=${fair.id}`);
  assert.ok(atFair.some((x) => x.id === d.id));
  assert.ok(atFair.every((x) => [me.ent.enterprise_id, me.weipai.enterprise_id].includes(x.enterprise_id) && x.status === 'open'));
  let r = await as.weipai.post(`/api/jobs/fairs/${fair.id}/leave`, {});
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.joined, 0);
  fieldError(await as.weipai.post(`/api/jobs/fairs/${fair.id}/leave`, {}), 409, 'enterprise_id', /未报名/);
  // the staff join on an enterprise's behalf, naming it; an enterprise cannot join a past fair
  fieldError(await as.svc.post(`/api/jobs/fairs/${fair.id}/join`, {}), 400, 'enterprise_id', /请选择企业/);
  await post(as.svc, `/api/jobs/fairs/${fair.id}/join`, { enterprise_id: me.weipai.enterprise_id }, 200);
  const past = await post(as.svc, '/api/jobs/fairs', { title: '已举办招聘会', fair_date: day(-5) });
  r = await as.ent.post(`/api/jobs/fairs/${past.id}/join`, {});
  assert.equal(r.status, 409, r.body);
  assert.match(r.json.error.message, /已举办/);
  fieldError(await as.svc.post('/api/jobs/fairs', { title: '形式错误', fair_date: day(3), mode: 'tv' }), 400, 'mode', /形式/);
  fieldError(await as.svc.post('/api/jobs/fairs', { title: '日期缺失' }), 400, 'fair_date', /举办日期/);
});

test('the figures agree with the hires recorded: totals, by industry, by channel, by month', async () => {
  const s = (await as.svc.get(`/api/jobs/summary?year=${year}`)).json;
  const hires = await all(as.svc, `/api/jobs/hires?year=${year}`);
  const demands = await all(as.svc, `/api/jobs/demands?year=${year}`);
  assert.ok(hires.length > 0 && demands.length > 0);
  const sum = (xs, f) => xs.reduce((n, x) => n + f(x), 0);
  assert.equal(s.filled, sum(hires, (x) => x.headcount));
  assert.equal(s.demanded, sum(demands, (x) => x.headcount));
  assert.equal(s.demands, demands.length);
  assert.equal(s.fill_rate, Math.round(s.filled * 1000 / s.demanded) / 10);
  assert.equal(sum(s.by_industry, (x) => x.filled), s.filled);
  assert.equal(sum(s.by_industry, (x) => x.demanded), s.demanded);
  assert.ok(s.by_industry.every((x) => x.label && !/^[A-T]$/.test(x.label)), 'industries by their names');
  assert.equal(sum(s.by_channel, (x) => x.filled), s.filled);
  for (const c of s.by_channel) assert.equal(c.filled, sum(hires.filter((x) => x.channel === c.channel), (x) => x.headcount), c.channel);
  assert.equal(s.by_month.length, 12);
  const month = day(0).slice(0, 7);
  assert.equal(s.by_month.find((x) => x.month === month).filled, sum(hires.filter((x) => x.hired_on.startsWith(month)), (x) => x.headcount));
  fieldError(await as.svc.get('/api/jobs/summary?year=20x0'), 400, 'year', /年度/);
  fieldError(await as.svc.get('/api/jobs/summary?year=1999'), 400, 'year', /年度/);
});

test('望城: the 12,000 hires of 2020 come out of its data', async () => {
  const s = (await as.wc_admin.get('/api/jobs/summary?year=2020')).json;
  assert.equal(s.filled, 12000);
  assert.ok(s.demanded > 12000, `${s.demanded} asked for`);
  assert.equal(s.fill_rate, Math.round(12000 * 1000 / s.demanded) / 10);
  assert.equal(s.fairs, 8);
  assert.equal(s.by_channel.reduce((n, x) => n + x.filled, 0), 12000);
  assert.ok(s.by_channel.find((x) => x.channel === 'fair').filled > 6000, 'most at the fairs');
  // after 春节, by the end of June
  for (const m of s.by_month) {
    const n = Number(m.month.slice(5));
    if (n === 1 || n > 6) assert.equal(m.filled, 0, m.month);
    else if (n >= 3) assert.ok(m.filled > 0, m.month);
  }
  const hires = await all(as.wc_admin, '/api/jobs/hires?year=2020');
  assert.equal(hires.reduce((n, x) => n + x.headcount, 0), 12000);
  for (const h of hires) {
    const wd = new Date(`${h.hired_on}T00:00:00Z`).getUTCDay();
    assert.ok(wd >= 1 && wd <= 5, `${h.hired_on} a working day`);
  }
  // its listed enterprise has an open demand and a fair ahead to join
  assert.ok((await all(as.wc_ent, '/api/jobs/demands?status=open')).length >= 1);
  assert.ok((await all(as.wc_ent, '/api/jobs/fairs')).some((f) => f.fair_date > day(0) && f.joined === 0));
});

test('exports: every list as a sheet, an enterprise its own rows without the zone\'s notes', async () => {
  for (const [path, head] of [['demands', '岗位名称'], ['hires', '招用人数'], ['fairs', '招聘会名称'], ['partnerships', '合作院校']]) {
    const r = await as.svc.get(`/api/jobs/${path}/export?format=csv`);
    assert.equal(r.status, 200, r.body);
    assert.equal(r.headers.get('content-type'), 'text/csv; charset=utf-8');
    const rows = readCsv(r.body.replace(/^\uFEFF/, ''));
    assert.ok(rows[0].includes(head), `${path}: ${rows[0]}`);
    assert.equal(rows.length - 1, Number(r.headers.get('x-total-count')));
    const x = await as.svc.get(`/api/jobs/${path}/export`, { raw: true });
    assert.equal(x.status, 200);
    assert.equal(x.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.equal(x.body.subarray(0, 2).toString(), 'PK');
  }
  const mine = await as.ent.get('/api/jobs/demands/export?format=csv');
  const rows = readCsv(mine.body.replace(/^\uFEFF/, ''));
  assert.ok(!rows[0].includes('备注'));
  const name = rows[0].indexOf('企业名称');
  const own = (await as.ent.get(`/api/enterprises/${me.ent.enterprise_id}`)).json.name;
  assert.ok(rows.length > 1 && rows.slice(1).every((x) => x[name] === own));
  assert.equal((await as.svc.get('/api/jobs/demands/export?format=pdf')).status, 400);
});
