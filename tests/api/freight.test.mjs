// 工业物流 (src/freight/): on the demo data, the service center registers carriers and their
// trucks and posts their spare capacity on a route; an enterprise posts a part-load, sees the
// offers that fit it (route, dates, room) ranked, chooses one (which accepts it), the service
// center confirms for the carrier and records the trip's outcome; the savings and the matched
// loads are the zone's figures. Vehicle registrations are filed by an enterprise and approved or
// rejected by the service center, counted by day. An enterprise reads its own posts and the
// offers of its loads, never another's (404); another zone sees nothing (404); every bad input is
// a 400 naming its field in Chinese, every refused move a 409 naming the state. A carrier's own
// account (role carrier) reads its carrier, trucks, offers and the loads matched to them, posts
// and closes its spare capacity, is told of a load matched to it and confirms or declines it;
// another carrier's rows are 404 to it, the staff's routes 403.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, cli, newDatabase, newUser, demoDatabase, DEMO_PW } from './lib.mjs';

const PW = DEMO_PW;
const NAMES = {
  admin: 'ccetdz-admin', svc: 'ccetdz-fuwu', leader: 'ccetdz-leader', head: 'ccetdz-jingfa',
  ent: 'ccetdz-qiye', weipai: 'ccetdz-weipai', province: 'province-viewer',
  zone2_admin: 'hmetdz-admin', zone2_ent: 'hmetdz-qiye',
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
let seq = 0;
const plate = () => `苏F${String(10000 + (++seq * 37) % 89999).padStart(5, '0')}`;
async function carrier(extra = {}) {
  const r = await as.svc.post('/api/freight/carriers', { name: `测试物流${++seq}`, contact: '王经理', phone: '0513-82100000', ...extra });
  assert.equal(r.status, 201, r.body);
  return r.json;
}
async function truck(c, extra = {}) {
  const r = await as.svc.post('/api/freight/trucks', { carrier_id: c.id, plate: plate(), driver: '张师傅', phone: '13800000000', capacity_t: 10, capacity_m3: 40, ...extra });
  assert.equal(r.status, 201, r.body);
  return r.json;
}
async function offer(t, extra = {}) {
  const r = await as.svc.post('/api/freight/offers', { truck_id: t.id, origin: '海门', destination: '常州', via: ['南通', '无锡'], date_from: day(1), date_to: day(3), spare_t: 5, spare_m3: 20, full_price: 3000, ...extra });
  assert.equal(r.status, 201, r.body);
  return r.json;
}
async function load(c = as.ent, extra = {}) {
  const r = await c.post('/api/freight/loads', { goods: '电子元器件', goods_value: 2, weight_t: 2, volume_m3: 8, origin: '海门', destination: '常州', date_from: day(0), date_to: day(2), price: 1200, ...extra });
  assert.equal(r.status, 201, r.body);
  return r.json;
}
async function auditTotal() {
  return (await as.admin.get('/api/audit?page_size=1')).json.total;
}
const ids = (r) => r.json.items.map((x) => x.id);

test('who may: the service center keeps carriers, trucks and offers; enterprises post loads; leaders read the figures', async () => {
  const body = { name: '权限测试物流' };
  assert.equal((await as.admin.post('/api/freight/carriers', body)).status, 201);
  for (const k of ['leader', 'head', 'ent', 'province']) {
    const r = await as[k].post('/api/freight/carriers', { name: `权限测试物流${k}` });
    assert.equal(r.status, 403, `${k}: ${r.body}`);
  }
  for (const k of ['leader', 'province']) {
    const r = await as[k].post('/api/freight/loads', { goods: '钢材', weight_t: 1, volume_m3: 1, origin: '海门', destination: '常州', date_from: day(0), date_to: day(1), price: 100, enterprise_id: me.ent.enterprise_id });
    assert.equal(r.status, 403, `${k}: ${r.body}`);
  }
  for (const k of ['leader', 'head', 'svc']) assert.equal((await as[k].get('/api/freight/summary')).status, 200, k);
  assert.equal((await as.ent.get('/api/freight/summary')).status, 403);
  assert.equal((await as.province.get('/api/freight/loads')).status, 403);
  assert.equal((await new Client(srv.base).get('/api/freight/loads')).status, 401);
});

test('a department posts for the enterprises it serves and reads their loads only', async () => {
  const served = (await as.head.get('/api/enterprises?page_size=200')).json.items.map((e) => e.id);
  const all = (await as.admin.get('/api/enterprises?page_size=200')).json.items.map((e) => e.id);
  let other = null;
  for (const id of all.filter((x) => !served.includes(x))) {
    if ((await as.head.get(`/api/enterprises/${id}`)).status === 404) { other = id; break; }
  }
  assert.ok(served.length > 0 && other, 'the head serves some of the zone\'s enterprises, not all');
  const body = { goods: '钢材', weight_t: 1, volume_m3: 1, origin: '海门', destination: '常州', date_from: day(0), date_to: day(1), price: 100 };
  const mine = await as.head.post('/api/freight/loads', { ...body, enterprise_id: served[0] });
  assert.equal(mine.status, 201, mine.body);
  const audit0 = await auditTotal();
  const r = await as.head.post('/api/freight/loads', { ...body, enterprise_id: other });
  assert.equal(r.status, 400, r.body);
  assert.equal(r.json.error.field, 'enterprise_id');
  assert.equal(await auditTotal(), audit0, 'nothing written');
  const theirs = await load(as.svc, { enterprise_id: other });
  assert.equal((await as.head.get(`/api/freight/loads/${theirs.id}`)).status, 404);
  const list = (await as.head.get('/api/freight/loads?page_size=200')).json.items;
  assert.ok(list.some((x) => x.id === mine.json.id));
  assert.ok(!list.some((x) => x.enterprise_id === other), 'only the enterprises it serves');
  // the service center reads them all
  assert.equal((await as.svc.get(`/api/freight/loads/${theirs.id}`)).status, 200);
});

test('plates: Chinese plates only, new-energy 8 characters and trailers included; one truck per plate', async () => {
  const c = await carrier();
  for (const p of ['苏FD12345', '苏F12345D', '沪A1234挂', '苏FA8K29']) {
    const r = await as.svc.post('/api/freight/trucks', { carrier_id: c.id, plate: p, driver: '李师傅', capacity_t: 5, capacity_m3: 20 });
    assert.equal(r.status, 201, `${p}: ${r.body}`);
    assert.equal(r.json.plate, p);
    assert.equal(r.json.carrier_name, c.name);
  }
  for (const p of ['苏f12345', 'AB12345', '苏F1234', '苏F123456', '苏FI2345', '苏FD1234X', 'X苏F12345', '苏F12345DD']) {
    const r = await as.svc.post('/api/freight/trucks', { carrier_id: c.id, plate: p, driver: '李师傅', capacity_t: 5, capacity_m3: 20 });
    assert.equal(r.status, 400, `${p}: ${r.body}`);
    assert.equal(r.json.error.field, 'plate', p);
    assert.match(r.json.error.message, /车牌号/);
  }
  const dup = await as.svc.post('/api/freight/trucks', { carrier_id: c.id, plate: '苏FD12345', driver: '赵师傅', capacity_t: 5, capacity_m3: 20 });
  assert.equal(dup.status, 409);
  assert.equal(dup.json.error.field, 'plate');
  const none = await as.svc.post('/api/freight/trucks', { carrier_id: 999999, plate: '苏F99999', driver: '赵师傅', capacity_t: 5, capacity_m3: 20 });
  assert.equal(none.status, 400);
  assert.equal(none.json.error.field, 'carrier_id');
});

test('offers and loads are validated field by field', async () => {
  const t = await truck(await carrier());
  const bad = [
    [{ via: '南通' }, 'via'], [{ via: [''] }, 'via'], [{ via: [1] }, 'via'],
    [{ date_to: day(0) }, 'date_to'], [{ spare_t: 11 }, 'spare_t'], [{ spare_m3: 41 }, 'spare_m3'],
    [{ destination: '海门市' }, 'destination'], [{ full_price: -1 }, 'full_price'], [{ date_from: '2026-02-30' }, 'date_from'],
    [{ truck_id: 999999 }, 'truck_id'],
  ];
  for (const [extra, field] of bad) {
    const r = await as.svc.post('/api/freight/offers', { truck_id: t.id, origin: '海门', destination: '常州', date_from: day(1), date_to: day(3), spare_t: 5, spare_m3: 20, full_price: 3000, ...extra });
    assert.equal(r.status, 400, `${JSON.stringify(extra)}: ${r.body}`);
    assert.equal(r.json.error.field, field, JSON.stringify(extra));
    assert.match(r.json.error.message, /[\u4e00-\u9fa5]/);
  }
  const loadBad = [
    [{ weight_t: 0 }, 'weight_t'], [{ volume_m3: -1 }, 'volume_m3'], [{ goods: '' }, 'goods'],
    [{ date_to: day(-1) }, 'date_to'], [{ destination: '海门' }, 'destination'], [{ price: 'x' }, 'price'],
  ];
  for (const [extra, field] of loadBad) {
    const r = await as.ent.post('/api/freight/loads', { goods: '电子元器件', weight_t: 2, volume_m3: 8, origin: '海门', destination: '常州', date_from: day(0), date_to: day(2), price: 1200, ...extra });
    assert.equal(r.status, 400, `${JSON.stringify(extra)}: ${r.body}`);
    assert.equal(r.json.error.field, field, JSON.stringify(extra));
  }
  // staff name the enterprise, which must be of the zone
  let r = await as.svc.post('/api/freight/loads', { goods: '钢材', weight_t: 1, volume_m3: 1, origin: '海门', destination: '常州', date_from: day(0), date_to: day(1), price: 100 });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'enterprise_id');
  r = await as.svc.post('/api/freight/loads', { goods: '钢材', weight_t: 1, volume_m3: 1, origin: '海门', destination: '常州', date_from: day(0), date_to: day(1), price: 100, enterprise_id: me.zone2_ent.enterprise_id });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'enterprise_id');
  // an enterprise posts for itself, whatever it names
  const own = await load(as.ent, { enterprise_id: me.weipai.enterprise_id });
  assert.equal(own.enterprise_id, me.ent.enterprise_id);
  assert.equal(own.status, 'open');
});

