// Import of the 重点项目调度表 (src/project/project_io.c): the CLI reads the fixtures of
// tests/fixtures/projects/ (a title, a date line, a two-row header with merged cells, 合计 and
// note rows, amounts in 亿/万/万美元, dates in several forms and as Excel serials, the bureau and
// the person by name) with the enterprise import's row rules: every bad row named by row and
// column, nothing written unless every row is valid or --skip-invalid, --dry-run writes nothing,
// a second import changes nothing, a later sheet moves projects forward; files that cannot be
// read answer the reader's Chinese reason. The HTTP route answers the same report (when wired).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, adminClient, cli, newUser, Client, ROOT, BIN } from './lib.mjs';

const FIX = join(ROOT, 'tests/fixtures/projects');
const HOSTILE = join(ROOT, 'tests/fixtures');
const PW = 'Import-Passw0rd!2026';
const HAS_ROUTE = JSON.parse(execFileSync(BIN, ['routes', '--json']).toString()).routes
  .some((r) => r.method === 'POST' && r.pattern === '/api/projects/import');
let srv, admin, dir;
const dept = {}, user = {};

before(async () => {
  srv = await startServer();
  admin = await adminClient(srv);
  dir = mkdtempSync(join(tmpdir(), 'yq-pimp-'));
  const mk = async (name, kind, parent) => {
    const r = await admin.post('/api/depts', { name, kind, parent_id: parent });
    assert.equal(r.status, 201, r.body);
    return r.json.id;
  };
  dept.bureau = await mk('招商局', 'investment');
  dept.one = await mk('招商一局', 'investment', dept.bureau);
  dept.two = await mk('招商二局', 'investment', dept.bureau);
  dept.office = await mk('项目办', 'project');
  // two departments of one name, under different bureaus: a sheet naming it is ambiguous
  await mk('招商三局', 'investment', dept.one);
  await mk('招商三局', 'investment', dept.two);
  for (const [u, name, d] of [['zhangsan', '张三', dept.one], ['lisi', '李四', dept.two],
    ['wangfang1', '王芳', dept.one], ['wangfang2', '王芳', dept.two]]) {
    const r = await admin.post('/api/users', { username: u, display_name: name, role: 'staff', dept_id: d, password: PW });
    assert.equal(r.status, 201, r.body);
    user[u] = r.json.id;
  }
});
after(async () => {
  await srv?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Runs `yuanqu import projects FILE …` on the server's database: the exit code, the rows it
 * reported as [row, column, value, reason] and its summary line. */
function imp(file, ...flags) {
  const r = cli(['import', 'projects', file, '--db', srv.db, ...flags]);
  const errors = [...r.stdout.matchAll(/^第(\d+)行 (.*?)「(.*?)」：(.*)$/gm)].map((m) => [Number(m[1]), m[2], m[3], m[4]]);
  const summary = r.stdout.split('\n').find((l) => /^\d+ rows:/.test(l)) ?? '';
  return { ...r, errors, summary };
}
const csv = (name, text) => {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
};
async function projects() {
  const r = await admin.get('/api/projects?page_size=200');
  assert.equal(r.status, 200, r.body);
  return Object.fromEntries(r.json.items.map((p) => [p.name, p]));
}

const STAGES = '应为线索、在谈、签约、注册、供地、开工、竣工、投产、达产或终止';

test('the zone\'s sheet: every bad row named by its row and column, nothing written', async () => {
  const r = imp(join(FIX, 'schedule.xlsx'));
  assert.equal(r.code, 1, r.stderr);
  assert.deepEqual(r.errors, [
    [7, '阶段', '签约', '签约需填写合同编号'],
    [8, '阶段', '签约', '签约需填写合同编号'],
    [9, '阶段', '开工', '签约需填写合同编号'],
    [11, '招商专员', '王芳', '有多位同名人员，无法确定'],
    [12, '招商专员', '王芳', '有多位同名人员，无法确定'],
    [16, '总投资（亿元）', '待定', '无法识别的金额'],
    [17, '计划开工时间', '2021-02-30', '日期不存在'],
    [18, '阶段', '推进中', STAGES],
  ]);
  assert.match(r.summary, /^11 rows: 3 valid, 8 invalid; nothing written: 0 created/);
  assert.deepEqual(await projects(), {});
});

test('--dry-run checks every row and writes nothing', async () => {
  const r = imp(join(FIX, 'schedule.xlsx'), '--dry-run', '--skip-invalid');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.summary, /3 valid, 8 invalid; dry run, nothing written/);
  assert.deepEqual(await projects(), {});
});

test('--skip-invalid writes the valid rows as the sheet gives them', async () => {
  const r = imp(join(FIX, 'schedule.xlsx'), '--skip-invalid');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.summary, /written: 3 created, 0 updated, 0 unchanged/);
  const p = await projects();
  assert.deepEqual(Object.keys(p).sort(), ['康达医疗器械产业园', '德赛电池二期', '海门港冷链物流园']);
  // 12 and 10 in a column of 亿元; 200 亩; an Excel serial date; names of the zone
  const d = p['德赛电池二期'];
  assert.equal(d.stage, 'negotiating');
  assert.equal(d.investor, '惠州市德赛电池有限公司');
  assert.equal(d.total_investment, 120000);
  assert.equal(d.fixed_investment, 100000);
  assert.equal(d.currency, 'CNY');
  assert.equal(d.land_mu, 200);
  assert.equal(d.plan_start_date, '2021-07-01');
  assert.equal(d.dept_id, dept.one);
  assert.equal(d.owner_user_id, user.lisi);
  const k = p['康达医疗器械产业园'];
  assert.equal(k.total_investment, 36000);
  assert.equal(k.plan_start_date, '2021-10-01');
  assert.equal(k.dept_id, dept.two);
  const full = (await admin.get(`/api/projects/${k.id}`)).json;
  assert.equal(full.notes, '前期洽谈');
  const h = p['海门港冷链物流园'];
  assert.equal(h.stage, 'lead');
  assert.equal(h.total_investment, 50000, '约5亿');
  assert.equal(h.owner_user_id, null);
  const tl = (await admin.get(`/api/projects/${d.id}/timeline`)).json.items;
  assert.deepEqual(tl.map((x) => [x.action, x.to_status]), [['create', 'negotiating']]);
});

