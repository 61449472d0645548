// Test harness for the API tests: starts a real `yuanqu serve` on 127.0.0.1 against a fresh
// database (SQLite file, or a new database on the throwaway PostgreSQL from tests/pg.sh) and
// gives a small client with a cookie jar and the CSRF token.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, existsSync, mkdirSync, copyFileSync, writeFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import net from 'node:net';

export const ROOT = resolve(new URL('../..', import.meta.url).pathname);
export const BIN = process.env.YQ_BIN || join(ROOT, 'build/yuanqu');
export const ENGINE = process.env.YQ_ENGINE || 'sqlite';
export const ADMIN_PASS = 'Root-Passw0rd!2026'; // never containing the user name (the policy refuses that)
let seq = 0;

/** A new empty database URL for the engine under test. */
export function newDatabase() {
  const name = `yq_${process.pid}_${Date.now() % 1e8}_${seq++}`;
  if (ENGINE === 'postgres') {
    const host = process.env.YQ_PG_HOST, port = process.env.YQ_PG_PORT;
    execFileSync(join(process.env.YQ_PG_BIN, 'createdb'), ['-h', host, '-p', port, '-U', 'yuanqu', name]);
    return `postgresql://yuanqu@/${name}?host=${encodeURIComponent(host)}&port=${port}`;
  }
  const dir = mkdtempSync(join(tmpdir(), 'yq-api-'));
  return `sqlite:${join(dir, 'yuanqu.db')}`;
}

/** The demo accounts' password in a database from demoDatabase(). */
export const DEMO_PW = 'Demo-Passw0rd!2026';

/**
 * A new database holding the demo (`yuanqu demo`, every account's password DEMO_PW). The demo is
 * built once per binary and engine — the first test file that asks builds it while the others
 * wait — and each caller gets its own copy: the file (and its audit key) on SQLite, CREATE
 * DATABASE … TEMPLATE on PostgreSQL. Building it took most of a test file's time.
 */
export function demoDatabase() {
  const st = statSync(BIN);
  // on PostgreSQL the cluster too: its socket is made anew by each start (a template of a cluster
  // since removed is not there)
  let cluster = '';
  if (ENGINE === 'postgres') {
    const sock = statSync(join(process.env.YQ_PG_HOST, `.s.PGSQL.${process.env.YQ_PG_PORT}`));
    cluster = `${process.env.YQ_PG_HOST} ${process.env.YQ_PG_PORT} ${sock.ino} ${sock.mtimeMs}`;
  }
  const tag = createHash('sha256').update(`${BIN} ${st.size} ${st.mtimeMs} ${ENGINE} ${cluster}`).digest('hex').slice(0, 12);
  const dir = join(tmpdir(), `yq-demo-${tag}`);
  const tplName = `yq_demo_${tag}`;
  const tplUrl = ENGINE === 'postgres'
    ? `postgresql://yuanqu@/${tplName}?host=${encodeURIComponent(process.env.YQ_PG_HOST)}&port=${process.env.YQ_PG_PORT}`
    : `sqlite:${join(dir, 'db', 'yuanqu.db')}`;
  let mine = false;
  try { mkdirSync(dir); mine = true; } catch { /* another file builds it */ }
  if (mine) {
    try {
      if (ENGINE === 'postgres') {
        execFileSync(join(process.env.YQ_PG_BIN, 'createdb'), ['-h', process.env.YQ_PG_HOST, '-p', process.env.YQ_PG_PORT, '-U', 'yuanqu', tplName]);
      } else mkdirSync(join(dir, 'db'));
      const d = cli(['demo', '--db', tplUrl, '--password-stdin'], { input: DEMO_PW + '\n' });
      if (d.code !== 0) throw new Error(`demo failed: ${d.stderr}`);
      writeFileSync(join(dir, 'ready'), 'ok');
    } catch (e) {
      writeFileSync(join(dir, 'ready'), String(e.message || e));
      throw e;
    }
  }
  const wait = new Int32Array(new SharedArrayBuffer(4));
  for (let i = 0; !existsSync(join(dir, 'ready')); i++) {
    if (i > 6000) throw new Error('the demo template was not built within 10 minutes');
    Atomics.wait(wait, 0, 0, 100);
  }
  if (!mine && statSync(join(dir, 'ready')).size !== 2) throw new Error('the demo template failed to build');
  if (ENGINE === 'postgres') {
    const name = `yq_${process.pid}_${Date.now() % 1e8}_${seq++}`;
    execFileSync(join(process.env.YQ_PG_BIN, 'createdb'), ['-h', process.env.YQ_PG_HOST, '-p', process.env.YQ_PG_PORT, '-U', 'yuanqu', '-T', tplName, name]);
    return `postgresql://yuanqu@/${name}?host=${encodeURIComponent(process.env.YQ_PG_HOST)}&port=${process.env.YQ_PG_PORT}`;
  }
  const to = mkdtempSync(join(tmpdir(), 'yq-api-'));
  for (const f of ['yuanqu.db', 'audit.key', 'gm.key']) {
    if (existsSync(join(dir, 'db', f))) copyFileSync(join(dir, 'db', f), join(to, f));
  }
  return `sqlite:${join(to, 'yuanqu.db')}`;
}