test('matching: by route (destination, or on the way after the origin), dates and room, ranked', async () => {
  const c = await carrier();
  const dest = `常州${seq}`; // a destination of this test's own
  const t1 = await truck(c), t2 = await truck(c), t3 = await truck(c), t4 = await truck(c), t5 = await truck(c);
  const late = await offer(t1, { destination: dest, via: [], date_from: day(2), date_to: day(4) });
  const early = await offer(t2, { destination: dest, via: [], date_from: day(1), date_to: day(2), spare_t: 9, spare_m3: 36 });
  const tight = await offer(t3, { destination: dest, via: [], date_from: day(1), date_to: day(2), spare_t: 2.5, spare_m3: 9 });
  const onTheWay = await offer(t4, { destination: '上海', via: ['南通', dest, '苏州'], date_from: day(1), date_to: day(1) });
  const before = await offer(t5, { origin: '南通', destination: '上海', via: [dest], date_from: day(1), date_to: day(1) });
  const l = await load(as.ent, { destination: dest });
  const m = await as.ent.get(`/api/freight/loads/${l.id}/matches`);
  assert.equal(m.status, 200, m.body);
  const got = ids(m);
  // earliest first; on the same day the least waste (tight, then on the way, then early); the
  // offer whose route reaches the destination before the load's origin never
  assert.deepEqual(got.filter((id) => [late.id, early.id, tight.id, onTheWay.id, before.id].includes(id)),
    [tight.id, onTheWay.id, early.id, late.id]);
  assert.ok(!got.includes(before.id));
  // out of the window, or too heavy: not a match
  const far = await load(as.ent, { destination: dest, date_from: day(10), date_to: day(12) });
  assert.deepEqual(ids(await as.ent.get(`/api/freight/loads/${far.id}/matches`)).filter((id) => [late.id, early.id, tight.id, onTheWay.id].includes(id)), []);
  const heavy = await load(as.ent, { destination: dest, weight_t: 6 });
  const hm = ids(await as.ent.get(`/api/freight/loads/${heavy.id}/matches`));
  assert.ok(hm.includes(early.id) && !hm.includes(late.id) && !hm.includes(tight.id), JSON.stringify(hm));
  // 常州市 is 常州
  const city = await load(as.ent, { destination: `${dest}市` });
  assert.ok(ids(await as.ent.get(`/api/freight/loads/${city.id}/matches`)).includes(late.id));
  // choosing one that does not fit is refused
  const r = await as.ent.post(`/api/freight/loads/${heavy.id}/match`, { offer_id: tight.id });
  assert.equal(r.status, 409);
  assert.equal(r.json.error.field, 'offer_id');
  assert.match(r.json.error.message, /载量/);
});

