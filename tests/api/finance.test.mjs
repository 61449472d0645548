// 银企对接 (src/finance/): on the demo data, the service center registers banks and their
// products, an enterprise posts a loan demand, the service center pushes it to a bank whose users
// are notified; the bank accepts, approves (amount, rate, term, product) and disburses in
// tranches whose total never passes the approved amount; the enterprise is notified of every
// answer and sees them all. A bank user sees only the demands pushed to its bank and its own
// answers (404 on the others, nothing of them in lists or exports), another enterprise and
// another zone see nothing (404); refused moves are 409 in Chinese, bad input 400 naming the
// field; the figures add up the loans by bank, product and guarantee type.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, cli, newDatabase, newUser, readCsv, demoDatabase, DEMO_PW } from './lib.mjs';

const PW = DEMO_PW;
const NAMES = {
  admin: 'ccetdz-admin', svc: 'ccetdz-fuwu', leader: 'ccetdz-leader', head: 'ccetdz-jingfa',
  ent: 'ccetdz-qiye', weipai: 'ccetdz-weipai', province: 'province-viewer',
  zone2_admin: 'hmetdz-admin', zone2_ent: 'hmetdz-qiye',
};
let srv;
const as = {}, me = {};
const bank = {}, product = {};
let seq = 0;

before(async () => {
  const db = demoDatabase();
  srv = await startServer({ db, env: { YUANQU_MAINTENANCE_SECONDS: '3600' } });
  for (const [k, u] of Object.entries(NAMES)) {
    as[k] = new Client(srv.base);
    const r = await as[k].login(u, PW);
    assert.equal(r.status, 200, `${u}: ${r.body}`);
    me[k] = r.json.user;
  }
  for (const [k, name] of [['a', '测试吉林银行'], ['b', '测试建设银行']]) {
    const r = await as.svc.post('/api/finance/banks', { name, branch: '经开区支行', contact: '王经理', phone: '0431-88888888' });
    assert.equal(r.status, 201, r.body);
    bank[k] = r.json;
    const p = await as.svc.post('/api/finance/products', { bank_id: r.json.id, name: `${name}科技贷`, guarantee: 'credit', rate_min: 3.45, rate_max: 4.35, term_months: 36, amount_min: 100, amount_max: 5000 });
    assert.equal(p.status, 201, p.body);
    product[k] = p.json;
  }
  as.bankA = await newUser(srv, as.admin, 'ccetdz-test-bank-a', 'bank', { bank_id: bank.a.id, display_name: '吉林银行客户经理' }, PW);
  as.bankB = await newUser(srv, as.admin, 'ccetdz-test-bank-b', 'bank', { bank_id: bank.b.id }, PW);
});
after(async () => { await srv?.stop(); });

async function demand(c = as.ent, extra = {}) {
  const r = await c.post('/api/finance/demands', { amount: 4500, purpose: `设备更新与流动资金${++seq}`, term_months: 36, collateral: '厂房抵押', urgency: 'urgent', wanted_by: '2030-06-30', ...extra });
  assert.equal(r.status, 201, r.body);
  return r.json;
}
async function offerOf(c, demandId) {
  const r = await c.get(`/api/finance/offers?demand_id=${demandId}`);
  assert.equal(r.status, 200, r.body);
  return r.json.items;
}
async function pushed(banks = [bank.a.id]) {
  const d = await demand();
  const p = await as.svc.post(`/api/finance/demands/${d.id}/push`, { bank_ids: banks });
  assert.equal(p.status, 200, p.body);
  assert.equal(p.json.status, 'pushed');
  return { d, offers: await offerOf(as.svc, d.id) };
}
const auditTotal = async () => (await as.admin.get('/api/audit?page_size=1')).json.total;

