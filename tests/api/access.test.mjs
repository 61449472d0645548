// Access control generated from the route table (`yuanqu routes --json`), on the demo data:
// every route that takes an id is called anonymously (401), by a role without its permission
// (403), and by callers of another zone, another enterprise and another department on an object
// that exists outside their scope (404, the object's data absent, the object unchanged); every
// list and export is read by an enterprise user, a department head and another zone's users and
// must hold no foreign rows. Every route must be classified in EXPECT below: a new route fails
// this test until someone says how it is to be checked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, cli, newDatabase } from './lib.mjs';

const PW = 'Access-Passw0rd!2026';

// How each route is checked.
//   public   no session needed (anonymous call must not be 401; 5xx never)
//   self     acts on the caller's own session or account
//   create   creates an object (no id): 401 anonymous, 403 without the permission
//   config   zone-wide settings or reference data: 401 / 403 only
//   object   takes the id of an object of kind `obj`: 401, 403, and 404 for foreign callers
//   list     returns rows: 401, 403, and no foreign rows for scoped callers
//   o311     Open311 route with an object id: the api_key of another zone gets 404; requests
//            without a key show no text of them
//   o311list Open311 list: another zone's key lists none of this zone's requests
//   o311write Open311 write on a request (an update): no key 403; another zone's key 404 and
//            nothing written
const EXPECT = {
  'GET /healthz': { kind: 'public' },
  'GET /metrics': { kind: 'public' },
  'POST /api/login': { kind: 'public' },
  'POST /api/logout': { kind: 'self' },
  'GET /api/me': { kind: 'self' },
  'PUT /api/me/password': { kind: 'self' },
  'PUT /api/me/zone': { kind: 'self' },
  'GET /api/me/totp': { kind: 'self' },
  'POST /api/me/totp/enrol': { kind: 'self' },
  'POST /api/me/totp/confirm': { kind: 'self' },
  'POST /api/me/totp/disable': { kind: 'self' },
  'GET /api/security/totp-roles': { kind: 'config' },
  'PUT /api/security/totp-roles': { kind: 'config' },
  'GET /api/roles': { kind: 'config' },
  'GET /api/zones': { kind: 'list' },
  'GET /api/depts': { kind: 'list' },
  'POST /api/depts': { kind: 'create' },
  'PUT /api/depts/:id': { kind: 'object', obj: 'dept', body: { name: '越权改名' } },
  'DELETE /api/depts/:id': { kind: 'object', obj: 'dept' },
  'GET /api/users': { kind: 'list' },
  'POST /api/users': { kind: 'create' },
  'GET /api/users/:id': { kind: 'object', obj: 'user' },
  'PUT /api/users/:id': { kind: 'object', obj: 'user', body: { display_name: '越权改名' } },
  'POST /api/users/:id/lock': { kind: 'object', obj: 'user' },
  'POST /api/users/:id/unlock': { kind: 'object', obj: 'user' },
  'POST /api/users/:id/totp/reset': { kind: 'object', obj: 'user' },
  'POST /api/users/:id/reset-password': { kind: 'object', obj: 'user', body: { password: 'Reset-Passw0rd!2026' } },
  'GET /api/enterprises': { kind: 'list', query: 'page_size=200' },
  'POST /api/enterprises': { kind: 'create' },
  'GET /api/enterprises/export': { kind: 'list', query: 'format=csv' },
  'GET /api/enterprises/import/template': { kind: 'config' },
  'POST /api/enterprises/import': { kind: 'create' },
  'GET /api/enterprises/:id': { kind: 'object', obj: 'enterprise' },
  'PUT /api/enterprises/:id': { kind: 'object', obj: 'enterprise', body: () => ({ uscc: data.enterprise, name: '越权改名有限公司', industry_code: '3670' }) },
  'POST /api/enterprises/:id/archive': { kind: 'object', obj: 'enterprise' },
  'POST /api/enterprises/:id/unarchive': { kind: 'object', obj: 'enterprise' },
  'GET /api/enterprises/:id/visits': { kind: 'object', obj: 'enterprise' },
  'POST /api/enterprises/:id/visits': { kind: 'object', obj: 'enterprise', body: { visited_on: '2026-03-04', kind: '服务', findings: '越权走访' } },
  'GET /api/baobao/leaders': { kind: 'list' },
  'GET /api/stats/enterprises': { kind: 'list' },
  'GET /api/industries': { kind: 'config' },
  'GET /api/tickets': { kind: 'list', query: 'page_size=200' },
  'POST /api/tickets': { kind: 'create' },
  'GET /api/tickets/stats': { kind: 'list' },
  'GET /api/tickets/briefing': { kind: 'list' },
  'GET /api/tickets/:id': { kind: 'object', obj: 'ticket' },
  'POST /api/tickets/:id/accept': { kind: 'object', obj: 'ticket', body: { dept_id: 4, category: '用工', priority: 'normal' } },
  'POST /api/tickets/:id/reject': { kind: 'object', obj: 'ticket', body: { reason: '越权驳回' } },
  'POST /api/tickets/:id/merge': { kind: 'object', obj: 'ticket', body: { into_id: 1 } },
  'POST /api/tickets/:id/start': { kind: 'object', obj: 'ticket' },
  'POST /api/tickets/:id/wait': { kind: 'object', obj: 'ticket', body: { body: '越权等待' } },
  'POST /api/tickets/:id/supply': { kind: 'object', obj: 'ticket', body: { body: '越权补充' } },
  'POST /api/tickets/:id/return': { kind: 'object', obj: 'ticket', body: { reason: '越权退回' } },
  'POST /api/tickets/:id/resolve': { kind: 'object', obj: 'ticket', body: { answer: '越权办结' } },
  'POST /api/tickets/:id/rate': { kind: 'object', obj: 'ticket', body: { rating: 'satisfied' } },
  'POST /api/tickets/:id/comments': { kind: 'object', obj: 'ticket', body: { body: '越权留言' } },
  'POST /api/tickets/:id/extension': { kind: 'object', obj: 'ticket', body: { days: 3, reason: '越权延期' } },
  'POST /api/tickets/:id/extension/decision': { kind: 'object', obj: 'ticket', body: { approve: true } },
  'POST /api/tickets/:id/escalate': { kind: 'object', obj: 'ticket', body: { level: 'leader', note: '越权督办' } },
  'GET /api/tickets/export': { kind: 'list', query: 'format=csv' },
  'GET /api/tickets/:id/attachments': { kind: 'object', obj: 'ticket' },
  'POST /api/tickets/:id/attachments': { kind: 'object', obj: 'ticket', body: () => attachmentForm() },
  'GET /api/tickets/:id/attachments/:aid': { kind: 'object', obj: 'ticket', path: (id) => `/api/tickets/${id}/attachments/${obj.attachment}` },
  'DELETE /api/tickets/:id/attachments/:aid': { kind: 'object', obj: 'ticket', path: (id) => `/api/tickets/${id}/attachments/${obj.attachment}` },
  'GET /api/ticket-rules': { kind: 'config' },
  'PUT /api/ticket-rules': { kind: 'config' },
  'GET /api/notifications': { kind: 'list' },
  'POST /api/notifications/:id/read': { kind: 'object', obj: 'notification' },
  'POST /api/notifications/read-all': { kind: 'self' },
  'GET /api/webhooks': { kind: 'list' },
  'POST /api/webhooks': { kind: 'create' },
  'GET /api/webhooks/deliveries': { kind: 'list' },
  'DELETE /api/webhooks/:id': { kind: 'object', obj: 'webhook' },
  'GET /api/holidays': { kind: 'config' },
  'POST /api/holidays': { kind: 'config' },
  'GET /api/tokens': { kind: 'list' },
  'POST /api/tokens': { kind: 'create' },
  'DELETE /api/tokens/:id': { kind: 'object', obj: 'token' },
  'GET /api/audit': { kind: 'list', query: 'page_size=200' },
  'GET /api/logins': { kind: 'list', query: 'page_size=200' },
  'GET /open311/discovery.xml': { kind: 'public' },
  'GET /open311/discovery.json': { kind: 'public' },
  'GET /open311/v2/services.xml': { kind: 'public' },
  'GET /open311/v2/services.json': { kind: 'public' },
  'GET /open311/v2/services/:code': { kind: 'public', path: '/open311/v2/services/financing.json' },
  'POST /open311/v2/requests.xml': { kind: 'public' },
  'POST /open311/v2/requests.json': { kind: 'public' },
  'GET /open311/v2/requests.xml': { kind: 'o311list' },
  'GET /open311/v2/requests.json': { kind: 'o311list' },
  'GET /open311/v2/requests/:id': { kind: 'o311', path: (id) => `/open311/v2/requests/${id}.json` },
  'GET /open311/v2/tokens/:id': { kind: 'o311', path: (id) => `/open311/v2/tokens/${id}.json` },
  'GET /open311/v2/servicerequestupdates.xml': { kind: 'o311list' },
  'GET /open311/v2/servicerequestupdates.json': { kind: 'o311list' },
  'POST /open311/v2/servicerequestupdates.xml': { kind: 'o311write' },
  'POST /open311/v2/servicerequestupdates.json': { kind: 'o311write' },
};