test('the flow: an enterprise chooses an offer, the carrier side confirms, the trip is delivered and saves money', async () => {
  const c = await carrier();
  const t = await truck(c);
  const o = await offer(t, { destination: '常州', via: [] });
  const sum0 = (await as.svc.get('/api/freight/summary')).json;
  const l = await load(as.ent, { price: 1200 });
  const audit0 = await auditTotal();
  let r = await as.ent.post(`/api/freight/loads/${l.id}/match`, { offer_id: o.id });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.status, 'matched');
  assert.equal(r.json.shipper_ok, true, 'choosing accepts');
  assert.equal(r.json.carrier_ok, false);
  assert.equal(r.json.plate, t.plate);
  assert.equal(r.json.carrier_name, c.name);
  assert.equal(await auditTotal(), audit0 + 1);
  // the room it takes is gone from the offer
  const oo = (await as.svc.get(`/api/freight/offers/${o.id}`)).json;
  assert.equal(oo.used_t, 2);
  assert.equal(oo.used_m3, 8);
  r = await as.ent.post(`/api/freight/loads/${l.id}/confirm`);
  assert.equal(r.status, 409);
  assert.match(r.json.error.message, /本方已确认/);
  r = await as.ent.post(`/api/freight/loads/${l.id}/done`, { outcome: 'delivered' });
  assert.equal(r.status, 403, 'the outcome is the service center\'s');
  r = await as.svc.post(`/api/freight/loads/${l.id}/done`, { outcome: 'delivered' });
  assert.equal(r.status, 409, 'not before both confirm');
  assert.match(r.json.error.message, /尚未双方确认/);
  r = await as.svc.post(`/api/freight/loads/${l.id}/confirm`);
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.status, 'confirmed');
  assert.equal(r.json.carrier_ok, true);
  // the enterprise is told
  const notes = (await as.ent.get('/api/notifications')).json.items.filter((n) => n.freight_load_id === l.id);
  assert.ok(notes.some((n) => n.kind === 'confirmed'), JSON.stringify(notes));
  assert.ok(!(await as.weipai.get('/api/notifications')).json.items.some((n) => n.freight_load_id === l.id));
  r = await as.ent.post(`/api/freight/loads/${l.id}/withdraw`);
  assert.equal(r.status, 409);
  assert.match(r.json.error.message, /双方确认/);
  for (const [body, field] of [[{ outcome: 'lost' }, 'outcome'], [{ outcome: 'failed' }, 'note'], [{}, 'outcome']]) {
    r = await as.svc.post(`/api/freight/loads/${l.id}/done`, body);
    assert.equal(r.status, 400, r.body);
    assert.equal(r.json.error.field, field);
  }
  r = await as.svc.post(`/api/freight/loads/${l.id}/done`, { outcome: 'delivered', note: '按时送达' });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.status, 'delivered');
  assert.equal(r.json.outcome_note, '按时送达');
  assert.ok(r.json.done_at);
  r = await as.svc.post(`/api/freight/loads/${l.id}/done`, { outcome: 'failed', note: 'x' });
  assert.equal(r.status, 409);
  assert.match(r.json.error.message, /已送达/);
  const sum1 = (await as.svc.get('/api/freight/summary')).json;
  assert.equal(sum1.matched, sum0.matched + 1);
  assert.equal(sum1.delivered, sum0.delivered + 1);
  assert.ok(Math.abs(sum1.savings_wan - sum0.savings_wan - 0.18) < 0.0051, `${sum0.savings_wan} → ${sum1.savings_wan}`);
  assert.ok(Math.abs(sum1.goods_wan - sum0.goods_wan - 2) < 0.0051);
});

