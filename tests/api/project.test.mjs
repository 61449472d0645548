// 招商引资 and 项目建设 (src/project/), on the demo's 海门 zone: a 招商分局 registers a lead and
// works it to 签约 with its evidence; the stage machine refuses moves back, skips it may not make
// and moves without evidence (409 naming the stage, 400 naming the field); the scope holds — a
// 分局 sees its own projects, the 招商局 its subtree, the 项目办 all of the zone, an enterprise
// only its own, another zone none.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, cli, newDatabase, uscc, newUser, demoDatabase, DEMO_PW } from './lib.mjs';

const PW = DEMO_PW;
const NAMES = {
  admin: 'hmetdz-admin', leader: 'hmetdz-leader', bureau: 'hmetdz-zhaoshang', branch: 'hmetdz-zsfj1',
  office: 'hmetdz-xiangmu', svc: 'hmetdz-fuwu', ent: 'hmetdz-qiye', other_ent: 'hmetdz-huatong',
  zone2: 'ccetdz-admin', zone2_office: 'ccetdz-xiangmu', province: 'province-viewer',
};
let srv;
const as = {}, me = {};
const depts = {};

before(async () => {
  const db = demoDatabase();
  srv = await startServer({ db });
  for (const [k, u] of Object.entries(NAMES)) {
    as[k] = new Client(srv.base);
    const r = await as[k].login(u, PW);
    assert.equal(r.status, 200, `${u}: ${r.body}`);
    me[k] = r.json.user;
  }
  const r = await as.admin.get('/api/depts');
  assert.equal(r.status, 200, r.body);
  for (const x of r.json.items) depts[x.name] = x.id;
});
after(async () => { await srv?.stop(); });

let seq = 0;
async function lead(c = as.branch, extra = {}) {
  const r = await c.post('/api/projects', {
    name: `新中联智能装备项目${++seq}`, investor: '新中联控股（新加坡）有限公司', investor_origin: 'foreign',
    investor_region: '新加坡', investor_type: 'foreign', industry_code: '3491', currency: 'USD',
    total_investment: 20000, fx_rate: 7.1, land_mu: 120, source: 'cloud', level: 'city',
    plan_sign_date: '2020-05-20', plan_start_date: '2020-09-01', ...extra,
  });
  assert.equal(r.status, 201, r.body);
  return r.json;
}
async function attach(c, id, name = '合同扫描件.pdf') {
  const r = await c.upload(`/api/projects/${id}/attachments`, name, '%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n', 'application/pdf');
  assert.equal(r.status, 201, r.body);
  return r.json.id;
}

test('a bureau registers a lead: numbered, in its department, the amount in 万元 at the rate, on the timeline', async () => {
  const p = await lead();
  assert.match(p.no, /^XM\d{4}-\d{4}$/);
  assert.equal(p.stage, 'lead');
  assert.equal(p.dept_id, me.branch.dept_id);
  assert.equal(p.amount_wan, 142000);
  assert.equal(p.colour, '', 'a lead is not under dispatch');
  assert.deepEqual(p.timeline.map((x) => x.action), ['create']);
  // a project in US dollars needs the rate; the name is required; unknown codes name the field
  for (const [body, field] of [
    [{ name: 'x', currency: 'USD', total_investment: 1 }, 'fx_rate'],
    [{ investor: 'x' }, 'name'],
    [{ name: 'x', source: 'weibo' }, 'source'],
    [{ name: 'x', industry_code: '9999' }, 'industry_code'],
    [{ name: 'x', plan_start_date: '2021-02-29' }, 'plan_start_date'],
    [{ name: 'x', stage: 'signed' }, 'stage'],
    [{ name: 'x', dept_id: 999999 }, 'dept_id'],
  ]) {
    const r = await as.branch.post('/api/projects', body);
    assert.equal(r.status, 400, `${JSON.stringify(body)}: ${r.body}`);
    assert.equal(r.json.error.field, field, r.body);
    assert.match(r.json.error.message, /[\u4e00-\u9fa5]/);
  }
});