test('who may do what: the service center keeps banks and pushes, enterprises post, banks answer, leaders read the figures', async () => {
  for (const k of ['leader', 'head', 'ent', 'province']) {
    assert.equal((await as[k].post('/api/finance/banks', { name: `越权银行${k}` })).status, 403, k);
  }
  assert.equal((await as.bankA.post('/api/finance/banks', { name: '越权银行' })).status, 403);
  for (const k of ['svc', 'head', 'leader', 'bankA']) {
    assert.equal((await as[k].post('/api/finance/demands', { amount: 10, purpose: 'x', term_months: 12 })).status, 403, k);
  }
  for (const k of ['leader', 'head', 'svc', 'province']) assert.equal((await as[k].get('/api/finance/summary')).status, 200, k);
  for (const k of ['ent', 'bankA']) assert.equal((await as[k].get('/api/finance/summary')).status, 403, k);
  for (const k of ['leader', 'head', 'ent', 'bankA']) assert.equal((await as[k].get('/api/finance/banks')).status, 200, k);
  assert.equal((await new Client(srv.base).get('/api/finance/demands')).status, 401);
  // the bank role reads nothing of the other modules
  assert.equal((await as.bankA.get('/api/tickets')).status, 403);
  assert.equal((await as.bankA.get('/api/announcements')).status, 403);
  const ents = await as.bankA.get('/api/enterprises');
  assert.equal(ents.status, 200);
  assert.equal(ents.json.total, 0, 'a bank user reads no enterprise of the registry');
});

test('bank users: the admin creates one choosing its bank; a bank is required, and only for that role', async () => {
  const noBank = await as.admin.post('/api/users', { username: 'ccetdz-test-bank-x', role: 'bank', password: PW });
  assert.equal(noBank.status, 400);
  assert.equal(noBank.json.error.field, 'bank_id');
  assert.match(noBank.json.error.message, /银行/);
  const staffBank = await as.admin.post('/api/users', { username: 'ccetdz-test-bank-y', role: 'staff', dept_id: me.svc.dept_id, bank_id: bank.a.id, password: PW });
  assert.equal(staffBank.status, 400);
  assert.equal(staffBank.json.error.field, 'bank_id');
  const foreign = await as.zone2_admin.post('/api/users', { username: 'hmetdz-test-bank-z', role: 'bank', bank_id: bank.a.id, password: PW });
  assert.equal(foreign.status, 400);
  assert.equal(foreign.json.error.field, 'bank_id');
  const me1 = (await as.bankA.get('/api/me')).json.user;
  assert.equal(me1.role, 'bank');
  const u = (await as.admin.get(`/api/users/${me1.id}`)).json;
  assert.equal(u.bank_id, bank.a.id);
  assert.equal(u.bank_name, '测试吉林银行');
});