test('importing the same sheet again changes nothing', async () => {
  const before = await projects();
  const r = imp(join(FIX, 'schedule.xlsx'), '--skip-invalid');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.summary, /written: 0 created, 0 updated, 3 unchanged/);
  const now = await projects();
  assert.deepEqual(Object.keys(now).sort(), Object.keys(before).sort());
  for (const n of Object.keys(now)) assert.equal(now[n].updated_at, before[n].updated_at, n);
});

test('a later sheet moves projects forward, ends one and changes the amount it gives otherwise', async () => {
  const f = csv('later.csv', '项目名称,投资方,总投资（亿元）,阶段,终止时间,终止原因,招商分局\r\n' +
    '海门港冷链物流园,,5,在谈,,,招商一局\r\n' +
    '康达医疗器械产业园,康达医疗集团股份有限公司,3.6,终止,2021-06-30,投资方资金链断裂,招商二局\r\n' +
    '德赛电池二期,惠州市德赛电池有限公司,15,在谈,,,招商一局\r\n');
  let r = imp(f, '--dry-run');
  assert.equal(r.code, 0, r.stdout);
  assert.deepEqual(r.errors, []);
  assert.equal((await projects())['海门港冷链物流园'].stage, 'lead', 'nothing written');
  r = imp(f);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.summary, /written: 0 created, 3 updated, 0 unchanged/);
  const p = await projects();
  assert.equal(p['海门港冷链物流园'].stage, 'negotiating');
  const k = (await admin.get(`/api/projects/${p['康达医疗器械产业园'].id}`)).json;
  assert.equal(k.stage, 'dropped');
  assert.equal(k.drop_date, '2021-06-30');
  assert.equal(k.drop_reason, '投资方资金链断裂');
  assert.equal(k.dropped_from, 'negotiating');
  // the amount the sheet gives otherwise is the project's now, audited as an edit
  assert.equal(p['德赛电池二期'].total_investment, 150000);
  const audit = (await admin.get(`/api/audit?obj_type=project&obj_id=${p['德赛电池二期'].id}`)).json.items;
  assert.ok(audit.some((x) => x.action === 'update'), JSON.stringify(audit.map((x) => x.action)));
  const tl = (await admin.get(`/api/projects/${k.id}/timeline`)).json.items;
  assert.deepEqual(tl.map((x) => [x.action, x.to_status]), [['create', 'negotiating'], ['move', 'dropped']]);
  assert.equal(tl[1].from_status, 'negotiating');
  assert.equal(tl[1].body, '导入调度表');
  // the same sheet once more: nothing left to do
  r = imp(f, '--skip-invalid');
  assert.match(r.summary, /written: 0 created, 0 updated, 3 unchanged/);
});

