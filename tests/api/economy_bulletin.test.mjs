// 经济运行: contributions and drags (GET /api/economy/contributions), the year-end forecast of the
// summary, and the monthly bulletin (GET /api/economy/bulletin, PDF and HTML, and
// `yuanqu bulletin economy`), on a fixture built by hand in 2016–2017 (years the demo has no
// figures for): five enterprises of 长春经开区 filed by the 经发局, one of another zone. Every
// expected figure is worked out below from the fixture.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, Client, cli, newDatabase, uscc, newUser, demoDatabase, DEMO_PW } from './lib.mjs';

const PW = DEMO_PW;
const NAMES = { admin: 'ccetdz-admin', jingfa: 'ccetdz-jingfa', leader: 'ccetdz-leader', zone2_admin: 'hmetdz-admin' };
let srv;
const as = {}, me = {}, id = {};

// 工业总产值 (万元) by month. P rises (seasonal last year: 1000 a month to March, 1500 after),
// Q falls, R rises a little, S is new in 2017 (no base), T left after 2016 (no value now); P
// alone files April to June.
const months = (y, from, to) => Array.from({ length: to - from + 1 }, (_, i) => `${y}-${String(from + i).padStart(2, '0')}`);
const FIXTURE = {
  P: [...months(2016, 1, 12).map((p) => [p, p <= '2016-03' ? 1000 : 1500]), ...months(2017, 1, 6).map((p) => [p, 1500])],
  Q: [...months(2016, 1, 12).map((p) => [p, 2000]), ...months(2017, 1, 3).map((p) => [p, 1800])],
  R: [...months(2016, 1, 12).map((p) => [p, 500]), ...months(2017, 1, 3).map((p) => [p, 550])],
  S: months(2017, 1, 3).map((p) => [p, 310]),
  T: [['2016-03', 400]],
};
const NAME = { P: '月报测试拉动企业', Q: '月报测试拖累企业', R: '月报测试小幅增长企业', S: '月报测试新投产企业', T: '月报测试退出企业' };

// By hand, 2017-03, 1–3月累计 on the same set (P, Q, R: a value in both years; S and T are not in it):
//   P 4500 against 3000 (+1500, +50%: 波动明显), Q 5400 against 6000 (-600, -10%), R 1650 against 1500 (+150, +10%)
//   the set: 11550 against 10500, change +1050, 同比 +10%; shares 1500/1050, 150/1050, -600/1050
// the month: P 1500/1000 (+500), Q 1800/2000 (-200), R 550/500 (+50): 3850 against 3500, +10%
// totals: month 1500 + 1800 + 550 + 310 = 4160; 累计 4500 + 5400 + 1650 + 930 = 12480
// forecast: last year complete for P, Q, R; by March they had made (3000 + 6000 + 1500) of
//   (16500 + 24000 + 6000) → 12480 ÷ (10500 / 46500) = 55268.57… (5.53亿元)
const FORECAST = 12480 / (10500 / 46500);
const near = (a, b, msg) => assert.ok(Math.abs(a - b) < 1e-6 * (1 + Math.abs(b)), `${msg}: ${a} against ${b}`);

const file = (c, body) => c.post('/api/economy/reports', body);
const fieldError = (r, field) => {
  assert.equal(r.status, 400, r.body);
  assert.equal(r.json.error.field, field, r.body);
};