test('staff propose, the enterprise declines or confirms; a trip is cancelled; a load withdrawn', async () => {
  const t = await truck(await carrier());
  const o = await offer(t, { destination: '常州', via: [] });
  const l = await load();
  let r = await as.svc.post(`/api/freight/loads/${l.id}/match`, { offer_id: o.id });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.shipper_ok, false);
  const notes = (await as.ent.get('/api/notifications')).json.items.filter((n) => n.freight_load_id === l.id);
  assert.ok(notes.some((n) => n.kind === 'matched'), JSON.stringify(notes));
  r = await as.svc.post(`/api/freight/loads/${l.id}/match`, { offer_id: o.id });
  assert.equal(r.status, 409, 'matched already');
  r = await as.ent.post(`/api/freight/loads/${l.id}/decline`);
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.status, 'open');
  assert.equal(r.json.offer_id, null);
  assert.equal((await as.svc.get(`/api/freight/offers/${o.id}`)).json.used_t, 0, 'its room is free again');
  r = await as.svc.post(`/api/freight/loads/${l.id}/match`, { offer_id: o.id });
  assert.equal(r.status, 200);
  r = await as.svc.post(`/api/freight/loads/${l.id}/confirm`);
  assert.equal(r.json.status, 'matched', 'one side only');
  r = await as.ent.post(`/api/freight/loads/${l.id}/confirm`);
  assert.equal(r.json.status, 'confirmed');
  r = await as.ent.post(`/api/freight/loads/${l.id}/cancel`);
  assert.equal(r.status, 403);
  r = await as.svc.post(`/api/freight/loads/${l.id}/cancel`);
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.status, 'open');
  r = await as.ent.post(`/api/freight/loads/${l.id}/withdraw`);
  assert.equal(r.json.status, 'withdrawn');
  r = await as.ent.post(`/api/freight/loads/${l.id}/match`, { offer_id: o.id });
  assert.equal(r.status, 409);
  assert.match(r.json.error.message, /已撤回/);
  assert.deepEqual((await as.ent.get(`/api/freight/loads/${l.id}/matches`)).json.items, [], 'a withdrawn load has no matches');
  // a closed offer is no longer offered
  const l2 = await load();
  assert.ok(ids(await as.ent.get(`/api/freight/loads/${l2.id}/matches`)).includes(o.id));
  r = await as.svc.post(`/api/freight/offers/${o.id}/close`);
  assert.equal(r.json.status, 'closed');
  assert.equal((await as.svc.post(`/api/freight/offers/${o.id}/close`)).status, 409);
  assert.ok(!ids(await as.ent.get(`/api/freight/loads/${l2.id}/matches`)).includes(o.id));
  r = await as.ent.post(`/api/freight/loads/${l2.id}/match`, { offer_id: o.id });
  assert.equal(r.status, 409);
});

