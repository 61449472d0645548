// 定时简报 (issue: the province view and the leaders' screen — scheduled bulletins): the server
// generates the daily request briefing, the weekly project bulletin and the monthly economic
// bulletin on each zone's schedule, stores the PDF, lists it to those who read its source, tells
// the zone's leaders and queues the webhooks with a download link. On the demo data.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, demoDatabase, DEMO_PW } from './lib.mjs';

const PW = DEMO_PW;
const NAMES = {
  admin: 'ccetdz-admin', leader: 'ccetdz-leader', svc: 'ccetdz-fuwu', head: 'ccetdz-jingfa',
  ent: 'ccetdz-qiye', zone2_admin: 'hmetdz-admin',
};
let srv;
const as = {};

before(async () => {
  // maintenance every second: the schedule's run is seen at once (the PDFs go to the data
  // directory of the demo's copy, with its audit key)
  srv = await startServer({ db: demoDatabase(), env: { YUANQU_MAINTENANCE_SECONDS: '1', YUANQU_PUBLIC_URL: 'https://yqt.example.gov.cn/', YUANQU_WEBHOOK_ALLOW: '127.0.0.1/32' } });
  for (const [k, u] of Object.entries(NAMES)) {
    as[k] = new Client(srv.base);
    const r = await as[k].login(u, PW);
    assert.equal(r.status, 200, `${u}: ${r.body}`);
  }
});
after(async () => { await srv?.stop(); });

const cstDay = (ms) => new Date(ms + 8 * 3600e3).toISOString().slice(0, 10);
const lastMonth = () => {
  const d = new Date(Date.now() + 8 * 3600e3);
  const m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1));
  return m.toISOString().slice(0, 7);
};

test('the schedule: every kind off by default, with the period it would be for; bad input named in Chinese', async () => {
  const r = await as.leader.get('/api/bulletins/schedule');
  assert.equal(r.status, 200, r.body);
  assert.deepEqual(r.json.items.map((s) => s.kind), ['briefing', 'projects', 'economy']);
  for (const s of r.json.items) {
    assert.equal(s.enabled, false);
    assert.match(s.at_time, /^\d\d:\d\d$/);
    assert.ok(s.label && /[\u4e00-\u9fff]/.test(s.label), s.label);
  }
  const [briefing, projects, economy] = r.json.items;
  assert.match(briefing.due, /^\d{4}-\d\d-\d\d$/);
  assert.match(projects.due, /^\d{4}-W\d\d$/);
  assert.match(economy.due, /^\d{4}-\d\d$/);
  // only the zone's settings writer changes it
  let w = await as.leader.put('/api/bulletins/schedule', { kind: 'briefing', enabled: true, at_time: '08:00' });
  assert.equal(w.status, 403);
  for (const [body, field] of [
    [{ kind: 'briefing', enabled: true, at_time: '25:00' }, 'at_time'],
    [{ kind: 'briefing', enabled: true, at_time: '8点' }, 'at_time'],
    [{ kind: 'projects', enabled: true, at_time: '08:30', day: 9 }, 'day'],
    [{ kind: 'weekly', enabled: true, at_time: '08:30' }, 'kind'],
  ]) {
    w = await as.admin.put('/api/bulletins/schedule', body);
    assert.equal(w.status, 400, `${JSON.stringify(body)}: ${w.body}`);
    assert.equal(w.json.error.field, field);
    assert.match(w.json.error.message, /[\u4e00-\u9fff]/);
  }
  w = await as.admin.put('/api/bulletins/schedule', { kind: 'economy', enabled: false, at_time: '09:30', day: 20 });
  assert.equal(w.status, 200, w.body);
  const eco = w.json.items.find((s) => s.kind === 'economy');
  assert.equal(eco.at_time, '09:30');
  assert.equal(eco.day, 20);
});