before(async () => {
  const db = demoDatabase();
  srv = await startServer({ db, env: { YUANQU_MAINTENANCE_SECONDS: '3600' } });
  for (const [k, u] of Object.entries(NAMES)) {
    as[k] = new Client(srv.base);
    const r = await as[k].login(u, PW);
    assert.equal(r.status, 200, `${u}: ${r.body}`);
    me[k] = r.json.user;
  }
  let n = 0;
  for (const key of Object.keys(FIXTURE)) {
    const body = { uscc: uscc('91220101EB', ++n), name: NAME[key], industry_code: '3670' };
    if (key === 'P' || key === 'Q') body.leader_user_id = me.leader.id;
    const e = await as.admin.post('/api/enterprises', body);
    assert.equal(e.status, 201, e.body);
    id[key] = e.json.id;
  }
  as.ent = await newUser(srv, as.admin, 'ccetdz-bulletin-qiye', 'enterprise', { enterprise_id: id.P }, PW);
  for (const [key, rows] of Object.entries(FIXTURE))
    for (const [period, output] of rows) {
      const r = await file(as.jingfa, { period, enterprise_id: id[key], values: { output }, reason: '历史数据录入' });
      assert.equal(r.status, 200, r.body);
    }
  // one report of the month accepted
  const q = await as.jingfa.get(`/api/economy/reports?period=2017-03&enterprise_id=${id.P}`);
  assert.equal((await as.jingfa.post(`/api/economy/reports/${q.json.items[0].id}/accept`, {})).status, 200);
  assert.equal((await as.admin.put('/api/economy/targets', { year: 2017, targets: { output: 50000 } })).status, 200);
  // another zone: an enterprise with a large rise that must not show in 长春经开区
  const z = await as.zone2_admin.post('/api/enterprises', { uscc: uscc('91320684EB', 1), name: '海门月报测试企业', industry_code: '3670' });
  assert.equal(z.status, 201, z.body);
  id.Z = z.json.id;
  for (const [period, output] of [['2016-03', 100], ['2017-03', 90000]]) {
    const r = await file(as.zone2_admin, { period, enterprise_id: id.Z, values: { output }, reason: '历史数据录入' });
    assert.equal(r.status, 200, r.body);
  }
});
after(async () => { await srv?.stop(); });

test('contributions and drags: the same set, shares of the change, 波动明显, on 1–N月累计', async () => {
  const r = await as.leader.get('/api/economy/contributions?period=2017-03&indicator=output');
  assert.equal(r.status, 200, r.body);
  const x = r.json;
  assert.equal(x.basis, 'ytd');
  assert.equal(x.name, '工业总产值');
  assert.equal(x.unit, '万元');
  assert.equal(x.same_set, 3);
  assert.equal(x.value, 11550);
  assert.equal(x.base, 10500);
  assert.equal(x.change, 1050);
  near(x.yoy, 0.1, 'yoy');
  assert.equal(x.volatile_threshold, 0.3);
  assert.deepEqual(x.contributors.map((c) => [c.enterprise_id, c.name, c.value, c.base, c.change]),
    [[id.P, NAME.P, 4500, 3000, 1500], [id.R, NAME.R, 1650, 1500, 150]]);
  assert.deepEqual(x.drags.map((c) => [c.enterprise_id, c.name, c.value, c.base, c.change]), [[id.Q, NAME.Q, 5400, 6000, -600]]);
  const [p, rr] = x.contributors, [q] = x.drags;
  near(p.yoy, 0.5, 'P yoy');
  near(rr.yoy, 0.1, 'R yoy');
  near(q.yoy, -0.1, 'Q yoy');
  near(p.share, 1500 / 1050, 'P share');
  near(rr.share, 150 / 1050, 'R share');
  near(q.share, -600 / 1050, 'Q share');
  near(p.share + rr.share + q.share, 1, 'the shares add up');
  assert.deepEqual([p.volatile, rr.volatile, q.volatile], [true, false, false]);
  // the set's 同比 is the summary's
  const s = (await as.leader.get('/api/economy/summary?period=2017-03')).json.items.find((i) => i.code === 'output');
  near(s.ytd_yoy, x.yoy, 'summary ytd_yoy');
  assert.equal(s.same_set, x.same_set);
  // limit
  const l = (await as.leader.get('/api/economy/contributions?period=2017-03&indicator=output&limit=1')).json;
  assert.deepEqual(l.contributors.map((c) => c.enterprise_id), [id.P]);
  assert.deepEqual(l.drags.map((c) => c.enterprise_id), [id.Q]);
});