test('a demand is pushed to a bank, answered, approved and disbursed; the enterprise and the bank are notified', async () => {
  const d = await demand(as.ent, { enterprise_id: me.weipai.enterprise_id }); // its own, whatever it says
  assert.equal(d.enterprise_id, me.ent.enterprise_id);
  assert.equal(d.status, 'submitted');
  assert.match(d.submitted_on, /^\d{4}-\d{2}-\d{2}$/);
  assert.equal(d.notes, undefined, 'the service center notes are internal');
  const notes0 = (await as.bankA.get('/api/finance/notifications')).json.total;
  const p = await as.svc.post(`/api/finance/demands/${d.id}/push`, { bank_ids: [bank.a.id] });
  assert.equal(p.status, 200, p.body);
  assert.equal(p.json.status, 'pushed');
  const nb = (await as.bankA.get('/api/finance/notifications')).json;
  assert.equal(nb.total, notes0 + 1, 'the bank user is notified');
  assert.equal(nb.items[0].kind, 'pushed');
  assert.match(nb.items[0].title, /新推送融资需求/);
  assert.equal(nb.items[0].fin_demand_id, d.id);
  assert.equal((await as.bankB.get('/api/finance/notifications')).json.total, 0, 'another bank is not');
  assert.equal((await as.bankA.post('/api/finance/notifications/read-all', {})).status, 200);
  assert.equal((await as.bankA.get('/api/finance/notifications?unread=1')).json.total, 0);
  assert.equal((await as.bankA.get('/api/notifications')).status, 403, 'the shared list is not for the bank role');
  const again = await as.svc.post(`/api/finance/demands/${d.id}/push`, { bank_ids: [bank.a.id] });
  assert.equal(again.status, 409);
  const [o] = await offerOf(as.bankA, d.id);
  assert.equal(o.status, 'pushed');
  assert.equal(o.bank_name, '测试吉林银行');
  assert.equal(o.enterprise_id, me.ent.enterprise_id);
  const entNotes0 = (await as.ent.get('/api/notifications')).json.total;
  const acc = await as.bankA.post(`/api/finance/offers/${o.id}/accept`, {});
  assert.equal(acc.status, 200, acc.body);
  assert.equal(acc.json.status, 'reviewing');
  const twice = await as.bankA.post(`/api/finance/offers/${o.id}/accept`, {});
  assert.equal(twice.status, 409);
  assert.match(twice.json.error.message, /审查中/);
  // an approval names the amount, rate, term and date; the product must be the bank's
  const bad = await as.bankA.post(`/api/finance/offers/${o.id}/approve`, { rate: 3.85, term_months: 36, approved_on: '2030-01-10' });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.field, 'approved_amount');
  const otherProduct = await as.bankA.post(`/api/finance/offers/${o.id}/approve`, { product_id: product.b.id, approved_amount: 4500, rate: 3.85, term_months: 36, approved_on: '2030-01-10' });
  assert.equal(otherProduct.status, 400);
  assert.equal(otherProduct.json.error.field, 'product_id');
  const ap = await as.bankA.post(`/api/finance/offers/${o.id}/approve`, { product_id: product.a.id, approved_amount: 4500, rate: 3.85, term_months: 36, approved_on: '2030-01-10' });
  assert.equal(ap.status, 200, ap.body);
  assert.equal(ap.json.status, 'approved');
  assert.equal(ap.json.approved_amount, 4500);
  assert.equal(ap.json.guarantee, 'credit');
  assert.equal((await as.ent.get(`/api/finance/demands/${d.id}`)).json.status, 'approved');
  // tranches: never past the approved amount, never before the approval
  const early = await as.bankA.post(`/api/finance/offers/${o.id}/disburse`, { on_date: '2030-01-01', amount: 100 });
  assert.equal(early.status, 400);
  assert.equal(early.json.error.field, 'on_date');
  for (const [on, amount] of [['2030-01-20', 2000], ['2030-03-01', 1500]]) {
    const t = await as.bankA.post(`/api/finance/offers/${o.id}/disburse`, { on_date: on, amount });
    assert.equal(t.status, 200, t.body);
  }
  const over = await as.bankA.post(`/api/finance/offers/${o.id}/disburse`, { on_date: '2030-04-01', amount: 1000.01 });
  assert.equal(over.status, 400);
  assert.equal(over.json.error.field, 'amount');
  assert.match(over.json.error.message, /批复金额/);
  const got = (await as.bankA.get(`/api/finance/offers/${o.id}`)).json;
  assert.equal(got.status, 'disbursed');
  assert.equal(got.disbursed, 3500);
  const tr = await as.ent.get(`/api/finance/offers/${o.id}/tranches`);
  assert.equal(tr.status, 200);
  assert.deepEqual(tr.json.items.map((t) => [t.on_date, t.amount]), [['2030-01-20', 2000], ['2030-03-01', 1500]]);
  const dd = (await as.ent.get(`/api/finance/demands/${d.id}`)).json;
  assert.equal(dd.status, 'disbursed');
  assert.equal(dd.approved, 4500);
  assert.equal(dd.disbursed, 3500);
  const entNotes = (await as.ent.get('/api/notifications')).json;
  assert.ok(entNotes.total >= entNotes0 + 4, 'the enterprise is notified of each answer');
  assert.ok(entNotes.items.some((n) => n.fin_demand_id === d.id && n.kind === 'disbursed'));
  // too late to withdraw; the service center closes it
  const wd = await as.ent.post(`/api/finance/demands/${d.id}/withdraw`, {});
  assert.equal(wd.status, 409);
  assert.match(wd.json.error.message, /已放款/);
  const cl = await as.svc.post(`/api/finance/demands/${d.id}/close`, {});
  assert.equal(cl.status, 200);
  assert.equal(cl.json.status, 'closed');
  const late = await as.bankA.post(`/api/finance/offers/${o.id}/disburse`, { on_date: '2030-04-01', amount: 10 });
  assert.equal(late.status, 409);
});

