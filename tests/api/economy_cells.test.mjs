// The economy's kept cells (econ_cell, migration 0021, src/economy/economy_cells.c): the figures
// read them, every write of a report keeps them (a return takes the month out of the figures and
// out of the next months' 累计, a correction puts it back), and a database from before 0021 is
// migrated to the same figures the program computes itself.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, cli, newDatabase, uscc } from './lib.mjs';
import { sql, undo0021, migratedFrom } from './undo_migrations.mjs';

const PW = 'Cells-Passw0rd!2026';
let srv, db;
const as = {};

async function login(server) {
  for (const u of ['admin', 'jingfa', 'leader']) {
    as[u] = new Client(server.base);
    const r = await as[u].login(`ccetdz-${u}`, PW);
    assert.equal(r.status, 200, r.body);
  }
}

before(async () => {
  db = newDatabase();
  const d = cli(['demo', '--db', db, '--password-stdin'], { input: PW + '\n' });
  assert.equal(d.code, 0, d.stderr);
  srv = await startServer({ db, env: { YUANQU_MAINTENANCE_SECONDS: '3600' } });
  await login(srv);
});
after(async () => { await srv?.stop(); });

const figures = async (c, period, group = '') =>
  (await c.get(`/api/economy/summary?period=${period}${group ? `&group=${group}` : ''}`)).json.items;
const output = async (period) => (await figures(as.leader, period)).find((x) => x.code === 'output');

test('a return takes the month out of the figures and of the next months; a correction puts it back', async () => {
  const e = await as.admin.post('/api/enterprises', { uscc: uscc('91220101CE', 1), name: '月度数据测试企业', industry_code: '3670' });
  assert.equal(e.status, 201, e.body);
  const ent = e.json.id;
  const put = async (period, v) => {
    const r = await as.jingfa.post('/api/economy/reports', { period, enterprise_id: ent, values: { output: v }, reason: '历史数据录入' });
    assert.equal(r.status, 200, r.body);
    return r.json.id;
  };
  // 2012–2013: years the demo has no figures of
  await put('2012-01', 100);
  await put('2012-02', 200);
  const feb = await put('2013-02', 300);
  await put('2013-01', 150); // filed late: February's 累计 moves
  let x = await output('2013-02');
  assert.equal(x.month_value, 300);
  assert.equal(x.ytd_value, 450);
  assert.ok(Math.abs(x.ytd_yoy - 0.5) < 1e-9, x.ytd_yoy); // 450 against 300
  assert.ok(Math.abs(x.month_yoy - 0.5) < 1e-9, x.month_yoy);
  // January 2012 returned: out of 2012's figures and out of 2013's base
  const jan = (await as.jingfa.get(`/api/economy/reports?period=2012-01&enterprise_id=${ent}`)).json.items[0].id;
  const back = await as.jingfa.post(`/api/economy/reports/${jan}/return`, { note: '请核实' });
  assert.equal(back.status, 200, back.body);
  assert.equal((await output('2012-01')).month_value, null);
  assert.equal((await output('2012-02')).ytd_value, 200);
  x = await output('2013-02');
  assert.ok(Math.abs(x.ytd_yoy - 1.25) < 1e-9, x.ytd_yoy); // 450 against February 2012's 200 alone
  // corrected and filed again: back in
  await put('2012-01', 100);
  assert.equal((await output('2012-02')).ytd_value, 300);
  // a revision of February 2013 moves its month and its 累计
  await put('2013-02', 330);
  x = await output('2013-02');
  assert.equal(x.month_value, 330);
  assert.equal(x.ytd_value, 480);
  assert.ok(feb > 0);
});

test('a database from before 0021 is migrated to the figures the program keeps', async () => {
  const periods = ['2021-12', '2025-06', '2026-04'];
  const want = {};
  for (const p of periods) {
    want[p] = await figures(as.leader, p);
    want[p + 'l'] = await figures(as.leader, p, 'leader');
  }
  const cells = sql(db, 'SELECT COUNT(*) AS n FROM econ_cell')[0].n;
  assert.ok(cells > 10000, `${cells} cells`);
  await srv.stop();
  srv = null;
  undo0021(db);
  const m = cli(['migrate', '--db', db]);
  assert.equal(m.code, 0, m.stderr);
  assert.match(m.stdout, migratedFrom(20));
  assert.equal(sql(db, 'SELECT COUNT(*) AS n FROM econ_cell')[0].n, cells);
  srv = await startServer({ db, env: { YUANQU_MAINTENANCE_SECONDS: '3600' } });
  await login(srv);
  const near = (a, b) => (a === null || b === null ? a === b : Math.abs(a - b) <= 1e-6 * (1 + Math.abs(b)));
  for (const p of periods)
    for (const k of [p, p + 'l']) {
      const got = await figures(as.leader, p, k.endsWith('l') ? 'leader' : '');
      assert.equal(got.length, want[k].length, k);
      got.forEach((g, i) => {
        for (const f of Object.keys(g))
          if (typeof g[f] === 'number') assert.ok(near(g[f], want[k][i][f]), `${k} ${g.code} ${f}: ${g[f]} against ${want[k][i][f]}`);
          else assert.deepEqual(g[f], want[k][i][f], `${k} ${g.code} ${f}`);
      });
    }
});

