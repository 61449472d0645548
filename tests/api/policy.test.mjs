// 惠企政策 (src/policy/): on the demo data, the service center writes a policy with its
// conditions, publishes it (it is matched against the zone's enterprises, the eligible ones are
// notified and see it under "my policies"), an eligible enterprise applies with its materials,
// the desk reviews and pays (兑现) it, and the figures agree. An enterprise sees only the
// published policies it is eligible for and its own applications; another zone sees nothing
// (404); every bad input is a 400 naming its field in Chinese, a refused move a 409.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, cli, newDatabase, readCsv, demoDatabase, DEMO_PW, uscc } from './lib.mjs';

const PW = DEMO_PW;
const NAMES = {
  admin: 'ccetdz-admin', svc: 'ccetdz-fuwu', leader: 'ccetdz-leader', head: 'ccetdz-jingfa',
  ent: 'ccetdz-qiye', weipai: 'ccetdz-weipai', province: 'province-viewer',
  zone2_admin: 'hmetdz-admin', zone2_ent: 'hmetdz-qiye',
};
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
let srv, entRec;
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
  entRec = (await as.admin.get(`/api/enterprises/${me.ent.enterprise_id}`)).json;
  assert.ok(entRec.industry_code, 'the demo enterprise has an industry');
});
after(async () => { await srv?.stop(); });