test('scope: an enterprise reads its own loads and the offers of them; other enterprises and zones get 404', async () => {
  const c = await carrier({ notes: '内部备注：结算账期30天' });
  const t = await truck(c);
  const o = await offer(t, { destination: '常州', via: [], notes: '内部备注：司机常跑' });
  const other = await offer(await truck(c), { destination: '常州', via: [] });
  const mine = await load();
  const theirs = await load(as.weipai);
  assert.equal((await as.ent.post(`/api/freight/loads/${mine.id}/match`, { offer_id: o.id })).status, 200);
  const list = await as.ent.get('/api/freight/loads?page_size=200');
  assert.ok(list.json.items.every((x) => x.enterprise_id === me.ent.enterprise_id));
  assert.ok(!ids(list).includes(theirs.id));
  for (const path of [`/api/freight/loads/${theirs.id}`, `/api/freight/loads/${theirs.id}/matches`, `/api/freight/offers/${other.id}`]) {
    assert.equal((await as.ent.get(path)).status, 404, path);
  }
  for (const a of ['confirm', 'withdraw', 'decline']) {
    assert.equal((await as.ent.post(`/api/freight/loads/${theirs.id}/${a}`)).status, 404, a);
  }
  assert.equal((await as.ent.post(`/api/freight/loads/${theirs.id}/match`, { offer_id: o.id })).status, 404);
  // the offer of its load, its truck and carrier, without the zone's notes
  const seen = await as.ent.get(`/api/freight/offers/${o.id}`);
  assert.equal(seen.status, 200);
  assert.equal(seen.json.notes, undefined);
  assert.equal(seen.json.plate, t.plate);
  assert.deepEqual(ids(await as.ent.get('/api/freight/offers?page_size=200')).includes(other.id), false);
  assert.equal((await as.ent.get(`/api/freight/carriers/${c.id}`)).status, 200);
  assert.equal((await as.ent.get(`/api/freight/carriers/${c.id}`)).json.notes, undefined);
  assert.equal((await as.weipai.get(`/api/freight/carriers/${c.id}`)).status, 404);
  assert.equal((await as.weipai.get(`/api/freight/trucks/${t.id}`)).status, 404);
  // staff see the notes
  assert.match((await as.svc.get(`/api/freight/offers/${o.id}`)).json.notes, /司机常跑/);
  // another zone: nothing
  for (const path of [`/api/freight/loads/${mine.id}`, `/api/freight/offers/${o.id}`, `/api/freight/carriers/${c.id}`, `/api/freight/trucks/${t.id}`]) {
    assert.equal((await as.zone2_admin.get(path)).status, 404, path);
    assert.equal((await as.zone2_ent.get(path)).status, 404, path);
  }
  assert.equal((await as.zone2_admin.post(`/api/freight/offers/${o.id}/close`)).status, 404);
  assert.equal((await as.zone2_admin.post(`/api/freight/loads/${mine.id}/confirm`)).status, 404);
  const zl = await as.zone2_ent.post('/api/freight/loads', { goods: '纺织品', weight_t: 1, volume_m3: 3, origin: '海门', destination: '常州', date_from: day(0), date_to: day(2), price: 500 });
  assert.equal(zl.status, 201, zl.body);
  assert.ok(!ids(await as.zone2_ent.get(`/api/freight/loads/${zl.json.id}/matches`)).includes(o.id), 'another zone\'s offers are not offered');
  assert.equal((await as.zone2_ent.post(`/api/freight/loads/${zl.json.id}/match`, { offer_id: o.id })).status, 400);
});

test('vehicle registrations: filed by an enterprise, approved or rejected with a reason, counted by day', async () => {
  const sum0 = (await as.svc.get('/api/freight/summary')).json;
  const file = async (c, extra = {}) => {
    const r = await c.post('/api/freight/registrations', { plate: '苏FD52011', driver: '陈师傅', phone: '13912345678', route: '海门—常州', date: day(0), goods: '电子元器件', ...extra });
    assert.equal(r.status, 201, r.body);
    return r.json;
  };
  const a = await file(as.ent), b = await file(as.ent), c = await file(as.ent), w = await file(as.weipai);
  assert.equal(a.status, 'pending');
  assert.equal(a.enterprise_id, me.ent.enterprise_id);
  for (const [extra, field] of [[{ plate: '苏F1' }, 'plate'], [{ phone: '12ab' }, 'phone'], [{ date: '2026-13-01' }, 'date'], [{ route: '' }, 'route'], [{ driver: '' }, 'driver']]) {
    const r = await as.ent.post('/api/freight/registrations', { plate: '苏FD52011', driver: '陈师傅', phone: '13912345678', route: '海门—常州', date: day(0), ...extra });
    assert.equal(r.status, 400, `${JSON.stringify(extra)}: ${r.body}`);
    assert.equal(r.json.error.field, field);
  }
  assert.equal((await as.ent.post(`/api/freight/registrations/${a.id}/approve`)).status, 403);
  let r = await as.svc.post(`/api/freight/registrations/${a.id}/approve`);
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.status, 'approved');
  assert.ok(r.json.decided_at);
  assert.equal((await as.svc.post(`/api/freight/registrations/${a.id}/approve`)).status, 409);
  r = await as.svc.post(`/api/freight/registrations/${b.id}/reject`, {});
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'reason');
  r = await as.svc.post(`/api/freight/registrations/${b.id}/reject`, { reason: '驾驶员电话与登记不符' });
  assert.equal(r.json.status, 'rejected');
  assert.equal(r.json.reason, '驾驶员电话与登记不符');
  const notes = (await as.ent.get('/api/notifications')).json.items;
  assert.ok(notes.some((n) => n.freight_reg_id === a.id && n.kind === 'approve'));
  assert.ok(notes.some((n) => n.freight_reg_id === b.id && n.kind === 'reject'));
  r = await as.ent.post(`/api/freight/registrations/${c.id}/withdraw`);
  assert.equal(r.json.status, 'withdrawn');
  assert.equal((await as.ent.post(`/api/freight/registrations/${c.id}/withdraw`)).status, 409);
  assert.equal((await as.ent.get(`/api/freight/registrations/${w.id}`)).status, 404);
  assert.equal((await as.ent.post(`/api/freight/registrations/${w.id}/withdraw`)).status, 404);
  assert.equal((await as.zone2_admin.get(`/api/freight/registrations/${w.id}`)).status, 404);
  // the day's list and counts
  const list = await as.svc.get(`/api/freight/registrations?date=${day(0)}&page_size=200`);
  assert.ok([a.id, b.id, c.id, w.id].every((id) => ids(list).includes(id)));
  assert.ok(list.json.items.every((x) => x.date === day(0)));
  const mineOnly = await as.ent.get('/api/freight/registrations?page_size=200');
  assert.ok(mineOnly.json.items.every((x) => x.enterprise_id === me.ent.enterprise_id));
  const sum1 = (await as.svc.get('/api/freight/summary')).json;
  const today0 = sum0.days.at(-1), today1 = sum1.days.at(-1);
  assert.equal(today1.date, day(0));
  assert.equal(sum1.days.length, 14);
  assert.equal(today1.total, today0.total + 3, 'the withdrawn one is not counted');
  assert.equal(today1.approved, today0.approved + 1);
  assert.equal(today1.rejected, today0.rejected + 1);
  assert.equal(today1.pending, today0.pending + 1);
  assert.equal(sum1.regs_today, today1.total);
});

