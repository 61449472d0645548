// Region users (省/市级用户) administered in the console (issue 15): a platform administrator (an
// administrator whose data scope is every zone, made on the command line: user add NAME --role
// admin --data-scope all) lists, creates, edits, locks, unlocks and resets the password of the
// province and city users through /api/users; a zone's administrator neither sees them nor makes
// one. On the demo: a 长春市 user (220100) made by the platform administrator reads the two 长春
// zones only, and the enterprises' contact phones only once granted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, cli, demoDatabase, DEMO_PW } from './lib.mjs';

const PW = DEMO_PW;
let srv, db, platform, zoneAdmin;
const zone = {};

before(async () => {
  db = demoDatabase();
  const r = cli(['user', 'add', 'yq-platform', '--role', 'admin', '--data-scope', 'all', '--zone', 'ccetdz', '--display-name', '平台管理员', '--db', db, '--password-stdin'], { input: PW + '\n' });
  assert.equal(r.code, 0, r.stderr);
  srv = await startServer({ db, env: { YUANQU_MAINTENANCE_SECONDS: '3600' } });
  platform = new Client(srv.base);
  const l = await platform.login('yq-platform', PW);
  assert.equal(l.status, 200, l.body);
  assert.equal(l.json.user.data_scope, 'all');
  for (const z of l.json.zones) zone[z.code] = z;
  zoneAdmin = new Client(srv.base);
  assert.equal((await zoneAdmin.login('ccetdz-admin', PW)).status, 200);
});
after(async () => { await srv?.stop(); });

/** Logs in as `name` (a new account: its forced password change done) and returns the client. */
async function loginNew(name, pw) {
  const c = new Client(srv.base);
  const r = await c.login(name, pw);
  assert.equal(r.status, 200, r.body);
  assert.equal((await c.put('/api/me/password', { old_password: pw, new_password: pw + 'x' })).status, 204);
  return c;
}

test('the platform administrator reads every zone and the region users; a zone administrator neither', async () => {
  assert.deepEqual(Object.keys(zone).sort(), ['ccetdz', 'cczb', 'hmetdz', 'wcetdz']);
  const region = (await platform.get('/api/users?kind=region')).json;
  assert.deepEqual(region.items.map((u) => u.username), ['province-viewer']);
  assert.equal(region.items[0].region_code, '220000');
  assert.equal(region.items[0].region_name, '吉林省');
  assert.equal(region.items[0].zone_id, null);
  // the zone's own users, without the region users
  const own = (await platform.get('/api/users?kind=zone&page_size=200')).json;
  assert.ok(own.items.some((u) => u.username === 'ccetdz-admin'));
  assert.ok(!own.items.some((u) => u.role === 'province'));
  // both, without a kind
  const both = (await platform.get('/api/users?page_size=1')).json.total;
  assert.equal(both, own.total + region.total);
  // the regions as a tree: every province, city and county of the table
  const regions = (await platform.get('/api/regions')).json.items;
  for (const code of ['220000', '220100', '320000', '430000']) assert.ok(regions.some((g) => g.code === code), code);
  // a zone's administrator: no region user, listed or by id
  assert.equal((await zoneAdmin.get('/api/users?kind=region')).json.total, 0);
  assert.equal((await zoneAdmin.get('/api/users?role=province')).json.total, 0);
  const id = region.items[0].id;
  assert.equal((await zoneAdmin.get(`/api/users/${id}`)).status, 404);
  assert.equal((await zoneAdmin.put(`/api/users/${id}`, { display_name: '改名' })).status, 404);
  assert.equal((await zoneAdmin.post(`/api/users/${id}/lock`)).status, 404);
  assert.equal((await zoneAdmin.post(`/api/users/${id}/reset-password`, { password: 'Other-Passw0rd!2026' })).status, 404);
  const bad = await platform.get('/api/users?kind=province');
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.field, 'kind');
});

