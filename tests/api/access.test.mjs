// Access control generated from the route table (`yuanqu routes --json`), on the demo data:
// every route that takes an id is called anonymously (401), by a role without its permission
// (403), and by callers of another zone, another enterprise and another department on an object
// that exists outside their scope (404, the object's data absent, the object unchanged); every
// list and export is read by an enterprise user, a department head and another zone's users and
// must hold no foreign rows. Writes that name a foreign row in their body (file a request for
// another department's enterprise, create or move an enterprise into another department …) are
// refused too. After every refused write the database is unchanged: the object as the zone's
// admin reads it, and the audit log (every change writes one row in its own transaction). The
// province role writes nowhere but its own session and account. Every route must be classified
// in EXPECT below: a new route fails this test until someone says how it is to be checked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, cli, newDatabase, uscc, demoDatabase, DEMO_PW } from './lib.mjs';

const PW = DEMO_PW;

// How each route is checked.
//   public   no session needed (anonymous call must not be 401; 5xx never)
//   self     acts on the caller's own session or account
//   create   creates an object (no id): 401 anonymous, 403 without the permission
//   config   zone-wide settings or reference data: 401 / 403 only
//   object   takes the id of an object of kind `obj`: 401, 403, and 404 for foreign callers
//   list     returns rows: 401, 403, and no foreign rows for scoped callers
//   o311     Open311 route with an object id: the api_key of another zone gets 404; requests
//            without a key show no text of them
//   o311list Open311 list: another zone's key lists none of this zone's requests
//   o311write Open311 write on a request (an update): no key 403; another zone's key 404 and
//            nothing written
const EXPECT = {
  'GET /healthz': { kind: 'public' },
  'GET /metrics': { kind: 'public' },
  'POST /api/login': { kind: 'public' },
  'POST /api/logout': { kind: 'self' },
  'GET /api/me': { kind: 'self' },
  'PUT /api/me/password': { kind: 'self' },
  'PUT /api/me/zone': { kind: 'self' },
  'GET /api/me/totp': { kind: 'self' },
  'POST /api/me/totp/enrol': { kind: 'self' },
  'POST /api/me/totp/confirm': { kind: 'self' },
  'POST /api/me/totp/disable': { kind: 'self' },
  'GET /api/security/totp-roles': { kind: 'config' },
  'PUT /api/security/totp-roles': { kind: 'config' },
  'GET /api/roles': { kind: 'config' },
  'GET /api/zones': { kind: 'list' },
  'GET /api/regions': { kind: 'list' },
  'GET /api/region/compare': { kind: 'list', query: 'period=2026-01' },
  'GET /api/region/compare/export': { kind: 'list', query: 'period=2026-01&format=csv' },
  'GET /api/region/ranking': { kind: 'list', query: 'period=2026-01' },
  'GET /api/region/ranking/history': { kind: 'list', query: 'period=2026-01&months=3' },
  'PUT /api/zones/:id/region': { kind: 'object', obj: 'zone', body: { region_code: '220100' } },
  'GET /api/depts': { kind: 'list' },
  'POST /api/depts': { kind: 'create' },
  'PUT /api/depts/:id': { kind: 'object', obj: 'dept', body: { name: '越权改名' } },
  'DELETE /api/depts/:id': { kind: 'object', obj: 'dept' },
  'GET /api/users': { kind: 'list' },
  'POST /api/users': { kind: 'create', foreign: [
    { who: 'zone2_admin', status: [400], body: () => ({ username: 'yuequan-user', role: 'staff', dept_id: obj.foreignDept, password: PW }) },
    { who: 'zone2_admin', status: [400], body: () => ({ username: 'yuequan-qiye', role: 'enterprise', enterprise_id: obj.enterprise, password: PW }) },
  ] },
  'GET /api/users/:id': { kind: 'object', obj: 'user' },
  'PUT /api/users/:id': { kind: 'object', obj: 'user', body: { display_name: '越权改名' } },
  'POST /api/users/:id/lock': { kind: 'object', obj: 'user' },
  'POST /api/users/:id/unlock': { kind: 'object', obj: 'user' },
  'POST /api/users/:id/totp/reset': { kind: 'object', obj: 'user' },
  'POST /api/users/:id/reset-password': { kind: 'object', obj: 'user', body: { password: 'Reset-Passw0rd!2026' } },
  'GET /api/enterprises': { kind: 'list', query: 'page_size=200' },
  'POST /api/enterprises': { kind: 'create', foreign: [
    // created for another department (or for none): it would be out of the creator's sight
    { who: 'dept_head', status: [403], body: () => ({ uscc: freshUscc(1), name: '越权新建有限公司', industry_code: '3670', dept_id: obj.foreignDept }) },
    { who: 'dept_head', status: [403], body: () => ({ uscc: freshUscc(2), name: '越权新建有限公司', industry_code: '3670' }) },
    { who: 'zone2_admin', status: [400], body: () => ({ uscc: freshUscc(3), name: '越权新建有限公司', industry_code: '3670', dept_id: obj.foreignDept }) },
  ] },
  'GET /api/enterprises/export': { kind: 'list', query: 'format=csv' },
  'GET /api/enterprises/import/template': { kind: 'config' },
  'POST /api/enterprises/import': { kind: 'create', foreign: [
    { who: 'dept_head', status: [403], body: () => csvForm(`企业名称,统一社会信用代码,行业代码,负责部门\r\n越权导入有限公司,${freshUscc(4)},3670,${obj.foreignDeptName}\r\n`) },
  ] },
  'GET /api/enterprises/:id': { kind: 'object', obj: 'enterprise' },
  'PUT /api/enterprises/:id': { kind: 'object', obj: 'enterprise', body: () => ({ uscc: data.enterprise, name: '越权改名有限公司', industry_code: '3670' }), foreign: [
    // an enterprise of the head's own scope handed over to another department
    { who: 'dept_head', status: [403], path: () => `/api/enterprises/${obj.headEnterprise.id}`, body: () => ({ ...entBody(obj.headEnterprise), dept_id: obj.foreignDept, leader_user_id: me.leader.id, liaison_user_id: null }) },
  ] },
  'POST /api/enterprises/:id/archive': { kind: 'object', obj: 'enterprise' },
  'POST /api/enterprises/:id/unarchive': { kind: 'object', obj: 'enterprise' },
  'GET /api/enterprises/:id/visits': { kind: 'object', obj: 'enterprise' },
  'POST /api/enterprises/:id/visits': { kind: 'object', obj: 'enterprise', body: { visited_on: '2026-03-04', kind: '服务', findings: '越权走访' }, foreign: [
    // a zone leader records visits on the enterprises he serves only
    { who: 'leader', status: [403], body: { visited_on: '2026-03-04', kind: '服务', findings: '越权走访' } },
  ] },
  'GET /api/baobao/leaders': { kind: 'list' },
  'GET /api/baobao/visits/stats': { kind: 'list', query: 'period=2026-01' },
  'GET /api/stats/enterprises': { kind: 'list' },
  'GET /api/industries': { kind: 'config' },
  'GET /api/openapi.json': { kind: 'config' },
  'GET /api/tickets': { kind: 'list', query: 'page_size=200' },
  'POST /api/tickets': { kind: 'create', foreign: [
    // a department head files for an enterprise outside its scope; another zone names ours
    { who: 'dept_head', status: [404], body: () => ({ enterprise_id: obj.enterprise, channel: 'phone', category: '用工', title: '越权代填诉求', description: '越权代填。' }) },
    { who: 'zone2_admin', status: [404], body: () => ({ enterprise_id: obj.enterprise, channel: 'phone', category: '用工', title: '越权代填诉求', description: '越权代填。' }) },
  ] },
  'GET /api/tickets/stats': { kind: 'list' },
  'GET /api/tickets/briefing': { kind: 'list' },
  'GET /api/tickets/:id': { kind: 'object', obj: 'ticket' },
  'POST /api/tickets/:id/accept': { kind: 'object', obj: 'ticket', body: { dept_id: 4, category: '用工', priority: 'normal' }, foreign: [
    { who: 'staff', status: [400], path: () => `/api/tickets/${obj.newTicket}/accept`, body: () => ({ dept_id: obj.zone2Dept, category: '用工', priority: 'normal' }) },
  ] },
  'POST /api/tickets/:id/reject': { kind: 'object', obj: 'ticket', body: { reason: '越权驳回' } },
  'POST /api/tickets/:id/merge': { kind: 'object', obj: 'ticket', body: { into_id: 1 }, foreign: [
    { who: 'staff', status: [404], path: () => `/api/tickets/${obj.newTicket}/merge`, body: () => ({ into_id: obj.zone2Ticket }) },
  ] },
  'POST /api/tickets/:id/start': { kind: 'object', obj: 'ticket' },
  'POST /api/tickets/:id/wait': { kind: 'object', obj: 'ticket', body: { body: '越权等待' } },
  'POST /api/tickets/:id/supply': { kind: 'object', obj: 'ticket', body: { body: '越权补充' } },
  'POST /api/tickets/:id/return': { kind: 'object', obj: 'ticket', body: { reason: '越权退回' } },
  'POST /api/tickets/:id/resolve': { kind: 'object', obj: 'ticket', body: { answer: '越权办结' } },
  'POST /api/tickets/:id/rate': { kind: 'object', obj: 'ticket', body: { rating: 'satisfied' } },
  'POST /api/tickets/:id/comments': { kind: 'object', obj: 'ticket', body: { body: '越权留言' } },
  'POST /api/tickets/:id/extension': { kind: 'object', obj: 'ticket', body: { days: 3, reason: '越权延期' } },
  'POST /api/tickets/:id/extension/decision': { kind: 'object', obj: 'ticket', body: { approve: true } },
  'POST /api/tickets/:id/escalate': { kind: 'object', obj: 'ticket', body: { level: 'leader', note: '越权督办' } },
  'GET /api/tickets/export': { kind: 'list', query: 'format=csv' },
  'GET /api/tickets/:id/attachments': { kind: 'object', obj: 'ticket' },
  'POST /api/tickets/:id/attachments': { kind: 'object', obj: 'ticket', body: () => attachmentForm() },
  'GET /api/tickets/:id/attachments/:aid': { kind: 'object', obj: 'ticket', path: (id) => `/api/tickets/${id}/attachments/${obj.attachment}` },
  'DELETE /api/tickets/:id/attachments/:aid': { kind: 'object', obj: 'ticket', path: (id) => `/api/tickets/${id}/attachments/${obj.attachment}` },
  'GET /api/ticket-rules': { kind: 'config' },
  'PUT /api/ticket-rules': { kind: 'config' },
  'GET /api/notifications': { kind: 'list' },
  'POST /api/notifications/:id/read': { kind: 'object', obj: 'notification' },
  'POST /api/notifications/read-all': { kind: 'self' },
  'GET /api/webhooks': { kind: 'list' },
  'POST /api/webhooks': { kind: 'create' },
  'GET /api/webhooks/deliveries': { kind: 'list' },
  'DELETE /api/webhooks/:id': { kind: 'object', obj: 'webhook' },
  'GET /api/holidays': { kind: 'config' },
  'POST /api/holidays': { kind: 'config' },
  'GET /api/bulletins': { kind: 'list' },
  'POST /api/bulletins': { kind: 'create', body: { kind: 'economy', period: '2026-01' } },
  'GET /api/bulletins/schedule': { kind: 'config' },
  'PUT /api/bulletins/schedule': { kind: 'config', body: { kind: 'briefing', enabled: false, at_time: '08:00' } },
  'GET /api/bulletins/:id': { kind: 'object', obj: 'bulletin' },
  'GET /api/bulletins/:id/file': { kind: 'object', obj: 'bulletin' },
  'GET /api/announcements': { kind: 'list' },
  'POST /api/announcements': { kind: 'create' },
  'GET /api/announcements/:id': { kind: 'object', obj: 'announcement' },
  'PUT /api/announcements/:id': { kind: 'object', obj: 'announcement', body: { title: '越权修改公告' } },
  'POST /api/announcements/:id/publish': { kind: 'object', obj: 'announcement' },
  'POST /api/announcements/:id/withdraw': { kind: 'object', obj: 'announcement' },
  'GET /api/announcements/:id/receipts': { kind: 'object', obj: 'announcement' },
  'GET /api/announcements/:id/attachments': { kind: 'object', obj: 'announcement' },
  'POST /api/announcements/:id/attachments': { kind: 'object', obj: 'announcement', body: () => attachmentForm() },
  'GET /api/announcements/:id/attachments/:aid': { kind: 'object', obj: 'announcement', path: (id) => `/api/announcements/${id}/attachments/${obj.annAttachment}` },
  'DELETE /api/announcements/:id/attachments/:aid': { kind: 'object', obj: 'announcement', path: (id) => `/api/announcements/${id}/attachments/${obj.annAttachment}` },
  'GET /api/projects/followups/overdue': { kind: 'list' },
  'POST /api/projects/followups/:id/done': { kind: 'object', obj: 'followup' },
  'GET /api/projects/problems': { kind: 'list' },
  'GET /api/projects/problems/export': { kind: 'list', query: 'format=csv' },
  'GET /api/projects/problems/:id': { kind: 'object', obj: 'problem' },
  'POST /api/projects/problems/:id/answer': { kind: 'object', obj: 'problem', body: { reply: '越权答复' } },
  'POST /api/projects/problems/:id/close': { kind: 'object', obj: 'problem', body: { note: '越权销号' } },
  'POST /api/projects/problems/:id/reopen': { kind: 'object', obj: 'problem', body: { note: '越权重新交办' } },
  'POST /api/projects/problems/:id/escalate': { kind: 'object', obj: 'problem', body: { level: 'red', note: '越权督办' } },
  'GET /api/projects/problems/:id/timeline': { kind: 'object', obj: 'problem' },
  'GET /api/projects/problems/:id/attachments': { kind: 'object', obj: 'problem' },
  'POST /api/projects/problems/:id/attachments': { kind: 'object', obj: 'problem', body: () => attachmentForm() },
  'GET /api/projects/problems/:id/attachments/:aid': { kind: 'object', obj: 'problem', path: (id) => `/api/projects/problems/${id}/attachments/${obj.problemAttachment}` },
  'DELETE /api/projects/problems/:id/attachments/:aid': { kind: 'object', obj: 'problem', path: (id) => `/api/projects/problems/${id}/attachments/${obj.problemAttachment}` },
  'POST /api/projects/import': { kind: 'create', body: () => csvForm('项目名称,阶段\r\n越权导入项目,线索\r\n'), foreign: [
    { who: 'investment_head', status: [200], body: () => csvForm(`项目名称,责任单位,阶段\r\n越权导入项目,${obj.economicDeptName},线索\r\n`) },
  ] },
  'GET /api/projects/reviews': { kind: 'list' },
  'POST /api/projects/reviews': { kind: 'create', body: { on_date: '2026-01-05', title: '越权会审' } },
  'GET /api/projects/reviews/:id': { kind: 'object', obj: 'review' },
  'POST /api/projects/reviews/:id/items': { kind: 'object', obj: 'review', body: () => ({ project_id: obj.project }) },
  'POST /api/projects/reviews/:id/decide': { kind: 'object', obj: 'review', body: () => ({ project_id: obj.project, decision: 'reject' }) },
  'POST /api/projects/reviews/:id/close': { kind: 'object', obj: 'review', body: { minutes: '越权纪要' } },
  'GET /api/projects/:id/permits': { kind: 'object', obj: 'project' },
  'PUT /api/projects/:id/permits': { kind: 'object', obj: 'project', body: { permit: '施工许可证', applied_date: '2026-01-05' } },
  'GET /api/projects/:id/checks': { kind: 'object', obj: 'project' },
  'POST /api/projects/:id/checks': { kind: 'object', obj: 'project', body: { on_date: '2026-01-05', checker: '越权检查', progress: 10 } },
  'GET /api/projects/stats': { kind: 'config' },
  'GET /api/projects/targets': { kind: 'config' },
  'PUT /api/projects/targets': { kind: 'config', body: { year: 2026, dept_id: 1, signed_count: 1 }, foreign: [
    { who: 'admin', status: [400], body: () => ({ year: 2026, dept_id: obj.zone2Dept, signed_count: 9 }) },
  ] },
  'GET /api/projects/leaderboard': { kind: 'config' },
  'GET /api/projects/evaluation': { kind: 'config' },
  'GET /api/projects/bulletin': { kind: 'list', query: 'format=html' },
  'GET /api/projects/export': { kind: 'list', query: 'format=csv' },
  'GET /api/projects/settings': { kind: 'config' },
  'PUT /api/projects/settings': { kind: 'config', body: { amber_days: 20 } },
  'GET /api/projects': { kind: 'list' },
  'POST /api/projects': { kind: 'create', body: { name: '越权项目' }, foreign: [
    { who: 'investment_head', status: [403], body: () => ({ name: '越权项目', dept_id: obj.economicDept }) },
    { who: 'admin', status: [400], body: () => ({ name: '越权项目', dept_id: obj.zone2Dept }) },
  ] },
  'GET /api/projects/:id': { kind: 'object', obj: 'project' },
  'PATCH /api/projects/:id': { kind: 'object', obj: 'project', body: { name: '越权改名' }, foreign: [
    { who: 'investment_head', status: [403], path: () => `/api/projects/${obj.project}`, body: () => ({ dept_id: obj.economicDept }) },
  ] },
  'POST /api/projects/:id/move': { kind: 'object', obj: 'project', body: { to: 'negotiating', date: '2026-01-05' } },
  'GET /api/projects/:id/timeline': { kind: 'object', obj: 'project' },
  'GET /api/projects/:id/attachments': { kind: 'object', obj: 'project' },
  'POST /api/projects/:id/attachments': { kind: 'object', obj: 'project', body: () => attachmentForm() },
  'GET /api/projects/:id/attachments/:aid': { kind: 'object', obj: 'project', path: (id) => `/api/projects/${id}/attachments/${obj.projectAttachment}` },
  'DELETE /api/projects/:id/attachments/:aid': { kind: 'object', obj: 'project', path: (id) => `/api/projects/${id}/attachments/${obj.projectAttachment}` },
  'GET /api/projects/:id/followups': { kind: 'object', obj: 'project' },
  'POST /api/projects/:id/followups': { kind: 'object', obj: 'project', body: { kind: 'visit', on_date: '2026-01-05', notes: '越权跟进' } },
  'GET /api/projects/:id/invest': { kind: 'object', obj: 'project' },
  'PUT /api/projects/:id/invest': { kind: 'object', obj: 'project', body: { year: 2026, months: [{ month: '2026-01', planned: 9 }] } },
  'PUT /api/projects/:id/invest/:month': { kind: 'object', obj: 'project', path: (id) => `/api/projects/${id}/invest/2026-01`, body: { actual: 9 } },
  'POST /api/projects/:id/problems': { kind: 'object', obj: 'project', body: () => ({ title: '越权问题', category: 'land', dept_id: obj.economicDept }), foreign: [
    { who: 'admin', status: [400], path: () => `/api/projects/${obj.project}/problems`, body: () => ({ title: '越权问题', category: 'land', dept_id: obj.zone2Dept }) },
  ] },
  'GET /api/economy/indicators': { kind: 'config' },
  'POST /api/economy/indicators': { kind: 'create', body: { code: 'yuequan', name: '越权指标' } },
  'PUT /api/economy/indicators/:id': { kind: 'object', obj: 'econIndicator', body: { name: '越权改名' } },
  'GET /api/economy/periods/:period': { kind: 'config', path: '/api/economy/periods/2026-01' },
  'PUT /api/economy/periods/:period': { kind: 'config', path: '/api/economy/periods/2026-01', body: { deadline: '2099-12-31' } },
  'PUT /api/economy/targets': { kind: 'config', body: { year: 2026, targets: { output: 1 } } },
  'GET /api/economy/summary': { kind: 'config', path: '/api/economy/summary?period=2026-01' },
  'GET /api/economy/contributions': { kind: 'config', path: '/api/economy/contributions?period=2026-01&indicator=output' },
  'GET /api/economy/bulletin': { kind: 'config', path: '/api/economy/bulletin?period=2026-01&format=html' },
  'GET /api/economy/missing': { kind: 'list', query: 'period=2026-01' },
  'POST /api/economy/reports': { kind: 'create', body: { period: '2026-01', values: { output: 1 }, reason: '越权' }, foreign: [
    { who: 'zone2_admin', status: [404], body: () => ({ period: '2026-01', enterprise_id: obj.enterprise, values: { output: 1 }, reason: '越权' }) },
    { who: 'other_enterprise', status: [409], body: () => ({ period: '2026-01', enterprise_id: obj.enterprise, values: { output: 1 } }) },
  ] },
  'GET /api/economy/reports': { kind: 'list' },
  'GET /api/economy/reports/:id': { kind: 'object', obj: 'econReport' },
  'POST /api/economy/reports/:id/accept': { kind: 'object', obj: 'econReport' },
  'POST /api/economy/reports/:id/return': { kind: 'object', obj: 'econReport', body: { note: '越权退回' } },
  'POST /api/economy/reminders': { kind: 'config', body: { period: '2026-01' } },
  'GET /api/economy/baobao': { kind: 'list', query: 'period=2026-01' },
  'GET /api/economy/baobao/:id': { kind: 'object', obj: 'baobaoEnterprise' },
  'PUT /api/economy/baobao/:id/targets': { kind: 'object', obj: 'baobaoEnterprise', body: () => ({ period: THIS_MONTH, targets: { output: 1 } }) },
  'POST /api/economy/baobao/:id/dispatches': { kind: 'object', obj: 'baobaoEnterprise', body: () => ({ period: THIS_MONTH, production: 'full', problems: '越权调度', raise_request: true }) },
  'POST /api/economy/import': { kind: 'create', path: '/api/economy/import?period=2026-01', body: () => csvForm('企业名称,工业总产值本月\r\n越权导入企业,1\r\n') },
  'GET /api/space/summary': { kind: 'config' },
  'GET /api/space/buildings': { kind: 'list' },
  'POST /api/space/buildings': { kind: 'create', body: { name: '越权楼宇', type: 'factory', floors: 2 } },
  'GET /api/space/buildings/:id': { kind: 'object', obj: 'spaceBuilding' },
  'PATCH /api/space/buildings/:id': { kind: 'object', obj: 'spaceBuilding', body: { name: '越权改名' } },
  'GET /api/space/units': { kind: 'list' },
  'POST /api/space/units': { kind: 'create', body: { building_id: 1, floor: 1, number: '越权', area: 10 }, foreign: [
    // a unit in another zone's building
    { who: 'zone2_admin', status: [400], body: () => ({ building_id: obj.spaceBuilding, floor: 1, number: '越权', area: 10 }) },
  ] },
  'GET /api/space/units/:id': { kind: 'object', obj: 'spaceUnit' },
  'PATCH /api/space/units/:id': { kind: 'object', obj: 'spaceUnit', body: { rent: 1 } },
  'GET /api/space/leases': { kind: 'list', query: 'page_size=200' },
  'POST /api/space/leases': { kind: 'create', foreign: [
    // another zone lets our unit, or its own unit to our enterprise
    { who: 'zone2_admin', status: [400], body: () => ({ unit_id: obj.spaceUnit, enterprise_id: me.enterprise.enterprise_id, start_date: '2030-01-01', end_date: '2030-12-31' }) },
    { who: 'zone2_admin', status: [400], body: () => ({ unit_id: obj.zone2SpaceUnit, enterprise_id: me.enterprise.enterprise_id, start_date: '2030-01-01', end_date: '2030-12-31' }) },
  ] },
  'GET /api/space/leases/:id': { kind: 'object', obj: 'spaceLease' },
  'POST /api/space/leases/:id/end': { kind: 'object', obj: 'spaceLease' },
  // 惠企政策 (src/policy/)
  'GET /api/policies/summary': { kind: 'config' },
  'GET /api/policies/mine': { kind: 'list' },
  'GET /api/policies/export': { kind: 'list', query: 'format=csv' },
  'GET /api/policies/applications/export': { kind: 'list', query: 'format=csv' },
  'GET /api/policies/applications': { kind: 'list', query: 'page_size=200' },
  'POST /api/policies/applications': { kind: 'create', foreign: [
    // another zone's enterprise names this zone's policy: not there
    { who: 'zone2_enterprise', status: [400], body: () => ({ policy_id: obj.policy }) },
  ] },
  'GET /api/policies/applications/:id': { kind: 'object', obj: 'policyApp' },
  'PATCH /api/policies/applications/:id': { kind: 'object', obj: 'policyApp', body: { note: '越权修改申报' } },
  'POST /api/policies/applications/:id/submit': { kind: 'object', obj: 'policyApp' },
  'POST /api/policies/applications/:id/accept': { kind: 'object', obj: 'policyApp' },
  'POST /api/policies/applications/:id/approve': { kind: 'object', obj: 'policyApp', body: { amount: 1 } },
  'POST /api/policies/applications/:id/reject': { kind: 'object', obj: 'policyApp', body: { reason: '越权退回' } },
  'GET /api/policies/applications/:id/payments': { kind: 'object', obj: 'policyApp' },
  'POST /api/policies/applications/:id/payments': { kind: 'object', obj: 'policyApp', body: { amount: 1 } },
  'GET /api/policies/applications/:id/attachments': { kind: 'object', obj: 'policyApp' },
  'POST /api/policies/applications/:id/attachments': { kind: 'object', obj: 'policyApp', body: () => attachmentForm() },
  'GET /api/policies/applications/:id/attachments/:aid': { kind: 'object', obj: 'policyApp', path: (id) => `/api/policies/applications/${id}/attachments/${obj.policyAttachment}` },
  'DELETE /api/policies/applications/:id/attachments/:aid': { kind: 'object', obj: 'policyApp', path: (id) => `/api/policies/applications/${id}/attachments/${obj.policyAttachment}` },
  'GET /api/policies': { kind: 'list' },
  'POST /api/policies': { kind: 'create' },
  'GET /api/policies/:id': { kind: 'object', obj: 'policy' },
  'PATCH /api/policies/:id': { kind: 'object', obj: 'policy', body: { title: '越权修改政策' } },
  'POST /api/policies/:id/publish': { kind: 'object', obj: 'policyDraft' },
  'POST /api/policies/:id/close': { kind: 'object', obj: 'policy' },
  'GET /api/policies/:id/matches': { kind: 'object', obj: 'policy' },
  // 银企对接 (src/finance/)
  'GET /api/finance/summary': { kind: 'config' },
  'GET /api/finance/banks': { kind: 'list' },
  'POST /api/finance/banks': { kind: 'create', body: { name: '越权银行' } },
  'GET /api/finance/banks/:id': { kind: 'object', obj: 'finBank' },
  'PATCH /api/finance/banks/:id': { kind: 'object', obj: 'finBank', body: { contact: '越权' } },
  'GET /api/finance/products': { kind: 'list' },
  'POST /api/finance/products': { kind: 'create', body: { bank_id: 1, name: '越权产品', guarantee: 'credit', term_months: 12 }, foreign: [
    { who: 'zone2_admin', status: [400], body: () => ({ bank_id: obj.finBank, name: '越权产品', guarantee: 'credit', term_months: 12 }) },
  ] },
  'GET /api/finance/products/:id': { kind: 'object', obj: 'finProduct' },
  'PATCH /api/finance/products/:id': { kind: 'object', obj: 'finProduct', body: { name: '越权改名' } },
  'GET /api/finance/demands': { kind: 'list', query: 'page_size=200' },
  'GET /api/finance/demands/export': { kind: 'list', query: 'format=csv' },
  'POST /api/finance/demands': { kind: 'create', body: { amount: 1, purpose: '越权', term_months: 1 }, foreign: [
    { who: 'admin', status: [400], body: () => ({ amount: 1, purpose: '越权', term_months: 1, enterprise_id: ents2[0].id }) },
  ] },
  'GET /api/finance/demands/:id': { kind: 'object', obj: 'finDemand' },
  'PATCH /api/finance/demands/:id': { kind: 'object', obj: 'finDemand', body: { amount: 1 } },
  'POST /api/finance/demands/:id/submit': { kind: 'object', obj: 'finDemand' },
  'POST /api/finance/demands/:id/withdraw': { kind: 'object', obj: 'finDemand' },
  'POST /api/finance/demands/:id/push': { kind: 'object', obj: 'finDemand', body: () => ({ bank_ids: [obj.finBank] }) },
  'POST /api/finance/demands/:id/close': { kind: 'object', obj: 'finDemand' },
  'GET /api/finance/notifications': { kind: 'list' },
  'POST /api/finance/notifications/:id/read': { kind: 'object', obj: 'notification' },
  'POST /api/finance/notifications/read-all': { kind: 'self' },
  'GET /api/finance/offers': { kind: 'list', query: 'page_size=200' },
  'GET /api/finance/offers/export': { kind: 'list', query: 'format=csv' },
  'GET /api/finance/offers/:id': { kind: 'object', obj: 'finOffer' },
  'GET /api/finance/offers/:id/tranches': { kind: 'object', obj: 'finOffer' },
  'POST /api/finance/offers/:id/accept': { kind: 'object', obj: 'finOffer' },
  'POST /api/finance/offers/:id/decline': { kind: 'object', obj: 'finOffer', body: { reason: '越权' } },
  'POST /api/finance/offers/:id/approve': { kind: 'object', obj: 'finOffer', body: { approved_amount: 1, rate: 1, term_months: 1, approved_on: '2030-01-01' } },
  'POST /api/finance/offers/:id/disburse': { kind: 'object', obj: 'finOffer', body: { on_date: '2030-01-01', amount: 1 } },
  // 工业物流
  'GET /api/freight/summary': { kind: 'config' },
  'GET /api/freight/carriers': { kind: 'list' },
  'POST /api/freight/carriers': { kind: 'create', body: { name: '越权承运企业' } },
  'GET /api/freight/carriers/:id': { kind: 'object', obj: 'freightCarrier' },
  'PATCH /api/freight/carriers/:id': { kind: 'object', obj: 'freightCarrier', body: { name: '越权改名' } },
  'GET /api/freight/trucks': { kind: 'list' },
  'POST /api/freight/trucks': { kind: 'create', body: { carrier_id: 1, plate: '苏F00001', driver: '越权', capacity_t: 1, capacity_m3: 1 }, foreign: [
    // a truck of another zone's carrier
    { who: 'zone2_admin', status: [400], body: () => ({ carrier_id: obj.freightCarrier, plate: '苏F00002', driver: '越权', capacity_t: 1, capacity_m3: 1 }) },
  ] },
  'GET /api/freight/trucks/:id': { kind: 'object', obj: 'freightTruck' },
  'PATCH /api/freight/trucks/:id': { kind: 'object', obj: 'freightTruck', body: { driver: '越权改名' } },
  'GET /api/freight/offers': { kind: 'list' },
  'GET /api/freight/offers/export': { kind: 'list', query: 'format=csv' },
  'POST /api/freight/offers': { kind: 'create', foreign: [
    { who: 'zone2_admin', status: [400], body: () => ({ truck_id: obj.freightTruck, origin: '海门', destination: '常州', date_from: '2030-01-01', date_to: '2030-01-02', spare_t: 1, spare_m3: 1, full_price: 1 }) },
  ] },
  'GET /api/freight/offers/:id': { kind: 'object', obj: 'freightOffer' },
  'POST /api/freight/offers/:id/close': { kind: 'object', obj: 'freightOffer' },
  'GET /api/freight/loads': { kind: 'list', query: 'page_size=200' },
  'GET /api/freight/loads/export': { kind: 'list', query: 'format=csv' },
  'POST /api/freight/loads': { kind: 'create', foreign: [
    // another zone posts for our enterprise
    { who: 'zone2_admin', status: [400], body: () => ({ enterprise_id: me.enterprise.enterprise_id, goods: '越权货物', weight_t: 1, volume_m3: 1, origin: '海门', destination: '常州', date_from: '2030-01-01', date_to: '2030-01-02', price: 1 }) },
  ] },
  'GET /api/freight/loads/:id': { kind: 'object', obj: 'freightLoad' },
  'GET /api/freight/loads/:id/matches': { kind: 'object', obj: 'freightLoad' },
  'POST /api/freight/loads/:id/match': { kind: 'object', obj: 'freightLoad', body: () => ({ offer_id: obj.freightOffer }) },
  'POST /api/freight/loads/:id/confirm': { kind: 'object', obj: 'freightLoad' },
  'POST /api/freight/loads/:id/decline': { kind: 'object', obj: 'freightLoad' },
  'POST /api/freight/loads/:id/withdraw': { kind: 'object', obj: 'freightLoad' },
  'POST /api/freight/loads/:id/cancel': { kind: 'object', obj: 'freightLoad' },
  'POST /api/freight/loads/:id/done': { kind: 'object', obj: 'freightLoad', body: { outcome: 'delivered' } },
  'POST /api/freight/loads/:id/carrier-confirm': { kind: 'object', obj: 'freightLoad' },
  'POST /api/freight/loads/:id/carrier-decline': { kind: 'object', obj: 'freightLoad' },
  'GET /api/freight/notifications': { kind: 'list' },
  'POST /api/freight/notifications/:id/read': { kind: 'object', obj: 'notification' },
  'POST /api/freight/notifications/read-all': { kind: 'self' },
  'GET /api/freight/registrations': { kind: 'list', query: 'page_size=200' },
  'GET /api/freight/registrations/export': { kind: 'list', query: 'format=csv' },
  'POST /api/freight/registrations': { kind: 'create', foreign: [
    { who: 'zone2_admin', status: [400], body: () => ({ enterprise_id: me.enterprise.enterprise_id, plate: '苏F00003', driver: '越权', phone: '13800000000', route: '海门—常州', date: '2030-01-01' }) },
  ] },
  'GET /api/freight/registrations/:id': { kind: 'object', obj: 'freightReg' },
  'POST /api/freight/registrations/:id/approve': { kind: 'object', obj: 'freightReg' },
  'POST /api/freight/registrations/:id/reject': { kind: 'object', obj: 'freightReg', body: { reason: '越权退回' } },
  'POST /api/freight/registrations/:id/withdraw': { kind: 'object', obj: 'freightReg' },
  // 载体 demands and exports
  'GET /api/space/units/export': { kind: 'list', query: 'format=csv' },
  'GET /api/space/leases/export': { kind: 'list', query: 'format=csv' },
  'GET /api/space/demands/export': { kind: 'list', query: 'format=csv' },
  'GET /api/space/demands': { kind: 'list', query: 'page_size=200' },
  'POST /api/space/demands': { kind: 'create', lower: 'dept_head', body: { type: 'factory', area_min: 100, wanted_from: '2030-01-01' }, foreign: [
    // staff of another zone name an enterprise of this zone
    { who: 'zone2_admin', status: [400], body: () => ({ enterprise_id: me.enterprise.enterprise_id, type: 'factory', area_min: 100, wanted_from: '2030-01-01' }) },
  ] },
  'GET /api/space/demands/:id': { kind: 'object', obj: 'spaceDemand' },
  'GET /api/space/demands/:id/matches': { kind: 'object', obj: 'spaceDemand' },
  'POST /api/space/demands/:id/offer': { kind: 'object', obj: 'spaceDemand', body: () => ({ unit_id: obj.spaceUnit }) },
  'POST /api/space/demands/:id/accept': { kind: 'object', obj: 'spaceDemand', lower: 'dept_head' },
  'POST /api/space/demands/:id/decline': { kind: 'object', obj: 'spaceDemand', lower: 'dept_head' },
  'POST /api/space/demands/:id/withdraw': { kind: 'object', obj: 'spaceDemand', lower: 'dept_head' },
  'POST /api/space/demands/:id/close': { kind: 'object', obj: 'spaceDemand' },
  'POST /api/space/units/:id/apply': { kind: 'object', obj: 'spaceUnit', lower: 'dept_head' },
  'GET /api/space/plan': { kind: 'config' },
  'GET /api/space/plan/image': { kind: 'config' },
  'PUT /api/space/plan': { kind: 'config' },
  'PUT /api/space/buildings/:id/outline': { kind: 'object', obj: 'spaceBuilding', body: { plan: [[1, 1], [20, 1], [20, 20]] } },
  // 用工: jobs.post is held by the enterprises and (by its department's kind) the service center's
  // staff, so the caller without it is the department head (`lower`)
  'GET /api/jobs/summary': { kind: 'config' },
  'GET /api/jobs/demands': { kind: 'list', query: 'page_size=200' },
  'POST /api/jobs/demands': { kind: 'create', lower: 'dept_head', body: { title: '越权岗位', headcount: 1, pay_min: 1, pay_max: 2, deadline: '2099-01-01' }, foreign: [
    { who: 'zone2_admin', status: [400], body: () => ({ enterprise_id: me.enterprise.enterprise_id, title: '越权岗位', headcount: 1, pay_min: 1, pay_max: 2, deadline: '2099-01-01' }) },
  ] },
  'GET /api/jobs/demands/export': { kind: 'list', query: 'format=csv' },
  'GET /api/jobs/demands/:id': { kind: 'object', obj: 'jobDemand' },
  'PATCH /api/jobs/demands/:id': { kind: 'object', obj: 'jobDemand', lower: 'dept_head', body: { title: '越权改名' } },
  'POST /api/jobs/demands/:id/close': { kind: 'object', obj: 'jobDemand', lower: 'dept_head' },
  'POST /api/jobs/demands/:id/reopen': { kind: 'object', obj: 'jobDemand', lower: 'dept_head' },
  'GET /api/jobs/hires': { kind: 'list', query: 'page_size=200' },
  'POST /api/jobs/hires': { kind: 'create', foreign: [
    { who: 'zone2_admin', status: [400], body: () => ({ demand_id: obj.jobDemand, headcount: 1, hired_on: '2026-01-02', channel: 'other' }) },
  ] },
  'GET /api/jobs/hires/export': { kind: 'list', query: 'format=csv' },
  'GET /api/jobs/hires/:id': { kind: 'object', obj: 'jobHire' },
  'GET /api/jobs/fairs': { kind: 'list', query: 'page_size=200' },
  'POST /api/jobs/fairs': { kind: 'create', body: { title: '越权招聘会', fair_date: '2099-01-01' } },
  'GET /api/jobs/fairs/export': { kind: 'list', query: 'format=csv' },
  'GET /api/jobs/fairs/:id': { kind: 'object', obj: 'jobFair' },
  'PATCH /api/jobs/fairs/:id': { kind: 'object', obj: 'jobFair', body: { title: '越权改名' } },
  'GET /api/jobs/fairs/:id/enterprises': { kind: 'object', obj: 'jobFair' },
  'POST /api/jobs/fairs/:id/join': { kind: 'object', obj: 'jobFair', lower: 'dept_head', body: { enterprise_id: 1 } },
  'POST /api/jobs/fairs/:id/leave': { kind: 'object', obj: 'jobFair', lower: 'dept_head', body: { enterprise_id: 1 } },
  'GET /api/jobs/partnerships': { kind: 'list', query: 'page_size=200' },
  'POST /api/jobs/partnerships': { kind: 'create', body: { school: '越权院校', major: '越权专业', year: 2026, planned: 1 }, foreign: [
    { who: 'zone2_admin', status: [400], body: () => ({ enterprise_id: me.enterprise.enterprise_id, school: '越权院校', major: '越权专业', year: 2026, planned: 1 }) },
  ] },
  'GET /api/jobs/partnerships/export': { kind: 'list', query: 'format=csv' },
  'GET /api/jobs/partnerships/:id': { kind: 'object', obj: 'jobPartnership' },
  'PATCH /api/jobs/partnerships/:id': { kind: 'object', obj: 'jobPartnership', body: { arrived: 1 } },
  'GET /api/tokens': { kind: 'list' },
  'POST /api/tokens': { kind: 'create', foreign: [
    { who: 'zone2_admin', status: [400], body: () => ({ name: '越权令牌', role: 'enterprise', enterprise_id: obj.enterprise }) },
    { who: 'zone2_admin', status: [400], body: () => ({ name: '越权令牌', role: 'staff', dept_id: obj.foreignDept }) },
  ] },
  'DELETE /api/tokens/:id': { kind: 'object', obj: 'token' },
  'GET /api/audit': { kind: 'list', query: 'page_size=200' },
  'GET /api/logins': { kind: 'list', query: 'page_size=200' },
  'GET /open311/discovery.xml': { kind: 'public' },
  'GET /open311/discovery.json': { kind: 'public' },
  'GET /open311/v2/services.xml': { kind: 'public' },
  'GET /open311/v2/services.json': { kind: 'public' },
  'GET /open311/v2/services/:code': { kind: 'public', path: '/open311/v2/services/financing.json' },
  'POST /open311/v2/requests.xml': { kind: 'public' },
  'POST /open311/v2/requests.json': { kind: 'public' },
  'GET /open311/v2/requests.xml': { kind: 'o311list' },
  'GET /open311/v2/requests.json': { kind: 'o311list' },
  'GET /open311/v2/requests/:id': { kind: 'o311', path: (id) => `/open311/v2/requests/${id}.json` },
  'GET /open311/v2/tokens/:id': { kind: 'o311', path: (id) => `/open311/v2/tokens/${id}.json` },
  'GET /open311/v2/servicerequestupdates.xml': { kind: 'o311list' },
  'GET /open311/v2/servicerequestupdates.json': { kind: 'o311list' },
  'POST /open311/v2/servicerequestupdates.xml': { kind: 'o311write' },
  'POST /open311/v2/servicerequestupdates.json': { kind: 'o311write' },
};

