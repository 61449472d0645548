// Route table. meta: title (i18n key), perm (permission needed), roles (limited to),
// public (no session needed), bare (no layout), parent (breadcrumb parent route name).
// Pages are loaded with dynamic imports so each one is its own chunk.
import Layout from '../layout/AppLayout.vue'

export const routes = [
  { path: '/login', name: 'login', component: () => import('../views/LoginPage.vue'), meta: { public: true, title: 'login.title' } },
  {
    path: '/password',
    name: 'password-change',
    component: () => import('../views/account/ForcePassword.vue'),
    meta: { bare: true, title: 'account.forceTitle' },
  },
  {
    path: '/',
    component: Layout,
    children: [
      { path: '', name: 'home', component: () => import('../views/dashboard/DashboardPage.vue'), meta: { title: 'menu.home' } },
      {
        path: 'enterprises',
        name: 'enterprises',
        component: () => import('../views/enterprise/EnterpriseList.vue'),
        meta: { title: 'menu.enterprises', perm: 'enterprise.read' },
      },
      {
        path: 'enterprises/new',
        name: 'enterprise-new',
        component: () => import('../views/enterprise/EnterpriseEdit.vue'),
        meta: { title: 'enterprise.create', perm: 'enterprise.write', parent: 'enterprises' },
      },
      {
        path: 'enterprises/:id(\\d+)',
        name: 'enterprise-detail',
        component: () => import('../views/enterprise/EnterpriseDetail.vue'),
        meta: { title: 'enterprise.detail', perm: 'enterprise.read', parent: 'enterprises' },
      },
      {
        path: 'enterprises/:id(\\d+)/edit',
        name: 'enterprise-edit',
        component: () => import('../views/enterprise/EnterpriseEdit.vue'),
        meta: { title: 'enterprise.edit', perm: 'enterprise.write', parent: 'enterprises' },
      },
      {
        path: 'my-enterprise',
        name: 'my-enterprise',
        component: () => import('../views/enterprise/EnterpriseDetail.vue'),
        meta: { title: 'menu.myEnterprise', perm: 'enterprise.read', roles: ['enterprise'] },
      },
      // 企业诉求 (meta.mode picks the list's desk, meta.duty the workflow duty, see utils/perm.js)
      {
        path: 'tickets',
        name: 'tickets',
        component: () => import('../views/ticket/TicketList.vue'),
        meta: { title: 'menu.ticketAll', perm: 'ticket.read', group: 'menu.tickets', mode: 'all' },
      },
      {
        path: 'tickets/mine',
        name: 'ticket-mine',
        component: () => import('../views/ticket/TicketList.vue'),
        meta: { title: 'menu.ticketMine', perm: 'ticket.read', roles: ['enterprise'], group: 'menu.tickets', mode: 'mine' },
      },
      {
        path: 'tickets/new',
        name: 'ticket-new',
        component: () => import('../views/ticket/TicketForm.vue'),
        meta: { title: 'menu.ticketNew', perm: 'ticket.create', roles: ['enterprise'], group: 'menu.tickets' },
      },
      {
        path: 'tickets/register',
        name: 'ticket-register',
        component: () => import('../views/ticket/TicketForm.vue'),
        meta: { title: 'menu.ticketRegister', perm: 'ticket.create', duty: ['center'], group: 'menu.tickets' },
      },
      {
        path: 'tickets/intake',
        name: 'ticket-intake',
        component: () => import('../views/ticket/TicketList.vue'),
        meta: { title: 'menu.ticketIntake', perm: 'ticket.triage', duty: ['center'], group: 'menu.tickets', mode: 'intake' },
      },
      {
        path: 'tickets/extensions',
        name: 'ticket-extensions',
        component: () => import('../views/ticket/TicketList.vue'),
        meta: { title: 'menu.ticketExtensions', perm: 'ticket.triage', duty: ['center'], group: 'menu.tickets', mode: 'extensions' },
      },
      {
        path: 'tickets/todo',
        name: 'ticket-todo',
        component: () => import('../views/ticket/TicketList.vue'),
        meta: { title: 'menu.ticketTodo', perm: 'ticket.handle', duty: ['dept'], group: 'menu.tickets', mode: 'todo' },
      },
      {
        path: 'tickets/overdue',
        name: 'ticket-overdue',
        component: () => import('../views/ticket/OverdueBoard.vue'),
        meta: { title: 'menu.ticketOverdue', perm: 'ticket.read', duty: ['center', 'dept', 'leader'], group: 'menu.tickets' },
      },
      {
        path: 'tickets/escalated',
        name: 'ticket-escalated',
        component: () => import('../views/ticket/TicketList.vue'),
        meta: { title: 'menu.ticketEscalated', perm: 'ticket.read', duty: ['center', 'leader'], group: 'menu.tickets', mode: 'escalated' },
      },
      {
        path: 'tickets/stats',
        name: 'ticket-stats',
        component: () => import('../views/ticket/TicketStats.vue'),
        meta: { title: 'menu.ticketStats', perm: 'ticket.stats', group: 'menu.tickets' },
      },
      {
        path: 'tickets/:id(\\d+)',
        name: 'ticket-detail',
        component: () => import('../views/ticket/TicketDetail.vue'),
        meta: { title: 'ticket.detail', perm: 'ticket.read', group: 'menu.tickets' },
      },
      {
        path: 'system/ticket-rules',
        name: 'ticket-rules',
        component: () => import('../views/system/TicketRulesPage.vue'),
        meta: { title: 'menu.ticketRules', perm: 'ticket.admin', group: 'menu.system' },
      },
      {
        path: 'system/holidays',
        name: 'holidays',
        component: () => import('../views/system/HolidayPage.vue'),
        meta: { title: 'menu.holidays', perm: 'ticket.admin', group: 'menu.system' },
      },
      {
        path: 'system/depts',
        name: 'depts',
        component: () => import('../views/system/DeptPage.vue'),
        meta: { title: 'menu.depts', perm: 'dept.read', group: 'menu.system' },
      },
      {
        path: 'system/users',
        name: 'users',
        component: () => import('../views/system/UserPage.vue'),
        meta: { title: 'menu.users', perm: 'user.read', group: 'menu.system' },
      },
      {
        path: 'system/roles',
        name: 'roles',
        component: () => import('../views/system/RolePage.vue'),
        meta: { title: 'menu.roles', perm: 'role.read', group: 'menu.system' },
      },
      {
        path: 'system/tokens',
        name: 'tokens',
        component: () => import('../views/system/TokenPage.vue'),
        meta: { title: 'menu.tokens', perm: 'token.write', group: 'menu.system' },
      },
      {
        path: 'system/audit',
        name: 'audit',
        component: () => import('../views/system/AuditPage.vue'),
        meta: { title: 'menu.audit', perm: 'audit.read', group: 'menu.system' },
      },
      {
        path: 'system/logins',
        name: 'logins',
        component: () => import('../views/system/LoginLogPage.vue'),
        meta: { title: 'menu.logins', perm: 'audit.read', group: 'menu.system' },
      },
      { path: 'account', name: 'account', component: () => import('../views/account/AccountPage.vue'), meta: { title: 'menu.account' } },
      { path: '403', name: 'forbidden', component: () => import('../views/ForbiddenPage.vue'), meta: { title: 'error.forbiddenTitle' } },
      {
        path: ':pathMatch(.*)*',
        name: 'not-found',
        component: () => import('../views/NotFoundPage.vue'),
        meta: { title: 'error.notFoundTitle' },
      },
    ],
  },
]
