// The economy's kept cells (econ_cell, migration 0021, src/economy/economy_cells.c): the figures
// read them, every write of a report keeps them (a return takes the month out of the figures and
// out of the next months' 累计, a correction puts it back), 累计 同比 compares the same months of
// both years (0023), and a database from before 0021 or 0023 is migrated to the same cells and
// figures the program computes itself.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, cli, newDatabase, uscc, demoDatabase, DEMO_PW } from './lib.mjs';
import { sql, undo0021, undo0023, migratedFrom } from './undo_migrations.mjs';

const PW = DEMO_PW;
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
  db = demoDatabase();
  // a province user of no region, who reads every zone before and after the migrations (the
  // demo's province-viewer reads 吉林's; a database from before regions has none)
  const u = cli(['user', 'add', 'nation-viewer', '--role', 'province', '--db', db, '--password-stdin'], { input: PW + '\n' });
  assert.equal(u.code, 0, u.stderr);
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
  // 1–2月 2013 (January and February) against February 2012 alone is no 同口径 base (it was
  // 450 against 200, +125%): the enterprise counts in the 累计 total, not in its 同比, and it is
  // the only one of these months (0023); the month's 同比 keeps February against February
  assert.equal(x.ytd_value, 450);
  assert.equal(x.ytd_yoy, null);
  assert.equal(x.same_set, 0);
  assert.ok(Math.abs(x.month_yoy - 0.5) < 1e-9, x.month_yoy); // 300 against 200
  // corrected and filed again: back in
  await put('2012-01', 100);
  assert.equal((await output('2012-02')).ytd_value, 300);
  x = await output('2013-02');
  assert.ok(Math.abs(x.ytd_yoy - 0.5) < 1e-9, x.ytd_yoy); // 450 against 300 again
  assert.equal(x.same_set, 1);
  // a revision of February 2013 moves its month and its 累计
  await put('2013-02', 330);
  x = await output('2013-02');
  assert.equal(x.month_value, 330);
  assert.equal(x.ytd_value, 480);
  assert.ok(Math.abs(x.ytd_yoy - 0.6) < 1e-9, x.ytd_yoy); // 480 against 300
  assert.ok(feb > 0);
});

// 1–N月累计 同比 on the same months (0023, econ_cell_of): an enterprise is in the 累计 set of month
// m only with a value in the same months of January..m in both years. Three enterprises of
// 2014–2015 (years the demo has no figures of): F both years full, G entered in March 2014, H
// missed February 2015 (returned).
test('累计 同比 compares the same months: an entry during the base year or a missing month is out of it', async () => {
  const ids = {};
  for (const [k, n] of [['F', 3], ['G', 4], ['H', 5]]) {
    const e = await as.admin.post('/api/enterprises', { uscc: uscc('91220101CE', n), name: `累计口径测试企业${k}`, industry_code: '3670' });
    assert.equal(e.status, 201, e.body);
    ids[k] = e.json.id;
  }
  const put = async (k, period, v) => {
    const r = await as.jingfa.post('/api/economy/reports', { period, enterprise_id: ids[k], values: { output: v }, reason: '历史数据录入' });
    assert.equal(r.status, 200, r.body);
    return r.json.id;
  };
  for (const m of ['01', '02', '03', '04']) {
    await put('F', `2014-${m}`, 100);
    await put('F', `2015-${m}`, 110);
    if (m >= '03') await put('G', `2014-${m}`, 50);
    await put('G', `2015-${m}`, 60);
    await put('H', `2014-${m}`, 200);
    await put('H', `2015-${m}`, 220);
  }
  // by hand, 2015-04 (1–4月): F 440 against 400, H 880 against 800; G's 240 (January–April)
  // against March–April 2014's 100 is out of the set (before 0023 it was in: 1560 against 1300,
  // +20%)
  let x = await output('2015-04');
  assert.equal(x.ytd_value, 1560);
  assert.ok(Math.abs(x.ytd_yoy - 0.1) < 1e-9, x.ytd_yoy); // F and H: 1320 against 1200
  assert.equal(x.same_set, 2);
  // the month: G's April has its base: 390 against 350
  assert.ok(Math.abs(x.month_yoy - (390 / 350 - 1)) < 1e-9, x.month_yoy);
  // a year later G's both years run from January: G is back in the set
  await put('G', '2016-01', 66);
  assert.ok(Math.abs((await output('2016-01')).ytd_yoy - 0.1) < 1e-9); // 66 against 60
  // H's February 2015 returned: H's 1–4月 is three months against four, out; F alone (+10%)
  const feb = (await as.jingfa.get(`/api/economy/reports?period=2015-02&enterprise_id=${ids.H}`)).json.items[0].id;
  assert.equal((await as.jingfa.post(`/api/economy/reports/${feb}/return`, { note: '请核实' })).status, 200);
  x = await output('2015-04');
  assert.equal(x.ytd_value, 1340);
  assert.equal(x.same_set, 1);
  assert.ok(Math.abs(x.ytd_yoy - 0.1) < 1e-9, x.ytd_yoy);
  assert.equal((await output('2015-01')).same_set, 2); // January: F and H; G has no January 2014
  // and the zone's 贡献与拖累 on 1–4月 lists F alone
  const c = (await as.leader.get('/api/economy/contributions?period=2015-04&indicator=output&limit=50')).json;
  assert.equal(c.same_set, 1);
  assert.deepEqual(c.contributors.map((e) => e.enterprise_id), [ids.F]);
  // H's February 2014 returned too: January, March and April in both years, H is in again
  const feb14 = (await as.jingfa.get(`/api/economy/reports?period=2014-02&enterprise_id=${ids.H}`)).json.items[0].id;
  assert.equal((await as.jingfa.post(`/api/economy/reports/${feb14}/return`, { note: '请核实' })).status, 200);
  x = await output('2015-04');
  assert.equal(x.same_set, 2);
  assert.ok(Math.abs(x.ytd_yoy - 0.1) < 1e-9, x.ytd_yoy); // F and H: 440 + 660 against 400 + 600
  // H's February 2015 filed again: now February is missing in 2014 only, H is out (and stays so
  // for the migration tests below)
  await put('H', '2015-02', 220);
  x = await output('2015-04');
  assert.equal(x.ytd_value, 1560);
  assert.equal(x.same_set, 1);
});

