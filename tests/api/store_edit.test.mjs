// The generic creation and change of a row (src/work/store_write.h: a store_edit's .insert,
// .change and .check), as the modules that use it answer them on the demo data: what must be
// unique is refused with a 409 naming its field in Chinese, on a creation and on a change, and
// writes nothing (no row, no audit row); a change that keeps the value passes; the members a
// change keeps (a unit's building, a truck's carrier, a product's bank) stay whatever the body
// says; a change reads the row in the caller's zone (another zone's row is 404); and a change is
// audited with exactly the fields it changed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, demoDatabase, DEMO_PW } from './lib.mjs';

let srv;
const as = {};

before(async () => {
  srv = await startServer({ db: demoDatabase() });
  for (const [k, u] of Object.entries({ admin: 'ccetdz-admin', svc: 'ccetdz-fuwu', zone2: 'hmetdz-admin' })) {
    as[k] = new Client(srv.base);
    const r = await as[k].login(u, DEMO_PW);
    assert.equal(r.status, 200, `${u}: ${r.body}`);
  }
});
after(async () => { await srv?.stop(); });

const auditTotal = async () => (await as.admin.get('/api/audit?page_size=1')).json.total;
const created = async (path, body) => {
  const r = await as.admin.post(path, body);
  assert.equal(r.status, 201, `${path}: ${r.body}`);
  return r.json;
};
// A write refused with 409 on `field`, its message in Chinese, leaving the audit log as it was.
async function conflict(write, field, message) {
  const before = await auditTotal();
  const r = await write();
  assert.equal(r.status, 409, r.body);
  assert.equal(r.json.error.field, field, r.body);
  assert.match(r.json.error.message, message);
  assert.equal(await auditTotal(), before, 'a refused write leaves no audit row');
}

test('buildings: a second building of a name is refused, on a creation and on a rename; keeping the name passes', async () => {
  const a = await created('/api/space/buildings', { name: '唯一性测试甲楼', type: 'office', floors: 8 });
  const b = await created('/api/space/buildings', { name: '唯一性测试乙楼', type: 'office', floors: 8 });
  await conflict(() => as.admin.post('/api/space/buildings', { name: a.name, type: 'factory', floors: 2 }), 'name', /同名楼宇/);
  await conflict(() => as.admin.patch(`/api/space/buildings/${b.id}`, { name: a.name }), 'name', /同名楼宇/);
  const r = await as.admin.patch(`/api/space/buildings/${b.id}`, { name: b.name, floors: 9 });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.floors, 9);
  const log = await as.admin.get(`/api/audit?obj_type=space_building&obj_id=${b.id}`);
  const [upd] = log.json.items;
  assert.equal(upd.action, 'update');
  assert.deepEqual(upd.changes, { floors: [8, 9] }, 'only the changed field is audited');
  const names = (await as.admin.get('/api/space/buildings?page_size=200')).json.items.filter((x) => x.name === a.name);
  assert.equal(names.length, 1, 'no second row was written');
});

test('units: a number is unique in its building, not across buildings; a unit stays in its building', async () => {
  const a = await created('/api/space/buildings', { name: '唯一性测试丙楼', type: 'factory', floors: 3 });
  const b = await created('/api/space/buildings', { name: '唯一性测试丁楼', type: 'factory', floors: 3 });
  const unit = { floor: 1, area: 800, floor_load: 5, power_kva: 200, rent: 20000 };
  const u1 = await created('/api/space/units', { ...unit, building_id: a.id, number: 'W101' });
  const u2 = await created('/api/space/units', { ...unit, building_id: a.id, number: 'W102' });
  assert.equal(u1.status, 'vacant', 'a new unit is vacant');
  await conflict(() => as.admin.post('/api/space/units', { ...unit, building_id: a.id, number: 'W101' }), 'number', /同号单元/);
  await conflict(() => as.admin.patch(`/api/space/units/${u2.id}`, { number: 'W101' }), 'number', /同号单元/);
  await created('/api/space/units', { ...unit, building_id: b.id, number: 'W101' });
  const r = await as.admin.patch(`/api/space/units/${u2.id}`, { building_id: b.id, area: 900 });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.building_id, a.id, 'the unit stays in its building');
  assert.equal(r.json.area, 900);
  assert.equal(r.json.status, 'vacant', 'a change without a status keeps it');
});

