// Pure helpers of the leaders' screen (领导驾驶舱, views/screen/ScreenPage.vue), unit-tested in
// web/tests/unit/screen.test.js: which panels a user gets, the counts and the lists they open
// (one query for both, so a number and its list agree), the figures of each zone of a region, and
// the charts' options in the light or the dark (大屏) look.
import { isAllowed } from '../../utils/perm'
import { fmtNumber, fmtShare } from '../economy/rules'
import { fmtMetric as regionMetric } from '../region/rules'

/** The 大屏 mode refreshes its figures this often (milliseconds): every 5 minutes. */
export const REFRESH_MS = 5 * 60 * 1000

/** The 大屏's stage: laid out at this size, scaled to the window. */
export const STAGE = { w: 1920, h: 1080 }

/** Whether a route is the 大屏 mode: its own route (/screen/big) or ?mode=big. */
export const isBigMode = (route) => !!route && ((route.meta && route.meta.screen === 'big') || (route.query && route.query.mode === 'big'))

/**
 * The panels open to ctx {perms, role, deptKind}: each panel names the cockpit widget of
 * dashboard/registry.js whose figures it shows (`widget`), and is shown when that widget is
 * allowed (its perm and duty, as on the home page) and the panel's own meta (`perm`, for a
 * further read) allows it too. A panel whose widget is not in the registry is not shown.
 */
export function panelsFor(panels, widgets, ctx) {
  return panels.filter((p) => {
    const w = widgets.find((x) => x.id === p.widget)
    return !!w && isAllowed(w, ctx) && isAllowed(p, ctx)
  })
}

/**
 * A list to open from a figure, when ctx may open it: `to` (a route location), else null.
 * resolve(to) gives the route's record (router.resolve), whose meta the guard checks.
 */
export function allowedLink(to, resolve, ctx) {
  if (!to) return null
  let r
  try {
    r = resolve(to)
  } catch {
    return null
  }
  if (!r || !r.matched || !r.matched.length || r.name === 'not-found') return null
  return isAllowed(r.meta, ctx) ? to : null
}

/** The URL query of API parameters (numbers and true as strings, empty ones left out). */
export function queryOf(params) {
  const q = {}
  for (const [k, v] of Object.entries(params || {})) {
    if (v === '' || v == null || v === false) continue
    q[k] = v === true ? '1' : String(v)
  }
  return q
}

/**
 * The request counts of the screen, each with the list it counts: the list's API parameters
 * (GET /api/tickets, counted with page_size=1) and the route of 全部诉求 with the same filters.
 * day is the zone's day (YYYY-MM-DD).
 */
export function ticketCounts(day) {
  const counts = {
    today: { from: day, to: day },
    open: { status: 'open' },
    overdue: { status: 'open', overdue: 1 },
  }
  return Object.fromEntries(Object.entries(counts).map(([k, params]) => [k, { params, to: { name: 'ticket-all', query: queryOf(params) } }]))
}

/**
 * The project counts of the screen with their lists: signed this year (GET /api/projects?year=,
 * 项目库), the red projects under dispatch (项目调度, colour=red), the problems not closed yet
 * (open and answered, 问题清单) and the overdue ones (overdue=1).
 */
export function projectCounts(year) {
  return {
    signed: { params: { year }, to: { name: 'projects', query: queryOf({ year }) } },
    red: { params: { colour: 'red', stage: 'dispatched' }, to: { name: 'project-dispatch', query: queryOf({ colour: 'red' }) } },
    problemsOpen: { params: { status: 'open' }, to: { name: 'project-problems' } },
    problemsAnswered: { params: { status: 'answered' }, to: { name: 'project-problems' } },
    problemsOverdue: { params: { overdue: 1 }, to: { name: 'project-problems', query: queryOf({ overdue: 1 }) } },
  }
}

/**
 * The lists the 包保 figures open, each with the filter that reproduces its number. month is the
 * zone's month (YYYY-MM), last the one before. The enterprises with and without a 包保 leader,
 * visited this month and not (企业库: baobao=1, no_leader=1, visited=, not_visited=; the visits
 * themselves have no list across the zone, so their count opens the enterprises visited, which
 * its sub line counts); last month's targets met, this month's targets set and 调度 records (包保企业
 * of that month, show=met, targets, dispatched: the enterprises with a 调度, which the 调度 card's
 * sub line counts).
 */