test('the stage machine: forward with evidence, 409 naming the stage otherwise', async () => {
  const p = await lead();
  const move = (body) => as.branch.post(`/api/projects/${p.id}/move`, body);
  // 签约 needs the contract number and its scan
  let r = await move({ to: 'signed', date: '2020-05-22' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'contract_no');
  r = await move({ to: 'signed', date: '2020-05-22', contract_no: 'HMKF-2020-031' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'attachment_id');
  const scan = await attach(as.branch, p.id);
  r = await move({ to: 'signed', date: '2999-01-01', contract_no: 'HMKF-2020-031', attachment_id: scan });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'date');
  r = await move({ to: 'signed', date: '2020-05-22', contract_no: 'HMKF-2020-031', attachment_id: scan });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.stage, 'signed');
  assert.equal(r.json.sign_date, '2020-05-22');
  assert.equal(r.json.contract_no, 'HMKF-2020-031');
  assert.deepEqual(r.json.timeline.map((x) => [x.action, x.from_status, x.to_status]),
    [['create', null, 'lead'], ['attach', 'lead', 'lead'], ['move', 'lead', 'signed']]);
  // back is refused, naming the stages
  r = await move({ to: 'negotiating', date: '2020-05-23' });
  assert.equal(r.status, 409);
  assert.equal(r.json.error.message, '项目已签约，不能退回在谈');
  // 120 亩 of new land: 供地 cannot be skipped on the way to 开工
  r = await move({ to: 'started', date: '2020-09-01', start_permit_no: '320684202009010101' });
  assert.equal(r.status, 409);
  assert.equal(r.json.error.message, '项目处于签约阶段，需先注册');
  // 注册 needs a USCC of the registry
  r = await move({ to: 'registered', date: '2020-06-10', uscc: uscc('91320684', 77) });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'uscc');
  const ent = await as.admin.get(`/api/enterprises/${me.ent.enterprise_id}`);
  r = await move({ to: 'registered', date: '2020-06-10', uscc: ent.json.uscc });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.enterprise_id, me.ent.enterprise_id);
  // a scan of another project is not this one's evidence
  const other = await lead();
  const foreign = await attach(as.branch, other.id);
  r = await as.branch.post(`/api/projects/${other.id}/move`, { to: 'signed', date: '2020-05-22', contract_no: 'X-1', attachment_id: scan });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'attachment_id');
  assert.ok(foreign > 0);
  // 终止 needs a reason; a dropped project moves no more
  r = await as.branch.post(`/api/projects/${other.id}/move`, { to: 'dropped', date: '2020-06-01' });
  assert.equal(r.json.error.field, 'reason');
  r = await as.branch.post(`/api/projects/${other.id}/move`, { to: 'dropped', date: '2020-06-01', reason: '投资方资金链紧张' });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.dropped_from, 'lead');
  r = await as.branch.post(`/api/projects/${other.id}/move`, { to: 'negotiating', date: '2020-06-02' });
  assert.equal(r.status, 409);
  assert.equal(r.json.error.message, '项目已终止，不能再变更阶段');
});

