// The leaders' screen (views/screen/): which panels each role gets from the cockpit's widget
// registry, the counts and the lists they open (the same filters), the lists a user may open,
// the zones of a region, the 大屏 route and the charts' looks.
import { describe, expect, it } from 'vitest'
import { createRouter, createMemoryHistory } from 'vue-router'
import { routes } from '../../src/router/routes'
import { WIDGETS } from '../../src/views/dashboard/registry'
import { PANELS, REGION_PANEL } from '../../src/views/screen/panels'
import { filterParams, filtersFromQuery } from '../../src/composables/usePagedList'
import {
  REFRESH_MS,
  allowedLink,
  baobaoFigures,
  baobaoLinks,
  barOption,
  fmtMetric,
  isBigMode,
  leaderBars,
  panelsFor,
  periodEnd,
  projectCounts,
  queryOf,
  showRegion,
  spaceLinks,
  ticketCounts,
  ticketStatsLink,
  zoneCards,
  zoneFigureLink,
} from '../../src/views/screen/rules'
import { ROLE_PERMS } from './menu-contexts'
import { BAOBAO_SHOWS, itemsShown } from '../../src/views/economy/rules'
import { rangeFromQuery } from '../../src/utils/ticket'

const ctxOf = (role, extra = [], deptKind = '') => ({ role, perms: [...ROLE_PERMS[role], ...extra], deptKind })
const ids = (ctx) => panelsFor(PANELS, WIDGETS, ctx).map((p) => p.id)
const router = createRouter({ history: createMemoryHistory(), routes })
const resolve = (to) => router.resolve(to)

describe('screen panels', () => {
  it('names a widget of the cockpit registry for every panel', () => {
    for (const p of PANELS) expect(WIDGETS.some((w) => w.id === p.widget), p.id).toBe(true)
    expect(PANELS.map((p) => p.id)).toEqual(['tickets', 'projects', 'economy', 'baobao', 'space', 'latest'])
  })

  it('gives a zone leader every panel, and a province user those it may read (no vacancy)', () => {
    expect(ids(ctxOf('leader'))).toEqual(['tickets', 'projects', 'economy', 'baobao', 'space', 'latest'])
    expect(ids(ctxOf('province'))).toEqual(['tickets', 'projects', 'economy', 'baobao', 'latest'])
  })

  it('leaves out what a role may not read: a department head has no zone figures of the economy', () => {
    expect(ids(ctxOf('dept_head'))).toEqual(['tickets', 'projects', 'baobao', 'space', 'latest'])
    expect(ids({ role: 'enterprise', perms: ROLE_PERMS.enterprise })).toEqual([])
    expect(ids({ role: 'leader', perms: [] })).toEqual([])
    // a panel needs its widget's permission and its own further read
    expect(ids({ role: 'leader', perms: ['ticket.stats'] })).toEqual([])
    expect(ids({ role: 'leader', perms: ['ticket.stats', 'ticket.read'] })).toEqual(['tickets', 'latest'])
  })

  it('shows the zones of a region to a user who reads the region and sees more than one zone', () => {
    expect(REGION_PANEL.perm).toBe('region.read')
    expect(showRegion(ctxOf('province'), [{ id: 1 }, { id: 2 }])).toBe(true)
    expect(showRegion(ctxOf('leader'), [{ id: 1 }])).toBe(false)
    expect(showRegion(ctxOf('dept_head'), [{ id: 1 }, { id: 2 }])).toBe(false)
  })
})