// A small PDF as a multipart body for the upload route ({ raw, type } for call() below).
function attachmentForm() {
  const b = '----yqaccess';
  const pdf = '%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n';
  const raw = `--${b}\r\nContent-Disposition: form-data; name="file"; filename="越权.pdf"\r\nContent-Type: application/pdf\r\n\r\n${pdf}\r\n--${b}--\r\n`;
  return { raw: new Uint8Array(Buffer.from(raw, 'utf8')), type: `multipart/form-data; boundary=${b}` };
}

// A CSV file as the multipart body of an import.
function csvForm(csv) {
  const b = '----yqaccesscsv';
  const raw = `--${b}\r\nContent-Disposition: form-data; name="file"; filename="越权.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${b}--\r\n`;
  return { raw: new Uint8Array(Buffer.from(raw, 'utf8')), type: `multipart/form-data; boundary=${b}` };
}

// The current month in the zone's time (UTC+8): the month a 包保 write names.
const THIS_MONTH = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 7);

// A USCC no demo enterprise has.
const freshUscc = (n) => uscc('91220101AC', n);

// The body of PUT /api/enterprises/:id that keeps an enterprise as it is.
function entBody(e) {
  return {
    uscc: e.uscc, name: e.name, short_name: e.short_name, industry_code: e.industry_code, address: e.address,
    building: e.building, registered_capital: e.registered_capital, established_on: e.established_on || '',
    ent_type: e.ent_type, contacts: e.contacts, tags: e.tags, flags: e.flags,
    dept_id: e.dept_id, leader_user_id: e.leader_user_id, liaison_user_id: e.liaison_user_id,
  };
}

