// Attachments of enterprise requests (附件): upload, list, download byte for byte, allowed types by
// extension and magic bytes, size and count limits, data scope (404 outside it), who may upload
// and delete, closed requests (409), path-traversal names, the timeline and the audit log.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, adminClient, Client, uscc, newUser } from './lib.mjs';

let srv, admin, svc, hr, eco, leader, entA, entB, dataDir;
const ids = {};
const PW = 'Start-Passw0rd-2026';

const make = (n) => uscc('91430112MA', n);

const user = (username, role, extra) => newUser(srv, admin, username, role, extra, PW);

/** A multipart/form-data body with one part; the file name goes in raw UTF-8 as browsers send it. */
function form(filename, bytes, field = 'file') {
  const boundary = '----yq' + randomBytes(8).toString('hex');
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`, 'utf8');
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { body: new Uint8Array(Buffer.concat([head, Buffer.from(bytes), tail])), type: `multipart/form-data; boundary=${boundary}` };
}
const upload = (c, tid, filename, bytes, field) => {
  const f = form(filename, bytes, field);
  return c.post(`/api/tickets/${tid}/attachments`, f.body, { headers: { 'Content-Type': f.type } });
};
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n', 'latin1'), randomBytes(3000), Buffer.from('\n%%EOF\n')]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(500)]);
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), randomBytes(2000)]);

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'yq-att-'));
  srv = await startServer({ env: { YUANQU_DATA_DIR: dataDir } });
  admin = await adminClient(srv);
  for (const [k, name, kind] of [['svc', '企业服务中心', 'service_center'], ['hr', '人社局', 'other'], ['eco', '经发局', 'economic']]) {
    ids[k] = (await admin.post('/api/depts', { name, kind })).json.id;
  }
  for (const [k, name, n] of [['A', '望城华通智能终端有限公司', 1], ['B', '望城三鑫电子有限公司', 2]]) {
    ids['ent' + k] = (await admin.post('/api/enterprises', { uscc: make(n), name, industry_code: '3922' })).json.id;
  }
  svc = await user('svc1', 'staff', { dept_id: ids.svc, data_scope: 'zone' });
  hr = await user('hr1', 'staff', { dept_id: ids.hr });
  eco = await user('eco1', 'staff', { dept_id: ids.eco });
  leader = await user('lead1', 'leader', {});
  entA = await user('entA', 'enterprise', { enterprise_id: ids.entA });
  entB = await user('entB', 'enterprise', { enterprise_id: ids.entB });
  const t = await entA.post('/api/tickets', { category: '用地', title: '厂房扩建用地指标', description: '申请新增用地20亩，附规划图和申请书。' });
  assert.equal(t.status, 201, t.body);
  ids.t1 = t.json.id;
});
after(async () => { await srv.stop(); });

test('the enterprise uploads a file; list and download give it back byte for byte', async () => {
  const r = await upload(entA, ids.t1, '用地申请书.pdf', PDF);
  assert.equal(r.status, 201, r.body);
  assert.equal(r.json.name, '用地申请书.pdf');
  assert.equal(r.json.content_type, 'application/pdf');
  assert.equal(r.json.size, PDF.length);
  const sha = createHash('sha256').update(PDF).digest('hex');
  assert.equal(r.json.sha256, sha);
  assert.equal(r.json.mine, true);
  ids.a1 = r.json.id;
  // stored under the data directory by content, nothing left behind
  const stored = join(dataDir, 'attachments', sha.slice(0, 2), sha);
  assert.ok(existsSync(stored));
  assert.deepEqual(readFileSync(stored), PDF);
  assert.deepEqual(readdirSync(join(dataDir, 'attachments', sha.slice(0, 2))), [sha], 'no temporary file left');

  const list = await entA.get(`/api/tickets/${ids.t1}/attachments`);
  assert.equal(list.status, 200);
  assert.deepEqual(list.json.items.map((x) => [x.id, x.name, x.size]), [[ids.a1, '用地申请书.pdf', PDF.length]]);

  const d = await entA.get(`/api/tickets/${ids.t1}/attachments/${ids.a1}`, { raw: true });
  assert.equal(d.status, 200);
  assert.deepEqual(d.body, PDF, 'bytes identical');
  assert.equal(d.headers.get('content-type'), 'application/pdf');
  assert.equal(d.headers.get('x-content-type-options'), 'nosniff');
  const cd = d.headers.get('content-disposition');
  assert.match(cd, /^attachment;/);
  assert.ok(cd.includes(`filename*=UTF-8''${encodeURIComponent('用地申请书.pdf')}`), cd);

  // the request's detail carries the list; the timeline has the event
  const g = await entA.get(`/api/tickets/${ids.t1}`);
  assert.deepEqual(g.json.attachments.map((x) => x.id), [ids.a1]);
  const ev = g.json.timeline.find((x) => x.action === 'attach');
  assert.equal(ev.body, '用地申请书.pdf');
  assert.equal(ev.from_status, 'received');
  assert.equal(ev.to_status, 'received');
  const audit = await admin.get(`/api/audit?obj_type=ticket_attachment&obj_id=${ids.a1}`);
  assert.equal(audit.json.total, 1);
  assert.equal(audit.json.items[0].action, 'create');
});

test('the same bytes twice are stored once', async () => {
  const r = await upload(entA, ids.t1, 'copy.pdf', PDF);
  assert.equal(r.status, 201, r.body);
  assert.equal(r.json.sha256, createHash('sha256').update(PDF).digest('hex'));
  ids.a2 = r.json.id;
  const sha = r.json.sha256;
  assert.deepEqual(readdirSync(join(dataDir, 'attachments', sha.slice(0, 2))), [sha]);
});

test('types are checked by extension and by content', async () => {
  const renamed = await upload(entA, ids.t1, 'invoice.pdf', EXE);
  assert.equal(renamed.status, 415, renamed.body);
  assert.equal(renamed.json.error.field, 'file');
  const exe = await upload(entA, ids.t1, 'setup.exe', EXE);
  assert.equal(exe.status, 415);
  assert.equal(exe.json.error.field, 'file');
  const pngAsJpg = await upload(entA, ids.t1, 'photo.jpg', PNG);
  assert.equal(pngAsJpg.status, 415, 'a PNG named .jpg does not pass as JPEG');
  const png = await upload(entA, ids.t1, '现场照片.PNG', PNG);
  assert.equal(png.status, 201, png.body);
  assert.equal(png.json.content_type, 'image/png');
  const zipNotDocx = await upload(entA, ids.t1, 'a.docx', Buffer.from('PK\x03\x04plainzipcontent', 'latin1'));
  assert.equal(zipNotDocx.status, 415, 'a .docx must hold word/ parts');
  const binTxt = await upload(entA, ids.t1, 'notes.txt', Buffer.from([0x41, 0x00, 0x42]));
  assert.equal(binTxt.status, 415, 'a .txt with NUL bytes is not text');
  const noField = await upload(entA, ids.t1, 'a.pdf', PDF, 'other');
  assert.equal(noField.status, 400);
  assert.equal(noField.json.error.field, 'file');
  const empty = await upload(entA, ids.t1, 'a.pdf', Buffer.alloc(0));
  assert.equal(empty.status, 400);
  const json = await entA.post(`/api/tickets/${ids.t1}/attachments`, { file: 'x' });
  assert.equal(json.status, 415);
});

test('a file over 20 MiB is refused with 413', async () => {
  const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(20 * 1024 * 1024 + 1)]);
  const r = await upload(entA, ids.t1, 'big.pdf', big);
  assert.equal(r.status, 413, r.body);
  assert.equal(r.json.error.field, 'file');
  const exact = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(20 * 1024 * 1024 - 9)]);
  const ok = await upload(entA, ids.t1, 'exact.pdf', exact);
  assert.equal(ok.status, 201, '20 MiB exactly is allowed');
  assert.equal((await entA.del(`/api/tickets/${ids.t1}/attachments/${ok.json.id}`)).status, 204);
});

test('file names are cleaned: no path, no control or bidi characters, UTF-8 kept', async () => {
  const cases = [
    ['../../../../etc/passwd.txt', 'passwd.txt'],
    ['..\\..\\windows\\system32\\规划.txt', '规划.txt'],
    ['C:\\Users\\张三\\Desktop\\说明.txt', '说明.txt'],
    ['..hidden.txt', 'hidden.txt'],
    ['a\u202etxt.exe.txt', 'a_txt.exe.txt'],
    ['what<is>this?.txt', 'what_is_this_.txt'],
  ];
  for (const [given, want] of cases) {
    const r = await upload(entA, ids.t1, given, Buffer.from('说明文字 line\r\n'));
    assert.equal(r.status, 201, `${given}: ${r.body}`);
    assert.equal(r.json.name, want, given);
    assert.equal((await entA.del(`/api/tickets/${ids.t1}/attachments/${r.json.id}`)).status, 204);
  }
  const long = await upload(entA, ids.t1, '长'.repeat(80) + '.txt', Buffer.from('x'));
  assert.equal(long.status, 201);
  assert.ok(long.json.name.endsWith('.txt'));
  await entA.del(`/api/tickets/${ids.t1}/attachments/${long.json.id}`);
  // only the content-addressed tree exists under the data directory
  for (const d of readdirSync(join(dataDir, 'attachments'))) assert.match(d, /^[0-9a-f]{2}$/);
  assert.ok(!existsSync(join(dataDir, 'etc')) && !existsSync(join(dataDir, '..', 'passwd.txt')));
});

test('outside the scope it is 404, not 403', async () => {
  for (const c of [entB, hr, eco]) {
    assert.equal((await c.get(`/api/tickets/${ids.t1}/attachments`)).status, 404);
    assert.equal((await c.get(`/api/tickets/${ids.t1}/attachments/${ids.a1}`)).status, 404);
    assert.equal((await upload(c, ids.t1, 'x.pdf', PDF)).status, 404);
    assert.equal((await c.del(`/api/tickets/${ids.t1}/attachments/${ids.a1}`)).status, 404);
  }
  // an attachment id of another request is not reachable through this one
  const other = await entB.post('/api/tickets', { category: '其他', title: 'B 的诉求', description: 'B' });
  const ob = await upload(entB, other.json.id, 'b.pdf', PDF);
  assert.equal(ob.status, 201);
  assert.equal((await entA.get(`/api/tickets/${ids.t1}/attachments/${ob.json.id}`)).status, 404);
  assert.equal((await entB.get(`/api/tickets/${other.json.id}/attachments/${ids.a1}`)).status, 404);
  assert.equal((await entA.get(`/api/tickets/${ids.t1}/attachments/abc`)).status, 404);
});

test('staff who act on the request upload; readers only read; only the uploader deletes', async () => {
  const acc = await svc.post(`/api/tickets/${ids.t1}/accept`, { dept_id: ids.hr, co_dept_ids: [ids.eco] });
  assert.equal(acc.status, 200, acc.body);
  const h = await upload(hr, ids.t1, '答复意见.pdf', PDF);
  assert.equal(h.status, 201, h.body);
  const s = await upload(svc, ids.t1, '受理单.png', PNG);
  assert.equal(s.status, 201, s.body);
  assert.equal((await upload(eco, ids.t1, 'co.pdf', PDF)).status, 403, 'a co-handling department reads only');
  assert.equal((await upload(leader, ids.t1, 'l.pdf', PDF)).status, 403, 'leaders read only');
  const d = await eco.get(`/api/tickets/${ids.t1}/attachments/${h.json.id}`, { raw: true });
  assert.equal(d.status, 200);
  assert.deepEqual(d.body, PDF);
  assert.equal((await leader.get(`/api/tickets/${ids.t1}/attachments/${ids.a1}`)).status, 200);
  const notMine = await hr.del(`/api/tickets/${ids.t1}/attachments/${ids.a1}`);
  assert.equal(notMine.status, 403);
  assert.equal((await entA.del(`/api/tickets/${ids.t1}/attachments/${h.json.id}`)).status, 403);
  assert.equal((await entA.del(`/api/tickets/${ids.t1}/attachments/${ids.a2}`)).status, 204);
  assert.equal((await entA.del(`/api/tickets/${ids.t1}/attachments/${ids.a2}`)).status, 404, 'already deleted');
  const list = (await hr.get(`/api/tickets/${ids.t1}/attachments`)).json.items.map((x) => x.id);
  assert.ok(!list.includes(ids.a2) && list.includes(ids.a1) && list.includes(h.json.id));
  const tl = (await hr.get(`/api/tickets/${ids.t1}`)).json.timeline.filter((x) => x.action === 'detach');
  assert.ok(tl.some((x) => x.body === 'copy.pdf'));
  const audit = await admin.get(`/api/audit?obj_type=ticket_attachment&obj_id=${ids.a2}`);
  assert.deepEqual(audit.json.items.map((x) => x.action).sort(), ['create', 'delete']);
});

test('a request holds at most 10 attachments', async () => {
  let n = (await entA.get(`/api/tickets/${ids.t1}/attachments`)).json.items.length;
  while (n < 10) {
    const r = await upload(entA, ids.t1, `补充材料${n}.txt`, Buffer.from(`第${n}份`));
    assert.equal(r.status, 201, r.body);
    n++;
  }
  const over = await upload(entA, ids.t1, '第11份.txt', Buffer.from('x'));
  assert.equal(over.status, 400);
  assert.equal(over.json.error.field, 'file');
});

test('a closed request takes no more attachments, and none are deleted; it still downloads', async () => {
  assert.equal((await hr.post(`/api/tickets/${ids.t1}/start`)).status, 200);
  assert.equal((await hr.post(`/api/tickets/${ids.t1}/resolve`, { answer: '已协调用地指标' })).status, 200);
  const rate = await entA.post(`/api/tickets/${ids.t1}/rate`, { rating: 'satisfied' });
  assert.equal(rate.json.status, 'closed');
  const r = await upload(entA, ids.t1, 'late.pdf', PDF);
  assert.equal(r.status, 409);
  assert.match(r.json.error.message, /已销号/);
  assert.equal((await entA.del(`/api/tickets/${ids.t1}/attachments/${ids.a1}`)).status, 409);
  const d = await entA.get(`/api/tickets/${ids.t1}/attachments/${ids.a1}`, { raw: true });
  assert.deepEqual(d.body, PDF);
});
