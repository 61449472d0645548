// 载体 (src/space/): on the demo data, the service center registers buildings and their units,
// lets units with leases (the unit becomes 已租, an overlapping lease is refused with 409 in
// Chinese, ending it makes the unit 空置 again), and lists the leases that expire soon; the
// vacancy summary agrees with the units counted by hand. An enterprise user reads the vacant units
// and its own, never another tenant, and only its own leases; another zone sees nothing (404);
// every bad input is a 400 naming its field in Chinese, never a 500.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, cli, newDatabase, demoDatabase, DEMO_PW } from './lib.mjs';

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
async function building(extra = {}) {
  const r = await as.svc.post('/api/space/buildings', { name: `测试标准厂房${++seq}号楼`, type: 'factory', address: '测试路1号', floors: 4, ...extra });
  assert.equal(r.status, 201, r.body);
  return r.json;
}
async function unit(b, extra = {}) {
  const r = await as.svc.post('/api/space/units', { building_id: b.id, floor: 1, number: `U${++seq}`, area: 1200, floor_load: 10, power_kva: 400, rent: 24000, ...extra });
  assert.equal(r.status, 201, r.body);
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
async function auditTotal() {
  return (await as.admin.get('/api/audit?page_size=1')).json.total;
}

test('who may write: the admin and the service center write, leaders and departments read, enterprises and the province do not', async () => {
  const body = { name: '权限测试楼', type: 'office', floors: 10 };
  assert.equal((await as.admin.post('/api/space/buildings', body)).status, 201);
  for (const k of ['leader', 'head', 'ent', 'province']) {
    const r = await as[k].post('/api/space/buildings', { ...body, name: `权限测试楼${k}` });
    assert.equal(r.status, 403, `${k}: ${r.body}`);
  }
  for (const k of ['leader', 'head', 'ent']) assert.equal((await as[k].get('/api/space/buildings')).status, 200, k);
  for (const k of ['leader', 'head', 'svc']) assert.equal((await as[k].get('/api/space/summary')).status, 200, k);
  assert.equal((await as.ent.get('/api/space/summary')).status, 403);
  assert.equal((await as.province.get('/api/space/units')).status, 403);
  assert.equal((await new Client(srv.base).get('/api/space/units')).status, 401);
});

test('a lease makes the unit 已租, an overlapping one is refused with 409, ending it makes the unit 空置', async () => {
  const b = await building();
  const u = await unit(b);
  assert.equal(u.status, 'vacant');
  assert.equal(u.building_name, b.name);
  const audit0 = await auditTotal();
  const l = await as.svc.post('/api/space/leases', { unit_id: u.id, enterprise_id: me.ent.enterprise_id, start_date: day(-30), end_date: day(335) });
  assert.equal(l.status, 201, l.body);
  assert.equal(l.json.status, 'active');
  assert.equal(l.json.rent, 24000, 'the unit\'s rent when none is given');
  assert.equal(await auditTotal(), audit0 + 1, 'one audit row');
  let x = (await as.svc.get(`/api/space/units/${u.id}`)).json;
  assert.equal(x.status, 'leased');
  assert.equal(x.enterprise_id, me.ent.enterprise_id);
  // overlapping: inside, around, touching the last day
  for (const [s, e] of [[day(10), day(20)], [day(-60), day(400)], [day(335), day(500)]]) {
    const r = await as.svc.post('/api/space/leases', { unit_id: u.id, enterprise_id: me.weipai.enterprise_id, start_date: s, end_date: e });
    assert.equal(r.status, 409, `${s}..${e}: ${r.body}`);
    assert.match(r.json.error.message, /重叠/);
  }
  assert.equal(await auditTotal(), audit0 + 1, 'nothing written');
  // after it: fine (the unit stays leased)
  const next = await as.svc.post('/api/space/leases', { unit_id: u.id, enterprise_id: me.weipai.enterprise_id, start_date: day(336), end_date: day(700), rent: 26000 });
  assert.equal(next.status, 201, next.body);
  // a leased unit is not set to vacant by hand
  const p = await as.svc.patch(`/api/space/units/${u.id}`, { status: 'vacant' });
  assert.equal(p.status, 409, p.body);
  assert.match(p.json.error.message, /结束租约/);
  // ending the first keeps it leased (the second is active); ending the second frees it
  let r = await as.svc.post(`/api/space/leases/${l.json.id}/end`, {});
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.status, 'ended');
  assert.equal((await as.svc.get(`/api/space/units/${u.id}`)).json.status, 'leased');
  r = await as.svc.post(`/api/space/leases/${l.json.id}/end`, {});
  assert.equal(r.status, 409);
  assert.match(r.json.error.message, /租约已结束/);
  r = await as.svc.post(`/api/space/leases/${next.json.id}/end`, { ended_on: day(336) });
  assert.equal(r.status, 200, r.body);
  x = (await as.svc.get(`/api/space/units/${u.id}`)).json;
  assert.equal(x.status, 'vacant');
  assert.equal(x.enterprise_id, null);
  // the ended period is free again
  r = await as.svc.post('/api/space/leases', { unit_id: u.id, enterprise_id: me.weipai.enterprise_id, start_date: day(10), end_date: day(20) });
  assert.equal(r.status, 201, r.body);
});