const routes = JSON.parse(cli(['routes', '--json']).stdout).routes;
const key = (r) => `${r.method} ${r.pattern}`;

// The demo's users: zone ccetdz (1) by role, two enterprises there, zone hmetdz, the province.
const NAMES = {
  admin: 'ccetdz-admin', leader: 'ccetdz-leader', dept_head: 'ccetdz-jingfa', staff: 'ccetdz-fuwu',
  investment_head: 'ccetdz-zhaoshang', enterprise: 'ccetdz-qiye', other_enterprise: 'ccetdz-weipai', province: 'province-viewer',
  zone2_admin: 'hmetdz-admin', zone2_enterprise: 'hmetdz-qiye',
  bank: 'ccetdz-yinhang', // 银企对接: the account of the demo's 吉林银行 in zone 1
};
const LOWER_ORDER = ['enterprise', 'staff', 'dept_head', 'leader', 'province', 'admin'];

let srv;
const as = {};       // clients by NAMES key
const me = {};       // /api/me of each
const obj = {};      // object kind -> id in zone 1
const data = {};     // object kind -> a string of the object that must not leak
let ents1 = [], ents2 = [], depts1 = [];
let key1, key2;      // staff API keys of zone 1 and zone 2 (Open311)
let o311Id;          // an Open311 request of zone 1
let bankEnts = new Set(); // the enterprises of the demands pushed to the bank user's bank
// a carrier user (工业物流) of zone 1, of a carrier other than the one the freight objects are of:
// made in before() (the demo's carrier account is 海门's); as.carrier, me.carrier

