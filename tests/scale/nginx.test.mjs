// Two stateless servers behind nginx on one PostgreSQL (issue 15): nginx from Debian with the
// configuration of deploy/nginx.conf (its upstream and proxy settings, in a temporary prefix on a
// free loopback port); a session made through nginx is valid on both servers directly and ended
// on both by a logout on one; requests through nginx are spread over both; the client's address
// reaches the servers through X-Forwarded-For (--trusted-proxy); with one server stopped nginx
// keeps answering from the other.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import { Client, PgCluster, genDatabase, login, metrics, sharedEnv, sleep, startServer } from './lib.mjs';

const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
let pg, shared, url, a, b, nginx, dir, base;

/** A free loopback port (bound and closed). */
function freePort() {
  return new Promise((res, rej) => {
    const s = net.createServer();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => res(port)); });
  });
}

/** The nginx.conf of deploy/ for a test: the same upstream and location blocks, with the prefix's
 * own pid file, logs and temporary folders, in the foreground. */
function nginxConf(port, backends) {
  const deploy = readFileSync(new URL('../../deploy/nginx.conf', import.meta.url), 'utf8');
  // the proxy settings of the deployed configuration, taken as they are
  const loc = deploy.match(/location \/ \{[\s\S]*?\n {4}\}/);
  if (!loc) throw new Error('deploy/nginx.conf: no "location / {" block');
  return `worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
    access_log ${dir}/access.log;
    client_body_temp_path ${dir}/tmp/body;
    proxy_temp_path ${dir}/tmp/proxy;
    fastcgi_temp_path ${dir}/tmp/fastcgi;
    uwsgi_temp_path ${dir}/tmp/uwsgi;
    scgi_temp_path ${dir}/tmp/scgi;
    upstream yuanqu {
${backends.map((p) => `        server 127.0.0.1:${p} max_fails=1 fail_timeout=10s;`).join('\n')}
        keepalive 16;
    }
    server {
        listen 127.0.0.1:${port};
        client_max_body_size 64m;
        ${loc[0]}
    }
}
`;
}

before(async () => {
  assert.ok(NGINX, 'nginx is installed (tools/deps.sh test installs the Debian package)');
  shared = sharedEnv();
  pg = new PgCluster();
  url = genDatabase(pg, shared.env, 1);
  const args = ['--trusted-proxy', '127.0.0.1'];
  [a, b] = await Promise.all([startServer({ db: url, args, env: shared.env }), startServer({ db: url, args, env: shared.env })]);
  dir = mkdtempSync(join(tmpdir(), 'yq-nginx-'));
  chmodSync(dir, 0o755); // nginx's workers (nobody, when started as root) reach the prefix
  mkdirSync(join(dir, 'tmp'));
  const port = await freePort();
  writeFileSync(join(dir, 'nginx.conf'), nginxConf(port, [a.port, b.port]));
  nginx = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')], { stdio: 'ignore' });
  base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try { if ((await fetch(base + '/healthz')).status === 200) break; } catch { /* not yet */ }
    if (i > 100 || nginx.exitCode !== null) throw new Error('nginx did not start: ' + (existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8') : ''));
    await sleep(100);
  }
});

after(async () => {
  if (nginx && nginx.exitCode === null) {
    nginx.kill('SIGQUIT');
    await new Promise((r) => nginx.once('exit', r));
  }
  await a?.stop();
  await b?.stop();
  pg?.destroy();
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (shared) rmSync(shared.dataDir, { recursive: true, force: true });
});

const meCount = async (srv) => (await metrics(srv.base, shared.token))['yuanqu_http_requests_total{method="GET",route="/api/me",status="200"}'] || 0;

test('a session made through nginx is valid on both servers, and a logout on one ends it on both', async () => {
  const c = await login(base, 'gen001-admin');
  for (const srv of [a, b]) {
    const d = new Client(srv.base);
    d.cookies = { ...c.cookies };
    const r = await d.get('/api/me');
    assert.equal(r.status, 200, `the session on ${srv.base}: ${r.body}`);
    assert.equal(r.json.user.username, 'gen001-admin');
  }
  // a write through nginx with the CSRF token of the login, then a logout on server a directly
  const t = await c.get('/api/tickets?page_size=1');
  assert.equal(t.status, 200);
  const d = new Client(a.base);
  d.cookies = { ...c.cookies };
  d.csrf = c.csrf;
  assert.equal((await d.post('/api/logout')).status, 204);
  const e = new Client(b.base);
  e.cookies = { ...c.cookies };
  assert.equal((await e.get('/api/me')).status, 401, 'the session ended on server b too');
});

test('nginx spreads the requests over both servers and passes the client address', async () => {
  const c = await login(base, 'gen001-admin');
  const [a0, b0] = [await meCount(a), await meCount(b)];
  for (let i = 0; i < 40; i++) assert.equal((await c.get('/api/me')).status, 200);
  const [a1, b1] = [await meCount(a), await meCount(b)];
  assert.equal(a1 - a0 + b1 - b0, 40);
  assert.ok(a1 - a0 >= 10 && b1 - b0 >= 10, `both servers answered: ${a1 - a0} and ${b1 - b0}`);
  // the address the client came from, as nginx appends it to X-Forwarded-For: the servers trust
  // 127.0.0.1 (--trusted-proxy), so a forwarded address before it is the client's
  for (let i = 0; i < 2; i++) {
    const r = await c.get('/api/me', { headers: { 'X-Forwarded-For': '203.0.113.7' } });
    assert.equal(r.status, 200);
  }
  await sleep(100);
  assert.match(a.log() + b.log(), /access GET \/api\/me 200 [0-9.]+ms user=gen001-admin ip=203\.0\.113\.7/,
    'the access log names the forwarded address');
  console.log(`nginx: 40 requests through nginx: ${a1 - a0} on server a, ${b1 - b0} on server b`);
});

test('with one server stopped, nginx keeps answering from the other', async () => {
  const c = await login(base, 'gen001-admin');
  await b.stop();
  const statuses = {};
  for (let i = 0; i < 30; i++) {
    const r = await c.get('/api/me');
    statuses[r.status] = (statuses[r.status] || 0) + 1;
  }
  assert.deepEqual(statuses, { 200: 30 }, JSON.stringify(statuses));
  console.log('nginx: server b stopped: 30 of 30 requests answered 200 by server a');
});
