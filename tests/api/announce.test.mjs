// 通知公告 (src/announce/): on the demo data, staff write drafts and publish them to an audience
// (all enterprises, by flag held today, by industry prefix, by building); each enterprise of the
// audience is notified and the webhook queued; an enterprise user lists and opens only the
// published announcements addressed to its enterprise (never drafts, other audiences, withdrawn
// ones or read-receipt lists), and opening one records its receipt, which staff count and list.
// Validation errors name the field in Chinese; illegal moves are 409 naming the state; another
// zone sees nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, cli, newDatabase, demoDatabase, DEMO_PW } from './lib.mjs';

const PW = DEMO_PW;
const NAMES = {
  admin: 'ccetdz-admin', svc: 'ccetdz-fuwu', leader: 'ccetdz-leader', head: 'ccetdz-jingfa',
  ent: 'ccetdz-qiye', weipai: 'ccetdz-weipai', province: 'province-viewer',
  zone2_admin: 'hmetdz-admin', zone2_ent: 'hmetdz-qiye',
};
let srv;
const as = {}, me = {};
const entOf = {}; // enterprise of the two enterprise users, as the admin reads it

before(async () => {
  const db = demoDatabase();
  srv = await startServer({ db, env: { YUANQU_MAINTENANCE_SECONDS: '3600', YUANQU_WEBHOOK_ALLOW: '127.0.0.1/32' } });
  for (const [k, u] of Object.entries(NAMES)) {
    as[k] = new Client(srv.base);
    const r = await as[k].login(u, PW);
    assert.equal(r.status, 200, `${u}: ${r.body}`);
    me[k] = r.json.user;
  }
  for (const k of ['ent', 'weipai']) {
    const r = await as.admin.get(`/api/enterprises/${me[k].enterprise_id}`);
    assert.equal(r.status, 200, r.body);
    entOf[k] = r.json;
  }
});
after(async () => { await srv?.stop(); });

let seq = 0;
/** A draft by the service center; returns its JSON. */
async function draft(extra = {}) {
  const r = await as.svc.post('/api/announcements', { title: `关于惠企政策的通知${++seq}`, body: '第一段。\n第二段：申报时间另行通知。', category: 'policy', ...extra });
  assert.equal(r.status, 201, r.body);
  return r.json;
}
/** A draft published by the service center; returns the published JSON. */
async function published(extra = {}) {
  const a = await draft(extra);
  const r = await as.svc.post(`/api/announcements/${a.id}/publish`, {});
  assert.equal(r.status, 200, r.body);
  return r.json;
}
const ids = (r) => r.json.items.map((x) => x.id);
async function total(c, path) {
  const r = await c.get(path);
  assert.equal(r.status, 200, r.body);
  return r.json.total;
}
async function auditTotal() {
  return total(as.admin, '/api/audit?page_size=1');
}

test('who may write: admin and the service center write, leaders and departments read, enterprises and the province do not write', async () => {
  const body = { title: '权限测试', body: '正文', category: 'notice' };
  assert.equal((await as.admin.post('/api/announcements', body)).status, 201);
  assert.equal((await as.svc.post('/api/announcements', body)).status, 201);
  for (const k of ['leader', 'head', 'ent', 'province']) {
    const r = await as[k].post('/api/announcements', body);
    assert.equal(r.status, 403, `${k}: ${r.body}`);
  }
  for (const k of ['leader', 'head']) assert.equal((await as[k].get('/api/announcements')).status, 200, k);
  assert.equal((await as.province.get('/api/announcements')).status, 403);
  assert.equal((await new Client(srv.base).get('/api/announcements')).status, 401);
});

