// 包保 visits of a month across the zone (GET /api/baobao/visits/stats, src/economy/economy_baobao.c)
// and the enterprise list's filters that reproduce its figures (baobao=1, visited=, not_visited=),
// on a fixture counted by hand: five enterprises, A and B under 包保 leader 甲, C under 乙, D with
// no leader, E under 乙 but archived; in March 2026 A is visited twice, C once, D once and E once,
// B only in February.
//   the zone:   3 包保 enterprises (A B C), 3 visits (A A C), 2 visited (A C), 1 not (B);
//               甲 2 enterprises, 1 visited, 2 visits; 乙 1, 1, 1
//   甲 himself: A and B only (the enterprises he serves): 2, 2 visits, 1 visited, 1 not (B)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, cli, uscc, newUser, adminClient, initDatabase } from './lib.mjs';

const PW = 'Visit-Passw0rd!2026';
let srv, admin;
const as = {}, ids = {};

before(async () => {
  const db = initDatabase();
  const r = cli(['user', 'add', 'visit-viewer', '--role', 'province', '--db', db, '--password-stdin'], { input: PW + '\n' });
  assert.equal(r.code, 0, r.stderr);
  srv = await startServer({ db, env: { YUANQU_MAINTENANCE_SECONDS: '3600' } });
  admin = await adminClient(srv);
  const d = await admin.post('/api/depts', { name: '企业服务局', kind: 'other' });
  assert.equal(d.status, 201, d.body);
  const other = await admin.post('/api/depts', { name: '招商局', kind: 'other' });
  for (const [k, u, name] of [['jia', 'bb-jia', '包保领导甲'], ['yi', 'bb-yi', '包保领导乙']]) {
    as[k] = await newUser(srv, admin, u, 'staff', { dept_id: d.json.id, display_name: name }, PW);
    ids[k] = (await admin.get(`/api/users?q=${u}`)).json.items[0].id;
  }
  const plan = { A: ids.jia, B: ids.jia, C: ids.yi, D: null, E: ids.yi };
  let n = 0;
  for (const [k, leader] of Object.entries(plan)) {
    // in another department than the leaders': a leader reads his own by 包保 only
    const e = await admin.post('/api/enterprises', { uscc: uscc('91220101WF', ++n), name: `走访统计${k}有限公司`, industry_code: '3670', dept_id: other.json.id, ...(leader ? { leader_user_id: leader } : {}) });
    assert.equal(e.status, 201, e.body);
    ids[k] = e.json.id;
  }
  for (const [k, day] of [['A', '2026-03-02'], ['A', '2026-03-31'], ['C', '2026-03-15'], ['D', '2026-03-20'], ['E', '2026-03-21'], ['B', '2026-02-28'], ['C', '2026-04-01']]) {
    const v = await admin.post(`/api/enterprises/${ids[k]}/visits`, { visited_on: day, kind: '服务', findings: `走访${k}` });
    assert.equal(v.status, 201, v.body);
  }
  const a = await admin.post(`/api/enterprises/${ids.E}/archive`, {});
  assert.equal(a.status, 204, a.body);
});
after(async () => { await srv?.stop(); });

const names = (r) => r.json.items.map((x) => x.name.replace(/^走访统计|有限公司$/g, '')).sort();

test('the zone: visits, enterprises visited and not, by leader', async () => {
  const r = await admin.get('/api/baobao/visits/stats?period=2026-03');
  assert.equal(r.status, 200, r.body);
  assert.deepEqual(r.json, {
    period: '2026-03', enterprises: 3, visits: 3, visited: 2, not_visited: 1,
    leaders: [
      // by name (乙 U+4E59 before 甲 U+7532)
      { leader_id: ids.yi, leader_name: '包保领导乙', enterprises: 1, visited: 1, visits: 1 },
      { leader_id: ids.jia, leader_name: '包保领导甲', enterprises: 2, visited: 1, visits: 2 },
    ],
  });
  // the lists that reproduce the figures
  assert.deepEqual(names(await admin.get('/api/enterprises?baobao=1')), ['A', 'B', 'C']);
  assert.deepEqual(names(await admin.get('/api/enterprises?baobao=1&visited=2026-03')), ['A', 'C']);
  assert.deepEqual(names(await admin.get('/api/enterprises?baobao=1&not_visited=2026-03')), ['B']);
  assert.deepEqual(names(await admin.get('/api/enterprises?visited=2026-03')), ['A', 'C', 'D']);
  // February: B alone was visited
  const feb = (await admin.get('/api/baobao/visits/stats?period=2026-02')).json;
  assert.deepEqual([feb.enterprises, feb.visits, feb.visited, feb.not_visited], [3, 1, 1, 2]);
  assert.deepEqual(names(await admin.get('/api/enterprises?baobao=1&not_visited=2026-02')), ['A', 'C']);
  // without a period: the current month
  const now = (await admin.get('/api/baobao/visits/stats')).json;
  assert.match(now.period, /^\d{4}-\d{2}$/);
});

test('a leader reads the enterprises he serves; a province user and bad input are refused', async () => {
  const r = (await as.jia.get('/api/baobao/visits/stats?period=2026-03')).json;
  assert.deepEqual([r.enterprises, r.visits, r.visited, r.not_visited], [2, 2, 1, 1]);
  assert.deepEqual(r.leaders.map((l) => l.leader_name), ['包保领导甲']);
  assert.deepEqual(names(await as.jia.get('/api/enterprises?baobao=1&not_visited=2026-03')), ['B']);
  assert.deepEqual(names(await as.jia.get('/api/enterprises?baobao=1&visited=2026-03')), ['A']);
  const yi = (await as.yi.get('/api/baobao/visits/stats?period=2026-03')).json;
  assert.deepEqual([yi.enterprises, yi.visits, yi.visited, yi.not_visited], [1, 1, 1, 0]);
  // 包保 is the zone's work: a province user has no economy.baobao
  const prov = new Client(srv.base);
  assert.equal((await prov.login('visit-viewer', PW)).status, 200);
  const p = await prov.get('/api/baobao/visits/stats?period=2026-03');
  assert.equal(p.status, 403, p.body);
  for (const bad of ['2026-13', '2026-3', 'march']) {
    const x = await admin.get(`/api/baobao/visits/stats?period=${bad}`);
    assert.equal(x.status, 400, x.body);
    assert.equal(x.json.error.field, 'period');
    assert.match(x.json.error.message, /月份/);
    for (const f of ['visited', 'not_visited']) {
      const y = await admin.get(`/api/enterprises?${f}=${bad}`);
      assert.equal(y.status, 400, y.body);
      assert.equal(y.json.error.field, f);
    }
  }
  assert.equal((await new Client(srv.base).get('/api/baobao/visits/stats')).status, 401);
});
