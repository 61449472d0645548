// Regions (src/org/region.[ch], migration 0025_region): zones lie in GB/T 2260 regions, and a
// province or city user reads the zones of its own region only. On the demo, 吉林省's user
// (province-viewer, region 220000) is placed in 长春经开区 and 长春装备制造产业开发区; 海门 (江苏) and 望城
// (湖南) are as unknown to it as a zone that does not exist: the zone switch, the zone list, every
// list and object of those zones, the province's economic month. By default it sees no contact
// details (the F_SEALED fields: an enterprise's contacts, a request's phone) in any JSON or export,
// until the command line grants them. A city user (长沙市) reads 望城 alone; a zone's administrator
// places its own zone, and no other.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, cli, newDatabase, newUser, demoDatabase, DEMO_PW } from './lib.mjs';

const PW = DEMO_PW;
let srv, db;
const as = {};
const zone = {};

before(async () => {
  db = demoDatabase();
  // a city user of 长沙市, and a province user for every zone (no region)
  for (const [name, extra] of [['changsha-viewer', ['--region', '430100']], ['nation-viewer', []]]) {
    const r = cli(['user', 'add', name, '--role', 'province', ...extra, '--db', db, '--password-stdin'], { input: PW + '\n' });
    assert.equal(r.code, 0, r.stderr);
  }
  srv = await startServer({ db, env: { YUANQU_MAINTENANCE_SECONDS: '3600' } });
  for (const [k, u] of Object.entries({ prov: 'province-viewer', city: 'changsha-viewer', all: 'nation-viewer', cc: 'ccetdz-admin', hm: 'hmetdz-admin', wc: 'wcetdz-fuwu' })) {
    as[k] = new Client(srv.base);
    const r = await as[k].login(u, PW);
    assert.equal(r.status, 200, `${u}: ${r.body}`);
    if (k === 'all') for (const z of r.json.zones) zone[z.code] = z;
  }
});
after(async () => { await srv?.stop(); });

test('the demo zones lie in their regions, with their level', async () => {
  assert.deepEqual(Object.keys(zone).sort(), ['ccetdz', 'cczb', 'hmetdz', 'wcetdz']);
  assert.equal(zone.ccetdz.region_code, '220171');
  assert.equal(zone.ccetdz.region_name, '长春经济技术开发区');
  assert.equal(zone.ccetdz.level, 'national');
  assert.equal(zone.cczb.level, 'provincial');
  assert.equal(zone.hmetdz.region_name, '海门区');
  assert.equal(zone.wcetdz.region_code, '430112');
});

test('a 吉林 user reads the 吉林 zones only: the list, the switch, the regions', async () => {
  const me = (await as.prov.get('/api/me')).json;
  assert.deepEqual(me.zones.map((z) => z.code).sort(), ['ccetdz', 'cczb']);
  assert.deepEqual((await as.prov.get('/api/zones')).json.items.map((z) => z.code).sort(), ['ccetdz', 'cczb']);
  assert.ok(['ccetdz', 'cczb'].includes(me.zone.code), me.zone.code);
  for (const z of ['hmetdz', 'wcetdz']) {
    const r = await as.prov.put('/api/me/zone', { zone_id: zone[z].id });
    assert.equal(r.status, 404, r.body);
    assert.equal(r.json.error.field, 'zone_id');
    assert.equal(r.json.error.message, '园区不存在');
  }
  // as one that does not exist
  assert.equal((await as.prov.put('/api/me/zone', { zone_id: 9999 })).status, 404);
  assert.equal((await as.prov.put('/api/me/zone', { zone_id: zone.cczb.id })).status, 204);
  assert.equal((await as.prov.get('/api/me')).json.zone.code, 'cczb');
  // the regions: 吉林省 and what lies in it, none of 江苏 or 湖南
  const regions = (await as.prov.get('/api/regions')).json.items;
  const codes = regions.map((g) => g.code);
  assert.ok(codes.includes('220000') && codes.includes('220100') && codes.includes('220171'));
  assert.ok(!codes.some((c) => c.startsWith('32') || c.startsWith('43')), codes.join());
  const jl = regions.find((g) => g.code === '220000');
  assert.deepEqual([jl.name, jl.level, jl.parent, jl.zones], ['吉林省', 'province', '', 2]);
  assert.equal(regions.find((g) => g.code === '220171').parent, '220100');
  // a zone's user: the path to its zone's region
  const hm = (await as.hm.get('/api/regions')).json.items.map((g) => g.code);
  assert.deepEqual(hm, ['320000', '320600', '320614']);
});

