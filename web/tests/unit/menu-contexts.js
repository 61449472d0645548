// The users whose side menu tests/unit/menu.test.js compares with the recorded one: every role of
// the server's role table (src/access/perm.c) with its permissions, in each kind of department
// that changes a request duty (utils/perm.js ticketDuties), and the edge cases (the wildcard,
// no permission at all, a department grant that adds triage).
const ADMIN = ['zone.read', 'dept.read', 'dept.write', 'user.read', 'user.write', 'role.read', 'token.write', 'audit.read', 'enterprise.read', 'enterprise.write', 'enterprise.import', 'enterprise.visit', 'dashboard.read', 'ticket.read', 'ticket.create', 'ticket.triage', 'ticket.handle', 'ticket.rate', 'ticket.escalate', 'ticket.stats', 'ticket.admin']
const LEADER = ['dept.read', 'user.read', 'enterprise.read', 'enterprise.visit', 'dashboard.read', 'ticket.read', 'ticket.escalate', 'ticket.stats']
const DEPT_HEAD = ['dept.read', 'user.read', 'enterprise.read', 'enterprise.write', 'enterprise.visit', 'enterprise.import', 'dashboard.read', 'ticket.read', 'ticket.create', 'ticket.triage', 'ticket.handle', 'ticket.rate', 'ticket.stats']
const STAFF = ['dept.read', 'enterprise.read', 'enterprise.write', 'enterprise.visit', 'ticket.read', 'ticket.create', 'ticket.triage', 'ticket.handle', 'ticket.rate']
const ENTERPRISE = ['enterprise.read', 'ticket.read', 'ticket.create', 'ticket.rate']
const PROVINCE = ['zone.read', 'dept.read', 'enterprise.read', 'dashboard.read', 'ticket.read', 'ticket.stats']

const KINDS = [undefined, 'service_center', 'investment']

export const MENU_CONTEXTS = [
  ...[
    ['admin', ADMIN],
    ['leader', LEADER],
    ['dept_head', DEPT_HEAD],
    ['staff', STAFF],
    ['province', PROVINCE],
  ].flatMap(([role, perms]) => KINDS.map((deptKind) => ({ name: `${role}/${deptKind || 'unknown'}`, ctx: { role, perms, deptKind } }))),
  { name: 'enterprise', ctx: { role: 'enterprise', perms: ENTERPRISE } },
  { name: 'staff without triage', ctx: { role: 'staff', perms: STAFF.filter((p) => p !== 'ticket.triage'), deptKind: 'investment' } },
  { name: 'wildcard', ctx: { role: 'admin', perms: ['*'] } },
  { name: 'auditor', ctx: { role: 'auditor', perms: ['audit.read'] } },
  { name: 'nothing', ctx: { role: 'leader', perms: [] } },
]
