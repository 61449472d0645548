// What an enterprise is shown (issue 10 item 11): one rule (src/access/disclose.c) for every
// output. A request carries every kind of internal text (an internal note, extension reasons and
// the decision's comment, a leader's escalation note, a department's reason for returning it) and
// the enterprise has a visit record; then every GET route the enterprise role may call, taken
// from the route table, and the Open311 lookups with an enterprise key, are read as the
// enterprise, and none may show any of that text. The zone's staff see all of it (the control).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, adminClient, cli, uscc, newUser } from './lib.mjs';

let srv, admin, svc, hr, leader, entA, entKey;
const ids = {};
const PW = 'Start-Passw0rd-2026';
const user = (username, role, extra) => newUser(srv, admin, username, role, extra, PW);

// one marker per kind of internal text
const SECRET = {
  note: '内部备注甲',
  extReason: '延期理由乙',
  escNote: '督办要求丙',
  returnReason: '退回原因丁',
  findings: '走访发现戊',
  followUps: '走访跟进己',
  decision: '审批意见庚',
  pendingReason: '延期理由辛',
  projNotes: '项目内部备注壬',
  contract: 'HT-癸-0001',
  moveNote: '签约说明子',
  followup: '洽谈纪要丑',
  problem: '用地问题寅',
  review: '会审议题卯',
  building: '楼宇备注辰',
  unit: '单元备注巳',
  lease: '租约备注午',
  policyReview: '政策审核意见未',
  finBank: '银行备注未',
  finDemand: '融资需求服务中心备注申',
  carrier: '承运企业备注未',
  truck: '车辆备注申',
  offer: '运力备注酉',
  load: '货源备注戌',
  jobDemand: '用工需求备注未',
  jobHire: '招用备注申',
  jobFair: '招聘会备注酉',
  jobPartnership: '校企合作备注戌',
};
const ok = (r, what) => assert.ok(r.status >= 200 && r.status < 300, `${what}: ${r.status} ${r.body}`);