describe('screen figures and their lists', () => {
  it('counts the requests with the filters the list opens with', () => {
    const c = ticketCounts('2026-12-06')
    expect(c.today.to).toEqual({ name: 'ticket-all', query: { from: '2026-12-06', to: '2026-12-06' } })
    expect(c.overdue.to).toEqual({ name: 'ticket-all', query: { status: 'open', overdue: '1' } })
    // 全部诉求 reads its filters from the query (TicketList.vue's defaults) and sends the same
    const defaults = { q: '', status: '', category: '', channel: '', dept_id: null, period: null, overdue: false, escalated: false }
    for (const k of ['today', 'open', 'overdue']) {
      const sent = filterParams(filtersFromQuery(c[k].to.query, defaults, 'period'), defaults, 'period')
      for (const [p, v] of Object.entries(c[k].params)) expect(sent[p], `${k}.${p}`).toBe(v)
      expect(Object.entries(sent).filter(([p, v]) => !(p in c[k].params) && v !== '' && v != null)).toEqual([])
    }
  })

  it('counts the projects with the filters of their lists', () => {
    const c = projectCounts(2026)
    expect(c.signed.to).toEqual({ name: 'projects', query: { year: '2026' } })
    expect(c.red).toEqual({ params: { colour: 'red', stage: 'dispatched' }, to: { name: 'project-dispatch', query: { colour: 'red' } } })
    expect(c.problemsOverdue.to.query).toEqual({ overdue: '1' })
    expect(queryOf({ a: 1, b: '', c: null, d: true, e: false })).toEqual({ a: '1', d: '1' })
  })

  it('links a figure only to a list the user may open', () => {
    const leader = ctxOf('leader')
    const province = ctxOf('province')
    expect(allowedLink({ name: 'ticket-all', query: { status: 'open' } }, resolve, leader)).toEqual({ name: 'ticket-all', query: { status: 'open' } })
    expect(allowedLink({ name: 'space' }, resolve, leader)).toEqual({ name: 'space' })
    expect(allowedLink({ name: 'space' }, resolve, province)).toBe(null)
    expect(allowedLink({ name: 'economy-baobao' }, resolve, province)).toBe(null)
    expect(allowedLink({ name: 'ticket-overdue' }, resolve, province)).toEqual({ name: 'ticket-overdue' })
    expect(allowedLink({ name: 'no-such-page' }, resolve, leader)).toBe(null)
    expect(allowedLink(null, resolve, leader)).toBe(null)
  })

  it('sums a month of 包保 and ranks its leaders by completion', () => {
    const data = {
      items: [
        { targets_set: 2, report_status: 'accepted', met: true, dispatches: 2 },
        { targets_set: 0, report_status: 'none', met: null, dispatches: 0 },
        { targets_set: 1, report_status: 'submitted', met: false, dispatches: 1 },
        { targets_set: 1, report_status: 'returned', met: false, dispatches: 0 },
      ],
      leaders: [
        { leader_name: '乙', completion: 0.9 },
        { leader_name: '甲', completion: null },
        { leader_name: '丙', completion: 1.2 },
      ],
    }
    expect(baobaoFigures(data)).toEqual({ enterprises: 4, targetsSet: 3, reported: 2, met: 1, dispatches: 3, dispatched: 2 })
    expect(baobaoFigures(null).enterprises).toBe(0)
    expect(leaderBars(data).map((l) => l.leader_name)).toEqual(['丙', '乙'])
    expect(leaderBars(data, 1)).toHaveLength(1)
  })
})

