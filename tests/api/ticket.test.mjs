// Enterprise requests: every transition (legal and illegal), who may do what, the timeline,
// internal notes hidden from the enterprise, extensions, escalation, statistics on a known
// fixture, data scope.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, adminClient, Client, uscc, newUser } from './lib.mjs';

let srv, admin, svc, hr, eco, leader, entA, entB;
const ids = {};
const PW = 'Start-Passw0rd-2026';

const make = (n) => uscc('91430112MA', n);

const user = (username, role, extra) => newUser(srv, admin, username, role, extra, PW);

before(async () => {
  srv = await startServer();
  admin = await adminClient(srv);
  for (const [k, name, kind] of [['svc', '企业服务中心', 'service_center'], ['hr', '人社局', 'other'], ['eco', '经发局', 'economic']]) {
    ids[k] = (await admin.post('/api/depts', { name, kind })).json.id;
  }
  for (const [k, name, n] of [['A', '望城华通智能终端有限公司', 1], ['B', '望城三鑫电子有限公司', 2]]) {
    ids['ent' + k] = (await admin.post('/api/enterprises', { uscc: make(n), name, industry_code: '3922' })).json.id;
  }
  svc = await user('svc1', 'staff', { dept_id: ids.svc, data_scope: 'zone' });
  hr = await user('hr1', 'staff', { dept_id: ids.hr });
  eco = await user('eco1', 'staff', { dept_id: ids.eco });
  leader = await user('lead1', 'leader', {});
  entA = await user('entA', 'enterprise', { enterprise_id: ids.entA });
  entB = await user('entB', 'enterprise', { enterprise_id: ids.entB });
});
after(async () => { await srv.stop(); });

const submit = (c, extra = {}) => c.post('/api/tickets', { category: '用工', title: '四季度用工缺口30人', description: '订单增加，急需普工30人，请协助对接职业院校。', contact_name: '张经理', contact_phone: '13900000001', ...extra });

test('an enterprise submits online; it is numbered and only it and the desk see it', async () => {
  const r = await submit(entA);
  assert.equal(r.status, 201, r.body);
  assert.match(r.json.no, /^SQ\d{8}-\d{4}$/);
  assert.equal(r.json.status, 'received');
  assert.equal(r.json.channel, 'online');
  assert.equal(r.json.enterprise_id, ids.entA, 'the enterprise is the caller’s own');
  ids.t1 = r.json.id;
  assert.equal((await entB.get(`/api/tickets/${ids.t1}`)).status, 404, 'another enterprise: 404');
  assert.equal((await hr.get(`/api/tickets/${ids.t1}`)).status, 404, 'not yet routed to the department');
  assert.equal((await svc.get(`/api/tickets/${ids.t1}`)).status, 200);
  const bad = await submit(entA, { category: '吃饭' });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.field, 'category');
});

test('only the service center triages; accept routes it with deadlines', async () => {
  const no = await hr.post(`/api/tickets/${ids.t1}/accept`, { dept_id: ids.hr });
  assert.equal(no.status, 404, 'a department cannot even see an unrouted request');
  const ent = await entA.post(`/api/tickets/${ids.t1}/accept`, { dept_id: ids.hr });
  assert.equal(ent.status, 403, 'enterprises lack the permission');
  const r = await svc.post(`/api/tickets/${ids.t1}/accept`, { dept_id: ids.hr, co_dept_ids: [ids.eco], priority: 'normal' });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.status, 'assigned');
  assert.equal(r.json.dept_name, '人社局');
  assert.deepEqual(r.json.co_dept_ids, [ids.eco]);
  assert.ok(r.json.due_first_contact && r.json.due_resolve);
  assert.ok(r.json.due_resolve > r.json.due_first_contact);
  assert.equal((await hr.get(`/api/tickets/${ids.t1}`)).status, 200, 'the lead department sees it');
  assert.equal((await eco.get(`/api/tickets/${ids.t1}`)).status, 200, 'the co-handling department sees it');
  const again = await svc.post(`/api/tickets/${ids.t1}/accept`, { dept_id: ids.hr });
  assert.equal(again.status, 409);
  assert.equal(again.json.error.message, '已分派的诉求不能受理');
});

