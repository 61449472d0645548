// The console's rules of 经济运行 (pure, unit-tested in web/tests/unit/economy.test.js): months
// (YYYY-MM, last month by default), the form of a monthly report and the body it sends, the
// deviations a reviewer looks at (±50% on last month or the same month a year before, the
// server's rule restated), the indicator an error names, 同比 and 完成进度 as people read them,
// and figures in their unit (money in 万元 / 亿元 as the project pages write it).
import { fmtAmount } from '../project/rules'

/** The states of a report, and their el-tag types (已报送, 已审核, 已退回). */
export const STATUSES = ['submitted', 'accepted', 'returned']
export const STATUS_TYPE = { submitted: 'warning', accepted: 'success', returned: 'danger' }
/** The states of a month's window (未结束, 报送中, 已截止), and their el-tag types. */
export const PERIOD_STATES = ['not_ended', 'open', 'locked']
export const PERIOD_STATE_TYPE = { not_ended: 'info', open: 'success', locked: 'danger' }
/** The groupings of the zone's figures: none, by industry section, building, 包保 leader. */
export const GROUPS = ['none', 'industry', 'building', 'leader']
/** The `group` parameter of GET /api/economy/summary for grouping g ('' for none). */
export const groupParam = (g) => (GROUPS.includes(g) && g !== 'none' ? g : '')
/** The scopes of the figures a province user reads: the zone he looks at, or every zone. */
export const SCOPES = ['zone', 'all']
/** The `zone` parameter of GET /api/economy/summary for scope s ('' for the current zone). */
export const zoneParam = (s) => (s === 'all' ? 'all' : '')
/** How far off last month or last year a value may be before it asks for a note (±50%). */
export const DEVIATION_LIMIT = 0.5

const pad = (n) => String(n).padStart(2, '0')
const PERIOD_RE = /^\d{4}-(0[1-9]|1[0-2])$/
export const isPeriod = (s) => PERIOD_RE.test(String(s || ''))

/** Month `period` moved by n months ('2026-01', -1 → '2025-12'). */
export function shiftPeriod(period, n) {
  const y = Number(period.slice(0, 4))
  const m = Number(period.slice(5, 7)) - 1 + n
  const yy = y + Math.floor(m / 12)
  return `${yy}-${pad((((m % 12) + 12) % 12) + 1)}`
}

/** The month an enterprise files by default: the one before `today` (YYYY-MM-DD). */
export const lastMonth = (today) => shiftPeriod(String(today).slice(0, 7), -1)

/** Whether month `period` has ended on `today` (a month is filed once it is over). */
export const periodEnded = (period, today) => isPeriod(period) && period < String(today).slice(0, 7)

