// The panels of the leaders' screen, in display order. Each names the cockpit widget of
// dashboard/registry.js whose figures it shows (`widget`): a user gets a panel when he gets that
// widget on his home page (its permission and duty), and, when the panel reads more than the
// widget, `perm` names that read too (rules.js panelsFor). Nothing a user may not read is asked
// for: a panel not shown is not mounted and reads nothing. The zones of one's region (region.read
// and more than one zone, rules.js showRegion) come first, across the screen.
import { defineAsyncComponent } from 'vue'

export const PANELS = [
  // today's, open and overdue requests (list totals), 解决率 and 满意率 (ticket.stats)
  { id: 'tickets', widget: 'ticket-cards', perm: 'ticket.read', component: defineAsyncComponent(() => import('./panels/TicketPanel.vue')) },
  // signed, 开工率, red projects and open problems (project.stats; the lists: project.read)
  { id: 'projects', widget: 'project-cards', perm: 'project.read', component: defineAsyncComponent(() => import('./panels/ProjectPanel.vue')) },
  // the latest month's 累计 and 同比 (economy.stats)
  { id: 'economy', widget: 'economy-cards', component: defineAsyncComponent(() => import('./panels/EconomyPanel.vue')) },
  // 包保: the enterprises covered (dashboard.read, as the enterprise cards); the month's figures
  // only for those who follow 包保 (economy.baobao, checked in the panel)
  { id: 'baobao', widget: 'enterprise-cards', perm: 'enterprise.read', component: defineAsyncComponent(() => import('./panels/BaobaoPanel.vue')) },
  // the vacancy (space.stats)
  { id: 'space', widget: 'space-cards', component: defineAsyncComponent(() => import('./panels/SpacePanel.vue')) },
  // the latest requests, for those who see the request figures and read requests
  { id: 'latest', widget: 'ticket-cards', perm: 'ticket.read', component: defineAsyncComponent(() => import('./panels/LatestTickets.vue')) },
]

export const REGION_PANEL = { id: 'region', perm: 'region.read', component: defineAsyncComponent(() => import('./panels/RegionPanel.vue')) }