test('a 分局\'s sheet saved by Excel as GBK, 单位：万元 above a one-row header', async () => {
  const r = imp(join(FIX, 'bureau_gbk.csv'), '--skip-invalid');
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.errors, [
    [5, '阶段', '签约', '签约需填写合同编号'],
    [6, '总投资', '8000万美元', '美元金额须填写汇率（汇率列）'],
  ]);
  assert.match(r.summary, /^3 rows: 1 valid, 2 invalid; written: 1 created/);
  const j = (await projects())['京东亚洲一号智能物流园'];
  assert.equal(j.total_investment, 15000, '1.5亿 in a sheet of 万元');
  assert.equal(j.plan_sign_date, '2021-05-01');
  assert.equal(j.stage, 'negotiating');
  assert.equal(j.owner_user_id, user.lisi);
});

test('names that are no one or several, a project given twice, cells that cannot be read', async () => {
  const f = csv('names.csv', '\uFEFF项目名称,投资方,招商分局,责任人,签约时间,用地（公顷）,专班\r\n' +
    '甲项目,甲公司,招商三局,,,,\r\n' +
    '乙项目,乙公司,招商九局,,,,\r\n' +
    '丙项目,丙公司,,赵六,,,\r\n' +
    '丁项目,丁公司,,"张三、李四",,,\r\n' +
    '戊项目,戊公司,,,2099-01-01,,\r\n' +
    '己项目,己公司,,,,2,是\r\n' +
    '己项目,己公司,,,,2,是\r\n' +
    '庚项目,,,,,,也许\r\n' +
    ',无名公司,招商一局,,,,\r\n');
  const r = imp(f, '--dry-run');
  assert.deepEqual(r.errors, [
    [2, '招商分局', '招商三局', '有多个同名部门，无法确定'],
    [3, '招商分局', '招商九局', '部门不存在'],
    [4, '责任人', '赵六', '人员不存在'],
    [5, '责任人', '张三、李四', '只能填写一位人员'],
    [6, '签约时间', '2099-01-01', '实际日期晚于今天（计划日期请填在计划列）'],
    [8, '项目名称', '己项目', '文件中项目重复（项目名称与投资方相同）'],
    [9, '专班', '也许', '应为“是”或“否”'],
    [10, '项目名称', '', '项目名称不能为空'],
  ]);
  assert.match(r.summary, /^9 rows: 1 valid, 8 invalid/);
});

test('a signing from a sheet: the contract number read, no scan asked of a sheet', async () => {
  const f = csv('signed.csv', '项目名称,阶段,签约时间,合同编号\r\n' +
    '签约项目甲,签约,2021-03-01,HT-2021-001\r\n' +
    '签约项目乙,签约,2021-03-01,\r\n' +
    '签约项目丙,签约,,HT-2021-003\r\n');
  let r = imp(f, '--dry-run');
  assert.deepEqual(r.errors, [
    [3, '合同编号', '', '签约需填写合同编号'],
    [4, '签约时间', '', '阶段为签约，须填写签约时间'],
  ]);
  r = imp(f, '--skip-invalid');
  assert.equal(r.code, 0, r.stderr);
  const a = (await admin.get(`/api/projects/${(await projects())['签约项目甲'].id}`)).json;
  assert.deepEqual([a.stage, a.sign_date, a.contract_no], ['signed', '2021-03-01', 'HT-2021-001']);
  assert.deepEqual(a.timeline.map((x) => [x.action, x.to_status, x.body]).slice(-1), [['move', 'signed', '导入调度表']]);
});