test('hostile input is refused with a Chinese error naming the field', async () => {
  const ok = { title: '标题', body: '正文', category: 'event' };
  const cases = [
    [{ ...ok, title: undefined }, 'title'],
    [{ ...ok, title: '　 ' }, 'title'],
    [{ ...ok, title: '长'.repeat(101) }, 'title'],
    [{ ...ok, title: '标题\u0007' }, 'title'],
    [{ ...ok, title: 42 }, 'title'],
    [{ ...ok, body: '' }, 'body'],
    [{ ...ok, body: '字'.repeat(20001) }, 'body'],
    [{ ...ok, category: 'sports' }, 'category'],
    [{ ...ok, category: undefined }, 'category'],
    [{ ...ok, audience: 'everyone' }, 'audience'],
    [{ ...ok, audience: 'flag' }, 'audience_flags'],
    [{ ...ok, audience: 'flag', audience_flags: ['vip'] }, 'audience_flags'],
    [{ ...ok, audience: 'flag', audience_flags: 'high_tech' }, 'audience_flags'],
    [{ ...ok, audience: 'industry', audience_industry: '9999' }, 'audience_industry'],
    [{ ...ok, audience: 'industry' }, 'audience_industry'],
    [{ ...ok, audience: 'building', audience_building: '楼'.repeat(101) }, 'audience_building'],
    [{ ...ok, audience: 'building' }, 'audience_building'],
  ];
  const audit0 = await auditTotal();
  for (const [body, field] of cases) {
    const r = await as.svc.post('/api/announcements', body);
    assert.equal(r.status, 400, `${JSON.stringify(body).slice(0, 80)}: ${r.body.slice(0, 200)}`);
    assert.equal(r.json.error.field, field, r.body.slice(0, 200));
    assert.match(r.json.error.message, /[\u4e00-\u9fff]/, `a Chinese message: ${r.json.error.message}`);
  }
  assert.equal(await auditTotal(), audit0, 'nothing written');
  // the 20,000-character body itself is fine, and a body of line breaks is kept as written
  const long = await as.svc.post('/api/announcements', { ...ok, body: '字'.repeat(20000) });
  assert.equal(long.status, 201, long.body.slice(0, 200));
  // query arguments too
  let r = await as.svc.get('/api/announcements?status=secret');
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'status');
  r = await as.svc.get('/api/announcements?q=' + 'x'.repeat(101));
  assert.equal(r.json.error.field, 'q');
  r = await as.svc.put('/api/announcements/abc', ok);
  assert.equal(r.status, 404);
  r = await as.svc.post('/api/announcements', '{"title":');
  assert.equal(r.status, 400);
});

test('a building audience reaches the enterprises in that building only, each notified', async () => {
  const building = entOf.ent.building;
  assert.ok(building && !entOf.weipai.building.includes(building), 'the two demo enterprises are in different buildings');
  const expected = await total(as.admin, `/api/enterprises?building=${encodeURIComponent(building)}&page_size=1`);
  const a = await published({ audience: 'building', audience_building: building });
  assert.equal(a.status, 'published');
  assert.ok(a.published_at);
  assert.equal(a.audience_size, expected);
  assert.equal(a.read_count, 0);
  assert.ok(ids(await as.ent.get('/api/announcements')).includes(a.id));
  assert.ok(!ids(await as.weipai.get('/api/announcements')).includes(a.id));
  assert.equal((await as.weipai.get(`/api/announcements/${a.id}`)).status, 404, 'another audience: 404');
  // each account of the audience has its notification; the other enterprise none
  const notes = (await as.ent.get('/api/notifications')).json.items.filter((n) => n.announcement_id === a.id);
  assert.equal(notes.length, 1);
  assert.equal(notes[0].kind, 'published');
  assert.ok(notes[0].title.includes(a.title), notes[0].title);
  assert.ok(!(await as.weipai.get('/api/notifications')).json.items.some((n) => n.announcement_id === a.id));
});

