// 招商引资 and 项目建设 (src/project/), on the demo's 海门 zone: a 招商分局 registers a lead and
// works it to 签约 with its evidence; the stage machine refuses moves back, skips it may not make
// and moves without evidence (409 naming the stage, 400 naming the field); the scope holds — a
// 分局 sees its own projects, the 招商局 its subtree, the 项目办 all of the zone, an enterprise
// only its own, another zone none.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, cli, newDatabase, uscc } from './lib.mjs';

const PW = 'Project-Passw0rd!2026';
const NAMES = {
  admin: 'hmetdz-admin', leader: 'hmetdz-leader', bureau: 'hmetdz-zhaoshang', branch: 'hmetdz-zsfj1',
  office: 'hmetdz-xiangmu', svc: 'hmetdz-fuwu', ent: 'hmetdz-qiye', other_ent: 'hmetdz-huatong',
  zone2: 'ccetdz-admin', zone2_office: 'ccetdz-xiangmu', province: 'province-viewer',
};
let srv;
const as = {}, me = {};
const depts = {};

before(async () => {
  const db = newDatabase();
  const d = cli(['demo', '--db', db, '--password-stdin'], { input: PW + '\n' });
  assert.equal(d.code, 0, d.stderr);
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