describe('every figure opens a list filtered to its number', () => {
  // 企业库's filters (EnterpriseList.vue's defaults) as it reads them from the URL and sends them
  const ENT = { q: '', industry: '', flag: '', as_of: '', leader_id: null, no_leader: false, building: '', archived: false, baobao: false, visited: '', not_visited: '' }
  const sent = (query) => Object.fromEntries(Object.entries(filterParams(filtersFromQuery(query, ENT), ENT)).filter(([, v]) => v !== '' && v != null))

  it('opens the 包保 enterprises, visited or not this month, with the filters of GET /api/baobao/visits/stats', () => {
    const l = baobaoLinks('2026-12', '2026-11')
    expect(l.covered).toEqual({ name: 'enterprises', query: { baobao: '1' } })
    expect(l.uncovered).toEqual({ name: 'enterprises', query: { no_leader: '1' } })
    expect(l.visits).toEqual({ name: 'enterprises', query: { baobao: '1', visited: '2026-12' } })
    expect(l.notVisited).toEqual({ name: 'enterprises', query: { baobao: '1', not_visited: '2026-12' } })
    // the list sends exactly those to GET /api/enterprises (what tests/api/baobao_visits checks)
    expect(sent(l.visits.query)).toEqual({ baobao: 1, visited: '2026-12' })
    expect(sent(l.notVisited.query)).toEqual({ baobao: 1, not_visited: '2026-12' })
    expect(sent(l.uncovered.query)).toEqual({ no_leader: 1 })
    for (const k of ['covered', 'uncovered', 'visits', 'notVisited']) expect(allowedLink(l[k], resolve, ctxOf('leader')), k).toEqual(l[k])
  })

  it('opens 包保企业 of the month on the subset each figure counts', () => {
    const l = baobaoLinks('2026-12', '2026-11')
    expect(l.met).toEqual({ name: 'economy-baobao', query: { period: '2026-11', show: 'met' } })
    expect(l.targets).toEqual({ name: 'economy-baobao', query: { period: '2026-12', show: 'targets' } })
    expect(l.dispatches).toEqual({ name: 'economy-baobao', query: { period: '2026-12', show: 'dispatched' } })
    for (const k of ['met', 'targets', 'dispatches']) expect(BAOBAO_SHOWS).toContain(l[k].query.show)
    const month = {
      items: [
        { targets_set: 2, report_status: 'accepted', met: true, dispatches: 2 },
        { targets_set: 0, report_status: 'none', met: null, dispatches: 0 },
        { targets_set: 1, report_status: 'submitted', met: false, dispatches: 1 },
      ],
    }
    const f = baobaoFigures(month)
    expect(itemsShown(month.items, 'met')).toHaveLength(f.met)
    expect(itemsShown(month.items, 'targets')).toHaveLength(f.targetsSet)
    expect(itemsShown(month.items, 'dispatched')).toHaveLength(f.dispatched)
    expect(f.dispatches).toBe(3)
    expect(itemsShown(month.items, '')).toHaveLength(3)
  })

  it('opens 诉求统计 over the year to date that 解决率 and 满意率 count', () => {
    const to = ticketStatsLink('2026-12-06')
    expect(to).toEqual({ name: 'ticket-stats', query: { from: '2026-01-01', to: '2026-12-06' } })
    expect(rangeFromQuery(to.query)).toEqual(['2026-01-01', '2026-12-06'])
    expect(rangeFromQuery({ from: '2026-12-07', to: '2026-12-06' })).toBe(null)
    expect(rangeFromQuery({ from: '2026-1-1', to: '2026-12-06' })).toBe(null)
    expect(rangeFromQuery({})).toBe(null)
  })

  it('opens 载体 on the vacant units and the leases ending within 30 days', () => {
    const l = spaceLinks()
    expect(l.vacant).toEqual({ name: 'space', query: { tab: 'units', status: 'vacant' } })
    expect(l.expiring).toEqual({ name: 'space', query: { tab: 'expiring', days: '30' } })
    expect(allowedLink(l.vacant, resolve, ctxOf('leader'))).toEqual(l.vacant)
  })
})