test('scope: a 分局 its own, the 招商局 its subtree, the 项目办 the zone, an enterprise its own, another zone none', async () => {
  const mine = await lead(as.branch);
  const hq = await lead(as.bureau);
  const ids = async (c) => (await c.get('/api/projects?page_size=200')).json.items.map((x) => x.id);
  const branch = await ids(as.branch), bureau = await ids(as.bureau), office = await ids(as.office);
  assert.ok(branch.includes(mine.id) && !branch.includes(hq.id));
  assert.ok(bureau.includes(mine.id) && bureau.includes(hq.id));
  assert.ok(office.includes(mine.id) && office.includes(hq.id));
  assert.equal((await as.branch.get(`/api/projects/${hq.id}`)).status, 404);
  assert.equal((await as.branch.patch(`/api/projects/${hq.id}`, { name: '改名' })).status, 404);
  // a 分局 cannot hand its project to another bureau, nor register one for it
  let r = await as.branch.patch(`/api/projects/${mine.id}`, { dept_id: depts['招商二分局'] });
  assert.equal(r.status, 403, r.body);
  r = await as.branch.post('/api/projects', { name: '别局项目', dept_id: depts['招商二分局'] });
  assert.equal(r.status, 403, r.body);
  // the enterprise reads the project registered to it, without internal fields; not others
  const ent = await as.admin.get(`/api/enterprises/${me.ent.enterprise_id}`);
  const scan = await attach(as.branch, mine.id);
  r = await as.branch.post(`/api/projects/${mine.id}/move`, { to: 'signed', date: '2020-05-22', contract_no: 'C-9', attachment_id: scan });
  assert.equal(r.status, 200, r.body);
  r = await as.branch.post(`/api/projects/${mine.id}/move`, { to: 'registered', date: '2020-06-01', uscc: ent.json.uscc });
  assert.equal(r.status, 200, r.body);
  const seen = await as.ent.get(`/api/projects/${mine.id}`);
  assert.equal(seen.status, 200, seen.body);
  assert.equal(seen.json.owner_user_id, undefined);
  assert.equal(seen.json.notes, undefined);
  assert.equal(seen.json.contract_no, undefined);
  assert.equal((await as.other_ent.get(`/api/projects/${mine.id}`)).status, 404);
  assert.ok((await ids(as.ent)).every((id) => id !== hq.id));
  // the enterprise and the service center write nothing here; another zone sees nothing
  assert.equal((await as.ent.post('/api/projects', { name: 'x' })).status, 403);
  assert.equal((await as.svc.post('/api/projects', { name: 'x' })).status, 403);
  assert.equal((await as.zone2.get(`/api/projects/${mine.id}`)).status, 404);
  assert.equal((await as.zone2_office.get(`/api/projects/${mine.id}`)).status, 404);
  assert.ok(!(await ids(as.zone2)).includes(mine.id));
});

test('follow-ups: recorded on the timeline, overdue next steps listed by person, marked done', async () => {
  const p = await lead();
  const add = (body) => as.branch.post(`/api/projects/${p.id}/followups`, body);
  let r = await add({ kind: 'cloud_talk', on_date: '2020-04-10', notes: '云洽谈：确认用地需求' });
  assert.equal(r.status, 201, r.body);
  r = await add({ kind: 'visit', on_date: '2020-04-20', notes: '拜访新加坡总部', next_step: '提交投资协议草案', next_date: '2020-05-01' });
  assert.equal(r.status, 201, r.body);
  const fid = r.json.id;
  for (const [body, field] of [
    [{ kind: 'phone', on_date: '2020-04-20', notes: 'x' }, 'kind'],
    [{ kind: 'visit', on_date: '2020-04-20' }, 'notes'],
    [{ kind: 'visit', on_date: '2020-04-20', notes: 'x', next_step: '再谈' }, 'next_date'],
  ]) {
    r = await add(body);
    assert.equal(r.status, 400, r.body);
    assert.equal(r.json.error.field, field);
  }
  const list = await as.branch.get(`/api/projects/${p.id}/followups`);
  assert.deepEqual(list.json.items.map((x) => x.kind), ['visit', 'cloud_talk']);
  assert.equal(list.json.items[0].user_name, me.branch.display_name);
  assert.ok((await as.branch.get(`/api/projects/${p.id}`)).json.timeline.some((x) => x.action === 'followup'));
  // overdue: the next step's date is past and it is not done
  const overdue = await as.branch.get('/api/projects/followups/overdue');
  const mine = overdue.json.items.find((x) => x.user_id === me.branch.id);
  assert.ok(mine && mine.items.some((x) => x.id === fid && x.next_step === '提交投资协议草案'), overdue.body);
  // another zone marks nothing done; the owner does
  assert.equal((await as.zone2.post(`/api/projects/followups/${fid}/done`, {})).status, 404);
  r = await as.branch.post(`/api/projects/followups/${fid}/done`, {});
  assert.equal(r.status, 204, r.body);
  const after = (await as.branch.get('/api/projects/followups/overdue')).json.items.flatMap((x) => x.items);
  assert.ok(!after.some((x) => x.id === fid));
});

