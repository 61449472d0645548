// Open311 GeoReport v2 (src/ticket/open311.h): discovery, services, service definitions, POST
// requests with a form body, GET requests with its filters, GET requests/{id}, tokens; both
// formats chosen by the extension; the spec's error list; the api_key as one of our API tokens.
// XML is checked with a few regular expressions (no XML library in node): the declaration, the
// elements in order, and text unescaped back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startServer, adminClient, Client, uscc, newUser, initDatabase, cli, ENGINE } from './lib.mjs';

let srv, admin, svc, hr, o311, staffKey, leaderKey, revokedKey, zone2Key;
const ids = {};
const PW = 'Start-Passw0rd-2026';
const XML_DECL = '<?xml version="1.0" encoding="utf-8"?>\n';

const make = (n) => uscc('91430112MA', n);
const make2 = (n) => uscc('91320684MA', n); // an enterprise of the second zone

/** Runs SQL directly on the test database (what the API cannot do: make a second zone). */
function sql(db, text) {
  if (ENGINE === 'postgres') {
    const name = db.match(/^postgres(?:ql)?:\/\/[^/]*\/([^?]+)/)[1];
    return execFileSync(join(process.env.YQ_PG_BIN, 'psql'), ['-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1',
      '-h', process.env.YQ_PG_HOST, '-p', process.env.YQ_PG_PORT, '-U', 'yuanqu', '-d', name, '-c', text]).toString();
  }
  return execFileSync('sqlite3', ['-cmd', '.timeout 10000', db.replace(/^sqlite:/, ''), text]).toString();
}

/** XML text back to characters. */
const unescape = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
  .replace(/&apos;/g, "'").replace(/&#13;/g, '\r').replace(/&amp;/g, '&');
/** The inner text of every <tag>…</tag> (elements of one name never nest here), unescaped. */
const texts = (xml, tag) => [...xml.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => unescape(m[1]));
/** The first one, or undefined. */
const text = (xml, tag) => texts(xml, tag)[0];
/** The raw inner XML of every <tag>…</tag>. */
const items = (xml, tag) => [...xml.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]);
/** The names of the child elements of an element's inner XML, in order. */
const childNames = (inner) => [...inner.matchAll(/<([a-z_]+)>[\s\S]*?<\/\1>/g)].map((m) => m[1]);