test('contributions on the month; validation', async () => {
  const r = await as.jingfa.get('/api/economy/contributions?period=2017-03&indicator=output&basis=month');
  assert.equal(r.status, 200, r.body);
  const x = r.json;
  assert.deepEqual([x.value, x.base, x.change], [3850, 3500, 350]);
  near(x.yoy, 0.1, 'month yoy');
  const s = (await as.jingfa.get('/api/economy/summary?period=2017-03')).json.items.find((i) => i.code === 'output');
  near(s.month_yoy, x.yoy, 'summary month_yoy');
  assert.deepEqual(x.contributors.map((c) => [c.enterprise_id, c.change]), [[id.P, 500], [id.R, 50]]);
  near(x.contributors[0].share, 500 / 350, 'P share of the month');
  assert.deepEqual(x.drags.map((c) => [c.enterprise_id, c.change]), [[id.Q, -200]]);
  // no base: a zone with no figures then has an empty set and null 同比
  const e = (await as.leader.get('/api/economy/contributions?period=2012-03&indicator=output')).json;
  assert.deepEqual([e.same_set, e.value, e.yoy, e.contributors, e.drags], [0, 0, null, [], []]);
  fieldError(await as.leader.get('/api/economy/contributions?period=2017-03&indicator=gdp'), 'indicator');
  fieldError(await as.leader.get('/api/economy/contributions?period=2017-03'), 'indicator');
  fieldError(await as.leader.get('/api/economy/contributions?period=2017-13&indicator=output'), 'period');
  fieldError(await as.leader.get('/api/economy/contributions?indicator=output'), 'period');
  fieldError(await as.leader.get('/api/economy/contributions?period=2017-03&indicator=output&basis=week'), 'basis');
  fieldError(await as.leader.get('/api/economy/contributions?period=2017-03&indicator=output&limit=51'), 'limit');
  fieldError(await as.leader.get('/api/economy/contributions?period=2017-03&indicator=output&limit=0'), 'limit');
});

test('scope: an enterprise user is refused; another zone sees only its own', async () => {
  assert.equal((await as.ent.get('/api/economy/contributions?period=2017-03&indicator=output')).status, 403);
  assert.equal((await as.ent.get('/api/economy/bulletin?period=2017-03&format=pdf')).status, 403);
  const z = (await as.zone2_admin.get('/api/economy/contributions?period=2017-03&indicator=output')).json;
  assert.equal(z.same_set, 1);
  assert.deepEqual(z.contributors.map((c) => c.enterprise_id), [id.Z]);
  assert.deepEqual(z.drags, []);
  const mine = (await as.leader.get('/api/economy/contributions?period=2017-03&indicator=output&limit=50')).json;
  assert.ok(![...mine.contributors, ...mine.drags].some((c) => c.enterprise_id === id.Z));
  const html = await as.zone2_admin.get('/api/economy/bulletin?period=2017-03&format=html');
  assert.equal(html.status, 200);
  assert.ok(html.body.includes('海门月报测试企业'));
  assert.ok(!html.body.includes(NAME.P));
});

test('the forecast: last year\'s share of the year reached by March on the same set', async () => {
  const s = (await as.leader.get('/api/economy/summary?period=2017-03')).json.items;
  const out = s.find((i) => i.code === 'output');
  assert.equal(out.month_value, 4160);
  assert.equal(out.ytd_value, 12480);
  near(out.forecast, FORECAST, 'forecast');
  near(out.progress, 12480 / 50000, 'progress');
  // an indicator nobody reported: no forecast
  assert.equal(s.find((i) => i.code === 'tax').forecast, null);
  // grouped by leader: P and Q under the leader; the forecast of a group on its own set
  const g = (await as.leader.get('/api/economy/summary?period=2017-03&group=leader')).json.items.filter((i) => i.code === 'output');
  const mine = g.find((i) => i.group === me.leader.display_name);
  assert.equal(mine.ytd_value, 9900);
  near(mine.forecast, 9900 / (9000 / 40500), 'the leader\'s forecast');
  // a year whose base year (2015) has nothing: the simple projection
  const early = (await as.leader.get('/api/economy/summary?period=2016-06')).json.items.find((i) => i.code === 'output');
  near(early.forecast, early.ytd_value * 12 / 6, 'no complete base year: ytd × 12 / month');
});

