// 包保 (issue 10 item 22): a 包保 leader or liaison sees and serves his enterprises, whatever his
// department scope: reads the enterprise and its requests, records visits, answers; his home
// page figures count them. Nobody else gains anything by it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, adminClient, uscc, newUser } from './lib.mjs';

let srv, admin, head, leader, liaison, other;
const ids = {};
const PW = 'Start-Passw0rd-2026';
const make = (n) => uscc('91220101MC', n);
const user = (username, role, extra) => newUser(srv, admin, username, role, extra, PW);

before(async () => {
  srv = await startServer();
  admin = await adminClient(srv);
  for (const [k, name, kind] of [['svc', '企业服务中心', 'service_center'], ['inv', '招商局', 'investment'], ['eco', '经济发展局', 'economic'], ['hr', '人社局', 'other']]) {
    ids[k] = (await admin.post('/api/depts', { name, kind })).json.id;
  }
  head = await user('jingfa', 'dept_head', { dept_id: ids.eco, display_name: '高岩博' });
  leader = await user('zhouqm', 'leader', { display_name: '周启明' });
  liaison = await user('hr_liaison', 'staff', { dept_id: ids.hr });
  other = await user('eco_other', 'dept_head', { dept_id: ids.hr });
  const me = async (name) => (await admin.get(`/api/users?q=${name}`)).json.items[0].id;
  ids.head = await me('jingfa'); ids.leader = await me('zhouqm'); ids.liaison = await me('hr_liaison');
  // A: the 招商局's, 包保 leader the 经发局 head, liaison a 人社局 cadre; B: the 招商局's, no
  // 包保; C: 包保 leader the zone leader
  for (const [k, n, extra] of [['A', 1, { leader_user_id: ids.head, liaison_user_id: ids.liaison }], ['B', 2, {}], ['C', 3, { leader_user_id: ids.leader }]]) {
    const r = await admin.post('/api/enterprises', { uscc: make(n), name: `包保测试${k}有限公司`, industry_code: '3670', dept_id: ids.inv, ...extra });
    assert.equal(r.status, 201, r.body);
    ids['ent' + k] = r.json.id;
    const t = await admin.post('/api/tickets', { enterprise_id: r.json.id, channel: 'phone', category: '用工', title: `包保测试${k}的诉求`, description: '用工缺口。' });
    assert.equal(t.status, 201, t.body);
    ids['t' + k] = t.json.id;
  }
});
after(async () => { await srv.stop(); });

test('the 包保 leader reads his enterprise and its requests, not others of the department', async () => {
  assert.equal((await head.get(`/api/enterprises/${ids.entA}`)).status, 200, 'his own enterprise');
  assert.equal((await head.get(`/api/enterprises/${ids.entB}`)).status, 404);
  const list = await head.get('/api/enterprises?page_size=200');
  assert.deepEqual(list.json.items.map((e) => e.id), [ids.entA]);
  assert.equal((await head.get(`/api/tickets/${ids.tA}`)).status, 200, 'its requests');
  assert.equal((await head.get(`/api/tickets/${ids.tB}`)).status, 404);
  const tickets = await head.get('/api/tickets?page_size=200');
  assert.deepEqual(tickets.json.items.map((t) => t.id), [ids.tA]);
  const leaders = await head.get('/api/baobao/leaders');
  assert.deepEqual(leaders.json.items.map((l) => l.user_id), [ids.head]);
  // the liaison too, from another department
  assert.equal((await liaison.get(`/api/enterprises/${ids.entA}`)).status, 200);
  assert.equal((await liaison.get(`/api/tickets/${ids.tA}`)).status, 200);
  // a head of that other department gains nothing by his cadre's 包保
  assert.equal((await other.get(`/api/enterprises/${ids.entA}`)).status, 404);
  assert.equal((await other.get(`/api/tickets/${ids.tA}`)).status, 404);
});

test('his home page counts his enterprises and their requests', async () => {
  const s = await head.get('/api/stats/enterprises');
  assert.equal(s.status, 200);
  assert.equal(s.json.total, 1);
  assert.deepEqual(s.json.baobao, { covered: 1, total: 1 });
  const t = await head.get('/api/tickets/stats');
  assert.equal(t.status, 200, t.body);
  assert.equal(t.json.total.received, 1);
  const open = await head.get('/api/tickets?status=open&page_size=1');
  assert.equal(open.json.total, 1);
});

test('leaders and liaisons record visits on their enterprises, not on others', async () => {
  const visit = { visited_on: '2026-03-04', kind: '服务', findings: '排产正常，用工缺口20人' };
  const byLeader = await leader.post(`/api/enterprises/${ids.entC}/visits`, visit);
  assert.equal(byLeader.status, 201, byLeader.body);
  const notHis = await leader.post(`/api/enterprises/${ids.entB}/visits`, visit);
  assert.equal(notHis.status, 403, 'a zone leader records visits on the enterprises he serves');
  assert.equal((await head.post(`/api/enterprises/${ids.entA}/visits`, visit)).status, 201);
  assert.equal((await head.post(`/api/enterprises/${ids.entB}/visits`, visit)).status, 404);
  assert.equal((await liaison.post(`/api/enterprises/${ids.entA}/visits`, visit)).status, 201);
  const log = await admin.get(`/api/enterprises/${ids.entA}/visits`);
  assert.deepEqual(log.json.items.map((v) => v.visitor_user_id).sort(), [ids.head, ids.liaison].sort());
  assert.equal((await admin.get(`/api/enterprises/${ids.entB}/visits`)).json.items.length, 0);
});

test('the 包保 leader answers his enterprise and files for it', async () => {
  const r = await head.post(`/api/tickets/${ids.tA}/comments`, { body: '已联系人社局，下周组织专场招聘。' });
  assert.equal(r.status, 200, r.body);
  const f = await head.post('/api/tickets', { enterprise_id: ids.entA, channel: 'visit', category: '融资', title: '走访中提出的融资需求', description: '需要流动资金贷款。' });
  assert.equal(f.status, 201, f.body);
  const no = await head.post('/api/tickets', { enterprise_id: ids.entB, channel: 'visit', category: '融资', title: 'x', description: 'x' });
  assert.equal(no.status, 404);
});