before(async () => {
  srv = await startServer();
  admin = await adminClient(srv);
  for (const [k, name, kind] of [['svc', '企业服务中心', 'service_center'], ['hr', '人社局', 'other']]) {
    ids[k] = (await admin.post('/api/depts', { name, kind })).json.id;
  }
  const e = await admin.post('/api/enterprises', { uscc: uscc('91220101MD', 1), name: '长春披露测试有限公司', industry_code: '3670', dept_id: ids.hr });
  ok(e, 'enterprise');
  ids.ent = e.json.id;
  svc = await user('svc_d', 'staff', { dept_id: ids.svc, data_scope: 'zone' });
  hr = await user('hr_d', 'staff', { dept_id: ids.hr });
  leader = await user('lead_d', 'leader', {});
  entA = await user('ent_d', 'enterprise', { enterprise_id: ids.ent });
  const submit = async (title) => {
    const t = await entA.post('/api/tickets', { category: '用工', title, description: '急需普工30人。' });
    ok(t, 'submit');
    return t.json.id;
  };
  // request 1: handled, with notes, an approved and a pending extension, an escalation
  ids.t1 = await submit('披露测试诉求一');
  ok(await svc.post(`/api/tickets/${ids.t1}/accept`, { dept_id: ids.hr }), 'accept');
  ok(await hr.post(`/api/tickets/${ids.t1}/start`), 'start');
  ok(await hr.post(`/api/tickets/${ids.t1}/comments`, { body: SECRET.note, internal: true }), 'note');
  ok(await hr.post(`/api/tickets/${ids.t1}/comments`, { body: '已与学院对接' }), 'reply');
  ok(await hr.post(`/api/tickets/${ids.t1}/extension`, { days: 3, reason: SECRET.extReason }), 'extension');
  ok(await svc.post(`/api/tickets/${ids.t1}/extension/decision`, { approve: true, comment: SECRET.decision }), 'decision');
  ok(await hr.post(`/api/tickets/${ids.t1}/extension`, { days: 2, reason: SECRET.pendingReason }), 'pending extension');
  ok(await leader.post(`/api/tickets/${ids.t1}/escalate`, { level: 'red', note: SECRET.escNote, deadline: '2026-12-31' }), 'escalate');
  const f = '%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n';
  const b = '----yqdisclose';
  const raw = `--${b}\r\nContent-Disposition: form-data; name="file"; filename="营业执照.pdf"\r\nContent-Type: application/pdf\r\n\r\n${f}\r\n--${b}--\r\n`;
  const up = await entA.req('POST', `/api/tickets/${ids.t1}/attachments`, new Uint8Array(Buffer.from(raw)), { headers: { 'Content-Type': `multipart/form-data; boundary=${b}` } });
  ok(up, 'upload');
  ids.att = up.json.id;
  // request 2: returned by the department with its reason
  ids.t2 = await submit('披露测试诉求二');
  ok(await svc.post(`/api/tickets/${ids.t2}/accept`, { dept_id: ids.hr }), 'accept 2');
  ok(await hr.post(`/api/tickets/${ids.t2}/return`, { reason: SECRET.returnReason }), 'return');
  // a 包保 visit on record
  ok(await admin.post(`/api/enterprises/${ids.ent}/visits`, { visited_on: '2026-03-04', kind: '服务', findings: SECRET.findings, follow_ups: SECRET.followUps, visitor_user_id: (await admin.get('/api/users?q=hr_d')).json.items[0].id }), 'visit');
  // the enterprise's own Open311 key
  const k = await admin.post('/api/tokens', { name: '企业自助', role: 'enterprise', enterprise_id: ids.ent });
  ok(k, 'token');
  entKey = k.json.token;
  // an announcement to every enterprise, with an attachment
  const a = await admin.post('/api/announcements', { title: '关于惠企政策的通知', body: '申报时间另行通知。', category: 'policy' });
  ok(a, 'announcement');
  ids.ann = a.json.id;
  const aup = await admin.req('POST', `/api/announcements/${ids.ann}/attachments`, new Uint8Array(Buffer.from(raw)), { headers: { 'Content-Type': `multipart/form-data; boundary=${b}` } });
  ok(aup, 'announcement upload');
  ids.annAtt = aup.json.id;
  ok(await admin.post(`/api/announcements/${ids.ann}/publish`, {}), 'publish');
  // a monthly report of the enterprise, filed for it by the zone after the month locked
  const er = await admin.post('/api/economy/reports', { period: '2026-01', enterprise_id: ids.ent, values: { output: 120 }, reason: '企业补报' });
  ok(er, 'economy report');
  ids.econ = er.json.id;
  // a project registered to the enterprise, with the bureau's notes, a follow-up and a problem
  const pr = await admin.post('/api/projects', { name: '披露测试项目', notes: SECRET.projNotes, renovation: true, dept_id: ids.hr });
  ok(pr, 'project');
  ids.proj = pr.json.id;
  const scan = await admin.upload(`/api/projects/${ids.proj}/attachments`, '合同.pdf', '%PDF-1.4\n%%EOF\n', 'application/pdf');
  ok(scan, 'contract scan');
  ids.projAtt = scan.json.id;
  ok(await admin.post(`/api/projects/${ids.proj}/move`, { to: 'signed', date: '2026-03-01', contract_no: SECRET.contract, attachment_id: ids.projAtt, note: SECRET.moveNote }), 'sign');
  ok(await admin.post(`/api/projects/${ids.proj}/move`, { to: 'registered', date: '2026-03-02', uscc: uscc('91220101MD', 1) }), 'register');
  ok(await admin.post(`/api/projects/${ids.proj}/followups`, { kind: 'negotiation', on_date: '2026-03-03', notes: SECRET.followup, next_step: '再谈', next_date: '2026-03-05' }), 'follow-up');
  const pb = await admin.post(`/api/projects/${ids.proj}/problems`, { title: SECRET.problem, category: 'land', dept_id: ids.hr });
  ok(pb, 'problem');
  ids.problem = pb.json.id;
  const pba = await admin.upload(`/api/projects/problems/${ids.problem}/attachments`, '问题.pdf', '%PDF-1.4\n%%EOF\n', 'application/pdf');
  ok(pba, 'problem attachment');
  ids.problemAtt = pba.json.id;
  const rv = await admin.post('/api/projects/reviews', { on_date: '2026-03-06', title: SECRET.review });
  ok(rv, 'review');
  ids.review = rv.json.id;
  ok(await admin.post(`/api/projects/reviews/${ids.review}/items`, { project_id: ids.proj }), 'agenda');
  // 载体: the enterprise rents a unit; the building's, the unit's and the lease's notes are internal
  const bd = await admin.post('/api/space/buildings', { name: '披露测试厂房', type: 'factory', address: '测试路1号', floors: 2, notes: SECRET.building });
  ok(bd, 'building');
  ids.building = bd.json.id;
  const un = await admin.post('/api/space/units', { building_id: ids.building, floor: 1, number: 'D101', area: 800, floor_load: 10, power_kva: 200, rent: 16000, notes: SECRET.unit });
  ok(un, 'unit');
  ids.unit = un.json.id;
  const ls = await admin.post('/api/space/leases', { unit_id: ids.unit, enterprise_id: ids.ent, start_date: '2026-01-01', end_date: '2028-12-31', notes: SECRET.lease });
  ok(ls, 'lease');
  ids.lease = ls.json.id;
  // 惠企政策: a policy for its industry, its application with a file, taken up for review with a
  // note of the desk's (internal)
  const po = await admin.post('/api/policies', { title: '披露测试政策', issuer: '管委会', benefit: '奖励', industries: ['3670'], materials: ['申报表'] });
  ok(po, 'policy');
  ids.policy = po.json.id;
  ok(await admin.post(`/api/policies/${ids.policy}/publish`, {}), 'publish');
  const pa = await entA.post('/api/policies/applications', { policy_id: ids.policy, note: '申报' });
  ok(pa, 'application');
  ids.policyApp = pa.json.id;
  const paf = await entA.upload(`/api/policies/applications/${ids.policyApp}/attachments`, '申报表.pdf', '%PDF-1.4\n%%EOF\n', 'application/pdf');
  ok(paf, 'application file');
  ids.policyAtt = paf.json.id;
  ok(await entA.post(`/api/policies/applications/${ids.policyApp}/submit`, {}), 'submit');
  ok(await admin.post(`/api/policies/applications/${ids.policyApp}/accept`, { note: SECRET.policyReview }), 'accept');
  assert.ok((await admin.get(`/api/policies/applications/${ids.policyApp}`)).body.includes(SECRET.policyReview), 'the desk reads its note');
  // 银企对接: the enterprise's demand pushed to a bank; the bank's notes and the service center's
  // notes on the demand are internal
  const fb = await admin.post('/api/finance/banks', { name: '披露测试银行', branch: '测试支行', notes: SECRET.finBank });
  ok(fb, 'bank');
  ids.finBank = fb.json.id;
  const fp = await admin.post('/api/finance/products', { bank_id: ids.finBank, name: '披露测试贷', guarantee: 'credit', term_months: 12 });
  ok(fp, 'product');
  ids.finProduct = fp.json.id;
  const fd = await entA.post('/api/finance/demands', { amount: 500, purpose: '流动资金', term_months: 12 });
  ok(fd, 'demand');
  ids.finDemand = fd.json.id;
  ok(await admin.patch(`/api/finance/demands/${ids.finDemand}`, { notes: SECRET.finDemand }), 'demand notes');
  ok(await admin.post(`/api/finance/demands/${ids.finDemand}/push`, { bank_ids: [ids.finBank] }), 'push');
  ids.finOffer = (await admin.get(`/api/finance/offers?demand_id=${ids.finDemand}`)).json.items[0].id;
  // 工业物流: the enterprise's part-load rides on a truck of a carrier; the zone's notes on the
  // carrier, the truck, the offer and the load are internal
  const fc = await admin.post('/api/freight/carriers', { name: '披露测试物流', notes: SECRET.carrier });
  ok(fc, 'carrier');
  ids.carrier = fc.json.id;
  const ft = await admin.post('/api/freight/trucks', { carrier_id: ids.carrier, plate: '吉A12345', driver: '披露测试司机', capacity_t: 10, capacity_m3: 40, notes: SECRET.truck });
  ok(ft, 'truck');
  ids.truck = ft.json.id;
  const fo = await admin.post('/api/freight/offers', { truck_id: ids.truck, origin: '长春', destination: '沈阳', via: ['四平'], date_from: '2030-01-01', date_to: '2030-01-03', spare_t: 5, spare_m3: 20, full_price: 3000, notes: SECRET.offer });
  ok(fo, 'offer');
  ids.offer = fo.json.id;
  const fl = await admin.post('/api/freight/loads', { enterprise_id: ids.ent, goods: '医疗器械', weight_t: 1, volume_m3: 2, origin: '长春', destination: '沈阳', date_from: '2030-01-01', date_to: '2030-01-02', price: 800, notes: SECRET.load });
  ok(fl, 'load');
  ids.load = fl.json.id;
  const fl2 = await admin.post('/api/freight/loads', { enterprise_id: ids.ent, goods: '医疗耗材', weight_t: 1, volume_m3: 2, origin: '长春', destination: '四平', date_from: '2030-01-01', date_to: '2030-01-02', price: 500, notes: SECRET.load });
  ok(fl2, 'open load');
  ids.openLoad = fl2.json.id;
  ok(await admin.post(`/api/freight/loads/${ids.load}/match`, { offer_id: ids.offer }), 'match');
  const fr = await entA.post('/api/freight/registrations', { plate: '吉A54321', driver: '披露测试', phone: '13800000000', route: '长春—沈阳', date: '2030-01-01' });
  ok(fr, 'registration');
  ids.reg = fr.json.id;
  // its demand for more space (its own text: the enterprise reads it), offered a unit whose notes stay internal
  const un2 = await admin.post('/api/space/units', { building_id: ids.building, floor: 2, number: 'D201', area: 900, floor_load: 10, power_kva: 200, rent: 18000, notes: SECRET.unit });
  ok(un2, 'second unit');
  const dm = await admin.post('/api/space/demands', { enterprise_id: ids.ent, type: 'factory', area_min: 850, area_max: 950, wanted_from: '2030-01-01', notes: '再要一层' });
  ok(dm, 'demand');
  ids.demand = dm.json.id;
  ok(await admin.post(`/api/space/demands/${ids.demand}/offer`, { unit_id: un2.json.id }), 'offer');
  // 用工: a demand of the enterprise with a hire at a fair it joined, and a school partnership; the
  // zone's notes on each are internal, as are the hires counted at the fair
  const jf = await admin.post('/api/jobs/fairs', { title: '披露测试招聘会', fair_date: '2099-03-01', notes: SECRET.jobFair });
  ok(jf, 'fair');
  ids.fair = jf.json.id;
  ok(await admin.post(`/api/jobs/fairs/${ids.fair}/join`, { enterprise_id: ids.ent }), 'join');
  const jd = await admin.post('/api/jobs/demands', { enterprise_id: ids.ent, title: '普工', headcount: 20, pay_min: 4000, pay_max: 5000, deadline: '2099-12-31', notes: SECRET.jobDemand });
  ok(jd, 'demand');
  ids.jobDemand = jd.json.id;
  const jh = await admin.post('/api/jobs/hires', { demand_id: ids.jobDemand, headcount: 3, hired_on: jd.json.posted_on, channel: 'referral', notes: SECRET.jobHire });
  ok(jh, 'hire');
  ids.jobHire = jh.json.id;
  const jp = await admin.post('/api/jobs/partnerships', { enterprise_id: ids.ent, school: '披露测试学院', major: '电子信息', year: 2026, planned: 10, notes: SECRET.jobPartnership });
  ok(jp, 'partnership');
  ids.jobPartnership = jp.json.id;
});
after(async () => { await srv.stop(); });