test('units under repair or used by the zone are not let; persons rent flats only', async () => {
  const b = await building();
  const u = await unit(b, { status: 'repair' });
  let r = await as.svc.post('/api/space/leases', { unit_id: u.id, enterprise_id: me.ent.enterprise_id, start_date: day(0), end_date: day(100) });
  assert.equal(r.status, 409);
  assert.match(r.json.error.message, /维修/);
  r = await as.svc.post('/api/space/units', { building_id: b.id, floor: 1, number: 'P1', area: 100, status: 'leased' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'status');
  const v = await unit(b);
  r = await as.svc.post('/api/space/leases', { unit_id: v.id, tenant_name: '张三', start_date: day(0), end_date: day(100) });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'enterprise_id');
  const flats = await building({ type: 'apartment', floors: 12 });
  const f = await unit(flats, { floor: 3, number: '301', area: 65, rooms: 2, floor_load: undefined, power_kva: undefined, rent: 1200 });
  r = await as.svc.post('/api/space/leases', { unit_id: f.id, tenant_name: '李工程师', start_date: day(0), end_date: day(365) });
  assert.equal(r.status, 201, r.body);
  assert.equal(r.json.tenant_name, '李工程师');
  assert.equal((await as.svc.get(`/api/space/units/${f.id}`)).json.tenant_name, '李工程师');
});

test('expiring leases: active ones ending within N days, soonest first', async () => {
  const b = await building();
  const u1 = await unit(b), u2 = await unit(b), u3 = await unit(b);
  const mk = async (u, s, e) => {
    const r = await as.svc.post('/api/space/leases', { unit_id: u.id, enterprise_id: me.weipai.enterprise_id, start_date: s, end_date: e });
    assert.equal(r.status, 201, r.body);
    return r.json.id;
  };
  const soon = await mk(u1, day(-300), day(12));
  const sooner = await mk(u2, day(-300), day(3));
  const late = await mk(u3, day(-10), day(200));
  const items = await all(as.svc, '/api/space/leases?expiring_days=30');
  const ids = items.map((x) => x.id);
  assert.ok(ids.includes(soon) && ids.includes(sooner) && !ids.includes(late), JSON.stringify(ids));
  assert.ok(ids.indexOf(sooner) < ids.indexOf(soon));
  assert.ok(items.every((x) => x.status === 'active' && x.end_date >= day(0) && x.end_date <= day(30)));
  const r = await as.svc.get('/api/space/leases?expiring_days=0');
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'expiring_days');
});

test('the summary agrees with the units counted by hand, by building and by type', async () => {
  const b = await building({ type: 'incubator', floors: 3 });
  await unit(b, { floor: 1, area: 100 });
  await unit(b, { floor: 2, area: 150 });
  const u3 = await unit(b, { floor: 3, area: 250, status: 'intent' });
  await unit(b, { floor: 3, area: 50, status: 'self_use' });
  const s = (await as.svc.get('/api/space/summary')).json;
  const units = await all(as.svc, '/api/space/units');
  assert.equal(s.units, units.length);
  const vacant = units.filter((x) => x.status === 'vacant');
  assert.equal(s.vacant, vacant.length);
  assert.ok(Math.abs(s.vacancy_rate - vacant.length / units.length) < 1e-9);
  assert.ok(s.vacancy_rate > 0 && s.vacancy_rate < 1, 'a fraction');
  for (const st of ['vacant', 'intent', 'leased', 'self_use', 'repair']) {
    assert.equal(s.by_status[st], units.filter((x) => x.status === st).length, st);
  }
  // the new building: 4 units, 2 vacant (100 + 150 m² of 550)
  const mine = s.by_building.find((x) => x.building_id === b.id);
  assert.deepEqual({ units: mine.units, vacant: mine.vacant, rate: mine.vacancy_rate, area: mine.area, va: mine.vacant_area, type: mine.type },
    { units: 4, vacant: 2, rate: 0.5, area: 550, va: 250, type: 'incubator' });
  for (const t of s.by_type) {
    const of = units.filter((x) => x.building_type === t.type);
    assert.equal(t.units, of.length, t.type);
    assert.equal(t.vacant, of.filter((x) => x.status === 'vacant').length, t.type);
  }
  assert.equal(s.by_type.reduce((n, t) => n + t.units, 0), s.units);
  assert.equal(s.by_building.reduce((n, t) => n + t.vacant, 0), s.vacant);
  // a unit let: one fewer vacant... the intent one first becomes vacant, then leased
  assert.equal((await as.svc.patch(`/api/space/units/${u3.id}`, { status: 'vacant' })).status, 200);
  const s2 = (await as.svc.get('/api/space/summary')).json;
  assert.equal(s2.vacant, s.vacant + 1);
  assert.equal(s2.units, s.units);
  // the building list carries its counts
  const bl = (await as.svc.get(`/api/space/buildings/${b.id}`)).json;
  assert.equal(bl.units, 4);
  assert.equal(bl.vacant, 3);
});