// A small PDF as a multipart body for the upload route ({ raw, type } for call() below).
function attachmentForm() {
  const b = '----yqaccess';
  const pdf = '%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n';
  const raw = `--${b}\r\nContent-Disposition: form-data; name="file"; filename="越权.pdf"\r\nContent-Type: application/pdf\r\n\r\n${pdf}\r\n--${b}--\r\n`;
  return { raw: new Uint8Array(Buffer.from(raw, 'utf8')), type: `multipart/form-data; boundary=${b}` };
}

const routes = JSON.parse(cli(['routes', '--json']).stdout).routes;
const key = (r) => `${r.method} ${r.pattern}`;

// The demo's users: zone ccetdz (1) by role, two enterprises there, zone hmetdz, the province.
const NAMES = {
  admin: 'ccetdz-admin', leader: 'ccetdz-leader', dept_head: 'ccetdz-jingfa', staff: 'ccetdz-fuwu',
  investment_head: 'ccetdz-zhaoshang', enterprise: 'ccetdz-qiye', other_enterprise: 'ccetdz-weipai', province: 'province-viewer',
  zone2_admin: 'hmetdz-admin', zone2_enterprise: 'hmetdz-qiye',
};
const LOWER_ORDER = ['enterprise', 'staff', 'dept_head', 'leader', 'province', 'admin'];