export function baobaoLinks(month, last) {
  const page = (period, show) => ({ name: 'economy-baobao', query: queryOf({ period, show }) })
  const ents = (params) => ({ name: 'enterprises', query: queryOf(params) })
  return {
    covered: ents({ baobao: true }),
    uncovered: ents({ no_leader: true }),
    visits: ents({ baobao: true, visited: month }),
    notVisited: ents({ baobao: true, not_visited: month }),
    met: page(last, 'met'),
    targets: page(month, 'targets'),
    dispatches: page(month, 'dispatched'),
  }
}

/** The request figures of the year to date through `day` (解决率, 满意率) open 诉求统计 over the same days. */
export const ticketStatsLink = (day) => ({ name: 'ticket-stats', query: { from: `${String(day).slice(0, 4)}-01-01`, to: day } })

/**
 * The lists the space figures open: the vacancy rate the buildings with theirs, the vacant units
 * the units filtered to vacant, the leases ending within 30 days the leases ending so (载体 reads
 * tab, status and days from the URL).
 */
export function spaceLinks() {
  return {
    rate: { name: 'space' },
    vacant: { name: 'space', query: { tab: 'units', status: 'vacant' } },
    expiring: { name: 'space', query: { tab: 'expiring', days: '30' } },
  }
}

/** The total of a list's answer ({items, total}); null for none. */
export const totalOf = (res) => (res ? res.total ?? (res.items || []).length : null)

/** A fraction as a percent with one decimal ('95.5%'), '-' for none (经济运行's rule). */
export const fmtRate = fmtShare

/** A count as people read it (thousands separated), '-' for none (经济运行's rule). */
export const fmtCount = fmtNumber

/**
 * The 包保 figures of a month from GET /api/economy/baobao: the enterprises, those with a
 * target, those that reported (submitted or accepted), those that met their target, and the
 * month's 调度 records.
 */
export function baobaoFigures(data) {
  const items = (data && data.items) || []
  return {
    enterprises: items.length,
    targetsSet: items.filter((x) => x.targets_set).length,
    reported: items.filter((x) => x.report_status === 'submitted' || x.report_status === 'accepted').length,
    met: items.filter((x) => x.met).length,
    dispatches: items.reduce((s, x) => s + (Number(x.dispatches) || 0), 0),
    dispatched: items.filter((x) => Number(x.dispatches) > 0).length,
  }
}

/** The leaders of a month's 包保 by completion, best first, those without one left out; at most n. */
export function leaderBars(data, n = 10) {
  return ((data && data.leaders) || [])
    .filter((l) => l.completion !== null && l.completion !== undefined && Number.isFinite(Number(l.completion)))
    .sort((a, b) => b.completion - a.completion || String(a.leader_name).localeCompare(String(b.leader_name)))
    .slice(0, n)
}

// ---- the zones of a region (GET /api/region/compare) ----

/**
 * The figures a zone's card shows, in order: the metric, the metric under it (its sub line, named
 * by `subKey`: a short word such as 同比), and the list the figure opens (see zoneFigureLink).
 */
export const ZONE_FIGURES = [
  { code: 'econ.output.ytd', sub: 'econ.output.yoy', subKey: 'yoy', list: 'economy' },
  { code: 'econ.tax.ytd', sub: 'econ.tax.yoy', subKey: 'yoy', list: 'economy' },
  { code: 'project.signed_count', sub: 'project.signed_amount', subKey: 'amount', list: 'projects' },
  { code: 'project.started', list: 'project-stats' },
  { code: 'ticket.received', list: 'tickets' },
  { code: 'ticket.resolve_rate', sub: 'ticket.satisfaction', subKey: 'satisfaction', list: 'ticket-stats' },
  { code: 'space.vacancy_rate', list: 'space' },
]

/** The list a zone's figure opens, for the year to date through `period` (YYYY-MM). */
export function zoneFigureLink(list, period) {
  const year = String(period).slice(0, 4)
  switch (list) {
    case 'economy':
      return { name: 'economy-summary' }
    case 'projects':
      return { name: 'projects', query: { year } }
    case 'project-stats':
      return { name: 'project-stats', query: { year } }
    case 'tickets':
      return { name: 'ticket-all', query: { from: `${year}-01-01`, to: periodEnd(period) } }
    case 'ticket-stats':
      return { name: 'ticket-stats', query: { from: `${year}-01-01`, to: periodEnd(period) } }
    case 'space':
      return { name: 'space' }
    default:
      return null
  }
}