test('an enterprise reads the vacant units and its own, no tenant, and only its own leases', async () => {
  const b = await building();
  const free = await unit(b), mineU = await unit(b), theirs = await unit(b), fixing = await unit(b, { status: 'repair' });
  const own = await as.svc.post('/api/space/leases', { unit_id: mineU.id, enterprise_id: me.ent.enterprise_id, start_date: day(-5), end_date: day(360), notes: '内部备注：押金两个月' });
  assert.equal(own.status, 201, own.body);
  const other = await as.svc.post('/api/space/leases', { unit_id: theirs.id, enterprise_id: me.weipai.enterprise_id, start_date: day(-5), end_date: day(360) });
  assert.equal(other.status, 201, other.body);
  const seen = await all(as.ent, `/api/space/units?building_id=${b.id}`);
  assert.deepEqual(seen.map((x) => x.id).sort((x, y) => x - y), [free.id, mineU.id].sort((x, y) => x - y));
  for (const x of seen) {
    assert.ok(!('enterprise_id' in x) && !('tenant_name' in x) && !('enterprise_name' in x) && !('notes' in x), JSON.stringify(x));
  }
  // every unit it lists, in every building, is vacant or its own
  const every = await all(as.ent, '/api/space/units');
  const staffView = new Map((await all(as.svc, '/api/space/units')).map((x) => [x.id, x]));
  for (const x of every) {
    const s = staffView.get(x.id);
    assert.ok(s.status === 'vacant' || s.enterprise_id === me.ent.enterprise_id, `unit ${x.id} ${s.status}`);
  }
  for (const id of [theirs.id, fixing.id]) {
    assert.equal((await as.ent.get(`/api/space/units/${id}`)).status, 404);
  }
  assert.equal((await as.ent.get(`/api/space/units/${free.id}`)).status, 200);
  const leases = await all(as.ent, '/api/space/leases');
  assert.ok(leases.length >= 1 && leases.every((x) => x.enterprise_id === me.ent.enterprise_id));
  assert.ok(leases.some((x) => x.id === own.json.id));
  assert.ok(!JSON.stringify(leases).includes('内部备注'));
  assert.equal((await as.ent.get(`/api/space/leases/${other.json.id}`)).status, 404);
  const ol = await as.ent.get(`/api/space/leases/${own.json.id}`);
  assert.equal(ol.status, 200);
  assert.ok(!('notes' in ol.json));
  // the filter does not open another tenant's leases
  const f = await as.ent.get(`/api/space/leases?enterprise_id=${me.weipai.enterprise_id}`);
  assert.equal(f.json.total, 0);
  // nor the status filter another's units
  const lu = await as.ent.get(`/api/space/units?status=leased&building_id=${b.id}`);
  assert.deepEqual(lu.json.items.map((x) => x.id), [mineU.id]);
});

test('another zone sees nothing of this zone (404) and cannot name its rows', async () => {
  const b = await building();
  const u = await unit(b);
  const l = await as.svc.post('/api/space/leases', { unit_id: u.id, enterprise_id: me.ent.enterprise_id, start_date: day(0), end_date: day(30) });
  assert.equal(l.status, 201, l.body);
  const audit0 = await auditTotal();
  for (const c of [as.zone2_admin, as.zone2_ent]) {
    for (const p of [`/api/space/buildings/${b.id}`, `/api/space/units/${u.id}`, `/api/space/leases/${l.json.id}`]) {
      const r = await c.get(p);
      assert.equal(r.status, 404, `${p}: ${r.body}`);
      assert.match(r.json.error.message, /不存在/);
    }
  }
  const z = as.zone2_admin;
  assert.equal((await z.patch(`/api/space/buildings/${b.id}`, { name: '越权改名' })).status, 404);
  assert.equal((await z.patch(`/api/space/units/${u.id}`, { rent: 1 })).status, 404);
  assert.equal((await z.post(`/api/space/leases/${l.json.id}/end`, {})).status, 404);
  let r = await z.post('/api/space/units', { building_id: b.id, floor: 1, number: 'X1', area: 10 });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'building_id');
  r = await z.post('/api/space/leases', { unit_id: u.id, enterprise_id: me.ent.enterprise_id, start_date: day(100), end_date: day(200) });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'unit_id');
  // its own unit leased to our enterprise: refused
  const zb = await z.post('/api/space/buildings', { name: '海门越权测试楼', type: 'factory', floors: 2 });
  assert.equal(zb.status, 201, zb.body);
  const zu = await z.post('/api/space/units', { building_id: zb.json.id, floor: 1, number: '101', area: 500 });
  assert.equal(zu.status, 201, zu.body);
  r = await z.post('/api/space/leases', { unit_id: zu.json.id, enterprise_id: me.ent.enterprise_id, start_date: day(0), end_date: day(10) });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'enterprise_id');
  assert.equal(await auditTotal(), audit0, 'nothing written in this zone');
  const mine = await all(z, '/api/space/buildings');
  assert.ok(!mine.some((x) => x.id === b.id));
  const s = (await z.get('/api/space/summary')).json;
  assert.ok(!s.by_building.some((x) => x.building_id === b.id));
});