/** Asserts an Open311 XML document: declaration, content type, one root. */
function assertXml(r, root) {
  assert.match(r.headers.get('content-type'), /^text\/xml; charset=utf-8/);
  assert.ok(r.body.startsWith(XML_DECL), r.body.slice(0, 80));
  const doc = r.body.slice(XML_DECL.length);
  assert.ok(doc.startsWith(`<${root}>`) && doc.endsWith(`</${root}>`), doc.slice(0, 200));
  assert.ok(!/[<>]|&(?!lt;|gt;|amp;|quot;|apos;|#13;)/.test(doc.replace(/<\/?[a-z_]+>/g, '')), 'no bare markup characters in text');
  return doc;
}
/** Asserts an Open311 JSON document and returns it parsed. */
function assertJson(r) {
  assert.match(r.headers.get('content-type'), /^application\/json; charset=utf-8/);
  return JSON.parse(r.body);
}
/** Asserts the spec's error list in either format: status, code in the body, a description. */
function assertError(r, status, code, fmt) {
  assert.equal(r.status, status, r.body);
  if (fmt === 'xml') {
    const doc = assertXml(r, 'errors');
    assert.deepEqual(childNames(items(doc, 'error')[0]), ['code', 'description']);
    assert.equal(text(doc, 'code'), String(code));
    return text(doc, 'description');
  }
  const j = assertJson(r);
  assert.ok(Array.isArray(j) && j.length === 1, r.body);
  assert.deepEqual(Object.keys(j[0]), ['code', 'description']);
  assert.equal(j[0].code, code);
  return j[0].description;
}

const form = (o) => new URLSearchParams(o).toString();
const post = (path, fields, headers = {}) => o311.post(path, form(fields), { headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8', ...headers } });
const request = (extra = {}) => ({
  api_key: staffKey, jurisdiction_id: 'zone1', service_code: 'financing',
  'attribute[uscc]': make(1), description: '企业流动资金紧张，申请协调转贷资金500万元，三个月内到期贷款需续贷。',
  first_name: '三', last_name: '张', phone: '13900000001', ...extra,
});

const user = (username, role, extra) => newUser(srv, admin, username, role, extra, PW);

before(async () => {
  // two zones: zone1 (made by init) and zone2 with its own administrator
  const db = initDatabase();
  sql(db, "INSERT INTO zone (code, name, created_at) VALUES ('zone2', '海门开发区', 0)");
  const a2 = cli(['user', 'add', 'zone2-admin', '--role', 'admin', '--zone', 'zone2', '--password-stdin', '--db', db], { input: PW + '\n' });
  assert.equal(a2.code, 0, a2.stderr);
  srv = await startServer({ db });
  admin = await adminClient(srv);
  const admin2 = new Client(srv.base);
  assert.equal((await admin2.login('zone2-admin', PW)).status, 200);
  assert.equal((await admin2.put('/api/me/password', { old_password: PW, new_password: PW + 'x' })).status, 204);
  assert.equal((await admin2.post('/api/enterprises', { uscc: make2(1), name: '海门通达物流有限公司', industry_code: '3922' })).status, 201);
  // zone2's hotline key, bound to zone2's service center like zone1's below
  const desk2 = (await admin2.post('/api/depts', { name: '海门企业服务中心', kind: 'service_center' })).json.id;
  const k2 = await admin2.post('/api/tokens', { name: '海门12345热线', role: 'staff', dept_id: desk2, data_scope: 'zone' });
  assert.equal(k2.status, 201, k2.body);
  zone2Key = k2.json.token;
  for (const [k, name, kind] of [['svc', '企业服务中心', 'service_center'], ['hr', '人社局', 'other']]) {
    ids[k] = (await admin.post('/api/depts', { name, kind })).json.id;
  }
  for (const [k, name, n] of [['A', '望城华通智能终端有限公司', 1], ['B', '望城三鑫电子有限公司', 2]]) {
    const r = await admin.post('/api/enterprises', { uscc: make(n), name, industry_code: '3922' });
    assert.equal(r.status, 201, r.body);
    ids['ent' + k] = r.json.id;
  }
  assert.equal((await admin.post(`/api/enterprises/${ids.entB}/archive`)).status, 204);
  svc = await user('svc311', 'staff', { dept_id: ids.svc, data_scope: 'zone' });
  hr = await user('hr311', 'staff', { dept_id: ids.hr });
  const tok = async (name, role, bind = {}) => {
    const r = await admin.post('/api/tokens', { name, role, ...bind });
    assert.equal(r.status, 201, r.body);
    return r.json;
  };
  // the hotline's key works as the service center does: its department, the whole zone
  const desk = { dept_id: ids.svc, data_scope: 'zone' };
  staffKey = (await tok('12345热线', 'staff', desk)).token;
  leaderKey = (await tok('领导驾驶舱', 'leader')).token;
  const rv = await tok('作废', 'staff', desk);
  revokedKey = rv.token;
  assert.equal((await admin.del(`/api/tokens/${rv.id}`)).status, 204);
  o311 = new Client(srv.base); // no session: Open311 callers only have the api_key
});
after(async () => { await srv.stop(); });

test('discovery in both formats names the v2 endpoint and its formats', async () => {
  const x = await o311.get('/open311/discovery.xml');
  assert.equal(x.status, 200);
  const doc = assertXml(x, 'discovery');
  assert.deepEqual(childNames(items(doc, 'discovery')[0]), ['changeset', 'contact', 'key_service', 'endpoints']);
  const ep = items(doc, 'endpoint');
  assert.equal(ep.length, 1);
  assert.deepEqual(childNames(ep[0]), ['specification', 'url', 'changeset', 'type', 'formats']);
  assert.equal(text(ep[0], 'specification'), 'http://wiki.open311.org/GeoReport_v2');
  assert.equal(text(ep[0], 'url'), `${srv.base}/open311/v2`);
  assert.equal(text(ep[0], 'type'), 'production');
  assert.deepEqual(texts(ep[0], 'format'), ['text/xml', 'application/json']);
  const j = assertJson(await o311.get('/open311/discovery.json'));
  assert.deepEqual(Object.keys(j), ['changeset', 'contact', 'key_service', 'endpoints']);
  assert.equal(j.endpoints[0].url, `${srv.base}/open311/v2`);
  assert.deepEqual(j.endpoints[0].formats, ['text/xml', 'application/json']);
});

test('GET services: nine services, no key needed, the spec example shape', async () => {
  const x = await o311.get('/open311/v2/services.xml?jurisdiction_id=zone1');
  assert.equal(x.status, 200);
  const doc = assertXml(x, 'services');
  const svcs = items(doc, 'service');
  assert.equal(svcs.length, 9);
  for (const s of svcs) {
    assert.deepEqual(childNames(s), ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group']);
    assert.equal(text(s, 'metadata'), 'true');
    assert.equal(text(s, 'type'), 'realtime');
  }
  assert.deepEqual(svcs.map((s) => text(s, 'service_code')),
    ['financing', 'land', 'labor', 'logistics', 'approval', 'utilities', 'policy', 'infrastructure', 'other']);
  assert.deepEqual(svcs.map((s) => text(s, 'service_name')),
    ['融资', '用地', '用工', '物流', '审批', '水电气', '政策', '基础设施', '其他']);
  const j = assertJson(await o311.get('/open311/v2/services.json'));
  assert.equal(j.length, 9);
  assert.equal(j[0].service_code, 'financing');
  assert.equal(j[0].metadata, true);
  assert.ok(j[0].keywords.includes('贷款'));
  assert.equal(j[0].group, '要素保障');
});

test('GET service definition: the required uscc attribute; unknown codes are 404', async () => {
  const x = await o311.get('/open311/v2/services/financing.xml');
  assert.equal(x.status, 200);
  const doc = assertXml(x, 'service_definition');
  assert.equal(text(doc, 'service_code'), 'financing');
  const attrs = items(doc, 'attribute');
  assert.equal(attrs.length, 1);
  assert.deepEqual(childNames(attrs[0]), ['variable', 'code', 'datatype', 'required', 'datatype_description', 'order', 'description']);
  assert.equal(text(attrs[0], 'code'), 'uscc');
  assert.equal(text(attrs[0], 'datatype'), 'string');
  assert.equal(text(attrs[0], 'required'), 'true');
  assert.equal(text(attrs[0], 'order'), '1');
  const j = assertJson(await o311.get('/open311/v2/services/labor.json'));
  assert.equal(j.service_code, 'labor');
  assert.deepEqual(j.attributes.map((a) => [a.code, a.datatype, a.required, a.order, a.variable]), [['uscc', 'string', true, 1, true]]);
  o311.lang = 'en';
  assert.match(assertError(await o311.get('/open311/v2/services/pothole.xml'), 404, 404, 'xml'), /service_code pothole was not found/);
  assertError(await o311.get('/open311/v2/services/pothole.json'), 404, 404, 'json');
  assert.match(assertError(await o311.get('/open311/v2/services/financing'), 400, 400, 'xml'), /\.xml or \.json/);
  o311.lang = null;
});

test('POST requests with a form body creates a hotline request the service center sees', async () => {
  const r = await post('/open311/v2/requests.xml', request({
    address_string: '望城经开区 旺旺路 1 号', lat: '28.3648', long: '112.8198', email: 'zhang@example.com',
    device_id: 'tt222111', account_id: '123456', media_url: 'https://img.example.com/1.jpg',
  }));
  assert.equal(r.status, 201, r.body);
  const doc = assertXml(r, 'service_requests');
  const req = items(doc, 'request');
  assert.equal(req.length, 1);
  assert.deepEqual(childNames(req[0]), ['service_request_id', 'service_notice', 'account_id']);
  ids.no1 = text(req[0], 'service_request_id');
  assert.match(ids.no1, /^SQ\d{8}-\d{4}$/);
  assert.ok(!doc.includes('<token>'), 'a realtime service never answers a token');
  // the service center's list has it, as a hotline 融资 request of the enterprise
  const list = await svc.get('/api/tickets?channel=hotline');
  assert.equal(list.status, 200);
  const t = list.json.items.find((x) => x.no === ids.no1);
  assert.ok(t, 'the service center sees it');
  ids.t1 = t.id;
  assert.equal(t.status, 'received');
  assert.equal(t.category, '融资');
  assert.equal(t.enterprise_id, ids.entA);
  assert.equal(t.contact_name, '张三');
  assert.equal(t.contact_phone, '13900000001');
  assert.equal(t.title, '企业流动资金紧张，申请协调转贷资金500万元，三个月内到期贷');
  assert.equal([...t.title].length, 30);
  assert.equal(t.description, request().description, 'the location is kept in its own fields');
  // JSON, with attribute[uscc][] and a Chinese contact given only as a family name
  const j = await post('/open311/v2/requests.json', request({ 'attribute[uscc]': '', 'attribute[uscc][]': make(1).toLowerCase(), first_name: '', service_code: 'labor' }));
  assert.equal(j.status, 201, j.body);
  const jj = assertJson(j);
  assert.deepEqual(Object.keys(jj[0]), ['service_request_id', 'service_notice', 'account_id']);
  assert.equal(jj[0].account_id, null);
  ids.no2 = jj[0].service_request_id;
  assert.notEqual(ids.no2, ids.no1);
});

test('the api_key: missing, invalid, revoked or without ticket.create is 403 with the error list', async () => {
  o311.lang = 'en';
  let d = assertError(await post('/open311/v2/requests.xml', request({ api_key: 'xyz' })), 403, 403, 'xml');
  assert.equal(d, "Invalid api_key received -- can't proceed with create_request");
  d = assertError(await post('/open311/v2/requests.json', request({ api_key: 'xyz' })), 403, 403, 'json');
  assert.equal(d, "Invalid api_key received -- can't proceed with create_request");
  assertError(await post('/open311/v2/requests.xml', request({ api_key: revokedKey })), 403, 403, 'xml');
  assertError(await post('/open311/v2/requests.xml', request({ api_key: '' })), 403, 403, 'xml');
  d = assertError(await post('/open311/v2/requests.json', request({ api_key: leaderKey })), 403, 403, 'json');
  assert.match(d, /ticket\.create/);
  // the Bearer header is accepted too
  const b = await post('/open311/v2/requests.json', request({ api_key: '' }), { Authorization: 'Bearer ' + staffKey });
  assert.equal(b.status, 201, b.body);
  o311.lang = null;
  assert.match(assertError(await post('/open311/v2/requests.xml', request({ api_key: 'xyz' })), 403, 403, 'xml'), /api_key/);
});

test('service_code and attribute[uscc] errors name what is wrong', async () => {
  o311.lang = 'en';
  // the spec: "404 - service_code … was not found", "400 - service_code … was not provided"
  let d = assertError(await post('/open311/v2/requests.xml', request({ service_code: 'pothole' })), 404, 404, 'xml');
  assert.match(d, /service_code pothole was not found/);
  d = assertError(await post('/open311/v2/requests.json', request({ service_code: '' })), 400, 400, 'json');
  assert.match(d, /service_code was not provided/);
  d = assertError(await post('/open311/v2/requests.xml', request({ 'attribute[uscc]': '' })), 400, 400, 'xml');
  assert.match(d, /attribute\[uscc\]/);
  d = assertError(await post('/open311/v2/requests.json', request({ 'attribute[uscc]': make(3) })), 400, 400, 'json');
  assert.equal(d, 'attribute[uscc]: enterprise not found');
  d = assertError(await post('/open311/v2/requests.json', request({ 'attribute[uscc]': make(2) })), 400, 400, 'json');
  assert.equal(d, 'attribute[uscc]: enterprise not found', 'archived enterprises take no requests');
  d = assertError(await post('/open311/v2/requests.json', request({ 'attribute[uscc]': make(1).slice(0, 17) + '0' })), 400, 400, 'json');
  assert.match(d, /^attribute\[uscc\]: /);
  o311.lang = null;
  d = assertError(await post('/open311/v2/requests.xml', request({ 'attribute[uscc]': '' })), 400, 400, 'xml');
  assert.match(d, /attribute\[uscc\]/, 'named in Chinese too');
});

test('the other POST fields are checked; the body must be a form', async () => {
  o311.lang = 'en';
  assert.match(assertError(await post('/open311/v2/requests.json', request({ description: ' \n ' })), 400, 400, 'json'), /description/);
  assert.match(assertError(await post('/open311/v2/requests.json', request({ description: '长'.repeat(4001) })), 400, 400, 'json'), /description/);
  assert.match(assertError(await post('/open311/v2/requests.json', request({ lat: '28.1' })), 400, 400, 'json'), /lat and long/);
  assert.match(assertError(await post('/open311/v2/requests.json', request({ lat: '128.1', long: '112' })), 400, 400, 'json'), /latitude/);
  assert.match(assertError(await post('/open311/v2/requests.json', request({ phone: 'call me' })), 400, 400, 'json'), /phone/);
  assert.match(assertError(await post('/open311/v2/requests.json', request({ media_url: 'javascript:alert(1)' })), 400, 400, 'json'), /media_url/);
  const js = await o311.post('/open311/v2/requests.json', request());
  assertError(js, 400, 415, 'json');
  const bad = await o311.post('/open311/v2/requests.xml', 'api_key=%zz', { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  assert.match(assertError(bad, 400, 400, 'xml'), /percent escape/);
  const utf = await o311.post('/open311/v2/requests.xml', 'description=%FF', { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  assert.match(assertError(utf, 400, 400, 'xml'), /UTF-8/);
  const many = Array.from({ length: 65 }, (_, i) => `k${i}=1`).join('&');
  const tooMany = await o311.post('/open311/v2/requests.json', many, { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  assert.match(assertError(tooMany, 400, 400, 'json'), /64 form fields/);
  const big = await o311.post('/open311/v2/requests.json', 'description=' + 'x'.repeat(70000), { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  assertError(big, 400, 413, 'json');
  o311.lang = null;
});

test('GET requests/{id}: every field in the spec order, by number or by id, in both formats', async () => {
  const key = `api_key=${staffKey}`;
  const x = await o311.get(`/open311/v2/requests/${ids.no1}.xml?${key}`);
  assert.equal(x.status, 200, x.body);
  const doc = assertXml(x, 'service_requests');
  const req = items(doc, 'request');
  assert.equal(req.length, 1);
  assert.deepEqual(childNames(req[0]), ['service_request_id', 'status', 'status_notes', 'service_name', 'service_code',
    'description', 'agency_responsible', 'service_notice', 'requested_datetime', 'updated_datetime', 'expected_datetime',
    'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url']);
  assert.equal(text(req[0], 'service_request_id'), ids.no1);
  assert.equal(text(req[0], 'status'), 'open');
  assert.equal(text(req[0], 'status_notes'), '待受理');
  assert.equal(text(req[0], 'service_name'), '融资');
  assert.equal(text(req[0], 'service_code'), 'financing');
  assert.equal(text(req[0], 'description'), request().description, 'the location block is split off');
  assert.equal(text(req[0], 'address'), '望城经开区 旺旺路 1 号');
  assert.equal(text(req[0], 'lat'), '28.3648');
  assert.equal(text(req[0], 'long'), '112.8198');
  assert.equal(text(req[0], 'media_url'), 'https://img.example.com/1.jpg');
  assert.match(text(req[0], 'requested_datetime'), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
  assert.match(text(req[0], 'updated_datetime'), /\+08:00$/);
  assert.equal(text(req[0], 'expected_datetime'), '', 'no deadline before acceptance');
  const byId = assertJson(await o311.get(`/open311/v2/requests/${ids.t1}.json?${key}`));
  assert.equal(byId[0].service_request_id, ids.no1);
  assert.equal(byId[0].lat, 28.3648);
  assert.equal(byId[0].long, 112.8198);
  assert.equal(byId[0].expected_datetime, null);
  assert.equal(byId[0].agency_responsible, null);
  const lower = assertJson(await o311.get(`/open311/v2/requests/${ids.no1.toLowerCase()}.json?${key}`));
  assert.equal(lower[0].service_request_id, ids.no1);
  assertError(await o311.get(`/open311/v2/requests/SQ19990101-0001.json?${key}`), 404, 404, 'json');
  assertError(await o311.get(`/open311/v2/requests/${ids.no1}.xml?api_key=xyz`), 403, 403, 'xml');
  // the leader's token reads (ticket.read) though it cannot create
  assert.equal((await o311.get(`/open311/v2/requests/${ids.no1}.json?api_key=${leaderKey}`)).status, 200);
});

test('XML escaping: a description with <>&"\' comes back intact in both formats', async () => {
  const desc = '配电房跳闸 <b>"停产"</b> & 损失 > 10万 < 20万 \'紧急\'\r\n第二行';
  const r = await post('/open311/v2/requests.json', request({ description: desc, service_code: 'utilities', address_string: '<东门> & "北门"' }));
  assert.equal(r.status, 201, r.body);
  const no = assertJson(r)[0].service_request_id;
  const x = await o311.get(`/open311/v2/requests/${no}.xml?api_key=${staffKey}`);
  const doc = assertXml(x, 'service_requests');
  assert.ok(doc.includes('&lt;b&gt;&quot;停产&quot;&lt;/b&gt; &amp; 损失 &gt; 10万 &lt; 20万 &apos;紧急&apos;&#13;\n第二行'), doc);
  assert.ok(!doc.includes('<b>'));
  assert.equal(text(doc, 'description'), desc);
  assert.equal(text(doc, 'address'), '<东门> & "北门"');
  const j = assertJson(await o311.get(`/open311/v2/requests/${no}.json?api_key=${staffKey}`));
  assert.equal(j[0].description, desc);
  assert.equal(j[0].service_code, 'utilities');
});

test('coordinates are numbers the writer formats: a leading zero never reaches the JSON', async () => {
  const key = `api_key=${staffKey}`;
  const r = await post('/open311/v2/requests.json', request({ lat: '043.8171', long: '0125.32450', service_code: 'approval' }));
  assert.equal(r.status, 201, r.body);
  const no = assertJson(r)[0].service_request_id;
  const one = await o311.get(`/open311/v2/requests/${no}.json?${key}`);
  assert.doesNotMatch(one.body, /"lat":0\d/, one.body);
  const j = assertJson(one)[0];
  assert.equal(j.lat, 43.8171);
  assert.equal(j.long, 125.3245);
  const x = assertXml(await o311.get(`/open311/v2/requests/${no}.xml?${key}`), 'service_requests');
  assert.equal(text(x, 'lat'), '43.8171');
  assert.equal(text(x, 'long'), '125.3245');
  // a console description that ends like the old location block is text, not coordinates
  const c = await svc.post('/api/tickets', { enterprise_id: ids.entA, channel: 'phone', category: '审批', title: '厂区道路破损',
    description: '厂区道路破损。\n\n【坐标】01,02' });
  assert.equal(c.status, 201, c.body);
  const list = await o311.get(`/open311/v2/requests.json?${key}&service_code=approval`);
  const all = assertJson(list); // the whole list still parses
  const mine = all.find((x) => x.service_request_id === c.json.no);
  assert.ok(mine, list.body);
  assert.equal(mine.lat, null);
  assert.equal(mine.long, null);
  assert.equal(mine.description, '厂区道路破损。\n\n【坐标】01,02');
  // out of range or not a plain decimal is refused
  o311.lang = 'en';
  assert.match(assertError(await post('/open311/v2/requests.json', request({ lat: '90.5', long: '1' })), 400, 400, 'json'), /latitude/);
  assert.match(assertError(await post('/open311/v2/requests.json', request({ lat: '1', long: '-180.01' })), 400, 400, 'json'), /longitude/);
  assert.match(assertError(await post('/open311/v2/requests.json', request({ lat: '1e1', long: '1' })), 400, 400, 'json'), /latitude/);
  o311.lang = null;
});

test('Open311 fields are columns: labelled lines in a description are never read back as fields', async () => {
  const key = `api_key=${staffKey}`;
  const desc = '配电房跳闸。\n\n【地址】假的地址\n【附件】javascript:alert(1)';
  const c = await svc.post('/api/tickets', { enterprise_id: ids.entA, channel: 'hotline', category: '水电气', title: '配电房跳闸', description: desc });
  assert.equal(c.status, 201, c.body);
  for (const fmt of ['json', 'xml']) {
    const r = await o311.get(`/open311/v2/requests/${c.json.no}.${fmt}?${key}`);
    assert.equal(r.status, 200, r.body);
    if (fmt === 'json') {
      const j = assertJson(r)[0];
      assert.equal(j.media_url, null);
      assert.equal(j.address, null);
      assert.equal(j.description, desc);
    } else {
      const doc = assertXml(r, 'service_requests');
      assert.equal(text(doc, 'media_url'), '');
      assert.equal(text(doc, 'address'), '');
      assert.equal(text(doc, 'description'), desc);
    }
  }
  // what Open311 sent is kept in its own fields and shown to the console as such
  const t = (await svc.get(`/api/tickets/${ids.t1}`)).json.ticket;
  assert.equal(t.description, request().description);
  assert.equal(t.address, '望城经开区 旺旺路 1 号');
  assert.equal(t.lat, 28.3648);
  assert.equal(t.long, 112.8198);
  assert.equal(t.email, 'zhang@example.com');
  assert.equal(t.media_url, 'https://img.example.com/1.jpg');
  assert.equal(c.json.address, null);
  assert.equal(c.json.lat, null);
});

test('status follows the request: accepted → agency and deadline; resolved → closed with the answer', async () => {
  const key = `api_key=${staffKey}`;
  const acc = await svc.post(`/api/tickets/${ids.t1}/accept`, { dept_id: ids.hr });
  assert.equal(acc.status, 200, acc.body);
  let j = assertJson(await o311.get(`/open311/v2/requests/${ids.no1}.json?${key}`))[0];
  assert.equal(j.status, 'open');
  assert.equal(j.status_notes, '已分派');
  assert.equal(j.agency_responsible, '人社局');
  assert.match(j.expected_datetime, /\+08:00$/);
  assert.equal((await hr.post(`/api/tickets/${ids.t1}/start`)).status, 200);
  assert.equal((await hr.post(`/api/tickets/${ids.t1}/resolve`, { answer: '已协调银行续贷500万元' })).status, 200);
  j = assertJson(await o311.get(`/open311/v2/requests/${ids.no1}.json?${key}`))[0];
  assert.equal(j.status, 'closed');
  assert.equal(j.status_notes, '已协调银行续贷500万元');
  // a rejected request is closed with the reason
  const t2 = (await svc.get(`/api/tickets?channel=hotline&category=${encodeURIComponent('用工')}`)).json.items.find((x) => x.no === ids.no2);
  assert.equal((await svc.post(`/api/tickets/${t2.id}/reject`, { reason: '属于劳动仲裁事项，请向仲裁委申请' })).status, 200);
  j = assertJson(await o311.get(`/open311/v2/requests/${ids.no2}.json?${key}`))[0];
  assert.equal(j.status, 'closed');
  assert.equal(j.status_notes, '属于劳动仲裁事项，请向仲裁委申请');
});

test('GET requests: service_request_id, service_code, status and date filters', async () => {
  const key = `api_key=${staffKey}`;
  const all = assertJson(await o311.get(`/open311/v2/requests.json?${key}`));
  const nos = all.map((x) => x.service_request_id);
  assert.ok(nos.includes(ids.no1) && nos.includes(ids.no2), nos.join());
  const x = await o311.get(`/open311/v2/requests.xml?${key}&jurisdiction_id=zone1`);
  const doc = assertXml(x, 'service_requests');
  assert.equal(items(doc, 'request').length, all.length);
  // service_request_id overrides the rest; unknown ones are left out
  const some = assertJson(await o311.get(`/open311/v2/requests.json?${key}&service_request_id=${ids.no2},SQ19990101-0009,${ids.t1}&status=open`));
  assert.deepEqual(some.map((x) => x.service_request_id), [ids.no2, ids.no1]);
  // status
  const open = assertJson(await o311.get(`/open311/v2/requests.json?${key}&status=open`));
  assert.ok(open.every((x) => x.status === 'open'));
  assert.ok(!open.some((x) => x.service_request_id === ids.no1), 'resolved is closed');
  const closed = assertJson(await o311.get(`/open311/v2/requests.json?${key}&status=closed`));
  assert.deepEqual(closed.map((x) => x.service_request_id).sort(), [ids.no1, ids.no2].sort());
  assert.equal(assertJson(await o311.get(`/open311/v2/requests.json?${key}&status=open,closed`)).length, all.length);
  // service_code, one or several
  const fin = assertJson(await o311.get(`/open311/v2/requests.json?${key}&service_code=financing`));
  assert.ok(fin.length >= 1 && fin.every((x) => x.service_code === 'financing'));
  const two = assertJson(await o311.get(`/open311/v2/requests.json?${key}&service_code=labor,utilities`));
  assert.ok(two.length >= 2 && two.every((x) => ['labor', 'utilities'].includes(x.service_code)));
  assert.equal(assertJson(await o311.get(`/open311/v2/requests.json?${key}&service_code=land`)).length, 0);
  // dates on requested_datetime
  const now = Date.now();
  const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
  const inRange = assertJson(await o311.get(`/open311/v2/requests.json?${key}&start_date=${iso(now - 3600e3)}&end_date=${iso(now + 60e3)}`));
  assert.equal(inRange.length, all.length);
  const later = assertJson(await o311.get(`/open311/v2/requests.json?${key}&start_date=${iso(now + 3600e3)}`));
  assert.equal(later.length, 0);
  const cst = encodeURIComponent(new Date(now + 8 * 3600e3 - 3600e3).toISOString().slice(0, 19) + '+08:00');
  assert.equal(assertJson(await o311.get(`/open311/v2/requests.json?${key}&start_date=${cst}`)).length, all.length);
  o311.lang = 'en';
  assert.match(assertError(await o311.get(`/open311/v2/requests.json?${key}&start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z`), 400, 400, 'json'), /90 days/);
  assert.match(assertError(await o311.get(`/open311/v2/requests.xml?${key}&start_date=yesterday`), 400, 400, 'xml'), /^start_date: /);
  assert.match(assertError(await o311.get(`/open311/v2/requests.json?${key}&status=pending`), 400, 400, 'json'), /^status/);
  assert.match(assertError(await o311.get(`/open311/v2/requests.json?${key}&service_code=pothole`), 400, 400, 'json'), /pothole/);
  assertError(await o311.get('/open311/v2/requests.json?api_key=xyz'), 403, 403, 'json');
  assertError(await o311.get('/open311/v2/requests.json?api_key=yq_' + '0'.repeat(64)), 403, 403, 'json');
  o311.lang = null;
});

test('reads without an api_key: the zone jurisdiction_id names, status fields only', async () => {
  // what FixMyStreet's status sync sends: no key, the jurisdiction, the ids it filed
  const j = assertJson(await o311.get(`/open311/v2/requests.json?jurisdiction_id=zone1&service_request_id=${ids.no1},${ids.no2}`));
  assert.deepEqual(j.map((x) => x.service_request_id), [ids.no1, ids.no2]);
  for (const x of j) {
    assert.deepEqual(Object.keys(x), ['service_request_id', 'status', 'status_notes', 'service_name', 'service_code',
      'description', 'agency_responsible', 'service_notice', 'requested_datetime', 'updated_datetime', 'expected_datetime',
      'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url'], 'every element is still there');
    assert.equal(x.status, 'closed');
    for (const k of ['status_notes', 'description', 'address', 'lat', 'long', 'media_url']) assert.equal(x[k], null, k);
  }
  assert.equal(j[0].service_code, 'financing');
  assert.equal(j[0].agency_responsible, '人社局');
  assert.match(j[0].requested_datetime, /\+08:00$/);
  assert.match(j[0].expected_datetime, /\+08:00$/);
  // the whole list and one request, in XML
  const all = await o311.get('/open311/v2/requests.xml?jurisdiction_id=zone1');
  const doc = assertXml(all, 'service_requests');
  const reqs = items(doc, 'request');
  assert.ok(reqs.length >= 5, doc.slice(0, 200));
  for (const k of ['description', 'status_notes', 'address', 'lat', 'long', 'media_url']) assert.ok(texts(doc, k).every((v) => v === ''), k);
  assert.ok(!doc.includes('企业流动资金紧张') && !doc.includes('望城经开区'), 'no text of the requests');
  const one = assertXml(await o311.get(`/open311/v2/requests/${ids.no1}.xml?jurisdiction_id=zone1`), 'service_requests');
  assert.equal(text(one, 'service_request_id'), ids.no1);
  assert.equal(text(one, 'description'), '');
  // another zone's request is not found in this one; zone2's own are there
  assertError(await o311.get(`/open311/v2/requests/${ids.no1}.json?jurisdiction_id=zone2`), 404, 404, 'json');
  const z2 = assertJson(await o311.get('/open311/v2/requests.json?jurisdiction_id=zone2'));
  assert.ok(z2.every((x) => x.description === null));
  assert.ok(!z2.some((x) => x.service_request_id === ids.no1));
  // several zones and none named: 400; a key that is sent must be valid
  o311.lang = 'en';
  assert.match(assertError(await o311.get('/open311/v2/requests.json'), 400, 400, 'json'), /jurisdiction_id/);
  assertError(await o311.get(`/open311/v2/requests/${ids.no1}.xml`), 400, 400, 'xml');
  assertError(await o311.get('/open311/v2/requests.json?jurisdiction_id=zone1&api_key=xyz'), 403, 403, 'json');
  assertError(await o311.get('/open311/v2/requests.json?jurisdiction_id=nowhere'), 404, 404, 'json');
  o311.lang = null;
  // with the zone's key the same request is whole
  const full = assertJson(await o311.get(`/open311/v2/requests/${ids.no1}.json?jurisdiction_id=zone1&api_key=${staffKey}`))[0];
  assert.equal(full.description, request().description);
});

test('request numbers name one request in the whole installation, not one per zone', async () => {
  const zone1 = (await svc.get('/api/tickets?page_size=200')).json.items.map((t) => t.no);
  assert.ok(zone1.length >= 3);
  const r = await post('/open311/v2/requests.json', request({ api_key: zone2Key, jurisdiction_id: 'zone2', 'attribute[uscc]': make2(1),
    description: '海门园区企业的诉求：货车通行证办理。' }));
  assert.equal(r.status, 201, r.body);
  const no = assertJson(r)[0].service_request_id;
  assert.match(no, /^SQ\d{8}-\d{4}$/);
  assert.ok(!zone1.includes(no), `${no} is already a request of zone1`);
  // and zone1's next one follows it
  const n1 = assertJson(await post('/open311/v2/requests.json', request()))[0].service_request_id;
  assert.ok(n1 > no, `${n1} after ${no}`);
});

test('jurisdiction_id: an unknown one is 404, another zone\'s with this zone\'s key is 403', async () => {
  o311.lang = 'en';
  const z2 = () => o311.get(`/open311/v2/requests.json?api_key=${zone2Key}`);
  const before2 = assertJson(await z2()).length;
  // POST: nothing is filed, in either zone
  assert.match(assertError(await post('/open311/v2/requests.xml', request({ jurisdiction_id: 'wangcheng.gov.cn' })), 404, 404, 'xml'),
    /jurisdiction_id wangcheng\.gov\.cn was not found/);
  assert.match(assertError(await post('/open311/v2/requests.json', request({ jurisdiction_id: 'zone2' })), 403, 403, 'json'),
    /jurisdiction_id/);
  assert.equal(assertJson(await z2()).length, before2, 'nothing filed into zone2');
  // the jurisdiction may come in the query string too
  assertError(await post('/open311/v2/requests.json?jurisdiction_id=zone2', request({ jurisdiction_id: '' })), 403, 403, 'json');
  // GET with a key
  const key = `api_key=${staffKey}`;
  assertError(await o311.get(`/open311/v2/requests.json?${key}&jurisdiction_id=zone2`), 403, 403, 'json');
  assertError(await o311.get(`/open311/v2/requests.xml?${key}&jurisdiction_id=nowhere`), 404, 404, 'xml');
  assertError(await o311.get(`/open311/v2/requests/${ids.no1}.json?${key}&jurisdiction_id=zone2`), 403, 403, 'json');
  assert.equal((await o311.get(`/open311/v2/requests/${ids.no1}.json?${key}&jurisdiction_id=zone1`)).status, 200);
  // services, definitions, discovery and tokens: a jurisdiction_id must name a zone
  assertError(await o311.get('/open311/v2/services.json?jurisdiction_id=wangcheng.gov.cn'), 404, 404, 'json');
  assertError(await o311.get('/open311/v2/services/financing.xml?jurisdiction_id=nowhere'), 404, 404, 'xml');
  assertError(await o311.get('/open311/discovery.json?jurisdiction_id=nowhere'), 404, 404, 'json');
  assert.equal((await o311.get('/open311/v2/services.json?jurisdiction_id=zone2')).status, 200);
  assert.equal((await o311.get('/open311/v2/services.xml?jurisdiction_id=zone1')).status, 200);
  o311.lang = null;
  // and the right one files as before
  assert.equal((await post('/open311/v2/requests.json', request({ api_key: zone2Key, jurisdiction_id: 'zone2', 'attribute[uscc]': make2(1) }))).status, 201);
});

test('GET servicerequestupdates: what an enterprise may see of the timeline, as FixMyStreet reads it', async () => {
  const key = `api_key=${staffKey}`;
  const from = new Date(Date.now() - 120e3).toISOString().replace(/\.\d+Z$/, 'Z');
  const r = await post('/open311/v2/requests.json', request({ description: '厂区门前道路积水，影响货车进出。', service_code: 'infrastructure' }));
  assert.equal(r.status, 201, r.body);
  const no = assertJson(r)[0].service_request_id;
  const t = (await svc.get('/api/tickets?channel=hotline&page_size=200')).json.items.find((x) => x.no === no);
  const act = async (c, a, body) => { const x = await c.post(`/api/tickets/${t.id}/${a}`, body); assert.equal(x.status, 200, `${a}: ${x.body}`); };
  await act(svc, 'accept', { dept_id: ids.hr });
  await act(hr, 'start', { body: '已电话联系企业，约定明日现场查看' });
  await act(hr, 'comments', { body: '内部备注：领导批示，不对外', internal: true });
  await act(hr, 'extension', { days: 3, reason: '内部协调排水管网，需延期' });
  await act(svc, 'comments', { body: '已联系市政部门，本周内疏通', internal: false });
  await act(hr, 'wait', { body: '请补充积水位置照片' });
  const to = new Date(Date.now() + 60e3).toISOString().replace(/\.\d+Z$/, 'Z');
  // XML, as FixMyStreet asks: api_key, jurisdiction_id, start_date, end_date
  const x = await o311.get(`/open311/v2/servicerequestupdates.xml?${key}&jurisdiction_id=zone1&start_date=${from}&end_date=${to}`);
  assert.equal(x.status, 200, x.body);
  const doc = assertXml(x, 'service_request_updates');
  const mine = items(doc, 'request_update').filter((u) => text(u, 'service_request_id') === no);
  for (const u of mine) assert.deepEqual(childNames(u), ['update_id', 'service_request_id', 'status', 'updated_datetime', 'description', 'media_url']);
  assert.deepEqual(mine.map((u) => text(u, 'description')), ['诉求已受理，已分派承办部门办理', '已电话联系企业，约定明日现场查看',
    '已联系市政部门，本周内疏通', '请补充积水位置照片']);
  assert.ok(mine.every((u) => text(u, 'status') === 'open' && text(u, 'media_url') === ''));
  assert.ok(mine.every((u) => /^\d+$/.test(text(u, 'update_id'))));
  assert.ok(mine.every((u) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/.test(text(u, 'updated_datetime'))));
  assert.ok(!doc.includes('不对外') && !doc.includes('内部协调'), 'no internal note, no extension reason');
  assert.ok(!doc.includes('厂区门前道路积水'), 'the filing itself is not an update');
  // JSON: an array of the same updates; an answered request is closed with the answer
  const j = assertJson(await o311.get(`/open311/v2/servicerequestupdates.json?${key}&start_date=${from}&end_date=${to}`));
  assert.deepEqual(j.filter((u) => u.service_request_id === no).map((u) => u.update_id), mine.map((u) => text(u, 'update_id')));
  const all = assertJson(await o311.get(`/open311/v2/servicerequestupdates.json?${key}`));
  const resolved = all.find((u) => u.service_request_id === ids.no1 && u.status === 'closed');
  assert.equal(resolved.description, '已协调银行续贷500万元');
  const rejected = all.find((u) => u.service_request_id === ids.no2);
  assert.deepEqual([rejected.status, rejected.description], ['closed', '属于劳动仲裁事项，请向仲裁委申请']);
  // nothing later than the span; the key decides; another zone's key sees none of zone1's
  const later = new Date(Date.now() + 3600e3).toISOString().replace(/\.\d+Z$/, 'Z');
  assert.equal(assertJson(await o311.get(`/open311/v2/servicerequestupdates.json?${key}&start_date=${later}`)).length, 0);
  assert.ok(!assertJson(await o311.get(`/open311/v2/servicerequestupdates.json?api_key=${zone2Key}`)).some((u) => u.service_request_id === no));
  assertError(await o311.get('/open311/v2/servicerequestupdates.xml?jurisdiction_id=zone1'), 403, 403, 'xml');
  assertError(await o311.get(`/open311/v2/servicerequestupdates.json?api_key=${zone2Key}&jurisdiction_id=zone1`), 403, 403, 'json');
  assertError(await o311.get(`/open311/v2/servicerequestupdates.json?${key}&start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z`), 400, 400, 'json');
  ids.no3 = no;
  ids.t3 = t.id;
});

test('POST servicerequestupdates: a reply from the client, once per update_id', async () => {
  const fields = (extra = {}) => ({ api_key: staffKey, jurisdiction_id: 'zone1', service_request_id: ids.no3, update_id: '9001',
    updated_datetime: '2026-12-03T09:00:00Z', status: 'OPEN', description: '市民补充：积水处在东门外50米', first_name: 'Bob',
    last_name: 'Mould', email: 'bob@example.com', media_url: 'https://img.example.com/water.jpg', ...extra });
  const r = await post('/open311/v2/servicerequestupdates.xml', fields());
  assert.equal(r.status, 201, r.body);
  const doc = assertXml(r, 'service_request_updates');
  const u = items(doc, 'request_update');
  assert.equal(u.length, 1);
  const updateId = text(u[0], 'update_id');
  assert.match(updateId, /^\d+$/);
  // in the timeline, as a reply the enterprise and the department see, with its picture
  const tl = (await svc.get(`/api/tickets/${ids.t3}`)).json.timeline;
  const ev = tl.find((e) => String(e.id) === updateId);
  assert.deepEqual([ev.action, ev.body, ev.internal, ev.media_url], ['reply', '市民补充：积水处在东门外50米', false, 'https://img.example.com/water.jpg']);
  // the same update again (a client retrying): the first one, nothing new
  const again = await post('/open311/v2/servicerequestupdates.json', fields());
  assert.equal(again.status, 200, again.body);
  assert.deepEqual(assertJson(again), [{ update_id: updateId }]);
  assert.equal((await svc.get(`/api/tickets/${ids.t3}`)).json.timeline.length, tl.length);
  // and it is read back among the updates
  const list = assertJson(await o311.get(`/open311/v2/servicerequestupdates.json?api_key=${staffKey}`));
  const back = list.find((x) => x.update_id === updateId);
  assert.deepEqual([back.service_request_id, back.status, back.description, back.media_url],
    [ids.no3, 'open', '市民补充：积水处在东门外50米', 'https://img.example.com/water.jpg']);
  // without an update_id every POST is a new reply
  const a = await post('/open311/v2/servicerequestupdates.json', fields({ update_id: '', media_url: '' }));
  const b = await post('/open311/v2/servicerequestupdates.json', fields({ update_id: '', media_url: '' }));
  assert.equal(a.status, 201, a.body);
  assert.notEqual(assertJson(a)[0].update_id, assertJson(b)[0].update_id);
  // errors
  o311.lang = 'en';
  assert.match(assertError(await post('/open311/v2/servicerequestupdates.xml', fields({ description: ' ' })), 400, 400, 'xml'), /description/);
  assert.match(assertError(await post('/open311/v2/servicerequestupdates.json', fields({ service_request_id: 'SQ19990101-0001' })), 404, 404, 'json'), /service_request_id/);
  assert.match(assertError(await post('/open311/v2/servicerequestupdates.json', fields({ service_request_id: '' })), 400, 400, 'json'), /service_request_id/);
  assert.match(assertError(await post('/open311/v2/servicerequestupdates.json', fields({ media_url: 'javascript:alert(1)', update_id: '9002' })), 400, 400, 'json'), /media_url/);
  assert.match(assertError(await post('/open311/v2/servicerequestupdates.json', fields({ description: '长'.repeat(4001) })), 400, 400, 'json'), /description/);
  assertError(await post('/open311/v2/servicerequestupdates.xml', fields({ api_key: '' })), 403, 403, 'xml');
  assertError(await post('/open311/v2/servicerequestupdates.json', fields({ api_key: zone2Key, jurisdiction_id: 'zone2' })), 404, 404, 'json');
  assertError(await post('/open311/v2/servicerequestupdates.json', fields({ jurisdiction_id: 'zone2' })), 403, 403, 'json');
  o311.lang = null;
});

test('unknown paths and methods under /open311/ answer the spec\'s error list, XML unless .json', async () => {
  for (const [path, fmt] of [['/open311/v2/nothing.xml', 'xml'], ['/open311/v2/nothing.json', 'json'], ['/open311/v2/requests', 'xml'],
    ['/open311/v3/requests.json', 'json'], ['/open311/', 'xml'], ['/open311/v2/servicerequestupdate.xml', 'xml']]) {
    const r = await o311.get(path);
    assertError(r, 404, 404, fmt);
  }
  const del = await o311.del('/open311/v2/requests.json');
  assertError(del, 400, 405, 'json');
  assert.equal(del.headers.get('allow'), 'POST, GET');
  assertError(await o311.req('PUT', '/open311/v2/services.xml', 'x'), 400, 405, 'xml');
  // a body past the limit, refused before it is read
  const big = await o311.post('/open311/v2/requests.xml', 'a'.repeat(9 << 20), { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  assertError(big, 400, 413, 'xml');
  // the console keeps its own format
  const api = await o311.get('/api/nothing');
  assert.equal(api.status, 404);
  assert.equal(api.json.error.code, 'not_found');
});

test('descriptions: more than 4,000 characters is refused on POST, never answered on GET', async () => {
  const key = `api_key=${staffKey}`;
  o311.lang = 'en';
  assert.match(assertError(await post('/open311/v2/requests.xml', request({ description: '长'.repeat(4001) })), 400, 400, 'xml'), /^description: /);
  o311.lang = null;
  const exact = await post('/open311/v2/requests.json', request({ description: '长'.repeat(4000) }));
  assert.equal(exact.status, 201, exact.body);
  const no4000 = assertJson(exact)[0].service_request_id;
  assert.equal([...assertJson(await o311.get(`/open311/v2/requests/${no4000}.json?${key}`))[0].description].length, 4000);
  // the console allows 5,000: GET answers the first 3,999 and an ellipsis
  const long = '企业诉求'.repeat(1250);
  const c = await svc.post('/api/tickets', { enterprise_id: ids.entA, channel: 'phone', category: '政策', title: '长诉求', description: long });
  assert.equal(c.status, 201, c.body);
  const j = assertJson(await o311.get(`/open311/v2/requests/${c.json.no}.json?${key}`))[0];
  assert.equal([...j.description].length, 4000);
  assert.equal(j.description, [...long].slice(0, 3999).join('') + '…');
  const x = assertXml(await o311.get(`/open311/v2/requests/${c.json.no}.xml?${key}`), 'service_requests');
  assert.equal(text(x, 'description'), j.description);
  // in the list too, and the console still has all of it
  const list = assertJson(await o311.get(`/open311/v2/requests.json?${key}&service_code=policy`));
  assert.ok(list.every((r) => [...(r.description || '')].length <= 4000));
  assert.equal((await svc.get(`/api/tickets/${c.json.id}`)).json.ticket.description, long);
});

test('tokens are never issued: GET tokens/{id} is 404 in the error format', async () => {
  assertError(await o311.get('/open311/v2/tokens/12345.xml'), 404, 404, 'xml');
  assertError(await o311.get('/open311/v2/tokens/12345.json'), 404, 404, 'json');
});

test('a department\'s key files for the enterprises its department serves; another is not found, as one that does not exist', async () => {
  const c = await admin.post('/api/enterprises', { uscc: make(4), name: '望城人社对口服务有限公司', industry_code: '3922', dept_id: ids.hr });
  assert.equal(c.status, 201, c.body);
  const k = await admin.post('/api/tokens', { name: '人社局对接', role: 'staff', dept_id: ids.hr });
  assert.equal(k.status, 201, k.body);
  const hrKey = k.json.token;
  const total = async () => (await admin.get('/api/tickets?page_size=1')).json.total;
  const before = await total();
  o311.lang = 'en';
  // enterprise A is the zone's but not the department's: the same answer as a code no enterprise has
  for (const code of [make(1), make(3)]) {
    const d = assertError(await post('/open311/v2/requests.json', request({ api_key: hrKey, 'attribute[uscc]': code })), 400, 400, 'json');
    assert.equal(d, 'attribute[uscc]: enterprise not found', code);
  }
  o311.lang = null;
  assert.equal(await total(), before, 'nothing filed');
  // its own enterprise: filed, and its number answered
  const r = await post('/open311/v2/requests.json', request({ api_key: hrKey, 'attribute[uscc]': make(4) }));
  assert.equal(r.status, 201, r.body);
  const no = assertJson(r)[0].service_request_id;
  assert.match(no, /^SQ\d{8}-\d{4}$/);
  assert.equal(await total(), before + 1);
  assert.equal(assertJson(await o311.get(`/open311/v2/requests/${no}.json?api_key=${hrKey}`))[0].description, request().description);
});
