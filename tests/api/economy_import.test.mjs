// The 经发局's import of a statistics sheet (src/economy/economy_import.c): the fixture
// tests/fixtures/economy/monthly.xlsx (a merged title naming 2026年1-2月, 单位：万元, a two-row header
// with merged groups, 营业收入 in 亿元, a 合计 row on top, an enterprise by name with its 累计 alone,
// a 同比 that disagrees, an unknown enterprise, 待定 for a value) read by `yuanqu import indicators`
// and by POST /api/economy/import with the enterprise import's row report: bad rows named by row
// and column, nothing written unless every row is valid or --skip-invalid, a second import
// changes nothing; 累计, 上年同期, 同比 and 合计 that disagree with the data are warnings (提示),
// never overwritten.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, adminClient, cli, newUser, uscc, ROOT } from './lib.mjs';

const FIX = join(ROOT, 'tests/fixtures/economy/monthly.xlsx');
const PW = 'Import-Passw0rd!2026';
let srv, admin, jingfa, ent, dir;
const ids = {};

before(async () => {
  srv = await startServer();
  admin = await adminClient(srv);
  dir = mkdtempSync(join(tmpdir(), 'yq-eimp-'));
  const eco = (await admin.post('/api/depts', { name: '经济发展局', kind: 'economic' })).json.id;
  jingfa = await newUser(srv, admin, 'eimp-jingfa', 'dept_head', { dept_id: eco }, PW);
  for (const [k, code, name] of [['jia', '91320684MA1EC0N01Y', '海门测试甲有限公司'], ['yi', '91320684MA1EC0N022', '海门测试乙有限公司'],
    ['bing', uscc('91320684MA', 3), '海门测试丙有限公司'], ['wu', '91320684MA1EC0N05B', '海门测试戊有限公司']]) {
    const r = await admin.post('/api/enterprises', { uscc: code, name, industry_code: '3670' });
    assert.equal(r.status, 201, r.body);
    ids[k] = r.json.id;
  }
  ent = await newUser(srv, admin, 'eimp-qiye', 'enterprise', { enterprise_id: ids.jia }, PW);
  // what the zone holds before the sheet: 甲's January and last year's two months, 丙's January
  for (const [k, period, output] of [['jia', '2026-01', 1100], ['jia', '2025-01', 1000], ['jia', '2025-02', 1000], ['bing', '2026-01', 300]]) {
    const r = await admin.post('/api/economy/reports', { enterprise_id: ids[k], period, values: { output }, reason: '补录历史数据' });
    assert.equal(r.status, 200, r.body);
  }
});
after(async () => {
  await srv?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** `yuanqu import indicators FILE …` on the server's database: the exit code, the errors and
 * warnings as [row, column, value, reason] and the summary line. */
function imp(file, ...flags) {
  const r = cli(['import', 'indicators', file, '--db', srv.db, ...flags]);
  const rows = (re) => [...r.stdout.matchAll(re)].map((m) => [Number(m[1]), m[2], m[3], m[4]]);
  return {
    ...r,
    errors: rows(/^第(\d+)行 (.*?)「(.*?)」：(.*)$/gm),
    warnings: rows(/^提示 第(\d+)行 (.*?)「(.*?)」：(.*)$/gm),
    summary: r.stdout.split('\n').find((l) => /^\d+ rows:/.test(l)) ?? '',
  };
}
const reportOf = async (k, period) => {
  const l = await admin.get(`/api/economy/reports?period=${period}&enterprise_id=${ids[k]}`);
  assert.equal(l.status, 200, l.body);
  if (!l.json.items.length) return null;
  const r = await admin.get(`/api/economy/reports/${l.json.items[0].id}`);
  return { ...r.json, v: Object.fromEntries(r.json.values.map((x) => [x.code, x.value])) };
};

test('the sheet is read as people write it; bad rows named, nothing written without --skip-invalid', () => {
  const r = imp(FIX);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.deepEqual(r.errors, [
    [9, '统一社会信用代码', '91320684MA1EC0N991', '本园区无此统一社会信用代码的企业'],
    [10, '工业总产值/本月', '待定', '不是有效的数字'],
  ]);
  assert.match(r.summary, /^5 rows: 3 valid, 2 invalid; nothing written/);
  // the warnings: 乙's 同比 (20.0% in the file, 900 against 800 is 12.5%), the 合计's 累计
  assert.deepEqual(r.warnings.map((w) => w.slice(0, 2)), [[7, '工业总产值/同比(%)'], [5, '工业总产值/1-2月累计']]);
  assert.match(r.warnings[0][3], /同比：文件为20\.0%，按数据计算为12\.5%/);
  assert.match(r.warnings[1][3], /合计与各行之和（4100\.00）不一致/);
});

test('--skip-invalid writes the valid rows as accepted reports; the units and the 累计 are read right', async () => {
  const r = imp(FIX, '--skip-invalid', '--dry-run');
  assert.match(r.summary, /^5 rows: 3 valid, 2 invalid; dry run, nothing written/);
  assert.equal(await reportOf('jia', '2026-02'), null, 'a dry run writes nothing');
  const w = imp(FIX, '--skip-invalid');
  assert.equal(w.code, 0, w.stdout + w.stderr);
  assert.match(w.summary, /^5 rows: 3 valid, 2 invalid; written: 3 created, 0 updated, 0 unchanged/);
  const jia = await reportOf('jia', '2026-02');
  assert.equal(jia.status, 'accepted');
  // 营业收入 0.15亿元 is 1,500万元; 从业人员 is a stock
  assert.deepEqual(jia.v, { output: 1200, revenue: 1500, power: 50, employees: 320 });
  assert.equal(jia.last_year ?? jia.values.find((x) => x.code === 'output').last_year, 1000);
  // 丙 gave 700 累计 only: its January held 300, so February is 400
  assert.deepEqual((await reportOf('bing', '2026-02')).v, { output: 400 });
  assert.deepEqual((await reportOf('yi', '2026-02')).v, { output: 500, revenue: 500, power: 12, employees: 80 });
  // the same file again changes nothing
  const again = imp(FIX, '--skip-invalid');
  assert.match(again.summary, /written: 0 created, 0 updated, 3 unchanged/);
  // the change is audited as an import
  const a = await admin.get(`/api/audit?action=import&obj_type=econ_report`);
  if (a.status === 200) assert.ok(a.json.items.length >= 3, a.body);
});

test('a one-row header with units in brackets, the month given; a later sheet updates and keeps the other values', async () => {
  const f = join(dir, 'march.csv');
  writeFileSync(f, '2026年3月部分企业产值快报\n企业名称,工业总产值(亿元)本月,营业收入本月\n海门测试甲有限公司,0.13,1400\n海门测试乙有限公司,"1,234.5",\n海门测试丙有限公司,,\n');
  let r = imp(f, '--period', '2026-04');
  assert.equal(r.code, 1);
  assert.match(r.stderr, /文件标题所述月份（2026-03）与所选月份（2026-04）不一致/);
  r = imp(f);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.deepEqual(r.errors, [[5, '', '', '该行没有指标数值']]);
  r = imp(f, '--skip-invalid');
  assert.match(r.summary, /written: 2 created/);
  assert.deepEqual((await reportOf('jia', '2026-03')).v, { output: 1300, revenue: 1400 });
  assert.deepEqual((await reportOf('yi', '2026-03')).v, { output: 12345000 });
  writeFileSync(f, '企业名称,营业收入本月\n海门测试甲有限公司,1450\n');
  r = imp(f, '--period', '2026-03');
  assert.match(r.summary, /written: 0 created, 1 updated/);
  assert.deepEqual((await reportOf('jia', '2026-03')).v, { output: 1300, revenue: 1450 });
});

test('sheets that cannot be imported say why', () => {
  const f = join(dir, 'bad.csv');
  writeFileSync(f, '名单\n序号,联系人,电话\n1,张三,123\n');
  let r = imp(f, '--period', '2026-03');
  assert.equal(r.code, 1);
  assert.match(r.stderr, /未找到表头/);
  writeFileSync(f, '企业名称,工业总产值本月\n海门测试甲有限公司,100\n');
  r = imp(f);
  assert.match(r.stderr, /请指定报告期/);
  r = imp(f, '--period', '2099-01');
  assert.match(r.stderr, /该月尚未结束/);
  r = imp(f, '--period', '2026-13');
  assert.match(r.stderr, /月份格式应为/);
  r = imp(join(ROOT, 'tests/fixtures/legacy.xls'), '--period', '2026-03');
  assert.equal(r.code, 1);
  assert.match(r.stderr, /xls/);
});

test('POST /api/economy/import: the same report with its warnings, for the 经发局 only', async () => {
  const boundary = 'yq-econ-import';
  const upload = (c, path, body, name = 'monthly.xlsx') => c.post(path, Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    body, Buffer.from(`\r\n--${boundary}--\r\n`)]), { headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` } });
  const sheet = readFileSync(FIX);
  let r = await upload(jingfa, '/api/economy/import?period=2026-02&dry_run=1', sheet);
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.valid, 3);
  assert.equal(r.json.invalid, 2);
  assert.equal(r.json.written, false);
  assert.equal(r.json.warned, 2);
  assert.deepEqual(r.json.warnings.map((w) => [w.row, w.column, w.value]), [[7, '工业总产值/同比(%)', '20'], [5, '工业总产值/1-2月累计', '4000']]);
  assert.deepEqual(r.json.errors.map((x) => [x.row, x.column]), [[9, '统一社会信用代码'], [10, '工业总产值/本月']]);
  r = await upload(jingfa, '/api/economy/import?period=2026-03', sheet);
  assert.equal(r.status, 400, r.body);
  assert.equal(r.json.error.field, 'period');
  assert.match(r.json.error.message, /不一致/);
  r = await upload(jingfa, '/api/economy/import?period=2026-02', Buffer.from([0xff, 0xfe, 0x41, 0x00]));
  assert.equal(r.status, 400, r.body);
  assert.equal(r.json.error.field, 'file');
  assert.equal((await upload(ent, '/api/economy/import?period=2026-02', sheet)).status, 403);
});
