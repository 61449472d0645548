// Enterprise registry: validation, uniqueness, filters, dated flags, 包保, visits, archive,
// and data scope (an enterprise user sees only its own enterprise).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, adminClient, Client, uscc } from './lib.mjs';

let srv, admin, ids = {}, staff = {}, dept = {};
const PW = 'Start-Passw0rd-2026';

// valid codes (GB 32100-2015 check character), made with the standard's weights
const USCC = ['91350100M000100Y43', '91220101MA0Y3FXP7X', '91320684MA1MXXXX0M', '9143012278000000X1'];
const make = (n) => uscc('91220101MA', n);

async function loginChanged(username) {
  const c = new Client(srv.base);
  assert.equal((await c.login(username, PW)).status, 200);
  assert.equal((await c.put('/api/me/password', { old_password: PW, new_password: PW + 'x' })).status, 204);
  return c;
}

before(async () => {
  srv = await startServer();
  admin = await adminClient(srv);
  for (const [k, name] of [['inv', '招商局'], ['svc', '企业服务中心']]) {
    dept[k] = (await admin.post('/api/depts', { name, kind: 'investment' })).json.id;
  }
  for (const [u, role, d] of [['leader_wang', 'leader', null], ['cadre_li', 'staff', 'inv'], ['svc_zhao', 'staff', 'svc']]) {
    const r = await admin.post('/api/users', { username: u, display_name: u, role, dept_id: d ? dept[d] : undefined, password: PW });
    staff[u] = r.json.id;
  }
  const rows = [
    ['guangdian', { uscc: make(1), name: '长春光电信息有限公司', short_name: '光电信息', industry_code: '3976', building: '光电产业园A栋', registered_capital: 8000,
      flags: [{ flag: 'above_size', from: '2020-03-01' }, { flag: 'high_tech', from: '2021-01-01', to: '2023-12-31', cert_no: 'GR202122000123' }],
      leader_user_id: staff.leader_wang, liaison_user_id: staff.cadre_li, dept_id: dept.inv }],
    ['qipei', { uscc: make(2), name: '一汽富晟汽车零部件有限公司', industry_code: '3670', building: '汽车产业园', registered_capital: 20000,
      flags: [{ flag: 'above_size', from: '2018-01-01' }], leader_user_id: staff.leader_wang, dept_id: dept.svc }],
    ['yiliao', { uscc: make(3), name: '迪瑞医疗科技股份有限公司', industry_code: '3581', registered_capital: 3000, dept_id: dept.svc }],
  ];
  for (const [k, body] of rows) {
    const r = await admin.post('/api/enterprises', body);
    assert.equal(r.status, 201, r.body);
    ids[k] = r.json.id;
  }
});
after(async () => { await srv.stop(); });