test('exports: loads, offers and registrations as .xlsx or .csv, an enterprise only its own', async () => {
  const mine = await load(as.ent, { goods: '导出测试货物甲' });
  const theirs = await load(as.weipai, { goods: '导出测试货物乙' });
  let r = await as.svc.get('/api/freight/loads/export?format=csv');
  assert.equal(r.status, 200, r.body);
  assert.match(r.headers.get('content-type'), /csv/);
  assert.ok(r.body.includes('导出测试货物甲') && r.body.includes('导出测试货物乙'));
  assert.ok(r.body.includes('发货企业名称') && r.body.includes('待匹配'));
  r = await as.ent.get('/api/freight/loads/export?format=csv');
  assert.ok(r.body.includes('导出测试货物甲') && !r.body.includes('导出测试货物乙'));
  assert.ok(!r.body.includes('备注'), 'no internal column for an enterprise');
  r = await as.svc.get('/api/freight/loads/export');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /spreadsheetml/);
  assert.ok(Number(r.headers.get('x-total-count')) >= 2);
  for (const p of ['offers', 'registrations']) {
    r = await as.svc.get(`/api/freight/${p}/export?format=csv`);
    assert.equal(r.status, 200, `${p}: ${r.body}`);
    assert.ok(r.body.includes('车牌号'), p);
  }
  r = await as.svc.get('/api/freight/loads/export?format=pdf');
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'format');
  assert.ok(mine.id && theirs.id);
});

// ---- the carrier's own account (承运方) ----

test('user admin: a carrier user names a carrier of its zone, and no department', async () => {
  const c = await carrier();
  const bad = [
    [{ username: 'ccetdz-test-cy-x', role: 'carrier', password: PW }, 'carrier_id', /请选择所属承运企业/],
    [{ username: 'ccetdz-test-cy-y', role: 'staff', dept_id: me.svc.dept_id, carrier_id: c.id, password: PW }, 'carrier_id', /只有承运方用户/],
    [{ username: 'ccetdz-test-cy-z', role: 'carrier', carrier_id: c.id, dept_id: me.svc.dept_id, password: PW }, 'dept_id', /承运方用户不属于部门/],
  ];
  for (const [body, field, msg] of bad) {
    const r = await as.admin.post('/api/users', body);
    assert.equal(r.status, 400, r.body);
    assert.equal(r.json.error.field, field);
    assert.match(r.json.error.message, msg);
  }
  // another zone's carrier is none of this zone's
  const r = await as.zone2_admin.post('/api/users', { username: 'hmetdz-test-cy-w', role: 'carrier', carrier_id: c.id, password: PW });
  assert.equal(r.status, 400, r.body);
  assert.equal(r.json.error.field, 'carrier_id');
  assert.match(r.json.error.message, /承运企业不存在/);
  const ok = await as.admin.post('/api/users', { username: 'ccetdz-test-cy-v', role: 'carrier', carrier_id: c.id, display_name: '调度员', password: PW });
  assert.equal(ok.status, 201, ok.body);
  const u = (await as.admin.get(`/api/users/${ok.json.id}`)).json;
  assert.equal(u.carrier_id, c.id);
  assert.equal(u.carrier_name, c.name);
  assert.equal(u.dept_id, null);
  const roles = (await as.admin.get('/api/roles')).json.items;
  const role = roles.find((x) => x.name === 'carrier');
  assert.equal(role.label, '承运方');
  assert.deepEqual([...role.permissions].sort(), ['enterprise.read', 'freight.carry', 'freight.read']);
});

// Two carriers of the zone, each with a truck and an offer to 常州, and the account of the first.
async function carriers() {
  const a = await carrier(), b = await carrier();
  const ta = await truck(a), tb = await truck(b);
  const oa = await offer(ta, { notes: '内部备注：运费月结' }), ob = await offer(tb);
  const user = await newUser(srv, as.admin, `ccetdz-test-cy${++seq}`, 'carrier', { carrier_id: a.id, display_name: '通达调度' }, PW);
  return { a, b, ta, tb, oa, ob, user };
}