test('investment: the project office plans, the enterprise reports its own month, the month locks', async () => {
  const p = await lead(as.office, { renovation: true, dept_id: depts['项目办'] });
  const scan = await attach(as.office, p.id);
  const ent = await as.admin.get(`/api/enterprises/${me.ent.enterprise_id}`);
  assert.equal((await as.office.post(`/api/projects/${p.id}/move`, { to: 'signed', date: '2026-01-10', contract_no: 'T-1', attachment_id: scan })).status, 200);
  assert.equal((await as.office.post(`/api/projects/${p.id}/move`, { to: 'registered', date: '2026-01-20', uscc: ent.json.uscc })).status, 200);
  const months = Array.from({ length: 12 }, (_, i) => ({ month: `2026-${String(i + 1).padStart(2, '0')}`, planned: 500 }));
  let r = await as.branch.put(`/api/projects/${p.id}/invest`, { year: 2026, months });
  assert.equal(r.status, 403, 'a bureau does not plan');
  r = await as.office.put(`/api/projects/${p.id}/invest`, { year: 2026, months });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.planned_total, 6000);
  for (const [body, field] of [
    [{ year: 2026, months: [{ month: '2025-12', planned: 1 }] }, 'months'],
    [{ year: 2026, months: [{ month: '2026-01', planned: -1 }] }, 'planned'],
    [{ year: 2026, months: [{ month: '2026-01', planned: 1 }, { month: '2026-01', planned: 2 }] }, 'months'],
  ]) {
    r = await as.office.put(`/api/projects/${p.id}/invest`, body);
    assert.equal(r.status, 400, r.body);
    assert.equal(r.json.error.field, field);
  }
  // the enterprise reports this month; an earlier month is locked; a month to come is refused
  const now = new Date(Date.now() + 8 * 3600e3);
  const month = now.toISOString().slice(0, 7);
  r = await as.ent.put(`/api/projects/${p.id}/invest/${month}`, { actual: 480, funds: 200 });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.months.find((x) => x.month === month).actual, 480);
  r = await as.ent.put(`/api/projects/${p.id}/invest/2026-01`, { actual: 1 });
  assert.equal(r.status, 409, r.body);
  assert.match(r.json.error.message, /2026-01 的投资已于 2026-02-10 截止填报/);
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString().slice(0, 7);
  r = await as.ent.put(`/api/projects/${p.id}/invest/${next}`, { actual: 1 });
  assert.equal(r.status, 400, r.body);
  assert.equal(r.json.error.field, 'month');
  r = await as.ent.put(`/api/projects/${p.id}/invest/2026-1`, { actual: 1 });
  assert.equal(r.status, 400);
  // the admin corrects a locked month; a bureau reports nothing; another enterprise sees nothing
  assert.equal((await as.admin.put(`/api/projects/${p.id}/invest/2026-01`, { actual: 300 })).status, 200);
  assert.equal((await as.branch.put(`/api/projects/${p.id}/invest/${month}`, { actual: 1 })).status, 404);
  // 招商局 serves the enterprise (its responsible department): it reads the project, reports nothing
  assert.equal((await as.bureau.put(`/api/projects/${p.id}/invest/${month}`, { actual: 1 })).status, 403);
  assert.equal((await as.other_ent.put(`/api/projects/${p.id}/invest/${month}`, { actual: 1 })).status, 404);
  const tl = (await as.ent.get(`/api/projects/${p.id}`)).json.timeline;
  assert.ok(tl.some((x) => x.action === 'invest' && x.body.includes('480')));
});