test('bad input is a 400 naming the field in Chinese, never a 500', async () => {
  const b = await building();
  const flats = await building({ type: 'apartment', floors: 6 });
  const u = await unit(b);
  const okB = { name: '校验楼', type: 'office', floors: 5 };
  const okU = { building_id: b.id, floor: 1, number: 'V1', area: 100 };
  const okL = { unit_id: u.id, enterprise_id: me.ent.enterprise_id, start_date: day(1000), end_date: day(1100) };
  const cases = [
    ['/api/space/buildings', { ...okB, name: undefined }, 'name'],
    ['/api/space/buildings', { ...okB, name: '　' }, 'name'],
    ['/api/space/buildings', { ...okB, name: '楼'.repeat(51) }, 'name'],
    ['/api/space/buildings', { ...okB, type: 'castle' }, 'type'],
    ['/api/space/buildings', { ...okB, type: undefined }, 'type'],
    ['/api/space/buildings', { ...okB, floors: 0 }, 'floors'],
    ['/api/space/buildings', { ...okB, floors: 'ten' }, 'floors'],
    ['/api/space/buildings', { ...okB, floors: 2.5 }, 'floors'],
    ['/api/space/buildings', { ...okB, plan: [[0, 0], [1]] }, 'plan'],
    ['/api/space/buildings', { ...okB, plan: 'square' }, 'plan'],
    ['/api/space/buildings', { ...okB, map_x: -1 }, 'map_x'],
    ['/api/space/buildings', { ...okB, name: b.name }, 'name'],
    ['/api/space/units', { ...okU, building_id: undefined }, 'building_id'],
    ['/api/space/units', { ...okU, building_id: 99999999 }, 'building_id'],
    ['/api/space/units', { ...okU, building_id: 'one' }, 'building_id'],
    ['/api/space/units', { ...okU, floor: 5 }, 'floor'],
    ['/api/space/units', { ...okU, floor: 0 }, 'floor'],
    ['/api/space/units', { ...okU, number: '' }, 'number'],
    ['/api/space/units', { ...okU, number: u.number }, 'number'],
    ['/api/space/units', { ...okU, area: 0 }, 'area'],
    ['/api/space/units', { ...okU, area: -5 }, 'area'],
    ['/api/space/units', { ...okU, area: '大' }, 'area'],
    ['/api/space/units', { ...okU, floor_load: 5000 }, 'floor_load'],
    ['/api/space/units', { ...okU, rent: -1 }, 'rent'],
    ['/api/space/units', { ...okU, status: 'sold' }, 'status'],
    ['/api/space/units', { ...okU, rooms: 2 }, 'rooms'],
    ['/api/space/units', { ...okU, building_id: flats.id }, 'rooms'],
    ['/api/space/units', { ...okU, building_id: flats.id, rooms: 2, floor_load: 5 }, 'floor_load'],
    ['/api/space/leases', { ...okL, unit_id: undefined }, 'unit_id'],
    ['/api/space/leases', { ...okL, unit_id: 99999999 }, 'unit_id'],
    ['/api/space/leases', { ...okL, start_date: '2026-02-30' }, 'start_date'],
    ['/api/space/leases', { ...okL, end_date: undefined }, 'end_date'],
    ['/api/space/leases', { ...okL, end_date: day(900) }, 'end_date'],
    ['/api/space/leases', { ...okL, enterprise_id: undefined }, 'enterprise_id'],
    ['/api/space/leases', { ...okL, enterprise_id: 99999999 }, 'enterprise_id'],
    ['/api/space/leases', { ...okL, rent: 'much' }, 'rent'],
    ['/api/space/leases', { ...okL, tenant_name: '名'.repeat(51), enterprise_id: undefined }, 'tenant_name'],
  ];
  const audit0 = await auditTotal();
  for (const [path, body, field] of cases) {
    const r = await as.svc.post(path, body);
    assert.ok(r.status === 400 || r.status === 409, `${path} ${JSON.stringify(body).slice(0, 100)}: ${r.status} ${r.body.slice(0, 200)}`);
    assert.equal(r.json.error.field, field, `${path} ${JSON.stringify(body).slice(0, 100)}: ${r.body.slice(0, 200)}`);
    assert.match(r.json.error.message, /[\u4e00-\u9fff]/, `a Chinese message: ${r.json.error.message}`);
    assert.ok(r.json.error.code, 'a code');
  }
  // patches
  for (const [path, body, field] of [
    [`/api/space/buildings/${b.id}`, { floors: 0 }, 'floors'],
    [`/api/space/units/${u.id}`, { floor: 9 }, 'floor'],
    [`/api/space/units/${u.id}`, { status: 'leased' }, 'status'],
    [`/api/space/units/${u.id}`, { area: null }, 'area'],
  ]) {
    const r = await as.svc.patch(path, body);
    assert.equal(r.status, 400, `${path} ${JSON.stringify(body)}: ${r.body.slice(0, 200)}`);
    assert.equal(r.json.error.field, field, r.body);
  }
  // a building keeps floors for its units
  await unit(b, { floor: 4 });
  let r = await as.svc.patch(`/api/space/buildings/${b.id}`, { floors: 3 });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'floors');
  assert.equal(await auditTotal(), audit0 + 1, 'only the good unit was written');
  // queries and paths
  for (const [p, field] of [['/api/space/units?status=sold', 'status'], ['/api/space/units?building_id=x', 'building_id'],
    ['/api/space/units?type=castle', 'type'], ['/api/space/leases?expiring_days=abc', 'expiring_days'], ['/api/space/buildings?type=x', 'type'],
    ['/api/space/leases?status=gone', 'status']]) {
    r = await as.svc.get(p);
    assert.equal(r.status, 400, p);
    assert.equal(r.json.error.field, field, p);
  }
  for (const p of ['/api/space/units/abc', '/api/space/units/0', '/api/space/buildings/99999999', '/api/space/leases/-1']) {
    assert.equal((await as.svc.get(p)).status, 404, p);
  }
  r = await as.svc.post('/api/space/units', '{"building_id":');
  assert.equal(r.status, 400);
  r = await as.svc.post(`/api/space/leases/${1}/end`, { ended_on: '2026-13-01' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'ended_on');
  // a good patch, audited
  r = await as.svc.patch(`/api/space/units/${u.id}`, { rent: 30000, status: 'intent' });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.rent, 30000);
  assert.equal(r.json.status, 'intent');
  assert.equal(r.json.area, 1200, 'the rest kept');
});