// The province's month (0022, src/economy/economy_sums.c): each zone's kept sums merged; the same
// figures as the zones' own summaries, fresh after a filing, and for province users only.
test('the province reads every zone as one: the zones summed, fresh after a filing', async () => {
  const prov = new Client(srv.base);
  assert.equal((await prov.login('province-viewer', PW)).status, 200);
  const period = '2026-04';
  const all = async (group = '') => {
    const r = await prov.get(`/api/economy/summary?period=${period}&zone=all${group ? `&group=${group}` : ''}`);
    assert.equal(r.status, 200, r.body);
    return r.json;
  };
  const whole = await all();
  assert.equal(whole.zone, 'all');
  const zones = (await prov.get('/api/zones')).json.items;
  assert.equal(whole.zones, zones.length);
  const byZone = (await all('zone')).items;
  assert.equal(byZone.length, whole.items.length * zones.length);
  const near = (a, b) => Math.abs(a - b) <= 1e-6 * (1 + Math.abs(b));
  // each zone's row is its own summary, read by the province user switched into the zone
  const own = {};
  for (const z of zones) {
    assert.equal((await prov.put('/api/me/zone', { zone_id: z.id })).status, 204);
    for (const x of (await prov.get(`/api/economy/summary?period=${period}`)).json.items) own[`${z.name}/${x.code}`] = x;
  }
  let checked = 0;
  for (const x of byZone) {
    const o = own[`${x.group}/${x.code}`];
    if (!o) { assert.equal(x.reporting, 0, `${x.group} ${x.code}`); continue; }
    for (const f of ['month_value', 'ytd_value', 'month_yoy', 'ytd_yoy', 'forecast', 'target', 'progress'])
      if (o[f] === null) assert.equal(x[f], null, `${x.group} ${x.code} ${f}`);
      else assert.ok(near(x[f], o[f]), `${x.group} ${x.code} ${f}: ${x[f]} against ${o[f]}`);
    assert.equal(x.reporting, o.reporting);
    assert.equal(x.same_set, o.same_set);
    if (o.reporting) checked++;
  }
  assert.ok(checked >= 10, `${checked} zone figures compared`);
  // the whole is the zones summed; its 同比 lies between the zones'; its target only when every
  // zone with figures has one
  for (const w of whole.items) {
    const rows = byZone.filter((x) => x.code === w.code && x.reporting > 0);
    const sum = (f) => rows.reduce((s, x) => s + x[f], 0);
    assert.equal(w.reporting, sum('reporting'));
    if (rows.length) assert.ok(near(w.month_value, sum('month_value')), w.code);
    const yoys = rows.map((x) => x.ytd_yoy).filter((v) => v !== null);
    if (yoys.length && w.ytd_yoy !== null)
      assert.ok(w.ytd_yoy >= Math.min(...yoys) - 1e-9 && w.ytd_yoy <= Math.max(...yoys) + 1e-9, w.code);
    if (rows.length && rows.every((x) => x.target !== null)) assert.ok(near(w.target, sum('target')), w.code);
    else assert.equal(w.target, null, w.code);
  }
  // a filing moves the province's month at once (the zone's kept sums of the month are dropped)
  const e = await as.admin.post('/api/enterprises', { uscc: uscc('91220101CE', 2), name: '全省汇总测试企业', industry_code: '3670' });
  assert.equal(e.status, 201, e.body);
  const before = whole.items.find((x) => x.code === 'output');
  const f = await as.jingfa.post('/api/economy/reports', { period, enterprise_id: e.json.id, values: { output: 1234.5 }, reason: '补报' });
  assert.equal(f.status, 200, f.body);
  const after = (await all()).items.find((x) => x.code === 'output');
  assert.equal(after.reporting, before.reporting + 1);
  assert.ok(near(after.month_value, before.month_value + 1234.5), `${after.month_value}`);
  // for province users only; one grouping; zone is all or nothing
  const r1 = await as.leader.get(`/api/economy/summary?period=${period}&zone=all`);
  assert.equal(r1.status, 403, r1.body);
  assert.equal(r1.json.error.field, 'zone');
  const r2 = await prov.get(`/api/economy/summary?period=${period}&zone=all&group=industry`);
  assert.equal(r2.status, 400, r2.body);
  assert.equal(r2.json.error.field, 'group');
  assert.equal((await prov.get(`/api/economy/summary?period=${period}&zone=2`)).status, 400);
  assert.equal((await as.leader.get(`/api/economy/summary?period=${period}&group=zone`)).status, 400);
});