test('scope: a carrier user reads its own carrier, trucks, offers and the loads matched to them; another carrier\'s are 404', async () => {
  const { a, b, ta, tb, oa, ob, user } = await carriers();
  const l1 = await load(as.ent, { notes: '企业内部：客户急需' });
  const l2 = await load(as.weipai);
  const l3 = await load(as.ent); // open: matched to no one
  assert.equal((await as.ent.post(`/api/freight/loads/${l1.id}/match`, { offer_id: oa.id })).status, 200);
  assert.equal((await as.weipai.post(`/api/freight/loads/${l2.id}/match`, { offer_id: ob.id })).status, 200);
  assert.deepEqual(ids(await user.get('/api/freight/carriers')), [a.id]);
  assert.deepEqual(ids(await user.get('/api/freight/trucks')), [ta.id]);
  assert.deepEqual(ids(await user.get('/api/freight/offers')), [oa.id]);
  assert.deepEqual(ids(await user.get('/api/freight/loads')), [l1.id]);
  assert.deepEqual(ids(await user.get('/api/freight/registrations')), []);
  const got = await user.get(`/api/freight/loads/${l1.id}`);
  assert.equal(got.status, 200, got.body);
  assert.equal(got.json.goods, '电子元器件');
  assert.equal(got.json.plate, ta.plate);
  assert.ok(!('notes' in got.json), 'no note of the zone or the enterprise');
  assert.ok(!JSON.stringify(got.json).includes('客户急需'));
  const og = await user.get(`/api/freight/offers/${oa.id}`);
  assert.equal(og.status, 200);
  assert.ok(!og.body.includes('运费月结'), 'no internal note');
  for (const p of [`carriers/${b.id}`, `trucks/${tb.id}`, `offers/${ob.id}`, `loads/${l2.id}`, `loads/${l3.id}`, `loads/${l2.id}/matches`]) {
    const r = await user.get(`/api/freight/${p}`);
    assert.equal(r.status, 404, `${p}: ${r.body}`);
  }
  for (const p of ['loads', 'offers', 'registrations']) {
    const r = await user.get(`/api/freight/${p}/export?format=csv`);
    assert.equal(r.status, 200, p);
    assert.ok(!r.body.includes(tb.plate) && !r.body.includes('备注'), `${p}: another carrier's rows or an internal column`);
  }
  // no enterprise beyond what the trip needs: the enterprise's record is not its to read
  const ents = await user.get('/api/enterprises');
  assert.equal(ents.status, 200);
  assert.equal(ents.json.total, 0);
  assert.equal((await user.get(`/api/enterprises/${me.ent.enterprise_id}`)).status, 404);
  // the staff's and the enterprises' routes are refused
  const refused = [
    ['post', '/api/freight/carriers', { name: '越权物流' }],
    ['patch', `/api/freight/carriers/${a.id}`, { name: '越权改名' }],
    ['post', '/api/freight/trucks', { carrier_id: a.id, plate: plate(), driver: '越权', capacity_t: 1, capacity_m3: 1 }],
    ['patch', `/api/freight/trucks/${ta.id}`, { driver: '越权' }],
    ['post', '/api/freight/loads', { goods: '钢材', weight_t: 1, volume_m3: 1, origin: '海门', destination: '常州', date_from: day(0), date_to: day(1), price: 100 }],
    ['post', `/api/freight/loads/${l3.id}/match`, { offer_id: oa.id }],
    ['post', `/api/freight/loads/${l1.id}/confirm`, {}],
    ['post', `/api/freight/loads/${l1.id}/decline`, {}],
    ['post', `/api/freight/loads/${l1.id}/cancel`, {}],
    ['post', `/api/freight/loads/${l1.id}/done`, { outcome: 'delivered' }],
    ['post', '/api/freight/registrations', { plate: plate(), driver: '越权', phone: '13800000000', route: '海门—常州', date: day(0) }],
    ['get', '/api/freight/summary'],
    ['get', '/api/tickets'],
    ['get', '/api/notifications'],
    ['get', '/api/finance/demands'],
  ];
  for (const [m, p, body] of refused) {
    const r = await user[m](p, body);
    assert.equal(r.status, 403, `${m} ${p}: ${r.status} ${r.body}`);
  }
});

test('a carrier user posts and closes spare capacity for its own trucks only', async () => {
  const { ta, tb, ob, user } = await carriers();
  const body = { truck_id: ta.id, origin: '海门', destination: '苏州', via: ['南通'], date_from: day(1), date_to: day(2), spare_t: 4, spare_m3: 16, full_price: 2400, notes: '承运方不写园区备注' };
  const audit0 = await auditTotal();
  let r = await user.post('/api/freight/offers', body);
  assert.equal(r.status, 201, r.body);
  assert.equal(r.json.plate, ta.plate);
  assert.equal(r.json.status, 'open');
  assert.equal(await auditTotal(), audit0 + 1);
  assert.equal((await as.svc.get(`/api/freight/offers/${r.json.id}`)).json.notes, '', 'a carrier writes no note of the zone');
  const mine = r.json.id;
  // its room is checked as the desk's is
  r = await user.post('/api/freight/offers', { ...body, spare_t: 99 });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'spare_t');
  // another carrier's truck: as if there were none
  r = await user.post('/api/freight/offers', { ...body, truck_id: tb.id });
  assert.equal(r.status, 400, r.body);
  assert.equal(r.json.error.field, 'truck_id');
  assert.match(r.json.error.message, /车辆不存在/);
  r = await user.post(`/api/freight/offers/${ob.id}/close`);
  assert.equal(r.status, 404, r.body);
  assert.equal((await as.svc.get(`/api/freight/offers/${ob.id}`)).json.status, 'open');
  r = await user.post(`/api/freight/offers/${mine}/close`);
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.status, 'closed');
  assert.equal((await user.post(`/api/freight/offers/${mine}/close`)).status, 409);
  // the desk still posts for any carrier
  r = await as.svc.post('/api/freight/offers', { ...body, truck_id: tb.id });
  assert.equal(r.status, 201, r.body);
});