test('the department handles: start, notes, replies; the enterprise never sees internal notes', async () => {
  assert.equal((await eco.post(`/api/tickets/${ids.t1}/start`)).status, 403, 'a co-handler does not lead');
  const s = await hr.post(`/api/tickets/${ids.t1}/start`);
  assert.equal(s.json.status, 'in_progress');
  assert.equal((await hr.post(`/api/tickets/${ids.t1}/comments`, { body: '内部：已联系职业技术学院', internal: true })).status, 200);
  assert.equal((await hr.post(`/api/tickets/${ids.t1}/comments`, { body: '已与学院对接，下周安排招聘会' })).status, 200);
  const bad = await entA.post(`/api/tickets/${ids.t1}/comments`, { body: 'x', internal: true });
  assert.equal(bad.status, 403);
  const mine = await entA.get(`/api/tickets/${ids.t1}`);
  const bodies = mine.json.timeline.map((x) => x.body);
  assert.ok(bodies.includes('已与学院对接，下周安排招聘会'));
  assert.ok(!bodies.some((b) => b.startsWith('内部')), 'internal notes hidden');
  const staffView = await hr.get(`/api/tickets/${ids.t1}`);
  assert.ok(staffView.json.timeline.some((x) => x.internal));
});

test('an extension is requested by the department and decided by the service center', async () => {
  const before = (await hr.get(`/api/tickets/${ids.t1}`)).json.ticket.due_resolve;
  const r = await hr.post(`/api/tickets/${ids.t1}/extension`, { days: 3, reason: '需协调学院排期' });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.extension_days_pending, 3);
  assert.equal((await hr.post(`/api/tickets/${ids.t1}/extension/decision`, { approve: true })).status, 403);
  const d = await svc.post(`/api/tickets/${ids.t1}/extension/decision`, { approve: true, comment: '同意' });
  assert.equal(d.status, 200, d.body);
  assert.ok(d.json.due_resolve > before, 'deadline moved');
  assert.equal(d.json.extension_days_pending, 0);
  assert.equal((await svc.post(`/api/tickets/${ids.t1}/extension/decision`, { approve: true })).status, 409);
});

test('resolve, 不满意 reopens to the same department, then 满意 closes', async () => {
  const r = await hr.post(`/api/tickets/${ids.t1}/resolve`, { answer: '已组织专场招聘会，到岗28人' });
  assert.equal(r.json.status, 'resolved');
  const twice = await hr.post(`/api/tickets/${ids.t1}/resolve`, { answer: 'x' });
  assert.equal(twice.status, 409);
  assert.equal(twice.json.error.message, '已办结的诉求不能办结');
  assert.equal((await hr.post(`/api/tickets/${ids.t1}/rate`, { rating: 'satisfied' })).status, 403, 'departments do not rate');
  const bad = await entA.post(`/api/tickets/${ids.t1}/rate`, { rating: 'unsatisfied', comment: '仍缺2人' });
  assert.equal(bad.json.status, 'in_progress');
  assert.equal(bad.json.dept_name, '人社局');
  await hr.post(`/api/tickets/${ids.t1}/resolve`, { answer: '补招2人已到岗' });
  const good = await entA.post(`/api/tickets/${ids.t1}/rate`, { rating: 'basic', comment: '基本解决' });
  assert.equal(good.json.status, 'closed');
  assert.equal(good.json.rating, 'basic');
  const late = await entA.post(`/api/tickets/${ids.t1}/rate`, { rating: 'satisfied' });
  assert.equal(late.status, 409);
  assert.equal(late.json.error.message, '已销号的诉求不能评价');
  const tl = (await svc.get(`/api/tickets/${ids.t1}`)).json.timeline.map((x) => `${x.action}:${x.from_status ?? ''}>${x.to_status}`);
  assert.deepEqual(tl.filter((x) => !x.startsWith('reply') && !x.startsWith('note') && !x.startsWith('extension')), [
    'submit:>received', 'accept:received>assigned', 'start:assigned>in_progress', 'resolve:in_progress>resolved',
    'rate:resolved>in_progress', 'resolve:in_progress>resolved', 'rate:resolved>closed']);
  const audit = await admin.get(`/api/audit?obj_type=ticket&obj_id=${ids.t1}`);
  assert.ok(audit.json.total >= 10, 'every event is audited');
});