async function all(c, path) { // every page of a list
  const items = [];
  for (let page = 1; ; page++) {
    const r = await c.get(`${path}${path.includes('?') ? '&' : '?'}page=${page}&page_size=200`);
    assert.equal(r.status, 200, r.body);
    items.push(...r.json.items);
    if (items.length >= r.json.total || r.json.items.length === 0) return items;
  }
}

before(async () => {
  const db = demoDatabase();
  // no maintenance pass (auto-close writes audit rows) while the audit log is compared; its
  // webhook is on 127.0.0.1
  srv = await startServer({ db, env: { YUANQU_MAINTENANCE_SECONDS: '3600', YUANQU_WEBHOOK_ALLOW: '127.0.0.1/32' } });
  for (const [k, u] of Object.entries(NAMES)) {
    as[k] = new Client(srv.base);
    const r = await as[k].login(u, PW);
    assert.equal(r.status, 200, `${u}: ${r.body}`);
    me[k] = r.json.user;
  }
  ents1 = await all(as.admin, '/api/enterprises');
  ents2 = await all(as.zone2_admin, '/api/enterprises');
  depts1 = (await as.admin.get('/api/depts')).json.items;
  // a request of the first enterprise, new (no department yet), seen by the service center
  const t = await as.enterprise.post('/api/tickets', { category: '用工', title: '访问控制测试诉求', description: '越权访问测试专用。', contact_name: '张经理', contact_phone: '13900000001' });
  assert.equal(t.status, 201, t.body);
  obj.ticket = t.json.id; data.ticket = '访问控制测试诉求'; data.ticketText = '越权访问测试专用。'; data.ticketNo = t.json.no;
  const f = attachmentForm();
  const up = await as.enterprise.post(`/api/tickets/${obj.ticket}/attachments`, f.raw, { headers: { 'Content-Type': f.type } });
  assert.equal(up.status, 201, up.body);
  obj.attachment = up.json.id;
  // the first enterprise itself, outside the department head's scope: neither of his department
  // nor served by him as 包保 leader or liaison
  const own = ents1.find((e) => e.id === me.enterprise.enterprise_id);
  assert.ok(own, 'the enterprise user has an enterprise');
  const headDept = depts1.find((x) => x.id === me.dept_head.dept_id);
  const inHead = (deptId) => { const dd = depts1.find((x) => x.id === deptId); return dd && dd.path.startsWith(headDept.path); };
  if (headServes(own)) { // the request below must be outside his scope: another 包保 leader
    const full = (await as.admin.get(`/api/enterprises/${own.id}`)).json;
    const r = await as.admin.put(`/api/enterprises/${own.id}`, { ...entBody(full), leader_user_id: me.investment_head.id, liaison_user_id: null });
    assert.equal(r.status, 200, r.body);
    ents1 = await all(as.admin, '/api/enterprises');
  }
  const ent = inHead(own.dept_id) ? ents1.find((e) => e.id !== own.id && !headServes(e)) : own;
  obj.enterprise = ent.id; data.enterprise = ent.uscc;
  assert.ok(ent.leader_user_id !== me.leader.id && ent.liaison_user_id !== me.leader.id, 'the zone leader does not serve it');
  // an enterprise the head serves, and a department of the zone outside his
  obj.headEnterprise = ents1.find(headServes);
  assert.ok(obj.headEnterprise, 'the department head serves some enterprise');
  obj.headEnterprise = (await as.admin.get(`/api/enterprises/${obj.headEnterprise.id}`)).json;
  const fd = depts1.find((x) => !inHead(x.id) && x.kind !== 'leadership');
  obj.foreignDept = fd.id; obj.foreignDeptName = fd.name;
  const depts2 = (await as.zone2_admin.get('/api/depts')).json.items;
  obj.zone2Dept = depts2[0].id;
  // the staff user (service center), outside the department head's department
  assert.ok(!inHead(me.staff.dept_id));
  obj.user = me.staff.id; data.user = NAMES.staff;
  // a department of zone 1
  const dept = depts1.find((x) => x.path.split('/').length > 3 || x.id !== me.dept_head.dept_id && x.parent_id);
  obj.dept = dept.id; data.dept = dept.name;
  obj.zone = me.admin.zone_id; data.zone = '长春经济技术开发区';
  // the service center assigns it to the investment department, which is notified
  const acc = await as.staff.post(`/api/tickets/${obj.ticket}/accept`, { dept_id: me.investment_head.dept_id, category: '用工', priority: 'normal' });
  assert.equal(acc.status, 200, acc.body);
  const notes = (await as.investment_head.get('/api/notifications')).json.items;
  assert.ok(notes.length > 0, 'the assigned department was notified');
  obj.notification = notes[0].id; data.notification = '访问控制测试诉求';
  const w = await as.admin.post('/api/webhooks', { url: 'http://127.0.0.1:9/access-hook', secret: 'abcdefghijklmnop' });
  assert.equal(w.status, 201, w.body);
  obj.webhook = w.json.id; data.webhook = 'access-hook';
  const desk1 = depts1.find((x) => x.kind === 'service_center').id;
  const desk2 = depts2.find((x) => x.kind === 'service_center').id;
  const k = await as.admin.post('/api/tokens', { name: '访问控制测试令牌', role: 'staff', dept_id: desk1, data_scope: 'zone' });
  assert.equal(k.status, 201, k.body);
  obj.token = k.json.id; data.token = '访问控制测试令牌'; key1 = k.json.token;
  const k2 = await as.zone2_admin.post('/api/tokens', { name: '其他园区令牌', role: 'staff', dept_id: desk2, data_scope: 'zone' });
  assert.equal(k2.status, 201, k2.body);
  key2 = k2.json.token;
  o311Id = obj.ticket;
  // a request of the other zone, and a new one of ours (for writes that name them)
  const t2 = await as.zone2_enterprise.post('/api/tickets', { category: '用工', title: '其他园区诉求', description: '其他园区。' });
  assert.equal(t2.status, 201, t2.body);
  obj.zone2Ticket = t2.json.id;
  const t3 = await as.enterprise.post('/api/tickets', { category: '用工', title: '访问控制测试新诉求', description: '待受理。' });
  assert.equal(t3.status, 201, t3.body);
  obj.newTicket = t3.json.id;
  // a draft announcement for the first enterprise's building, with an attachment: no enterprise
  // sees a draft, and no other zone sees any
  const own1 = (await as.admin.get(`/api/enterprises/${me.enterprise.enterprise_id}`)).json;
  const an = await as.admin.post('/api/announcements', { title: '访问控制测试公告', body: '越权访问测试专用。', category: 'notice', audience: 'building', audience_building: own1.building });
  assert.equal(an.status, 201, an.body);
  obj.announcement = an.json.id; data.announcement = '访问控制测试公告';
  // a bulletin of the zone (经济运行月报): read by the zone's statistics readers only
  const bl = await as.admin.post('/api/bulletins', { kind: 'economy', period: '2026-02' });
  assert.equal(bl.status, 201, bl.body);
  obj.bulletin = bl.json.id; data.bulletin = '经济运行月报 2026-02';
  const af = attachmentForm();
  const aup = await as.admin.post(`/api/announcements/${obj.announcement}/attachments`, af.raw, { headers: { 'Content-Type': af.type } });
  assert.equal(aup.status, 201, aup.body);
  obj.annAttachment = aup.json.id;
  // a project of 招商局 (registered to no enterprise), with a scan, a follow-up and a problem for
  // 招商局: outside the economic bureau head's scope and every enterprise's
  const zs = depts1.find((x) => x.kind === 'investment');
  obj.economicDept = depts1.find((x) => x.kind === 'economic').id;
  obj.economicDeptName = depts1.find((x) => x.kind === 'economic').name;
  const pr = await as.admin.post('/api/projects', { name: '访问控制测试项目', dept_id: zs.id, notes: '越权访问测试专用。' });
  assert.equal(pr.status, 201, pr.body);
  obj.project = pr.json.id; data.project = '访问控制测试项目';
  const pf = attachmentForm();
  const pup = await as.admin.post(`/api/projects/${obj.project}/attachments`, pf.raw, { headers: { 'Content-Type': pf.type } });
  assert.equal(pup.status, 201, pup.body);
  obj.projectAttachment = pup.json.id;
  const fu = await as.admin.post(`/api/projects/${obj.project}/followups`, { kind: 'visit', on_date: '2026-01-05', notes: '访问控制测试跟进', next_step: '再次拜访', next_date: '2026-01-12' });
  assert.equal(fu.status, 201, fu.body);
  obj.followup = fu.json.id; data.followup = '访问控制测试跟进';
  const pb = await as.admin.post(`/api/projects/${obj.project}/problems`, { title: '访问控制测试问题', category: 'land', dept_id: zs.id });
  assert.equal(pb.status, 201, pb.body);
  obj.problem = pb.json.id; data.problem = '访问控制测试问题';
  const qf = attachmentForm();
  const qup = await as.admin.post(`/api/projects/problems/${obj.problem}/attachments`, qf.raw, { headers: { 'Content-Type': qf.type } });
  assert.equal(qup.status, 201, qup.body);
  obj.problemAttachment = qup.json.id;
  const rv = await as.admin.post('/api/projects/reviews', { on_date: '2026-01-09', title: '访问控制测试会审' });
  assert.equal(rv.status, 201, rv.body);
  obj.review = rv.json.id; data.review = '访问控制测试会审';
  assert.equal((await as.admin.post(`/api/projects/reviews/${obj.review}/items`, { project_id: obj.project })).status, 200);
  // a monthly report of the first enterprise (filed by the zone for a locked month, with a
  // reason), and an indicator of the zone's catalogue
  const er = await as.admin.post('/api/economy/reports', { period: '2026-01', enterprise_id: me.enterprise.enterprise_id, values: { output: 1234.5 }, reason: '访问控制测试补报' });
  assert.equal(er.status, 200, er.body);
  obj.econReport = er.json.id; data.econReport = '访问控制测试补报';
  obj.econIndicator = (await as.admin.get('/api/economy/indicators')).json.items[0].id;
  // an enterprise with a 包保 leader that the service-center staff does not serve: the zone's
  // economy.stats holders read it, a cadre who is neither its leader nor its liaison does not
  const bb = ents1.find((e) => e.leader_user_id && e.leader_user_id !== me.staff.id && e.liaison_user_id !== me.staff.id);
  assert.ok(bb, 'a demo enterprise with a 包保 leader');
  obj.baobaoEnterprise = bb.id; data.baobaoEnterprise = bb.name;
  // a building of the zone with a unit leased to the other enterprise (载体), and a unit of the
  // other zone
  const sb = await as.admin.post('/api/space/buildings', { name: '访问控制测试楼', type: 'factory', floors: 3 });
  assert.equal(sb.status, 201, sb.body);
  obj.spaceBuilding = sb.json.id; data.spaceBuilding = '访问控制测试楼';
  const su = await as.admin.post('/api/space/units', { building_id: obj.spaceBuilding, floor: 1, number: 'AC-101', area: 800, rent: 16000, notes: '访问控制测试单元' });
  assert.equal(su.status, 201, su.body);
  obj.spaceUnit = su.json.id; data.spaceUnit = '访问控制测试单元';
  const sl = await as.admin.post('/api/space/leases', { unit_id: obj.spaceUnit, enterprise_id: me.other_enterprise.enterprise_id, start_date: '2026-01-01', end_date: '2027-12-31', notes: '访问控制测试租约' });
  assert.equal(sl.status, 201, sl.body);
  obj.spaceLease = sl.json.id; data.spaceLease = '访问控制测试租约';
  const zb = await as.zone2_admin.post('/api/space/buildings', { name: '访问控制测试海门楼', type: 'factory', floors: 2 });
  assert.equal(zb.status, 201, zb.body);
  const zu = await as.zone2_admin.post('/api/space/units', { building_id: zb.json.id, floor: 1, number: 'AC-201', area: 600 });
  assert.equal(zu.status, 201, zu.body);
  obj.zone2SpaceUnit = zu.json.id;
  // 惠企政策: a policy published for the first enterprise's building (the other enterprise sits
  // elsewhere), a draft, and the first enterprise's draft application with a file
  const other1 = (await as.admin.get(`/api/enterprises/${me.other_enterprise.enterprise_id}`)).json;
  assert.notEqual(other1.building, own1.building, 'the two demo enterprises sit in different buildings');
  const po = await as.admin.post('/api/policies', { title: '访问控制测试政策', issuer: '管委会', benefit: '访问控制测试', buildings: [own1.building], max_amount: 10 });
  assert.equal(po.status, 201, po.body);
  obj.policy = po.json.id; data.policy = '访问控制测试政策';
  assert.equal((await as.admin.post(`/api/policies/${obj.policy}/publish`, {})).status, 200);
  const pd = await as.admin.post('/api/policies', { title: '访问控制测试政策草稿', issuer: '管委会', benefit: '访问控制测试' });
  assert.equal(pd.status, 201, pd.body);
  obj.policyDraft = pd.json.id; data.policyDraft = '访问控制测试政策草稿';
  const pa = await as.enterprise.post('/api/policies/applications', { policy_id: obj.policy, note: '访问控制测试申报' });
  assert.equal(pa.status, 201, pa.body);
  obj.policyApp = pa.json.id; data.policyApp = '访问控制测试申报';
  const paf = attachmentForm();
  const paup = await as.enterprise.post(`/api/policies/applications/${obj.policyApp}/attachments`, paf.raw, { headers: { 'Content-Type': paf.type } });
  assert.equal(paup.status, 201, paup.body);
  obj.policyAttachment = paup.json.id;
  // 银企对接: a bank of the zone with a product, and a demand of the first enterprise pushed to
  // it (not to the demo's 吉林银行, whose account is an outsider); the enterprises the bank
  // account may see are those of the demands pushed to its bank
  const fb = await as.admin.post('/api/finance/banks', { name: '访问控制测试银行', branch: '测试支行', notes: '访问控制测试银行备注' });
  assert.equal(fb.status, 201, fb.body);
  obj.finBank = fb.json.id; data.finBank = '访问控制测试银行';
  const fp = await as.admin.post('/api/finance/products', { bank_id: obj.finBank, name: '访问控制测试产品', guarantee: 'credit', term_months: 12 });
  assert.equal(fp.status, 201, fp.body);
  obj.finProduct = fp.json.id; data.finProduct = '访问控制测试产品';
  const fdm = await as.enterprise.post('/api/finance/demands', { amount: 321, purpose: '访问控制测试融资', term_months: 12 });
  assert.equal(fdm.status, 201, fdm.body);
  obj.finDemand = fdm.json.id; data.finDemand = '访问控制测试融资';
  const push = await as.admin.post(`/api/finance/demands/${obj.finDemand}/push`, { bank_ids: [obj.finBank] });
  assert.equal(push.status, 200, push.body);
  const offers = (await as.admin.get(`/api/finance/offers?demand_id=${obj.finDemand}`)).json.items;
  obj.finOffer = offers[0].id; data.finOffer = '访问控制测试融资';
  const mine = await all(as.bank, '/api/finance/demands');
  bankEnts = new Set(mine.map((x) => x.enterprise_id));
  assert.ok(!bankEnts.has(me.enterprise.enterprise_id) || mine.every((x) => x.id !== obj.finDemand));
  // 工业物流: a carrier with a truck and its offer, the other enterprise's part-load matched to
  // it (so the other enterprise reads the offer, the truck and the carrier, the first one none
  // of them), and the other enterprise's vehicle registration
  const fc = await as.admin.post('/api/freight/carriers', { name: '访问控制测试物流', notes: '访问控制测试承运企业' });
  assert.equal(fc.status, 201, fc.body);
  obj.freightCarrier = fc.json.id; data.freightCarrier = '访问控制测试承运企业';
  const ft = await as.admin.post('/api/freight/trucks', { carrier_id: obj.freightCarrier, plate: '苏FD80001', driver: '访问控制测试驾驶员', capacity_t: 10, capacity_m3: 40 });
  assert.equal(ft.status, 201, ft.body);
  obj.freightTruck = ft.json.id; data.freightTruck = '访问控制测试驾驶员';
  const fo = await as.admin.post('/api/freight/offers', { truck_id: obj.freightTruck, origin: '海门', destination: '常州', via: ['南通'], date_from: '2030-01-01', date_to: '2030-01-05', spare_t: 5, spare_m3: 20, full_price: 3000, notes: '访问控制测试运力' });
  assert.equal(fo.status, 201, fo.body);
  obj.freightOffer = fo.json.id; data.freightOffer = '访问控制测试运力';
  const fl = await as.admin.post('/api/freight/loads', { enterprise_id: me.other_enterprise.enterprise_id, goods: '访问控制测试货物', weight_t: 1, volume_m3: 2, origin: '海门', destination: '常州', date_from: '2030-01-01', date_to: '2030-01-03', price: 800 });
  assert.equal(fl.status, 201, fl.body);
  obj.freightLoad = fl.json.id; data.freightLoad = '访问控制测试货物';
  const fm = await as.admin.post(`/api/freight/loads/${obj.freightLoad}/match`, { offer_id: obj.freightOffer });
  assert.equal(fm.status, 200, fm.body);
  const fr = await as.admin.post('/api/freight/registrations', { enterprise_id: me.other_enterprise.enterprise_id, plate: '苏FD80002', driver: '访问控制测试报备', phone: '13800000000', route: '海门—常州', date: '2030-01-01' });
  assert.equal(fr.status, 201, fr.body);
  obj.freightReg = fr.json.id; data.freightReg = '访问控制测试报备';
  // the account of another carrier of the zone (承运方): none of those objects is its own
  const fc2 = await as.admin.post('/api/freight/carriers', { name: '访问控制测试另一物流' });
  assert.equal(fc2.status, 201, fc2.body);
  const cu = await as.admin.post('/api/users', { username: 'ccetdz-ac-chengyun', role: 'carrier', carrier_id: fc2.json.id, password: PW });
  assert.equal(cu.status, 201, cu.body);
  as.carrier = new Client(srv.base);
  const cl = await as.carrier.login('ccetdz-ac-chengyun', PW);
  assert.equal(cl.status, 200, cl.body);
  assert.equal((await as.carrier.put('/api/me/password', { old_password: PW, new_password: PW + 'x' })).status, 204);
  me.carrier = cl.json.user;
  // a demand for space of the other enterprise (载体需求), registered by the admin on its behalf
  const sd = await as.admin.post('/api/space/demands', { enterprise_id: me.other_enterprise.enterprise_id, type: 'factory', area_min: 500, area_max: 900, wanted_from: '2030-01-01', notes: '访问控制测试需求' });
  assert.equal(sd.status, 201, sd.body);
  obj.spaceDemand = sd.json.id; data.spaceDemand = '访问控制测试需求';
  // 用工: a demand of the other enterprise with a hire and a school partnership, and a fair of the
  // zone that the other enterprise joined
  const jd = await as.admin.post('/api/jobs/demands', { enterprise_id: me.other_enterprise.enterprise_id, title: '访问控制测试岗位', headcount: 10, pay_min: 4000, pay_max: 6000, deadline: '2099-12-31', notes: '访问控制测试需求' });
  assert.equal(jd.status, 201, jd.body);
  obj.jobDemand = jd.json.id; data.jobDemand = '访问控制测试需求';
  const jh = await as.admin.post('/api/jobs/hires', { demand_id: obj.jobDemand, headcount: 2, hired_on: jd.json.posted_on, channel: 'referral', notes: '访问控制测试招用' });
  assert.equal(jh.status, 201, jh.body);
  obj.jobHire = jh.json.id; data.jobHire = '访问控制测试招用';
  const jf = await as.admin.post('/api/jobs/fairs', { title: '访问控制测试招聘会', fair_date: '2099-06-01', notes: '访问控制测试招聘会备注' });
  assert.equal(jf.status, 201, jf.body);
  obj.jobFair = jf.json.id; data.jobFair = '访问控制测试招聘会备注';
  assert.equal((await as.admin.post(`/api/jobs/fairs/${obj.jobFair}/join`, { enterprise_id: me.other_enterprise.enterprise_id })).status, 200);
  const jp = await as.admin.post('/api/jobs/partnerships', { enterprise_id: me.other_enterprise.enterprise_id, school: '访问控制测试学院', major: '机电一体化技术', year: 2026, planned: 20, notes: '访问控制测试合作' });
  assert.equal(jp.status, 201, jp.body);
  obj.jobPartnership = jp.json.id; data.jobPartnership = '访问控制测试合作';
});