test('a bank user sees only the demands pushed to its bank and its own answers', async () => {
  const { d, offers } = await pushed([bank.a.id, bank.b.id]);
  const oa = offers.find((o) => o.bank_id === bank.a.id), ob = offers.find((o) => o.bank_id === bank.b.id);
  const decl = await as.bankB.post(`/api/finance/offers/${ob.id}/decline`, { reason: '测试婉拒：抵押物不足' });
  assert.equal(decl.status, 200, decl.body);
  // B reads its answer, never A's; A never B's
  assert.equal((await as.bankB.get(`/api/finance/offers/${oa.id}`)).status, 404);
  assert.equal((await as.bankA.get(`/api/finance/offers/${ob.id}`)).status, 404);
  const mineB = await offerOf(as.bankB, d.id);
  assert.deepEqual(mineB.map((o) => o.id), [ob.id]);
  assert.ok(!JSON.stringify(await offerOf(as.bankA, d.id)).includes('测试婉拒'));
  // nor the totals across banks
  const seenB = (await as.bankB.get(`/api/finance/demands/${d.id}`)).json;
  assert.equal(seenB.approved, undefined);
  assert.equal(seenB.banks, undefined);
  // a demand pushed only to A: B gets 404 and lists nothing of it; its writes are refused
  const { d: d2, offers: [o2] } = await pushed([bank.a.id]);
  const audit0 = await auditTotal();
  assert.equal((await as.bankB.get(`/api/finance/demands/${d2.id}`)).status, 404);
  for (const [path, body] of [['accept', {}], ['decline', { reason: '越权' }], ['approve', { approved_amount: 1, rate: 1, term_months: 1, approved_on: '2030-01-01' }], ['disburse', { on_date: '2030-01-01', amount: 1 }]]) {
    const r = await as.bankB.post(`/api/finance/offers/${o2.id}/${path}`, body);
    assert.equal(r.status, 404, `${path}: ${r.body}`);
  }
  assert.equal((await as.bankB.get(`/api/finance/offers/${o2.id}/tranches`)).status, 404);
  assert.equal(await auditTotal(), audit0, 'nothing written by the other bank');
  const listB = await as.bankB.get('/api/finance/demands?page_size=200');
  assert.ok(listB.json.items.every((x) => x.id !== d2.id));
  assert.ok(listB.json.items.some((x) => x.id === d.id));
  const offersB = await as.bankB.get('/api/finance/offers?page_size=200');
  assert.ok(offersB.json.items.every((x) => x.bank_id === bank.b.id));
  // the exports hold the same rows
  const csv = await as.bankB.get('/api/finance/demands/export?format=csv');
  assert.equal(csv.status, 200);
  const rows = readCsv(csv.body);
  assert.ok(rows.length >= 2);
  assert.ok(rows.slice(1).every((r) => Number(r[0]) !== d2.id));
  assert.ok(rows.slice(1).some((r) => Number(r[0]) === d.id));
  const ocsv = await as.bankB.get('/api/finance/offers/export?format=csv');
  assert.equal(ocsv.status, 200);
  assert.ok(!ocsv.body.includes('测试吉林银行'), 'no answer of another bank in the export');
  const x = await as.svc.get('/api/finance/offers/export');
  assert.equal(x.status, 200);
  assert.match(x.headers.get('content-type'), /spreadsheetml/);
});