/** Runs the CLI (killed after `timeout` ms when given); returns {code, stdout, stderr}. */
export function cli(args, { input, env, timeout } = {}) {
  try {
    const stdout = execFileSync(BIN, args, { input, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'], timeout });
    return { code: 0, stdout: stdout.toString(), stderr: '' };
  } catch (e) {
    return { code: e.status, stdout: e.stdout?.toString() ?? '', stderr: e.stderr?.toString() ?? '' };
  }
}

/** Creates a database with the first zone and admin (password ADMIN_PASS). */
export function initDatabase(db = newDatabase(), env = {}) {
  const r = cli(['init', '--db', db, '--password-stdin'], { input: ADMIN_PASS + '\n', env });
  if (r.code !== 0) throw new Error(`init failed: ${r.stderr}`);
  return db;
}

/** Starts a server; resolves to {base, port, db, proc, log(), stop(signal)}. */
export async function startServer({ db, args = [], env = {} } = {}) {
  db = db || initDatabase(undefined, env); // the same data directory (and audit key) as the server
  const proc = spawn(BIN, ['serve', '--db', db, '--listen', '127.0.0.1:0', ...args], {
    env: { ...process.env, YUANQU_LOG: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  proc.stdout.on('data', (d) => { log += d; });
  proc.stderr.on('data', (d) => { log += d; });
  const exited = new Promise((res) => proc.on('exit', (code, sig) => res({ code, sig })));
  const port = await new Promise((res, rej) => {
    const t = setTimeout(() => rej(new Error('server did not start: ' + log)), 15000);
    const check = () => {
      const m = log.match(/listening on http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) { clearTimeout(t); res(Number(m[1])); } else setTimeout(check, 20);
    };
    proc.on('exit', () => { clearTimeout(t); rej(new Error('server exited: ' + log)); });
    check();
  });
  const base = `http://127.0.0.1:${port}`;
  return {
    base, port, db, proc, exited,
    log: () => log,
    async stop(signal = 'SIGTERM') {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      const r = await exited;
      if (/AddressSanitizer|runtime error:|LeakSanitizer/.test(log)) {
        throw new Error('sanitizer report in server log:\n' + log.slice(-4000));
      }
      return r;
    },
  };
}

/** An HTTP client with a cookie jar and the CSRF token from login. */
export class Client {
  constructor(base) { this.base = base; this.cookies = {}; this.csrf = null; this.lang = null; }
  cookieHeader() { return Object.entries(this.cookies).map(([k, v]) => `${k}=${v}`).join('; '); }
  async req(method, path, body, { headers = {}, raw = false } = {}) {
    const h = { ...headers };
    if (Object.keys(this.cookies).length) h.Cookie = this.cookieHeader();
    if (this.csrf && method !== 'GET' && !('X-CSRF-Token' in h)) h['X-CSRF-Token'] = this.csrf;
    if (this.lang) h['Accept-Language'] = this.lang;
    let payload;
    if (body !== undefined) {
      payload = typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body);
      if (!h['Content-Type']) h['Content-Type'] = 'application/json';
    }
    const res = await fetch(this.base + path, { method, headers: h, body: payload, redirect: 'manual' });
    for (const c of res.headers.getSetCookie?.() ?? []) {
      const [kv] = c.split(';');
      const i = kv.indexOf('=');
      const k = kv.slice(0, i), v = kv.slice(i + 1);
      if (v === '') delete this.cookies[k]; else this.cookies[k] = v;
    }
    const buf = Buffer.from(await res.arrayBuffer());
    let json = null;
    if ((res.headers.get('content-type') || '').includes('json') && buf.length) {
      json = JSON.parse(buf.toString('utf8'));
    }
    return { status: res.status, headers: res.headers, json, body: raw ? buf : buf.toString('utf8') };
  }
  get(p, o) { return this.req('GET', p, undefined, o); }
  post(p, b, o) { return this.req('POST', p, b, o); }
  put(p, b, o) { return this.req('PUT', p, b, o); }
  patch(p, b, o) { return this.req('PATCH', p, b, o); }
  del(p, o) { return this.req('DELETE', p, undefined, o); }
  /** Uploads one file in the multipart field "file". */
  upload(p, filename, content, type = 'application/octet-stream') {
    const b = '----yqupload' + Math.random().toString(16).slice(2);
    const head = Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`);
    const form = Buffer.concat([head, Buffer.from(content), Buffer.from(`\r\n--${b}--\r\n`)]);
    return this.req('POST', p, new Uint8Array(form), { headers: { 'Content-Type': `multipart/form-data; boundary=${b}` } });
  }
  async login(username, password) {
    const r = await this.post('/api/login', { username, password });
    if (r.status === 200) this.csrf = r.json.csrf_token;
    return r;
  }
}

/** Logs in as admin and returns the client. */
export async function adminClient(srv) {
  const c = new Client(srv.base);
  const r = await c.login('admin', ADMIN_PASS);
  if (r.status !== 200) throw new Error('admin login failed: ' + r.body);
  return c;
}

/** Sends raw bytes over TCP and returns the raw response text (closes after `wait` ms idle). */
export function rawRequest(port, data, wait = 1500) {
  return new Promise((res) => {
    const s = net.connect(port, '127.0.0.1');
    let out = '';
    let timer = setTimeout(() => s.destroy(), wait);
    s.on('data', (d) => { out += d; clearTimeout(timer); timer = setTimeout(() => s.destroy(), 300); });
    s.on('close', () => { clearTimeout(timer); res(out); });
    s.on('error', () => {});
    s.write(data);
  });
}

/** Parses CSV text (CRLF rows, quoted fields with "" for a quote) into rows of cells. */
export function readCsv(text) {
  const rows = [];
  let row = [], cell = '', q = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (q) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') q = false; else cell += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') { row.push(cell); cell = ''; }
    else if (ch === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; }
    else cell += ch;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export { existsSync };

/** The GB 32100 check character of the first 17 characters of a USCC. */
export function usccCheck(first17) {
  const cs = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const w = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  let s = 0;
  for (let i = 0; i < 17; i++) s += cs.indexOf(first17[i]) * w[i];
  return cs[(31 - (s % 31)) % 31];
}

/** A valid USCC: the 10-character prefix, n on 7 digits, the check character. */
export function uscc(prefix, n) {
  const b = prefix + String(n).padStart(7, '0');
  return b + usccCheck(b);
}

/** Creates a user through `admin` with password `pw`, logs it in, changes the forced password
 * (to pw + 'x'); returns its client. */
export async function newUser(srv, admin, username, role, extra, pw) {
  const r = await admin.post('/api/users', { username, role, password: pw, ...extra });
  if (r.status !== 201) throw new Error(`create ${username}: ${r.status} ${r.body}`);
  const c = new Client(srv.base);
  if ((await c.login(username, pw)).status !== 200) throw new Error(`login ${username}`);
  if ((await c.put('/api/me/password', { old_password: pw, new_password: pw + 'x' })).status !== 204) throw new Error(`password ${username}`);
  return c;
}
