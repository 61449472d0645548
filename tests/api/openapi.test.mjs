// The OpenAPI 3.1 description (GET /api/openapi.json, `yuanqu openapi`): valid against the
// OpenAPI 3.1 schema, and its paths are exactly the route table's (`yuanqu routes --json`):
// every route present with its method and permission, nothing invented.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Validator } from '@seriousme/openapi-schema-validator';
import { startServer, adminClient, cli, Client, uscc } from './lib.mjs';

const routes = JSON.parse(cli(['routes', '--json']).stdout).routes;
const oaPath = (p) => p.replace(/:([A-Za-z_]+)/g, '{$1}');

test('GET /api/openapi.json is valid OpenAPI 3.1 and matches the route table', async () => {
  const srv = await startServer();
  try {
    const anon = await new Client(srv.base).get('/api/openapi.json');
    assert.equal(anon.status, 401);
    const c = await adminClient(srv);
    const r = await c.get('/api/openapi.json');
    assert.equal(r.status, 200);
    const doc = r.json;
    assert.equal(doc.openapi, '3.1.0');
    const v = new Validator();
    const res = await v.validate(doc);
    assert.ok(res.valid, JSON.stringify(res.errors, null, 1)?.slice(0, 2000));

    // every route is in the document, with its permission
    for (const rt of routes) {
      const item = doc.paths[oaPath(rt.pattern)];
      assert.ok(item, `missing path ${rt.pattern}`);
      const op = item[rt.method.toLowerCase()];
      assert.ok(op, `missing ${rt.method} ${rt.pattern}`);
      assert.equal(op['x-permission'], rt.perm, `${rt.method} ${rt.pattern}`);
      assert.deepEqual(op['x-roles'], rt.roles, `${rt.method} ${rt.pattern}`);
    }
    // and nothing else
    const want = new Set(routes.map((rt) => `${rt.method.toLowerCase()} ${oaPath(rt.pattern)}`));
    for (const [p, item] of Object.entries(doc.paths)) {
      for (const m of Object.keys(item)) assert.ok(want.has(`${m} ${p}`), `invented ${m} ${p}`);
    }
    // every schema a route names is described, and the CLI prints the same document
    for (const op of Object.values(doc.paths).flatMap((i) => Object.values(i))) {
      const refs = JSON.stringify(op).match(/#\/components\/schemas\/[A-Za-z_]+/g) || [];
      for (const ref of refs) assert.ok(doc.components.schemas[ref.split('/').pop()], ref);
    }
    assert.deepEqual(JSON.parse(cli(['openapi']).stdout), doc);
  } finally {
    await srv.stop();
  }
});

// The routes of the organisation and the enterprise registry are described from their field
// tables: a Chinese summary each, and the entity they answer or take; what they answer has every
// documented member (and, for zones, departments and users, nothing else).
test('organisation and enterprise routes carry a Chinese summary and their entity schema', async () => {
  const doc = JSON.parse(cli(['openapi']).stdout);
  const ours = /^\/api\/(roles|zones|depts|users|security|enterprises|baobao|stats\/enterprises|industries)\b/;
  const mine = routes.filter((rt) => ours.test(rt.pattern));
  assert.ok(mine.length >= 30, `${mine.length} routes`);
  for (const rt of mine) {
    const op = doc.paths[oaPath(rt.pattern)][rt.method.toLowerCase()];
    assert.match(op.summary, /\p{Script=Han}/u, `${rt.method} ${rt.pattern}: ${op.summary}`);
  }
  const op = (m, p) => doc.paths[p][m];
  const ok = (o) => Object.entries(o.responses).find(([k]) => /^2/.test(k));
  const schemaOf = (m, p) => ok(op(m, p))[1].content?.['application/json']?.schema;
  const bodyRef = (m, p) => op(m, p).requestBody?.content?.['application/json']?.schema?.$ref;
  const ref = (n) => `#/components/schemas/${n}`;
  // one object
  for (const [m, p, n, code] of [
    ['get', '/api/users/{id}', 'user', '200'], ['post', '/api/users', 'user', '201'],
    ['put', '/api/users/{id}', 'user', '200'], ['post', '/api/depts', 'dept', '201'],
    ['get', '/api/enterprises/{id}', 'enterprise', '200'],
    ['post', '/api/enterprises', 'enterprise', '201'], ['put', '/api/enterprises/{id}', 'enterprise', '200'],
  ]) {
    assert.equal(ok(op(m, p))[0], code, `${m} ${p}`);
    assert.equal(schemaOf(m, p)?.$ref, ref(n), `${m} ${p}`);
    if (m !== 'get') assert.equal(bodyRef(m, p), ref(n), `${m} ${p}`);
  }
  // lists: paged ones take page and page_size and answer the total, whole ones do not
  for (const [p, n, paged] of [['/api/users', 'user', true], ['/api/enterprises', 'enterprise', true],
    ['/api/depts', 'dept', false], ['/api/zones', 'zone', false], ['/api/enterprises/{id}/visits', 'visit', false]]) {
    const s = schemaOf('get', p);
    assert.equal(s.properties.items.items.$ref, ref(n), p);
    assert.equal('total' in s.properties, paged, p);
    assert.equal(op('get', p).parameters.some((x) => x.name === 'page_size'), paged, p);
  }
  assert.deepEqual(op('get', '/api/users').parameters.filter((x) => x.in === 'query').map((x) => x.name).sort(),
    ['dept_id', 'page', 'page_size', 'role', 'status']);
  // what the routes answer otherwise: no content, a new id, a file
  for (const [m, p] of [['put', '/api/depts/{id}'], ['delete', '/api/depts/{id}'], ['post', '/api/users/{id}/lock'],
    ['post', '/api/enterprises/{id}/archive']]) assert.deepEqual(Object.keys(op(m, p).responses), ['204', '4XX', '5XX'], `${m} ${p}`);
  assert.equal(ok(op('post', '/api/enterprises/{id}/visits'))[0], '201');
  assert.deepEqual(schemaOf('post', '/api/enterprises/{id}/visits').required, ['id']);
  assert.equal(bodyRef('post', '/api/enterprises/{id}/visits'), ref('visit'));
  assert.ok(ok(op('get', '/api/enterprises/export'))[1].content['application/octet-stream']);

  // the objects answered match their schemas
  const props = (n) => Object.entries(doc.components.schemas[n].properties).filter(([, v]) => !v.writeOnly).map(([k]) => k).sort();
  const srv = await startServer();
  try {
    const admin = await adminClient(srv);
    const d = await admin.post('/api/depts', { name: '招商一部', kind: 'investment' });
    assert.equal(d.status, 201);
    assert.deepEqual(Object.keys(d.json).sort(), props('dept'));
    assert.equal(d.json.name, '招商一部');
    assert.equal(d.json.kind, 'investment');
    assert.equal(d.json.path, `/${d.json.id}/`);
    const depts = (await admin.get('/api/depts')).json;
    assert.deepEqual(depts.items.find((x) => x.id === d.json.id), d.json);
    assert.equal('total' in depts, false);
    const zones = (await admin.get('/api/zones')).json;
    for (const z of zones.items) assert.deepEqual(Object.keys(z).sort(), props('zone'));
    const me = (await admin.get('/api/me')).json;
    assert.deepEqual(me.zone, zones.items[0]);
    const u = await admin.post('/api/users', { username: 'oa.staff', role: 'staff', dept_id: d.json.id, password: 'Oa-Staff-Passw0rd!' });
    assert.equal(u.status, 201);
    assert.deepEqual(Object.keys(u.json).sort(), props('user'));
    const en = await admin.post('/api/enterprises', { uscc: uscc('91320500MA', 1), name: '描述测试有限公司', industry_code: '3670' });
    assert.equal(en.status, 201);
    for (const k of props('enterprise')) assert.ok(k in en.json, `enterprise lacks ${k}`);
    const v = await admin.post(`/api/enterprises/${en.json.id}/visits`, { visited_on: '2026-03-02', kind: '服务', findings: '用工需求' });
    assert.equal(v.status, 201);
    assert.deepEqual(Object.keys(v.json), ['id']);
    const visits = (await admin.get(`/api/enterprises/${en.json.id}/visits`)).json;
    assert.deepEqual(Object.keys(visits.items[0]).sort(), props('visit'));
  } finally {
    await srv.stop();
  }
});

// The enterprise list's query parameters come from the list's query table (the one the handler
// reads by) and an enterprise's dated flags from its field table: each parameter described is
// taken by the server (no 400), its codes are the server's, and an enterprise as the server
// answers it, alone or in the list, has no member the schema does not describe.
test('the enterprise list\'s parameters and an enterprise\'s flags are described as the server takes and answers them', async () => {
  const doc = JSON.parse(cli(['openapi']).stdout);
  const params = doc.paths['/api/enterprises'].get.parameters;
  assert.deepEqual(params.map((x) => x.name).sort(),
    ['archived', 'as_of', 'baobao', 'building', 'flag', 'industry', 'leader_id', 'no_leader', 'not_visited', 'page', 'page_size', 'q', 'sort', 'tag', 'visited']);
  assert.ok(params.every((x) => x.in === 'query' && (x.description || x.schema.description)), 'each described');
  const schema = doc.components.schemas.enterprise;
  const p = schema.properties;
  const flagNames = ['above_size', 'high_tech', 'specialized', 'little_giant'];
  assert.deepEqual(params.find((x) => x.name === 'flag').schema.enum.filter((x) => x !== null), flagNames);
  assert.equal(p.flags.type, 'array');
  assert.equal(p.flags.readOnly, undefined, 'a body gives the spans');
  assert.equal(p.flags_now.type, 'object');
  assert.equal(p.flags_now.readOnly, true);
  assert.deepEqual(Object.keys(p.flags_now.properties), flagNames);
  const srv = await startServer();
  try {
    const admin = await adminClient(srv);
    const en = await admin.post('/api/enterprises', {
      uscc: uscc('91320500MA', 7), name: '资质描述测试有限公司', industry_code: '3670', building: '标准厂房3号楼', tags: ['测试'],
      flags: [{ flag: 'high_tech', from: '2024-11-20', to: null, cert_no: 'GR202432000001' }, { flag: 'above_size', from: '2020-01-01', to: '2021-12-31', cert_no: '' }],
    });
    assert.equal(en.status, 201, en.body);
    // every value a parameter's schema allows is taken
    const values = (s) => (s.enum ? s.enum.filter((x) => x !== null)
      : s.type === 'boolean' ? [true, false]
        : [s.type, s.type?.[0]].includes('integer') ? [Math.max(1, s.minimum ?? 1)]
          : s.format === 'date' ? ['2026-03-01'] : s.pattern === '^[0-9]{4}-[0-9]{2}$' ? ['2026-03'] : ['3']);
    for (const x of params) {
      assert.ok(values(x.schema).length > 0, x.name);
      for (const v of values(x.schema)) {
        const r = await admin.get(`/api/enterprises?${x.name}=${encodeURIComponent(v)}`);
        assert.equal(r.status, 200, `${x.name}=${v}: ${r.body}`);
      }
    }
    // and the server refuses what the codes leave out, naming the parameter
    for (const name of ['flag', 'sort']) {
      const r = await admin.get(`/api/enterprises?${name}=nonesuch`);
      assert.equal(r.status, 400, name);
      assert.equal(r.json.error.field, name);
    }
    // the filters filter
    const ids = async (q) => (await admin.get(`/api/enterprises?${q}`)).json.items.map((x) => x.id);
    assert.deepEqual(await ids('flag=high_tech'), [en.json.id]);
    assert.deepEqual(await ids('flag=above_size&as_of=2021-06-30'), [en.json.id]);
    assert.deepEqual(await ids('flag=above_size'), []);
    assert.deepEqual(await ids(`building=${encodeURIComponent('3号楼')}`), [en.json.id]);
    assert.deepEqual(await ids(`tag=${encodeURIComponent('测试')}`), [en.json.id]);
    assert.deepEqual(await ids('no_leader=true&industry=36'), [en.json.id]);
    // one enterprise: every member described, every described member there
    const one = (await admin.get(`/api/enterprises/${en.json.id}`)).json;
    const described = Object.keys(p).filter((k) => !p[k].writeOnly).sort();
    assert.deepEqual(Object.keys(one).sort(), described);
    assert.equal(one.flags.length, 2);
    for (const f of one.flags) assert.deepEqual(Object.keys(f).sort(), ['cert_no', 'flag', 'from', 'to']);
    assert.deepEqual(one.flags_now, { above_size: false, high_tech: true, specialized: false, little_giant: false });
    // in the list: the same but the spans
    const row = (await admin.get('/api/enterprises')).json.items.find((x) => x.id === en.json.id);
    assert.deepEqual(Object.keys(row).sort(), described.filter((k) => k !== 'flags'));
    assert.deepEqual(row.flags_now, one.flags_now);
  } finally {
    await srv.stop();
  }
});