/** The last day of a month (YYYY-MM) as YYYY-MM-DD. */
export function periodEnd(period) {
  const [y, m] = String(period).split('-').map(Number)
  const d = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return `${period}-${String(d).padStart(2, '0')}`
}

/**
 * A compare metric's value as shown: money (万元) through fmtMoney (亿元 in headlines), else as
 * the region page writes it (rates, the answer's % values, with one decimal), a count followed by
 * its unit; '-' for none.
 */
export function fmtMetric(v, unit, fmtMoney) {
  if (v === null || v === undefined || !Number.isFinite(Number(v))) return '-'
  if (unit === '万元' && fmtMoney) return fmtMoney(Number(v))
  const text = regionMetric(Number(v), unit)
  return unit && unit !== '%' && unit !== '万元' ? text + unit : text
}

/**
 * One card per zone of the comparison: {zone_id, zone, level, region_name, figures:[{key, label,
 * value, sub, to}]}, the figures of ZONE_FIGURES the answer has. label(metric) gives a metric's
 * label in the UI language, subLabel(subKey, metric) the word before a sub line's value (the
 * metric's label by default); fmtMoney writes an amount in 万元.
 */
export function zoneCards(data, { label = (m) => m.label, subLabel = (k, m) => label(m), fmtMoney } = {}) {
  if (!data || !data.items) return []
  const metrics = new Map((data.metrics || []).map((m) => [m.code, m]))
  const show = (code, values) => {
    const m = metrics.get(code)
    return m ? fmtMetric(values[code], m.unit, fmtMoney) : ''
  }
  return data.items.map((z) => ({
    zone_id: z.zone_id,
    zone: z.zone,
    level: z.level || '',
    region_name: z.region_name || '',
    figures: ZONE_FIGURES.filter((f) => metrics.has(f.code)).map((f) => ({
      key: f.code,
      label: label(metrics.get(f.code)),
      value: show(f.code, z.values || {}),
      sub: f.sub && metrics.has(f.sub) ? `${subLabel(f.subKey, metrics.get(f.sub))} ${show(f.sub, z.values || {})}` : '',
      to: zoneFigureLink(f.list, data.period),
    })),
  }))
}

// ---- charts ----

/** The colours of the charts' text, axes and grid lines in the light and dark looks. */
export const CHART_INK = {
  light: { text: '#606266', axis: '#dcdfe6', split: '#ebeef5', bar: '#409eff' },
  dark: { text: '#a9c4e4', axis: '#2a4a6e', split: '#16304d', bar: '#33c2ff' },
}

/** A fraction as a whole percent ('35%'), for a chart's axis. */
export const pct0 = (v) => `${Math.round(Number(v) * 100)}%`

/**
 * A bar chart of labels and values: horizontal (labels down the side, the first on top) or
 * vertical, the values written at the bars through fmt and the value axis through axisFmt;
 * dark for the 大屏 look.
 */
export function barOption({ labels, values, dark = false, horizontal = true, fmt = (v) => v, axisFmt, colour, max } = {}) {
  const ink = dark ? CHART_INK.dark : CHART_INK.light
  const category = {
    type: 'category',
    data: labels || [],
    inverse: horizontal,
    axisLine: { lineStyle: { color: ink.axis } },
    axisTick: { show: false },
    axisLabel: { color: ink.text, width: horizontal ? 96 : undefined, overflow: 'truncate', interval: 0, hideOverlap: !horizontal },
  }
  const value = { type: 'value', max, axisLabel: { color: ink.text, formatter: axisFmt, hideOverlap: true }, splitLine: { lineStyle: { color: ink.split } } }
  return {
    backgroundColor: 'transparent',
    textStyle: { color: ink.text },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => fmt(v) },
    grid: { left: 8, right: horizontal ? 56 : 8, top: 12, bottom: 4, containLabel: true },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? category : value,
    series: [
      {
        type: 'bar',
        data: values || [],
        barMaxWidth: 18,
        itemStyle: { color: colour || ink.bar, borderRadius: horizontal ? [0, 3, 3, 0] : [3, 3, 0, 0] },
        label: { show: true, position: horizontal ? 'right' : 'top', color: ink.text, formatter: (p) => fmt(p.value) },
      },
    ],
  }
}

/** Whether the screen shows the zones of one's region: region.read and more than one zone to see. */
export const showRegion = (ctx, zones) => isAllowed({ perm: 'region.read' }, ctx) && Array.isArray(zones) && zones.length > 1
