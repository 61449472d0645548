// TLS: `serve --tls-cert/--tls-key` speaks TLS 1.2 and 1.3 only, refuses TLS 1.0/1.1 and plain
// HTTP on its port, and the session cookie becomes __Host-yq_session with Secure.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import https from 'node:https';
import tls from 'node:tls';
import { BIN, ADMIN_PASS, initDatabase, rawRequest } from './lib.mjs';

let proc, port, ca, log = '';

before(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'yq-tls-'));
  const key = join(dir, 'key.pem'), cert = join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1',
    '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'pipe' });
  ca = readFileSync(cert);
  const db = initDatabase();
  proc = spawn(BIN, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--tls-cert', cert, '--tls-key', key],
    { env: { ...process.env, YUANQU_LOG: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
  proc.stdout.on('data', (d) => { log += d; });
  proc.stderr.on('data', (d) => { log += d; });
  port = await new Promise((res, rej) => {
    const t = setTimeout(() => rej(new Error('server did not start: ' + log)), 15000);
    proc.on('exit', () => { clearTimeout(t); rej(new Error('server exited: ' + log)); });
    const check = () => {
      const m = log.match(/listening on https:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) { clearTimeout(t); res(Number(m[1])); } else setTimeout(check, 20);
    };
    check();
  });
});

after(async () => {
  const exited = new Promise((res) => proc.on('exit', res));
  proc.kill('SIGTERM');
  await exited;
  assert.doesNotMatch(log, /AddressSanitizer|runtime error:|LeakSanitizer/);
});

/** One HTTPS request trusting the test certificate; resolves {status, headers, json}. */
function req(method, path, { body, headers = {} } = {}) {
  return new Promise((res, rej) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const r = https.request({ host: '127.0.0.1', port, method, path, ca, servername: undefined,
      headers: { ...headers, ...(data ? { 'Content-Type': 'application/json' } : {}) } }, (resp) => {
      const protocol = resp.socket.getProtocol();
      const chunks = [];
      resp.on('data', (c) => chunks.push(c));
      resp.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        res({ status: resp.statusCode, headers: resp.headers, json: text ? JSON.parse(text) : null, protocol });
      });
    });
    r.on('error', rej);
    if (data) r.write(data);
    r.end();
  });
}

/** A bare TLS handshake limited to versions [min, max] (and to the given TLS 1.2 cipher
 * suites); resolves the protocol and the suite, or the error. */
function handshake(minVersion, maxVersion, ciphers = 'DEFAULT@SECLEVEL=0') {
  return new Promise((res) => {
    const s = tls.connect({ host: '127.0.0.1', port, ca, minVersion, maxVersion,
      ciphers, rejectUnauthorized: false }, () => {
      const p = s.getProtocol();
      const c = s.getCipher().standardName;
      s.end();
      res(ciphers === 'DEFAULT@SECLEVEL=0' ? { ok: true, protocol: p } : { ok: true, protocol: p, cipher: c });
    });
    s.on('error', (e) => res({ ok: false, error: e.code || e.message }));
    s.setTimeout(5000, () => { s.destroy(); res({ ok: false, error: 'timeout' }); });
  });
}

test('login over HTTPS sets a __Host- cookie with Secure, HttpOnly, SameSite=Strict, Path=/', async () => {
  const r = await req('POST', '/api/login', { body: { username: 'admin', password: ADMIN_PASS } });
  assert.equal(r.status, 200);
  assert.match(r.protocol, /^TLSv1\.[23]$/);
  const cookies = r.headers['set-cookie'];
  assert.equal(cookies.length, 1);
  const parts = cookies[0].split(';').map((s) => s.trim());
  assert.match(parts[0], /^__Host-yq_session=[0-9a-f]{64}$/);
  for (const attr of ['Secure', 'HttpOnly', 'SameSite=Strict', 'Path=/']) assert.ok(parts.includes(attr), `${attr} in ${cookies[0]}`);
  assert.ok(!parts.some((p) => /^Domain=/i.test(p)), '__Host- cookies carry no Domain');
  assert.match(r.headers['strict-transport-security'], /max-age=\d+/);
  // the console's flow: cookie + CSRF token from the login answer
  const cookie = parts[0];
  const me = await req('GET', '/api/me', { headers: { Cookie: cookie } });
  assert.equal(me.status, 200);
  assert.equal(me.json.user.username, 'admin');
  const noCsrf = await req('POST', '/api/depts', { body: { name: 'TLS部门' }, headers: { Cookie: cookie } });
  assert.equal(noCsrf.status, 403);
  const made = await req('POST', '/api/depts', { body: { name: 'TLS部门' }, headers: { Cookie: cookie, 'X-CSRF-Token': r.json.csrf_token } });
  assert.equal(made.status, 201);
  const out = await req('POST', '/api/logout', { headers: { Cookie: cookie, 'X-CSRF-Token': r.json.csrf_token } });
  assert.equal(out.status, 204);
  assert.match(out.headers['set-cookie'][0], /^__Host-yq_session=; Path=\/; Max-Age=0; HttpOnly; SameSite=Strict; Secure$/);
  assert.equal((await req('GET', '/api/me', { headers: { Cookie: cookie } })).status, 401);
});

