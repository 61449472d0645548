// Request statistics from summaries (issue 16 item 5): a zone-wide caller's GET /api/tickets/stats
// is read from per-zone summaries kept in the transaction of every change of a request; they
// must equal, member for member, the figures computed from the rows. Each step of a request's
// life is followed by three comparisons: `yuanqu stats check` (both ways over every year, month
// and the whole span, exit 0); the API's answer from the summaries against its answer from the
// rows (the summaries marked stale, so that one read answers from the rows and rebuilds them);
// and a department-scoped caller (always from the rows) against that department's row.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cli, newDatabase, startServer, Client, newUser } from './lib.mjs';
import { sql, undo0016, migratedFrom } from './undo_migrations.mjs';

const NOW = '1795000000'; // 2026-11-17, the end of the generated year
const GEN = ['--zones', '1', '--enterprises-per-zone', '40', '--tickets-per-zone', '300', '--now', NOW];
const PW = 'Stats-Passw0rd-2026';

let srv, db, admin, hd, entA, ids = {};
const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10); // China Standard Time
const SPANS = ['', 'from=2026-01-01&to=2026-12-31', `from=${today.slice(0, 4)}-01-01&to=${today}`,
  `from=${today.slice(0, 7)}-01&to=${today}`, 'from=2026-03-17&to=2026-11-05', `from=${today}&to=${today}`];
const GROUPS = ['dept', 'category', 'channel'];

async function figures(c) {
  const out = {};
  for (const g of GROUPS) {
    for (const s of SPANS) {
      const r = await c.get(`/api/tickets/stats?group=${g}${s ? '&' + s : ''}`);
      assert.equal(r.status, 200, r.body);
      out[`${g} ${s}`] = r.json;
    }
  }
  return out;
}

function checkCli() {
  const r = cli(['stats', 'check', '--db', db]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /stats: zone gen001: 0 differences in \d+ years?, \d+ months?/);
  return r.stdout;
}

const zoneState = () => sql(db, 'SELECT cal_hash FROM ticket_stat_zone')[0]?.cal_hash ?? null;

/** Compares the summaries with the rows every way; returns the zone admin's figures. */
async function compare(step) {
  checkCli();
  const fromSummaries = await figures(admin);
  for (const [k, v] of Object.entries(fromSummaries)) {
    const keys = v.rows.map((r) => [-r.received, r.key]);
    const sorted = [...keys].sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    assert.deepEqual(keys, sorted, `${step}: ${k}: groups by received, then key`);
  }
  // the same reads from the rows: the summaries marked stale are not read, and rebuilt
  const hash = zoneState();
  assert.match(hash, /^[0-9a-f]{16}$/, `${step}: the summaries are built`);
  sql(db, "UPDATE ticket_stat_zone SET cal_hash = ''");
  const fromRows = await figures(admin);
  assert.equal(zoneState(), hash, `${step}: rebuilt by the read`);
  assert.deepEqual(fromSummaries, fromRows, `${step}: summaries = rows`);
  // a department's own caller reads the rows of its scope: its total is its row
  for (const s of SPANS) {
    const mine = (await hd.get(`/api/tickets/stats?group=dept${s ? '&' + s : ''}`)).json;
    const row = fromSummaries[`dept ${s}`].rows.find((r) => r.key === '督查室');
    if (!row) {
      assert.equal(mine.total.received, 0, `${step}: ${s}: nothing of 督查室`);
      continue;
    }
    const { key, ...rest } = row;
    assert.deepEqual(mine.total, rest, `${step}: ${s}: 督查室 from its own rows`);
  }
  return fromSummaries;
}

before(async () => {
  db = newDatabase();
  const g = cli(['gen', '--db', db, ...GEN]);
  assert.equal(g.code, 0, g.stderr);
  srv = await startServer({ db });
  admin = new Client(srv.base);
  assert.equal((await admin.login('gen001-admin', 'Gen-Passw0rd-2026')).status, 200);
  for (const [k, name] of [['dc', '督查室'], ['zs', '招商局二部']]) {
    const r = await admin.post('/api/depts', { name, kind: 'other' });
    assert.equal(r.status, 201, r.body);
    ids[k] = r.json.id;
  }
  hd = await newUser(srv, admin, 'dc-head', 'dept_head', { dept_id: ids.dc }, PW);
  const ents = (await admin.get('/api/enterprises?page_size=5&sort=name')).json.items;
  ids.entA = ents[0].id;
  ids.entB = ents[1].id;
  entA = await newUser(srv, admin, 'ent-a', 'enterprise', { enterprise_id: ids.entA }, PW);
});
after(async () => { await srv?.stop(); });

const act = async (id, action, body = {}) => {
  const r = await admin.post(`/api/tickets/${id}/${action}`, body);
  assert.equal(r.status, 200, `${action}: ${r.body}`);
  return r.json;
};
const file = async (extra = {}) => {
  const r = await admin.post('/api/tickets', { enterprise_id: ids.entA, channel: 'phone', category: '用工',
    title: '招工对接', description: '需要普工20人', ...extra });
  assert.equal(r.status, 201, r.body);
  return r.json.id;
};

test('gen builds the summaries; both ways agree before anything happens', async () => {
  assert.match(zoneState(), /^[0-9a-f]{16}$/);
  const f = await compare('after gen');
  assert.equal(f['dept '].total.received, 300);
  assert.ok(f['dept from=2026-01-01&to=2026-12-31'].total.received > 250);
  assert.ok(f['dept '].total.resolved > 0 && f['dept '].total.p90_days >= f['dept '].total.avg_days);
});

