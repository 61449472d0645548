// Export of the request list (GET /api/tickets/export): the .xlsx (unzipped and read here) and the
// CSV hold exactly the rows of GET /api/tickets with the same filters and scope, under Chinese
// headers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, adminClient, Client, uscc, newUser, readCsv } from './lib.mjs';

let srv, admin, svc, hr, entA, entB;
const ids = {};
const PW = 'Start-Passw0rd-2026';
const HEADERS = ['编号', '标题', '企业', '类别', '渠道', '优先级', '状态', '主办部门', '提交时间', '受理时间', '期限',
  '办结时间', '销号时间', '满意度', '督办', '超期', '联系人', '联系电话'];

const make = (n) => uscc('91430112MA', n);

const user = (username, role, extra) => newUser(srv, admin, username, role, extra, PW);

const unxml = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'")
  .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d))).replace(/&amp;/g, '&');
const colIndex = (ref) => [...ref].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;

/** Reads the first sheet of an .xlsx into rows of strings (inline and shared strings). */
function readXlsx(buf) {
  const dir = mkdtempSync(join(tmpdir(), 'yq-xlsx-'));
  const file = join(dir, 'a.xlsx');
  writeFileSync(file, buf);
  const part = (name) => { try { return execFileSync('unzip', ['-p', file, name], { stdio: ['ignore', 'pipe', 'ignore'] }).toString('utf8'); } catch { return ''; } };
  const shared = [...part('xl/sharedStrings.xml').matchAll(/<si>(.*?)<\/si>/gs)]
    .map((m) => unxml([...m[1].matchAll(/<t[^>]*>(.*?)<\/t>/gs)].map((t) => t[1]).join('')));
  const rows = [];
  for (const r of part('xl/worksheets/sheet1.xml').matchAll(/<row [^>]*>(.*?)<\/row>/gs)) {
    const row = [];
    for (const c of r[1].matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>(.*?)<\/c>)/gs)) {
      const [, ref, attrs, inner = ''] = c;
      let v = '';
      if (/t="inlineStr"/.test(attrs)) v = unxml([...inner.matchAll(/<t[^>]*>(.*?)<\/t>/gs)].map((t) => t[1]).join(''));
      else if (/t="s"/.test(attrs)) v = shared[Number(/<v>(\d+)<\/v>/.exec(inner)[1])];
      else v = unxml(/<v>(.*?)<\/v>/s.exec(inner)?.[1] ?? '');
      row[colIndex(ref)] = v;
    }
    rows.push(Array.from({ length: HEADERS.length }, (_, i) => row[i] ?? ''));
  }
  return rows;
}

/** Parses RFC 4180 CSV. */
const list = async (c, qs = '') => (await c.get(`/api/tickets?page_size=200${qs ? '&' + qs : ''}`)).json.items;
const exportXlsx = async (c, qs = '') => {
  const r = await c.get(`/api/tickets/export?format=xlsx${qs ? '&' + qs : ''}`, { raw: true });
  assert.equal(r.status, 200, r.body.toString());
  return { r, rows: readXlsx(r.body) };
};
const cstTime = (iso) => iso ? new Date(Date.parse(iso) + 8 * 3600e3).toISOString().slice(0, 16).replace('T', ' ') : '';

before(async () => {
  srv = await startServer();
  admin = await adminClient(srv);
  for (const [k, name, kind] of [['svc', '企业服务中心', 'service_center'], ['hr', '人社局', 'other']]) {
    ids[k] = (await admin.post('/api/depts', { name, kind })).json.id;
  }
  for (const [k, name, n] of [['A', '望城华通智能终端有限公司', 1], ['B', '望城三鑫电子有限公司', 2]]) {
    ids['ent' + k] = (await admin.post('/api/enterprises', { uscc: make(n), name, industry_code: '3922' })).json.id;
  }
  svc = await user('svc1', 'staff', { dept_id: ids.svc, data_scope: 'zone' });
  hr = await user('hr1', 'staff', { dept_id: ids.hr });
  entA = await user('entA', 'enterprise', { enterprise_id: ids.entA });
  entB = await user('entB', 'enterprise', { enterprise_id: ids.entB });
  const sub = (c, category, title) => c.post('/api/tickets', { category, title, description: title + '，请协调。', contact_name: '张经理', contact_phone: '13900000001' });
  ids.a1 = (await sub(entA, '用工', '四季度用工缺口30人')).json.id;
  ids.a2 = (await sub(entA, '融资', '流动资金贷款贴息, "急"')).json.id;
  ids.a3 = (await sub(entA, '政策', '=HYPERLINK("http://x")')).json.id;
  ids.b1 = (await sub(entB, '用工', '技术工人招聘')).json.id;
  ids.b2 = (await svc.post('/api/tickets', { enterprise_id: ids.entB, channel: 'phone', category: '水电气', priority: 'urgent', title: '园区停电', description: '电话反映停电' })).json.id;
  assert.equal((await svc.post(`/api/tickets/${ids.a1}/accept`, { dept_id: ids.hr })).status, 200);
  assert.equal((await hr.post(`/api/tickets/${ids.a1}/resolve`, { answer: '已对接' })).status, 200);
  assert.equal((await entA.post(`/api/tickets/${ids.a1}/rate`, { rating: 'basic' })).status, 200);
  assert.equal((await svc.post(`/api/tickets/${ids.b2}/accept`, { dept_id: ids.hr })).status, 200);
});
after(async () => { await srv.stop(); });