/** The PDF's text, whitespace removed. */
function pdfText(buf) {
  const dir = mkdtempSync(join(tmpdir(), 'yq-econ-bulletin-'));
  try {
    const f = join(dir, 'b.pdf');
    writeFileSync(f, buf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', f, '-']).toString().replace(/\s+/g, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function checkContent(text) {
  assert.ok(text.includes('长春经济技术开发区经济运行月报'), 'the masthead');
  assert.ok(text.includes('2017年3月'));
  // 总体情况: the figures written out
  assert.ok(text.includes('工业总产值4160万元，同比增长10.0%'), 'the month');
  assert.ok(text.includes('1—3月累计1.25亿元，同比增长10.0%'), 'the year to date');
  assert.ok(text.includes('工业总产值全年预计5.53亿元（年度目标5.00亿元，预计完成110.5%）'), 'the forecast');
  // the indicator table: 累计, target, progress 25.0%, 序时 25.0%
  assert.ok(text.includes('24.96%') || text.includes('25.0%'), 'progress');
  // contributions and drags
  for (const n of [NAME.P, NAME.R, NAME.Q]) assert.ok(text.includes(n), n);
  assert.ok(!text.includes(NAME.T), 'an enterprise that left is in no list');
  assert.ok(text.includes('+1500万元') && text.includes('-600万元'), 'the changes');
  assert.ok(text.includes('+142.9%') && text.includes('-57.1%'), 'the shares');
  assert.ok(text.includes('波动明显'));
  // 报送情况: four reports of March, one accepted, all filed after the deadline
  assert.ok(text.includes('已报送4户（其中审核通过1户），逾期报送4户'), 'the filing');
  // 包保 by leader
  assert.ok(text.includes(me.leader.display_name), 'the leader');
  assert.ok(text.includes('9900万元'), 'the leader\'s 累计');
}

test('the bulletin PDF: downloaded and read back', async () => {
  const r = await as.leader.get('/api/economy/bulletin?period=2017-03&format=pdf', { raw: true });
  assert.equal(r.status, 200, r.body.toString());
  assert.equal(r.headers.get('content-type'), 'application/pdf');
  assert.ok(r.headers.get('content-disposition').includes(encodeURIComponent('经济运行月报-2017-03.pdf')));
  assert.equal(r.body.subarray(0, 5).toString(), '%PDF-');
  const text = pdfText(r.body);
  checkContent(text);
  assert.ok(text.includes('工业总产值分月走势'), 'the trend chart');
  assert.ok(text.includes('贡献与拖累'), 'the contributions chart');
  assert.ok(!text.includes('双过半：年度目标完成进度'), 'no 双过半 before June');
  // the default format is the PDF; the HTML says the same
  assert.equal((await as.leader.get('/api/economy/bulletin?period=2017-03', { raw: true })).headers.get('content-type'), 'application/pdf');
  const h = await as.leader.get('/api/economy/bulletin?period=2017-03&format=html');
  assert.equal(h.status, 200);
  assert.match(h.headers.get('content-type'), /text\/html/);
  checkContent(h.body.replace(/<[^>]*>/g, '').replace(/\s+/g, ''));
  fieldError(await as.leader.get('/api/economy/bulletin?period=2017-3'), 'period');
  fieldError(await as.leader.get('/api/economy/bulletin?period=2017-03&format=doc'), 'format');
});

test('the bulletin from June on: 双过半', async () => {
  const r = await as.leader.get('/api/economy/bulletin?period=2017-06&format=html');
  assert.equal(r.status, 200);
  const text = r.body.replace(/<[^>]*>/g, '').replace(/\s+/g, '');
  assert.ok(text.includes('双过半：设定目标的1项指标中，0项完成进度过半，1项未过半（工业总产值）'), text.slice(0, 400));
});

test('the command line: yuanqu bulletin economy writes the file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'yq-econ-bulletin-cli-'));
  try {
    const pdf = join(dir, 'm.pdf'), html = join(dir, 'm.html');
    let r = cli(['bulletin', 'economy', '--db', srv.db, '--zone', 'ccetdz', '--period', '2017-03', '--out', pdf]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /economy bulletin of 长春经济技术开发区 for 2017-03 written to .* \(\d+ indicators, 4 of \d+ enterprises filed\)/);
    assert.equal(statSync(pdf).mode & 0o777, 0o600);
    checkContent(pdfText(readFileSync(pdf)));
    r = cli(['bulletin', 'economy', '--db', srv.db, '--zone', 'ccetdz', '--period', '2017-03', '--out', html]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(readFileSync(html, 'utf8').includes(NAME.Q));
    r = cli(['bulletin', 'economy', '--db', srv.db, '--zone', 'ccetdz', '--period', '2017-13', '--out', pdf]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /month/);
    assert.equal(cli(['bulletin', 'economy', '--db', srv.db, '--week', '2017-W10']).code, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