test('problems: raised by the project office, answered by the department, closed (销号), reopened, 督办', async () => {
  const p = await lead(as.office, { dept_id: depts['项目办'] });
  const plan = depts['规划建设局'];
  const planner = await newUser(srv, as.admin, 'hm-guihua', 'staff', { dept_id: plan }, PW);
  const raise = (c, body) => c.post(`/api/projects/${p.id}/problems`, { title: '用地指标未落实', category: 'land', dept_id: plan, days: 5, ...body });
  assert.equal((await raise(as.branch)).status, 403, 'a bureau does not raise problems');
  let r = await raise(as.office, { category: 'weather' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'category');
  r = await raise(as.office, { dept_id: 999999 });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'dept_id');
  r = await raise(as.office);
  assert.equal(r.status, 201, r.body);
  const q = r.json;
  assert.match(q.no, /^WT\d{4}-\d{4}$/);
  assert.equal(q.status, 'open');
  assert.ok(q.due_at > q.created_at);
  assert.equal(q.project_name, p.name);
  // the department is notified and sees it on its board; the enterprise and the other zone do not
  const notes = (await planner.get('/api/notifications')).json.items;
  assert.ok(notes.some((n) => n.title.includes('用地指标未落实')), JSON.stringify(notes));
  assert.ok((await planner.get('/api/projects/problems')).json.items.some((x) => x.id === q.id));
  assert.equal((await planner.get(`/api/projects/problems/${q.id}`)).status, 200);
  assert.equal((await as.ent.get(`/api/projects/problems/${q.id}`)).status, 404);
  assert.equal((await as.zone2.get(`/api/projects/problems/${q.id}`)).status, 404);
  // answered by the department, not by the service center; closed by the project office only
  // the service center reads the zone, but answers for no department
  assert.equal((await as.svc.post(`/api/projects/problems/${q.id}/answer`, { reply: 'x' })).status, 403);
  r = await planner.post(`/api/projects/problems/${q.id}/answer`, { reply: '已协调调剂用地指标 120 亩' });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.status, 'answered');
  r = await planner.post(`/api/projects/problems/${q.id}/answer`, { reply: '再答' });
  assert.equal(r.status, 409);
  assert.equal((await planner.post(`/api/projects/problems/${q.id}/close`, { note: 'x' })).status, 403);
  r = await as.office.post(`/api/projects/problems/${q.id}/close`, { note: '现场核实已落实，销号' });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.status, 'closed');
  r = await as.office.post(`/api/projects/problems/${q.id}/close`, { note: '再次销号' });
  assert.equal(r.status, 409);
  assert.equal(r.json.error.message, '问题已销号');
  // reopened with a fresh deadline; the leader escalates it; closing settles the 督办
  r = await as.office.post(`/api/projects/problems/${q.id}/reopen`, { note: '指标被收回' });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.status, 'open');
  r = await as.leader.post(`/api/projects/problems/${q.id}/escalate`, { level: 'red', note: '限期解决', deadline: '2026-12-31' });
  assert.equal(r.status, 200, r.body);
  assert.deepEqual([r.json.escalation.state, r.json.escalation.level], ['active', 'red']);
  assert.equal((await as.office.post(`/api/projects/problems/${q.id}/escalate`, { level: 'red', note: 'x' })).status, 403);
  r = await as.office.post(`/api/projects/problems/${q.id}/close`, { note: '已解决' });
  assert.equal(r.json.escalation.state, 'settled');
  assert.deepEqual(r.json.timeline.map((x) => x.action), ['create', 'answer', 'close', 'reopen', 'escalate', 'close']);
  // the list filters by status and department
  const closed = await as.office.get(`/api/projects/problems?status=closed&dept_id=${plan}`);
  assert.ok(closed.json.items.some((x) => x.id === q.id));
  assert.equal((await as.office.get('/api/projects/problems?status=done')).status, 400);
  assert.equal((await as.office.get(`/api/projects/${p.id}`)).json.open_problems, 0);
});