// ---- demands (需求): posted by an enterprise, matched, offered, accepted into a lease ----

async function demand(c, extra = {}) {
  const r = await c.post('/api/space/demands', { type: 'factory', area_min: 1000, area_max: 1500, floor_load: 8, power_kva: 300, wanted_from: day(30), term_months: 24, notes: '扩产需要一层厂房', ...extra });
  assert.equal(r.status, 201, r.body);
  return r.json;
}
const notes = async (c, id) => (await c.get('/api/notifications?page_size=200')).json.items.filter((n) => n.space_demand_id === id);

test('a demand is matched to vacant units (closest area first), offered, accepted and becomes a lease', async () => {
  const b = await building();
  const near = await unit(b, { area: 1260 });
  const far = await unit(b, { area: 1050 });
  const small = await unit(b, { area: 900 });
  const weak = await unit(b, { area: 1250, floor_load: 5 });
  const busy = await unit(b, { area: 1250, status: 'repair' });
  const d = await demand(as.ent, { enterprise_id: me.weipai.enterprise_id });
  assert.equal(d.enterprise_id, me.ent.enterprise_id, 'an enterprise asks for itself');
  assert.equal(d.status, 'open');
  assert.ok((await notes(as.svc, d.id)).some((n) => n.kind === 'created'), 'the service center is told');
  const m = await as.svc.get(`/api/space/demands/${d.id}/matches`);
  assert.equal(m.status, 200, m.body);
  const ids = m.json.items.map((u) => u.id);
  assert.ok(ids.includes(near.id) && ids.includes(far.id));
  assert.ok(ids.indexOf(near.id) < ids.indexOf(far.id), 'closest to 1250 m² first');
  for (const u of [small, weak, busy]) assert.ok(!ids.includes(u.id), `unit ${u.number} does not match`);
  assert.ok(m.json.items.every((u) => u.status === 'vacant' && u.building_type === 'factory' && u.area >= 1000 && u.area <= 1500));
  // the enterprise may not see the matches or offer
  assert.equal((await as.ent.get(`/api/space/demands/${d.id}/matches`)).status, 403);
  assert.equal((await as.ent.post(`/api/space/demands/${d.id}/offer`, { unit_id: near.id })).status, 403);
  // a unit that misses a rule is refused, naming the rule
  let r = await as.svc.post(`/api/space/demands/${d.id}/offer`, { unit_id: weak.id });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'unit_id');
  assert.match(r.json.error.message, /荷载/);
  r = await as.svc.post(`/api/space/demands/${d.id}/offer`, { unit_id: busy.id });
  assert.equal(r.status, 409);
  r = await as.svc.post(`/api/space/demands/${d.id}/offer`, { unit_id: near.id });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.status, 'offered');
  assert.equal(r.json.unit_id, near.id);
  assert.equal(r.json.unit_number, near.number);
  assert.equal((await as.svc.get(`/api/space/units/${near.id}`)).json.status, 'intent');
  assert.ok((await notes(as.ent, d.id)).some((n) => n.kind === 'offered'), 'the enterprise is told');
  assert.equal((await notes(as.weipai, d.id)).length, 0, 'another enterprise is not');
  // the enterprise sees the unit offered to it; another enterprise does not
  assert.equal((await as.ent.get(`/api/space/units/${near.id}`)).status, 200);
  assert.equal((await as.weipai.get(`/api/space/units/${near.id}`)).status, 404);
  // offered twice: 409
  r = await as.svc.post(`/api/space/demands/${d.id}/offer`, { unit_id: far.id });
  assert.equal(r.status, 409);
  // another enterprise cannot accept it
  assert.equal((await as.weipai.post(`/api/space/demands/${d.id}/accept`, {})).status, 404);
  r = await as.ent.post(`/api/space/demands/${d.id}/accept`, {});
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.status, 'leased');
  assert.ok(r.json.lease_id);
  const l = (await as.ent.get(`/api/space/leases/${r.json.lease_id}`)).json;
  assert.equal(l.unit_id, near.id);
  assert.equal(l.enterprise_id, me.ent.enterprise_id);
  assert.equal(l.start_date, day(30));
  assert.equal(l.rent, 24000);
  const u = (await as.svc.get(`/api/space/units/${near.id}`)).json;
  assert.equal(u.status, 'leased');
  assert.equal(u.enterprise_id, me.ent.enterprise_id);
  assert.ok((await notes(as.svc, d.id)).some((n) => n.kind === 'accepted'));
  // a leased demand moves no more
  for (const ev of ['accept', 'decline', 'withdraw']) assert.equal((await as.ent.post(`/api/space/demands/${d.id}/${ev}`, {})).status, 409, ev);
  assert.equal((await as.svc.post(`/api/space/demands/${d.id}/close`, {})).status, 409);
});