test('an enterprise sees its own demands and their answers; another enterprise and another zone get 404', async () => {
  const { d, offers: [o] } = await pushed([bank.a.id]);
  assert.equal((await as.weipai.get(`/api/finance/demands/${d.id}`)).status, 404);
  assert.equal((await as.weipai.get(`/api/finance/offers/${o.id}`)).status, 404);
  assert.equal((await as.weipai.post(`/api/finance/demands/${d.id}/withdraw`, {})).status, 404);
  const list = await as.weipai.get('/api/finance/demands?page_size=200');
  assert.ok(list.json.items.every((x) => x.enterprise_id === me.weipai.enterprise_id));
  for (const k of ['zone2_admin', 'zone2_ent']) {
    assert.equal((await as[k].get(`/api/finance/demands/${d.id}`)).status, 404, k);
    assert.equal((await as[k].get(`/api/finance/offers/${o.id}`)).status, 404, k);
    assert.equal((await as[k].get(`/api/finance/banks/${bank.a.id}`)).status, 404, k);
    assert.equal((await as[k].get(`/api/finance/products/${product.a.id}`)).status, 404, k);
  }
  assert.equal((await as.zone2_admin.post(`/api/finance/demands/${d.id}/push`, { bank_ids: [bank.a.id] })).status, 404);
  assert.equal((await as.zone2_admin.post(`/api/finance/offers/${o.id}/accept`, {})).status, 404);
  const z2 = await as.zone2_admin.get('/api/finance/banks?page_size=200');
  assert.ok(z2.json.items.every((b) => b.id !== bank.a.id));
  // the other zone's service center may not push to this zone's bank
  const own = await as.zone2_ent.post('/api/finance/demands', { amount: 300, purpose: '流动资金', term_months: 12 });
  assert.equal(own.status, 201, own.body);
  const cross = await as.zone2_admin.post(`/api/finance/demands/${own.json.id}/push`, { bank_ids: [bank.a.id] });
  assert.equal(cross.status, 400);
  assert.equal(cross.json.error.field, 'bank_ids');
  // the enterprise withdraws its own before approval
  const wd = await as.ent.post(`/api/finance/demands/${d.id}/withdraw`, {});
  assert.equal(wd.status, 200);
  assert.equal(wd.json.status, 'withdrawn');
  const late = await as.bankA.post(`/api/finance/offers/${o.id}/accept`, {});
  assert.equal(late.status, 409);
  assert.match(late.json.error.message, /撤回/);
});

test('drafts, edits and validation: 400 naming the field, 409 naming the state', async () => {
  const dr = await demand(as.ent, { draft: true });
  assert.equal(dr.status, 'draft');
  assert.equal((await as.svc.post(`/api/finance/demands/${dr.id}/push`, { bank_ids: [bank.a.id] })).status, 409);
  const ed = await as.ent.patch(`/api/finance/demands/${dr.id}`, { amount: 800 });
  assert.equal(ed.status, 200, ed.body);
  assert.equal(ed.json.amount, 800);
  const sub = await as.ent.post(`/api/finance/demands/${dr.id}/submit`, {});
  assert.equal(sub.status, 200);
  assert.equal(sub.json.status, 'submitted');
  assert.equal((await as.ent.post(`/api/finance/demands/${dr.id}/submit`, {})).status, 409);
  const cases = [
    [{ purpose: 'x', term_months: 12 }, 'amount'],
    [{ amount: -1, purpose: 'x', term_months: 12 }, 'amount'],
    [{ amount: 100, term_months: 12 }, 'purpose'],
    [{ amount: 100, purpose: 'x', term_months: 0 }, 'term_months'],
    [{ amount: 100, purpose: 'x', term_months: 12, urgency: 'asap' }, 'urgency'],
    [{ amount: 100, purpose: 'x', term_months: 12, wanted_by: '2030-02-30' }, 'wanted_by'],
  ];
  for (const [body, field] of cases) {
    const r = await as.ent.post('/api/finance/demands', body);
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.equal(r.json.error.field, field, JSON.stringify(body));
    assert.match(r.json.error.message, /[\u4e00-\u9fa5]/);
  }
  const noEnt = await as.admin.post('/api/finance/demands', { amount: 100, purpose: 'x', term_months: 12 });
  assert.equal(noEnt.status, 400);
  assert.equal(noEnt.json.error.field, 'enterprise_id');
  const prod = await as.svc.post('/api/finance/products', { bank_id: bank.a.id, name: '区间错误', guarantee: 'insurance', term_months: 12, rate_min: 5, rate_max: 4 });
  assert.equal(prod.status, 400);
  assert.equal(prod.json.error.field, 'rate_max');
  const g = await as.svc.post('/api/finance/products', { bank_id: bank.a.id, name: '担保方式错误', guarantee: 'magic', term_months: 12 });
  assert.equal(g.status, 400);
  assert.equal(g.json.error.field, 'guarantee');
  const dup = await as.svc.post('/api/finance/banks', { name: '测试吉林银行', branch: '经开区支行' });
  assert.equal(dup.status, 409);
  const { offers: [o] } = await pushed([bank.a.id]);
  const noReason = await as.bankA.post(`/api/finance/offers/${o.id}/decline`, {});
  assert.equal(noReason.status, 400);
  assert.equal(noReason.json.error.field, 'reason');
  const bids = await as.svc.post(`/api/finance/demands/${sub.json.id}/push`, { bank_ids: ['a'] });
  assert.equal(bids.status, 400);
  assert.equal(bids.json.error.field, 'bank_ids');
  const pushedEdit = await as.ent.patch(`/api/finance/demands/${o.demand_id}`, { amount: 1 });
  assert.equal(pushedEdit.status, 409);
});