test('会审: bureaus bring projects, each gets a decision on its timeline, the meeting closes with minutes', async () => {
  const a = await lead(as.branch), b = await lead(as.bureau);
  let r = await as.branch.post('/api/projects/reviews', { on_date: '2020-05-08', title: '第19周招商会审' });
  assert.equal(r.status, 201, r.body);
  const rv = r.json;
  assert.equal((await as.svc.post('/api/projects/reviews', { on_date: '2020-05-08', title: 'x' })).status, 403);
  assert.equal((await as.branch.post(`/api/projects/reviews/${rv.id}/items`, { project_id: a.id })).status, 200);
  // a 分局 cannot bring another bureau's project; the 招商局 can; twice is refused
  assert.equal((await as.branch.post(`/api/projects/reviews/${rv.id}/items`, { project_id: b.id })).status, 404);
  assert.equal((await as.bureau.post(`/api/projects/reviews/${rv.id}/items`, { project_id: b.id })).status, 200);
  r = await as.bureau.post(`/api/projects/reviews/${rv.id}/items`, { project_id: b.id });
  assert.equal(r.status, 409, r.body);
  r = await as.bureau.post(`/api/projects/reviews/${rv.id}/close`, { minutes: '纪要' });
  assert.equal(r.status, 409);
  assert.equal(r.json.error.message, '还有 2 个项目未作会审决定');
  r = await as.bureau.post(`/api/projects/reviews/${rv.id}/decide`, { project_id: a.id, decision: 'approve' });
  assert.equal(r.json.error.field, 'decision');
  assert.equal((await as.bureau.post(`/api/projects/reviews/${rv.id}/decide`, { project_id: a.id, decision: 'advance', note: '尽快签约' })).status, 200);
  assert.equal((await as.bureau.post(`/api/projects/reviews/${rv.id}/decide`, { project_id: b.id, decision: 'supplement' })).status, 200);
  r = await as.bureau.post(`/api/projects/reviews/${rv.id}/close`, { minutes: '两个项目上会，一推进一补充材料。' });
  assert.equal(r.status, 200, r.body);
  assert.deepEqual([r.json.status, r.json.items.length, r.json.projects, r.json.decided], ['closed', 2, 2, 2]);
  assert.deepEqual(r.json.items.map((x) => x.decision), ['advance', 'supplement']);
  const tl = (await as.branch.get(`/api/projects/${a.id}`)).json.timeline;
  assert.ok(tl.some((x) => x.action === 'review' && x.body === '2020-05-08 会审决定：推进。尽快签约'), JSON.stringify(tl));
  assert.equal((await as.bureau.post(`/api/projects/reviews/${rv.id}/items`, { project_id: a.id })).status, 409);
  // enterprises and other zones see no meeting
  assert.equal((await as.ent.get(`/api/projects/reviews/${rv.id}`)).status, 404);
  assert.deepEqual((await as.ent.get('/api/projects/reviews')).json.items, []);
  assert.equal((await as.zone2.get(`/api/projects/reviews/${rv.id}`)).status, 404);
});