test('an industry prefix and a flag held today choose their audiences', async () => {
  const code = entOf.weipai.industry_code;
  assert.notEqual(entOf.ent.industry_code.slice(0, 3), code.slice(0, 3));
  const byIndustry = await published({ audience: 'industry', audience_industry: code.slice(0, 3) });
  assert.equal(byIndustry.audience_size, await total(as.admin, `/api/enterprises?industry=${code.slice(0, 3)}&page_size=1`));
  assert.ok(ids(await as.weipai.get('/api/announcements')).includes(byIndustry.id));
  assert.ok(!ids(await as.ent.get('/api/announcements')).includes(byIndustry.id));
  // a section letter
  const section = await published({ audience: 'industry', audience_industry: 'C' });
  assert.equal(section.audience_size, await total(as.admin, '/api/enterprises?industry=C&page_size=1'));

  // a flag the one enterprise holds today and the other does not
  const flag = Object.keys(entOf.weipai.flags_now).find((f) => entOf.weipai.flags_now[f] && !entOf.ent.flags_now[f]);
  assert.ok(flag, 'the demo enterprises differ in a flag');
  const byFlag = await published({ audience: 'flag', audience_flags: [flag] });
  assert.deepEqual(byFlag.audience_flags, [flag]);
  assert.equal(byFlag.audience_size, await total(as.admin, `/api/enterprises?flag=${flag}&page_size=1`));
  assert.ok(ids(await as.weipai.get('/api/announcements')).includes(byFlag.id));
  assert.ok(!ids(await as.ent.get('/api/announcements')).includes(byFlag.id));

  // everyone: the zone's active enterprises, and both see it
  const all = await published();
  assert.equal(all.audience_size, await total(as.admin, '/api/enterprises?page_size=1'));
  for (const k of ['ent', 'weipai']) assert.ok(ids(await as[k].get('/api/announcements')).includes(all.id), k);

  // an audience of no enterprise is refused, and the draft stays a draft
  const none = await draft({ audience: 'building', audience_building: '不存在的楼宇' });
  const r = await as.svc.post(`/api/announcements/${none.id}/publish`, {});
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'audience');
  assert.equal((await as.svc.get(`/api/announcements/${none.id}`)).json.status, 'draft');
});

test('an enterprise user is shown published announcements of its audience only, without the zone\'s own fields', async () => {
  const d = await draft();
  const p = await published();
  const list = await as.ent.get('/api/announcements?page_size=200');
  assert.equal(list.status, 200);
  assert.ok(!ids(list).includes(d.id), 'never a draft');
  assert.ok(list.json.items.every((x) => x.status === 'published'));
  // a status filter does not open drafts to it
  assert.ok(!ids(await as.ent.get('/api/announcements?status=draft')).includes(d.id));
  assert.equal((await as.ent.get(`/api/announcements/${d.id}`)).status, 404);
  const one = (await as.ent.get(`/api/announcements/${p.id}`)).json;
  for (const k of ['audience', 'audience_flags', 'audience_industry', 'audience_building', 'audience_size', 'read_count', 'author_id', 'author_name']) {
    assert.ok(!(k in one), `an enterprise is not shown ${k}`);
    assert.ok(!(k in list.json.items[0]), `an enterprise's list shows no ${k}`);
  }
  assert.equal(one.title, p.title);
  assert.equal(one.body, p.body);
  assert.deepEqual(one.attachments, []);
  // no receipts: 403 for its own audience, 404 elsewhere
  const rc = await as.ent.get(`/api/announcements/${p.id}/receipts`);
  assert.equal(rc.status, 403, rc.body);
  assert.ok(!rc.body.includes(entOf.weipai.name));
  // staff see it all
  const staff = (await as.leader.get(`/api/announcements/${p.id}`)).json;
  assert.equal(staff.audience, 'all');
  assert.ok(staff.audience_size > 1);
});

test('opening records the enterprise\'s receipt once; staff count it and list who has not read', async () => {
  const a = await published({ audience: 'building', audience_building: entOf.ent.building });
  let r = await as.leader.get(`/api/announcements/${a.id}/receipts?page_size=200`);
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.audience_size, a.audience_size);
  assert.equal(r.json.read_count, 0);
  assert.equal(r.json.total, a.audience_size);
  assert.ok(r.json.items.some((x) => x.enterprise_id === entOf.ent.id && x.enterprise_name === entOf.ent.name));
  // unread first in the enterprise's list
  let mine = (await as.ent.get('/api/announcements?page_size=200')).json.items;
  const row = mine.find((x) => x.id === a.id);
  assert.equal(row.read, false);
  const audit0 = await auditTotal();
  const open = await as.ent.get(`/api/announcements/${a.id}`);
  assert.equal(open.status, 200);
  assert.equal(open.json.read, true);
  assert.ok(open.json.read_at);
  assert.equal(await auditTotal(), audit0 + 1, 'the receipt is one audited write');
  await as.ent.get(`/api/announcements/${a.id}`);
  assert.equal(await auditTotal(), audit0 + 1, 'a second read writes nothing');
  r = await as.svc.get(`/api/announcements/${a.id}/receipts?page_size=200`);
  assert.equal(r.json.read_count, 1);
  assert.ok(!r.json.items.some((x) => x.enterprise_id === entOf.ent.id), 'no longer among the unread');
  r = await as.svc.get(`/api/announcements/${a.id}/receipts?read=1`);
  assert.equal(r.json.total, 1);
  assert.equal(r.json.items[0].enterprise_id, entOf.ent.id);
  assert.equal(r.json.items[0].reader_name, me.ent.display_name);
  assert.equal((await as.svc.get(`/api/announcements/${a.id}`)).json.read_count, 1);
  // staff opening it records nothing
  await as.svc.get(`/api/announcements/${a.id}`);
  assert.equal((await as.svc.get(`/api/announcements/${a.id}`)).json.read_count, 1);
  // the list: read ones after unread ones
  await published({ audience: 'building', audience_building: entOf.ent.building });
  mine = (await as.ent.get('/api/announcements?page_size=200')).json.items;
  const firstRead = mine.findIndex((x) => x.read);
  assert.ok(firstRead > 0);
  assert.ok(mine.slice(firstRead).every((x) => x.read), 'unread first');
  r = await as.svc.get(`/api/announcements/${a.id}/receipts?read=2`);
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'read');
});