test('carriers and trucks: a name and a plate are unique; a truck stays with its carrier; its capacities are checked on a change too', async () => {
  const c1 = await created('/api/freight/carriers', { name: '唯一性测试物流甲' });
  const c2 = await created('/api/freight/carriers', { name: '唯一性测试物流乙' });
  await conflict(() => as.admin.post('/api/freight/carriers', { name: c1.name }), 'name', /同名承运企业/);
  await conflict(() => as.admin.patch(`/api/freight/carriers/${c2.id}`, { name: c1.name }), 'name', /同名承运企业/);
  const truck = { driver: '唯一性测试司机', capacity_t: 10, capacity_m3: 40 };
  await created('/api/freight/trucks', { ...truck, carrier_id: c1.id, plate: '吉A9U001' });
  const t2 = await created('/api/freight/trucks', { ...truck, carrier_id: c1.id, plate: '吉A9U002' });
  await conflict(() => as.admin.post('/api/freight/trucks', { ...truck, carrier_id: c2.id, plate: '吉A9U001' }), 'plate', /车牌号已登记/);
  await conflict(() => as.admin.patch(`/api/freight/trucks/${t2.id}`, { plate: '吉A9U001' }), 'plate', /车牌号已登记/);
  let r = await as.admin.patch(`/api/freight/trucks/${t2.id}`, { capacity_t: 0 });
  assert.equal(r.status, 400, r.body);
  assert.equal(r.json.error.field, 'capacity_t');
  r = await as.admin.patch(`/api/freight/trucks/${t2.id}`, { carrier_id: c2.id, driver: '另一司机' });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.carrier_id, c1.id, 'the truck stays with its carrier');
  r = await as.admin.post('/api/freight/trucks', { ...truck, carrier_id: 999999, plate: '吉A9U003' });
  assert.equal(r.status, 400, r.body);
  assert.equal(r.json.error.field, 'carrier_id');
});

test('banks and products: a bank and branch are unique together; a product stays with its bank', async () => {
  const b1 = await created('/api/finance/banks', { name: '唯一性测试银行', branch: '甲支行' });
  const b2 = await created('/api/finance/banks', { name: '唯一性测试银行', branch: '乙支行' });
  await conflict(() => as.admin.post('/api/finance/banks', { name: b1.name, branch: '甲支行' }), 'name', /已登记该银行/);
  await conflict(() => as.admin.patch(`/api/finance/banks/${b2.id}`, { branch: '甲支行' }), 'name', /已登记该银行/);
  const p = await created('/api/finance/products', { bank_id: b1.id, name: '唯一性测试贷', guarantee: 'credit', rate_min: 3.2, rate_max: 4.5, term_months: 12 });
  let r = await as.admin.patch(`/api/finance/products/${p.id}`, { bank_id: b2.id, rate_max: 4.8 });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.bank_id, b1.id, 'the product stays with its bank');
  r = await as.admin.patch(`/api/finance/products/${p.id}`, { rate_min: 6 });
  assert.equal(r.status, 400, r.body);
  assert.equal(r.json.error.field, 'rate_max', 'a range above its top is refused on a change too');
});

test('departments: a sibling of the same name is refused', async () => {
  const d = await created('/api/depts', { name: '唯一性测试科', kind: 'other' });
  await conflict(() => as.admin.post('/api/depts', { name: d.name, kind: 'other' }), 'name', /同级部门名称重复/);
});

test("a change reads the row in the caller's zone: another zone's building is 404 and stays as it was", async () => {
  const a = await created('/api/space/buildings', { name: '唯一性测试戊楼', type: 'office', floors: 5 });
  const r = await as.zone2.patch(`/api/space/buildings/${a.id}`, { floors: 6 });
  assert.equal(r.status, 404, r.body);
  assert.equal((await as.admin.get(`/api/space/buildings/${a.id}`)).json.floors, 5);
});