test('permits and site checks: the zone list, working days taken, 拿地即开工; checks on the timeline', async () => {
  const p = await lead(as.office, { dept_id: depts['项目办'] });
  let r = await as.office.get(`/api/projects/${p.id}/permits`);
  assert.equal(r.status, 200, r.body);
  assert.ok(r.json.items.length >= 4);
  assert.ok(r.json.items.every((x) => x.status === 'none'));
  r = await as.office.put(`/api/projects/${p.id}/permits`, { permit: '施工许可证', applied_date: '2026-03-02', approved_date: '2026-03-06', permit_no: 'SG320684' });
  assert.equal(r.status, 200, r.body);
  const sg = r.json.items.find((x) => x.permit === '施工许可证');
  assert.deepEqual([sg.status, sg.workdays], ['approved', 4]);
  for (const [body, field] of [
    [{ permit: '卫星发射许可', applied_date: '2026-03-02' }, 'permit'],
    [{ permit: '施工许可证', applied_date: '2026-03-06', approved_date: '2026-03-02' }, 'approved_date'],
    [{ permit: '施工许可证', applied_date: '2026-02-30' }, 'applied_date'],
  ]) {
    r = await as.office.put(`/api/projects/${p.id}/permits`, body);
    assert.equal(r.status, 400, r.body);
    assert.equal(r.json.error.field, field);
  }
  assert.equal((await as.branch.put(`/api/projects/${p.id}/permits`, { permit: '施工许可证' })).status, 403);
  r = await as.office.post(`/api/projects/${p.id}/checks`, { on_date: '2026-03-10', checker: '黄志明', progress: 35, notes: '主体结构施工', problems: '临时用电未接通' });
  assert.equal(r.status, 201, r.body);
  r = await as.office.post(`/api/projects/${p.id}/checks`, { on_date: '2026-03-10', checker: '黄志明', progress: 135 });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'progress');
  const checks = (await as.office.get(`/api/projects/${p.id}/checks`)).json.items;
  assert.deepEqual(checks.map((x) => x.progress), [35]);
  assert.deepEqual(checks[0].photos, []);
  // photos: images the project holds, each once, at most nine
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
  const photo = async (c, id, name) => {
    const u = await c.upload(`/api/projects/${id}/attachments`, name, png, 'image/png');
    assert.equal(u.status, 201, u.body);
    return u.json.id;
  };
  const ph1 = await photo(as.office, p.id, '基坑.png');
  const ph2 = await photo(as.office, p.id, '塔吊.png');
  const pdf = await attach(as.office, p.id);
  const other = await lead(as.office, { dept_id: depts['项目办'] });
  const foreign = await photo(as.office, other.id, '别的项目.png');
  for (const [ids, msg] of [[[pdf], '图片'], [[foreign], '该项目'], [[ph1, ph1], '重复'],
    [Array(10).fill(ph1), '9'], ['x', '列表'], [[0], '列表']]) {
    r = await as.office.post(`/api/projects/${p.id}/checks`, { on_date: '2026-03-11', checker: '黄志明', photo_ids: ids });
    assert.equal(r.status, 400, r.body);
    assert.equal(r.json.error.field, 'photo_ids');
    assert.ok(r.json.error.message.includes(msg), r.json.error.message);
  }
  r = await as.office.post(`/api/projects/${p.id}/checks`, { on_date: '2026-03-12', checker: '黄志明', progress: 40, photo_ids: [ph2, ph1] });
  assert.equal(r.status, 201, r.body);
  let listed = (await as.office.get(`/api/projects/${p.id}/checks`)).json.items;
  assert.deepEqual(listed.map((x) => x.photos.map((f) => f.name)), [['基坑.png', '塔吊.png'], []],
    'no photo linked by a refused check');
  assert.equal(listed[0].photos[0].content_type, 'image/png');
  // a project holds more files than a request (10): its contract, permits and site photos
  for (let i = 0; i < 9; i++) await photo(as.office, p.id, `第${i}张.png`);
  assert.ok((await as.office.get(`/api/projects/${p.id}/attachments`)).json.items.length > 10);
  // a deleted photo leaves the check
  assert.equal((await as.office.del(`/api/projects/${p.id}/attachments/${ph1}`)).status, 204);
  listed = (await as.office.get(`/api/projects/${p.id}/checks`)).json.items;
  assert.deepEqual(listed[0].photos.map((f) => f.id), [ph2]);
  const tl = (await as.office.get(`/api/projects/${p.id}`)).json.timeline;
  assert.ok(tl.some((x) => x.action === 'check' && x.body.includes('临时用电未接通')));
  assert.ok(tl.some((x) => x.action === 'check' && x.body.includes('现场照片 2 张')));
  assert.ok(tl.some((x) => x.action === 'permit' && x.body.includes('施工许可证')));
});

test('the list filters: each declared, checked and naming the parameter', async () => {
  const p = await lead(as.branch, { level: 'province', special_team: true });
  const ids = async (q) => {
    const r = await as.branch.get(`/api/projects?${q}&page_size=200`);
    assert.equal(r.status, 200, r.body);
    return r.json.items.map((x) => x.id);
  };
  assert.ok((await ids('level=province')).includes(p.id));
  assert.ok(!(await ids('level=city')).includes(p.id));
  assert.ok((await ids('special_team=1')).includes(p.id));
  assert.ok((await ids(`q=${encodeURIComponent(p.name)}`)).includes(p.id));
  assert.ok((await ids('stage=active')).includes(p.id));
  assert.ok(!(await ids('stage=dispatched')).includes(p.id));
  assert.ok(!(await ids('year=2019')).includes(p.id));
  for (const [q, field] of [['colour=blue', 'colour'], ['stage=done', 'stage'], ['year=20x6', 'year'],
    ['year=1066', 'year'], ['sort=name', 'sort'], ['dept_id=-1', 'dept_id'], [`q=${'长'.repeat(101)}`, 'q']]) {
    const r = await as.branch.get(`/api/projects?${encodeURI(q)}`);
    assert.equal(r.status, 400, `${q}: ${r.body}`);
    assert.equal(r.json.error.field, field, q);
  }
  // the API reference lists them
  const spec = (await as.admin.get('/api/openapi.json')).json;
  const params = spec.paths['/api/projects'].get.parameters.map((x) => x.name);
  for (const k of ['q', 'stage', 'colour', 'year', 'dept_id', 'special_team', 'sort']) assert.ok(params.includes(k), k);
});