test('a carrier user is told of a load matched to it, confirms or declines it; never another carrier\'s', async () => {
  const { oa, ob, user } = await carriers();
  const other = await newUser(srv, as.admin, `ccetdz-test-cy${++seq}`, 'carrier', { carrier_id: ob.carrier_id }, PW);
  const n0 = (await user.get('/api/freight/notifications')).json.total;
  // the enterprise chooses the carrier's offer: the carrier is told
  const l1 = await load();
  assert.equal((await as.ent.post(`/api/freight/loads/${l1.id}/match`, { offer_id: oa.id })).status, 200);
  let notes = (await user.get('/api/freight/notifications')).json;
  assert.equal(notes.total, n0 + 1, 'the carrier is told');
  assert.equal(notes.items[0].kind, 'matched');
  assert.equal(notes.items[0].freight_load_id, l1.id);
  assert.match(notes.items[0].title, /货源已匹配车辆/);
  assert.ok(!(await other.get('/api/freight/notifications')).json.items.some((n) => n.freight_load_id === l1.id), 'another carrier is not');
  // another carrier and the enterprise may not answer for it
  let r = await other.post(`/api/freight/loads/${l1.id}/carrier-confirm`);
  assert.equal(r.status, 404, r.body);
  r = await as.ent.post(`/api/freight/loads/${l1.id}/carrier-confirm`);
  assert.equal(r.status, 403, r.body);
  assert.equal((await as.svc.get(`/api/freight/loads/${l1.id}`)).json.carrier_ok, false);
  const entNotes0 = (await as.ent.get('/api/notifications')).json.total;
  r = await user.post(`/api/freight/loads/${l1.id}/carrier-confirm`);
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.status, 'confirmed', 'the enterprise had accepted: both sides');
  assert.equal(r.json.carrier_ok, true);
  assert.equal((await user.post(`/api/freight/loads/${l1.id}/carrier-confirm`)).status, 409);
  const entNotes = (await as.ent.get('/api/notifications')).json;
  assert.ok(entNotes.total > entNotes0 && entNotes.items.some((n) => n.freight_load_id === l1.id && n.kind === 'confirmed'), 'the enterprise is told');
  // the desk proposes the other carrier's truck: not this carrier's to confirm
  const l2 = await load();
  assert.equal((await as.svc.post(`/api/freight/loads/${l2.id}/match`, { offer_id: ob.id })).status, 200);
  r = await user.post(`/api/freight/loads/${l2.id}/carrier-confirm`);
  assert.equal(r.status, 404, r.body);
  r = await user.post(`/api/freight/loads/${l2.id}/carrier-decline`);
  assert.equal(r.status, 404, r.body);
  const l2now = (await as.svc.get(`/api/freight/loads/${l2.id}`)).json;
  assert.equal(l2now.status, 'matched');
  assert.equal(l2now.carrier_ok, false);
  assert.ok((await other.get('/api/freight/notifications')).json.items.some((n) => n.freight_load_id === l2.id && n.kind === 'matched'));
  // the carrier declines a load proposed to it: open again, the enterprise told, out of its sight
  const l3 = await load();
  assert.equal((await as.svc.post(`/api/freight/loads/${l3.id}/match`, { offer_id: oa.id })).status, 200);
  r = await user.post(`/api/freight/loads/${l3.id}/carrier-decline`);
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.status, 'open');
  assert.equal(r.json.offer_id, null);
  assert.ok((await as.ent.get('/api/notifications')).json.items.some((n) => n.freight_load_id === l3.id && n.kind === 'declined'));
  assert.equal((await user.get(`/api/freight/loads/${l3.id}`)).status, 404, 'no longer its load');
  // the service center still confirms for any carrier, by either route
  const l4 = await load();
  assert.equal((await as.ent.post(`/api/freight/loads/${l4.id}/match`, { offer_id: ob.id })).status, 200);
  r = await as.svc.post(`/api/freight/loads/${l4.id}/carrier-confirm`);
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.status, 'confirmed');
  // the notifications are read
  const first = (await user.get('/api/freight/notifications?unread=1')).json.items[0];
  assert.equal((await user.post(`/api/freight/notifications/${first.id}/read`)).status, 204);
  assert.equal((await user.post('/api/freight/notifications/read-all', {})).status, 200);
  assert.equal((await user.get('/api/freight/notifications?unread=1')).json.total, 0);
});