test('nothing of a 江苏 zone reaches a 吉林 user: objects 404, lists without them', async () => {
  // a 海门 enterprise and request, read by 海门's admin
  const ent = (await as.hm.get('/api/enterprises?page_size=1')).json.items[0];
  const tk = (await as.hm.get('/api/tickets?page_size=1')).json.items[0];
  assert.ok(ent && tk);
  for (const z of ['ccetdz', 'cczb']) {
    assert.equal((await as.prov.put('/api/me/zone', { zone_id: zone[z].id })).status, 204);
    assert.equal((await as.prov.get(`/api/enterprises/${ent.id}`)).status, 404);
    assert.equal((await as.prov.get(`/api/tickets/${tk.id}`)).status, 404);
    const list = await as.prov.get(`/api/enterprises?q=${encodeURIComponent(ent.name)}`);
    assert.equal(list.status, 200);
    assert.ok(!list.json.items.some((x) => x.id === ent.id));
  }
  // the province's economic month sums its two zones
  const all = await as.prov.get('/api/economy/summary?period=2026-04&zone=all&group=zone');
  assert.equal(all.status, 200, all.body);
  const groups = new Set(all.json.items.map((x) => x.group));
  assert.deepEqual([...groups].sort(), ['长春装备制造产业开发区', '长春经济技术开发区'].sort());
  // the installation-wide user reads all four
  const whole = await as.all.get('/api/economy/summary?period=2026-04&zone=all');
  assert.equal(whole.json.zones, 4);
});

test('a city user reads the zones of its city: 长沙市 → 望城 alone', async () => {
  const me = (await as.city.get('/api/me')).json;
  assert.deepEqual(me.zones.map((z) => z.code), ['wcetdz']);
  assert.equal(me.zone.code, 'wcetdz');
  assert.equal((await as.city.put('/api/me/zone', { zone_id: zone.ccetdz.id })).status, 404);
  const ents = await as.city.get('/api/enterprises?page_size=5');
  assert.equal(ents.status, 200);
  assert.ok(ents.json.total > 0);
});