test('staff register a phone request for an enterprise; reject with a reason the enterprise sees', async () => {
  const r = await svc.post('/api/tickets', { enterprise_id: ids.entB, channel: 'phone', category: '政策', title: '咨询人才公寓政策', description: '电话咨询' });
  assert.equal(r.status, 201, r.body);
  assert.equal(r.json.channel, 'phone');
  const nochan = await svc.post('/api/tickets', { enterprise_id: ids.entB, category: '政策', title: 'x', description: 'y' });
  assert.equal(nochan.json.error.field, 'channel');
  const rej = await svc.post(`/api/tickets/${r.json.id}/reject`, { reason: '属个人事项，不属于企业诉求受理范围' });
  assert.equal(rej.json.status, 'rejected');
  const seen = await entB.get(`/api/tickets/${r.json.id}`);
  assert.equal(seen.json.ticket.reject_reason, '属个人事项，不属于企业诉求受理范围');
  assert.equal((await svc.post(`/api/tickets/${r.json.id}/accept`, { dept_id: ids.hr })).status, 409);
  // a rejected request is found by search like any other (issue 16 item 7)
  const found = await svc.get(`/api/tickets?status=rejected&q=${encodeURIComponent('人才公寓')}`);
  assert.ok(found.json.items.some((x) => x.id === r.json.id), 'the rejected request is found');
});

test('merge a duplicate into an earlier request', async () => {
  const a = (await submit(entA, { title: '用电增容' , category: '水电气'})).json.id;
  const b = (await submit(entA, { title: '用电增容（重复）', category: '水电气' })).json.id;
  const other = (await submit(entB, { category: '水电气' })).json.id;
  assert.equal((await svc.post(`/api/tickets/${b}/merge`, { into_id: other })).status, 400, 'not another enterprise’s');
  const m = await svc.post(`/api/tickets/${b}/merge`, { into_id: a });
  assert.equal(m.json.status, 'merged');
  assert.equal(m.json.merged_into, a);
  const found = await svc.get(`/api/tickets?status=merged&q=${encodeURIComponent('用电增容')}`);
  assert.deepEqual(found.json.items.map((x) => x.id), [b], 'the merged request is found');
  ids.power = a;
});

test('return to the service center, wait for the enterprise and supply', async () => {
  await svc.post(`/api/tickets/${ids.power}/accept`, { dept_id: ids.eco });
  const ret = await eco.post(`/api/tickets/${ids.power}/return`, { reason: '应由供电公司对接，非本部门职责' });
  assert.equal(ret.json.status, 'received');
  assert.equal(ret.json.dept_id, null);
  assert.equal((await eco.get(`/api/tickets/${ids.power}`)).status, 404, 'no longer the department’s');
  await svc.post(`/api/tickets/${ids.power}/accept`, { dept_id: ids.hr });
  const w = await hr.post(`/api/tickets/${ids.power}/wait`, { body: '请提供用电负荷清单' });
  assert.equal(w.json.status, 'waiting');
  assert.equal((await hr.post(`/api/tickets/${ids.power}/resolve`, { answer: 'x' })).status, 409);
  assert.equal((await hr.post(`/api/tickets/${ids.power}/supply`, { body: 'x' })).status, 403);
  const s = await entA.post(`/api/tickets/${ids.power}/supply`, { body: '负荷清单已上传' });
  assert.equal(s.json.status, 'in_progress');
});

