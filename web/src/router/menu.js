// The side menu. Each item declares the permission it needs (perm) and, where it matters,
// the roles it is limited to (roles) or hidden for (hideForRoles). The router guard checks the
// same permission on the route itself, so a hidden item's URL typed by hand is refused too.
// duty (企业诉求 items) names the workflow duties of utils/perm.js ticketDuties that may see it.
export const MENU = [
  { key: 'home', path: '/', title: 'menu.home', icon: 'HomeFilled', hideForRoles: ['enterprise'] },
  {
    key: 'enterprises',
    path: '/enterprises',
    title: 'menu.enterprises',
    icon: 'OfficeBuilding',
    perm: 'enterprise.read',
    hideForRoles: ['enterprise'],
  },
  {
    key: 'my-enterprise',
    path: '/my-enterprise',
    title: 'menu.myEnterprise',
    icon: 'OfficeBuilding',
    perm: 'enterprise.read',
    roles: ['enterprise'],
  },
  {
    key: 'tickets',
    title: 'menu.tickets',
    icon: 'ChatDotRound',
    children: [
      { key: 'ticket-mine', path: '/tickets/mine', title: 'menu.ticketMine', icon: 'Tickets', perm: 'ticket.read', roles: ['enterprise'] },
      { key: 'ticket-new', path: '/tickets/new', title: 'menu.ticketNew', icon: 'EditPen', perm: 'ticket.create', roles: ['enterprise'] },
      { key: 'ticket-intake', path: '/tickets/intake', title: 'menu.ticketIntake', icon: 'Postcard', perm: 'ticket.triage', duty: ['center'] },
      { key: 'ticket-register', path: '/tickets/register', title: 'menu.ticketRegister', icon: 'EditPen', perm: 'ticket.create', duty: ['center'] },
      { key: 'ticket-extensions', path: '/tickets/extensions', title: 'menu.ticketExtensions', icon: 'Timer', perm: 'ticket.triage', duty: ['center'] },
      { key: 'ticket-todo', path: '/tickets/todo', title: 'menu.ticketTodo', icon: 'List', perm: 'ticket.handle', duty: ['dept'] },
      { key: 'ticket-overdue', path: '/tickets/overdue', title: 'menu.ticketOverdue', icon: 'AlarmClock', perm: 'ticket.read', duty: ['center', 'dept', 'leader'] },
      { key: 'ticket-escalated', path: '/tickets/escalated', title: 'menu.ticketEscalated', icon: 'Flag', perm: 'ticket.read', duty: ['center', 'leader'] },
      { key: 'ticket-all', path: '/tickets', title: 'menu.ticketAll', icon: 'Tickets', perm: 'ticket.read', hideForRoles: ['enterprise'] },
      { key: 'ticket-stats', path: '/tickets/stats', title: 'menu.ticketStats', icon: 'DataAnalysis', perm: 'ticket.stats' },
    ],
  },
  {
    key: 'system',
    title: 'menu.system',
    icon: 'Setting',
    children: [
      { key: 'depts', path: '/system/depts', title: 'menu.depts', icon: 'Share', perm: 'dept.read' },
      { key: 'users', path: '/system/users', title: 'menu.users', icon: 'User', perm: 'user.read' },
      { key: 'roles', path: '/system/roles', title: 'menu.roles', icon: 'Key', perm: 'role.read' },
      { key: 'tokens', path: '/system/tokens', title: 'menu.tokens', icon: 'Connection', perm: 'token.write' },
      { key: 'audit', path: '/system/audit', title: 'menu.audit', icon: 'Document', perm: 'audit.read' },
      { key: 'logins', path: '/system/logins', title: 'menu.logins', icon: 'Tickets', perm: 'audit.read' },
      { key: 'ticket-rules', path: '/system/ticket-rules', title: 'menu.ticketRules', icon: 'Timer', perm: 'ticket.admin' },
      { key: 'holidays', path: '/system/holidays', title: 'menu.holidays', icon: 'Calendar', perm: 'ticket.admin' },
    ],
  },
]

/** Flatten the menu into its leaf items. */
export function menuLeaves(items = MENU) {
  return items.flatMap((i) => (i.children ? menuLeaves(i.children) : [i]))
}
