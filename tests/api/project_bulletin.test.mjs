// 每周通报 (GET /api/projects/bulletin) and the exports of the project lists
// (GET /api/projects/export, GET /api/projects/problems/export), on a new zone built through the
// API: two 招商分局 with targets, projects signed around ISO week 2026-W10 (2 to 8 March), red
// and amber projects under dispatch, problems raised that week (their dates set back in the
// database, as the API dates everything now) and one overdue. The bulletin's PDF is checked as a
// file, its content through the HTML variant the console previews; the exports against the lists
// with the same filters, the caller's scope and what an enterprise is not shown.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, adminClient, newUser, uscc, readCsv, cli, ENGINE } from './lib.mjs';

const PW = 'Bulletin-Passw0rd!2026';
const WEEK = '2026-W10'; // Monday 2026-03-02 to Sunday 2026-03-08
let srv, admin, branch1, office, leader, ent;
const dept = {}, proj = {}, prob = {};
let entUscc;

/** Runs one SQL statement on the server's database. */
function sql(db, statement) {
  if (ENGINE === 'postgres') {
    const u = new URL(db.replace(/^postgresql:\/\/yuanqu@\//, 'postgresql://yuanqu@x/'));
    return execFileSync(join(process.env.YQ_PG_BIN, 'psql'), ['-qtA', '-h', u.searchParams.get('host'),
      '-p', u.searchParams.get('port'), '-U', 'yuanqu', '-d', u.pathname.slice(1), '-c', statement]).toString();
  }
  return execFileSync('sqlite3', ['-cmd', '.timeout 10000', db.replace(/^sqlite:/, ''), statement]).toString();
}

async function ok(r, status = 200) {
  assert.equal(r.status, status, r.body);
  return r.json;
}

/** Today in China Standard Time, shifted by `days`. */
const day = (days = 0) => new Date(Date.now() + 8 * 3600e3 + days * 86400e3).toISOString().slice(0, 10);
/** Unix seconds of a time in China Standard Time ("2026-03-04T10:00"). */
const cst = (t) => Date.parse(`${t}:00+08:00`) / 1000;

/** Creates a project (as the admin) and moves it ([stage, date, extra] …). */
async function project(key, body, moves = []) {
  const p = await ok(await admin.post('/api/projects', { renovation: true, ...body }), 201);
  for (const [to, date, extra = {}] of moves) {
    const ev = {};
    if (to === 'signed') {
      const up = await admin.upload(`/api/projects/${p.id}/attachments`, '合同.pdf', '%PDF-1.4\n%%EOF\n', 'application/pdf');
      assert.equal(up.status, 201, up.body);
      Object.assign(ev, { contract_no: `HT-${key}`, attachment_id: up.json.id });
    }
    await ok(await admin.post(`/api/projects/${p.id}/move`, { to, date, ...ev, ...extra }));
  }
  proj[key] = p.id;
  return p;
}

before(async () => {
  srv = await startServer();
  admin = await adminClient(srv);
  const mk = async (name, kind, parent_id) => (await ok(await admin.post('/api/depts', { name, kind, parent_id }), 201)).id;
  dept.bureau = await mk('招商局', 'investment');
  dept.b1 = await mk('招商一分局', 'investment', dept.bureau);
  dept.b2 = await mk('招商二分局', 'investment', dept.bureau);
  dept.office = await mk('项目办', 'project');
  dept.plan = await mk('规划建设局', 'other');
  entUscc = uscc('91320684MA', 31);
  const e = await ok(await admin.post('/api/enterprises', { uscc: entUscc, name: '海门通报测试有限公司', industry_code: '3670' }), 201);
  branch1 = await newUser(srv, admin, 'zsfj1-bul', 'staff', { dept_id: dept.b1 }, PW);
  office = await newUser(srv, admin, 'xmb-bul', 'staff', { dept_id: dept.office }, PW);
  leader = await newUser(srv, admin, 'leader-bul', 'leader', {}, PW);
  ent = await newUser(srv, admin, 'qiye-bul', 'enterprise', { enterprise_id: e.id }, PW);

  // 一分局: C signed in January, A in the week (late for its start: red); 二分局: B in February
  await project('C', { name: '通报黄色项目丙', dept_id: dept.b1, total_investment: 5000, plan_start_date: day(-5) },
    [['signed', '2026-01-05']]);
  await project('A', { name: '通报红色项目甲', dept_id: dept.b1, total_investment: 30000, plan_start_date: '2026-03-01' },
    [['signed', '2026-03-04']]);
  await project('B', { name: '二分局新材料项目', dept_id: dept.b2, total_investment: 60000, plan_start_date: '2099-01-01' },
    [['signed', '2026-02-10']]);
  await project('D', { name: '=HYPERLINK("http://x","点我")', dept_id: dept.b1, investor: '+86 投资方', total_investment: 100 });
  // the enterprise's own project (signed in 2025: outside the year's figures)
  await project('E', { name: '企业技改项目戊', dept_id: dept.office, total_investment: 2000 },
    [['signed', '2025-12-01'], ['registered', '2025-12-10', { uscc: entUscc }]]);
  // 31 more red projects of the project office, less late than A
  for (let i = 1; i <= 31; i++) {
    await project(`R${i}`, { name: `项目办红色项目${String(i).padStart(2, '0')}`, dept_id: dept.office, total_investment: 1000 + i, plan_start_date: '2026-06-01' },
      [['signed', '2025-11-01']]);
  }
  await ok(await admin.put('/api/projects/targets', { year: 2026, dept_id: dept.b1, signed_count: 2, signed_amount: 30000 }), 204);
  await ok(await admin.put('/api/projects/targets', { year: 2026, dept_id: dept.b2, signed_count: 1, signed_amount: 60000 }), 204);

  // problems: two raised in the week (one of them overdue and escalated), one raised now
  const raise = async (key, id, title) => {
    prob[key] = await ok(await office.post(`/api/projects/${id}/problems`, { title, category: 'land', dept_id: dept.plan, days: 5 }), 201);
  };
  await raise('P1', proj.A, '用地指标未落实甲');
  await raise('P2', proj.B, '施工用电未接入乙');
  await raise('P3', proj.C, '规划许可待批丙');
  const now = Math.floor(Date.now() / 1000);
  sql(srv.db, `UPDATE project_problem SET created_at = ${cst('2026-03-04T10:00')}, due_at = ${now - 10 * 86400 + 3600} WHERE id = ${prob.P1.id}`);
  sql(srv.db, `UPDATE project_problem SET created_at = ${cst('2026-03-08T23:00')} WHERE id = ${prob.P2.id}`);
  await ok(await leader.post(`/api/projects/problems/${prob.P1.id}/escalate`, { level: 'red', note: '限期解决' }));
});
after(async () => { await srv?.stop(); });

/** The bulletin as HTML, cut into its sections (总体情况, 龙虎榜, 红色, 黄色, 本周新交办, 超期). */
async function sections(c, week = WEEK) {
  const r = await c.get(`/api/projects/bulletin?week=${week}&format=html`);
  assert.equal(r.status, 200, r.body);
  assert.equal(r.headers.get('content-type'), 'text/html; charset=utf-8');
  const parts = r.body.replace(/<style>.*?<\/style>/s, '').split('<section>');
  assert.equal(parts.length, 7, 'the masthead and six sections');
  assert.match(parts[0], /重点项目建设每周通报/);
  assert.match(parts[0], /2026年第10周（3月2日—3月8日）/);
  return parts.slice(1);
}
/** The rows of a section's table, as arrays of cell texts. */
const rows = (s) => [...s.matchAll(/<tr>(.*?)<\/tr>/gs)].slice(1)
  .map((m) => [...m[1].matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((c) => c[1]));

test('the PDF: an A4 document of a few pages, downloaded under the week', async () => {
  const r = await leader.get(`/api/projects/bulletin?week=${WEEK}&format=pdf`, { raw: true });
  assert.equal(r.status, 200, r.body.toString());
  assert.equal(r.headers.get('content-type'), 'application/pdf');
  assert.ok(r.headers.get('content-disposition').includes(encodeURIComponent('项目建设每周通报-2026-W10.pdf')));
  assert.equal(r.body.subarray(0, 5).toString(), '%PDF-');
  assert.match(r.body.subarray(-8).toString(), /%%EOF\s*$/);
  const pages = r.body.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g).length;
  assert.ok(pages >= 2 && pages <= 6, `${pages} pages`);
  assert.ok(/\/MediaBox\s*\[\s*0 0 595\.2/.test(r.body.toString('latin1')), 'A4');
  // the default format is the PDF too
  const d = await leader.get(`/api/projects/bulletin?week=${WEEK}`, { raw: true });
  assert.equal(d.headers.get('content-type'), 'application/pdf');
});

test('the content: figures as of the Sunday, the 龙虎榜 with its changes, red and amber projects, problems', async () => {
  const [summary, board, red, amber, raised, overdue] = await sections(leader);
  // signed in 2026 by 8 March: C, B and A (A in the week); E and the others were signed in 2025
  assert.match(summary, /截至2026年3月8日，本年累计签约项目 3 个，签约金额 9\.50 亿元；其中本周（3月2日至3月8日）新签约 1 个，3\.00 亿元/);
  assert.match(summary, /调度项目中红色 32 个、黄色 1 个/);
  assert.match(summary, /问题清单未销号 3 个，其中超期 1 个，本周新交办 2 个/);
  assert.match(summary, /说明：签约数据和龙虎榜截至2026年3月8日（周日）；开工率、投资完成(、|为该年年末数据；)红黄项目和问题清单为今日/);
  // 一分局 overtakes 二分局 with A (weights 25 for the count, 25 for the amount):
  // week 9: 一分局 (1/2 × 25 + 5,000/30,000 × 25) / 50 = 33.3; 二分局 100.0
  // week 10: 一分局 (25 + 35,000/30,000 × 25) / 50 = 108.3; 二分局 100.0
  assert.deepEqual(rows(board).map((x) => x.slice(0, 5)),
    [['1', '上升 1', '招商一分局', '108.3', '2 / 2'], ['2', '下降 1', '招商二分局', '100.0', '1 / 1']]);
  assert.equal((await ok(await leader.get(`/api/projects/leaderboard?week=${WEEK}`))).items[0].dept_name, '招商一分局');
  // red: the 32 projects late for their start, A the latest first; 30 listed
  const r = rows(red);
  assert.match(red, /（32 个）/);
  assert.equal(r.length, 30);
  assert.equal(r[0][0], '通报红色项目甲');
  assert.equal(r[0][1], '招商一分局');
  assert.match(r[0][5], /「开工」节点逾期 \d+ 天/);
  assert.match(red, /另有 2 条未列出/);
  assert.deepEqual(rows(amber).map((x) => [x[0], x[4]]), [['通报黄色项目丙', '5 天']]);
  // the problems raised in the week (not the one raised today), and the overdue one with its 督办
  assert.deepEqual(rows(raised).map((x) => x[2]).sort(), ['施工用电未接入乙', '用地指标未落实甲']);
  const o = rows(overdue);
  assert.deepEqual(o.map((x) => [x[1], x[2], x[3], x[5], x[6]]),
    [['通报红色项目甲', '用地指标未落实甲', '规划建设局', '10 天', '红色督办']]);
});

test('the 龙虎榜 alone as a PDF: the bureaus, or the persons, of the week with their changes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'yq-board-'));
  const me = await ok(await branch1.get('/api/me'));
  await ok(await admin.put('/api/projects/targets', { year: 2026, dept_id: dept.b1, user_id: me.id ?? me.user.id, signed_count: 1 }), 204);
  try {
    for (const [by, name] of [['dept', '招商龙虎榜-2026-W10.pdf'], ['person', '招商龙虎榜（人员）-2026-W10.pdf']]) {
      const r = await leader.get(`/api/projects/leaderboard?week=${WEEK}&by=${by}&format=pdf`, { raw: true });
      assert.equal(r.status, 200, r.body.toString());
      assert.equal(r.headers.get('content-type'), 'application/pdf');
      assert.ok(r.headers.get('content-disposition').includes(encodeURIComponent(name)));
      const f = join(dir, `${by}.pdf`);
      writeFileSync(f, r.body);
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', f, '-']).toString().replace(/\s+/g, '');
      assert.match(text, /招商龙虎榜/);
      assert.match(text, /2026年第10周（3月2日—3月8日）/);
      if (by === 'dept') {
        assert.match(text, /1上升1招商一分局108\.3/);
        assert.match(text, /2下降1招商二分局100\.0/);
      } else {
        assert.match(text, /示范开发区招商龙虎榜（招商人员）/);
        assert.match(text, /招商人员（单位）/);
        assert.match(text, /zsfj1-bul（招商一分局）0\.0/);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const f = await leader.get(`/api/projects/leaderboard?week=${WEEK}&format=docx`);
  assert.equal(f.status, 400);
  assert.equal(f.json.error.field, 'format');
  const w = await leader.get('/api/projects/leaderboard?week=2026-W54&format=pdf');
  assert.equal(w.status, 400);
  assert.equal(w.json.error.field, 'week');
  assert.equal((await ent.get(`/api/projects/leaderboard?week=${WEEK}&format=pdf`)).status, 403);
});

test('a bureau reads the zone\'s figures and 龙虎榜, and only its own projects', async () => {
  const [summary, board, red, amber] = await sections(branch1);
  assert.match(summary, /本年累计签约项目 3 个/);
  assert.equal(rows(board).length, 2);
  assert.deepEqual(rows(red).map((x) => x[0]), ['通报红色项目甲']);
  assert.deepEqual(rows(amber).map((x) => x[0]), ['通报黄色项目丙']);
  assert.equal((await ent.get(`/api/projects/bulletin?week=${WEEK}`)).status, 403);
});

test('a week that is no ISO week, or one to come, is 400 naming week', async () => {
  for (const w of ['2026-W54', '2026W10', '2026-W00', '2026-W1', '2026-W100', 'x', '2099-W01']) {
    const r = await leader.get(`/api/projects/bulletin?week=${encodeURIComponent(w)}&format=html`);
    assert.equal(r.status, 400, `${w}: ${r.body}`);
    assert.equal(r.json.error.field, 'week');
    assert.match(r.json.error.message, /周/);
  }
  const f = await leader.get(`/api/projects/bulletin?week=${WEEK}&format=docx`);
  assert.equal(f.status, 400);
  assert.equal(f.json.error.field, 'format');
  // no week: the last full week
  const d = await leader.get('/api/projects/bulletin?format=html');
  assert.equal(d.status, 200);
  assert.match(d.body, /\d{4}年第\d+周/);
});

test('the command line writes the same bulletin: yuanqu bulletin projects', () => {
  const dir = mkdtempSync(join(tmpdir(), 'yq-bulletin-'));
  try {
    const pdf = join(dir, 'b.pdf'), html = join(dir, 'b.html');
    let r = cli(['bulletin', 'projects', '--db', srv.db, '--week', WEEK, '--out', pdf]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /bulletin of .* for 2026-W10 written to .* \(32 red, 1 amber, 1 overdue problems\)/);
    assert.equal(readFileSync(pdf).subarray(0, 5).toString(), '%PDF-');
    assert.equal(statSync(pdf).mode & 0o777, 0o600);
    r = cli(['bulletin', 'projects', '--db', srv.db, '--week', WEEK, '--out', html]);
    assert.equal(r.code, 0, r.stderr);
    const text = readFileSync(html, 'utf8');
    assert.ok(text.includes('通报红色项目甲') && text.includes('用地指标未落实甲'));
    r = cli(['bulletin', 'projects', '--db', srv.db, '--week', '2026-W60', '--out', pdf]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /week/);
    assert.equal(cli(['bulletin', 'people', '--db', srv.db]).code, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// ---- exports ----

const unxml = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'")
  .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d))).replace(/&amp;/g, '&');
const colIndex = (ref) => [...ref].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;

/** The first sheet of an .xlsx: rows of {v, type} (type "s" for text, "n" for a number, "d" for a
 * number with a date style). */
function readXlsx(buf) {
  const dir = mkdtempSync(join(tmpdir(), 'yq-xlsx-'));
  const file = join(dir, 'a.xlsx');
  writeFileSync(file, buf);
  const part = (name) => { try { return execFileSync('unzip', ['-p', file, name], { stdio: ['ignore', 'pipe', 'ignore'] }).toString('utf8'); } catch { return ''; } };
  const shared = [...part('xl/sharedStrings.xml').matchAll(/<si>(.*?)<\/si>/gs)]
    .map((m) => unxml([...m[1].matchAll(/<t[^>]*>(.*?)<\/t>/gs)].map((t) => t[1]).join('')));
  // the styles whose number format is a date (ids 14–22, or a custom one with y/m/d)
  const styles = part('xl/styles.xml');
  const custom = new Map([...styles.matchAll(/<numFmt numFmtId="(\d+)" formatCode="([^"]*)"/g)].map((m) => [Number(m[1]), m[2]]));
  const xfs = [...(/<cellXfs[^>]*>(.*?)<\/cellXfs>/s.exec(styles)?.[1] ?? '').matchAll(/<xf [^>]*numFmtId="(\d+)"/g)].map((m) => Number(m[1]));
  const isDate = (s) => { const f = xfs[s]; return (f >= 14 && f <= 22) || /[ymd]/.test(custom.get(f) ?? ''); };
  const out = [];
  for (const r of part('xl/worksheets/sheet1.xml').matchAll(/<row [^>]*>(.*?)<\/row>/gs)) {
    const row = [];
    for (const c of r[1].matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>(.*?)<\/c>)/gs)) {
      const [, ref, attrs, inner = ''] = c;
      const s = Number(/ s="(\d+)"/.exec(attrs)?.[1] ?? 0);
      if (/t="inlineStr"/.test(attrs)) row[colIndex(ref)] = { v: unxml([...inner.matchAll(/<t[^>]*>(.*?)<\/t>/gs)].map((t) => t[1]).join('')), type: 's' };
      else if (/t="s"/.test(attrs)) row[colIndex(ref)] = { v: shared[Number(/<v>(\d+)<\/v>/.exec(inner)[1])], type: 's' };
      else if (/<v>/.test(inner)) row[colIndex(ref)] = { v: /<v>(.*?)<\/v>/s.exec(inner)[1], type: isDate(s) ? 'd' : 'n' };
    }
    out.push(row);
  }
  rmSync(dir, { recursive: true, force: true });
  return out;
}
/** The Excel serial of a date. */
const serial = (d) => (Date.parse(`${d}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86400e3;

const list = async (c, qs = '') => (await ok(await c.get(`/api/projects?page_size=200${qs ? '&' + qs : ''}`)));
async function exportXlsx(c, path, qs = '') {
  const r = await c.get(`${path}?format=xlsx${qs ? '&' + qs : ''}`, { raw: true });
  assert.equal(r.status, 200, r.body.toString());
  assert.equal(r.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const x = readXlsx(r.body);
  const head = x[0].map((c) => c.v);
  return { r, head, rows: x.slice(1), col: (name) => head.indexOf(name) };
}
async function exportCsv(c, path, qs = '') {
  const r = await c.get(`${path}?format=csv${qs ? '&' + qs : ''}`, { raw: true });
  assert.equal(r.status, 200, r.body.toString());
  assert.equal(r.headers.get('content-type'), 'text/csv; charset=utf-8');
  assert.deepEqual([...r.body.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a BOM');
  const x = readCsv(r.body.subarray(3).toString('utf8'));
  return { r, head: x[0], rows: x.slice(1), body: r.body.toString('utf8') };
}

const INTERNAL = ['招商专员姓名', '项目来源', '合同编号', '终止原因', '达产产值（万元）', '达产税收（万元）', '达产用工'];

test('the project export: the list row for row, Chinese headers, numbers and dates typed', async () => {
  const l = await list(admin);
  const { r, head, rows: x, col } = await exportXlsx(admin, '/api/projects/export');
  assert.ok(r.headers.get('content-disposition').includes(encodeURIComponent('项目.xlsx')));
  assert.equal(r.headers.get('x-total-count'), String(l.total));
  assert.equal(x.length, l.total);
  for (const h of ['项目编号', '项目名称', '总投资（原币，万元/万美元）', '总投资折人民币（万元）', '用地（亩）', '责任单位名称', '阶段', '签约日期', '计划开工', ...INTERNAL]) {
    assert.ok(head.includes(h), `${h} in ${head}`);
  }
  assert.ok(!head.includes('备注'), 'notes are not exported');
  assert.deepEqual(x.map((row) => row[col('项目编号')].v), l.items.map((p) => p.no), 'the same rows in the same order');
  const a = x.find((row) => row[col('项目名称')].v === '通报红色项目甲');
  assert.deepEqual(a[col('总投资折人民币（万元）')], { v: '30000', type: 'n' });
  assert.deepEqual(a[col('签约日期')], { v: String(serial('2026-03-04')), type: 'd' });
  assert.deepEqual([a[col('阶段')].v, a[col('责任单位名称')].v, a[col('合同编号')].v], ['签约', '招商一分局', 'HT-A']);
  // the filters of the list apply
  for (const qs of ['colour=red', 'stage=signed', `dept_id=${dept.b2}`, 'q=' + encodeURIComponent('通报'), 'year=2026']) {
    const want = (await list(admin, qs)).items.map((p) => p.no);
    const got = (await exportXlsx(admin, '/api/projects/export', qs)).rows.map((row) => row[0].v);
    assert.deepEqual(got, want, qs);
  }
  const bad = await admin.get('/api/projects/export?format=xlsx&colour=purple');
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.field, 'colour');
  const fmt = await admin.get('/api/projects/export?format=pdf');
  assert.equal(fmt.status, 400);
  assert.equal(fmt.json.error.field, 'format');
});

test('the project CSV: a formula in a cell is neutralised, money and dates as written', async () => {
  const { head, rows: x, body } = await exportCsv(admin, '/api/projects/export');
  const c = (name) => head.indexOf(name);
  const d = x.find((row) => row[c('项目名称')].includes('HYPERLINK'));
  assert.equal(d[c('项目名称')], `'=HYPERLINK("http://x","点我")`);
  assert.equal(d[c('投资方')], "'+86 投资方");
  assert.ok(!body.includes('\n=') && !body.includes(',=HYPERLINK'), 'no cell starts with =');
  const a = x.find((row) => row[c('项目名称')] === '通报红色项目甲');
  assert.equal(a[c('总投资折人民币（万元）')], '30000');
  assert.equal(a[c('签约日期')], '2026-03-04');
});

test('scope: a 分局 exports its own projects, an enterprise its own without internal columns', async () => {
  const mine = await list(branch1);
  const { rows: x, col } = await exportXlsx(branch1, '/api/projects/export');
  assert.equal(x.length, mine.total);
  assert.deepEqual(x.map((row) => row[col('项目编号')].v).sort(), mine.items.map((p) => p.no).sort());
  assert.deepEqual([...new Set(x.map((row) => row[col('责任单位名称')].v))], ['招商一分局']);
  assert.equal(x.length, 3); // A, C, D

  const staffHead = (await exportCsv(admin, '/api/projects/export')).head;
  const e = await exportCsv(ent, '/api/projects/export');
  assert.deepEqual(e.head, staffHead.filter((h) => !INTERNAL.includes(h)), 'the same columns less the internal ones');
  assert.deepEqual(e.rows.map((row) => row[e.head.indexOf('项目名称')]), ['企业技改项目戊']);
  assert.ok(!e.body.includes('HT-E'), 'the contract number is not shown');
  const ex = await exportXlsx(ent, '/api/projects/export');
  assert.ok(!ex.head.includes('合同编号'));
  assert.equal(ex.rows.length, 1);
});

test('the problem export: the list row for row, its filters and scope', async () => {
  const all = await ok(await office.get('/api/projects/problems?page_size=200'));
  const { head, rows: x, col, r } = await exportXlsx(office, '/api/projects/problems/export');
  assert.ok(r.headers.get('content-disposition').includes(encodeURIComponent('问题清单.xlsx')));
  for (const h of ['问题编号', '项目名称', '问题', '类别', '责任部门名称', '办理时限（工作日）', '状态', '办理期限', '销号时间']) assert.ok(head.includes(h), h);
  assert.deepEqual(x.map((row) => row[col('问题编号')].v), all.items.map((q) => q.no));
  assert.equal(x.length, 3);
  const p1 = x.find((row) => row[col('问题')].v === '用地指标未落实甲');
  assert.deepEqual([p1[col('类别')].v, p1[col('状态')].v, p1[col('办理时限（工作日）')]], ['用地', '办理中', { v: '5', type: 'n' }]);
  assert.equal(p1[col('办理期限')].type, 'd', 'a time is a date cell');
  const overdue = await exportCsv(office, '/api/projects/problems/export', 'overdue=1');
  assert.deepEqual(overdue.rows.map((row) => row[overdue.head.indexOf('问题')]), ['用地指标未落实甲']);
  assert.deepEqual((await exportCsv(office, '/api/projects/problems/export', 'status=closed')).rows, []);
  const bad = await office.get('/api/projects/problems/export?status=done');
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.field, 'status');
  // the enterprise is shown no problem; the bureau those of its projects
  assert.deepEqual((await exportCsv(ent, '/api/projects/problems/export')).rows, []);
  const b = await exportCsv(branch1, '/api/projects/problems/export');
  assert.deepEqual(b.rows.map((row) => row[b.head.indexOf('项目名称')]).sort(), ['通报红色项目甲', '通报黄色项目丙']);
});