test('declining an offer frees the unit and reopens the demand; withdrawing and closing end it', async () => {
  const b = await building();
  const u = await unit(b, { area: 1200 });
  const d = await demand(as.ent);
  assert.equal((await as.ent.post(`/api/space/demands/${d.id}/accept`, {})).status, 409, 'nothing offered yet');
  assert.equal((await as.ent.post(`/api/space/demands/${d.id}/decline`, {})).status, 409);
  assert.equal((await as.svc.post(`/api/space/demands/${d.id}/offer`, { unit_id: u.id })).status, 200);
  let r = await as.ent.post(`/api/space/demands/${d.id}/decline`, {});
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.status, 'open');
  assert.equal(r.json.unit_id, null);
  assert.equal((await as.svc.get(`/api/space/units/${u.id}`)).json.status, 'vacant');
  assert.ok((await notes(as.svc, d.id)).some((n) => n.kind === 'declined'));
  assert.equal((await as.svc.post(`/api/space/demands/${d.id}/offer`, { unit_id: u.id })).status, 200);
  r = await as.ent.post(`/api/space/demands/${d.id}/withdraw`, {});
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.status, 'withdrawn');
  assert.equal((await as.svc.get(`/api/space/units/${u.id}`)).json.status, 'vacant');
  assert.equal((await as.svc.post(`/api/space/demands/${d.id}/offer`, { unit_id: u.id })).status, 409);
  const d2 = await demand(as.svc, { enterprise_id: me.weipai.enterprise_id });
  assert.equal(d2.enterprise_id, me.weipai.enterprise_id, 'staff register a demand on behalf of an enterprise');
  r = await as.svc.post(`/api/space/demands/${d2.id}/close`, {});
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.status, 'closed');
  assert.ok((await notes(as.weipai, d2.id)).some((n) => n.kind === 'closed'));
});

test('an enterprise applies for a vacant unit it sees and signs it; others see neither the demand nor the unit', async () => {
  const b = await building();
  const u = await unit(b, { area: 1500 });
  const seen = (await all(as.ent, `/api/space/units?status=vacant&building_id=${b.id}`)).map((x) => x.id);
  assert.ok(seen.includes(u.id));
  let r = await as.ent.post(`/api/space/units/${u.id}/apply`, { wanted_from: day(10), term_months: 36, notes: '看中此单元' });
  assert.equal(r.status, 201, r.body);
  const d = r.json;
  assert.equal(d.status, 'offered');
  assert.equal(d.applied, true);
  assert.equal(d.unit_id, u.id);
  assert.equal(d.area_min, 1500);
  assert.equal((await as.svc.get(`/api/space/units/${u.id}`)).json.status, 'intent');
  assert.ok((await notes(as.svc, d.id)).some((n) => n.kind === 'applied'));
  // another enterprise: the unit is no longer vacant, so not to be applied for; the demand is not its
  assert.equal((await as.weipai.post(`/api/space/units/${u.id}/apply`, {})).status, 404);
  assert.equal((await as.weipai.get(`/api/space/demands/${d.id}`)).status, 404);
  assert.ok(!(await all(as.weipai, '/api/space/demands')).some((x) => x.id === d.id));
  assert.ok((await all(as.ent, '/api/space/demands')).every((x) => x.enterprise_id === me.ent.enterprise_id));
  // staff apply for no one
  assert.equal((await as.svc.post(`/api/space/units/${u.id}/apply`, {})).status, 403);
  r = await as.ent.post(`/api/space/demands/${d.id}/accept`, {});
  assert.equal(r.status, 200, r.body);
  const l = (await as.ent.get(`/api/space/leases/${r.json.lease_id}`)).json;
  assert.equal(l.start_date, day(10));
  assert.equal(l.end_date > day(10 + 3 * 365 - 5), true);
});

