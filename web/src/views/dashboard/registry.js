// The cockpit's widgets, in display order. A module adds its widgets here (or with
// registerWidget): id, title (i18n key, optional), perm (permission needed), span (columns of 24
// on a wide screen; phones always use 24), component (loaded lazily).
// The enterprise widgets read GET /api/stats/enterprises (enterprise.read, which every role
// with dashboard.read has). The 企业诉求 cards need ticket.stats (leaders, heads, admins, and the
// service center by its department's grant); the desk cards are the 企业服务中心's own (duty
// 'center' of utils/perm.js: it triages).
import { defineAsyncComponent } from 'vue'

export const WIDGETS = [
  {
    id: 'desk-cards',
    title: 'dashboard.desk',
    perm: 'ticket.triage',
    duty: ['center'],
    span: 24,
    component: defineAsyncComponent(() => import('./widgets/DeskCards.vue')),
  },
  {
    id: 'enterprise-cards',
    perm: 'dashboard.read',
    span: 24,
    component: defineAsyncComponent(() => import('./widgets/EnterpriseCards.vue')),
  },
  {
    id: 'enterprise-industry',
    title: 'dashboard.byIndustry',
    perm: 'dashboard.read',
    span: 14,
    component: defineAsyncComponent(() => import('./widgets/IndustryChart.vue')),
  },
  {
    id: 'enterprise-flags',
    title: 'dashboard.byFlag',
    perm: 'dashboard.read',
    span: 10,
    component: defineAsyncComponent(() => import('./widgets/FlagChart.vue')),
  },
  {
    id: 'ticket-cards',
    title: 'dashboard.tickets',
    perm: 'ticket.stats',
    span: 24,
    component: defineAsyncComponent(() => import('./widgets/TicketCards.vue')),
  },
  // 招商引资 and 项目建设 (views/project/widgets/): signed against target, 开工率, the red projects
  // and the overdue problems, for those who read the project figures (project.stats)
  {
    id: 'project-cards',
    title: 'project.widget.cards',
    perm: 'project.stats',
    span: 24,
    component: defineAsyncComponent(() => import('../project/widgets/ProjectCards.vue')),
  },
  {
    id: 'project-lists',
    title: 'project.widget.lists',
    perm: 'project.stats',
    span: 24,
    component: defineAsyncComponent(() => import('../project/widgets/RedProjects.vue')),
  },
  // 经济运行 (views/economy/widgets/): last month's year-to-date figures with 同比, for those who
  // read the zone's figures (economy.stats)
  {
    id: 'economy-cards',
    title: 'economy.widget.title',
    perm: 'economy.stats',
    span: 24,
    component: defineAsyncComponent(() => import('../economy/widgets/EconomyCards.vue')),
  },
  // 惠企政策 (views/policy/widgets/): policies published, enterprises fitted, applied, approved
  // and paid, for those who read the policy figures (policy.stats)
  {
    id: 'policy-cards',
    title: 'policy.widget',
    perm: 'policy.stats',
    span: 24,
    component: defineAsyncComponent(() => import('../policy/widgets/PolicyCards.vue')),
  },
  // 银企对接 (views/finance/widgets/): demanded, approved and disbursed in 亿元, for those who read
  // the financing figures (finance.stats)
  {
    id: 'finance-cards',
    title: 'finance.widget',
    perm: 'finance.stats',
    span: 24,
    component: defineAsyncComponent(() => import('../finance/widgets/FinanceCards.vue')),
  },
  // 工业物流 (views/freight/widgets/): matched part-loads, freight saved, vehicles registered
  // today, for those who read the freight figures (freight.stats)
  {
    id: 'freight-cards',
    title: 'freight.widget.cards',
    perm: 'freight.stats',
    span: 24,
    component: defineAsyncComponent(() => import('../freight/widgets/FreightCards.vue')),
  },
  // 载体 (views/space/widgets/): the zone's vacancy rate, vacant units and leases ending within
  // 30 days, for those who read the vacancy figures (space.stats)
  {
    id: 'space-cards',
    title: 'space.widget.title',
    perm: 'space.stats',
    span: 24,
    component: defineAsyncComponent(() => import('../space/widgets/SpaceCards.vue')),
  },
  // 用工 (views/jobs/widgets/): this year's people asked for, hired, the fill rate, the open
  // demands, for those who read the recruitment figures (jobs.stats)
  {
    id: 'jobs-cards',
    title: 'jobs.widget.title',
    perm: 'jobs.stats',
    span: 24,
    component: defineAsyncComponent(() => import('../jobs/widgets/JobsCards.vue')),
  },
]

/** Add a widget (before the widget with id `before`, or at the end). */
export function registerWidget(widget, before) {
  const i = before ? WIDGETS.findIndex((w) => w.id === before) : -1
  if (i >= 0) WIDGETS.splice(i, 0, widget)
  else WIDGETS.push(widget)
}