// Whether the department head serves an enterprise: of his department's subtree, or as its 包保
// leader or liaison (his data scope, src/access/scope.h).
function headServes(e) {
  const head = depts1.find((x) => x.id === me.dept_head.dept_id);
  const dd = depts1.find((x) => x.id === e.dept_id);
  return (dd && dd.path.startsWith(head.path)) || e.leader_user_id === me.dept_head.id || e.liaison_user_id === me.dept_head.id;
}

// The number of audit rows of zone 1: every change writes one, in its own transaction.
async function auditTotal() {
  const r = await as.admin.get('/api/audit?page_size=1');
  assert.equal(r.status, 200, r.body);
  return r.json.total;
}

after(async () => { await srv?.stop(); });

// Strings and ids a caller must never see, computed from the admins' full lists.
function foreign(who, rt) {
  const zone2 = who.startsWith('zone2_');
  const u = me[who];
  const f = { uscc: new Set(), ent: new Set(), userPrefix: zone2 ? 'ccetdz-' : 'hmetdz-' };
  const other = zone2 ? ents1 : ents2;
  for (const e of other) { f.uscc.add(e.uscc); f.ent.add(e.id); }
  if (!zone2 && u.role === 'enterprise') {
    for (const e of ents1) if (e.id !== u.enterprise_id) { f.uscc.add(e.uscc); f.ent.add(e.id); }
  }
  // a bank user (银企对接) sees only the enterprises of the demands pushed to its bank
  if (!zone2 && u.role === 'bank') {
    for (const e of ents1) if (!bankEnts.has(e.id)) { f.uscc.add(e.uscc); f.ent.add(e.id); }
  }
  // a carrier user (工业物流) only the enterprises of the loads matched to its offers: it has none
  if (!zone2 && u.role === 'carrier') {
    for (const e of ents1) { f.uscc.add(e.uscc); f.ent.add(e.id); }
  }
  // the head of the 经发局 reads the monthly figures of every enterprise of the zone
  const economic = rt && rt.pattern.startsWith('/api/economy/') && depts1.find((x) => x.id === u.dept_id)?.kind === 'economic';
  if (!zone2 && u.role === 'dept_head' && !economic) {
    for (const e of ents1) if (!headServes(e)) f.uscc.add(e.uscc);
  }
  return f;
}

