// Migration 0011 (src/db/migrations/0011_open311.sql) on a database as it was before it: request
// numbers repeated across zones become unique across the installation (the earliest holder
// keeps its number), and the location block that Open311 requests carried at the end of their
// description moves into the request's fields once, only where it is exactly that block with
// valid values and only on hotline requests. The database is taken back to version 10 directly
// through sqlite3 / psql (past 0014, 0013 and 0012 too), then `yuanqu migrate` and a restarted server take it forward again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startServer, adminClient, initDatabase, cli, ENGINE, uscc, newUser, Client } from './lib.mjs';
import { sql, undo0013, migratedFrom } from './undo_migrations.mjs';

/** Takes a migrated database back to what it was at version 10 (what 0011 adds, removed; the
 * counter per zone and day as it was kept; and what the later 0012 adds, so that `migrate` finds
 * the database at 10, not at 12 with 0011 missing). */
function undo0011(db) {
  undo0013(db);
  sql(db, `DROP INDEX ticket_no;
    CREATE TABLE ticket_seq (zone_id BIGINT NOT NULL REFERENCES zone(id), day TEXT NOT NULL, n INTEGER NOT NULL,
      PRIMARY KEY (zone_id, day));
    INSERT INTO ticket_seq (zone_id, day, n) SELECT zone_id, substr(no, 3, 8), MAX(CAST(substr(no, 12) AS INTEGER))
      FROM ticket GROUP BY zone_id, substr(no, 3, 8);
    DROP TABLE ticket_no_seq;
    DROP TABLE ticket_block_pending;
    DROP INDEX ticket_event_ref;
    DROP INDEX ticket_event_zone_at;
    ALTER TABLE ticket_event DROP COLUMN media_url;
    ALTER TABLE ticket_event DROP COLUMN ref;
    ALTER TABLE ticket DROP COLUMN address;
    ALTER TABLE ticket DROP COLUMN lat;
    ALTER TABLE ticket DROP COLUMN lon;
    ALTER TABLE ticket DROP COLUMN email;
    ALTER TABLE ticket DROP COLUMN media_url;
    DROP TABLE login_backoff;
    ALTER TABLE app_user DROP COLUMN failed_at;
    DELETE FROM schema_version WHERE version IN (11, 12);`);
}

const PW = 'Start-Passw0rd-2026';
const make = (n) => uscc('91430112MA', n);
let db, srv, admin, svc, key;
const made = {};
const BLOCK = '【地址】望城经开区 旺旺路 1 号\n【坐标】028.3648,112.8198\n【邮箱】zhang@example.com\n【附件】https://img.example.com/1.jpg';
const texts = {
  hotline: '企业流动资金紧张，申请协调转贷资金。\n\n请尽快联系。\n\n' + BLOCK,
  bad: '配电房跳闸。\n\n【地址】假的地址\n【附件】javascript:alert(1)',
  phone: '厂区道路破损。\n\n' + BLOCK,
};

before(async () => {
  db = initDatabase();
  srv = await startServer({ db });
  admin = await adminClient(srv);
  const d = (await admin.post('/api/depts', { name: '企业服务中心', kind: 'service_center' })).json.id;
  const e = await admin.post('/api/enterprises', { uscc: make(1), name: '望城华通智能终端有限公司', industry_code: '3922' });
  assert.equal(e.status, 201, e.body);
  svc = await newUser(srv, admin, 'svc0011', 'staff', { dept_id: d, data_scope: 'zone' }, PW);
  // the hotline's key, bound like the service center's officers: its department, the whole zone
  const hotline = await admin.post('/api/tokens', { name: '12345热线', role: 'staff', dept_id: d, data_scope: 'zone' });
  assert.equal(hotline.status, 201, hotline.body);
  key = hotline.json.token;
  // requests as the program before 0011 stored them: Open311's block at the end of the text
  for (const [k, channel] of [['hotline', 'hotline'], ['bad', 'hotline'], ['phone', 'phone']]) {
    const r = await svc.post('/api/tickets', { enterprise_id: e.json.id, channel, category: '融资', title: k, description: texts[k] });
    assert.equal(r.status, 201, r.body);
    made[k] = r.json;
  }
  // (an aside: with one zone, a read without a key or jurisdiction_id is about that zone)
  const pub = await new Client(srv.base).get('/open311/v2/requests.json');
  assert.equal(pub.status, 200, pub.body);
  assert.deepEqual(JSON.parse(pub.body).map((x) => [x.service_request_id, x.description]).sort(),
    Object.values(made).map((t) => [t.no, null]).sort());
  await srv.stop();
  undo0011(db);
  // a second zone whose requests carry the same numbers as the first zone's
  sql(db, `INSERT INTO zone (code, name, created_at) VALUES ('zone2', '第二园区', 0);
    INSERT INTO ticket (zone_id, no, enterprise_id, channel, category, priority, title, description, status,
      created_at, updated_at)
    SELECT (SELECT id FROM zone WHERE code = 'zone2'), no, enterprise_id, channel, category, priority, title,
      description, status, created_at, updated_at FROM ticket ORDER BY id;
    INSERT INTO ticket_seq (zone_id, day, n) SELECT zone_id, substr(no, 3, 8), MAX(CAST(substr(no, 12) AS INTEGER))
      FROM ticket WHERE zone_id = (SELECT id FROM zone WHERE code = 'zone2') GROUP BY zone_id, substr(no, 3, 8);`);
  const m = cli(['migrate', '--db', db]);
  assert.equal(m.code, 0, m.stderr);
  assert.match(m.stdout, migratedFrom(10)); // 0011, then 0012 and the later ones
  srv = await startServer({ db });
  svc = new Client(srv.base);
  assert.equal((await svc.login('svc0011', PW + 'x')).status, 200);
});
after(async () => { await srv.stop(); });