describe('the zones of a region', () => {
  const data = {
    period: '2026-02',
    metrics: [
      { code: 'econ.output.ytd', label: '工业总产值（累计）', label_en: 'Output', unit: '万元' },
      { code: 'econ.output.yoy', label: '工业总产值同比', unit: '%' },
      { code: 'project.signed_count', label: '签约项目数', unit: '个' },
      { code: 'ticket.received', label: '受理诉求数', unit: '件' },
      { code: 'space.vacancy_rate', label: '载体空置率', unit: '%', lower_better: true },
    ],
    items: [
      { zone_id: 1, zone: '长春经济技术开发区', level: 'national', values: { 'econ.output.ytd': 6518708.6, 'econ.output.yoy': 10.06, 'project.signed_count': 111, 'ticket.received': 375, 'space.vacancy_rate': 17.74 } },
      { zone_id: 2, zone: '长春装备制造产业开发区', level: 'provincial', values: { 'econ.output.ytd': null, 'project.signed_count': 21 } },
    ],
  }

  it('makes a card per zone with its figures, each opening its list for the year to date', () => {
    const cards = zoneCards(data, { fmtMoney: (v) => `${Math.round(v / 10000)}亿元` })
    expect(cards.map((z) => z.zone_id)).toEqual([1, 2])
    const [a, b] = cards
    expect(a.figures.map((f) => f.key)).toEqual(['econ.output.ytd', 'project.signed_count', 'ticket.received', 'space.vacancy_rate'])
    expect(a.figures[0]).toMatchObject({ value: '652亿元', sub: '工业总产值同比 10.1%', to: { name: 'economy-summary' } })
    expect(a.figures[1]).toMatchObject({ value: '111个', to: { name: 'projects', query: { year: '2026' } } })
    expect(a.figures[2].to).toEqual({ name: 'ticket-all', query: { from: '2026-01-01', to: '2026-02-28' } })
    expect(a.figures[3].value).toBe('17.7%')
    expect(b.figures[0].value).toBe('-')
    expect(b.figures[3].value).toBe('-')
    expect(zoneCards(data, { label: (m) => m.label_en || m.label })[0].figures[0].label).toBe('Output')
    expect(zoneCards(null)).toEqual([])
  })

  it('knows the last day of a month and the lists of the figures', () => {
    expect(periodEnd('2024-02')).toBe('2024-02-29')
    expect(periodEnd('2026-12')).toBe('2026-12-31')
    expect(zoneFigureLink('space', '2026-11')).toEqual({ name: 'space' })
    // a January's figures are of the year before: its lists are opened on that year
    expect(zoneFigureLink('project-stats', '2025-12')).toEqual({ name: 'project-stats', query: { year: '2025' } })
    expect(zoneFigureLink('ticket-stats', '2025-12')).toEqual({ name: 'ticket-stats', query: { from: '2025-01-01', to: '2025-12-31' } })
    expect(rangeFromQuery(zoneFigureLink('ticket-stats', '2026-02').query)).toEqual(['2026-01-01', '2026-02-28'])
    expect(zoneFigureLink('nothing', '2026-11')).toBe(null)
    expect(fmtMetric(1234, '件')).toBe('1234件')
    expect(fmtMetric(undefined, '%')).toBe('-')
  })
})

describe('the 大屏 mode', () => {
  it('has a route of its own outside the console frame, and /screen?mode=big leads to it', () => {
    const big = router.resolve('/screen/big')
    expect(big.name).toBe('screen-big')
    expect(big.matched).toHaveLength(1) // no layout: no side menu
    expect(big.meta.perm).toBe('dashboard.read')
    expect(isBigMode(big)).toBe(true)
    expect(isBigMode(router.resolve('/screen'))).toBe(false)
    expect(isBigMode({ meta: {}, query: { mode: 'big' } })).toBe(true)
    const screen = router.getRoutes().find((x) => x.name === 'screen')
    expect(screen.beforeEnter({ query: { mode: 'big' } })).toEqual({ name: 'screen-big' })
    expect(screen.beforeEnter({ query: {} })).toBe(true)
  })

  it('refreshes every few minutes and draws dark charts', () => {
    expect(REFRESH_MS).toBeGreaterThanOrEqual(60_000)
    expect(REFRESH_MS).toBeLessThanOrEqual(10 * 60_000)
    const dark = barOption({ labels: ['a', 'b'], values: [1, 2], dark: true })
    const light = barOption({ labels: ['a', 'b'], values: [1, 2] })
    expect(dark.textStyle.color).not.toBe(light.textStyle.color)
    expect(dark.yAxis.type).toBe('category')
    expect(dark.yAxis.inverse).toBe(true)
    const vertical = barOption({ labels: ['a'], values: [3], horizontal: false, fmt: (v) => `${v}个` })
    expect(vertical.xAxis.data).toEqual(['a'])
    expect(vertical.series[0].label.formatter({ value: 3 })).toBe('3个')
  })
})
