// The search at scale (issue 16): a query in the default order is read from the zone's index
// newest first, and its total is counted up to 1,000 ("total_capped" beyond). The answers must be
// those of the plain list: the same requests in the same order, within the caller's zone, scope
// and filters; and the index that migration 0015 rebuilds must answer as the one the program
// writes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cli, newDatabase, startServer, Client, newUser } from './lib.mjs';
import { undo0015, migratedFrom } from './undo_migrations.mjs';

// 1,100 requests a zone: every generated request mentions 园区, about one in ten 贷款
const ARGS = ['--zones', '2', '--enterprises-per-zone', '30', '--tickets-per-zone', '1100', '--now', '1795000000'];
const PW = 'Gen-Passw0rd-2026';
let db, srv;

async function as(name) {
  const c = new Client(srv.base);
  const r = await c.login(name, PW);
  assert.equal(r.status, 200, r.body);
  return c;
}

const ids = (r) => r.json.items.map((x) => x.id);

before(async () => {
  db = newDatabase();
  const r = cli(['gen', '--db', db, ...ARGS]);
  assert.equal(r.code, 0, r.stderr);
  srv = await startServer({ db });
});
after(async () => { await srv?.stop(); });

test('a word in every request: the newest first, as the plain list, and a total capped at 1,000', async () => {
  const c = await as('gen001-admin');
  for (const page of [1, 2, 7]) {
    const s = await c.get(`/api/tickets?q=${encodeURIComponent('园区')}&page=${page}&page_size=25`);
    assert.equal(s.status, 200, s.body);
    assert.equal(s.json.total, 1000);
    assert.equal(s.json.total_capped, true);
    const l = await c.get(`/api/tickets?page=${page}&page_size=25`);
    assert.equal(l.json.total, 1100);
    assert.equal(l.json.total_capped, undefined, 'a list without a query counts exactly');
    assert.deepEqual(ids(s), ids(l), `page ${page}: the same requests in the same order`);
  }
  // a number that is not in the text, and a word in no request
  for (const q of ['5G', '贷款 火箭']) {
    const s = await c.get(`/api/tickets?q=${encodeURIComponent(q)}`);
    assert.equal(s.status, 200);
    assert.deepEqual([s.json.total, s.json.items.length, s.json.total_capped], [0, 0, undefined]);
  }
});

test('a rarer word: the exact total, and the same requests as the search in another order', async () => {
  const c = await as('gen001-admin');
  const q = encodeURIComponent('贷款');
  const s = await c.get(`/api/tickets?q=${q}&page_size=200`);
  assert.ok(s.json.total > 25 && s.json.total < 1000, `total ${s.json.total}`);
  assert.equal(s.json.total_capped, undefined);
  // sort=created_at takes the other form of the search (every match, then sorted): same matches
  const all = [];
  for (let page = 1; all.length < s.json.total; page++) {
    const o = await c.get(`/api/tickets?q=${q}&sort=created_at&page_size=200&page=${page}`);
    assert.equal(o.json.total, s.json.total);
    all.push(...ids(o));
    assert.ok(page < 10);
  }
  const newest = [...all].reverse().slice(0, 200);
  assert.deepEqual(ids(s), newest, 'newest first, and the oldest-first list reversed');
  for (const x of s.json.items) assert.match(x.snippet, /<mark>贷款<\/mark>/);
});

test('the zone, the data scope and the filters hold in the search', async () => {
  const z1 = await as('gen001-admin'), z2 = await as('gen002-admin');
  const q = encodeURIComponent('园区');
  const a = await z1.get(`/api/tickets?q=${q}&page_size=100`), b = await z2.get(`/api/tickets?q=${q}&page_size=100`);
  const mine = new Set(ids(await z1.get('/api/tickets?page_size=100')));
  assert.ok(ids(a).every((id) => mine.has(id)));
  assert.ok(ids(b).every((id) => !mine.has(id)), 'zone 2 sees none of zone 1');
  // a department head of 项目办 (the generated enterprises are 招商局's): its scope only, in the
  // same order as its plain list
  const d = await newUser(srv, z1, 'search-proj-head', 'dept_head', { display_name: '项目办负责人', dept_id: 5, data_scope: 'dept' }, 'Search-Passw0rd-2026');
  const ds = await d.get(`/api/tickets?q=${q}&page_size=50`), dl = await d.get('/api/tickets?page_size=50');
  assert.ok(dl.json.total > 0 && dl.json.total < 1100);
  assert.equal(ds.json.total, Math.min(dl.json.total, 1000));
  assert.deepEqual(ids(ds), ids(dl));
  // a filter with the query: as the filter alone (every request holds the word)
  for (const f of ['status=rejected', 'status=open', 'channel=phone']) {
    const fs = await z1.get(`/api/tickets?${f}&q=${q}&page_size=40`), fl = await z1.get(`/api/tickets?${f}&page_size=40`);
    assert.equal(fs.status, 200, fs.body);
    assert.equal(fs.json.total, Math.min(fl.json.total, 1000), f);
    assert.deepEqual(ids(fs), ids(fl), f);
  }
  // a request number still finds its request
  const one = a.json.items[3];
  const byNo = await z1.get(`/api/tickets?q=${encodeURIComponent(one.no)}`);
  assert.deepEqual(ids(byNo), [one.id]);
});

test('migration 0015 rebuilds the index: the same answers as the index the program wrote', async () => {
  const c = await as('gen001-admin');
  const queries = ['园区', '贷款', '电', '申请', '融资 申请'];
  const answer = async (cl) => {
    const out = [];
    for (const q of queries) {
      const r = await cl.get(`/api/tickets?q=${encodeURIComponent(q)}&page_size=100`);
      out.push([q, r.json.total, ids(r)]);
    }
    return out;
  };
  const before = await answer(c);
  assert.ok(before.slice(0, 4).every(([, total]) => total > 0), JSON.stringify(before.map(([q, t]) => [q, t])));
  await srv.stop();
  srv = null;
  undo0015(db);
  const m = cli(['migrate', '--db', db]);
  assert.equal(m.code, 0, m.stderr);
  assert.match(m.stdout, migratedFrom(14));
  srv = await startServer({ db });
  assert.deepEqual(await answer(await as('gen001-admin')), before);
});