test('a request through its life: file, accept, transfer, resolve, 不满意, resolve, 满意', async () => {
  const t = await file();
  await compare('filed');
  await act(t, 'accept', { dept_id: ids.zs, category: '政策' });
  await compare('accepted, category corrected');
  await act(t, 'return', { reason: '转督查室' });
  await act(t, 'accept', { dept_id: ids.dc });
  await compare('transferred');
  await act(t, 'start');
  await act(t, 'extension', { days: 5, reason: '需协调' });
  await act(t, 'extension/decision', { approve: true });
  await compare('extended');
  await act(t, 'wait', { body: '请补充名单' });
  assert.equal((await entA.post(`/api/tickets/${t}/supply`, { body: '已补充名单' })).status, 200);
  await compare('supplied');
  await act(t, 'resolve', { answer: '已对接' });
  await compare('resolved');
  assert.equal((await entA.post(`/api/tickets/${t}/rate`, { rating: 'unsatisfied', comment: '仍缺人' })).status, 200);
  await compare('reopened');
  await act(t, 'resolve', { answer: '补招到位' });
  await act(t, 'rate', { rating: 'satisfied' });
  const f = await compare('closed 满意');
  const row = f[`dept from=${today}&to=${today}`].rows.find((r) => r.key === '督查室');
  assert.equal(row.received, 1);
  assert.equal(row.resolved, 1);
  assert.equal(row.rated, 1);
  assert.equal(row.satisfied, 1);
});

test('reject, merge, 基本满意 and 不满意 kept, a generated open request answered', async () => {
  const r = await file({ channel: 'hotline' });
  await act(r, 'reject', { reason: '不属受理范围' });
  await compare('rejected');
  const a = await file({ category: '水电气' }), b = await file({ category: '水电气' });
  await act(b, 'merge', { into_id: a });
  await compare('merged');
  await act(a, 'accept', { dept_id: ids.dc });
  await act(a, 'resolve', { answer: '已协调' });
  await act(a, 'rate', { rating: 'basic' });
  await compare('基本满意');
  // a generated request still being handled: its handling time runs from its acceptance weeks
  // ago to now, a real span of working days in the histogram
  const open = (await admin.get('/api/tickets?status=in_progress&page_size=5')).json.items;
  assert.ok(open.length > 0);
  await act(open[0].id, 'resolve', { answer: '已办结' });
  await compare('a generated request resolved');
  await act(open[0].id, 'rate', { rating: 'unsatisfied', comment: '不满意' });
  await compare('a generated request reopened');
});

test('a holiday inside handling spans: the summaries are rebuilt with the new calendar', async () => {
  const before = zoneState();
  // a Wednesday inside the generated year, when requests were being handled
  const h = await admin.post('/api/holidays', { date: '2026-06-10', kind: 'holiday', name: '测试假日' });
  assert.ok(h.status === 200 || h.status === 201 || h.status === 204, h.body);
  // the first read finds them computed with another calendar: it answers from the rows and
  // rebuilds them; the second reads the rebuilt summaries
  const first = await figures(admin);
  const after = zoneState();
  assert.match(after, /^[0-9a-f]{16}$/);
  assert.notEqual(after, before, 'rebuilt with the new calendar');
  assert.deepEqual(await figures(admin), first);
  await compare('holiday');
});

test('yuanqu stats rebuild and check: every zone, one zone, a bad verb', () => {
  const r = cli(['stats', 'rebuild', '--db', db, '--zone', 'gen001']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /stats: zone gen001: rebuilt from \d+ requests/);
  checkCli();
  assert.equal(cli(['stats', 'check', '--db', db, '--zone', 'nosuch']).code, 1);
  assert.equal(cli(['stats', 'purge', '--db', db]).code, 2);
  // summaries that drifted from the rows are reported, member by member
  sql(db, "UPDATE ticket_stat SET received = received + 1 WHERE dim = 'channel' AND lvl = 'y'");
  const bad = cli(['stats', 'check', '--db', db]);
  assert.equal(bad.code, 1);
  assert.match(bad.stdout, /by channel, total received: summaries \d+, rows \d+/);
  assert.match(bad.stdout, /stats: zone gen001: [1-9]\d* differences/);
  assert.equal(cli(['stats', 'rebuild', '--db', db]).code, 0);
  checkCli();
});

test('a database from before 0016: the first read builds the summaries, equal to the rows', async () => {
  const old = newDatabase();
  assert.equal(cli(['gen', '--db', old, ...GEN]).code, 0);
  undo0016(old);
  assert.equal(sql(old, 'SELECT MAX(version) AS v FROM schema_version')[0].v, 15);
  const m = cli(['migrate', '--db', old]);
  assert.equal(m.code, 0, m.stderr);
  assert.match(m.stdout, migratedFrom(15));
  assert.deepEqual(sql(old, 'SELECT cal_hash FROM ticket_stat_zone'), []);
  const s = await startServer({ db: old });
  try {
    const c = new Client(s.base);
    assert.equal((await c.login('gen001-admin', 'Gen-Passw0rd-2026')).status, 200);
    const fromRows = await figures(c);
    assert.match(sql(old, 'SELECT cal_hash FROM ticket_stat_zone')[0].cal_hash, /^[0-9a-f]{16}$/);
    assert.deepEqual(await figures(c), fromRows);
    assert.ok(fromRows['dept '].total.received === 300);
  } finally { await s.stop(); }
  const r = cli(['stats', 'check', '--db', old]);
  assert.equal(r.code, 0, r.stdout);
});