test('USCC check character, character set and length are validated', async () => {
  const bad = USCC[0].slice(0, 17) + (USCC[0][17] === '3' ? '4' : '3');
  let r = await admin.post('/api/enterprises', { uscc: bad, name: 'x公司', industry_code: '3670' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'uscc');
  assert.equal(r.json.error.message, '校验码错误');
  r = await admin.post('/api/enterprises', { uscc: '12345', name: 'x公司', industry_code: '3670' });
  assert.equal(r.json.error.field, 'uscc');
  r = await admin.post('/api/enterprises', { uscc: '91350100M000100YI3', name: 'x公司', industry_code: '3670' });
  assert.equal(r.status, 400);
});

test('lowercase and full-width codes are normalised', async () => {
  const fw = [...USCC[0].toLowerCase()].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
  const r = await admin.post('/api/enterprises', { uscc: fw, name: '全角代码企业', industry_code: '3670' });
  assert.equal(r.status, 201, r.body);
  assert.equal(r.json.uscc, USCC[0]);
  const dup = await admin.post('/api/enterprises', { uscc: USCC[0].toLowerCase(), name: '重复', industry_code: '3670' });
  assert.equal(dup.status, 409);
  assert.equal(dup.json.error.field, 'uscc');
});

test('an industry code not in GB/T 4754-2017 is refused', async () => {
  const r = await admin.post('/api/enterprises', { uscc: make(50), name: '无行业', industry_code: '9999' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'industry_code');
  assert.equal(r.json.error.message, '行业代码不存在');
  const ok = await admin.get(`/api/enterprises/${ids.qipei}`);
  assert.equal(ok.json.industry_name, '汽车零部件及配件制造');
});

test('two-character Chinese keyword, industry prefix, building and sort', async () => {
  let r = await admin.get('/api/enterprises?q=' + encodeURIComponent('光电'));
  assert.deepEqual(r.json.items.map((x) => x.id), [ids.guangdian]);
  r = await admin.get('/api/enterprises?q=' + make(2).slice(0, 12).toLowerCase());
  assert.ok(r.json.items.some((x) => x.id === ids.qipei), 'USCC search ignores case');
  r = await admin.get('/api/enterprises?industry=36');
  assert.ok(r.json.items.every((x) => x.industry_code.startsWith('36')));
  r = await admin.get('/api/enterprises?industry=C&page_size=200');
  assert.ok(r.json.total >= 3);
  r = await admin.get('/api/enterprises?building=' + encodeURIComponent('产业园'));
  assert.equal(r.json.total, 2);
  r = await admin.get('/api/enterprises?sort=-registered_capital');
  assert.equal(r.json.items[0].id, ids.qipei);
  assert.equal((await admin.get('/api/enterprises?sort=password')).status, 400);
  r = await admin.get('/api/enterprises?page=1&page_size=1');
  assert.equal(r.json.items.length, 1);
  assert.ok(r.json.total >= 3);
});

test('?tag= keeps the enterprises carrying that exact tag, in the list and the export', async () => {
  const tagged = {};
  for (const [k, n, tags] of [['a', 11, ['专精特新培育', '链主']], ['b', 12, ['链主企业']], ['c', 13, ['他"说\\x', '50%']]]) {
    const r = await admin.post('/api/enterprises', { uscc: make(n), name: `标签测试${k}有限公司`, industry_code: '3670', tags });
    assert.equal(r.status, 201, r.body);
    assert.deepEqual(r.json.tags, tags);
    tagged[k] = r.json.id;
  }
  const ids_of = async (tag) => (await admin.get('/api/enterprises?page_size=200&tag=' + encodeURIComponent(tag))).json.items.map((x) => x.id).sort();
  assert.deepEqual(await ids_of('链主'), [tagged.a], 'exact tag, not a prefix of 链主企业');
  assert.deepEqual(await ids_of('链主企业'), [tagged.b]);
  assert.deepEqual(await ids_of('他"说\\x'), [tagged.c], 'quotes and backslashes match as stored');
  assert.deepEqual(await ids_of('50%'), [tagged.c], '% is not a wildcard');
  assert.deepEqual(await ids_of('5_%'), [], '_ is not a wildcard');
  assert.deepEqual(await ids_of('链'), [], 'a part of a tag is not the tag');
  const all = (await admin.get('/api/enterprises?page_size=200')).json.total;
  assert.equal((await admin.get('/api/enterprises?page_size=200&tag=')).json.total, all, 'an empty tag filters nothing');
  const bad = await admin.get('/api/enterprises?tag=' + encodeURIComponent('长'.repeat(21)));
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.field, 'tag');
  const csv = await admin.get('/api/enterprises/export?format=csv&tag=' + encodeURIComponent('链主'));
  assert.equal(csv.status, 200);
  assert.match(csv.body, /标签测试a有限公司/);
  assert.doesNotMatch(csv.body, /标签测试b有限公司/);
});

test('dated flags answer "as of" questions', async () => {
  let r = await admin.get('/api/enterprises?flag=above_size&as_of=2019-06');
  assert.deepEqual(r.json.items.map((x) => x.id), [ids.qipei], '规上 as of 2019-06');
  r = await admin.get('/api/enterprises?flag=above_size&as_of=2021-06');
  assert.equal(r.json.total, 2);
  r = await admin.get('/api/enterprises?flag=high_tech&as_of=2022-05-01');
  assert.deepEqual(r.json.items.map((x) => x.id), [ids.guangdian]);
  r = await admin.get('/api/enterprises?flag=high_tech');
  assert.equal(r.json.total, 0, 'the certificate expired in 2023');
  const one = await admin.get(`/api/enterprises/${ids.guangdian}`);
  assert.equal(one.json.flags.length, 2);
  assert.equal(one.json.flags_now.above_size, true);
  assert.equal(one.json.flags_now.high_tech, false);
  assert.equal((await admin.get('/api/enterprises?flag=nonsense')).status, 400);
  assert.equal((await admin.get('/api/enterprises?as_of=2021-13')).status, 400);
});

test('包保: by leader, without a leader, the leaders list, visits', async () => {
  let r = await admin.get(`/api/enterprises?leader_id=${staff.leader_wang}`);
  assert.equal(r.json.total, 2);
  r = await admin.get('/api/enterprises?no_leader=1');
  assert.ok(r.json.items.every((x) => x.leader_user_id === null));
  assert.ok(r.json.items.some((x) => x.id === ids.yiliao));
  r = await admin.get('/api/baobao/leaders');
  const wang = r.json.items.find((x) => x.user_id === staff.leader_wang);
  assert.equal(wang.count, 2);
  const v = await admin.post(`/api/enterprises/${ids.guangdian}/visits`, { visited_on: '2026-11-02', kind: '摸底', findings: '四季度订单饱满，用工缺口30人', follow_ups: '对接人社局' });
  assert.equal(v.status, 201, v.body);
  const bad = await admin.post(`/api/enterprises/${ids.guangdian}/visits`, { visited_on: '2026-11-02', kind: '吃饭', findings: 'x' });
  assert.equal(bad.json.error.field, 'kind');
  r = await admin.get(`/api/enterprises/${ids.guangdian}/visits`);
  assert.equal(r.json.items[0].findings, '四季度订单饱满，用工缺口30人');
  const stats = await admin.get('/api/stats/enterprises');
  assert.ok(stats.json.total >= 3);
  assert.equal(stats.json.baobao.covered, 2);
  assert.equal(stats.json.by_industry[0].code, 'C');
});

test('update is audited with before and after; archive hides', async () => {
  const cur = (await admin.get(`/api/enterprises/${ids.yiliao}`)).json;
  const r = await admin.put(`/api/enterprises/${ids.yiliao}`, { ...cur, registered_capital: 3500, short_name: '迪瑞医疗' });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.registered_capital, 3500);
  const a = await admin.get(`/api/audit?obj_type=enterprise&obj_id=${ids.yiliao}`);
  assert.equal(a.json.items[0].action, 'update');
  assert.deepEqual(a.json.items[0].changes.short_name, ['', '迪瑞医疗']);
  assert.equal((await admin.post(`/api/enterprises/${ids.yiliao}/archive`)).status, 204);
  let l = await admin.get('/api/enterprises?page_size=200');
  assert.ok(!l.json.items.some((x) => x.id === ids.yiliao), 'archived are hidden by default');
  l = await admin.get('/api/enterprises?archived=1');
  assert.deepEqual(l.json.items.map((x) => x.id), [ids.yiliao]);
  assert.equal((await admin.post(`/api/enterprises/${ids.yiliao}/archive`)).status, 409);
  assert.equal((await admin.post(`/api/enterprises/${ids.yiliao}/unarchive`)).status, 204);
  assert.equal((await admin.del(`/api/enterprises/${ids.yiliao}`)).status, 405, 'no hard delete');
});