test('demands: another zone sees nothing (404); bad input is a 400 naming the field', async () => {
  const d = await demand(as.ent);
  for (const path of [`/api/space/demands/${d.id}`, `/api/space/demands/${d.id}/matches`]) {
    assert.equal((await as.zone2_admin.get(path)).status, 404, path);
  }
  assert.equal((await as.zone2_admin.post(`/api/space/demands/${d.id}/close`, {})).status, 404);
  assert.equal((await as.zone2_ent.post(`/api/space/demands/${d.id}/withdraw`, {})).status, 404);
  assert.ok(!(await all(as.zone2_admin, '/api/space/demands')).some((x) => x.id === d.id));
  const b = await building();
  const u = await unit(b, { area: 1200 });
  assert.equal((await as.zone2_ent.post(`/api/space/units/${u.id}/apply`, {})).status, 404);
  const bad = [
    [{ type: 'castle' }, 'type'],
    [{ area_min: 0 }, 'area_min'],
    [{ area_min: 2000, area_max: 1000 }, 'area_max'],
    [{ wanted_from: '2026-13-01' }, 'wanted_from'],
    [{ term_months: 0 }, 'term_months'],
    [{ type: 'apartment', area_min: 50, area_max: 90, floor_load: 5, power_kva: undefined }, 'floor_load'],
  ];
  for (const [extra, field] of bad) {
    const r = await as.ent.post('/api/space/demands', { type: 'factory', area_min: 1000, wanted_from: day(5), ...extra });
    assert.equal(r.status, 400, `${field}: ${r.body}`);
    assert.equal(r.json.error.field, field, r.body);
    assert.match(r.json.error.message, /[\u4e00-\u9fa5]/);
  }
  let r = await as.svc.post('/api/space/demands', { type: 'factory', area_min: 1000, wanted_from: day(5) });
  assert.equal(r.status, 400, 'staff name the enterprise');
  assert.equal(r.json.error.field, 'enterprise_id');
  r = await as.svc.post(`/api/space/demands/${d.id}/offer`, {});
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'unit_id');
  r = await as.ent.post(`/api/space/units/${u.id}/apply`, { wanted_from: 'tomorrow' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'wanted_from');
  for (const k of ['leader', 'head', 'province']) assert.equal((await as[k].post('/api/space/demands', { type: 'factory', area_min: 1, wanted_from: day(1), enterprise_id: me.ent.enterprise_id })).status, 403, k);
});

test('the lists export to .xlsx; an enterprise exports only its own rows', async () => {
  for (const path of ['/api/space/units/export', '/api/space/leases/export', '/api/space/demands/export']) {
    const r = await as.svc.get(path);
    assert.equal(r.status, 200, `${path}: ${r.body}`);
    assert.match(r.headers.get('content-type'), /spreadsheetml/);
    assert.ok(Number(r.headers.get('x-total-count')) > 0, path);
  }
  const csv = await as.ent.get('/api/space/demands/export?format=csv');
  assert.equal(csv.status, 200);
  const rows = csv.body.trim().split(/\r\n/).slice(1);
  const mine = await all(as.ent, '/api/space/demands');
  assert.equal(rows.length, mine.length);
  const units = await as.ent.get('/api/space/units/export?format=csv');
  assert.ok(!/承租企业名称/.test(units.body), 'no tenant column for an enterprise');
  assert.equal((await as.svc.get('/api/space/units/export?format=pdf')).status, 400);
});

// ---- the site plan and the buildings' outlines on it ----