// Walks a JSON response (or searches a text one) for foreign rows; returns what it found.
function leaks(res, f) {
  const found = [];
  if (res.json) {
    const walk = (v, parentKey) => {
      if (Array.isArray(v)) { v.forEach((x) => walk(x, parentKey)); return; }
      if (!v || typeof v !== 'object') return;
      if (typeof v.uscc === 'string' && f.uscc.has(v.uscc)) found.push(`uscc ${v.uscc}`);
      if (Number.isInteger(v.enterprise_id) && f.ent.has(v.enterprise_id)) found.push(`enterprise_id ${v.enterprise_id}`);
      if (parentKey === 'enterprises' && Number.isInteger(v.id) && f.ent.has(v.id)) found.push(`enterprise ${v.id}`);
      if (typeof v.username === 'string' && v.username.startsWith(f.userPrefix)) found.push(`user ${v.username}`);
      for (const [k, x] of Object.entries(v)) walk(x, k);
    };
    walk(res.json, '');
  } else {
    for (const u of f.uscc) if (res.body.includes(u)) found.push(`uscc ${u}`);
    if (res.body.includes(f.userPrefix)) found.push(`user ${f.userPrefix}…`);
  }
  return found;
}

function pathOf(rt, id) {
  const p = EXPECT[key(rt)]?.path;
  if (typeof p === 'function') return p(id);
  return p ?? rt.pattern.replace(/:[a-z]+/g, String(id ?? 1));
}
function call(c, rt, path, body) {
  if (typeof body === 'function') body = body();
  if (body && body.raw) return c.req(rt.method, path, body.raw, { headers: { 'Content-Type': body.type } });
  const b = body ?? (rt.method === 'POST' || rt.method === 'PUT' ? {} : undefined);
  return c.req(rt.method, path, b);
}
// A caller of the lowest role that lacks the route's permission, or null.
function lowerRole(rt) {
  // a route whose permission the caller named `staff` holds through its department (the service
  // center registers demands for space, or posts job demands, on an enterprise's behalf) names
  // its lower caller (`lower`)
  if (EXPECT[key(rt)]?.lower) return EXPECT[key(rt)].lower;
  const r = LOWER_ORDER.find((x) => !rt.roles.includes(x));
  return r ?? null;
}