test('a leader puts a request under 挂牌督办; it is flagged until closed', async () => {
  assert.equal((await svc.post(`/api/tickets/${ids.power}/escalate`, { level: 'red', note: 'x' })).status, 403);
  const e = await leader.post(`/api/tickets/${ids.power}/escalate`, { level: 'red', note: '影响投产，限期解决', deadline: '2026-12-31' });
  assert.equal(e.status, 200, e.body);
  assert.equal(e.json.escalated, true);
  const l = await leader.get('/api/tickets?escalated=1');
  assert.deepEqual(l.json.items.map((x) => x.id), [ids.power]);
  assert.equal((await leader.post(`/api/tickets/${ids.power}/escalate`, { level: 'purple', note: 'x' })).json.error.field, 'level');
});

test('statistics on a known fixture', async () => {
  const s = await leader.get('/api/tickets/stats?group=category');
  assert.equal(s.status, 200, s.body);
  const t = s.json.total;
  // t1 (用工, closed basic), phone 政策 (rejected), 水电气 a (in progress), b (merged), other (received)
  assert.equal(t.received, 5, 't1, the phone request, the two power requests, B’s');
  assert.equal(t.accepted, 2, 't1 and the power request');
  assert.equal(t.resolved, 1);
  assert.equal(t.rated, 1);
  assert.equal(t.satisfied, 1, '基本满意 counts as satisfied');
  // 解决率 on the seeds' basis (长春经开区: 479 resolved / 535 collected), and 受理后解决率 apart
  assert.equal(t.resolve_rate, 0.2, '解决率 = resolved / received = 1 / 5');
  assert.equal(t.resolve_rate_accepted, 0.5, '受理后解决率 = resolved / accepted = 1 / 2');
  assert.equal(t.satisfaction_rate, 1);
  const hrRow = (await leader.get('/api/tickets/stats?group=dept')).json.rows.find((r) => r.key === '人社局');
  assert.equal(hrRow.resolved, 1);
  assert.ok(hrRow.avg_days >= 0);
  const ch = (await leader.get('/api/tickets/stats?group=channel')).json.rows.map((r) => r.key).sort();
  assert.deepEqual(ch, ['电话', '网上']);
  assert.equal((await leader.get('/api/tickets/stats?group=weather')).status, 400);
});

test('lists: open, overdue, by category, keyword, pagination', async () => {
  const open = await svc.get('/api/tickets?status=open&page_size=50');
  assert.ok(open.json.items.every((x) => ['received', 'assigned', 'in_progress', 'waiting', 'resolved'].includes(x.status)));
  const kw = await svc.get('/api/tickets?q=' + encodeURIComponent('用电'));
  assert.ok(kw.json.total >= 1);
  assert.equal((await svc.get('/api/tickets?status=bogus')).status, 400);
  const mine = await entB.get('/api/tickets');
  assert.ok(mine.json.items.every((x) => x.enterprise_id === ids.entB));
  const rules = await admin.get('/api/ticket-rules');
  assert.equal(rules.json.items.length, 18);
  assert.equal((await admin.put('/api/ticket-rules', { category: '融资', priority: 'urgent', first_contact_hours: 1, interim_days: 1, resolve_days: 2 })).status, 204);
  assert.equal((await svc.put('/api/ticket-rules', { category: '融资', priority: 'urgent', first_contact_hours: 1, interim_days: 1, resolve_days: 2 })).status, 403);
  const h = await admin.post('/api/holidays', { date: '2027-01-01', kind: 'holiday', name: '元旦' });
  assert.equal(h.status, 204, h.body);
  const bad = await admin.post('/api/holidays', { date: '2027-01-06', kind: 'workday', name: 'x' });
  assert.equal(bad.status, 400, 'a make-up working day must be a weekend day');
  assert.ok((await admin.get('/api/holidays')).json.items.some((d) => d.date === '2027-01-01'));
});