let srv;
const as = {};       // clients by NAMES key
const me = {};       // /api/me of each
const obj = {};      // object kind -> id in zone 1
const data = {};     // object kind -> a string of the object that must not leak
let ents1 = [], ents2 = [], depts1 = [];
let key1, key2;      // staff API keys of zone 1 and zone 2 (Open311)
let o311Id;          // an Open311 request of zone 1

async function all(c, path) { // every page of a list
  const items = [];
  for (let page = 1; ; page++) {
    const r = await c.get(`${path}${path.includes('?') ? '&' : '?'}page=${page}&page_size=200`);
    assert.equal(r.status, 200, r.body);
    items.push(...r.json.items);
    if (items.length >= r.json.total || r.json.items.length === 0) return items;
  }
}

before(async () => {
  const db = newDatabase();
  const d = cli(['demo', '--db', db, '--password-stdin'], { input: PW + '\n' });
  assert.equal(d.code, 0, d.stderr);
  srv = await startServer({ db, env: { YUANQU_WEBHOOK_ALLOW: '127.0.0.1/32' } }); // its webhook is on 127.0.0.1
  for (const [k, u] of Object.entries(NAMES)) {
    as[k] = new Client(srv.base);
    const r = await as[k].login(u, PW);
    assert.equal(r.status, 200, `${u}: ${r.body}`);
    me[k] = r.json.user;
  }
  ents1 = await all(as.admin, '/api/enterprises');
  ents2 = await all(as.zone2_admin, '/api/enterprises');
  depts1 = (await as.admin.get('/api/depts')).json.items;
  // a request of the first enterprise, new (no department yet), seen by the service center
  const t = await as.enterprise.post('/api/tickets', { category: '用工', title: '访问控制测试诉求', description: '越权访问测试专用。', contact_name: '张经理', contact_phone: '13900000001' });
  assert.equal(t.status, 201, t.body);
  obj.ticket = t.json.id; data.ticket = '访问控制测试诉求'; data.ticketText = '越权访问测试专用。'; data.ticketNo = t.json.no;
  const f = attachmentForm();
  const up = await as.enterprise.post(`/api/tickets/${obj.ticket}/attachments`, f.raw, { headers: { 'Content-Type': f.type } });
  assert.equal(up.status, 201, up.body);
  obj.attachment = up.json.id;
  // the first enterprise itself, outside the department head's department
  const own = ents1.find((e) => e.id === me.enterprise.enterprise_id);
  assert.ok(own, 'the enterprise user has an enterprise');
  const headDept = depts1.find((x) => x.id === me.dept_head.dept_id);
  const inHead = (deptId) => { const dd = depts1.find((x) => x.id === deptId); return dd && dd.path.startsWith(headDept.path); };
  const ent = inHead(own.dept_id) ? ents1.find((e) => e.id !== own.id && !inHead(e.dept_id)) : own;
  obj.enterprise = ent.id; data.enterprise = ent.uscc;
  // the staff user (service center), outside the department head's department
  assert.ok(!inHead(me.staff.dept_id));
  obj.user = me.staff.id; data.user = NAMES.staff;
  // a department of zone 1
  const dept = depts1.find((x) => x.path.split('/').length > 3 || x.id !== me.dept_head.dept_id && x.parent_id);
  obj.dept = dept.id; data.dept = dept.name;
  // the service center assigns it to the investment department, which is notified
  const acc = await as.staff.post(`/api/tickets/${obj.ticket}/accept`, { dept_id: me.investment_head.dept_id, category: '用工', priority: 'normal' });
  assert.equal(acc.status, 200, acc.body);
  const notes = (await as.investment_head.get('/api/notifications')).json.items;
  assert.ok(notes.length > 0, 'the assigned department was notified');
  obj.notification = notes[0].id; data.notification = '访问控制测试诉求';
  const w = await as.admin.post('/api/webhooks', { url: 'http://127.0.0.1:9/access-hook', secret: 'abcdefghijklmnop' });
  assert.equal(w.status, 201, w.body);
  obj.webhook = w.json.id; data.webhook = 'access-hook';
  const k = await as.admin.post('/api/tokens', { name: '访问控制测试令牌', role: 'staff' });
  assert.equal(k.status, 201, k.body);
  obj.token = k.json.id; data.token = '访问控制测试令牌'; key1 = k.json.token;
  const k2 = await as.zone2_admin.post('/api/tokens', { name: '其他园区令牌', role: 'staff' });
  assert.equal(k2.status, 201, k2.body);
  key2 = k2.json.token;
  o311Id = obj.ticket;
});

