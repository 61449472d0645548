// yuanqu gen: the benchmark data set is deterministic (same seed and --now → same rows, on either
// engine), readable through the API, and on PostgreSQL its pipelined INSERTs (db_bulk) report
// a failure: the zone is rolled back and the command fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, newDatabase, startServer, Client, ENGINE } from './lib.mjs';

const NOW = '1795000000';
const ARGS = ['--zones', '2', '--enterprises-per-zone', '60', '--tickets-per-zone', '240', '--now', NOW];

function gen(db, extra = []) {
  return cli(['gen', '--db', db, ...ARGS, ...extra]);
}

/** What zone 1's administrator sees: every request with its timeline, every enterprise, a search. */
async function snapshot(db) {
  const srv = await startServer({ db });
  try {
    const c = new Client(srv.base);
    const login = await c.login('gen001-admin', 'Gen-Passw0rd-2026');
    assert.equal(login.status, 200, login.body);
    const t = await c.get('/api/tickets?page_size=200&sort=created_at');
    const t2 = await c.get('/api/tickets?page_size=200&page=2&sort=created_at');
    assert.equal(t.status, 200);
    const tickets = [...t.json.items, ...t2.json.items];
    const timelines = [];
    for (const id of tickets.filter((_, i) => i % 20 === 0).map((x) => x.id)) {
      const g = await c.get(`/api/tickets/${id}`);
      assert.equal(g.status, 200);
      timelines.push(g.json.timeline.map(({ at, action, from_status, to_status, body }) => ({ at, action, from_status, to_status, body })));
    }
    const e = await c.get('/api/enterprises?page_size=200&sort=name');
    assert.equal(e.status, 200);
    const ents = e.json.items.map(({ created_at, updated_at, ...rest }) => rest);
    const s = await c.get('/api/tickets?q=%E8%B4%B7%E6%AC%BE&page_size=200&sort=created_at');
    assert.equal(s.status, 200);
    return { total: t.json.total, tickets, timelines, ents, entTotal: e.json.total, search: s.json.items.map((x) => x.id) };
  } finally { await srv.stop(); }
}

test('gen builds the same data set every time, and the same on SQLite and PostgreSQL', async () => {
  const a = newDatabase();
  let r = gen(a);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /2 zones, 9 users, 120 enterprises, 480 requests/);
  // the second database: the other engine when PostgreSQL is under test, else a second file
  const b = ENGINE === 'postgres'
    ? `sqlite:${join(mkdtempSync(join(tmpdir(), 'yq-gen-')), 'gen.db')}`
    : newDatabase();
  r = gen(b);
  assert.equal(r.code, 0, r.stderr);
  const x = await snapshot(a), y = await snapshot(b);
  assert.equal(x.total, 240);
  assert.equal(x.tickets.length, 240);
  assert.equal(x.entTotal, 60);
  assert.ok(x.search.length > 0, 'the two-character search finds generated requests');
  assert.ok(x.timelines.every((tl) => tl.length >= 1 && tl[0].action === 'submit'), JSON.stringify(x.timelines.slice(0, 2)));
  assert.deepEqual(y, x);
  // gen builds each zone's statistics summaries: equal to the rows (yuanqu stats check)
  const chk = cli(['stats', 'check', '--db', a]);
  assert.equal(chk.code, 0, chk.stdout + chk.stderr);
  assert.match(chk.stdout, /stats: zone gen001: 0 differences in 2 years, 1[12] months\nstats: zone gen002: 0 differences/);
  // another --now gives other requests: the option is what makes runs repeatable
  const c = newDatabase();
  r = cli(['gen', '--db', c, ...ARGS.slice(0, -2), '--now', String(Number(NOW) + 40 * 86400)]);
  assert.equal(r.code, 0, r.stderr);
  const z = await snapshot(c);
  assert.notDeepEqual(z.tickets, x.tickets);
});

test('gen refuses a bad --now', () => {
  const r = gen(newDatabase(), ['--now', 'yesterday']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /usage/);
});