test('Chinese full-text search: one and two characters, Latin and digits, replies, snippets', async () => {
  const mk = async (title, description) => (await submit(entA, { category: '其他', title, description })).json.id;
  const a = await mk('企业融资难', '申请流动资金贷款4500万元，已放款3500万元');
  const b = await mk('5G基站建设', '园区需要新建5G基站和66KV变电站，保障用电');
  const c = await mk('物流拼车', '一批货发往常州，价值2万元，寻找同路货车');
  const find = async (q, who = svc) => (await who.get('/api/tickets?page_size=100&q=' + encodeURIComponent(q))).json.items.map((x) => x.id);
  assert.ok((await find('融资')).includes(a), 'two characters');
  assert.ok((await find('电')).includes(b), 'one character');
  assert.ok(!(await find('电')).includes(c));
  assert.ok((await find('5G')).includes(b));
  assert.ok((await find('66kv')).includes(b), 'case-insensitive words');
  assert.ok((await find('常州')).includes(c));
  assert.deepEqual(await find('融资 常州'), [], 'every term must match');
  assert.deepEqual(await find('"*)(;'), [], 'operators are not syntax');
  await svc.post(`/api/tickets/${c}/accept`, { dept_id: ids.hr });
  await hr.post(`/api/tickets/${c}/comments`, { body: '已对接冷链车队' });
  assert.ok((await find('冷链')).includes(c), 'public replies are searchable');
  await hr.post(`/api/tickets/${c}/comments`, { body: '内部机密备注', internal: true });
  assert.ok(!(await find('机密')).includes(c), 'internal notes are not');
  const r = await svc.get('/api/tickets?q=' + encodeURIComponent('贷款'));
  assert.match(r.json.items[0].snippet, /<mark>贷款<\/mark>/);
  const x = await mk('<script>alert(1)</script>', '<b>贷款</b>');
  const s = await svc.get('/api/tickets?q=' + encodeURIComponent('贷款'));
  const item = s.json.items.find((i) => i.id === x);
  assert.doesNotMatch(item.snippet, /<b>/, 'snippets are escaped');
  assert.ok((await find('贷款', entB)).length === 0, 'search respects the data scope');
  const no = (await svc.get(`/api/tickets/${a}`)).json.ticket.no;
  assert.deepEqual(await find(no), [a], 'a request number finds the request');
});