test('the lifecycle: edits only in drafts, illegal moves 409 naming the state, withdrawn ones hidden', async () => {
  const a = await draft();
  let r = await as.svc.put(`/api/announcements/${a.id}`, { title: '修改后的标题', audience: 'building', audience_building: entOf.ent.building });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.title, '修改后的标题');
  assert.equal(r.json.body, a.body, 'a member left out stays');
  assert.equal(r.json.audience, 'building');
  r = await as.svc.put(`/api/announcements/${a.id}`, { title: '' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'title');
  r = await as.svc.post(`/api/announcements/${a.id}/withdraw`, {});
  assert.equal(r.status, 409);
  assert.equal(r.json.error.message, '公告还是草稿，不能撤回');
  assert.equal((await as.svc.post(`/api/announcements/${a.id}/publish`, {})).status, 200);
  r = await as.svc.post(`/api/announcements/${a.id}/publish`, {});
  assert.equal(r.status, 409);
  assert.equal(r.json.error.message, '公告已发布，不能再次发布');
  r = await as.svc.put(`/api/announcements/${a.id}`, { title: '发布后修改' });
  assert.equal(r.status, 409);
  assert.equal(r.json.error.message, '公告已发布，不能编辑');
  assert.ok(ids(await as.ent.get('/api/announcements')).includes(a.id));
  r = await as.svc.post(`/api/announcements/${a.id}/withdraw`, {});
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.status, 'withdrawn');
  assert.ok(!ids(await as.ent.get('/api/announcements?page_size=200')).includes(a.id), 'withdrawn: gone from the list');
  assert.equal((await as.ent.get(`/api/announcements/${a.id}`)).status, 404);
  r = await as.svc.post(`/api/announcements/${a.id}/publish`, {});
  assert.equal(r.status, 409);
  assert.equal(r.json.error.message, '公告已撤回，不能再次发布');
  // staff still read it, with its state
  const s = await as.leader.get('/api/announcements?status=withdrawn');
  assert.ok(ids(s).includes(a.id));
  // every change is audited
  const audit = (await as.admin.get(`/api/audit?obj_type=announcement&obj_id=${a.id}&page_size=50`)).json.items.map((x) => x.action).sort();
  assert.deepEqual(audit, ['create', 'publish', 'update', 'withdraw']);
});

