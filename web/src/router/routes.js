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
//   mode (the request list's desk, views/ticket/TicketList.vue), screen ('big': the leaders'
//   screen's 大屏 mode, views/screen/rules.js isBigMode)
// Pages are loaded with dynamic imports so each one is its own chunk.
import Layout from '../layout/AppLayout.vue'

/** The side menu's groups, by the i18n key routes give as meta.group. */
export const MENU_GROUPS = {
  'menu.tickets': { icon: 'ChatDotRound' },
  'menu.system': { icon: 'Setting' },
}

/** A page's route: `component` loads the page (a chunk of its own), `meta` as said above. */
const page = (path, name, component, meta) => ({ path, name, component, meta })

/** The routes of one menu group: each one's meta gets `group`. */
const inGroup = (group, pages) => pages.map((r) => ({ ...r, meta: { ...r.meta, group } }))

/** Staff pages: not in the enterprise role's menu. */
const STAFF = { hideForRoles: ['enterprise'] }

export const routes = [
  page('/login', 'login', () => import('../views/LoginPage.vue'), { public: true, title: 'login.title' }),
  page('/password', 'password-change', () => import('../views/account/ForcePassword.vue'), { bare: true, title: 'account.forceTitle' }),
  // 领导驾驶舱's 大屏 mode (views/screen/): the whole window, no side menu; /screen?mode=big comes here
  page('/screen/big', 'screen-big', () => import('../views/screen/ScreenPage.vue'), { bare: true, title: 'screen.title', perm: 'dashboard.read', ...STAFF, screen: 'big' }),
  {
    path: '/',
    component: Layout,
    children: [
      page('', 'home', () => import('../views/dashboard/DashboardPage.vue'), { title: 'menu.home', ...STAFF, icon: 'HomeFilled', order: 100 }),
      // 领导驾驶舱 (views/screen/): the zone's day on one screen, the zones of one's region
      { ...page('screen', 'screen', () => import('../views/screen/ScreenPage.vue'), { title: 'screen.menu', perm: 'dashboard.read', ...STAFF, icon: 'Monitor', order: 110 }), beforeEnter: (to) => (to.query.mode === 'big' ? { name: 'screen-big' } : true) },
      page('enterprises', 'enterprises', () => import('../views/enterprise/EnterpriseList.vue'), { title: 'menu.enterprises', perm: 'enterprise.read', ...STAFF, icon: 'OfficeBuilding', order: 200 }),
      page('enterprises/new', 'enterprise-new', () => import('../views/enterprise/EnterpriseEdit.vue'), { title: 'enterprise.create', perm: 'enterprise.write', parent: 'enterprises' }),
      page('enterprises/:id(\\d+)', 'enterprise-detail', () => import('../views/enterprise/EnterpriseDetail.vue'), { title: 'enterprise.detail', perm: 'enterprise.read', parent: 'enterprises' }),
      page('enterprises/:id(\\d+)/edit', 'enterprise-edit', () => import('../views/enterprise/EnterpriseEdit.vue'), { title: 'enterprise.edit', perm: 'enterprise.write', parent: 'enterprises' }),
      page('my-enterprise', 'my-enterprise', () => import('../views/enterprise/EnterpriseDetail.vue'), { title: 'menu.myEnterprise', perm: 'enterprise.read', roles: ['enterprise'], icon: 'OfficeBuilding', order: 210 }),
      // 定时简报 (views/bulletin/): the bulletins the server makes on the zone's schedule
      page('bulletins', 'bulletins', () => import('../views/bulletin/BulletinList.vue'), { title: 'bulletin.menu', perm: ['ticket.stats', 'project.stats', 'economy.stats'], ...STAFF, icon: 'Document', order: 288 }),
      // 通知公告 (views/announce/): staff write and follow, enterprises read theirs
      page('announcements', 'announcements', () => import('../views/announce/AnnounceList.vue'), { title: 'announce.menu', perm: 'announce.read', ...STAFF, icon: 'Notebook', order: 250 }),
      page('announcements/new', 'announcement-new', () => import('../views/announce/AnnounceEdit.vue'), { title: 'announce.create', perm: 'announce.write', parent: 'announcements' }),
      page('announcements/:id(\\d+)', 'announcement-edit', () => import('../views/announce/AnnounceEdit.vue'), { title: 'announce.edit', perm: 'announce.read', ...STAFF, parent: 'announcements' }),
      page('my-announcements', 'my-announcements', () => import('../views/announce/AnnounceMine.vue'), { title: 'announce.mine', perm: 'announce.read', roles: ['enterprise'], icon: 'Notebook', order: 220 }),
      // 招商引资 and 项目建设 (views/project/): the bureaus' pipeline, the project office's dispatch,
      // the problem list, the leaders' figures; enterprises see and report on their own projects
      page('projects', 'projects', () => import('../views/project/ProjectList.vue'), { title: 'project.menu.projects', perm: 'project.read', ...STAFF, icon: 'OfficeBuilding', order: 260 }),
      page('projects/:id(\\d+)', 'project-detail', () => import('../views/project/ProjectDetail.vue'), { title: 'project.detail', perm: 'project.read', parent: 'projects' }),
      page('projects/followups', 'project-followups', () => import('../views/project/FollowupOverdue.vue'), { title: 'project.menu.followups', perm: 'project.write', ...STAFF, icon: 'AlarmClock', order: 262 }),
      page('projects/reviews', 'project-reviews', () => import('../views/project/ReviewList.vue'), { title: 'project.menu.reviews', perm: 'project.write', ...STAFF, icon: 'Notebook', order: 263 }),
      page('projects/reviews/:id(\\d+)', 'project-review', () => import('../views/project/ReviewDetail.vue'), { title: 'project.review.detail', perm: 'project.read', parent: 'project-reviews' }),
      page('projects/targets', 'project-targets', () => import('../views/project/TargetPage.vue'), { title: 'project.menu.targets', perm: 'project.stats', ...STAFF, icon: 'Flag', order: 264 }),
      page('projects/leaderboard', 'project-leaderboard', () => import('../views/project/Leaderboard.vue'), { title: 'project.menu.leaderboard', perm: 'project.stats', ...STAFF, icon: 'List', order: 266 }),
      page('projects/evaluation', 'project-evaluation', () => import('../views/project/Evaluation.vue'), { title: 'project.menu.evaluation', perm: 'project.stats', ...STAFF, icon: 'Calendar', order: 268 }),
      page('projects/dispatch', 'project-dispatch', () => import('../views/project/DispatchList.vue'), { title: 'project.menu.dispatch', perm: 'project.read', ...STAFF, icon: 'Timer', order: 270 }),
      page('projects/problems', 'project-problems', () => import('../views/project/ProblemBoard.vue'), { title: 'project.menu.problems', perm: 'project.read', ...STAFF, icon: 'Document', order: 272 }),
      page('projects/stats', 'project-stats', () => import('../views/project/ProjectStats.vue'), { title: 'project.menu.stats', perm: 'project.stats', ...STAFF, icon: 'DataAnalysis', order: 274 }),
      page('my-projects', 'my-projects', () => import('../views/project/MyProjects.vue'), { title: 'project.menu.mine', perm: 'project.read', roles: ['enterprise'], icon: 'OfficeBuilding', order: 230 }),
      // 经济运行 (views/economy/): enterprises file their month, the 经发局 reviews (its department's
      // grant of economy.review), leaders and the bureau read the zone's figures with 同比
      page('economy/report', 'economy-report', () => import('../views/economy/EconomyReport.vue'), { title: 'economy.menu.report', perm: 'economy.report', roles: ['enterprise'], icon: 'EditPen', order: 240 }),
      page('economy/reviews', 'economy-review', () => import('../views/economy/EconomyReview.vue'), { title: 'economy.menu.review', perm: 'economy.review', ...STAFF, icon: 'Document', order: 280 }),
      page('economy/summary', 'economy-summary', () => import('../views/economy/EconomySummary.vue'), { title: 'economy.menu.summary', perm: 'economy.stats', ...STAFF, icon: 'DataAnalysis', order: 282 }),
      // 全省: the 综合考核 ranking of one's region and the comparison of its zones (region.read)
      page('region', 'region', () => import('../views/region/RegionPage.vue'), { title: 'region.menu', perm: 'region.read', ...STAFF, icon: 'Trophy', order: 286 }),
      // 包保企业 (economy.baobao): a leader's (and liaison's) enterprises of the month, target against
      // actual, 排产, his visits; the zone's viewers (economy.stats) every one and completion by leader
      page('economy/baobao', 'economy-baobao', () => import('../views/economy/EconomyBaobao.vue'), { title: 'baobao.menu', perm: 'economy.baobao', ...STAFF, icon: 'Avatar', order: 284 }),
      // 载体 (views/space/): staff run the zone's buildings, units and leases and read its vacancy;
      // enterprises find the vacant units
      page('space', 'space', () => import('../views/space/SpaceList.vue'), { title: 'space.menu', perm: 'space.read', ...STAFF, icon: 'OfficeBuilding', order: 290 }),
      page('space/vacant', 'space-vacant', () => import('../views/space/SpaceVacant.vue'), { title: 'space.vacantMenu', perm: 'space.read', roles: ['enterprise'], icon: 'OfficeBuilding', order: 245 }),
      // 惠企政策 (views/policy/): staff run the library, review and pay; enterprises see the
      // policies they are eligible for and apply
      page('policies', 'policies', () => import('../views/policy/PolicyList.vue'), { title: 'policy.menu', perm: 'policy.read', ...STAFF, icon: 'Postcard', order: 295 }),
      page('my-policies', 'my-policies', () => import('../views/policy/PolicyMine.vue'), { title: 'policy.mineMenu', perm: 'policy.read', roles: ['enterprise'], icon: 'Postcard', order: 225 }),
      // 银企对接 (views/finance/): staff follow the zone's loan demands, banks and figures; an
      // enterprise posts its demands and reads the answers; a bank (or the admin for it) answers what
      // was pushed to it
      page('finance', 'finance', () => import('../views/finance/FinanceList.vue'), { title: 'finance.menu', perm: 'finance.read', ...STAFF, icon: 'Connection', order: 296 }),
      page('my-finance', 'my-finance', () => import('../views/finance/FinanceMine.vue'), { title: 'finance.mineMenu', perm: 'finance.apply', roles: ['enterprise'], icon: 'Connection', order: 249 }),
      page('bank-desk', 'bank-desk', () => import('../views/finance/FinanceBank.vue'), { title: 'finance.bankMenu', perm: 'finance.answer', ...STAFF, icon: 'Connection', order: 297 }),
      // 工业物流 (views/freight/): staff run the zone's 工业物流群 (carriers, capacity, matches,
      // vehicle registrations); enterprises post part-loads, accept a truck and register vehicles
      page('freight', 'freight', () => import('../views/freight/FreightList.vue'), { title: 'freight.menu', perm: 'freight.read', ...STAFF, icon: 'Connection', order: 292 }),
      page('freight/mine', 'freight-mine', () => import('../views/freight/FreightMine.vue'), { title: 'freight.mineMenu', perm: 'freight.post', roles: ['enterprise'], icon: 'Connection', order: 247 }),
      // a carrier's own account (承运方): the loads matched to its trucks, its spare capacity
      page('freight/carrier', 'freight-carrier', () => import('../views/freight/FreightCarrier.vue'), { title: 'freight.carrierDesk.menu', perm: 'freight.carry', roles: ['carrier'], icon: 'Connection', order: 105 }),
      // an enterprise's demands for space (需求): offers to sign or decline, withdrawing
      page('space/demands', 'space-demands-mine', () => import('../views/space/SpaceDemandsMine.vue'), { title: 'space.demand.mine', perm: 'space.apply', roles: ['enterprise'], icon: 'OfficeBuilding', order: 246 }),
      // 用工 (views/jobs/): staff run the demands, hires, job fairs and school partnerships and read
      // the figures; enterprises post their demands and join the fairs on their phones
      page('jobs', 'jobs', () => import('../views/jobs/JobsList.vue'), { title: 'jobs.menu', perm: 'jobs.read', ...STAFF, icon: 'Postcard', order: 293 }),
      page('jobs/mine', 'jobs-mine', () => import('../views/jobs/JobsMine.vue'), { title: 'jobs.mineMenu', perm: 'jobs.read', roles: ['enterprise'], icon: 'Postcard', order: 248 }),
      // 企业诉求 (meta.mode picks the list's desk, meta.duty the workflow duty, see utils/perm.js)
      ...inGroup('menu.tickets', [
        page('tickets', 'ticket-all', () => import('../views/ticket/TicketList.vue'), { title: 'menu.ticketAll', perm: 'ticket.read', ...STAFF, icon: 'Tickets', order: 380, mode: 'all' }),
        page('tickets/mine', 'ticket-mine', () => import('../views/ticket/TicketList.vue'), { title: 'menu.ticketMine', perm: 'ticket.read', roles: ['enterprise'], icon: 'Tickets', order: 300, mode: 'mine' }),
        page('tickets/new', 'ticket-new', () => import('../views/ticket/TicketForm.vue'), { title: 'menu.ticketNew', perm: 'ticket.create', roles: ['enterprise'], icon: 'EditPen', order: 310 }),
        page('tickets/register', 'ticket-register', () => import('../views/ticket/TicketForm.vue'), { title: 'menu.ticketRegister', perm: 'ticket.create', duty: ['center'], icon: 'EditPen', order: 330 }),
        page('tickets/intake', 'ticket-intake', () => import('../views/ticket/TicketList.vue'), { title: 'menu.ticketIntake', perm: 'ticket.triage', duty: ['center'], icon: 'Postcard', order: 320, mode: 'intake' }),
        page('tickets/extensions', 'ticket-extensions', () => import('../views/ticket/TicketList.vue'), { title: 'menu.ticketExtensions', perm: 'ticket.triage', duty: ['center'], icon: 'Timer', order: 340, mode: 'extensions' }),
        page('tickets/todo', 'ticket-todo', () => import('../views/ticket/TicketList.vue'), { title: 'menu.ticketTodo', perm: 'ticket.handle', duty: ['dept'], icon: 'List', order: 350, mode: 'todo' }),
        page('tickets/overdue', 'ticket-overdue', () => import('../views/ticket/OverdueBoard.vue'), { title: 'menu.ticketOverdue', perm: 'ticket.read', duty: ['center', 'dept', 'leader'], icon: 'AlarmClock', order: 360 }),
        page('tickets/escalated', 'ticket-escalated', () => import('../views/ticket/TicketList.vue'), { title: 'menu.ticketEscalated', perm: 'ticket.read', duty: ['center', 'leader'], icon: 'Flag', order: 370, mode: 'escalated' }),
        page('tickets/stats', 'ticket-stats', () => import('../views/ticket/TicketStats.vue'), { title: 'menu.ticketStats', perm: 'ticket.stats', icon: 'DataAnalysis', order: 390 }),
        page('tickets/:id(\\d+)', 'ticket-detail', () => import('../views/ticket/TicketDetail.vue'), { title: 'ticket.detail', perm: 'ticket.read' }),
      ]),
      ...inGroup('menu.system', [
        page('system/ticket-rules', 'ticket-rules', () => import('../views/system/TicketRulesPage.vue'), { title: 'menu.ticketRules', perm: 'ticket.admin', icon: 'Timer', order: 470 }),
        // the zone's rules of projects (views/project/): status colours, reporting day, 龙虎榜 weights, permits
        page('system/project-rules', 'project-settings', () => import('../views/project/ProjectSettings.vue'), { title: 'project.menu.settings', perm: 'project.admin', icon: 'Setting', order: 475 }),
        page('system/holidays', 'holidays', () => import('../views/system/HolidayPage.vue'), { title: 'menu.holidays', perm: 'ticket.admin', icon: 'Calendar', order: 480 }),
        page('system/depts', 'depts', () => import('../views/system/DeptPage.vue'), { title: 'menu.depts', perm: 'dept.read', icon: 'Share', order: 400 }),
        page('system/users', 'users', () => import('../views/system/UserPage.vue'), { title: 'menu.users', perm: 'user.read', icon: 'User', order: 410 }),
        page('system/roles', 'roles', () => import('../views/system/RolePage.vue'), { title: 'menu.roles', perm: 'role.read', icon: 'Key', order: 420 }),
        page('system/tokens', 'tokens', () => import('../views/system/TokenPage.vue'), { title: 'menu.tokens', perm: 'token.write', icon: 'Connection', order: 430 }),
        page('system/api-docs', 'api-docs', () => import('../views/system/ApiDocsPage.vue'), { title: 'menu.apiDocs', perm: 'token.write', icon: 'Notebook', order: 440 }),
        page('system/audit', 'audit', () => import('../views/system/AuditPage.vue'), { title: 'menu.audit', perm: 'audit.read', icon: 'Document', order: 450 }),
        page('system/logins', 'logins', () => import('../views/system/LoginLogPage.vue'), { title: 'menu.logins', perm: 'audit.read', icon: 'Tickets', order: 460 }),
      ]),
      page('account', 'account', () => import('../views/account/AccountPage.vue'), { title: 'menu.account' }),
      page('403', 'forbidden', () => import('../views/ErrorPage.vue'), { title: 'error.forbiddenTitle' }),
      page(':pathMatch(.*)*', 'not-found', () => import('../views/ErrorPage.vue'), { title: 'error.notFoundTitle' }),
    ],
  },
]