after(async () => { await srv?.stop(); });

// Strings and ids a caller must never see, computed from the admins' full lists.
function foreign(who) {
  const zone2 = who.startsWith('zone2_');
  const u = me[who];
  const f = { uscc: new Set(), ent: new Set(), userPrefix: zone2 ? 'ccetdz-' : 'hmetdz-' };
  const other = zone2 ? ents1 : ents2;
  for (const e of other) { f.uscc.add(e.uscc); f.ent.add(e.id); }
  if (!zone2 && u.role === 'enterprise') {
    for (const e of ents1) if (e.id !== u.enterprise_id) { f.uscc.add(e.uscc); f.ent.add(e.id); }
  }
  if (!zone2 && u.role === 'dept_head') {
    const head = depts1.find((x) => x.id === u.dept_id);
    for (const e of ents1) {
      const dd = depts1.find((x) => x.id === e.dept_id);
      if (!dd || !dd.path.startsWith(head.path)) f.uscc.add(e.uscc);
    }
  }
  return f;
}

// Walks a JSON response (or searches a text one) for foreign rows; returns what it found.
function leaks(res, f) {
  const found = [];
  if (res.json) {
    const walk = (v, parentKey) => {
      if (Array.isArray(v)) { v.forEach((x) => walk(x, parentKey)); return; }
      if (!v || typeof v !== 'object') return;
      if (typeof v.uscc === 'string' && f.uscc.has(v.uscc)) found.push(`uscc ${v.uscc}`);
      if (Number.isInteger(v.enterprise_id) && f.ent.has(v.enterprise_id)) found.push(`enterprise_id ${v.enterprise_id}`);
      if (parentKey === 'enterprises' && Number.isInteger(v.id) && f.ent.has(v.id)) found.push(`enterprise ${v.id}`);
      if (typeof v.username === 'string' && v.username.startsWith(f.userPrefix)) found.push(`user ${v.username}`);
      for (const [k, x] of Object.entries(v)) walk(x, k);
    };
    walk(res.json, '');
  } else {
    for (const u of f.uscc) if (res.body.includes(u)) found.push(`uscc ${u}`);
    if (res.body.includes(f.userPrefix)) found.push(`user ${f.userPrefix}…`);
  }
  return found;
}

