// The shared work services (src/work/) as a request uses them: 督办 keyed by (kind, id) — flagged,
// flagged again with a new level, listed by the escalated filter, settled (销号) when the request
// is closed and then no longer listed but kept on record; the lead department told of it; the
// deadline clock paused while waiting for the enterprise and moved on when it answers; and one
// read of the request serving its timeline and attachments (GET /api/tickets/:id).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startServer, adminClient, uscc, newUser, ENGINE } from './lib.mjs';

let srv, admin, svc, hr, leader, ent;
const ids = {};
const PW = 'Start-Passw0rd-2026';

/** One row of SQL on the test database, as an object (sqlite3 / psql). */
function row(db, text) {
  if (ENGINE === 'postgres') {
    const name = db.match(/^postgres(?:ql)?:\/\/[^/]*\/([^?]+)/)[1];
    const out = execFileSync(join(process.env.YQ_PG_BIN, 'psql'), ['-X', '-q', '-t', '-A', '-h', process.env.YQ_PG_HOST,
      '-p', process.env.YQ_PG_PORT, '-U', 'yuanqu', '-d', name, '-c', `SELECT row_to_json(t) FROM (${text}) t`]).toString().trim();
    return out ? JSON.parse(out.split('\n')[0]) : null;
  }
  const out = execFileSync('sqlite3', ['-json', db.replace(/^sqlite:/, ''), text]).toString().trim();
  return out ? JSON.parse(out)[0] : null;
}

before(async () => {
  srv = await startServer();
  admin = await adminClient(srv);
  ids.svc = (await admin.post('/api/depts', { name: '企业服务中心', kind: 'service_center' })).json.id;
  ids.hr = (await admin.post('/api/depts', { name: '人社局', kind: 'other' })).json.id;
  ids.ent = (await admin.post('/api/enterprises', { uscc: uscc('91430112MA', 61), name: '望城华通智能终端有限公司', industry_code: '3922' })).json.id;
  svc = await newUser(srv, admin, 'svc61', 'staff', { dept_id: ids.svc, data_scope: 'zone' }, PW);
  hr = await newUser(srv, admin, 'hr61', 'staff', { dept_id: ids.hr }, PW);
  leader = await newUser(srv, admin, 'lead61', 'leader', {}, PW);
  ent = await newUser(srv, admin, 'ent61', 'enterprise', { enterprise_id: ids.ent }, PW);
});
after(async () => { await srv.stop(); });

async function routed(title) {
  const t = await ent.post('/api/tickets', { category: '用工', title, description: '订单增加，急需普工。' });
  assert.equal(t.status, 201, t.body);
  const a = await svc.post(`/api/tickets/${t.json.id}/accept`, { dept_id: ids.hr });
  assert.equal(a.status, 200, a.body);
  return a.json;
}