test('files that cannot be read answer the reader\'s reason in Chinese, never a crash', async () => {
  const header = '项目名称,总投资\r\n甲项目,1亿\r\n';
  const cases = [
    ['UTF-16 with a BOM', csv('u16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(header, 'utf16le')])),
      '文件是 UTF-16 编码，请另存为 UTF-8 或 GBK 的 CSV'],
    ['UTF-16 without a BOM', csv('u16b.csv', Buffer.from(header, 'utf16le')), '文件是 UTF-16 编码，请另存为 UTF-8 或 GBK 的 CSV'],
    ['a legacy .xls', join(HOSTILE, 'legacy.xls'), '这是旧版 .xls 文件，请在 Excel 中另存为 .xlsx'],
    ['a zip bomb', join(HOSTILE, 'hostile_bomb.xlsx'), '压缩包解压后过大，已拒绝'],
    ['an xlsx with a DOCTYPE', join(HOSTILE, 'hostile_doctype.xlsx'), 'xlsx 含 DOCTYPE，已拒绝'],
    ['a password-protected workbook', join(HOSTILE, 'encrypted.xlsx'), '工作簿设有密码'],
    ['no header in the first 30 rows', csv('nohead.csv', '2021年调度表\r\n序号,名称,金额\r\n1,甲,3\r\n'),
      '未找到表头：前30行中没有含「项目名称」的表头行'],
    ['an empty file', csv('empty.csv', ''), '未找到表头'],
    ['two columns for one member', csv('twice.csv', '项目名称,阶段,项目状态\r\n甲,在谈,在谈\r\n'),
      '表头中「阶段」与「项目状态」都对应阶段，请只保留一列'],
    ['a file that is not there', join(dir, 'missing.xlsx'), '无法打开文件'],
  ];
  for (const [what, f, msg] of cases) {
    const r = imp(f);
    assert.equal(r.code, 1, `${what}: ${r.stdout} ${r.stderr}`);
    assert.ok(r.stderr.includes(msg), `${what}: ${r.stderr}`);
  }
  assert.equal((await admin.get('/healthz')).status, 200);
});

test('the console\'s upload: the same report over HTTP, within the bureau\'s own projects',
  { skip: !HAS_ROUTE && 'POST /api/projects/import is not in the route table yet' }, async () => {
    const zs = await newUser(srv, admin, 'zs-upload', 'staff', { display_name: '张三丰', dept_id: dept.one }, PW);
    const boundary = '----yqpimp';
    const upload = (c, path, body, name = 'p.csv') => c.post(path, Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\n`),
      Buffer.from(body), Buffer.from(`\r\n--${boundary}--\r\n`)]), { headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` } });
    const sheet = '项目名称,招商分局,阶段\r\n一局的线索项目,招商一局,线索\r\n二局的在谈项目,招商二局,在谈\r\n';
    let r = await upload(zs, '/api/projects/import?dry_run=1', sheet);
    assert.equal(r.status, 200, r.body);
    assert.equal(r.json.total, 2);
    assert.equal(r.json.valid, 1);
    assert.equal(r.json.written, false);
    assert.equal(r.json.dry_run, true);
    assert.deepEqual(r.json.errors, [{ row: 3, column: '招商分局', value: '招商二局', reason: '只能导入本部门的项目' }]);
    r = await upload(zs, '/api/projects/import?skip_invalid=1', sheet);
    assert.equal(r.json.created, 1);
    assert.equal(r.json.written, true);
    r = await upload(zs, '/api/projects/import', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(sheet, 'utf16le')]));
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'file');
    assert.equal(r.json.error.message, '文件是 UTF-16 编码，请另存为 UTF-8 或 GBK 的 CSV');
    r = await upload(zs, '/api/projects/import', readFileSync(join(HOSTILE, 'hostile_bomb.xlsx')), 'b.xlsx');
    assert.equal(r.status, 400);
    assert.equal(r.json.error.message, '压缩包解压后过大，已拒绝');
    const anon = new Client(srv.base);
    assert.equal((await upload(anon, '/api/projects/import', sheet)).status, 401);
  });
