// The HTTP layer: health, metrics, routing errors, limits, malformed input, security headers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startServer, adminClient, Client, rawRequest } from './lib.mjs';

let srv, admin;
before(async () => { srv = await startServer(); admin = await adminClient(srv); });
after(async () => { await srv.stop(); });

test('healthz answers ok with security headers', async () => {
  const r = await new Client(srv.base).get('/healthz');
  assert.equal(r.status, 200);
  assert.deepEqual(r.json, { status: 'ok' });
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
  assert.match(r.headers.get('content-security-policy'), /frame-ancestors 'none'/);
  assert.equal(r.headers.get('cache-control'), 'no-store');
  assert.equal(r.headers.get('server'), null, 'no version string');
});

/** The scrape token file serve created at its first start (beside audit.key). */
function metricsKeyFile() {
  return srv.db.startsWith('sqlite:') ? join(dirname(srv.db.slice(7)), 'metrics.key')
    : join(process.env.YUANQU_DATA_DIR || 'data', 'metrics.key');
}

test('metrics in Prometheus text format, only with the scrape token', async () => {
  await new Client(srv.base).get('/healthz');
  const file = metricsKeyFile();
  assert.equal((statSync(file).mode & 0o777).toString(8), '600');
  const token = readFileSync(file, 'utf8').trim();
  assert.match(token, /^[0-9a-f]{64}$/);
  // anonymous, a session, a wrong token: 401, nothing of the metrics
  for (const [who, opts] of [['anonymous', {}], ['admin session', null],
    ['wrong token', { headers: { Authorization: 'Bearer ' + '0'.repeat(64) } }],
    ['short token', { headers: { Authorization: 'Bearer ' + token.slice(0, 63) } }],
    ['token without Bearer', { headers: { Authorization: token } }]]) {
    const x = opts ? await new Client(srv.base).get('/metrics', opts) : await admin.get('/metrics');
    assert.equal(x.status, 401, who);
    assert.equal(x.json.error.code, 'unauthenticated', who);
    assert.match(x.headers.get('www-authenticate'), /^Bearer/, who);
    assert.doesNotMatch(x.body, /yuanqu_http/, who);
  }
  const r = await new Client(srv.base).get('/metrics', { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /text\/plain/);
  assert.match(r.body, /yuanqu_http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+/);
  assert.match(r.body, /yuanqu_http_request_duration_seconds_bucket\{le="\+Inf"\} \d+/);
  assert.match(r.body, /yuanqu_db_time_seconds_total [\d.]+/);
  assert.match(r.body, /yuanqu_http_open_connections \d+/);
});

test('unknown API path is a JSON 404', async () => {
  const r = await admin.get('/api/nothing-here');
  assert.equal(r.status, 404);
  assert.equal(r.json.error.code, 'not_found');
  assert.ok(r.json.error.message);
});

test('wrong method is 405 with Allow', async () => {
  const r = await admin.req('PATCH', '/api/users');
  assert.equal(r.status, 405);
  assert.equal(r.json.error.code, 'method_not_allowed');
  assert.match(r.headers.get('allow'), /GET/);
  assert.match(r.headers.get('allow'), /POST/);
  const d = await admin.del('/api/audit');
  assert.equal(d.status, 405, 'no route deletes audit rows');
});

test('non-numeric id is 404, not 500', async () => {
  const r = await admin.get('/api/users/abc');
  assert.equal(r.status, 404);
  const r2 = await admin.get('/api/users/99999999999999999999999');
  assert.equal(r2.status, 404);
});

test('malformed JSON is 400 bad_json', async () => {
  const r = await admin.post('/api/depts', '{"name": ');
  assert.equal(r.status, 400);
  assert.equal(r.json.error.code, 'bad_json');
});

test('duplicate keys are rejected', async () => {
  const r = await admin.post('/api/depts', '{"name":"a","name":"b"}');
  assert.equal(r.status, 400);
  assert.equal(r.json.error.code, 'bad_json');
});

test('deep JSON is rejected', async () => {
  const deep = '['.repeat(10000) + ']'.repeat(10000);
  const r = await admin.post('/api/depts', `{"name":${deep}}`);
  assert.equal(r.status, 400);
  assert.equal(r.json.error.code, 'bad_json');
});

test('a JSON body that is not an object is 400', async () => {
  const r = await admin.post('/api/depts', '[1,2]');
  assert.equal(r.status, 400);
});

test('wrong content type is 415', async () => {
  const r = await admin.post('/api/depts', 'name=x', { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  assert.equal(r.status, 415);
  assert.equal(r.json.error.code, 'unsupported_media_type');
});

test('wrong field type names the field', async () => {
  const r = await admin.post('/api/depts', { name: 12 });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.code, 'validation');
  assert.equal(r.json.error.field, 'name');
});

test('invalid UTF-8 in a string is 400', async () => {
  const body = Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
  const r = await admin.post('/api/depts', body);
  assert.equal(r.status, 400);
});

test('JSON body over 1 MiB is 413', async () => {
  const big = JSON.stringify({ name: 'x'.repeat(1024 * 1024 + 10) });
  const r = await admin.post('/api/depts', big);
  assert.equal(r.status, 413);
  assert.equal(r.json.error.code, 'too_large');
});

test('chunked body over 1 MiB is 413', async () => {
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  const head = `POST /api/depts HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`;
  let body = '';
  for (let i = 0; i < 20; i++) body += `${chunk.length.toString(16)}\r\n${chunk}\r\n`;
  const out = await rawRequest(srv.port, head + body + '0\r\n\r\n');
  assert.match(out, /^HTTP\/1\.1 413/);
});

test('Transfer-Encoding with Content-Length is refused', async () => {
  const req = 'POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
    'Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n';
  const out = await rawRequest(srv.port, req);
  assert.match(out, /^HTTP\/1\.1 400/);
});

test('oversized headers are refused without a crash', async () => {
  const req = `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(100000)}\r\n\r\n`;
  const out = await rawRequest(srv.port, req);
  assert.match(out, /^HTTP\/1\.1 4\d\d/);
  const r = await new Client(srv.base).get('/healthz');
  assert.equal(r.status, 200);
});

test('garbage request lines do not crash the server', async () => {
  for (const junk of ['\x00\x01\x02\r\n\r\n', 'GET\r\n\r\n', 'GET /%%%% HTTP/1.1\r\n\r\n', 'BREW / HTTP/1.1\r\nHost: x\r\n\r\n']) {
    await rawRequest(srv.port, junk, 500);
  }
  const r = await new Client(srv.base).get('/healthz');
  assert.equal(r.status, 200);
});

test('keep-alive: several requests on one connection', async () => {
  const one = 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n';
  const out = await rawRequest(srv.port, one + one + one, 800);
  assert.equal((out.match(/HTTP\/1\.1 200/g) || []).length, 3);
});

test('the console fallback serves HTML for non-API paths', async () => {
  const r = await new Client(srv.base).get('/enterprises/42');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /text\/html/);
  const p = await new Client(srv.base).get('/../../etc/passwd');
  assert.ok(p.status === 200 || p.status === 404);
  assert.doesNotMatch(p.body, /root:/);
});

test('an absurd Content-Length is refused at once with 413', async () => {
  const out = await rawRequest(srv.port, 'POST /api/depts HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 99999999999\r\n\r\n{');
  assert.match(out, /^HTTP\/1\.1 413/);
  const bad = await rawRequest(srv.port, 'POST /api/depts HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n');
  assert.match(bad, /^HTTP\/1\.1 4\d\d/);
});

test('an upload route refuses a caller without the permission before reading the body', async () => {
  // 40 MiB announced, only the headers sent: the answer must come without the body
  const head = (extra) => 'POST /api/enterprises/import HTTP/1.1\r\nHost: x\r\n' +
    'Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 41943040\r\n' + extra + '\r\n';
  const anon = await rawRequest(srv.port, head(''));
  assert.match(anon, /^HTTP\/1\.1 401/);
  const noCsrf = await rawRequest(srv.port, head(`Cookie: ${admin.cookieHeader()}\r\n`));
  assert.match(noCsrf, /^HTTP\/1\.1 403/, 'a session without the CSRF token is refused too');
});