test('every route of the table is classified here, and nothing else', () => {
  const have = new Set(routes.map(key));
  const missing = [...have].filter((k) => !EXPECT[k]);
  const stale = Object.keys(EXPECT).filter((k) => !have.has(k));
  assert.deepEqual(missing, [], 'routes without an expected behaviour in access.test.mjs');
  assert.deepEqual(stale, [], 'classified routes that no longer exist');
  assert.ok(routes.length >= 70);
});

// The object kinds a :id route may name, and the callers outside their scope: each gets 404 when
// its role holds the permission (otherwise the 403 check covers it).
const OUTSIDERS = {
  ticket: ['zone2_admin', 'zone2_enterprise', 'other_enterprise', 'dept_head'],
  enterprise: ['zone2_admin', 'zone2_enterprise', 'other_enterprise', 'dept_head'],
  user: ['zone2_admin', 'dept_head'],
  dept: ['zone2_admin'],
  zone: ['zone2_admin'],
  notification: ['zone2_admin', 'admin', 'enterprise', 'dept_head', 'staff', 'carrier'],
  webhook: ['zone2_admin'],
  token: ['zone2_admin'],
  announcement: ['zone2_admin', 'zone2_enterprise', 'other_enterprise', 'enterprise'],
  bulletin: ['zone2_admin', 'zone2_enterprise', 'enterprise', 'dept_head'],
  project: ['zone2_admin', 'zone2_enterprise', 'enterprise', 'other_enterprise', 'dept_head'],
  problem: ['zone2_admin', 'zone2_enterprise', 'enterprise', 'other_enterprise', 'dept_head'],
  followup: ['zone2_admin', 'zone2_enterprise', 'enterprise', 'dept_head'],
  review: ['zone2_admin', 'zone2_enterprise', 'enterprise', 'other_enterprise'],
  econReport: ['zone2_admin', 'zone2_enterprise', 'other_enterprise'],
  econIndicator: ['zone2_admin'],
  baobaoEnterprise: ['zone2_admin', 'zone2_enterprise', 'other_enterprise', 'staff'],
  // the zone's buildings are read by its enterprises; a unit leased to another enterprise and its
  // lease are not
  spaceBuilding: ['zone2_admin', 'zone2_enterprise'],
  spaceUnit: ['zone2_admin', 'zone2_enterprise', 'enterprise'],
  spaceLease: ['zone2_admin', 'zone2_enterprise', 'enterprise'],
  // a policy is read by the enterprises it was matched to; a draft by none; an application by
  // its own enterprise
  policy: ['zone2_admin', 'zone2_enterprise', 'other_enterprise'],
  policyDraft: ['zone2_admin', 'zone2_enterprise', 'other_enterprise', 'enterprise'],
  policyApp: ['zone2_admin', 'zone2_enterprise', 'other_enterprise'],
  // 银企对接: the zone's banks and products are read by its enterprises and banks; a demand and
  // its answer by its enterprise, the bank it was pushed to and the zone's staff only
  finBank: ['zone2_admin', 'zone2_enterprise'],
  finProduct: ['zone2_admin', 'zone2_enterprise'],
  finDemand: ['zone2_admin', 'zone2_enterprise', 'other_enterprise', 'bank'],
  finOffer: ['zone2_admin', 'zone2_enterprise', 'other_enterprise', 'bank'],
  // 工业物流: the other enterprise's load and registration, and the offer (truck, carrier) its
  // load is matched to: the first enterprise reads none of them, nor does another carrier's
  // account
  freightCarrier: ['zone2_admin', 'zone2_enterprise', 'enterprise', 'carrier'],
  freightTruck: ['zone2_admin', 'zone2_enterprise', 'enterprise', 'carrier'],
  freightOffer: ['zone2_admin', 'zone2_enterprise', 'enterprise', 'carrier'],
  freightLoad: ['zone2_admin', 'zone2_enterprise', 'enterprise', 'carrier'],
  freightReg: ['zone2_admin', 'zone2_enterprise', 'enterprise', 'carrier'],
  // a demand is its enterprise's: another enterprise of the zone does not see it
  spaceDemand: ['zone2_admin', 'zone2_enterprise', 'enterprise'],
  // 用工: an enterprise reads its own demands, hires and partnerships, and the zone's fairs
  jobDemand: ['zone2_admin', 'zone2_enterprise', 'enterprise'],
  jobHire: ['zone2_admin', 'zone2_enterprise', 'enterprise'],
  jobFair: ['zone2_admin', 'zone2_enterprise'],
  jobPartnership: ['zone2_admin', 'zone2_enterprise', 'enterprise'],
};

async function snapshot(kind) { // the object as its own zone's admin sees it
  const a = as.admin;
  switch (kind) {
    case 'ticket': return JSON.stringify((await a.get(`/api/tickets/${obj.ticket}`)).json);
    case 'enterprise': return JSON.stringify((await a.get(`/api/enterprises/${obj.enterprise}`)).json);
    case 'user': { const u = (await a.get(`/api/users/${obj.user}`)).json; delete u.last_login_at; return JSON.stringify(u); }
    case 'zone': return JSON.stringify((await a.get('/api/zones')).json.items.find((x) => x.id === obj.zone));
    case 'dept': return JSON.stringify((await a.get('/api/depts')).json.items.find((x) => x.id === obj.dept));
    case 'notification': return JSON.stringify((await as.investment_head.get('/api/notifications')).json.items.find((x) => x.id === obj.notification));
    case 'webhook': return JSON.stringify((await a.get('/api/webhooks')).json.items.find((x) => x.id === obj.webhook));
    case 'token': return JSON.stringify((await a.get('/api/tokens')).json.items.find((x) => x.id === obj.token));
    case 'announcement': return JSON.stringify((await a.get(`/api/announcements/${obj.announcement}`)).json);
    case 'bulletin': return JSON.stringify((await a.get(`/api/bulletins/${obj.bulletin}`)).json);
    case 'project': return JSON.stringify((await a.get(`/api/projects/${obj.project}`)).json);
    case 'problem': return JSON.stringify((await a.get(`/api/projects/problems/${obj.problem}`)).json);
    case 'review': return JSON.stringify((await a.get(`/api/projects/reviews/${obj.review}`)).json);
    case 'econReport': return JSON.stringify((await a.get(`/api/economy/reports/${obj.econReport}`)).json);
    case 'econIndicator': return JSON.stringify((await a.get('/api/economy/indicators?all=1')).json.items.find((x) => x.id === obj.econIndicator));
    case 'baobaoEnterprise': return JSON.stringify((await a.get(`/api/economy/baobao/${obj.baobaoEnterprise}?period=${THIS_MONTH}`)).json);
    case 'spaceBuilding': return JSON.stringify((await a.get(`/api/space/buildings/${obj.spaceBuilding}`)).json);
    case 'spaceUnit': return JSON.stringify((await a.get(`/api/space/units/${obj.spaceUnit}`)).json);
    case 'spaceLease': return JSON.stringify((await a.get(`/api/space/leases/${obj.spaceLease}`)).json);
    case 'policy': return JSON.stringify((await a.get(`/api/policies/${obj.policy}`)).json);
    case 'policyDraft': return JSON.stringify((await a.get(`/api/policies/${obj.policyDraft}`)).json);
    case 'policyApp': return JSON.stringify({ ...(await a.get(`/api/policies/applications/${obj.policyApp}`)).json, files: (await a.get(`/api/policies/applications/${obj.policyApp}/attachments`)).json });
    case 'finBank': return JSON.stringify((await a.get(`/api/finance/banks/${obj.finBank}`)).json);
    case 'finProduct': return JSON.stringify((await a.get(`/api/finance/products/${obj.finProduct}`)).json);
    case 'finDemand': return JSON.stringify((await a.get(`/api/finance/demands/${obj.finDemand}`)).json);
    case 'finOffer': return JSON.stringify((await a.get(`/api/finance/offers/${obj.finOffer}`)).json);
    case 'freightCarrier': return JSON.stringify((await a.get(`/api/freight/carriers/${obj.freightCarrier}`)).json);
    case 'freightTruck': return JSON.stringify((await a.get(`/api/freight/trucks/${obj.freightTruck}`)).json);
    case 'freightOffer': return JSON.stringify((await a.get(`/api/freight/offers/${obj.freightOffer}`)).json);
    case 'freightLoad': return JSON.stringify((await a.get(`/api/freight/loads/${obj.freightLoad}`)).json);
    case 'freightReg': return JSON.stringify((await a.get(`/api/freight/registrations/${obj.freightReg}`)).json);
    case 'spaceDemand': return JSON.stringify((await a.get(`/api/space/demands/${obj.spaceDemand}`)).json);
    case 'jobDemand': return JSON.stringify((await a.get(`/api/jobs/demands/${obj.jobDemand}`)).json);
    case 'jobHire': return JSON.stringify((await a.get(`/api/jobs/hires/${obj.jobHire}`)).json);
    case 'jobFair': return JSON.stringify([(await a.get(`/api/jobs/fairs/${obj.jobFair}`)).json, (await a.get(`/api/jobs/fairs/${obj.jobFair}/enterprises`)).json]);
    case 'jobPartnership': return JSON.stringify((await a.get(`/api/jobs/partnerships/${obj.jobPartnership}`)).json);
    case 'followup': return JSON.stringify((await a.get(`/api/projects/${obj.project}/followups`)).json.items.find((x) => x.id === obj.followup));
    default: return '';
  }
}