test('the .xlsx holds the list, row for row, under Chinese headers', async () => {
  const { r, rows } = await exportXlsx(svc);
  assert.equal(r.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.ok(r.headers.get('content-disposition').includes(`filename*=UTF-8''${encodeURIComponent('企业诉求.xlsx')}`));
  assert.deepEqual(rows[0], HEADERS);
  const items = await list(svc);
  assert.equal(items.length, 5);
  assert.equal(r.headers.get('x-total-count'), '5');
  assert.deepEqual(rows.slice(1).map((x) => x[0]), items.map((t) => t.no), 'same rows in the same order');
  for (const [i, t] of items.entries()) {
    const x = rows[i + 1];
    assert.equal(x[1], t.title);
    assert.equal(x[2], t.enterprise_name);
    assert.equal(x[3], t.category);
    assert.equal(x[6], t.status_label);
    assert.equal(x[7], t.dept_name ?? '');
    assert.equal(x[8], cstTime(t.created_at));
    assert.equal(x[9], cstTime(t.accepted_at));
    assert.equal(x[10], cstTime(t.due_resolve));
    assert.equal(x[12], cstTime(t.closed_at));
  }
  const a1 = rows.find((x) => x[0] === items.find((t) => t.id === ids.a1).no);
  assert.equal(a1[13], '基本满意');
  assert.equal(a1[6], '已销号');
  const b2 = rows.find((x) => x[0] === items.find((t) => t.id === ids.b2).no);
  assert.deepEqual([b2[4], b2[5], b2[7]], ['电话', '紧急', '人社局']);
});

test('the list filters apply to the export', async () => {
  for (const qs of ['category=用工', 'status=received', 'status=open', `enterprise_id=${ids.entB}`, 'channel=phone', 'q=' + encodeURIComponent('用工'), 'sort=created_at']) {
    const items = await list(svc, qs);
    const { rows } = await exportXlsx(svc, qs);
    assert.deepEqual(rows.slice(1).map((x) => x[0]), items.map((t) => t.no), qs);
  }
  const none = await exportXlsx(svc, 'category=用地');
  assert.deepEqual(none.rows, [HEADERS], 'headers only when nothing matches');
});

test('the scope applies: an enterprise exports its own requests, a department its own', async () => {
  const mine = await list(entA);
  assert.deepEqual(mine.map((t) => t.id).sort(), [ids.a1, ids.a2, ids.a3].sort());
  const { rows } = await exportXlsx(entA);
  assert.deepEqual(rows.slice(1).map((x) => x[0]), mine.map((t) => t.no));
  const spoof = await exportXlsx(entA, `enterprise_id=${ids.entB}`);
  assert.equal(spoof.rows.length, 1, 'another enterprise’s filter gives nothing');
  const dept = await exportXlsx(hr);
  assert.deepEqual(dept.rows.slice(1).map((x) => x[0]).sort(), (await list(hr)).map((t) => t.no).sort());
  assert.equal(dept.rows.length - 1, 2);
});

test('CSV: UTF-8 with BOM, quoted where needed, formulas defused', async () => {
  const r = await svc.get('/api/tickets/export?format=csv', { raw: true });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'text/csv; charset=utf-8');
  assert.deepEqual([...r.body.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const rows = readCsv(r.body.subarray(3).toString('utf8'));
  assert.deepEqual(rows[0], HEADERS);
  const items = await list(svc);
  assert.deepEqual(rows.slice(1).map((x) => x[0]), items.map((t) => t.no));
  const byNo = Object.fromEntries(rows.slice(1).map((x) => [x[0], x]));
  for (const t of items) {
    const want = t.title.startsWith('=') ? "'" + t.title : t.title;
    assert.equal(byNo[t.no][1], want);
  }
});

test('bad arguments are refused naming the field', async () => {
  const f = await svc.get('/api/tickets/export?format=pdf');
  assert.equal(f.status, 400);
  assert.equal(f.json.error.field, 'format');
  const s = await svc.get('/api/tickets/export?status=nope');
  assert.equal(s.json.error.field, 'status');
  const d = await svc.get('/api/tickets/export?from=2026-13-01');
  assert.equal(d.json.error.field, 'from');
  assert.equal((await new Client(srv.base).get('/api/tickets/export')).status, 401);
});