const secretsIn = (text) => Object.values(SECRET).filter((s) => text.includes(s));

test('the staff see the internal texts (control)', async () => {
  const t1 = (await svc.get(`/api/tickets/${ids.t1}`)).body;
  for (const s of [SECRET.note, SECRET.extReason, SECRET.decision, SECRET.pendingReason, SECRET.escNote]) assert.ok(t1.includes(s), s);
  assert.ok((await svc.get(`/api/tickets/${ids.t2}`)).body.includes(SECRET.returnReason));
  const v = (await admin.get(`/api/enterprises/${ids.ent}/visits`)).body;
  assert.ok(v.includes(SECRET.findings) && v.includes(SECRET.followUps));
  const j = (await svc.get(`/api/tickets/${ids.t1}`)).json;
  assert.equal(j.ticket.escalation_note, SECRET.escNote);
  assert.equal(j.ticket.extension_reason, SECRET.pendingReason);
});

test('the request as the enterprise reads it: the events happen, the internal texts do not show', async () => {
  const j = (await entA.get(`/api/tickets/${ids.t1}`)).json;
  assert.equal(j.ticket.escalated, true, 'it is told that the request is escalated');
  assert.equal(j.ticket.escalation_level, 'red');
  assert.equal(j.ticket.escalation_note, null);
  assert.equal(j.ticket.extension_reason, '');
  assert.equal(j.ticket.extension_days_pending, 0);
  const actions = j.timeline.map((x) => x.action);
  assert.ok(actions.includes('escalate') && actions.includes('reply'));
  for (const a of ['note', 'extension_request', 'extension_approved']) assert.ok(!actions.includes(a), a);
  assert.equal(j.timeline.find((x) => x.action === 'escalate').body, '');
  const j2 = (await entA.get(`/api/tickets/${ids.t2}`)).json;
  assert.ok(!j2.timeline.some((x) => x.action === 'return'));
});

