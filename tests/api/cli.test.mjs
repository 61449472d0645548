// The command line: init, migrate, user add|passwd|lock|unlock|list, backup, version, --help.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cli, newDatabase, startServer, Client, ENGINE } from './lib.mjs';
import { mkdtempSync, existsSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

test('init prints a generated admin password once and forces a change', async () => {
  const db = newDatabase();
  const r = cli(['init', '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  const m = r.stdout.match(/admin password \(shown once.*\): (\S+)/);
  assert.ok(m, r.stdout);
  const again = cli(['init', '--db', db]);
  assert.equal(again.code, 0);
  assert.doesNotMatch(again.stdout, /password/);
  const srv = await startServer({ db });
  try {
    const c = new Client(srv.base);
    const login = await c.login('admin', m[1]);
    assert.equal(login.status, 200);
    assert.equal(login.json.user.must_change_password, true);
  } finally { await srv.stop(); }
});

test('user commands', async () => {
  const db = newDatabase();
  assert.equal(cli(['init', '--db', db, '--password-stdin'], { input: 'Cli-Root-Passw0rd\n' }).code, 0);
  let r = cli(['user', 'add', 'lead2', '--role', 'leader', '--password-stdin', '--db', db], { input: 'Lead-Passw0rd-77\n' });
  assert.equal(r.code, 0, r.stderr);
  r = cli(['user', 'add', 'lead2', '--role', 'leader', '--password-stdin', '--db', db], { input: 'Lead-Passw0rd-77\n' });
  assert.notEqual(r.code, 0, 'duplicate name refused');
  r = cli(['user', 'add', 'weak1', '--role', 'leader', '--password-stdin', '--db', db], { input: 'short\n' });
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /password/);
  r = cli(['user', 'add', 'prov', '--role', 'province', '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /password \(shown once/);
  r = cli(['user', 'list', '--db', db]);
  assert.match(r.stdout, /lead2/);
  assert.equal(cli(['user', 'lock', 'lead2', '--db', db]).code, 0);
  const srv = await startServer({ db });
  try {
    assert.equal((await new Client(srv.base).login('lead2', 'Lead-Passw0rd-77')).status, 403);
    assert.equal(cli(['user', 'unlock', 'lead2', '--db', db]).code, 0);
    assert.equal((await new Client(srv.base).login('lead2', 'Lead-Passw0rd-77')).status, 200);
    assert.equal(cli(['user', 'passwd', 'lead2', '--password-stdin', '--db', db], { input: 'Other-Passw0rd-88\n' }).code, 0);
    const c = new Client(srv.base);
    const l = await c.login('lead2', 'Other-Passw0rd-88');
    assert.equal(l.status, 200);
    assert.equal(l.json.user.must_change_password, false, '--password-stdin is not forced to change');
  } finally { await srv.stop(); }
  assert.notEqual(cli(['user', 'lock', 'ghost', '--db', db]).code, 0);
});

test('migrate, version and --help', () => {
  const db = newDatabase();
  const r = cli(['migrate', '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /schema version \d+/);
  assert.match(cli(['version']).stdout, /^yuanqu \d+\.\d+/);
  for (const c of ['serve', 'init', 'migrate', 'user', 'backup']) {
    const h = cli([c, '--help']);
    assert.equal(h.code, 0, c);
    assert.match(h.stdout, /usage: yuanqu/);
  }
  assert.equal(cli(['bogus']).code, 2);
});

test('backup writes a consistent copy', { skip: ENGINE !== 'sqlite' && 'SQLite only' }, () => {
  const db = newDatabase();
  cli(['init', '--db', db, '--password-stdin'], { input: 'Cli-Root-Passw0rd\n' });
  const out = join(mkdtempSync(join(tmpdir(), 'yq-bk-')), 'copy.db');
  const r = cli(['backup', '--db', db, out]);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(existsSync(out));
  const l = cli(['user', 'list', '--db', 'sqlite:' + out]);
  assert.match(l.stdout, /admin/);
});

test('files the program creates are 0600: database, WAL, backup, briefings', async () => {
  const mode = (f) => (statSync(f).mode & 0o777).toString(8);
  const dir = mkdtempSync(join(tmpdir(), 'yq-mode-'));
  const out = (name) => join(dir, name);
  let db;
  if (ENGINE === 'sqlite') {
    db = 'sqlite:' + out('y.db');
    assert.equal(cli(['init', '--db', db, '--password-stdin'], { input: 'Cli-Root-Passw0rd\n' }).code, 0);
    const srv = await startServer({ db });
    try {
      const c = new Client(srv.base);
      assert.equal((await c.login('admin', 'Cli-Root-Passw0rd')).status, 200); // a write: the WAL grows
      for (const f of ['y.db', 'y.db-wal', 'y.db-shm', 'audit.key']) assert.equal(mode(out(f)), '600', f);
    } finally { await srv.stop(); }
    assert.equal(cli(['backup', '--db', db, out('copy.db')]).code, 0);
    assert.equal(mode(out('copy.db')), '600', 'a new backup');
    writeFileSync(out('old.db'), '');
    chmodSync(out('old.db'), 0o644);
    assert.equal(cli(['backup', '--db', db, out('old.db')]).code, 0);
    assert.equal(mode(out('old.db')), '600', 'a backup over an older 0644 file');
  } else {
    db = newDatabase();
    assert.equal(cli(['init', '--db', db, '--password-stdin'], { input: 'Cli-Root-Passw0rd\n' }).code, 0);
  }
  const pdf = cli(['briefing', '--db', db, '--out', out('b.pdf')]);
  assert.equal(pdf.code, 0, pdf.stderr);
  assert.equal(mode(out('b.pdf')), '600');
  writeFileSync(out('b.html'), 'old');
  chmodSync(out('b.html'), 0o644);
  const html = cli(['briefing', '--db', db, '--out', out('b.html')]);
  assert.equal(html.code, 0, html.stderr);
  assert.equal(mode(out('b.html')), '600', 'an HTML briefing over an older 0644 file');
});

test('backup on PostgreSQL points to pg_dump', { skip: ENGINE !== 'postgres' && 'PostgreSQL only' }, () => {
  const r = cli(['backup', '--db', newDatabase(), '/tmp/x.db']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /pg_dump/);
});