test('contact details are kept from region users until granted, in JSON and in exports', async () => {
  assert.equal((await as.prov.put('/api/me/zone', { zone_id: zone.ccetdz.id })).status, 204);
  const staff = (await as.cc.get('/api/enterprises?page_size=100')).json.items.find((x) => (x.contacts || []).length);
  assert.ok(staff, 'a demo enterprise with contacts');
  const phone = staff.contacts[0].phone;
  const seen = async () => {
    const one = await as.prov.get(`/api/enterprises/${staff.id}`);
    assert.equal(one.status, 200, one.body);
    const csv = await as.prov.get('/api/enterprises/export?format=csv');
    assert.equal(csv.status, 200, csv.body);
    const tickets = await as.prov.get('/api/tickets?page_size=50');
    return { json: 'contacts' in one.json, csv: csv.body.includes(phone) || csv.body.includes('联系人'),
      ticket: tickets.json.items.some((t) => 'contact_phone' in t) };
  };
  assert.deepEqual(await seen(), { json: false, csv: false, ticket: false });
  // the zone's own staff see them
  assert.ok('contacts' in (await as.cc.get(`/api/enterprises/${staff.id}`)).json);
  assert.ok((await as.cc.get('/api/tickets?page_size=50')).json.items.some((t) => 'contact_phone' in t));
  // granted on the command line (audited), then revoked
  let r = cli(['user', 'contacts', 'province-viewer', '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(await seen(), { json: true, csv: true, ticket: true });
  r = cli(['user', 'contacts', 'province-viewer', '--off', '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(await seen(), { json: false, csv: false, ticket: false });
  // only region users are granted
  r = cli(['user', 'contacts', 'ccetdz-admin', '--db', db]);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /only province and city users/);
});

test('a zone administrator places its own zone in a region; bad codes are 400 naming the field', async () => {
  const put = (c, id, body) => c.put(`/api/zones/${id}/region`, body);
  let r = await put(as.hm, zone.hmetdz.id, { region_code: '320600', level: 'national' });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.region_name, '南通市');
  // another zone is not its own
  r = await put(as.hm, zone.ccetdz.id, { region_code: '320600' });
  assert.equal(r.status, 404, r.body);
  for (const [body, field] of [
    [{ region_code: '32060' }, 'region_code'], [{ region_code: 'abcdef' }, 'region_code'],
    [{ region_code: '990000' }, 'region_code'], [{ region_code: '320699' }, 'region_code'],
    [{ region_code: '320600', level: 'county' }, 'level'], [{}, 'region_code'],
  ]) {
    r = await put(as.hm, zone.hmetdz.id, body);
    assert.equal(r.status, 400, `${JSON.stringify(body)}: ${r.body}`);
    assert.equal(r.json.error.field, field);
    assert.match(r.json.error.message, /[\u4e00-\u9fa5]/);
  }
  // a service-center user or a province user may not
  assert.equal((await put(as.wc, zone.wcetdz.id, { region_code: '430100' })).status, 403);
  assert.equal((await put(as.prov, zone.ccetdz.id, { region_code: '220100' })).status, 403);
  // audited in the zone
  const audit = (await as.hm.get('/api/audit?page_size=5')).json.items;
  assert.ok(audit.some((a) => a.action === 'region' && a.obj_type === 'zone'), JSON.stringify(audit[0]));
  r = await put(as.hm, zone.hmetdz.id, { region_code: '320614', level: 'national' });
  assert.equal(r.status, 200, r.body);
});

test('a region belongs to province users only, and must be known', async () => {
  const hmAdmin = as.hm;
  let r = await hmAdmin.post('/api/users', { username: 'hm-region', role: 'staff', region_code: '320000', password: PW, dept_id: null });
  assert.equal(r.status, 400, r.body);
  assert.equal(r.json.error.field, 'region_code');
  r = cli(['user', 'add', 'nowhere-viewer', '--role', 'province', '--region', '229900', '--db', db, '--password-stdin'], { input: PW + '\n' });
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /region_code/);
  // regions are added on the command line, under a known parent
  r = cli(['region', 'add', '229901', '某县', '--db', db]);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /region above is not known/);
  r = cli(['region', 'add', '220281', '蛟河市', '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  r = cli(['region', 'list', '--db', db]);
  assert.match(r.stdout, /220281\s+county\s+0\s+蛟河市/);
  // now a user may be placed there
  r = cli(['user', 'add', 'jiaohe-viewer', '--role', 'province', '--region', '220281', '--db', db, '--password-stdin'], { input: PW + '\n' });
  assert.equal(r.code, 0, r.stderr);
  const c = new Client(srv.base);
  const li = await c.login('jiaohe-viewer', PW);
  assert.equal(li.status, 200, li.body);
  assert.deepEqual(li.json.zones, []);
  assert.equal(li.json.zone, null);
  assert.equal((await c.get('/api/enterprises')).status, 200);
  assert.equal((await c.get('/api/enterprises')).json.total, 0);
});

// 综合考核 (src/province/): the default scheme (min–max) over the caller's region, each zone's
// score the weighted mean of its item scores, recomputed here from the values the answer gives.
test('the ranking of a region: scores recomputed from the values, ranks in order', async () => {
  const r = await as.all.get('/api/region/ranking?period=2026-10');
  assert.equal(r.status, 200, r.body);
  const { items, scheme } = r.json;
  assert.equal(r.json.zones, 4);
  assert.equal(scheme.id, null);
  assert.equal(scheme.method, 'minmax');
  const wsum = scheme.items.reduce((s, x) => s + x.weight, 0);
  assert.equal(wsum, 100);
  scheme.items.forEach((it, k) => {
    const vals = items.map((z) => z.scores[k].value).filter((v) => v !== null);
    const lo = Math.min(...vals), hi = Math.max(...vals);
    for (const z of items) {
      const v = z.scores[k].value;
      const want = v === null ? 0 : hi === lo ? 100 : (100 * (v - lo)) / (hi - lo);
      assert.ok(Math.abs(z.scores[k].score - want) < 0.01, `${z.zone} ${it.metric}: ${z.scores[k].score} against ${want}`);
    }
  });
  for (const z of items) {
    const want = z.scores.reduce((s, x, k) => s + (x.score * scheme.items[k].weight) / wsum, 0);
    assert.ok(Math.abs(z.score - want) < 0.05, `${z.zone}: ${z.score} against ${want}`);
  }
  items.forEach((z, i) => {
    assert.equal(z.rank, i + 1);
    if (i) assert.ok(items[i - 1].score >= z.score);
  });
  // the 吉林 user ranks its two zones only
  const jl = await as.prov.get('/api/region/ranking?period=2026-10');
  assert.equal(jl.status, 200, jl.body);
  assert.deepEqual(jl.json.items.map((z) => z.zone).sort(), ['长春装备制造产业开发区', '长春经济技术开发区'].sort());
  for (const [q, field] of [['', 'period'], ['period=2026-13', 'period'], ['period=2026-10&scheme=x', 'scheme'], ['period=2026-10&scheme=99999', 'scheme']]) {
    const b = await as.prov.get(`/api/region/ranking?${q}`);
    assert.ok([400, 404].includes(b.status), `${q}: ${b.body}`);
    assert.equal(b.json.error.field, field, q);
  }
});

test('a scheme of the region ranks by rank points; another region\'s scheme is unknown to it', async () => {
  let r = cli(['region', 'scheme', '220000', '吉林省开发区考核', '--method', 'rank', '--items', 'econ.output.ytd:60,ticket.resolve_rate:40', '--default', '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  const jlId = Number(r.stdout.match(/scheme (\d+)/)[1]);
  r = cli(['region', 'scheme', '320000', '江苏考核', '--method', 'target', '--items', 'econ.output.ytd:1', '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  const jsId = Number(r.stdout.match(/scheme (\d+)/)[1]);
  const rk = await as.prov.get('/api/region/ranking?period=2026-10');
  assert.equal(rk.status, 200, rk.body);
  assert.equal(rk.json.scheme.id, jlId);
  assert.equal(rk.json.scheme.method, 'rank');
  // two zones by rank points: the first of each item 100, the second 0
  for (const z of rk.json.items) {
    for (const s of z.scores) assert.ok(s.score === 100 || s.score === 0, JSON.stringify(s));
    const want = 0.6 * z.scores[0].score + 0.4 * z.scores[1].score;
    assert.ok(Math.abs(z.score - want) < 0.01);
  }
  assert.equal((await as.prov.get(`/api/region/ranking?period=2026-10&scheme=${jsId}`)).status, 404);
  // bad schemes are refused on the command line, naming what is wrong
  for (const [args, re] of [[['--method', 'best', '--items', 'econ.output.ytd:1'], /method/], [['--method', 'rank', '--items', 'nothing:1'], /items/], [['--method', 'rank', '--items', 'econ.output.ytd:0'], /items/]]) {
    r = cli(['region', 'scheme', '220000', '坏方案', ...args, '--db', db]);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, re);
  }
});

test('a zone sees its own place and the gaps to the zones ahead, nothing below it', async () => {
  const leader = new Client(srv.base);
  assert.equal((await leader.login('cczb-leader', PW)).status, 200);
  const r = await leader.get('/api/region/ranking?period=2026-10');
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.zones, 2); // 吉林's zones
  const own = r.json.items.find((z) => z.zone === '长春装备制造产业开发区');
  assert.ok(own);
  assert.equal(own.rank, r.json.own_rank);
  assert.equal(own.gap, 0);
  for (const z of r.json.items) {
    assert.ok(z.rank <= r.json.own_rank);
    assert.ok(z.gap >= 0, `${z.zone} ${z.gap}`);
  }
  // a zone's comparison is of its own zone only
  assert.equal((await leader.get('/api/region/compare?period=2026-10')).json.items.length, 1);
  assert.equal((await leader.get(`/api/region/compare?period=2026-10&zones=${zone.ccetdz.id}`)).status, 404);
  // a service-center user holds no region.read
  assert.equal((await as.wc.get('/api/region/ranking?period=2026-10')).status, 403);
});

test('the comparison of chosen zones: within the region only, with the metrics asked for', async () => {
  const ids = `${zone.ccetdz.id},${zone.cczb.id}`;
  const r = await as.prov.get(`/api/region/compare?period=2026-10&zones=${ids}&metrics=econ.output.ytd,space.vacancy_rate`);
  assert.equal(r.status, 200, r.body);
  assert.deepEqual(r.json.metrics.map((m) => m.code), ['econ.output.ytd', 'space.vacancy_rate']);
  assert.equal(r.json.metrics[1].lower_better, true);
  assert.deepEqual(r.json.items.map((z) => z.zone_id), [zone.ccetdz.id, zone.cczb.id]);
  // the economy's figure is the zone's own summary's 累计
  const own = (await as.cc.get('/api/economy/summary?period=2026-10')).json.items.find((x) => x.code === 'output');
  assert.ok(Math.abs(r.json.items[0].values['econ.output.ytd'] - own.ytd_value) < 1e-6 * own.ytd_value);
  for (const q of [`zones=${zone.hmetdz.id}`, `zones=${zone.ccetdz.id},${zone.wcetdz.id}`, 'zones=abc', 'zones=1,,2']) {
    const b = await as.prov.get(`/api/region/compare?period=2026-10&${q}`);
    assert.ok([400, 404].includes(b.status), `${q}: ${b.body}`);
    assert.equal(b.json.error.field, 'zones');
  }
  assert.equal((await as.prov.get('/api/region/compare?period=2026-10&metrics=nothing')).json.error.field, 'metrics');
});

test('the comparison month by month: each zone\'s series over ?months, the last month its values', async () => {
  const ids = `${zone.ccetdz.id},${zone.cczb.id}`;
  const q = `zones=${ids}&metrics=econ.output.ytd,ticket.resolve_rate`;
  const r = await as.prov.get(`/api/region/compare?period=2026-10&${q}&months=3`);
  assert.equal(r.status, 200, r.body);
  assert.deepEqual(r.json.periods, ['2026-08', '2026-09', '2026-10']);
  assert.equal(r.json.months, 3);
  // each month's point is that month's own comparison, and the last month is `values`
  for (const [i, p] of r.json.periods.entries()) {
    const one = (await as.prov.get(`/api/region/compare?period=${p}&${q}`)).json;
    assert.deepEqual(one.periods, [p]);
    for (const z of r.json.items) {
      const o = one.items.find((x) => x.zone_id === z.zone_id);
      for (const m of ['econ.output.ytd', 'ticket.resolve_rate']) assert.equal(z.series[m][i], o.values[m], `${z.zone} ${m} ${p}`);
    }
  }
  for (const z of r.json.items) assert.equal(z.series['econ.output.ytd'][2], z.values['econ.output.ytd']);
  // 累计: the year to date grows within the year
  const cc = r.json.items[0].series['econ.output.ytd'];
  assert.ok(cc[0] < cc[1] && cc[1] < cc[2], cc.join(' '));
  // across a new year the year to date starts again
  const y = (await as.prov.get(`/api/region/compare?period=2026-02&${q}&months=3`)).json;
  assert.deepEqual(y.periods, ['2025-12', '2026-01', '2026-02']);
  assert.ok(y.items[0].series['econ.output.ytd'][1] < y.items[0].series['econ.output.ytd'][0]);
  // bounded: 1 to 24 months, named
  for (const m of ['0', '25', 'x']) {
    const b = await as.prov.get(`/api/region/compare?period=2026-10&${q}&months=${m}`);
    assert.equal(b.status, 400, b.body);
    assert.equal(b.json.error.field, 'months');
  }
  // the export over months: a row per zone and month, with the month's column
  const csv = await as.prov.get(`/api/region/compare/export?period=2026-10&${q}&months=3&format=csv`);
  assert.equal(csv.status, 200, csv.body);
  const lines = csv.body.replace(/^\uFEFF/, '').trim().split(/\r\n/);
  assert.deepEqual(lines[0].split(',').slice(0, 4).map((c) => c.replace(/^"|"$/g, '')), ['园区', '期间', '所在地区', '级别']);
  assert.equal(lines.length, 1 + 2 * 3);
  assert.deepEqual(lines.slice(1, 4).map((l) => l.split(',')[1].replace(/^"|"$/g, '')), ['2026-08', '2026-09', '2026-10']);
});

test('the comparison exported as .csv and .xlsx: a row per zone, a column per metric, the region only', async () => {
  const ids = `${zone.ccetdz.id},${zone.cczb.id}`;
  const q = `period=2026-10&zones=${ids}&metrics=econ.output.ytd,space.vacancy_rate`;
  const json = (await as.prov.get(`/api/region/compare?${q}`)).json;
  const csv = await as.prov.get(`/api/region/compare/export?${q}&format=csv`);
  assert.equal(csv.status, 200, csv.body);
  assert.match(csv.headers.get('content-type'), /text\/csv/);
  const lines = csv.body.replace(/^\uFEFF/, '').trim().split(/\r\n/);
  const cellsOf = (line) => line.split(',').map((c) => c.replace(/^"|"$/g, ''));
  const head = cellsOf(lines[0]);
  assert.deepEqual(head.slice(0, 3), ['园区', '所在地区', '级别']);
  assert.equal(head.length, 5);
  assert.match(head[3], /（万元）$/);
  assert.equal(lines.length, 3);
  json.items.forEach((z, i) => {
    const cells = cellsOf(lines[i + 1]);
    assert.equal(cells[0], z.zone);
    assert.ok(['国家级', '省级'].includes(cells[2]), cells[2]);
    const v = z.values['econ.output.ytd'];
    assert.ok(Math.abs(Number(cells[3]) - v) <= 1e-6 * Math.abs(v) + 0.01, `${cells[3]} against ${v}`);
  });
  const x = await as.prov.get(`/api/region/compare/export?${q}`, { raw: true });
  assert.equal(x.status, 200);
  assert.equal(Buffer.from(x.body).subarray(0, 2).toString(), 'PK');
  // the same scope as the comparison: another region's zone is unknown, bad input named
  assert.equal((await as.prov.get(`/api/region/compare/export?period=2026-10&zones=${zone.hmetdz.id}`)).status, 404);
  assert.equal((await as.prov.get(`/api/region/compare/export?${q}&format=pdf`)).json.error.field, 'format');
  assert.equal((await as.prov.get('/api/region/compare/export?format=csv')).json.error.field, 'period');
  assert.equal((await as.wc.get(`/api/region/compare/export?${q}`)).status, 403);
});

test('the rank history: each month\'s ranks and scores up to the period, a zone its own line', async () => {
  const r = await as.all.get('/api/region/ranking/history?period=2026-10&months=3');
  assert.equal(r.status, 200, r.body);
  assert.deepEqual(r.json.periods, ['2026-08', '2026-09', '2026-10']);
  assert.equal(r.json.items.length, 4);
  for (const [i, p] of r.json.periods.entries()) {
    const one = (await as.all.get(`/api/region/ranking?period=${p}`)).json.items;
    for (const z of r.json.items) {
      const o = one.find((x) => x.zone_id === z.zone_id);
      assert.equal(z.ranks[i], o.rank, `${z.zone} ${p}`);
      assert.equal(z.scores[i], o.score, `${z.zone} ${p}`);
    }
  }
  // ordered by the last month's rank
  r.json.items.forEach((z, i) => i && assert.ok(r.json.items[i - 1].ranks[2] <= z.ranks[2]));
  // 12 months by default; the 吉林 user sees its two zones; a zone's leader its own line
  const jl = await as.prov.get('/api/region/ranking/history?period=2026-10');
  assert.equal(jl.json.periods.length, 12);
  assert.equal(jl.json.periods[0], '2025-11');
  assert.deepEqual(jl.json.items.map((z) => z.zone_id).sort(), [zone.ccetdz.id, zone.cczb.id].sort());
  const leader = new Client(srv.base);
  assert.equal((await leader.login('cczb-leader', PW)).status, 200);
  const own = await leader.get('/api/region/ranking/history?period=2026-10&months=2');
  assert.equal(own.status, 200, own.body);
  assert.deepEqual(own.json.items.map((z) => z.zone_id), [zone.cczb.id]);
  assert.equal(own.json.zones, 2);
  for (const [q, field] of [['months=3', 'period'], ['period=2026-10&months=0', 'months'], ['period=2026-10&months=25', 'months'], ['period=26-10', 'period']]) {
    const b = await as.prov.get(`/api/region/ranking/history?${q}`);
    assert.equal(b.status, 400, `${q}: ${b.body}`);
    assert.equal(b.json.error.field, field, q);
  }
});