for (const rt of routes) {
  const k = key(rt);
  const exp = EXPECT[k];
  if (!exp) continue;
  test(`${k}: ${exp.kind}`, async () => {
    const anon = new Client(srv.base);
    const path = pathOf(rt, exp.obj ? obj[exp.obj] : o311Id);
    if (exp.kind === 'o311write') {
      const form = (key) => new URLSearchParams({ api_key: key, service_request_id: data.ticketNo, description: '越权更新' }).toString();
      const send = (key) => anon.post(path, form(key), { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
      const timeline = async () => JSON.stringify((await as.admin.get(`/api/tickets/${obj.ticket}`)).json.timeline);
      const before = await timeline();
      assert.equal((await send('')).status, 403, `${k} without api_key`);
      const r2 = await send(key2);
      assert.equal(r2.status, 404, `${k} other zone's key: ${r2.body.slice(0, 200)}`);
      assert.equal(await timeline(), before, `${k}: another zone's key wrote on the request`);
      return;
    }
    if (rt.perm === 'public') {
      const r = await call(anon, rt, path);
      assert.ok(r.status < 500, `${k} anonymous: ${r.status}`);
      if (exp.kind === 'o311' || exp.kind === 'o311list') {
        if (rt.pattern.includes('requests')) {
          // no key: 400 while several zones are served and none is named; with the zone named, the
          // status of its requests and nothing of what they say
          assert.equal(r.status, 400, `${k} without api_key: ${r.body.slice(0, 200)}`);
          const pub = await anon.get(`${path}?jurisdiction_id=ccetdz`);
          assert.equal(pub.status, 200, `${k} without api_key, zone named: ${pub.body.slice(0, 200)}`);
          assert.ok(!pub.body.includes(data.ticketText), `${k}: a request's text without api_key`);
          // another zone's key naming this zone: 403
          const cross = await anon.get(`${path}?jurisdiction_id=ccetdz&api_key=${encodeURIComponent(key2)}`);
          assert.equal(cross.status, 403, `${k} other zone's key naming this zone: ${cross.body.slice(0, 200)}`);
        } else {
          assert.ok(r.status === 403 || r.status === 404, `${k} without api_key: ${r.status} ${r.body.slice(0, 200)}`);
        }
        // another zone's key: the request is not found, and nothing of it shows
        const r2 = await anon.get(`${path}?api_key=${encodeURIComponent(key2)}`);
        if (exp.kind === 'o311') {
          assert.equal(r2.status, 404, `${k} other zone's key: ${r2.body.slice(0, 200)}`);
        } else {
          assert.equal(r2.status, 200, r2.body.slice(0, 200));
          assert.ok(!r2.body.includes(data.ticket), `${k}: another zone's key lists a foreign request`);
          assert.ok(!r2.body.includes(data.ticketNo), `${k}: another zone's key lists a foreign request's number`);
          const own = await anon.get(`${path}?api_key=${encodeURIComponent(key1)}`);
          assert.equal(own.status, 200, own.body.slice(0, 200));
          assert.ok(own.body.includes(data.ticketNo), `${k}: the control, the zone's own key, lists the request`);
        }
        assert.ok(!r2.body.includes(data.ticket), `${k}: foreign data in the answer`);
        if (exp.kind === 'o311' && rt.pattern.includes('requests')) {
          const own = await anon.get(`${path}?api_key=${encodeURIComponent(key1)}`);
          assert.equal(own.status, 200, `${k} own zone's key: ${own.body.slice(0, 200)}`);
        }
      }
      return;
    }
    // anonymous: 401
    const r0 = await call(anon, rt, path, exp.body);
    assert.equal(r0.status, 401, `${k} anonymous: ${r0.body.slice(0, 200)}`);
    // a role without the permission: 403
    const low = lowerRole(rt);
    if (low) {
      const r1 = await call(as[low], rt, path, exp.body);
      assert.equal(r1.status, 403, `${k} as ${low}: ${r1.body.slice(0, 200)}`);
    }
    if (exp.kind === 'object') {
      const before = await snapshot(exp.obj);
      const audit0 = await auditTotal();
      assert.ok(before && before !== 'undefined' && before !== '{}', `${exp.obj} ${obj[exp.obj]} exists`);
      for (const who of OUTSIDERS[exp.obj]) {
        if (!rt.roles.includes(me[who].role)) continue;
        const r = await call(as[who], rt, path, exp.body);
        assert.equal(r.status, 404, `${k} (${exp.obj} ${obj[exp.obj]}) as ${who}: ${r.status} ${r.body.slice(0, 200)}`);
        assert.ok(!r.body.includes(data[exp.obj]), `${k} as ${who}: the answer shows the object`);
      }
      assert.equal(await snapshot(exp.obj), before, `${k}: a foreign caller changed ${exp.obj} ${obj[exp.obj]}`);
      assert.equal(await auditTotal(), audit0, `${k}: a foreign caller's call wrote something`);
      if (rt.method === 'GET') { // the control: an insider reads the same path
        const insider = exp.obj === 'notification' ? 'investment_head' : 'admin';
        const r = await as[insider].get(path);
        assert.equal(r.status, 200, `${k} as ${insider}: ${r.body.slice(0, 200)}`);
      }
    }
    // writes that name a foreign row in their body: refused, nothing written
    for (const f of exp.foreign ?? []) {
      const audit0 = await auditTotal();
      const p = f.path ? f.path() : path;
      const r = await call(as[f.who], rt, p, f.body);
      assert.ok(f.status.includes(r.status), `${k} as ${f.who} naming a foreign row: ${r.status} ${r.body.slice(0, 200)}`);
      assert.equal(await auditTotal(), audit0, `${k} as ${f.who}: written although refused`);
      const again = await call(as[f.who], rt, p, f.body); // a client retrying makes nothing either
      assert.equal(again.status, r.status);
      assert.equal(await auditTotal(), audit0, `${k} as ${f.who}: written on a retry`);
    }
    if (exp.kind === 'list') {
      for (const who of ['enterprise', 'dept_head', 'zone2_admin', 'zone2_enterprise', 'bank', 'carrier']) {
        if (!rt.roles.includes(me[who].role)) continue;
        const r = await as[who].get(path + (exp.query ? `?${exp.query}` : ''));
        assert.equal(r.status, 200, `${k} as ${who}: ${r.body.slice(0, 200)}`);
        const found = leaks(r, foreign(who, rt));
        assert.deepEqual(found.slice(0, 5), [], `${k} as ${who} shows foreign rows (${found.length})`);
      }
    }
  });
}

// Province users read every zone and write nowhere (issue 10 item 10): every route that writes,
// but those on the caller's own session and account, refuses them, and the route table says so.
test('the province role is refused every write, and nothing is written', async () => {
  const writes = routes.filter((rt) => rt.method !== 'GET' && rt.perm !== 'public' && !rt.flags.includes('self'));
  assert.ok(writes.length >= 40, `${writes.length} write routes`);
  for (const rt of writes) assert.ok(!rt.roles.includes('province'), `${key(rt)} lists province`);
  const audit0 = await auditTotal();
  for (const rt of writes) {
    const exp = EXPECT[key(rt)];
    const path = pathOf(rt, exp.obj ? obj[exp.obj] : o311Id);
    const r = await call(as.province, rt, path, exp.body);
    assert.equal(r.status, 403, `${key(rt)} as province: ${r.body.slice(0, 200)}`);
  }
  // the request of a zone it reads: no reply, no internal note
  for (const internal of [false, true]) {
    const r = await as.province.post(`/api/tickets/${obj.ticket}/comments`, { body: '省级越权回复', internal });
    assert.equal(r.status, 403);
  }
  assert.equal(await auditTotal(), audit0, 'the province wrote something');
  assert.ok(!JSON.stringify((await as.enterprise.get(`/api/tickets/${obj.ticket}`)).json).includes('省级越权回复'));
  // its own session still works
  assert.equal((await as.province.get('/api/me')).status, 200);
});

test('the leak check finds foreign rows where there are some (control)', async () => {
  const r = await as.admin.get('/api/enterprises?page_size=50');
  assert.ok(leaks(r, foreign('enterprise')).length >= 49);
  assert.ok(leaks(r, foreign('zone2_admin')).length >= 50);
  const t = await as.admin.get('/api/tickets?page_size=50');
  assert.ok(leaks(t, foreign('enterprise')).length >= 40);
  const csv = await as.admin.get('/api/enterprises/export?format=csv');
  assert.ok(leaks(csv, foreign('zone2_enterprise')).length >= 100);
});

test('scoped totals: the enterprise user counts one enterprise, the department head its own', async () => {
  const e = await as.enterprise.get('/api/stats/enterprises');
  assert.equal(e.status, 200);
  assert.equal(e.json.total, 1);
  const mine = ents1.filter(headServes);
  assert.ok(mine.length > 0, 'the department head serves enterprises (包保)');
  const h = await as.dept_head.get('/api/stats/enterprises');
  assert.equal(h.json.total, mine.length);
  const l = await as.dept_head.get('/api/enterprises?page_size=1');
  assert.equal(l.json.total, mine.length);
  const t = await all(as.enterprise, '/api/tickets');
  assert.ok(t.length >= 1 && t.every((x) => x.enterprise_id === me.enterprise.enterprise_id));
});

test('demo data: synthetic addresses keep their city (a use-after-free once garbled them)', () => {
  // the demo loader released the arena holding the zone's city name every 256 enterprises
  const synth = ents1.filter((e) => /开发区.*路\d+号$/.test(e.address));
  assert.ok(synth.length > 300, `${synth.length} synthetic enterprises`);
  const bad = synth.filter((e) => !e.address.startsWith('长春开发区'));
  assert.deepEqual(bad.slice(0, 3).map((e) => e.address), []);
});