// A migrated database against the program's own upkeep: the figures (the zone's, by leader and
// the province's) and every kept cell, the cells kept aside in econ_cell_want before the undo.
const PERIODS = ['2015-04', '2021-12', '2025-06', '2026-04'];
async function readFigures() {
  const prov = new Client(srv.base);
  assert.equal((await prov.login('nation-viewer', PW)).status, 200);
  const out = {};
  for (const p of PERIODS) {
    out[p] = await figures(as.leader, p);
    out[`${p} leader`] = await figures(as.leader, p, 'leader');
    const r = await prov.get(`/api/economy/summary?period=${p}&zone=all`);
    assert.equal(r.status, 200, r.body);
    out[`${p} province`] = r.json.items;
  }
  return out;
}
const CELL_DIFFERS = ['month', 'ytd', 'base_month', 'base_ytd', 'base_year']
  .map((c) => `(c.${c} IS NULL) <> (w.${c} IS NULL) OR ABS(c.${c} - w.${c}) > 1e-6 * (1 + ABS(w.${c}))`).join(' OR ');
async function migrateAndCompare(undo, from) {
  const want = await readFigures();
  const cells = sql(db, 'SELECT COUNT(*) AS n FROM econ_cell')[0].n;
  assert.ok(cells > 10000, `${cells} cells`);
  sql(db, 'CREATE TABLE econ_cell_want AS SELECT * FROM econ_cell');
  await srv.stop();
  srv = null;
  undo(db);
  const m = cli(['migrate', '--db', db]);
  assert.equal(m.code, 0, m.stderr);
  assert.match(m.stdout, migratedFrom(from));
  assert.equal(sql(db, 'SELECT COUNT(*) AS n FROM econ_cell')[0].n, cells);
  // the SQL of the migrations and the C of the upkeep agree on every cell
  const differ = sql(db, `SELECT c.period, c.enterprise_id, c.indicator_id, c.base_ytd, w.base_ytd AS want
    FROM econ_cell c LEFT JOIN econ_cell_want w ON w.zone_id = c.zone_id AND w.period = c.period
    AND w.enterprise_id = c.enterprise_id AND w.indicator_id = c.indicator_id
    WHERE w.zone_id IS NULL OR c.report_id <> w.report_id OR c.base_months <> w.base_months OR ${CELL_DIFFERS}`);
  assert.deepEqual(differ.slice(0, 5), [], `${differ.length} cells differ`);
  sql(db, 'DROP TABLE econ_cell_want');
  // the zones' kept sums are built again from the cells (0023 drops them all)
  assert.equal(sql(db, 'SELECT COUNT(*) AS n FROM econ_zone_sum')[0].n, 0);
  srv = await startServer({ db, env: { YUANQU_MAINTENANCE_SECONDS: '3600' } });
  await login(srv);
  const got = await readFigures();
  const near = (a, b) => (a === null || b === null ? a === b : Math.abs(a - b) <= 1e-6 * (1 + Math.abs(b)));
  for (const k of Object.keys(want)) {
    assert.equal(got[k].length, want[k].length, k);
    got[k].forEach((g, i) => {
      for (const f of Object.keys(g))
        if (typeof g[f] === 'number') assert.ok(near(g[f], want[k][i][f]), `${k} ${g.code} ${f}: ${g[f]} against ${want[k][i][f]}`);
        else assert.deepEqual(g[f], want[k][i][f], `${k} ${g.code} ${f}`);
    });
  }
}

test('a database from before 0023 is migrated to the 累计 同口径 the program keeps', async () => {
  await migrateAndCompare((d) => {
    const nulls = () => sql(d, 'SELECT COUNT(*) AS n FROM econ_cell WHERE base_ytd IS NULL')[0].n;
    const n = nulls();
    assert.ok(sql(d, 'SELECT COUNT(*) AS n FROM econ_zone_sum')[0].n > 0); // built by the reads
    undo0023(d);
    // the cells of the enterprises above whose months differ had a base before 0023
    assert.ok(nulls() < n, `${nulls()} against ${n} cells without a base`);
  }, 22);
});

test('a database from before 0021 is migrated to the figures the program keeps', async () => {
  await migrateAndCompare(undo0021, 20);
});

// The province's month (0022, src/economy/economy_sums.c): each zone's kept sums merged; the same
// figures as the zones' own summaries, fresh after a filing, and for province users only.
test('the province reads every zone as one: the zones summed, fresh after a filing', async () => {
  const prov = new Client(srv.base);
  assert.equal((await prov.login('nation-viewer', PW)).status, 200);
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