test('gen on PostgreSQL: a failing pipelined INSERT fails the command and keeps nothing of the zone',
  { skip: ENGINE !== 'postgres' && 'PostgreSQL only' }, () => {
    const db = newDatabase();
    let r = cli(['migrate', '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    const psql = (sql) => execFileSync(join(process.env.YQ_PG_BIN, 'psql'), ['-qAt', '-v', 'ON_ERROR_STOP=1', '-d', db, '-c', sql]).toString().trim();
    // the 100th request's timeline (an INSERT sent without waiting for its reply) is refused
    psql(`CREATE FUNCTION yq_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN IF NEW.ref_id = 100 THEN RAISE EXCEPTION 'refused by test trigger'; END IF; RETURN NEW; END $$;
          CREATE TRIGGER yq_test_refuse BEFORE INSERT ON work_event FOR EACH ROW EXECUTE FUNCTION yq_test_refuse();`);
    r = gen(db);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /refused by test trigger/);
    assert.match(r.stderr, /generating failed/);
    assert.equal(psql('SELECT COUNT(*) FROM zone'), '0');
    assert.equal(psql('SELECT COUNT(*) FROM ticket'), '0');
    assert.equal(psql('SELECT COUNT(*) FROM enterprise'), '0');
    // without the trigger the same database takes the set
    psql('DROP TRIGGER yq_test_refuse ON work_event');
    r = gen(db);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(psql('SELECT COUNT(*) FROM ticket'), '480');
    assert.equal(psql('SELECT COUNT(*) FROM ticket_search'), psql('SELECT COUNT(*) FROM ticket'), 'every request is indexed');
  });

test('every generated request is found by search, whatever its state', async () => {
  // rejected, closed and open requests alike (issue 16 item 7: rejected ones were never indexed)
  const db = newDatabase();
  const r = gen(db);
  assert.equal(r.code, 0, r.stderr);
  const srv = await startServer({ db });
  try {
    const c = new Client(srv.base);
    assert.equal((await c.login('gen001-admin', 'Gen-Passw0rd-2026')).status, 200);
    const states = new Map();
    for (const page of [1, 2]) {
      for (const t of (await c.get(`/api/tickets?page_size=200&page=${page}&sort=created_at`)).json.items) {
        if (!states.has(t.status)) states.set(t.status, []);
        states.get(t.status).push(t);
      }
    }
    assert.ok(states.has('rejected') && states.has('closed'), [...states.keys()].join());
    for (const [status, list] of states) {
      for (const t of list.slice(0, 3)) {
        const s = await c.get(`/api/tickets?status=${status}&q=${encodeURIComponent(t.title)}&page_size=200`);
        assert.equal(s.status, 200);
        assert.ok(s.json.items.some((x) => x.id === t.id), `${status} request ${t.no} (${t.title}) is found`);
      }
    }
  } finally { await srv.stop(); }
});

// the generator is the same on both engines (the first test); its figures are ranked once
test('the generated province: 长春经开区 first of its 吉林 zones in the 综合考核 ranking',
  { skip: ENGINE === 'postgres' ? 'the same rows on both engines: ranked on SQLite' : false }, async () => {
  // the seed's "全省120家开发区综合考核排名第1": zone 1 is 长春经开区, the strongest of the
  // generated 吉林省; the others smaller, each by its own draw (bench/run.sh measures 120 zones)
  const db = newDatabase();
  const r = cli(['gen', '--db', db, '--zones', '12', '--enterprises-per-zone', '150', '--tickets-per-zone', '60',
    '--projects-per-zone', '100', '--econ-months', '24', '--now', NOW]);
  assert.equal(r.code, 0, r.stderr);
  const srv = await startServer({ db });
  try {
    const c = new Client(srv.base);
    const login = await c.login('gen-province', 'Gen-Passw0rd-2026');
    assert.equal(login.status, 200, login.body);
    assert.equal(login.json.zones.length, 12);
    const k = await c.get('/api/region/ranking?period=2026-10');
    assert.equal(k.status, 200, k.body);
    assert.equal(k.json.zones, 12);
    const first = k.json.items[0];
    assert.equal(first.zone, '长春经济技术开发区', k.json.items.map((z) => `${z.rank} ${z.zone} ${z.score}`).join('; '));
    assert.equal(first.rank, 1);
    assert.equal(first.region_code, '220100');
    assert.equal(first.level, 'national');
    assert.ok(first.score > k.json.items[1].score, 'ahead of the second');
    // its figures are the system's own: the year-on-year growth is computed from 24 months
    const yoy = first.scores.find((s) => s.metric === 'econ.output.yoy');
    assert.ok(Number.isFinite(yoy.value), JSON.stringify(yoy));
  } finally { await srv.stop(); }
});