const day = (n) => new Date(Date.now() + 8 * 3600e3 + n * 86400e3).toISOString().slice(0, 10);
let seq = 0;
function body(extra = {}) {
  return {
    title: `测试惠企政策${++seq}`, issuer: '长春经开区管委会', doc_no: `长经开发〔2026〕${seq}号`,
    summary: '对符合条件的企业给予一次性奖励。', benefit: '一次性奖励最高50万元', max_amount: 50,
    apply_from: day(-10), deadline: day(60), materials: ['申报表', '营业执照复印件'], ...extra,
  };
}
async function policy(extra = {}) {
  const r = await as.svc.post('/api/policies', body(extra));
  assert.equal(r.status, 201, r.body);
  return r.json;
}
async function published(extra = {}) {
  const p = await policy(extra);
  const r = await as.svc.post(`/api/policies/${p.id}/publish`, {});
  assert.equal(r.status, 200, r.body);
  return { ...r.json.policy, matched: r.json.matched };
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

test('who may write: the admin and the service center write, others read; enterprises apply', async () => {
  assert.equal((await as.admin.post('/api/policies', body())).status, 201);
  for (const k of ['leader', 'head', 'ent', 'province']) {
    const r = await as[k].post('/api/policies', body());
    assert.equal(r.status, 403, `${k}: ${r.body}`);
  }
  for (const k of ['leader', 'head', 'svc', 'ent']) assert.equal((await as[k].get('/api/policies')).status, 200, k);
  for (const k of ['leader', 'head', 'svc']) assert.equal((await as[k].get('/api/policies/summary')).status, 200, k);
  assert.equal((await as.ent.get('/api/policies/summary')).status, 403);
  assert.equal((await as.province.get('/api/policies')).status, 403);
  const staffMine = await as.svc.get('/api/policies/mine?page_size=200');
  assert.equal(staffMine.status, 200, 'staff read the published ones there');
  assert.ok(staffMine.json.items.every((x) => x.status === 'published'));
  assert.equal((await new Client(srv.base).get('/api/policies')).status, 401);
});

test('bad input is a 400 naming its field in Chinese', async () => {
  const cases = [
    [{ title: '' }, 'title'],
    [{ issuer: undefined }, 'issuer'],
    [{ industries: ['ZZ9'] }, 'industries'],
    [{ industries: 'C' }, 'industries'],
    [{ flags: ['unicorn'] }, 'flags'],
    [{ ent_types: ['state'] }, 'ent_types'],
    [{ materials: [1, 2] }, 'materials'],
    [{ deadline: day(-20) }, 'deadline'],
    [{ min_age: 10, max_age: 3 }, 'max_age'],
    [{ max_amount: -1 }, 'max_amount'],
    [{ apply_from: '2026-02-30' }, 'apply_from'],
  ];
  for (const [extra, field] of cases) {
    const b = body(extra);
    for (const k of Object.keys(extra)) if (extra[k] === undefined) delete b[k];
    const r = await as.svc.post('/api/policies', b);
    assert.equal(r.status, 400, `${field}: ${r.body}`);
    assert.equal(r.json.error.field, field, r.body);
    assert.match(r.json.error.message, /[\u4e00-\u9fff]/);
  }
});

test('publishing matches the zone\'s enterprises, notifies the eligible ones, and they see it', async () => {
  const p = await published({ industries: [entRec.industry_code] });
  assert.equal(p.status, 'published');
  assert.ok(p.matched >= 1, 'the demo enterprise is eligible');
  assert.equal(p.eligible, p.matched);
  const matches = await all(as.svc, `/api/policies/${p.id}/matches`);
  assert.equal(matches.length, p.matched);
  assert.ok(matches.some((m) => m.enterprise_id === me.ent.enterprise_id));
  for (const m of matches) assert.ok(m.industry_code.startsWith(entRec.industry_code), m.industry_code);
  // the enterprise is notified and sees it among its policies, without the zone's figures
  const notes = (await as.ent.get('/api/notifications')).json.items.filter((n) => n.policy_id === p.id);
  assert.equal(notes.length >= 1, true, 'notified');
  const mine = await all(as.ent, '/api/policies/mine');
  const seen = mine.find((x) => x.id === p.id);
  assert.ok(seen, 'in my policies');
  assert.equal(seen.eligible, undefined, 'the figures are the zone\'s');
  assert.equal((await as.ent.get(`/api/policies/${p.id}`)).status, 200);
  assert.equal((await as.ent.get(`/api/policies/${p.id}/matches`)).status, 403);
  // published: no edit, no second publish
  let r = await as.svc.patch(`/api/policies/${p.id}`, { title: '改名' });
  assert.equal(r.status, 409, r.body);
  assert.match(r.json.error.message, /已发布/);
  r = await as.svc.post(`/api/policies/${p.id}/publish`, {});
  assert.equal(r.status, 409);
});

test('an enterprise registered after the publication is matched and told by the server, once', async () => {
  // a server of its own whose maintenance runs every second
  const s2 = await startServer({ db: demoDatabase(), env: { YUANQU_MAINTENANCE_SECONDS: '1' } });
  try {
    const svc = new Client(s2.base), admin = new Client(s2.base);
    assert.equal((await svc.login(NAMES.svc, PW)).status, 200);
    assert.equal((await admin.login(NAMES.admin, PW)).status, 200);
    const building = `政策测试楼${Date.now() % 100000}`;
    let r = await svc.post('/api/policies', body({ buildings: [building] }));
    assert.equal(r.status, 201, r.body);
    const id = r.json.id;
    r = await svc.post(`/api/policies/${id}/publish`, {});
    assert.equal(r.json.matched, 0, 'no enterprise sits in the new building yet');
    const make = async (n, b) => {
      const c = await admin.post('/api/enterprises', { uscc: uscc('91220101PM', n), name: `政策匹配测试${n}有限公司`, industry_code: '3670', building: b });
      assert.equal(c.status, 201, c.body);
      return c.json.id;
    };
    const inside = await make(Date.now() % 1000000, building);
    const outside = await make((Date.now() % 1000000) + 1, '别的楼宇');
    let matches = [];
    for (let i = 0; i < 100 && matches.length === 0; i++) {
      await new Promise((res) => setTimeout(res, 100));
      matches = (await svc.get(`/api/policies/${id}/matches`)).json.items;
    }
    assert.deepEqual(matches.map((m) => m.enterprise_id), [inside], 'the new enterprise in the building, and only it');
    assert.equal((await svc.get(`/api/policies/${id}`)).json.eligible, 1);
    const audit = (await admin.get(`/api/audit?obj_type=policy&obj_id=${id}&page_size=20`)).json.items || [];
    assert.ok(audit.some((a) => a.action === 'rematch'), `the match is in the audit log: ${audit.map((a) => a.action)}`);
    // later periods add nothing twice
    await new Promise((res) => setTimeout(res, 2500));
    assert.equal((await svc.get(`/api/policies/${id}/matches`)).json.items.length, 1);
    assert.ok(outside > 0);
  } finally {
    await s2.stop();
  }
});

test('an enterprise sees no draft and no policy it is not eligible for; other zones see nothing', async () => {
  const draft = await policy();
  assert.equal((await as.ent.get(`/api/policies/${draft.id}`)).status, 404);
  const other = await published({ buildings: ['不存在的测试楼'] });
  assert.equal(other.matched, 0);
  assert.equal((await as.ent.get(`/api/policies/${other.id}`)).status, 404);
  const flagged = await published({ flags: ['little_giant'], ent_types: ['hk_mo_tw'], min_capital: 1e6 });
  assert.equal(flagged.matched, 0);
  const mine = (await all(as.ent, '/api/policies/mine')).map((x) => x.id);
  assert.ok(!mine.includes(draft.id) && !mine.includes(other.id) && !mine.includes(flagged.id));
  const open = await published({ industries: [entRec.industry_code] });
  for (const k of ['zone2_admin', 'zone2_ent']) {
    assert.equal((await as[k].get(`/api/policies/${open.id}`)).status, 404, k);
    assert.ok(!(await all(as[k], '/api/policies')).some((x) => x.id === open.id), k);
  }
  assert.equal((await as.zone2_admin.post(`/api/policies/${draft.id}/publish`, {})).status, 404);
});

test('apply with materials, review, pay: each move is checked, notified and counted', async () => {
  const p = await published({ industries: [entRec.industry_code] });
  // staff do not apply
  let r = await as.svc.post('/api/policies/applications', { policy_id: p.id });
  assert.equal(r.status, 403);
  r = await as.admin.post('/api/policies/applications', { policy_id: p.id });
  assert.equal(r.status, 403, r.body);
  r = await as.ent.post('/api/policies/applications', { policy_id: p.id, amount_requested: 80 });
  assert.equal(r.status, 400, 'above the maximum');
  assert.equal(r.json.error.field, 'amount_requested');
  r = await as.ent.post('/api/policies/applications', { policy_id: p.id, amount_requested: 45, note: '2025年认定' });
  assert.equal(r.status, 201, r.body);
  const a = r.json;
  assert.equal(a.status, 'draft');
  assert.equal(a.enterprise_id, me.ent.enterprise_id);
  assert.equal((await as.ent.post('/api/policies/applications', { policy_id: p.id })).status, 409, 'one at a time');
  // the materials first
  r = await as.ent.post(`/api/policies/applications/${a.id}/submit`, {});
  assert.equal(r.status, 400, r.body);
  assert.match(r.json.error.message, /材料/);
  assert.equal((await as.svc.upload(`/api/policies/applications/${a.id}/attachments`, '申报表.pdf', PDF, 'application/pdf')).status, 403);
  r = await as.ent.upload(`/api/policies/applications/${a.id}/attachments`, '申报表.pdf', PDF, 'application/pdf');
  assert.equal(r.status, 201, r.body);
  assert.equal((await as.ent.patch(`/api/policies/applications/${a.id}`, { amount_requested: 40 })).status, 200);
  const svcNotes0 = (await as.svc.get('/api/notifications')).json.items.filter((n) => n.application_id === a.id).length;
  r = await as.ent.post(`/api/policies/applications/${a.id}/submit`, {});
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.status, 'submitted');
  assert.ok(r.json.submitted_at);
  const svcNotes = (await as.svc.get('/api/notifications')).json.items.filter((n) => n.application_id === a.id);
  assert.equal(svcNotes.length, svcNotes0 + 1, 'the desk is notified');
  // submitted: files and body no longer change; nobody submits twice
  assert.equal((await as.ent.upload(`/api/policies/applications/${a.id}/attachments`, 'x.pdf', PDF, 'application/pdf')).status, 409);
  assert.equal((await as.ent.patch(`/api/policies/applications/${a.id}`, { note: 'x' })).status, 409);
  assert.equal((await as.ent.post(`/api/policies/applications/${a.id}/submit`, {})).status, 409);
  // review: the enterprise may not; approve needs the review first
  assert.equal((await as.ent.post(`/api/policies/applications/${a.id}/accept`, {})).status, 403);
  r = await as.svc.post(`/api/policies/applications/${a.id}/approve`, { amount: 40 });
  assert.equal(r.status, 409, r.body);
  assert.match(r.json.error.message, /等待受理/);
  r = await as.svc.post(`/api/policies/applications/${a.id}/accept`, { note: '材料齐全' });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.status, 'reviewing');
  for (const [b, field] of [[{ amount: 60 }, 'amount'], [{}, 'amount'], [{ amount: 'x' }, 'amount'], [{ amount: 1.234 }, 'amount']]) {
    r = await as.svc.post(`/api/policies/applications/${a.id}/approve`, b);
    assert.equal(r.status, 400, r.body);
    assert.equal(r.json.error.field, field);
  }
  r = await as.svc.post(`/api/policies/applications/${a.id}/approve`, { amount: 40, note: '同意' });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.status, 'approved');
  assert.equal(r.json.approved_amount, 40);
  const entNotes = (await as.ent.get('/api/notifications')).json.items.filter((n) => n.application_id === a.id);
  assert.ok(entNotes.length >= 2, 'the enterprise hears of the review');
  // 兑现: never past the approved amount; paid in full → 已兑现
  r = await as.svc.post(`/api/policies/applications/${a.id}/payments`, { amount: 25, paid_on: day(0) });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.status, 'approved');
  assert.equal(r.json.paid_amount, 25);
  r = await as.svc.post(`/api/policies/applications/${a.id}/payments`, { amount: 20 });
  assert.equal(r.status, 400, r.body);
  assert.match(r.json.error.message, /核定金额/);
  r = await as.svc.post(`/api/policies/applications/${a.id}/payments`, { amount: 15, paid_on: '2026-13-01' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'paid_on');
  r = await as.svc.post(`/api/policies/applications/${a.id}/payments`, { amount: 15 });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.status, 'paid');
  assert.equal(r.json.paid_amount, 40);
  assert.equal((await as.svc.post(`/api/policies/applications/${a.id}/payments`, { amount: 1 })).status, 409);
  const pays = (await as.ent.get(`/api/policies/applications/${a.id}/payments`)).json.items;
  assert.deepEqual(pays.map((x) => x.amount), [25, 15]);
  // the figures
  const pol = (await as.svc.get(`/api/policies/${p.id}`)).json;
  assert.equal(pol.applied, 1);
  assert.equal(pol.approved, 1);
  assert.equal(pol.approved_amount, 40);
  assert.equal(pol.paid_amount, 40);
  const sum = (await as.svc.get('/api/policies/summary')).json;
  const row = sum.by_policy.find((x) => x.policy_id === p.id);
  assert.deepEqual([row.eligible, row.applied, row.approved, row.paid_amount], [p.matched, 1, 1, 40]);
  assert.ok(sum.paid_amount >= 40);
});