test('request numbers become unique across zones; the earliest request keeps its number', () => {
  const rows = sql(db, 'SELECT t.id, t.no, z.code FROM ticket t JOIN zone z ON z.id = t.zone_id ORDER BY t.id');
  assert.equal(rows.length, 6);
  assert.equal(new Set(rows.map((r) => r.no)).size, 6, JSON.stringify(rows));
  const day = made.hotline.no.slice(2, 10);
  assert.deepEqual(rows.slice(0, 3).map((r) => r.no), [made.hotline.no, made.bad.no, made.phone.no]);
  // the second zone's copies follow the day's highest number, in id order
  assert.deepEqual(rows.slice(3).map((r) => [r.code, r.no]), [4, 5, 6].map((n) => ['zone2', `SQ${day}-000${n}`]));
  assert.deepEqual(sql(db, 'SELECT day, n FROM ticket_no_seq').map((r) => [r.day, Number(r.n)]), [[day, 6]]);
  // a second request with a number already given is refused by the database itself
  assert.throws(() => sql(db, `UPDATE ticket SET no = '${made.hotline.no}' WHERE id = ${rows[4].id}`));
});

test('new requests are numbered after every zone\'s numbers', async () => {
  const e = (await svc.get('/api/enterprises')).json.items[0];
  const r = await svc.post('/api/tickets', { enterprise_id: e.id, channel: 'phone', category: '用工', title: '招工', description: '招工难' });
  assert.equal(r.status, 201, r.body);
  assert.equal(r.json.no, `SQ${made.hotline.no.slice(2, 10)}-0007`);
});

test('the Open311 block moves into the fields once, only where it is valid and on hotline requests', async () => {
  const get = async (t) => (await svc.get(`/api/tickets/${t.id}`)).json.ticket;
  const h = await get(made.hotline);
  assert.equal(h.description, '企业流动资金紧张，申请协调转贷资金。\n\n请尽快联系。');
  assert.equal(h.address, '望城经开区 旺旺路 1 号');
  assert.equal(h.lat, 28.3648);
  assert.equal(h.long, 112.8198);
  assert.equal(h.email, 'zhang@example.com');
  assert.equal(h.media_url, 'https://img.example.com/1.jpg');
  const o = await new Client(srv.base).get(`/open311/v2/requests/${made.hotline.no}.json?api_key=${key}`);
  assert.equal(o.status, 200, o.body);
  const j = JSON.parse(o.body)[0];
  assert.equal(j.description, h.description);
  assert.equal(j.lat, 28.3648);
  assert.equal(j.media_url, 'https://img.example.com/1.jpg');
  // a value POST never accepted (javascript:) leaves the whole text as it is
  const b = await get(made.bad);
  assert.equal(b.description, texts.bad);
  assert.equal(b.media_url, null);
  assert.equal(b.address, null);
  // not a hotline request: typed in the console, text
  const p = await get(made.phone);
  assert.equal(p.description, texts.phone);
  assert.equal(p.lat, null);
  assert.equal(sql(db, 'SELECT COUNT(*) AS n FROM ticket_block_pending')[0].n, 0, 'done once');
});