test('generated now: stored once, a PDF, read by the leader, told to him and to the webhooks with its link', async () => {
  const hook = await as.admin.post('/api/webhooks', { url: 'http://127.0.0.1:9/bulletin-hook', secret: 'abcdefghijklmnop' });
  assert.equal(hook.status, 201, hook.body);
  const period = lastMonth();
  let r = await as.admin.post('/api/bulletins', { kind: 'economy', period });
  assert.equal(r.status, 201, r.body);
  const b = r.json;
  assert.equal(b.kind, 'economy');
  assert.equal(b.period, period);
  assert.equal(b.title, `经济运行月报 ${period}`);
  assert.ok(b.size > 1000);
  r = await as.admin.post('/api/bulletins', { kind: 'economy', period });
  assert.equal(r.status, 200, 'the second call answers the one there');
  assert.equal(r.json.id, b.id);
  // the leader reads it and downloads the PDF
  const list = await as.leader.get('/api/bulletins?kind=economy');
  assert.equal(list.status, 200, list.body);
  assert.deepEqual(list.json.items.map((x) => x.id), [b.id]);
  const file = await as.leader.get(`/api/bulletins/${b.id}/file`, { raw: true });
  assert.equal(file.status, 200);
  assert.equal(file.body.subarray(0, 5).toString(), '%PDF-');
  assert.equal(file.body.length, b.size);
  // told: the leader's bell, and a webhook delivery with the download link
  const notes = (await as.leader.get('/api/notifications?page_size=50')).json.items.filter((n) => n.bulletin_id === b.id);
  assert.equal(notes.length, 1, 'the leader is told');
  const deliveries = (await as.admin.get('/api/webhooks/deliveries')).json.items;
  const d = deliveries.find((x) => x.event === 'generated' && x.payload && x.payload.bulletin_id === b.id);
  assert.ok(d, `a webhook delivery: ${JSON.stringify(deliveries.slice(0, 3))}`);
  assert.equal(d.payload.link, `https://yqt.example.gov.cn/api/bulletins/${b.id}/file`);
  assert.equal(d.payload.title, `经济运行月报 ${period}`);
  // bad input
  r = await as.admin.post('/api/bulletins', { kind: 'yearly' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'kind');
  r = await as.admin.post('/api/bulletins', { kind: 'economy', period: '2026-13' });
  assert.equal(r.status, 400, r.body);
  assert.equal(r.json.error.field, 'period');
});

test('who reads: the kinds of one\'s own statistics, the whole zone; enterprises and other zones nothing', async () => {
  const period = lastMonth();
  const b = (await as.admin.post('/api/bulletins', { kind: 'economy', period })).json;
  for (const who of ['ent', 'zone2_admin', 'head']) {
    const l = await as[who].get('/api/bulletins');
    if (l.status === 200) assert.ok(!l.json.items.some((x) => x.id === b.id), `${who} lists none`);
    else assert.equal(l.status, 403, `${who}: ${l.status}`);
    const one = await as[who].get(`/api/bulletins/${b.id}`);
    assert.ok([403, 404].includes(one.status), `${who} gets ${one.status}`);
    const f = await as[who].get(`/api/bulletins/${b.id}/file`, { raw: true });
    assert.ok([403, 404].includes(f.status), `${who} file ${f.status}`);
  }
  assert.equal((await as.zone2_admin.get(`/api/bulletins/${b.id}`)).status, 404);
  assert.equal((await as.ent.post('/api/bulletins', { kind: 'economy', period })).status, 403);
});

test('on schedule: the server makes the day\'s request briefing by itself, once', async () => {
  const w = await as.admin.put('/api/bulletins/schedule', { kind: 'briefing', enabled: true, at_time: '00:00' });
  assert.equal(w.status, 200, w.body);
  const due = w.json.items.find((s) => s.kind === 'briefing').due;
  assert.equal(due, cstDay(Date.now() - 86400e3), 'the day before, in China Standard Time');
  let items = [];
  for (let i = 0; i < 200 && !items.length; i++) {
    await new Promise((res) => setTimeout(res, 100));
    items = (await as.leader.get('/api/bulletins?kind=briefing')).json.items;
  }
  assert.equal(items.length, 1, 'generated by the maintenance thread');
  assert.equal(items[0].period, due);
  assert.equal(items[0].title, `企业诉求每日简报 ${due}`);
  // the service center is told of the request briefing too
  const all = (await as.svc.get('/api/notifications?page_size=50')).json.items;
  const notes = all.filter((n) => n.bulletin_id === items[0].id);
  assert.ok(notes.length >= 1, `the service center is told: ${JSON.stringify(all.slice(0, 3))}`);
  await new Promise((res) => setTimeout(res, 2500));
  assert.equal((await as.leader.get('/api/bulletins?kind=briefing')).json.items.length, 1, 'not twice');
  // the audit log says the system made it
  const audit = (await as.admin.get(`/api/audit?obj_type=bulletin&obj_id=${items[0].id}`)).json.items;
  assert.ok(audit.some((a) => a.action === 'generate'), JSON.stringify(audit.map((a) => a.action)));
});