test('the figures: demanded, approved and disbursed by bank, product, guarantee type and month', async () => {
  const before = (await as.leader.get('/api/finance/summary?year=2031')).json;
  const { offers: [o] } = await pushed([bank.b.id]);
  const ins = await as.svc.post('/api/finance/products', { bank_id: bank.b.id, name: '测试保证保险贷', guarantee: 'insurance', term_months: 12 });
  assert.equal(ins.status, 201);
  assert.equal((await as.bankB.post(`/api/finance/offers/${o.id}/approve`, { product_id: ins.json.id, approved_amount: 1200, rate: 4.2, term_months: 12, approved_on: '2031-05-06' })).status, 200);
  assert.equal((await as.bankB.post(`/api/finance/offers/${o.id}/disburse`, { on_date: '2031-06-01', amount: 700 })).status, 200);
  const s = (await as.leader.get('/api/finance/summary?year=2031')).json;
  assert.equal(s.year, 2031);
  assert.equal(s.approved - before.approved, 1200);
  assert.equal(s.disbursed - before.disbursed, 700);
  const b = s.by_bank.find((x) => x.bank_id === bank.b.id);
  assert.equal(b.approved, 1200);
  assert.equal(b.disbursed, 700);
  assert.equal(s.by_guarantee.find((x) => x.guarantee === 'insurance').approved, 1200);
  assert.equal(s.by_guarantee.find((x) => x.guarantee === 'insurance').label, '保证保险');
  assert.equal(s.by_product.find((x) => x.product_id === ins.json.id).approved, 1200);
  assert.equal(s.by_month.length, 12);
  assert.equal(s.by_month[4].month, '2031-05');
  assert.equal(s.by_month[4].approved, 1200);
  assert.equal(s.by_month[5].disbursed, 700);
  const sum = (k) => s.by_bank.reduce((a, x) => a + x[k], 0);
  assert.ok(Math.abs(sum('approved') - s.approved) < 0.01);
  const all = (await as.leader.get('/api/finance/summary')).json;
  assert.equal(all.year, null);
  assert.ok(all.approved >= s.approved);
  assert.equal((await as.leader.get('/api/finance/summary?year=1999')).status, 400);
  // another zone counts none of it
  const z2 = (await as.zone2_admin.get('/api/finance/summary?year=2031')).json;
  assert.ok(!z2.by_bank.some((x) => x.bank_id === bank.b.id));
});