test('the daily briefing as HTML, as PDF through the API and from the command line', async () => {
  const { execFileSync } = await import('node:child_process');
  const { mkdtempSync, readFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { cli } = await import('./lib.mjs');
  const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
  const h = await leader.get(`/api/tickets/briefing?date=${today}`);
  assert.equal(h.status, 200);
  assert.match(h.headers.get('content-type'), /text\/html/);
  assert.match(h.body, /企业诉求每日简报/);
  assert.match(h.body, /四季度用工缺口30人|用电增容/);
  assert.doesNotMatch(h.body, /<script>alert/, 'titles are escaped');
  // both rates, named, on the year's figures as GET /api/tickets/stats gives them
  const year = (await leader.get(`/api/tickets/stats?from=${today.slice(0, 4)}-01-01&to=${today}`)).json.total;
  const pct = (v) => (v * 100).toFixed(1) + '%';
  assert.ok(h.body.includes(`<span>解决率</span><strong>${pct(year.resolve_rate)}</strong>`), 'the seeds’ 解决率');
  assert.ok(h.body.includes(`<span>受理后解决率</span><strong>${pct(year.resolve_rate_accepted)}</strong>`), '受理后解决率');
  assert.notEqual(year.resolve_rate, year.resolve_rate_accepted, 'the fixture tells the two apart');
  const p = await leader.get(`/api/tickets/briefing?date=${today}&format=pdf`, { raw: true });
  assert.equal(p.status, 200);
  assert.equal(p.body.subarray(0, 5).toString(), '%PDF-');
  assert.equal((await entA.get('/api/tickets/briefing')).status, 403);
  assert.equal((await leader.get('/api/tickets/briefing?date=2026-13-01')).status, 400);
  const out = join(mkdtempSync(join(tmpdir(), 'yq-brief-')), 'b.pdf');
  const r = cli(['briefing', '--db', srv.db, '--date', today, '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /written to .* in \d+ ms/);
  const text = execFileSync('pdftotext', [out, '-']).toString();
  assert.match(text, /企业诉求每日简报/);
  assert.match(text, /受理后解决率/);
  assert.ok(text.includes(pct(year.resolve_rate)) && text.includes(pct(year.resolve_rate_accepted)));
  const fonts = execFileSync('pdffonts', [out]).toString();
  assert.match(fonts, /NotoSansCJK|Noto Sans CJK/);
  assert.ok(readFileSync(out).length > 1000);
});

test('concurrent submissions get distinct consecutive numbers', async () => {
  const rs = await Promise.all(Array.from({ length: 24 }, (_, i) => submit(i % 2 ? entA : entB, { title: `并发提交${i}` })));
  assert.ok(rs.every((r) => r.status === 201), rs.map((r) => r.status).join(','));
  const nos = rs.map((r) => r.json.no);
  assert.equal(new Set(nos).size, 24);
});

test('pending extension requests can be listed for the service center', async () => {
  const t = (await submit(entA, { title: '延期筛选测试' })).json.id;
  await svc.post(`/api/tickets/${t}/accept`, { dept_id: ids.hr });
  await hr.post(`/api/tickets/${t}/start`);
  await hr.post(`/api/tickets/${t}/extension`, { days: 2, reason: '等待材料' });
  const l = await svc.get('/api/tickets?extension_pending=1');
  assert.deepEqual(l.json.items.map((x) => x.id), [t]);
});

test('不满意 reopens with the deadline in force when it was resolved: an approved extension is kept', async () => {
  const t = (await submit(entA, { title: '延期后重办测试' })).json.id;
  const acc = await svc.post(`/api/tickets/${t}/accept`, { dept_id: ids.hr, priority: 'normal' });
  assert.equal(acc.status, 200, acc.body);
  await hr.post(`/api/tickets/${t}/start`);
  assert.equal((await hr.post(`/api/tickets/${t}/extension`, { days: 20, reason: '需跨年度协调' })).status, 200);
  const ext = await svc.post(`/api/tickets/${t}/extension/decision`, { approve: true });
  assert.equal(ext.status, 200, ext.body);
  const extended = ext.json.due_resolve;
  assert.ok(extended > acc.json.due_resolve, 'the extension moved the deadline');
  assert.equal((await hr.post(`/api/tickets/${t}/resolve`, { answer: '已答复' })).status, 200);
  const bad = await entA.post(`/api/tickets/${t}/rate`, { rating: 'unsatisfied', comment: '未解决' });
  assert.equal(bad.status, 200, bad.body);
  assert.equal(bad.json.status, 'in_progress');
  assert.ok(bad.json.due_resolve >= extended, `reopened due ${bad.json.due_resolve} keeps the extended ${extended}`);
  // the waiting pause still moves it on (the clock logic as it is)
  await hr.post(`/api/tickets/${t}/wait`, { body: '请补充说明' });
  await new Promise((r) => setTimeout(r, 1100));
  const sup = await entA.post(`/api/tickets/${t}/supply`, { body: '已补充' });
  assert.equal(sup.status, 200, sup.body);
  assert.ok(sup.json.due_resolve >= bad.json.due_resolve);
});