function putFile(c, path, filename, content, type) {
  const b = '----yqplan' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`);
  const form = Buffer.concat([head, Buffer.from(content), Buffer.from(`\r\n--${b}--\r\n`)]);
  return c.req('PUT', path, new Uint8Array(form), { headers: { 'Content-Type': `multipart/form-data; boundary=${b}` } });
}
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 600"><rect x="0" y="0" width="800" height="600" fill="#eee"/><line x1="0" y1="300" x2="800" y2="300" stroke="#ccc" stroke-width="20"/></svg>';
// a 3 × 2 PNG: its signature and IHDR are what is read
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from('IHDR'), Buffer.from([0, 0, 0, 3, 0, 0, 0, 2, 8, 6, 0, 0, 0]), Buffer.alloc(16)]);

test('the demo draws 海门\'s plan with its buildings outlined on it', async () => {
  const p = await as.zone2_admin.get('/api/space/plan');
  assert.equal(p.status, 200, p.body);
  assert.equal(p.json.content_type, 'image/svg+xml');
  assert.deepEqual([p.json.width, p.json.height], [1000, 800]);
  const img = await as.zone2_ent.get('/api/space/plan/image');
  assert.equal(img.status, 200);
  assert.match(img.headers.get('content-type'), /image\/svg\+xml/);
  assert.match(img.headers.get('content-security-policy'), /sandbox/);
  assert.match(img.body, /秀山路/);
  assert.ok(!/<script/i.test(img.body));
  const bs = (await as.zone2_admin.get('/api/space/buildings?page_size=200')).json.items;
  assert.ok(bs.some((b) => b.name.includes('人才公寓')) && bs.some((b) => b.name.includes('标准厂房')));
  for (const b of bs.filter((x) => x.name.startsWith('标准厂房') || x.name.startsWith('人才公寓'))) {
    const pts = JSON.parse(typeof b.plan === 'string' ? b.plan : JSON.stringify(b.plan));
    assert.ok(pts.length >= 3, b.name);
    assert.ok(pts.every(([x, y]) => x >= 0 && x <= 1000 && y >= 0 && y <= 800), b.name);
  }
});

test('the admin uploads the zone\'s plan (SVG or PNG, nothing that runs) and outlines a building on it', async () => {
  assert.equal((await as.ent.get('/api/space/plan')).json.content_type, null, 'none yet');
  assert.equal((await as.ent.get('/api/space/plan/image')).status, 404);
  assert.equal((await putFile(as.ent, '/api/space/plan', 'p.svg', SVG, 'image/svg+xml')).status, 403);
  assert.equal((await putFile(as.leader, '/api/space/plan', 'p.svg', SVG, 'image/svg+xml')).status, 403);
  for (const bad of [
    SVG.replace('</svg>', '<script>alert(1)</script></svg>'),
    SVG.replace('<rect ', '<rect onload="alert(1)" '),
    SVG.replace('</svg>', '<foreignObject><div>x</div></foreignObject></svg>'),
    SVG.replace('</svg>', '<image href="http://example.invalid/x.png"/></svg>'),
    SVG.replace('</svg>', '<a href="javascript:alert(1)"><text>x</text></a></svg>'),
    'just text, not a picture',
    SVG.replace(' viewBox="0 0 800 600"', ''),
  ]) {
    const r = await putFile(as.admin, '/api/space/plan', 'p.svg', bad, 'image/svg+xml');
    assert.equal(r.status, 400, `${bad.slice(0, 60)}: ${r.body}`);
    assert.equal(r.json.error.field, 'image');
    assert.match(r.json.error.message, /[\u4e00-\u9fa5]/);
  }
  let r = await putFile(as.admin, '/api/space/plan', 'p.png', PNG, 'image/png');
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.content_type, 'image/png');
  assert.deepEqual([r.json.width, r.json.height], [3, 2]);
  r = await putFile(as.svc, '/api/space/plan', 'p.svg', SVG, 'image/svg+xml');
  assert.equal(r.status, 200, r.body);
  assert.deepEqual([r.json.content_type, r.json.width, r.json.height], ['image/svg+xml', 800, 600]);
  const img = await as.ent.get('/api/space/plan/image');
  assert.equal(img.status, 200);
  assert.equal(img.body, SVG);
  // outlines: inside the plan, 3 points or more
  const b = await building();
  r = await as.svc.put(`/api/space/buildings/${b.id}/outline`, { plan: [[100, 100], [200, 100], [200, 180], [100, 180]] });
  assert.equal(r.status, 200, r.body);
  assert.deepEqual(typeof r.json.plan === 'string' ? JSON.parse(r.json.plan) : r.json.plan, [[100, 100], [200, 100], [200, 180], [100, 180]]);
  for (const plan of [[[0, 0], [10, 0]], [[0, 0], [900, 0], [900, 10]], [[0, 0], [-1, 5], [5, 5]], 'square', [[0, 0], [1, 'a'], [2, 2]]]) {
    r = await as.svc.put(`/api/space/buildings/${b.id}/outline`, { plan });
    assert.equal(r.status, 400, `${JSON.stringify(plan)}: ${r.body}`);
    assert.equal(r.json.error.field, 'plan');
  }
  assert.equal((await as.ent.put(`/api/space/buildings/${b.id}/outline`, { plan: [[1, 1], [2, 1], [2, 2]] })).status, 403);
  assert.equal((await as.zone2_admin.put(`/api/space/buildings/${b.id}/outline`, { plan: [[1, 1], [2, 1], [2, 2]] })).status, 404);
});