function pathOf(rt, id) {
  const p = EXPECT[key(rt)]?.path;
  if (typeof p === 'function') return p(id);
  return p ?? rt.pattern.replace(/:[a-z]+/g, String(id ?? 1));
}
function call(c, rt, path, body) {
  if (typeof body === 'function') body = body();
  if (body && body.raw) return c.req(rt.method, path, body.raw, { headers: { 'Content-Type': body.type } });
  const b = body ?? (rt.method === 'POST' || rt.method === 'PUT' ? {} : undefined);
  return c.req(rt.method, path, b);
}
// A caller of the lowest role that lacks the route's permission, or null.
function lowerRole(rt) {
  const r = LOWER_ORDER.find((x) => !rt.roles.includes(x));
  return r ?? null;
}

test('every route of the table is classified here, and nothing else', () => {
  const have = new Set(routes.map(key));
  const missing = [...have].filter((k) => !EXPECT[k]);
  const stale = Object.keys(EXPECT).filter((k) => !have.has(k));
  assert.deepEqual(missing, [], 'routes without an expected behaviour in access.test.mjs');
  assert.deepEqual(stale, [], 'classified routes that no longer exist');
  assert.ok(routes.length >= 70);
});

// The object kinds a :id route may name, and the callers outside their scope: each gets 404 when
// its role holds the permission (otherwise the 403 check covers it).
const OUTSIDERS = {
  ticket: ['zone2_admin', 'zone2_enterprise', 'other_enterprise', 'dept_head'],
  enterprise: ['zone2_admin', 'zone2_enterprise', 'other_enterprise', 'dept_head'],
  user: ['zone2_admin', 'dept_head'],
  dept: ['zone2_admin'],
  notification: ['zone2_admin', 'admin', 'enterprise', 'dept_head', 'staff'],
  webhook: ['zone2_admin'],
  token: ['zone2_admin'],
};

async function snapshot(kind) { // the object as its own zone's admin sees it
  const a = as.admin;
  switch (kind) {
    case 'ticket': return JSON.stringify((await a.get(`/api/tickets/${obj.ticket}`)).json);
    case 'enterprise': return JSON.stringify((await a.get(`/api/enterprises/${obj.enterprise}`)).json);
    case 'user': { const u = (await a.get(`/api/users/${obj.user}`)).json; delete u.last_login_at; return JSON.stringify(u); }
    case 'dept': return JSON.stringify((await a.get('/api/depts')).json.items.find((x) => x.id === obj.dept));
    case 'notification': return JSON.stringify((await as.investment_head.get('/api/notifications')).json.items.find((x) => x.id === obj.notification));
    case 'webhook': return JSON.stringify((await a.get('/api/webhooks')).json.items.find((x) => x.id === obj.webhook));
    case 'token': return JSON.stringify((await a.get('/api/tokens')).json.items.find((x) => x.id === obj.token));
    default: return '';
  }
}