test('a 长春市 user made in the console reads the 长春 zones only, and contact phones once granted', async () => {
  const made = await platform.post('/api/users', { username: 'changchun-viewer', display_name: '长春市商务局', role: 'province', region_code: '220100', contact_access: false, password: PW });
  assert.equal(made.status, 201, made.body);
  assert.deepEqual([made.json.role, made.json.region_code, made.json.region_name, made.json.zone_id, made.json.data_scope, made.json.contact_access, made.json.must_change_password],
    ['province', '220100', '长春市', null, 'all', false, true]);
  const city = await loginNew('changchun-viewer', PW);
  const pw = PW + 'x';
  assert.deepEqual((await city.get('/api/zones')).json.items.map((z) => z.code).sort(), ['ccetdz', 'cczb']);
  const cmp = await city.get('/api/region/compare?period=2026-10');
  assert.equal(cmp.status, 200, cmp.body);
  assert.deepEqual(cmp.json.items.map((z) => z.zone).sort(), [zone.ccetdz.name, zone.cczb.name].sort());
  for (const z of ['hmetdz', 'wcetdz']) assert.equal((await city.put('/api/me/zone', { zone_id: zone[z].id })).status, 404);
  // no contact phones until granted
  assert.equal((await city.put('/api/me/zone', { zone_id: zone.ccetdz.id })).status, 204);
  const withContacts = (await zoneAdmin.get('/api/enterprises?page_size=100')).json.items.find((x) => (x.contacts || []).length);
  assert.ok(withContacts, 'a demo enterprise with contacts');
  const phone = withContacts.contacts[0].phone;
  const seen = async () => {
    const one = await city.get(`/api/enterprises/${withContacts.id}`);
    assert.equal(one.status, 200, one.body);
    return 'contacts' in one.json && one.body.includes(phone);
  };
  assert.equal(await seen(), false);
  // granted by the platform administrator in the console (a session reads it at the next request)
  let r = await platform.put(`/api/users/${made.json.id}`, { contact_access: true, display_name: '长春市商务局（经济合作处）' });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.contact_access, true);
  assert.equal(r.json.display_name, '长春市商务局（经济合作处）');
  assert.equal(await seen(), true);
  r = await platform.put(`/api/users/${made.json.id}`, { contact_access: false });
  assert.equal(await seen(), false);
  // the audit trail records the change
  const audit = (await platform.get(`/api/audit?object_type=user&object_id=${made.json.id}`)).json;
  if (audit && audit.items) assert.ok(audit.items.some((a) => a.action === 'update'), JSON.stringify(audit.items.map((a) => a.action)));
  // moved to 吉林省 it reads the same zones (吉林's are 长春's), moved to 长沙市 only 望城
  r = await platform.put(`/api/users/${made.json.id}`, { region_code: '430100' });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.region_name, '长沙市');
  assert.deepEqual((await city.get('/api/zones')).json.items.map((z) => z.code), ['wcetdz']);
  // locked: no login; unlocked: in again; a new password is to be changed at the next login
  assert.equal((await platform.post(`/api/users/${made.json.id}/lock`)).status, 204);
  assert.equal((await new Client(srv.base).login('changchun-viewer', pw)).status, 403);
  assert.equal((await platform.post(`/api/users/${made.json.id}/unlock`)).status, 204);
  assert.equal((await new Client(srv.base).login('changchun-viewer', pw)).status, 200);
  assert.equal((await platform.post(`/api/users/${made.json.id}/reset-password`, { password: 'Reset-Passw0rd!2026' })).status, 204);
  const again = await new Client(srv.base).login('changchun-viewer', 'Reset-Passw0rd!2026');
  assert.equal(again.status, 200);
  assert.equal(again.json.user.must_change_password, true);
  // a province user stays one, and no zone's user becomes one
  r = await platform.put(`/api/users/${made.json.id}`, { role: 'leader' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'role');
  const leader = (await platform.get('/api/users?q=ccetdz-leader')).json.items[0];
  r = await platform.put(`/api/users/${leader.id}`, { role: 'province' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'role');
});

test('a zone administrator may not make a region user, nor take over the platform administrator', async () => {
  let r = await zoneAdmin.post('/api/users', { username: 'jl-viewer2', role: 'province', region_code: '220000', password: PW });
  assert.equal(r.status, 403, r.body);
  assert.equal(r.json.error.field, 'role');
  assert.match(r.json.error.message, /[\u4e00-\u9fa5]/);
  r = await zoneAdmin.post('/api/users', { username: 'zone-platform', role: 'admin', data_scope: 'all', password: PW });
  assert.equal(r.status, 400, r.body);
  assert.equal(r.json.error.field, 'data_scope');
  const me = (await zoneAdmin.get('/api/users?q=yq-platform')).json.items[0];
  assert.equal(me.data_scope, 'all');
  r = await zoneAdmin.post(`/api/users/${me.id}/reset-password`, { password: 'Taken-Passw0rd!2026' });
  assert.equal(r.status, 403, r.body);
  assert.equal((await zoneAdmin.post(`/api/users/${me.id}/lock`)).status, 403);
  assert.equal((await zoneAdmin.put(`/api/users/${me.id}`, { display_name: 'x' })).status, 403);
  // nor clear its second factor (the way to take an account over with its password)
  r = await zoneAdmin.post(`/api/users/${me.id}/totp/reset`);
  assert.equal(r.status, 403, r.body);
  // the platform administrator resets a region user's second factor, which a zone's cannot see
  const jl = (await platform.get('/api/users?kind=region')).json.items.find((x) => x.username === 'province-viewer');
  assert.equal((await platform.post(`/api/users/${jl.id}/totp/reset`)).status, 204);
  assert.equal((await zoneAdmin.post(`/api/users/${jl.id}/totp/reset`)).status, 404);
  // the platform administrator makes another
  r = await platform.post('/api/users', { username: 'yq-platform2', role: 'admin', data_scope: 'all', password: PW });
  assert.equal(r.status, 201, r.body);
  assert.equal(r.json.data_scope, 'all');
});

test('a region code that is malformed or not in the table is refused on region_code, in Chinese', async () => {
  for (const [code, msg] of [['22010', '行政区划代码应为6位数字（GB/T 2260）'], ['abc123', '行政区划代码应为6位数字（GB/T 2260）'], ['229900', '行政区划代码不在区划表中']]) {
    const r = await platform.post('/api/users', { username: 'bad-region', role: 'province', region_code: code, password: PW });
    assert.equal(r.status, 400, `${code}: ${r.body}`);
    assert.equal(r.json.error.field, 'region_code');
    assert.equal(r.json.error.message, msg);
  }
  const u = (await platform.get('/api/users?kind=region')).json.items.find((x) => x.username === 'province-viewer');
  const r = await platform.put(`/api/users/${u.id}`, { region_code: '999999' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'region_code');
  // a zone's user has no region
  const z = await platform.post('/api/users', { username: 'staff-region', role: 'leader', region_code: '220000', password: PW });
  assert.equal(z.status, 400);
  assert.equal(z.json.error.field, 'region_code');
  assert.equal((await platform.get('/api/users?q=bad-region')).json.total, 0);
});