test('attachments: uploaded to a draft, fixed once published, downloaded by the audience', async () => {
  const a = await draft({ audience: 'building', audience_building: entOf.ent.building });
  const b = '----yqann';
  const pdf = '%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n';
  const form = Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="申报指南.pdf"\r\nContent-Type: application/pdf\r\n\r\n${pdf}\r\n--${b}--\r\n`);
  const up = (c) => c.req('POST', `/api/announcements/${a.id}/attachments`, new Uint8Array(form), { headers: { 'Content-Type': `multipart/form-data; boundary=${b}` } });
  assert.equal((await up(as.ent)).status, 403, 'enterprises do not upload');
  assert.equal((await up(as.leader)).status, 403);
  const r = await up(as.svc);
  assert.equal(r.status, 201, r.body);
  assert.equal(r.json.announcement_id, a.id);
  assert.equal((await as.ent.get(`/api/announcements/${a.id}/attachments/${r.json.id}`)).status, 404, 'not before it is published');
  await as.svc.post(`/api/announcements/${a.id}/publish`, {});
  const again = await up(as.svc);
  assert.equal(again.status, 409);
  assert.equal(again.json.error.message, '公告已发布，附件不能再变更');
  const one = (await as.ent.get(`/api/announcements/${a.id}`)).json;
  assert.equal(one.attachments.length, 1);
  assert.equal(one.attachments[0].name, '申报指南.pdf');
  const dl = await as.ent.get(`/api/announcements/${a.id}/attachments/${r.json.id}`, { raw: true });
  assert.equal(dl.status, 200);
  assert.equal(dl.body.toString('latin1'), pdf);
  assert.equal((await as.weipai.get(`/api/announcements/${a.id}/attachments/${r.json.id}`)).status, 404, 'another audience');
  assert.equal((await as.svc.del(`/api/announcements/${a.id}/attachments/${r.json.id}`)).status, 409);
});

test('publishing queues the zone\'s webhook', async () => {
  const w = await as.admin.post('/api/webhooks', { url: 'http://127.0.0.1:9/announce-hook', secret: 'announce-secret-2026' });
  assert.equal(w.status, 201, w.body);
  const a = await published({ audience: 'building', audience_building: entOf.ent.building });
  const d = (await as.admin.get('/api/webhooks/deliveries?page_size=200')).json.items;
  const mine = d.filter((x) => x.webhook_id === w.json.id && x.event === 'published');
  assert.equal(mine.length, 1, JSON.stringify(d.slice(0, 3)));
  const payload = mine[0].payload;
  assert.equal(payload.announcement_id, a.id);
  assert.equal(payload.title, a.title);
  assert.equal((await as.admin.del(`/api/webhooks/${w.json.id}`)).status, 204);
});

test('another zone sees, changes and learns nothing of these announcements', async () => {
  const d = await draft();
  const p = await published();
  const audit0 = await auditTotal();
  for (const k of ['zone2_admin', 'zone2_ent']) {
    const list = await as[k].get('/api/announcements?page_size=200');
    assert.equal(list.status, 200);
    assert.ok(!ids(list).includes(d.id) && !ids(list).includes(p.id), `${k} lists ours`);
    assert.ok(!list.body.includes(p.title));
    for (const id of [d.id, p.id]) {
      const r = await as[k].get(`/api/announcements/${id}`);
      assert.equal(r.status, 404, `${k} reads ${id}`);
      assert.ok(!r.body.includes(p.title));
    }
  }
  for (const [m, path, body] of [['PUT', `/api/announcements/${d.id}`, { title: '越权修改' }], ['POST', `/api/announcements/${d.id}/publish`, {}],
    ['POST', `/api/announcements/${p.id}/withdraw`, {}], ['GET', `/api/announcements/${p.id}/receipts`]]) {
    const r = await as.zone2_admin.req(m, path, body);
    assert.equal(r.status, 404, `${m} ${path}: ${r.body}`);
  }
  assert.equal(await auditTotal(), audit0);
  assert.equal((await as.admin.get(`/api/announcements/${d.id}`)).json.status, 'draft');
  assert.equal((await as.admin.get(`/api/announcements/${p.id}`)).json.status, 'published');
  // and its own announcements are its own
  const z = await as.zone2_admin.post('/api/announcements', { title: '海门公告', body: '正文', category: 'notice' });
  assert.equal(z.status, 201);
  assert.equal((await as.admin.get(`/api/announcements/${z.json.id}`)).status, 404);
});

test('the API reference documents the routes in Chinese with the announcement schema', async () => {
  const r = await as.admin.get('/api/openapi.json');
  assert.equal(r.status, 200);
  const p = r.json.paths;
  for (const path of ['/api/announcements', '/api/announcements/{id}', '/api/announcements/{id}/publish', '/api/announcements/{id}/withdraw', '/api/announcements/{id}/receipts']) {
    assert.ok(p[path], path);
    for (const op of Object.values(p[path])) assert.match(op.summary, /[\u4e00-\u9fff]/, `${path} summary`);
  }
  assert.ok(r.body.includes('"announcement"') || r.body.includes('Announcement'));
});