/** The month (YYYY-MM) of a Date, in local time (a month picker's cell). */
export const periodOfDate = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}`

/** A month picker's disabled-date: the months not ended on `today` (this month and later). */
export const notEndedDate = (today) => (d) => !periodEnded(periodOfDate(d), today)

/** The month's number (1 … 12) of a period. */
export const monthNo = (period) => Number(String(period).slice(5, 7))

// ---- the monthly report ----

const num = (v) => (v === '' || v == null || !Number.isFinite(Number(v)) ? null : Number(v))

/**
 * The form of a month's report: the value and the note of each active indicator, from the
 * report filed (null: none yet).
 */
export function reportForm(indicators, report) {
  const byCode = Object.fromEntries(((report && report.values) || []).map((v) => [v.code, v]))
  const values = {}
  const notes = {}
  for (const ind of indicators || []) {
    const v = byCode[ind.code]
    values[ind.code] = v ? num(v.value) : null
    notes[ind.code] = v && v.note ? v.note : ''
  }
  return { values, notes }
}

/**
 * The body of POST /api/economy/reports: the month, the values given (an empty field is left
 * out, and the server names a required one), the notes written (trimmed).
 */
export function reportBody(period, form) {
  const values = {}
  const notes = {}
  for (const [code, v] of Object.entries(form.values || {})) if (num(v) != null) values[code] = num(v)
  for (const [code, n] of Object.entries(form.notes || {})) {
    const s = String(n || '').trim()
    if (s && code in values) notes[code] = s
  }
  return { period, values, notes }
}

/** The code of the indicator an error of field `values` names ("指标「工业总产值」须为数字"), or null. */
export function indicatorOfError(message, indicators) {
  const m = /「([^」]+)」/.exec(String(message || ''))
  if (!m) return null
  const ind = (indicators || []).find((i) => i.name === m[1] || i.code === m[1])
  return ind ? ind.code : null
}

/** The warnings of a filing by indicator code: {code: [message, …]}. */
export function warningsByCode(warnings) {
  const out = {}
  for (const w of warnings || []) (out[w.code] = out[w.code] || []).push(w.message || '')
  return out
}

/** The indicators a warning named whose note is still empty (the user is asked for one). */
export function unnoted(warnings, notes) {
  const codes = [...new Set((warnings || []).map((w) => w.code))]
  return codes.filter((c) => !String((notes && notes[c]) || '').trim())
}

/**
 * How far `value` is off `base`: (value − base) / |base|, null without both or on a zero base
 * (the server's rule: nothing to compare with).
 */
export function deviation(value, base) {
  const v = num(value)
  const b = num(base)
  if (v == null || b == null || b === 0) return null
  return (v - b) / Math.abs(b)
}

/** Whether a deviation is beyond the limit (more than ±50%). */
export const beyond = (d, limit = DEVIATION_LIMIT) => d != null && Math.abs(d) > limit + 1e-12

/**
 * A value of a report as a reviewer reads it: its deviations on last month (环比) and on the
 * same month a year before (同比), which of them is beyond ±50%, and whether it is explained
 * by a note.
 */
export function valueCheck(v) {
  const month = deviation(v && v.value, v && v.last_month)
  const year = deviation(v && v.value, v && v.last_year)
  const monthOff = beyond(month)
  const yearOff = beyond(year)
  return { month, year, monthOff, yearOff, off: monthOff || yearOff, explained: !!String((v && v.note) || '').trim() }
}

/** How many values of report r are beyond ±50% (the drawer's count). */
export const offCount = (r) => ((r && r.values) || []).filter((v) => valueCheck(v).off).length

/** What a reviewer may do to report r (only a submitted one is accepted or returned). */
export const reviewActions = (r, canReview) => (canReview && r && r.status === 'submitted' ? ['accept', 'return'] : [])

/** Field errors of the return dialog before it is sent ({field: i18n key}). */
export function checkReturn(f) {
  const s = String((f && f.note) || '').trim()
  if (!s) return { note: 'economy.review.noteRequired' }
  if ([...s].length > 200) return { note: 'economy.review.noteTooLong' }
  return {}
}

// ---- figures ----

/**
 * A fraction as a signed percent with one decimal ('+8.0%', '-3.2%', '0.0%'), the way 同比 and
 * 环比 are written; '-' for none.
 */
export function fmtChange(v) {
  const n = v === null || v === undefined || v === '' ? NaN : Number(v)
  if (!Number.isFinite(n)) return '-'
  const p = Math.round(n * 1000) / 10
  return (p > 0 ? '+' : '') + (Object.is(p, -0) ? 0 : p).toFixed(1) + '%'
}

/** The tone of a change: 'up' (growth, red as Chinese reports colour it), 'down' (green) or ''. */
export function changeTone(v) {
  const n = v === null || v === undefined || v === '' ? NaN : Number(v)
  if (!Number.isFinite(n) || Math.round(n * 1000) === 0) return ''
  return n > 0 ? 'up' : 'down'
}
export const TONE_COLOUR = { up: '#f56c6c', down: '#67c23a', '': '#909399' }

/** A fraction as a percent with one decimal ('73.0%'), '-' for none (完成进度, 序时进度). */
export function fmtShare(v) {
  const n = v === null || v === undefined || v === '' ? NaN : Number(v)
  if (!Number.isFinite(n)) return '-'
  return (Math.round(n * 1000) / 10).toFixed(1) + '%'
}

/** 完成进度 against 序时进度: 'ahead' (at or beyond it), 'behind', or null without a target. */
export function progressState(progress, schedule) {
  const p = num(progress)
  const s = num(schedule)
  if (p == null || s == null) return null
  return p + 1e-9 >= s ? 'ahead' : 'behind'
}

/** A number as people read it: thousands separated, up to 2 decimals; '-' for none. */
export function fmtNumber(v) {
  const n = num(v)
  return n == null ? '-' : n.toLocaleString('en-US', { maximumFractionDigits: 2 })
}

/**
 * A figure in its indicator's unit: money (万元, 万美元) the way the project pages write amounts
 * ('3,200万元', '62亿元'; units: the words of project/shared.js amountUnits), anything else as a
 * number with its unit ('1,234人', '56.5万千瓦时'); '-' for none.
 */
export function fmtFigure(v, unit, units) {
  if (num(v) == null) return '-'
  if (unit === '万元') return units ? fmtAmount(v, 'CNY', units) : fmtAmount(v, 'CNY')
  if (unit === '万美元') return units ? fmtAmount(v, 'USD', units) : fmtAmount(v, 'USD')
  return fmtNumber(v) + (unit || '')
}

/** The rows of a grouped summary for one indicator, its groups sorted (an empty group last). */
export function groupRows(items, code) {
  return (items || [])
    .filter((x) => x.code === code)
    .sort((a, b) => (!a.group) - (!b.group) || String(a.group).localeCompare(String(b.group), 'zh-CN'))
}

/**
 * The zones' rows of one indicator (GET /api/economy/summary?zone=all&group=zone), sorted on
 * `prop` (ytd_value, ytd_yoy …) in `order` ('ascending' or 'descending'), the zones without that
 * figure last either way; by zone name without an order and between equal figures.
 */
export function zoneRows(items, code, prop, order) {
  const dir = order === 'ascending' ? 1 : order === 'descending' ? -1 : 0
  const byName = (a, b) => String(a.group).localeCompare(String(b.group), 'zh-CN')
  return (items || [])
    .filter((x) => x.code === code)
    .sort((a, b) => {
      if (!dir || !prop) return byName(a, b)
      const x = num(a[prop])
      const y = num(b[prop])
      return (x == null) - (y == null) || (x == null ? 0 : dir * (x - y)) || byName(a, b)
    })
}

/** The bars of 累计 by zone: the `limit` zones with the largest 1–N月累计 (none without one), largest first. */
export const zoneBars = (items, code, limit = 20) => zoneRows(items, code, 'ytd_value', 'descending').filter((x) => num(x.ytd_value) != null).slice(0, limit)

/** The bar chart's data of 累计同比 by indicator: names and percents (null where none). */
export function yoySeries(items) {
  const rows = (items || []).filter((x) => !x.group)
  return {
    names: rows.map((x) => x.name),
    values: rows.map((x) => (x.ytd_yoy == null || !Number.isFinite(Number(x.ytd_yoy)) ? null : Math.round(Number(x.ytd_yoy) * 1000) / 10)),
  }
}

/** The body of PUT /api/economy/targets: the year and each target given (≥ 0). */
export function targetsBody(year, targets) {
  const out = {}
  for (const [code, v] of Object.entries(targets || {})) if (num(v) != null && num(v) >= 0) out[code] = num(v)
  return { year: Number(year), targets: out }
}

/**
 * The bars of 贡献与拖累 (GET /api/economy/contributions), top to bottom: the contributors, the
 * largest increase first, then the drags, the largest decrease last, so that the chart reads from
 * the most positive to the most negative. Each: name, change, yoy, share, volatile (波动明显) and
 * tone ('up' for a rise, 'down' for a fall, as changeTone colours them).
 */
export function contribBars(data) {
  const row = (x) => ({
    name: x.name,
    change: num(x.change),
    yoy: num(x.yoy),
    share: num(x.share),
    volatile: !!x.volatile,
    tone: num(x.change) > 0 ? 'up' : 'down',
  })
  if (!data) return []
  return [...(data.contributors || []).map(row), ...[...(data.drags || [])].reverse().map(row)]
}

/** The bulletin's file name for month `period`. */
export function bulletinName(period) {
  return `经济运行月报-${period}.pdf`
}

// ---- 包保 (the monthly cycle of the enterprises a leader looks after, views/economy/EconomyBaobao.vue) ----

/** The 排产 states of a 调度 (满负荷, 部分开工, 停产), and their el-tag types. */
export const PRODUCTIONS = ['full', 'partial', 'stopped']
export const PRODUCTION_TYPE = { full: 'success', partial: 'warning', stopped: 'danger' }
/** The states of an enterprise's report of the month as the 包保 list gives them (未报 first). */
export const BAOBAO_REPORT_STATUSES = ['none', ...STATUSES]
export const BAOBAO_REPORT_TYPE = { none: 'info', ...STATUS_TYPE }
/** The indicator the 包保 list compares first (工业总产值). */
export const OUTPUT = 'output'

/** The month (YYYY-MM) of a day (YYYY-MM-DD): the 包保 page opens on the current month. */
export const monthOf = (day) => String(day).slice(0, 7)

/**
 * The 包保 month picker's disabled-date: the months after next month (targets are set for this
 * month or the next; past months are read).
 */
export const baobaoMonthDate = (today) => {
  const last = shiftPeriod(monthOf(today), 1)
  return (d) => periodOfDate(d) > last
}

/** Whether targets of month `period` may still be set on `today` (not before the current month). */
export const targetsOpen = (period, today) => isPeriod(period) && period >= monthOf(today)

/** Whether a 调度 of month `period` may be recorded on `today` (the month has begun). */
export const dispatchOpen = (period, today) => isPeriod(period) && period <= monthOf(today)

/** The last day (YYYY-MM-DD) of month `period`. */
export function periodEnd(period) {
  const y = Number(period.slice(0, 4))
  const m = Number(period.slice(5, 7))
  return `${period}-${pad(new Date(Date.UTC(y, m, 0)).getUTCDate())}`
}

/** The day a 调度 of month `period` is recorded on by default: today, or the month's last day for a past month. */
export function dispatchDay(period, today) {
  if (!isPeriod(period)) return String(today)
  return period === monthOf(today) ? String(today) : period < monthOf(today) ? periodEnd(period) : `${period}-01`
}

/** A 调度 day picker's disabled-date: the days outside month `period` and after `today`. */
export const dispatchDayDate = (period, today) => (d) => {
  const day = `${periodOfDate(d)}-${pad(d.getDate())}`
  return periodOfDate(d) !== period || day > String(today)
}

/** A completion (actual / target, a fraction) as a percent with one decimal ('98.4%'), '-' for none. */
export const fmtCompletion = (v) => fmtShare(v)

/**
 * The bar of a completion: {percent} (0 … 100, capped, for el-progress) and its {status}
 * ('success' at or beyond the target, 'warning' from 80%, 'exception' below); null for none.
 */
export function completionBar(v) {
  const n = num(v)
  if (n == null) return null
  const percent = Math.max(0, Math.min(100, Math.round(n * 1000) / 10))
  const status = n + 1e-9 >= 1 ? 'success' : n + 1e-9 >= 0.8 ? 'warning' : 'exception'
  return { percent, status }
}

/** The 达标 tag of an enterprise or indicator: {key: 'met' | 'notMet', type}, or null when nothing is comparable. */
export function metTag(met) {
  if (met === true) return { key: 'met', type: 'success' }
  if (met === false) return { key: 'notMet', type: 'danger' }
  return null
}

/** The i18n key of a 排产 state ('baobao.production.full'), null for none or an unknown code. */
export const productionKey = (p) => (PRODUCTIONS.includes(p) ? `baobao.production.${p}` : null)

/** The i18n key of a report's state in the 包保 list ('baobao.report.none' …); an unknown one reads as none. */
export const baobaoReportKey = (s) => `baobao.report.${BAOBAO_REPORT_STATUSES.includes(s) ? s : 'none'}`

/** The 工业总产值 of a 包保 item: {target, actual, completion} (each null when not given). */
export function outputOf(item) {
  const v = (item && item.values && item.values[OUTPUT]) || {}
  return { target: num(v.target), actual: num(v.actual), completion: num(v.completion) }
}

/**
 * The leaders to filter the list by: those of the answer's leaders table, else the distinct
 * leaders of its items, by name.
 */
export function leaderOptions(data) {
  const out = new Map()
  for (const l of (data && data.leaders) || []) if (l.leader_id != null) out.set(l.leader_id, l.leader_name || String(l.leader_id))
  if (!out.size) for (const x of (data && data.items) || []) if (x.leader_id != null && !out.has(x.leader_id)) out.set(x.leader_id, x.leader_name || String(x.leader_id))
  return [...out].map(([id, name]) => ({ id, name })).sort((a, b) => String(a.name).localeCompare(String(b.name), 'zh-CN'))
}

/** The items of leader `leaderId` (all without one). */
/** The subsets of a month of 包保 that the page shows on ?show= (the leaders' screen's figures). */
export const BAOBAO_SHOWS = ['met', 'targets', 'dispatched']

/** The items of a month of 包保 that `show` keeps: met (targets met), targets (a target set), dispatched (a 调度 recorded); all for none. */
export function itemsShown(items, show) {
  const list = items || []
  if (show === 'met') return list.filter((x) => x.met === true)
  if (show === 'targets') return list.filter((x) => !!x.targets_set)
  if (show === 'dispatched') return list.filter((x) => Number(x.dispatches) > 0)
  return list
}

export const itemsOfLeader = (items, leaderId) => (leaderId == null || leaderId === '' ? items || [] : (items || []).filter((x) => x.leader_id === leaderId))

/** The targets form of an enterprise's month: {code: target or null} for every indicator. */
export const baobaoTargetsForm = (indicators) => Object.fromEntries((indicators || []).map((x) => [x.code, num(x.target)]))

/**
 * The body of PUT /api/economy/baobao/:id/targets: each target given (a number in the
 * indicator's unit), null for one cleared that was set, nothing for one neither set nor given.
 */
export function baobaoTargetsBody(period, form, indicators) {
  const had = Object.fromEntries((indicators || []).map((x) => [x.code, num(x.target) != null]))
  const targets = {}
  for (const [code, v] of Object.entries(form || {})) {
    if (num(v) != null) targets[code] = num(v)
    else if (had[code]) targets[code] = null
  }
  return { period, targets }
}

/** A fresh 调度 form of month `period`. */
export const dispatchForm = (period, today) => ({ recorded_on: dispatchDay(period, today), production: '', orders: '', problems: '', raise_request: false, category: '' })

/** Field errors of a 调度 form before it is sent ({field: i18n key}). */
export function checkDispatch(f) {
  const out = {}
  if (!PRODUCTIONS.includes(f && f.production)) out.production = 'baobao.dispatch.productionRequired'
  if (f && f.raise_request && !String(f.problems || '').trim()) out.problems = 'baobao.dispatch.problemsRequired'
  return out
}

/** The body of POST /api/economy/baobao/:id/dispatches (texts trimmed; the category only with a request). */
export function dispatchBody(period, f) {
  const body = {
    period,
    production: f.production,
    orders: String(f.orders || '').trim(),
    problems: String(f.problems || '').trim(),
    raise_request: !!f.raise_request,
  }
  if (f.recorded_on) body.recorded_on = f.recorded_on
  if (f.raise_request && f.category) body.category = f.category
  return body
}