test('no output the enterprise can read shows an internal text', async () => {
  const routes = JSON.parse(cli(['routes', '--json']).stdout).routes;
  const gets = routes.filter((r) => r.method === 'GET' && r.roles.includes('enterprise'));
  assert.ok(gets.length >= 15, `${gets.length} routes`);
  const fill = (p) => p.replace('/api/tickets/:id/attachments/:aid', `/api/tickets/${ids.t1}/attachments/${ids.att}`)
    .replace('/api/projects/problems/:id/attachments/:aid', `/api/projects/problems/${ids.problem}/attachments/${ids.problemAtt}`)
    .replace('/api/projects/problems/:id', `/api/projects/problems/${ids.problem}`)
    .replace('/api/projects/reviews/:id', `/api/projects/reviews/${ids.review}`)
    .replace('/api/projects/:id/attachments/:aid', `/api/projects/${ids.proj}/attachments/${ids.projAtt}`)
    .replace('/api/projects/:id', `/api/projects/${ids.proj}`)
    .replace('/api/economy/reports/:id', `/api/economy/reports/${ids.econ}`)
    .replace('/api/economy/periods/:period', '/api/economy/periods/2026-01')
    .replace('/api/announcements/:id/attachments/:aid', `/api/announcements/${ids.ann}/attachments/${ids.annAtt}`)
    .replace('/api/announcements/:id', `/api/announcements/${ids.ann}`)
    .replace('/api/space/buildings/:id', `/api/space/buildings/${ids.building}`)
    .replace('/api/space/units/:id', `/api/space/units/${ids.unit}`)
    .replace('/api/space/leases/:id', `/api/space/leases/${ids.lease}`)
    .replace('/api/policies/applications/:id/attachments/:aid', `/api/policies/applications/${ids.policyApp}/attachments/${ids.policyAtt}`)
    .replace('/api/policies/applications/:id', `/api/policies/applications/${ids.policyApp}`)
    .replace('/api/policies/:id', `/api/policies/${ids.policy}`)
    .replace('/api/finance/banks/:id', `/api/finance/banks/${ids.finBank}`)
    .replace('/api/finance/products/:id', `/api/finance/products/${ids.finProduct}`)
    .replace('/api/finance/demands/:id', `/api/finance/demands/${ids.finDemand}`)
    .replace('/api/finance/offers/:id', `/api/finance/offers/${ids.finOffer}`)
    .replace('/api/freight/carriers/:id', `/api/freight/carriers/${ids.carrier}`)
    .replace('/api/freight/trucks/:id', `/api/freight/trucks/${ids.truck}`)
    .replace('/api/freight/offers/:id', `/api/freight/offers/${ids.offer}`)
    .replace('/api/freight/loads/:id/matches', `/api/freight/loads/${ids.openLoad}/matches`)
    .replace('/api/freight/loads/:id', `/api/freight/loads/${ids.load}`)
    .replace('/api/freight/registrations/:id', `/api/freight/registrations/${ids.reg}`)
    .replace('/api/space/demands/:id', `/api/space/demands/${ids.demand}`)
    .replace('/api/jobs/demands/:id', `/api/jobs/demands/${ids.jobDemand}`)
    .replace('/api/jobs/hires/:id', `/api/jobs/hires/${ids.jobHire}`)
    .replace('/api/jobs/fairs/:id', `/api/jobs/fairs/${ids.fair}`)
    .replace('/api/jobs/partnerships/:id', `/api/jobs/partnerships/${ids.jobPartnership}`)
    .replace('/api/tickets/:id', `/api/tickets/${ids.t1}`).replace('/api/enterprises/:id', `/api/enterprises/${ids.ent}`);
  const paths = [];
  for (const r of gets) {
    const p = fill(r.pattern);
    assert.ok(!p.includes(':'), `a path parameter of ${r.pattern} is not filled in`);
    paths.push(p);
    if (p.endsWith('/export')) paths.push(`${p}?format=csv`);
    if (p.startsWith('/api/tickets/') && !p.includes('attach')) paths.push(p.replace(String(ids.t1), String(ids.t2)));
  }
  for (const s of Object.values(SECRET)) paths.push(`/api/tickets?q=${encodeURIComponent(s)}`);
  let read = 0;
  for (const p of paths) {
    const r = await entA.get(p);
    assert.ok(r.status < 500, `${p}: ${r.status}`);
    assert.deepEqual(secretsIn(r.body), [], `${p} shows internal text`);
    if (p.includes('?q=')) assert.equal(r.json.total, 0, `${p}: found through internal text`);
    if (r.status === 200) read++;
    else if (process.env.YQ_DEBUG_DISCLOSE) console.error(`disclose: ${p} ${r.status} ${r.body.slice(0, 120)}`);
  }
  // the problem list and the 会审 are the zone's: each is 404 to the enterprise
  const problems = paths.filter((p) => /^\/api\/projects\/(problems|reviews)\/\d/.test(p)).length;
  assert.ok(problems >= 4, `${problems} problem paths`);
  // refused to an enterprise by name (403), or not there in this zone (no site plan uploaded)
  const refused = paths.filter((p) => /^\/api\/(announcements\/\d+\/receipts|policies\/\d+\/matches|space\/plan\/image)$/.test(p)).length;
  assert.equal(refused, 3);
  assert.ok(read >= paths.length - problems - refused, `${read} of ${paths.length} read`);
  // its project: the stages and the files, not the notes, the contract number, the follow-ups
  const pj = (await entA.get(`/api/projects/${ids.proj}`)).json;
  assert.equal(pj.stage, 'registered');
  assert.deepEqual(pj.timeline.map((x) => x.action), ['create', 'attach', 'move', 'move']);
  assert.equal(pj.attachments.length, 1);
  assert.deepEqual((await entA.get(`/api/projects/${ids.proj}/followups`)).json.items, []);
  assert.deepEqual((await entA.get('/api/projects/problems')).json.items, []);
  // Open311 with the enterprise's key
  for (const ext of ['json', 'xml']) {
    for (const p of [`/open311/v2/requests.${ext}`, `/open311/v2/requests/${ids.t1}.${ext}`, `/open311/v2/requests/${ids.t2}.${ext}`]) {
      const r = await entA.get(`${p}${p.includes('?') ? '&' : '?'}api_key=${entKey}`);
      assert.equal(r.status, 200, `${p}: ${r.body.slice(0, 200)}`);
      assert.deepEqual(secretsIn(r.body), [], `${p} shows internal text`);
    }
  }
  // the visits: the enterprise is shown none of the cadres' notes
  assert.deepEqual((await entA.get(`/api/enterprises/${ids.ent}/visits`)).json.items, []);
});

test('what the enterprise is not shown survives its own changes: a pending extension stays', async () => {
  // the enterprise's change is made on the request as it is, not as it is shown to the enterprise
  const before = (await svc.get(`/api/tickets/${ids.t1}`)).json.ticket;
  assert.equal(before.extension_days_pending, 2);
  ok(await entA.post(`/api/tickets/${ids.t1}/comments`, { body: '补充材料：用工需求表已上传' }), 'enterprise comment');
  const after = (await svc.get(`/api/tickets/${ids.t1}`)).json.ticket;
  assert.equal(after.extension_days_pending, 2, 'the pending extension is kept');
  assert.equal(after.extension_reason, SECRET.pendingReason);
  assert.equal(after.escalation_note, SECRET.escNote);
  ok(await svc.post(`/api/tickets/${ids.t1}/extension/decision`, { approve: false, comment: '不予延期' }), 'the pending extension can still be decided');
});
