// Import and export: CSV in UTF-8 and GBK, .xlsx, a validation report row by row, nothing
// written unless every row is valid, idempotent re-import, export that re-imports unchanged.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync, openSync, writeSync, closeSync, readdirSync, readlinkSync, constants as fsc } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './lib.mjs';
import { startServer, adminClient, cli, uscc, newUser, BIN, sleep, readCsv } from './lib.mjs';

let srv, admin;
const make = (n) => uscc('91320684MA', n);

async function upload(path, body, type = 'text/csv', name = 'e.csv', client = admin) {
  const boundary = '----yq' + Date.now();
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return client.post(path, Buffer.concat([head, Buffer.from(body), tail]), { headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` } });
}

const HEADER = '企业名称,统一社会信用代码,行业代码,注册资本（万元）,成立日期,规上企业,联系人,标签\r\n';
const good = [
  `海门华通塑胶有限公司,${make(1)},2929,1200,2012/5/3,2019-01-01~,张经理/13900000001/总经理,塑料;外贸`,
  `江苏三鑫电子有限公司,${make(2)},3982,"5,000",2010年8月8日,,李工/0513-82100000/厂长,`,
];
const bad = [
  `坏校验码企业,${make(3).slice(0, 17)}${make(3)[17] === '0' ? '1' : '0'},3982,,,,,`,
  `无行业企业,${make(4)},9999,,,,,`,
  `坏日期企业,${make(5)},3982,,2020-02-30,,,`,
];

before(async () => { srv = await startServer(); admin = await adminClient(srv); });
after(async () => { await srv.stop(); });

test('a file with bad rows: every bad row reported, nothing written', async () => {
  const r = await upload('/api/enterprises/import', HEADER + [...good, ...bad].join('\r\n') + '\r\n');
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.valid, 2);
  assert.equal(r.json.invalid, 3);
  assert.equal(r.json.written, false);
  const reasons = r.json.errors.map((x) => [x.row, x.column, x.reason]);
  assert.deepEqual(reasons, [[4, '统一社会信用代码', '校验码错误'], [5, '行业代码', '行业代码不存在'], [6, '成立日期', '日期不存在']]);
  assert.equal((await admin.get('/api/enterprises')).json.total, 0);
});

test('--skip-invalid writes the valid rows; dry run writes nothing', async () => {
  const dry = await upload('/api/enterprises/import?dry_run=1', HEADER + good.join('\r\n'));
  assert.equal(dry.json.valid, 2);
  assert.equal(dry.json.written, false);
  assert.equal((await admin.get('/api/enterprises')).json.total, 0);
  const r = await upload('/api/enterprises/import?skip_invalid=1', HEADER + [...good, ...bad].join('\r\n'));
  assert.equal(r.json.written, true);
  assert.equal(r.json.created, 2);
  const l = await admin.get('/api/enterprises?q=' + encodeURIComponent('三鑫'));
  assert.equal(l.json.items[0].registered_capital, 5000);
  assert.equal(l.json.items[0].established_on, '2010-08-08');
  const h = await admin.get('/api/enterprises?q=' + encodeURIComponent('华通'));
  assert.equal(h.json.items[0].flags_now.above_size, true);
  assert.deepEqual(h.json.items[0].tags, ['塑料', '外贸']);
  assert.equal(h.json.items[0].contacts[0].phone, '13900000001');
});

test('re-importing the same file changes nothing', async () => {
  const r = await upload('/api/enterprises/import', HEADER + good.join('\r\n'));
  assert.equal(r.json.created, 0);
  assert.equal(r.json.updated, 0);
  assert.equal(r.json.unchanged, 2);
});

test('a GBK CSV from Excel on Chinese Windows', async () => {
  const text = HEADER + `南通泰盟智能装备有限公司,${make(6)},3491,800,2016-03-01,,,`;
  const gbk = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: text });
  assert.notDeepEqual(gbk, Buffer.from(text), 'really GBK bytes');
  const r = await upload('/api/enterprises/import', gbk);
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.encoding, 'gb18030');
  assert.equal(r.json.created, 1);
  const l = await admin.get('/api/enterprises?q=' + encodeURIComponent('泰盟'));
  assert.equal(l.json.items[0].name, '南通泰盟智能装备有限公司');
});

test('duplicate codes inside one file are reported', async () => {
  const r = await upload('/api/enterprises/import?dry_run=1', HEADER + `甲公司,${make(7)},3491\r\n乙公司,${make(7)},3491\r\n`);
  assert.equal(r.json.invalid, 1);
  assert.equal(r.json.errors[0].row, 3);
});

test('missing required headers and junk files are clear 400s', async () => {
  let r = await upload('/api/enterprises/import', '名称,代码\r\na,b\r\n');
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'file');
  r = await upload('/api/enterprises/import', Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 0, 0, 1, 2, 3]), 'application/zip', 'x.xlsx');
  assert.equal(r.status, 400);
  r = await admin.post('/api/enterprises/import', '', { headers: { 'Content-Type': 'multipart/form-data; boundary=abc' } });
  assert.equal(r.status, 400);
});

test('export as .xlsx and .csv re-imports unchanged', async () => {
  const multi = await admin.post('/api/enterprises', { uscc: make(9), name: '海门多资质企业有限公司', industry_code: '3491',
    flags: [{ flag: 'little_giant', from: '2023-07-01' }, { flag: 'specialized', from: '2022-01-01', to: '2024-12-31' },
      { flag: 'high_tech', from: '2021-11-01', to: '2024-10-31', cert_no: 'GR202132000111' }, { flag: 'high_tech', from: '2024-12-01' }],
    contacts: [{ name: '周经理', phone: '0513-81234567', role: '总经理' }], tags: ['专精特新', '机器人'] });
  assert.equal(multi.status, 201, multi.body);
  const x = await admin.get('/api/enterprises/export?format=xlsx', { raw: true });
  assert.equal(x.status, 200);
  assert.match(x.headers.get('content-type'), /spreadsheetml/);
  assert.match(x.headers.get('content-disposition'), /filename\*=UTF-8''/);
  assert.deepEqual([...x.body.subarray(0, 4)], [0x50, 0x4b, 3, 4], 'a zip file');
  const ri = await upload('/api/enterprises/import', x.body, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'e.xlsx');
  assert.equal(ri.status, 200, ri.body);
  assert.equal(ri.json.invalid, 0, JSON.stringify(ri.json.errors));
  assert.equal(ri.json.unchanged, 4);
  assert.equal(ri.json.updated + ri.json.created, 0);
  const c = await admin.get('/api/enterprises/export?format=csv', { raw: true });
  assert.match(c.headers.get('content-type'), /text\/csv/);
  assert.ok(c.body.toString('utf8').includes('南通泰盟智能装备有限公司'));
  const rc = await upload('/api/enterprises/import', c.body);
  assert.equal(rc.json.unchanged, 4, JSON.stringify(rc.json));
  const f = await admin.get('/api/enterprises/export?format=csv&q=' + encodeURIComponent('泰盟'), { raw: true });
  assert.equal(f.body.toString('utf8').trim().split('\r\n').length, 2, 'the export follows the filters');
});

test('the template is an .xlsx that imports as a valid row', async () => {
  const t = await admin.get('/api/enterprises/import/template', { raw: true });
  assert.equal(t.status, 200);
  const r = await upload('/api/enterprises/import?dry_run=1', t.body, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 't.xlsx');
  assert.equal(r.json.valid, 1, JSON.stringify(r.json));
});

test('CLI import with a report, then idempotent', () => {
  const dir = mkdtempSync(join(tmpdir(), 'yq-imp-'));
  const f = join(dir, 'e.csv');
  writeFileSync(f, '\ufeff' + HEADER + `望城智能终端有限公司,${make(8)},3922,300,,,,\r\n` + bad[0] + '\r\n');
  let r = cli(['import', 'enterprises', f, '--db', srv.db]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /第3行 统一社会信用代码「.*」：校验码错误/);
  assert.match(r.stdout, /nothing written/);
  r = cli(['import', 'enterprises', f, '--skip-invalid', '--db', srv.db]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /1 created/);
  r = cli(['import', 'enterprises', f, '--skip-invalid', '--db', srv.db]);
  assert.match(r.stdout, /0 created, 0 updated, 1 unchanged/);
});

test('skip_invalid never writes a row it reports as skipped: the second row of a code', async () => {
  const a = make(20), file = HEADER + [
    `甲一重复企业有限公司,${a},3491`, `乙重复企业有限公司,${make(21)},3491`, `丙重复企业有限公司,${make(22)},3491`,
    ...bad, `甲二重复企业有限公司,${a},3491`].join('\r\n');
  const r = await upload('/api/enterprises/import?skip_invalid=1', file);
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.valid, 3);
  assert.equal(r.json.invalid, 4);
  assert.deepEqual(r.json.errors.map((x) => [x.row, x.reason]).at(-1), [8, '文件中统一社会信用代码重复']);
  assert.deepEqual([r.json.created, r.json.updated, r.json.unchanged], [3, 0, 0]);
  const l = await admin.get('/api/enterprises?q=' + a);
  assert.equal(l.json.total, 1);
  assert.equal(l.json.items[0].name, '甲一重复企业有限公司', 'row 2 is stored, row 8 was skipped');
  const cliFile = join(mkdtempSync(join(tmpdir(), 'yq-imp-')), 'dup.csv');
  writeFileSync(cliFile, HEADER + `丁一重复企业有限公司,${make(23)},3491\r\n丁二重复企业有限公司,${make(23)},3491\r\n`);
  const c = cli(['import', 'enterprises', cliFile, '--skip-invalid', '--db', srv.db]);
  assert.match(c.stdout, /1 valid, 1 invalid; written: 1 created, 0 updated/);
  assert.equal((await admin.get('/api/enterprises?q=' + make(23))).json.items[0].name, '丁一重复企业有限公司');
});

test('skip_invalid with a row outside the caller\'s scope: that row reported and skipped, the rest written', async () => {
  const mk = async (name) => (await admin.post('/api/depts', { name, kind: 'investment' })).json.id;
  const own = await mk('导入一局'), other = await mk('导入二局');
  const head = await newUser(srv, admin, 'imp_head', 'dept_head', { dept_id: own }, 'Imp-Head-Passw0rd-1');
  const foreign = await admin.post('/api/enterprises', { uscc: make(30), name: '二局的企业有限公司', industry_code: '3491', dept_id: other });
  assert.equal(foreign.status, 201, foreign.body);
  const file = HEADER.replace('\r\n', ',负责部门\r\n') + [
    `一局新企业甲有限公司,${make(31)},3491,,,,,,导入一局`,
    `被冒改的企业有限公司,${make(30)},3491,,,,,,导入一局`,
    `一局新企业乙有限公司,${make(32)},3491,,,,,,导入一局`].join('\r\n');
  const dry = await upload('/api/enterprises/import?dry_run=1', file, 'text/csv', 'e.csv', head);
  assert.equal(dry.status, 200, dry.body);
  assert.deepEqual(dry.json.errors.map((x) => [x.row, x.column, x.reason]), [[3, '统一社会信用代码', '无权修改该企业']]);
  const r = await upload('/api/enterprises/import?skip_invalid=1', file, 'text/csv', 'e.csv', head);
  assert.equal(r.status, 200, r.body);
  assert.deepEqual(r.json.errors.map((x) => [x.row, x.column, x.reason]), [[3, '统一社会信用代码', '无权修改该企业']]);
  assert.deepEqual([r.json.valid, r.json.invalid, r.json.created, r.json.updated, r.json.written], [2, 1, 2, 0, true]);
  const x = await admin.get(`/api/enterprises/${foreign.json.id}`);
  assert.equal(x.json.name, '二局的企业有限公司', 'the out-of-scope enterprise is untouched');
  assert.equal(x.json.dept_id, other);
  const mine = await head.get('/api/enterprises?q=' + encodeURIComponent('一局新企业'));
  assert.equal(mine.json.total, 2);
  // past 2,000 rows the zone's codes are read at once: the same answers
  const rows = [];
  for (let i = 0; i < 2100; i++) rows.push(`一局批量企业${i}有限公司,${uscc('91320684MB', i)},3491,,,,,,导入一局`);
  rows[2050] = `再次冒改的企业有限公司,${make(30)},3491,,,,,,导入一局`;
  rows[2060] = `一局新企业甲改名有限公司,${make(31)},3491,,,,,,导入一局`;
  const big = await upload('/api/enterprises/import?skip_invalid=1', file.split('\r\n')[0] + '\r\n' + rows.join('\r\n'), 'text/csv', 'e.csv', head);
  assert.equal(big.status, 200, big.body);
  assert.deepEqual(big.json.errors.map((x) => [x.row, x.reason]), [[2052, '无权修改该企业']]);
  assert.deepEqual([big.json.created, big.json.updated, big.json.invalid], [2098, 1, 1]);
  assert.equal((await admin.get(`/api/enterprises/${foreign.json.id}`)).json.name, '二局的企业有限公司');
  assert.equal((await head.get('/api/enterprises?q=' + make(31))).json.items[0].name, '一局新企业甲改名有限公司');
});

test('the CLI writes the bytes it validated, never a file swapped in afterwards', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'yq-imp-'));
  const fifo = join(dir, 'e.csv');
  execFileSync('mkfifo', [fifo]);
  const checked = HEADER + `核验过的企业有限公司,${make(40)},3491\r\n`;
  const swapped = HEADER + `偷换进来的企业有限公司,${make(40)},3491\r\n偷换的第二家企业有限公司,${make(41)},3491\r\n`;
  const child = spawn(BIN, ['import', 'enterprises', fifo, '--db', srv.db], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { out += d; });
  const done = new Promise((res) => child.on('exit', (code) => res(code)));
  let exited = false;
  done.then(() => { exited = true; });
  await writeFile(fifo, checked); // the first open of the path reads the checked file
  // once that read is over, whoever opens the path again is given the swapped file
  const holds = () => {
    try {
      return readdirSync(`/proc/${child.pid}/fd`).some((f) => {
        try { return readlinkSync(`/proc/${child.pid}/fd/${f}`) === fifo; } catch { return false; }
      });
    } catch { return false; }
  };
  let reopened = false;
  while (!exited && !reopened) {
    if (holds()) { await sleep(2); continue; }
    try {
      const fd = openSync(fifo, fsc.O_WRONLY | fsc.O_NONBLOCK); // ENXIO while nobody reads it
      writeSync(fd, swapped);
      closeSync(fd);
      reopened = true;
    } catch (e) {
      if (e.code !== 'ENXIO') throw e;
      await sleep(2);
    }
  }
  assert.equal(await done, 0, out);
  assert.equal(reopened, false, 'the path was opened a second time');
  assert.match(out, /1 valid, 0 invalid; written: 1 created/);
  assert.equal((await admin.get('/api/enterprises?q=' + make(40))).json.items[0].name, '核验过的企业有限公司');
  assert.equal((await admin.get('/api/enterprises?q=' + make(41))).json.total, 0);
});

test('the CSV export defuses formulas and re-imports to the same values', async () => {
  const names = ["=cmd|' /C calc'!A0 注入测试", '@SUM(A1) 注入测试', '+1+1 注入测试', '-2+3 注入测试', '普通的注入测试企业'];
  for (const [i, name] of names.entries()) {
    const r = await admin.post('/api/enterprises', { uscc: make(50 + i), name, industry_code: '3491', registered_capital: 12.5,
      short_name: i === 0 ? '=HYPERLINK("http://x")' : undefined, tags: i === 1 ? ['-1+1', '@x'] : undefined });
    assert.equal(r.status, 201, r.body);
  }
  const c = await admin.get('/api/enterprises/export?format=csv&q=' + encodeURIComponent('注入测试'), { raw: true });
  assert.equal(c.status, 200);
  const text = c.body.toString('utf8');
  const rows = readCsv(text.replace(/^\ufeff/, ''));
  assert.equal(rows.length, 1 + names.length);
  for (const cell of rows.slice(1).flat()) assert.doesNotMatch(cell, /^[=+\-@\t\r]/, `a cell a spreadsheet runs: ${cell}`);
  assert.ok(text.includes(`"'=cmd|' /C calc'!A0 注入测试"`), text);
  assert.ok(text.includes(`"'@SUM(A1) 注入测试"`));
  assert.ok(text.includes(`"'+1+1 注入测试"`));
  assert.ok(text.includes(`"'-2+3 注入测试"`));
  assert.ok(text.includes(`"'=HYPERLINK(""http://x"")"`));
  assert.ok(text.includes(`"'-1+1;@x"`));
  assert.ok(text.includes(',12.5,'), 'a number stays a number');
  const r = await upload('/api/enterprises/import', c.body);
  assert.equal(r.status, 200, r.body);
  assert.deepEqual([r.json.unchanged, r.json.updated, r.json.created], [names.length, 0, 0], JSON.stringify(r.json));
  const back = await admin.get('/api/enterprises?q=' + make(50));
  assert.equal(back.json.items[0].name, names[0]);
  assert.equal(back.json.items[0].short_name, '=HYPERLINK("http://x")');
});

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const fixture = (name) => readFileSync(join(ROOT, 'tests/fixtures', name));

test('a file that cannot be read is answered with the reason and the row, not a generic message', async () => {
  const row = `华通塑胶有限公司,${make(60)},2922`;
  const long = Buffer.concat([Buffer.from(HEADER + `长字段企业,${make(61)},2922\r\n第三行企业,${make(62)},2922,`), Buffer.alloc(10 << 20, 'x'), Buffer.from('\r\n')]);
  const cases = [
    ['UTF-16 with a BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(HEADER + row, 'utf16le')]), 'text/csv', 'e.csv',
      '文件是 UTF-16 编码，请另存为 UTF-8 或 GBK 的 CSV'],
    ['UTF-16 without a BOM', Buffer.from(HEADER + row, 'utf16le'), 'text/csv', 'e.csv', '文件是 UTF-16 编码，请另存为 UTF-8 或 GBK 的 CSV'],
    ['a NUL byte', Buffer.from(HEADER + row + '\r\n' + `空字符\u0000企业,${make(63)},2922\r\n`), 'text/csv', 'e.csv', '第3行第1列含空字符'],
    ['a 10 MB field', long, 'text/csv', 'e.csv', '第3行第4列超过长度上限（65,536 字节）'],
    ['an unclosed quote', Buffer.from(HEADER + row + '\r\n"没有闭合的引号,1\r\n'), 'text/csv', 'e.csv', '第3行第1列的引号没有闭合'],
    ['an xlsx with a DOCTYPE', fixture('hostile_doctype.xlsx'), XLSX, 'e.xlsx', 'xlsx 含 DOCTYPE，已拒绝'],
    ['a zip bomb', fixture('hostile_bomb.xlsx'), XLSX, 'e.xlsx', '压缩包解压后过大，已拒绝'],
    ['row 1,048,577', fixture('hostile_rows.xlsx'), XLSX, 'e.xlsx', '超过 1,048,576 行'],
    ['a real .xls named .xlsx', fixture('legacy.xls'), XLSX, 'e.xlsx', '这是旧版 .xls 文件，请在 Excel 中另存为 .xlsx'],
    ['a workbook with a password', fixture('encrypted.xlsx'), XLSX, 'e.xlsx', '工作簿设有密码，请取消密码后另存为 .xlsx'],
    ['a broken zip', Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 0, 0, 1, 2, 3]), XLSX, 'e.xlsx', '不是有效的 .xlsx 文件（压缩包损坏或缺少工作表）'],
    ['an empty file', Buffer.from('\r\n\r\n'), 'text/csv', 'e.csv', '文件为空，没有表头'],
  ];
  const dir = mkdtempSync(join(tmpdir(), 'yq-imp-'));
  for (const [what, body, type, name, message] of cases) {
    const r = await upload('/api/enterprises/import?dry_run=1', body, type, name);
    assert.equal(r.status, 400, `${what}: ${r.body}`);
    assert.deepEqual([r.json.error.field, r.json.error.message], ['file', message], what);
    const f = join(dir, name);
    writeFileSync(f, body);
    const c = cli(['import', 'enterprises', f, '--dry-run', '--db', srv.db]);
    assert.equal(c.code, 1, what);
    assert.ok(c.stderr.includes('yuanqu: ' + message), `${what}: the CLI says ${c.stderr}`);
  }
  assert.equal((await admin.get('/api/enterprises?q=' + make(60))).json.total, 0);
});

test('cells are trimmed of Unicode white space; 1900-02-29 is a day that does not exist', async () => {
  const r = await upload('/api/enterprises/import', HEADER + [
    `\u00a0前导不换行空格企业有限公司,${make(64)},2922,,,,\u3000王经理 / 13900000002 / 总经理\u3000,\u3000光电 ；龙头\u00a0`,
    `\u3000全角空格企业有限公司 \u200b,\u00a0${make(65)} ,\u30002922\u3000,\u00a012.5 ,\u30002016-03-01\u00a0,,,`,
  ].join('\r\n'));
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.created, 2, JSON.stringify(r.json.errors));
  const a = (await admin.get('/api/enterprises?q=' + make(64))).json.items[0];
  assert.equal(a.name, '前导不换行空格企业有限公司');
  assert.deepEqual(a.contacts[0], { name: '王经理', phone: '13900000002', role: '总经理' });
  assert.deepEqual(a.tags, ['光电', '龙头']);
  const b = (await admin.get('/api/enterprises?q=' + make(65))).json.items[0];
  assert.equal(b.name, '全角空格企业有限公司');
  assert.equal(b.established_on, '2016-03-01');
  const padded = await upload('/api/enterprises/import?dry_run=1', `\u3000企业名称 ,\u00a0统一社会信用代码,行业代码\u3000\r\n表头留白企业,${make(73)},2922\r\n`);
  assert.deepEqual([padded.status, padded.json.valid], [200, 1], padded.body);
  const d = await upload('/api/enterprises/import?dry_run=1', fixture('hostile_date.xlsx'), XLSX, 'd.xlsx');
  assert.deepEqual(d.json.errors.map((x) => [x.row, x.column, x.value, x.reason]), [[2, '成立日期', '1900-02-29', '日期不存在']]);
  const csv = await upload('/api/enterprises/import?dry_run=1', HEADER + [
    `闰日企业,${make(66)},2922,,2023-02-29`, `十三月企业,${make(67)},2922,,2024/13/1`, `格式企业,${make(68)},2922,,2024年二月`,
    `早年企业,${make(69)},2922,,1899-12-31`, `资质企业,${make(70)},2922,,,2021-02-29~`].join('\r\n'));
  assert.deepEqual(csv.json.errors.map((x) => [x.row, x.reason]),
    [[2, '日期不存在'], [3, '日期不存在'], [4, '日期格式错误'], [5, '日期早于1900年'], [6, '资质日期不存在']]);
  const api = await admin.post('/api/enterprises', { uscc: make(71), name: '接口闰日企业有限公司', industry_code: '2922', established_on: '1900-02-29' });
  assert.deepEqual([api.status, api.json.error.field, api.json.error.message], [400, 'established_on', '日期不存在']);
});

test('--zone picks the zone by its code', () => {
  const f = join(mkdtempSync(join(tmpdir(), 'yq-imp-')), 'z.csv');
  writeFileSync(f, HEADER + `分区企业有限公司,${make(72)},2922\r\n`);
  const bad = cli(['import', 'enterprises', f, '--zone', 'no-such-zone', '--db', srv.db]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /no zone with code no-such-zone/);
  const ok = cli(['import', 'enterprises', f, '--zone', 'zone1', '--dry-run', '--db', srv.db]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /1 valid/);
});