test('an enterprise user sees only its own enterprise (IDOR → 404)', async () => {
  const u = await admin.post('/api/users', { username: 'gd_user', role: 'enterprise', enterprise_id: ids.guangdian, password: PW });
  assert.equal(u.status, 201, u.body);
  const c = await loginChanged('gd_user');
  const list = await c.get('/api/enterprises?page_size=200');
  assert.deepEqual(list.json.items.map((x) => x.id), [ids.guangdian]);
  assert.equal((await c.get(`/api/enterprises/${ids.guangdian}`)).status, 200);
  const other = await c.get(`/api/enterprises/${ids.qipei}`);
  assert.equal(other.status, 404);
  assert.equal((await c.get(`/api/enterprises/${ids.qipei}/visits`)).status, 404);
  assert.equal((await c.put(`/api/enterprises/${ids.guangdian}`, { uscc: make(1), name: 'x', industry_code: '3670' })).status, 403);
  const s = await c.get('/api/stats/enterprises');
  assert.equal(s.json.total, 1);
});

test('a department user sees the enterprises its department is responsible for', async () => {
  const c = await loginChanged('svc_zhao');
  const list = await c.get('/api/enterprises?page_size=200');
  const got = list.json.items.map((x) => x.id).sort();
  assert.deepEqual(got, [ids.qipei, ids.yiliao].sort());
  assert.equal((await c.get(`/api/enterprises/${ids.guangdian}`)).status, 404, 'another department’s enterprise');
});