for (const rt of routes) {
  const k = key(rt);
  const exp = EXPECT[k];
  if (!exp) continue;
  test(`${k}: ${exp.kind}`, async () => {
    const anon = new Client(srv.base);
    const path = pathOf(rt, exp.obj ? obj[exp.obj] : o311Id);
    if (exp.kind === 'o311write') {
      const form = (key) => new URLSearchParams({ api_key: key, service_request_id: data.ticketNo, description: '越权更新' }).toString();
      const send = (key) => anon.post(path, form(key), { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
      const timeline = async () => JSON.stringify((await as.admin.get(`/api/tickets/${obj.ticket}`)).json.timeline);
      const before = await timeline();
      assert.equal((await send('')).status, 403, `${k} without api_key`);
      const r2 = await send(key2);
      assert.equal(r2.status, 404, `${k} other zone's key: ${r2.body.slice(0, 200)}`);
      assert.equal(await timeline(), before, `${k}: another zone's key wrote on the request`);
      return;
    }
    if (rt.perm === 'public') {
      const r = await call(anon, rt, path);
      assert.ok(r.status < 500, `${k} anonymous: ${r.status}`);
      if (exp.kind === 'o311' || exp.kind === 'o311list') {
        if (rt.pattern.includes('requests')) {
          // no key: 400 while several zones are served and none is named; with the zone named, the
          // status of its requests and nothing of what they say
          assert.equal(r.status, 400, `${k} without api_key: ${r.body.slice(0, 200)}`);
          const pub = await anon.get(`${path}?jurisdiction_id=ccetdz`);
          assert.equal(pub.status, 200, `${k} without api_key, zone named: ${pub.body.slice(0, 200)}`);
          assert.ok(!pub.body.includes(data.ticketText), `${k}: a request's text without api_key`);
          // another zone's key naming this zone: 403
          const cross = await anon.get(`${path}?jurisdiction_id=ccetdz&api_key=${encodeURIComponent(key2)}`);
          assert.equal(cross.status, 403, `${k} other zone's key naming this zone: ${cross.body.slice(0, 200)}`);
        } else {
          assert.ok(r.status === 403 || r.status === 404, `${k} without api_key: ${r.status} ${r.body.slice(0, 200)}`);
        }
        // another zone's key: the request is not found, and nothing of it shows
        const r2 = await anon.get(`${path}?api_key=${encodeURIComponent(key2)}`);
        if (exp.kind === 'o311') {
          assert.equal(r2.status, 404, `${k} other zone's key: ${r2.body.slice(0, 200)}`);
        } else {
          assert.equal(r2.status, 200, r2.body.slice(0, 200));
          assert.ok(!r2.body.includes(data.ticket), `${k}: another zone's key lists a foreign request`);
          assert.ok(!r2.body.includes(data.ticketNo), `${k}: another zone's key lists a foreign request's number`);
          const own = await anon.get(`${path}?api_key=${encodeURIComponent(key1)}`);
          assert.equal(own.status, 200, own.body.slice(0, 200));
          assert.ok(own.body.includes(data.ticketNo), `${k}: the control, the zone's own key, lists the request`);
        }
        assert.ok(!r2.body.includes(data.ticket), `${k}: foreign data in the answer`);
        if (exp.kind === 'o311' && rt.pattern.includes('requests')) {
          const own = await anon.get(`${path}?api_key=${encodeURIComponent(key1)}`);
          assert.equal(own.status, 200, `${k} own zone's key: ${own.body.slice(0, 200)}`);
        }
      }
      return;
    }
    // anonymous: 401
    const r0 = await call(anon, rt, path, exp.body);
    assert.equal(r0.status, 401, `${k} anonymous: ${r0.body.slice(0, 200)}`);
    // a role without the permission: 403
    const low = lowerRole(rt);
    if (low) {
      const r1 = await call(as[low], rt, path, exp.body);
      assert.equal(r1.status, 403, `${k} as ${low}: ${r1.body.slice(0, 200)}`);
    }
    if (exp.kind === 'object') {
      const before = await snapshot(exp.obj);
      assert.ok(before && before !== 'undefined' && before !== '{}', `${exp.obj} ${obj[exp.obj]} exists`);
      for (const who of OUTSIDERS[exp.obj]) {
        if (!rt.roles.includes(me[who].role)) continue;
        const r = await call(as[who], rt, path, exp.body);
        assert.equal(r.status, 404, `${k} (${exp.obj} ${obj[exp.obj]}) as ${who}: ${r.status} ${r.body.slice(0, 200)}`);
        assert.ok(!r.body.includes(data[exp.obj]), `${k} as ${who}: the answer shows the object`);
      }
      assert.equal(await snapshot(exp.obj), before, `${k}: a foreign caller changed ${exp.obj} ${obj[exp.obj]}`);
      if (rt.method === 'GET') { // the control: an insider reads the same path
        const insider = exp.obj === 'notification' ? 'investment_head' : 'admin';
        const r = await as[insider].get(path);
        assert.equal(r.status, 200, `${k} as ${insider}: ${r.body.slice(0, 200)}`);
      }
    }
    if (exp.kind === 'list') {
      for (const who of ['enterprise', 'dept_head', 'zone2_admin', 'zone2_enterprise']) {
        if (!rt.roles.includes(me[who].role)) continue;
        const r = await as[who].get(path + (exp.query ? `?${exp.query}` : ''));
        assert.equal(r.status, 200, `${k} as ${who}: ${r.body.slice(0, 200)}`);
        const found = leaks(r, foreign(who));
        assert.deepEqual(found.slice(0, 5), [], `${k} as ${who} shows foreign rows (${found.length})`);
      }
    }
  });
}

test('the leak check finds foreign rows where there are some (control)', async () => {
  const r = await as.admin.get('/api/enterprises?page_size=50');
  assert.ok(leaks(r, foreign('enterprise')).length >= 49);
  assert.ok(leaks(r, foreign('zone2_admin')).length >= 50);
  const t = await as.admin.get('/api/tickets?page_size=50');
  assert.ok(leaks(t, foreign('enterprise')).length >= 40);
  const csv = await as.admin.get('/api/enterprises/export?format=csv');
  assert.ok(leaks(csv, foreign('zone2_enterprise')).length >= 100);
});

test('scoped totals: the enterprise user counts one enterprise, the department head its own', async () => {
  const e = await as.enterprise.get('/api/stats/enterprises');
  assert.equal(e.status, 200);
  assert.equal(e.json.total, 1);
  const head = depts1.find((x) => x.id === me.dept_head.dept_id);
  const mine = ents1.filter((x) => { const dd = depts1.find((y) => y.id === x.dept_id); return dd && dd.path.startsWith(head.path); });
  const h = await as.dept_head.get('/api/stats/enterprises');
  assert.equal(h.json.total, mine.length);
  const l = await as.dept_head.get('/api/enterprises?page_size=1');
  assert.equal(l.json.total, mine.length);
  const t = await all(as.enterprise, '/api/tickets');
  assert.ok(t.length >= 1 && t.every((x) => x.enterprise_id === me.enterprise.enterprise_id));
});

test('demo data: synthetic addresses keep their city (a use-after-free once garbled them)', () => {
  // the demo loader released the arena holding the zone's city name every 256 enterprises
  const synth = ents1.filter((e) => /开发区.*路\d+号$/.test(e.address));
  assert.ok(synth.length > 300, `${synth.length} synthetic enterprises`);
  const bad = synth.filter((e) => !e.address.startsWith('长春开发区'));
  assert.deepEqual(bad.slice(0, 3).map((e) => e.address), []);
});
