// The OpenAPI 3.1 description (GET /api/openapi.json, `yuanqu openapi`): valid against the
// OpenAPI 3.1 schema, and its paths are exactly the route table's (`yuanqu routes --json`):
// every route present with its method and permission, nothing invented.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Validator } from '@seriousme/openapi-schema-validator';
import { startServer, adminClient, cli, Client } from './lib.mjs';

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