test('TLS 1.2 and 1.3 handshakes succeed', async () => {
  const v12 = await handshake('TLSv1.2', 'TLSv1.2');
  assert.deepEqual(v12, { ok: true, protocol: 'TLSv1.2' });
  const v13 = await handshake('TLSv1.3', 'TLSv1.3');
  assert.deepEqual(v13, { ok: true, protocol: 'TLSv1.3' });
});

test('TLS 1.2 offers only ECDHE key exchange with AEAD ciphers: CBC and SHA-1 suites are refused', async () => {
  // suites a client may offer (the certificate is ECDSA): each CBC one alone, then all of them
  const cbc = ['ECDHE-ECDSA-AES128-SHA', 'ECDHE-ECDSA-AES256-SHA', 'ECDHE-ECDSA-AES128-SHA256',
    'ECDHE-ECDSA-AES256-SHA384'];
  for (const c of [...cbc, cbc.join(':')]) {
    const r = await handshake('TLSv1.2', 'TLSv1.2', c + '@SECLEVEL=0');
    assert.equal(r.ok, false, `${c} accepted: ${JSON.stringify(r)}`);
    assert.notEqual(r.error, 'ERR_SSL_NO_CIPHERS_AVAILABLE', `${c}: the client could not offer it`);
  }
  for (const [c, name] of [['ECDHE-ECDSA-AES128-GCM-SHA256', 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256'],
    ['ECDHE-ECDSA-AES256-GCM-SHA384', 'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384'],
    ['ECDHE-ECDSA-CHACHA20-POLY1305', 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256']]) {
    assert.deepEqual(await handshake('TLSv1.2', 'TLSv1.2', c), { ok: true, protocol: 'TLSv1.2', cipher: name });
  }
  // a client offering everything gets an AEAD suite
  const any = await handshake('TLSv1.2', 'TLSv1.2', 'ALL@SECLEVEL=0');
  assert.match(any.cipher, /^TLS_ECDHE_ECDSA_WITH_(AES_\d+_GCM|CHACHA20_POLY1305)/);
});

test('under TLS only the __Host- cookie opens the session, not a plain yq_session cookie', async () => {
  const r = await req('POST', '/api/login', { body: { username: 'admin', password: ADMIN_PASS } });
  assert.equal(r.status, 200);
  const token = r.headers['set-cookie'][0].match(/^__Host-yq_session=([0-9a-f]{64})/)[1];
  assert.equal((await req('GET', '/api/me', { headers: { Cookie: `__Host-yq_session=${token}` } })).status, 200);
  const plain = await req('GET', '/api/me', { headers: { Cookie: `yq_session=${token}` } });
  assert.equal(plain.status, 401, 'a plain cookie (one a plain-HTTP page could plant) is ignored');
  assert.equal(plain.json.error.code, 'unauthenticated');
});

test('TLS 1.0 and 1.1 handshakes are refused by the server', async () => {
  for (const v of ['TLSv1', 'TLSv1.1']) {
    const r = await handshake('TLSv1', v);
    assert.equal(r.ok, false, `${v} handshake accepted: ${JSON.stringify(r)}`);
    console.log(`tls ${v}: refused (${r.error})`);
    // the client did offer the version (SECLEVEL=0): the refusal comes from the server
    assert.notEqual(r.error, 'ERR_SSL_NO_PROTOCOLS_AVAILABLE', `${v}: the client could not offer it`);
  }
  assert.equal((await req('GET', '/healthz')).status, 200, 'the server still answers afterwards');
});

test('plain HTTP on the TLS port gets no HTTP answer', async () => {
  const out = await rawRequest(port, 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n', 1500);
  assert.doesNotMatch(out, /HTTP\/1\.[01] \d{3}/);
  assert.doesNotMatch(out, /"status"/);
  const f = await fetch(`http://127.0.0.1:${port}/healthz`).then(() => 'answered', (e) => 'failed');
  assert.equal(f, 'failed');
});