test('督办: flagged, flagged again, listed, told to the lead department; settled (销号) at closing', async () => {
  const t = await routed('用工缺口督办');
  ids.esc = t.id;
  let e = await leader.post(`/api/tickets/${t.id}/escalate`, { level: 'yellow', note: '请尽快办理' });
  assert.equal(e.status, 200, e.body);
  e = await leader.post(`/api/tickets/${t.id}/escalate`, { level: 'red', note: '影响投产，限期解决', deadline: '2026-12-31' });
  assert.equal(e.json.escalated, true);
  assert.equal(e.json.escalation_level, 'red', 'flagging again replaces the level');
  assert.equal(e.json.escalation_note, '影响投产，限期解决');
  assert.equal(e.json.escalation_deadline, '2026-12-31');
  const listed = await leader.get('/api/tickets?escalated=1');
  assert.deepEqual(listed.json.items.map((x) => x.id), [t.id]);
  assert.equal(listed.json.total, 1);
  const notes = (await hr.get('/api/notifications?unread=1')).json.items.filter((n) => n.kind === 'escalated');
  assert.equal(notes.length, 2, 'the lead department is told each time');
  assert.equal(notes[0].ticket_id, t.id);
  assert.equal(notes[0].ticket_no, t.no);
  // the enterprise sees that it is escalated, not the leader's note
  const seen = await ent.get(`/api/tickets/${t.id}`);
  assert.equal(seen.json.ticket.escalated, true);
  assert.equal(seen.json.ticket.escalation_note, null);
  assert.ok(seen.json.timeline.some((x) => x.action === 'escalate' && x.body === ''));
  // answered and rated 满意: closed, the escalation settled
  assert.equal((await hr.post(`/api/tickets/${t.id}/resolve`, { answer: '已对接职业院校' })).status, 200);
  const closed = await ent.post(`/api/tickets/${t.id}/rate`, { rating: 'satisfied' });
  assert.equal(closed.status, 200, closed.body);
  assert.equal(closed.json.status, 'closed');
  assert.equal(closed.json.escalated, false);
  assert.equal((await leader.get('/api/tickets?escalated=1')).json.total, 0, 'no longer in force');
  const rec = row(srv.db, `SELECT state, level, note, deadline, closed_at FROM work_escalation WHERE kind = 'ticket' AND ref_id = ${t.id}`);
  assert.equal(Number(rec.state), 2, 'kept on record, settled');
  assert.equal(rec.level, 'red');
  assert.equal(rec.deadline, '2026-12-31');
  assert.ok(Number(rec.closed_at) > 0);
});

test('the clock pauses while waiting for the enterprise and moves on when it answers', async () => {
  const t = await routed('待补充材料');
  assert.equal((await hr.post(`/api/tickets/${t.id}/start`)).status, 200);
  const w = await hr.post(`/api/tickets/${t.id}/wait`, { body: '请补充用工计划表' });
  assert.equal(w.json.status, 'waiting');
  assert.equal(w.json.waiting, true);
  const paused = row(srv.db, `SELECT paused_at, due_resolve FROM ticket WHERE id = ${t.id}`);
  assert.ok(Number(paused.paused_at) > 0, 'paused');
  const s = await ent.post(`/api/tickets/${t.id}/supply`, { body: '已补充' });
  assert.equal(s.json.status, 'in_progress');
  const resumed = row(srv.db, `SELECT paused_at, due_resolve FROM ticket WHERE id = ${t.id}`);
  assert.equal(resumed.paused_at, null, 'running again');
  assert.ok(Number(resumed.due_resolve) >= Number(paused.due_resolve), 'the deadline never moves earlier');
  const tl = (await hr.get(`/api/tickets/${t.id}`)).json.timeline.map((x) => [x.action, x.from_status, x.to_status]);
  assert.deepEqual(tl.slice(-2), [['wait', 'in_progress', 'waiting'], ['supply', 'waiting', 'in_progress']]);
});

test('timelines and attachments are stored under the request kind', async () => {
  const t = await routed('附件与时间线');
  assert.equal((await hr.post(`/api/tickets/${t.id}/comments`, { body: '内部备注', internal: true })).status, 200);
  const one = await hr.get(`/api/tickets/${t.id}`);
  assert.equal(one.status, 200);
  assert.deepEqual(one.json.attachments, []);
  const ev = row(srv.db, `SELECT kind, action, internal, from_state, to_state FROM work_event WHERE ref_id = ${t.id} ORDER BY id DESC LIMIT 1`);
  assert.deepEqual({ ...ev, internal: Number(ev.internal) }, { kind: 'ticket', action: 'note', internal: 1, from_state: 'assigned', to_state: 'assigned' });
  const n = row(srv.db, `SELECT kind, ref_no, event FROM notification WHERE ref_id = ${t.id} AND event = 'assigned'`);
  assert.deepEqual(n, { kind: 'ticket', ref_no: t.no, event: 'assigned' });
  // the enterprise's own copy names the enterprise it is about
  const mine = row(srv.db, `SELECT enterprise_id FROM notification WHERE ref_id = ${t.id} AND event = 'accepted'`);
  assert.equal(Number(mine.enterprise_id), ids.ent);
});