test('a rejection needs a reason; the enterprise may apply again; scope of applications', async () => {
  const p = await published({ industries: [entRec.industry_code], materials: [] });
  let r = await as.ent.post('/api/policies/applications', { policy_id: p.id });
  assert.equal(r.status, 201, r.body);
  const a = r.json;
  r = await as.ent.post(`/api/policies/applications/${a.id}/submit`, {});
  assert.equal(r.status, 200, 'no materials asked: no file needed');
  r = await as.svc.post(`/api/policies/applications/${a.id}/reject`, {});
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'reason');
  r = await as.svc.post(`/api/policies/applications/${a.id}/reject`, { reason: '不符合规上条件' });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.status, 'rejected');
  assert.equal(r.json.reject_reason, '不符合规上条件');
  assert.equal((await as.svc.post(`/api/policies/applications/${a.id}/accept`, {})).status, 409);
  r = await as.ent.post('/api/policies/applications', { policy_id: p.id });
  assert.equal(r.status, 201, 'applies again after a rejection');
  // another enterprise of the zone, another zone: not there
  for (const k of ['weipai', 'zone2_admin', 'zone2_ent']) {
    assert.equal((await as[k].get(`/api/policies/applications/${a.id}`)).status, 404, k);
    assert.ok(!(await all(as[k], '/api/policies/applications')).some((x) => x.id === a.id), k);
  }
  assert.equal((await as.zone2_admin.post(`/api/policies/applications/${a.id}/accept`, {})).status, 404);
  const own = await all(as.ent, '/api/policies/applications');
  assert.ok(own.length >= 2 && own.every((x) => x.enterprise_id === me.ent.enterprise_id));
  assert.equal(own[0].review_note, undefined, 'the review note is the zone\'s');
  // not open: closed policies take no application
  r = await as.svc.post(`/api/policies/${p.id}/close`, {});
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.status, 'closed');
  const late = await published({ industries: [entRec.industry_code], apply_from: day(5) });
  r = await as.ent.post('/api/policies/applications', { policy_id: late.id });
  assert.equal(r.status, 409, r.body);
  assert.match(r.json.error.message, /申报期/);
});

test('the lists are exported to Excel and CSV', async () => {
  let r = await as.svc.get('/api/policies/export', { raw: true });
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /spreadsheetml/);
  assert.equal(r.body.subarray(0, 2).toString(), 'PK');
  r = await as.svc.get('/api/policies/export?format=csv');
  assert.equal(r.status, 200);
  const rows = readCsv(r.body.replace(/^\uFEFF/, ''));
  assert.ok(rows[0].includes('政策名称') && rows[0].includes('符合条件企业数'), rows[0].join(','));
  r = await as.svc.get('/api/policies/applications/export?format=csv');
  assert.equal(r.status, 200);
  assert.ok(readCsv(r.body.replace(/^\uFEFF/, ''))[0].includes('企业名称'));
  r = await as.ent.get('/api/policies/applications/export?format=csv');
  assert.equal(r.status, 200);
  const ent = readCsv(r.body.replace(/^\uFEFF/, ''));
  const name = ent[0].indexOf('企业名称');
  for (const line of ent.slice(1).filter((l) => l.length > 1)) assert.equal(line[name], entRec.name);
  assert.equal((await as.svc.get('/api/policies/export?format=pdf')).status, 400);
});
