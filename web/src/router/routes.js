// The route table, and the side menu's one declaration. meta:
//   title         i18n key of the page (document title, breadcrumb, menu item)
//   perm          the permission the page needs (the guard checks it; utils/perm.js hasPerm)
//   roles         limited to these roles (guard and menu)
//   duty          limited to these request duties (utils/perm.js ticketDuties; guard and menu)
//   hideForRoles  not in these roles' menu (the URL stays open to them)
//   group         i18n key of the menu group the item sits in (and the breadcrumb's parent);
//                 the group's key is the key's last part, its icon is in MENU_GROUPS
//   icon          menu icon, by name (components/icons.js)
//   order         place in the side menu; a route without order is not in the menu
//                 (router/menu.js builds the menu from these)
//   public (no session needed), bare (no layout), parent (breadcrumb parent route name),
//   mode (the request list's desk, views/ticket/TicketList.vue)
// Pages are loaded with dynamic imports so each one is its own chunk.
import Layout from '../layout/AppLayout.vue'

/** The side menu's groups, by the i18n key routes give as meta.group. */
export const MENU_GROUPS = {
  'menu.tickets': { icon: 'ChatDotRound' },
  'menu.system': { icon: 'Setting' },
}

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
      { path: '', name: 'home', component: () => import('../views/dashboard/DashboardPage.vue'), meta: { title: 'menu.home', hideForRoles: ['enterprise'], icon: 'HomeFilled', order: 100 } },
      {
        path: 'enterprises',
        name: 'enterprises',
        component: () => import('../views/enterprise/EnterpriseList.vue'),
        meta: { title: 'menu.enterprises', perm: 'enterprise.read', hideForRoles: ['enterprise'], icon: 'OfficeBuilding', order: 200 },
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
        meta: { title: 'menu.myEnterprise', perm: 'enterprise.read', roles: ['enterprise'], icon: 'OfficeBuilding', order: 210 },
      },
      // 通知公告 (views/announce/): staff write and follow, enterprises read theirs
      {
        path: 'announcements',
        name: 'announcements',
        component: () => import('../views/announce/AnnounceList.vue'),
        meta: { title: 'announce.menu', perm: 'announce.read', hideForRoles: ['enterprise'], icon: 'Notebook', order: 250 },
      },
      {
        path: 'announcements/new',
        name: 'announcement-new',
        component: () => import('../views/announce/AnnounceEdit.vue'),
        meta: { title: 'announce.create', perm: 'announce.write', parent: 'announcements' },
      },
      {
        path: 'announcements/:id(\\d+)',
        name: 'announcement-edit',
        component: () => import('../views/announce/AnnounceEdit.vue'),
        meta: { title: 'announce.edit', perm: 'announce.read', hideForRoles: ['enterprise'], parent: 'announcements' },
      },
      {
        path: 'my-announcements',
        name: 'my-announcements',
        component: () => import('../views/announce/AnnounceMine.vue'),
        meta: { title: 'announce.mine', perm: 'announce.read', roles: ['enterprise'], icon: 'Notebook', order: 220 },
      },
      // 招商引资 and 项目建设 (views/project/): the bureaus' pipeline, the project office's dispatch,
      // the problem list, the leaders' figures; enterprises see and report on their own projects
      {
        path: 'projects',
        name: 'projects',
        component: () => import('../views/project/ProjectList.vue'),
        meta: { title: 'project.menu.projects', perm: 'project.read', hideForRoles: ['enterprise'], icon: 'OfficeBuilding', order: 260 },
      },
      {
        path: 'projects/:id(\\d+)',
        name: 'project-detail',
        component: () => import('../views/project/ProjectDetail.vue'),
        meta: { title: 'project.detail', perm: 'project.read', parent: 'projects' },
      },
      {
        path: 'projects/followups',
        name: 'project-followups',
        component: () => import('../views/project/FollowupOverdue.vue'),
        meta: { title: 'project.menu.followups', perm: 'project.write', hideForRoles: ['enterprise'], icon: 'AlarmClock', order: 262 },
      },
      {
        path: 'projects/reviews',
        name: 'project-reviews',
        component: () => import('../views/project/ReviewList.vue'),
        meta: { title: 'project.menu.reviews', perm: 'project.write', hideForRoles: ['enterprise'], icon: 'Notebook', order: 263 },
      },
      {
        path: 'projects/reviews/:id(\\d+)',
        name: 'project-review',
        component: () => import('../views/project/ReviewDetail.vue'),
        meta: { title: 'project.review.detail', perm: 'project.read', parent: 'project-reviews' },
      },
      {
        path: 'projects/targets',
        name: 'project-targets',
        component: () => import('../views/project/TargetPage.vue'),
        meta: { title: 'project.menu.targets', perm: 'project.stats', hideForRoles: ['enterprise'], icon: 'Flag', order: 264 },
      },
      {
        path: 'projects/leaderboard',
        name: 'project-leaderboard',
        component: () => import('../views/project/Leaderboard.vue'),
        meta: { title: 'project.menu.leaderboard', perm: 'project.stats', hideForRoles: ['enterprise'], icon: 'List', order: 266 },
      },
      {
        path: 'projects/evaluation',
        name: 'project-evaluation',
        component: () => import('../views/project/Evaluation.vue'),
        meta: { title: 'project.menu.evaluation', perm: 'project.stats', hideForRoles: ['enterprise'], icon: 'Calendar', order: 268 },
      },
      {
        path: 'projects/dispatch',
        name: 'project-dispatch',
        component: () => import('../views/project/DispatchList.vue'),
        meta: { title: 'project.menu.dispatch', perm: 'project.read', hideForRoles: ['enterprise'], icon: 'Timer', order: 270 },
      },
      {
        path: 'projects/problems',
        name: 'project-problems',
        component: () => import('../views/project/ProblemBoard.vue'),
        meta: { title: 'project.menu.problems', perm: 'project.read', hideForRoles: ['enterprise'], icon: 'Document', order: 272 },
      },
      {
        path: 'projects/stats',
        name: 'project-stats',
        component: () => import('../views/project/ProjectStats.vue'),
        meta: { title: 'project.menu.stats', perm: 'project.stats', hideForRoles: ['enterprise'], icon: 'DataAnalysis', order: 274 },
      },
      {
        path: 'my-projects',
        name: 'my-projects',
        component: () => import('../views/project/MyProjects.vue'),
        meta: { title: 'project.menu.mine', perm: 'project.read', roles: ['enterprise'], icon: 'OfficeBuilding', order: 230 },
      },
      // 企业诉求 (meta.mode picks the list's desk, meta.duty the workflow duty, see utils/perm.js)
      {
        path: 'tickets',
        name: 'ticket-all',
        component: () => import('../views/ticket/TicketList.vue'),
        meta: { title: 'menu.ticketAll', perm: 'ticket.read', hideForRoles: ['enterprise'], group: 'menu.tickets', icon: 'Tickets', order: 380, mode: 'all' },
      },
      {
        path: 'tickets/mine',
        name: 'ticket-mine',
        component: () => import('../views/ticket/TicketList.vue'),
        meta: { title: 'menu.ticketMine', perm: 'ticket.read', roles: ['enterprise'], group: 'menu.tickets', icon: 'Tickets', order: 300, mode: 'mine' },
      },
      {
        path: 'tickets/new',
        name: 'ticket-new',
        component: () => import('../views/ticket/TicketForm.vue'),
        meta: { title: 'menu.ticketNew', perm: 'ticket.create', roles: ['enterprise'], group: 'menu.tickets', icon: 'EditPen', order: 310 },
      },
      {
        path: 'tickets/register',
        name: 'ticket-register',
        component: () => import('../views/ticket/TicketForm.vue'),
        meta: { title: 'menu.ticketRegister', perm: 'ticket.create', duty: ['center'], group: 'menu.tickets', icon: 'EditPen', order: 330 },
      },
      {
        path: 'tickets/intake',
        name: 'ticket-intake',
        component: () => import('../views/ticket/TicketList.vue'),
        meta: { title: 'menu.ticketIntake', perm: 'ticket.triage', duty: ['center'], group: 'menu.tickets', icon: 'Postcard', order: 320, mode: 'intake' },
      },
      {
        path: 'tickets/extensions',
        name: 'ticket-extensions',
        component: () => import('../views/ticket/TicketList.vue'),
        meta: { title: 'menu.ticketExtensions', perm: 'ticket.triage', duty: ['center'], group: 'menu.tickets', icon: 'Timer', order: 340, mode: 'extensions' },
      },
      {
        path: 'tickets/todo',
        name: 'ticket-todo',
        component: () => import('../views/ticket/TicketList.vue'),
        meta: { title: 'menu.ticketTodo', perm: 'ticket.handle', duty: ['dept'], group: 'menu.tickets', icon: 'List', order: 350, mode: 'todo' },
      },
      {
        path: 'tickets/overdue',
        name: 'ticket-overdue',
        component: () => import('../views/ticket/OverdueBoard.vue'),
        meta: { title: 'menu.ticketOverdue', perm: 'ticket.read', duty: ['center', 'dept', 'leader'], group: 'menu.tickets', icon: 'AlarmClock', order: 360 },
      },
      {
        path: 'tickets/escalated',
        name: 'ticket-escalated',
        component: () => import('../views/ticket/TicketList.vue'),
        meta: { title: 'menu.ticketEscalated', perm: 'ticket.read', duty: ['center', 'leader'], group: 'menu.tickets', icon: 'Flag', order: 370, mode: 'escalated' },
      },
      {
        path: 'tickets/stats',
        name: 'ticket-stats',
        component: () => import('../views/ticket/TicketStats.vue'),
        meta: { title: 'menu.ticketStats', perm: 'ticket.stats', group: 'menu.tickets', icon: 'DataAnalysis', order: 390 },
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
        meta: { title: 'menu.ticketRules', perm: 'ticket.admin', group: 'menu.system', icon: 'Timer', order: 470 },
      },
      // the zone's rules of projects (views/project/): status colours, reporting day, 龙虎榜 weights, permits
      {
        path: 'system/project-rules',
        name: 'project-settings',
        component: () => import('../views/project/ProjectSettings.vue'),
        meta: { title: 'project.menu.settings', perm: 'project.admin', group: 'menu.system', icon: 'Setting', order: 475 },
      },
      {
        path: 'system/holidays',
        name: 'holidays',
        component: () => import('../views/system/HolidayPage.vue'),
        meta: { title: 'menu.holidays', perm: 'ticket.admin', group: 'menu.system', icon: 'Calendar', order: 480 },
      },
      {
        path: 'system/depts',
        name: 'depts',
        component: () => import('../views/system/DeptPage.vue'),
        meta: { title: 'menu.depts', perm: 'dept.read', group: 'menu.system', icon: 'Share', order: 400 },
      },
      {
        path: 'system/users',
        name: 'users',
        component: () => import('../views/system/UserPage.vue'),
        meta: { title: 'menu.users', perm: 'user.read', group: 'menu.system', icon: 'User', order: 410 },
      },
      {
        path: 'system/roles',
        name: 'roles',
        component: () => import('../views/system/RolePage.vue'),
        meta: { title: 'menu.roles', perm: 'role.read', group: 'menu.system', icon: 'Key', order: 420 },
      },
      {
        path: 'system/tokens',
        name: 'tokens',
        component: () => import('../views/system/TokenPage.vue'),
        meta: { title: 'menu.tokens', perm: 'token.write', group: 'menu.system', icon: 'Connection', order: 430 },
      },
      {
        path: 'system/api-docs',
        name: 'api-docs',
        component: () => import('../views/system/ApiDocsPage.vue'),
        meta: { title: 'menu.apiDocs', perm: 'token.write', group: 'menu.system', icon: 'Notebook', order: 440 },
      },
      {
        path: 'system/audit',
        name: 'audit',
        component: () => import('../views/system/AuditPage.vue'),
        meta: { title: 'menu.audit', perm: 'audit.read', group: 'menu.system', icon: 'Document', order: 450 },
      },
      {
        path: 'system/logins',
        name: 'logins',
        component: () => import('../views/system/LoginLogPage.vue'),
        meta: { title: 'menu.logins', perm: 'audit.read', group: 'menu.system', icon: 'Tickets', order: 460 },
      },
      { path: 'account', name: 'account', component: () => import('../views/account/AccountPage.vue'), meta: { title: 'menu.account' } },
      { path: '403', name: 'forbidden', component: () => import('../views/ErrorPage.vue'), meta: { title: 'error.forbiddenTitle' } },
      {
        path: ':pathMatch(.*)*',
        name: 'not-found',
        component: () => import('../views/ErrorPage.vue'),
        meta: { title: 'error.notFoundTitle' },
      },
    ],
  },
]
