// The console's rules of a project (招商引资, 项目建设; pure, unit-tested in
// web/tests/unit/project.test.js): the stages and the moves offered, the evidence each move needs
// and the body it sends, amounts in 万元/亿元, ISO weeks (YYYY-Www), the status colours and their
// written rule, progress against a target and against 序时进度, the 龙虎榜's rank changes, and what
// may be done to a problem. The server checks everything again: these only say what to offer.

/** The pipeline from a lead to capacity, in order; 终止 stands apart. */
export const PIPELINE = ['lead', 'negotiating', 'signed', 'registered', 'land', 'started', 'completed', 'producing', 'capacity']
export const STAGES = [...PIPELINE, 'dropped']
/** The board's columns (线索 … 达产). */
export const BOARD_STAGES = PIPELINE
/** The stages under dispatch (项目调度): a project there has a status colour. */
export const DISPATCH_STAGES = ['signed', 'registered', 'land', 'started', 'completed', 'producing']
/** The stages a new project may start at. */
export const CREATE_STAGES = ['lead', 'negotiating']
/** el-tag types by stage. */
export const STAGE_TYPE = {
  lead: 'info',
  negotiating: 'info',
  signed: 'primary',
  registered: 'primary',
  land: 'primary',
  started: 'warning',
  completed: 'warning',
  producing: 'success',
  capacity: 'success',
  dropped: 'danger',
}

export const COLOURS = ['green', 'amber', 'red']
/** el-tag types of the colours (the tag also says the colour in words). */
export const COLOUR_TYPE = { green: 'success', amber: 'warning', red: 'danger' }
export const COLOUR_HEX = { green: '#67c23a', amber: '#e6a23c', red: '#f56c6c' }

export const ORIGINS = ['domestic', 'foreign', 'hmt']
export const INVESTOR_TYPES = ['central_soe', 'local_soe', 'private', 'foreign', 'hmt']
export const SOURCES = ['business', 'resident', 'expo', 'cloud', 'agent']
export const LEVELS = ['province', 'city', 'district']
export const CURRENCIES = ['CNY', 'USD']
export const FOLLOWUP_KINDS = ['visit', 'negotiation', 'inspection', 'cloud_visit', 'cloud_talk', 'cloud_sign']
export const PROBLEM_CATEGORIES = ['land', 'planning', 'approval', 'funding', 'utilities', 'demolition', 'other']
export const PROBLEM_STATUSES = ['open', 'answered', 'closed']
export const PROBLEM_STATUS_TYPE = { open: 'danger', answered: 'warning', closed: 'success' }
/** A permit's state (审批), by its dates: none, applied, approved; el-tag types. */
export const PERMIT_STATUSES = ['none', 'applied', 'approved']
export const PERMIT_STATUS_TYPE = { none: 'info', applied: 'warning', approved: 'success' }

/** The body of PUT /api/projects/:id/permits: the permit, its dates (empty as null) and the rest. */
export function permitBody(f) {
  return {
    permit: f.permit,
    applied_date: f.applied_date || null,
    approved_date: f.approved_date || null,
    permit_no: String(f.permit_no || '').trim(),
    notes: String(f.notes || '').trim(),
    secretary_user_id: f.secretary_user_id ? Number(f.secretary_user_id) : null,
  }
}

/** The figures of a target (project_target), in the order the pages show them. */
export const TARGET_FIGURES = ['signed_count', 'signed_amount', 'count_100m', 'count_500m', 'count_1000m', 'count_usd100m', 'funds', 'started_count', 'producing_count']
/** The figures of a target that are money (万元); the others are counts. */
export const MONEY_FIGURES = ['signed_amount', 'funds']

/** The stages' planned and actual date fields, in pipeline order (lead has only an actual). */
export const STAGE_DATES = {
  lead: { actual: 'lead_date' },
  signed: { plan: 'plan_sign_date', actual: 'sign_date' },
  registered: { plan: 'plan_register_date', actual: 'register_date' },
  land: { plan: 'plan_land_date', actual: 'land_date' },
  started: { plan: 'plan_start_date', actual: 'start_date' },
  completed: { plan: 'plan_complete_date', actual: 'complete_date' },
  producing: { plan: 'plan_produce_date', actual: 'produce_date' },
  capacity: { plan: 'plan_capacity_date', actual: 'capacity_date' },
}
export const PLAN_DATE_FIELDS = Object.values(STAGE_DATES)
  .map((d) => d.plan)
  .filter(Boolean)

/** The place of a stage in the pipeline (-1 for dropped or unknown). */
export const stageIndex = (s) => PIPELINE.indexOf(s)

/** Whether a project at stage s is under dispatch (it has a colour). */
export const dispatched = (s) => DISPATCH_STAGES.includes(s)

/**
 * Whether project p may pass over stage s, as the server's machine says: 在谈 always (a lead
 * signed at once); 注册 for a renovation or a project already linked to its enterprise; 供地 for a
 * renovation or a project that needs no land (no 亩 given).
 */
export function skippable(p, s) {
  if (s === 'negotiating') return true
  if (s === 'registered') return !!p.renovation || Number(p.enterprise_id) > 0
  if (s === 'land') return !!p.renovation || !(Number(p.land_mu) > 0)
  return false
}

/**
 * The stages project p may move to: the next stage, and those after it while the stages in
 * between may be skipped (skippable), and 终止 before 投产. Nothing from 达产 or 终止.
 */
export function nextStages(p) {
  const i = stageIndex(p && p.stage)
  if (i < 0 || i >= PIPELINE.length - 1) return []
  const out = []
  for (let j = i + 1; j < PIPELINE.length; j++) {
    out.push(PIPELINE[j])
    if (!skippable(p, PIPELINE[j])) break
  }
  if (i < stageIndex('producing')) out.push('dropped')
  return out
}

/** The stages a move from `from` to `to` passes over (those it skips). */
export function skipped(from, to) {
  const a = stageIndex(from)
  const b = stageIndex(to)
  return a >= 0 && b > a + 1 ? PIPELINE.slice(a + 1, b) : []
}

/**
 * The stepper of project p: one step per pipeline stage with its planned and actual dates and
 * state 'done' (reached), 'current' (the project's stage), 'late' (not reached, planned date
 * before `today`) or 'todo'. A dropped project shows the stages it reached.
 */
export function stageSteps(p, today) {
  const reached = p.stage === 'dropped' ? stageIndex(p.dropped_from) : stageIndex(p.stage)
  return PIPELINE.map((stage, i) => {
    const d = STAGE_DATES[stage] || {}
    const plan = (d.plan && p[d.plan]) || ''
    const actual = (d.actual && p[d.actual]) || ''
    let state = 'todo'
    if (i < reached) state = 'done'
    else if (i === reached) state = p.stage === 'dropped' ? 'done' : 'current'
    else if (plan && today && plan < today) state = 'late'
    return { stage, plan, actual, state }
  })
}

/** The index of the stepper's active step (the project's stage, or the last reached). */
export function activeStep(p) {
  const i = p.stage === 'dropped' ? stageIndex(p.dropped_from) : stageIndex(p.stage)
  return Math.max(0, i)
}

// ---- moves and their evidence ----

/**
 * The fields of the move dialog for a move to `to`, beyond the date every move carries:
 * 签约 the contract number and its scan; 注册 the USCC; 开工 a permit number or a site photo;
 * 投产 the first month of output; 终止 the reason.
 */
export const EVIDENCE = {
  signed: ['contract_no', 'attachment_id'],
  registered: ['uscc'],
  started: ['start_permit_no', 'attachment_id'],
  producing: ['first_output_month'],
  dropped: ['reason'],
}

export const blankMove = (today = '') => ({ to: '', date: today, contract_no: '', attachment_id: null, uscc: '', start_permit_no: '', first_output_month: '', reason: '', note: '' })

/** The body of POST /api/projects/:id/move: the date, the evidence of the stage, the note. */
export function moveBody(f) {
  const b = { to: f.to, date: f.date || '' }
  for (const k of EVIDENCE[f.to] || []) {
    const v = f[k]
    if (k === 'attachment_id') {
      if (v) b.attachment_id = Number(v)
    } else if ((v || '').trim()) b[k] = k === 'uscc' ? v.trim().toUpperCase() : v.trim()
  }
  if ((f.note || '').trim()) b.note = f.note.trim()
  return b
}

const DATE_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/
const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/
export const isDate = (s) => DATE_RE.test(String(s || ''))
export const isMonth = (s) => MONTH_RE.test(String(s || ''))

/**
 * The evidence missing from move form f before it is sent ({field: i18n key}); `today` is
 * YYYY-MM-DD, and uscc(code) says what is wrong with a USCC ('' when nothing). The server's
 * rules restated, so the dialog says it before the round trip.
 */
export function checkMove(f, today, usccProblem = () => '') {
  const e = {}
  if (!f.to) e.to = 'project.move.toRequired'
  if (!isDate(f.date)) e.date = 'project.move.dateRequired'
  else if (today && f.date > today) e.date = 'project.move.dateFuture'
  if (f.to === 'signed') {
    if (!(f.contract_no || '').trim()) e.contract_no = 'project.move.contractRequired'
    if (!f.attachment_id) e.attachment_id = 'project.move.scanRequired'
  } else if (f.to === 'registered') {
    if (!(f.uscc || '').trim()) e.uscc = 'project.move.usccRequired'
    else if (usccProblem(f.uscc)) e.uscc = 'project.move.usccInvalid'
  } else if (f.to === 'started') {
    if (!(f.start_permit_no || '').trim() && !f.attachment_id) e.start_permit_no = 'project.move.permitOrPhoto'
  } else if (f.to === 'producing') {
    if (!isMonth(f.first_output_month)) e.first_output_month = 'project.move.monthRequired'
    else if (today && f.first_output_month > today.slice(0, 7)) e.first_output_month = 'project.move.monthFuture'
  } else if (f.to === 'dropped') {
    if (!(f.reason || '').trim()) e.reason = 'project.move.reasonRequired'
  }
  return e
}

// ---- the project form ----

const TEXT_FIELDS = ['name', 'investor', 'investor_origin', 'investor_region', 'investor_type', 'industry_code', 'currency', 'source', 'level', 'notes']
const NUMBER_FIELDS = ['total_investment', 'fx_rate', 'fixed_investment', 'registered_capital', 'land_mu', 'expected_output', 'expected_tax', 'expected_jobs']

export const blankProject = () => ({
  name: '',
  investor: '',
  investor_origin: 'domestic',
  investor_region: '',
  investor_type: '',
  industry_code: '',
  currency: 'CNY',
  total_investment: null,
  fx_rate: null,
  fixed_investment: null,
  registered_capital: null,
  land_mu: null,
  expected_output: null,
  expected_tax: null,
  expected_jobs: null,
  dept_id: null,
  owner_user_id: null,
  source: '',
  level: '',
  special_team: false,
  renovation: false,
  stage: 'lead',
  lead_date: '',
  ...Object.fromEntries(PLAN_DATE_FIELDS.map((k) => [k, ''])),
  notes: '',
})

/** The form of a project read from the API (null numbers stay null, dates '' when none). */
export function projectForm(p) {
  const f = blankProject()
  for (const k of Object.keys(f)) if (p && p[k] != null) f[k] = typeof f[k] === 'boolean' ? !!p[k] : p[k]
  return f
}

const num = (v) => (v === '' || v == null || !Number.isFinite(Number(v)) ? null : Number(v))

/**
 * The body of POST (create: the stage too) or PATCH /api/projects: text trimmed, empty numbers
 * null, the exchange rate only with USD, dates '' as null; the owner and bureau ids as numbers.
 */
export function projectBody(f, { create = false } = {}) {
  const b = {}
  for (const k of TEXT_FIELDS) b[k] = String(f[k] ?? '').trim()
  for (const k of NUMBER_FIELDS) b[k] = num(f[k])
  if (b.currency !== 'USD') b.fx_rate = null
  b.dept_id = f.dept_id ? Number(f.dept_id) : null
  b.owner_user_id = f.owner_user_id ? Number(f.owner_user_id) : null
  b.special_team = !!f.special_team
  b.renovation = !!f.renovation
  for (const k of PLAN_DATE_FIELDS) b[k] = f[k] || null
  if (create) {
    b.stage = CREATE_STAGES.includes(f.stage) ? f.stage : 'lead'
    b.lead_date = f.lead_date || null
  }
  return b
}

/** Field errors found before sending ({field: i18n key}). */
export function checkProject(f) {
  const e = {}
  if (!String(f.name || '').trim()) e.name = 'project.nameRequired'
  if (f.currency === 'USD' && !(num(f.fx_rate) > 0)) e.fx_rate = 'project.fxRequired'
  for (const k of NUMBER_FIELDS) if (num(f[k]) != null && num(f[k]) < 0) e[k] = 'project.notNegative'
  return e
}

// ---- amounts ----

/**
 * An amount in 万 as people read it: {value, unit} with unit 'wan' below 1亿 (thousands
 * separated, up to 2 decimals) and 'yi' from 1亿 (value / 10000, up to 2 decimals, no trailing
 * zeros). null for no amount.
 */
export function amountParts(wan) {
  if (wan === null || wan === undefined || wan === '') return null
  const n = Number(wan)
  if (!Number.isFinite(n)) return null
  const trim = (x) => x.toLocaleString('en-US', { maximumFractionDigits: 2 })
  if (Math.abs(n) >= 10000) return { value: trim(Math.round(n / 100) / 100), unit: 'yi' }
  return { value: trim(Math.round(n * 100) / 100), unit: 'wan' }
}

/**
 * The text of an amount in 万: "3,200万元", "1.5亿元", "2亿美元" (currency USD), '-' for none.
 * units maps wan, yi, wanUsd, yiUsd to their words (the Chinese ones by default); with
 * style 'million' the amount is written in millions instead (English: "15 m CNY").
 */
export function fmtAmount(wan, currency = 'CNY', units = { wan: '万元', yi: '亿元', wanUsd: '万美元', yiUsd: '亿美元' }) {
  if (units.style === 'million') {
    const n = Number(wan)
    if (wan === null || wan === undefined || wan === '' || !Number.isFinite(n)) return '-'
    return (Math.round(n) / 100).toLocaleString('en-US', { maximumFractionDigits: 2 }) + (currency === 'USD' ? units.millionUsd : units.million)
  }
  const p = amountParts(wan)
  if (!p) return '-'
  const key = currency === 'USD' ? p.unit + 'Usd' : p.unit
  return p.value + units[key]
}

/** A project's amount as listed: its own currency, and 万元 beside it for a foreign one. */
export function projectAmount(p, units) {
  if (!p) return '-'
  if (p.currency === 'USD' && p.total_investment != null) return `${fmtAmount(p.total_investment, 'USD', units)}（${fmtAmount(p.amount_wan, 'CNY', units)}）`
  return fmtAmount(p.amount_wan != null ? p.amount_wan : p.total_investment, 'CNY', units)
}

/** The size band of an amount in 万元: '1000m' (≥ 10亿), '500m', '100m' or ''. */
export function amountBand(wan) {
  const n = Number(wan) || 0
  if (n >= 100000) return '1000m'
  if (n >= 50000) return '500m'
  if (n >= 10000) return '100m'
  return ''
}

// ---- ISO weeks (YYYY-Www) ----

const pad = (n) => String(n).padStart(2, '0')
const WEEK_RE = /^(\d{4})-W(\d{2})$/

function utc(dateStr) {
  const [y, m, d] = String(dateStr).split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, d))
}
const ymd = (d) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`

/** A Date (local) or 'YYYY-MM-DD' as 'YYYY-MM-DD'. */
export function dateStr(d) {
  if (typeof d === 'string') return d.slice(0, 10)
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** The ISO week of a day ('YYYY-MM-DD' or a Date): the week's Thursday gives the year. */
export function isoWeek(day) {
  const d = utc(dateStr(day))
  const dow = d.getUTCDay() || 7
  d.setUTCDate(d.getUTCDate() + 4 - dow)
  const y = d.getUTCFullYear()
  const n = Math.floor((d - Date.UTC(y, 0, 1)) / 86400000 / 7) + 1
  return `${y}-W${pad(n)}`
}

/** The number of ISO weeks of year y (52 or 53). */
export const weeksInYear = (y) => Number(isoWeek(`${y}-12-28`).slice(6))

/** Whether s is a real ISO week 'YYYY-Www' (W01 … W52 or W53). */
export function isWeek(s) {
  const m = WEEK_RE.exec(String(s || ''))
  return !!m && Number(m[2]) >= 1 && Number(m[2]) <= weeksInYear(Number(m[1]))
}

/** The Monday of an ISO week, 'YYYY-MM-DD' (null for no week). */
export function weekMonday(w) {
  if (!isWeek(w)) return null
  const [y, n] = [Number(w.slice(0, 4)), Number(w.slice(6))]
  const jan4 = new Date(Date.UTC(y, 0, 4))
  const mon = new Date(jan4)
  mon.setUTCDate(jan4.getUTCDate() - ((jan4.getUTCDay() || 7) - 1) + (n - 1) * 7)
  return ymd(mon)
}

/** [Monday, Sunday] of an ISO week. */
export function weekRange(w) {
  const mon = weekMonday(w)
  if (!mon) return null
  const sun = utc(mon)
  sun.setUTCDate(sun.getUTCDate() + 6)
  return [mon, ymd(sun)]
}

/** The week n weeks after w (before it when n < 0). */
export function shiftWeek(w, n) {
  const mon = weekMonday(w)
  if (!mon) return null
  const d = utc(mon)
  d.setUTCDate(d.getUTCDate() + 7 * n)
  return isoWeek(ymd(d))
}

/**
 * The ISO week of the day a week picker gave: the first day of the week it shows, which is a
 * Sunday where weeks start on Sunday (the Monday after it is in the same shown week).
 */
export function pickedWeek(d) {
  if (!d) return null
  const s = dateStr(d)
  const day = utc(s).getUTCDay()
  if (day !== 0) return isoWeek(s)
  const next = utc(s)
  next.setUTCDate(next.getUTCDate() + 1)
  return isoWeek(ymd(next))
}

/** The last full week before day `today` (the bulletin's default: last week). */
export const lastWeek = (today) => shiftWeek(isoWeek(today), -1)

// ---- 序时进度 and progress ----

const isLeap = (y) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0

/**
 * The elapsed share of `year` on day `today` (YYYY-MM-DD), counting today: 0 before the year,
 * 1 after it. 序时进度 = target × this share.
 */
export function timeShare(year, today) {
  const y = Number(year)
  const ty = Number(String(today).slice(0, 4))
  if (y < ty) return 1
  if (y > ty) return 0
  const day = Math.round((utc(today) - Date.UTC(y, 0, 1)) / 86400000) + 1
  return day / (isLeap(y) ? 366 : 365)
}

/**
 * Progress of `actual` against `target` and its 序时进度 (target × share): the completion
 * rate (null without a target), the amount due to date, whether the actual is ahead of it, and
 * the gap (actual − due). Percent as a number with one decimal.
 */
export function progress(actual, target, share) {
  const a = Number(actual) || 0
  const tg = Number(target) || 0
  const due = tg * (Number(share) || 0)
  const round1 = (x) => Math.round(x * 1000) / 10
  return {
    rate: tg > 0 ? round1(a / tg) : null,
    due: Math.round(due * 100) / 100,
    dueRate: tg > 0 ? round1(due / tg) : null,
    ahead: a >= due,
    gap: Math.round((a - due) * 100) / 100,
  }
}

/** A fraction as a percent with one decimal ("73.0%"), '-' for none. */
export function fmtRate(v) {
  if (v === null || v === undefined || !Number.isFinite(Number(v))) return '-'
  return (Number(v) * 100).toFixed(1) + '%'
}

/** el-progress's percentage (0 … 100) of a rate in percent. */
export const barPercent = (rate) => Math.max(0, Math.min(100, Number(rate) || 0))

// ---- status colours ----

/**
 * The written colour rule of a zone's settings, as i18n keys with their params: green on
 * schedule; amber when a milestone is up to amber_days late or the completed investment is below
 * amber_ratio of the 序时 plan; red beyond that, or below red_ratio.
 */
export function colourRule(s) {
  const st = { amber_days: 15, amber_ratio: 0.9, red_ratio: 0.7, ...(s || {}) }
  const pct = (r) => Math.round(Number(r) * 100)
  return [
    { colour: 'green', key: 'project.colourRule.green', params: {} },
    { colour: 'amber', key: 'project.colourRule.amber', params: { days: st.amber_days, ratio: pct(st.amber_ratio) } },
    { colour: 'red', key: 'project.colourRule.red', params: { days: st.amber_days, ratio: pct(st.red_ratio) } },
  ]
}

/** Why project p has its colour: its days late and its completed share of the plan to date. */
export function colourWhy(p) {
  if (!p || !p.colour) return null
  const plan = Number(p.plan_ytd) || 0
  return { days: Number(p.days_late) || 0, share: plan > 0 ? Math.round(((Number(p.actual_ytd) || 0) / plan) * 1000) / 10 : null }
}

// ---- 龙虎榜 ----

/**
 * The rank change of a leaderboard row against last week: {dir: 'up'|'down'|'same'|'new', n}
 * (up: a better, smaller rank).
 */
export function rankChange(row) {
  if (!row || row.prev_rank == null || !(Number(row.prev_rank) > 0)) return { dir: 'new', n: 0 }
  const n = Number(row.prev_rank) - Number(row.rank)
  return { dir: n > 0 ? 'up' : n < 0 ? 'down' : 'same', n: Math.abs(n) }
}

// ---- investment ----

/**
 * The chart data of a year's investment (GET /api/projects/:id/invest): the months' labels, the
 * planned and completed amounts (null for a month not reported), and the cumulative lines; the
 * completed one runs to the last month reported (a month not reported adds nothing) and stops.
 */
export function investSeries(inv) {
  const months = (inv && inv.months) || []
  const last = months.reduce((k, m, i) => (m.actual == null ? k : i), -1)
  let cp = 0
  let ca = 0
  const out = { labels: [], planned: [], actual: [], cumPlanned: [], cumActual: [] }
  months.forEach((m, i) => {
    out.labels.push(String(m.month).slice(5))
    out.planned.push(Number(m.planned) || 0)
    out.actual.push(m.actual == null ? null : Number(m.actual))
    cp += Number(m.planned) || 0
    ca += Number(m.actual) || 0
    out.cumPlanned.push(Math.round(cp * 100) / 100)
    out.cumActual.push(i <= last ? Math.round(ca * 100) / 100 : null)
  })
  return out
}

/** The body of PUT /api/projects/:id/invest: the year and each month's plan (empty as 0). */
export function planBody(year, months) {
  return { year: Number(year), months: months.map((m) => ({ month: m.month, planned: Number(m.planned) || 0 })) }
}

/** The twelve months of a year, YYYY-01 … YYYY-12. */
export const yearMonths = (year) => Array.from({ length: 12 }, (_, i) => `${year}-${pad(i + 1)}`)

/** The month an enterprise reports by default: the previous month of `today`. */
export function reportMonth(today) {
  const y = Number(today.slice(0, 4))
  const m = Number(today.slice(5, 7))
  return m === 1 ? `${y - 1}-12` : `${y}-${pad(m - 1)}`
}

/** Field errors of a month's report (填报投资) before it is sent ({field: i18n key}). */
export function checkReport(f) {
  const e = {}
  if (!f.month) e.month = 'project.invest.monthRequired'
  if (f.actual == null || f.actual < 0) e.actual = 'project.invest.actualRequired'
  return e
}

/** The body of PUT /api/projects/:id/invest/:month: the completed investment and 到位资金 (none as 0). */
export const reportBody = (f) => ({ actual: Number(f.actual), funds: Number(f.funds) || 0 })

// ---- problems (问题清单) ----

/**
 * What the caller may do to problem q: answer (while open: the project office, project.dispatch,
 * or a user of the problem's department with project.handle; the server also accepts the
 * departments above it), close (销号: project.dispatch, not closed), reopen (project.dispatch,
 * answered or closed), escalate (督办: project.escalate, not closed). ctx {can(perm), deptId}.
 */
export function problemActions(q, ctx) {
  if (!q) return []
  const can = (p) => !!ctx && ctx.can(p)
  const out = []
  if (q.status === 'open' && (can('project.dispatch') || (can('project.handle') && !!ctx.deptId && ctx.deptId === q.dept_id))) out.push('answer')
  if (q.status !== 'closed' && can('project.dispatch')) out.push('close')
  if (q.status !== 'open' && can('project.dispatch')) out.push('reopen')
  if (q.status !== 'closed' && can('project.escalate')) out.push('escalate')
  return out
}

/** The 督办 in force on problem q (its escalation, state active), or null. */
export function activeEscalation(q) {
  const x = q && q.escalation
  return x && x.level && x.state !== 'settled' ? x : null
}

/** Days between two days (b − a), YYYY-MM-DD. */
export const daysBetween = (a, b) => Math.round((utc(b) - utc(a)) / 86400000)

/** Days a next step is overdue on `today` (0 when not due yet). */
export const daysOverdue = (date, today) => (date && isDate(date) ? Math.max(0, daysBetween(date, today)) : 0)

/** The problem a page's URL asks to open (?problem=ID, from the notification bell), or null. */
export function problemFromQuery(q) {
  const v = q && q.problem
  const s = Array.isArray(v) ? v[0] : v
  return /^[1-9]\d{0,15}$/.test(String(s ?? '')) ? Number(s) : null
}

// ---- 会审 (the review meeting) ----

/** The decisions of a 会审 on a project (推进, 补充材料, 暂缓, 否决), and their el-tag types. */
export const REVIEW_DECISIONS = ['advance', 'supplement', 'defer', 'reject']
export const DECISION_TYPE = { advance: 'success', supplement: 'warning', defer: 'info', reject: 'danger' }
export const REVIEW_STATUSES = ['open', 'closed']
export const REVIEW_STATUS_TYPE = { open: 'warning', closed: 'success' }

/**
 * How far meeting rv is: the projects on its agenda, those decided and those not. A meeting of
 * the list carries the counts (projects, decided); one read with its agenda carries `items`, the
 * agenda itself, each with its `decision` ('' until decided).
 */
export function reviewProgress(rv) {
  if (!rv) return { items: 0, decided: 0, undecided: 0 }
  if (Array.isArray(rv.items)) {
    const decided = rv.items.filter((i) => !!i.decision).length
    return { items: rv.items.length, decided, undecided: rv.items.length - decided }
  }
  const items = Number(rv.projects) || 0
  const decided = Math.min(items, Number(rv.decided) || 0)
  return { items, decided, undecided: items - decided }
}

/**
 * What the caller may do to meeting rv (those who write projects, while it is open): bring a
 * project ('add'), decide on those brought ('decide', once one is), close it with its minutes
 * ('close', once the agenda has a project: the server refuses the close while a project has no
 * decision, and says how many).
 */
export function reviewActions(rv, canWrite) {
  if (!rv || !canWrite || rv.status !== 'open') return []
  const n = reviewProgress(rv).items
  return n ? ['add', 'decide', 'close'] : ['add']
}

/** The body of POST /api/projects/reviews: the date and the title, trimmed. */
export const reviewBody = (f) => ({ on_date: f.on_date || '', title: String(f.title || '').trim() })

/** Field errors of the new-meeting form before it is sent ({field: i18n key}). */
export function checkReview(f) {
  const e = {}
  if (!isDate(f.on_date)) e.on_date = 'project.review.dateRequired'
  const title = String(f.title || '').trim()
  if (!title) e.title = 'project.review.titleRequired'
  else if ([...title].length > 100) e.title = 'project.review.titleTooLong'
  return e
}

/** The year and ISO week number of a day, for a new meeting's default title (2026年第19周). */
export function weekOf(day) {
  const w = isoWeek(day)
  return { year: Number(w.slice(0, 4)), week: Number(w.slice(6)) }
}

/** The body of POST …/decide: the project, the decision, the note trimmed. */
export const decideBody = (projectId, f) => ({ project_id: Number(projectId), decision: f.decision, note: String(f.note || '').trim() })

/** Field errors of the decision form ({field: i18n key}): a decision of the four. */
export const checkDecision = (f) => (REVIEW_DECISIONS.includes(f.decision) ? {} : { decision: 'project.review.decisionRequired' })

/**
 * The options of the agenda's project picker from a page of projects (GET /api/projects, the
 * caller's own scope): {value, label, disabled} — a project already on the agenda, or dropped,
 * cannot be brought again.
 */
export function agendaOptions(projects, agenda) {
  const on = new Set((agenda || []).map((i) => Number(i.project_id)))
  return (projects || []).map((p) => ({
    value: p.id,
    label: `${p.no ? p.no + ' ' : ''}${p.name}${p.dept_name ? ' · ' + p.dept_name : ''}`,
    disabled: on.has(Number(p.id)) || p.stage === 'dropped',
  }))
}

// ---- 每月评估 (the monthly score of a project) ----

/**
 * The deductions of the monthly score, in the order the page shows them, with the most each may
 * take (docs/API.md, "每月评估"): 拖期 1 a day up to 40; 投资 the share of the month's plan not
 * completed × 40; 问题 5 an overdue problem up to 20; 检查 10 when under construction without a
 * site check in the month.
 */
export const EVAL_DEDUCTIONS = ['late', 'invest', 'problems', 'checks']
export const EVAL_MAX = { late: 40, invest: 40, problems: 20, checks: 10 }

/**
 * What each deduction of evaluation row x is made of: [{key, points, params}] with params for
 * the words of its cause (project.evaluation.why.<key>): days late; the month's plan, what was
 * completed (null: not reported) and its share in percent; the overdue problems; the checks.
 */
export function evalParts(x) {
  const d = (x && x.deductions) || {}
  const planned = Number(x && x.planned) || 0
  const actual = x && x.actual != null ? Number(x.actual) : null
  const share = planned > 0 ? Math.round(((actual || 0) / planned) * 1000) / 10 : null
  return EVAL_DEDUCTIONS.map((key) => {
    const points = Number(d[key]) || 0
    let params = {}
    if (key === 'late') params = { n: Number(x && x.late_days) || 0 }
    else if (key === 'invest') params = { planned, actual, share }
    else if (key === 'problems') params = { n: Number(x && x.overdue_problems) || 0 }
    else params = { n: Number(x && x.checks) || 0 }
    return { key, points, params }
  })
}

/** The el-tag type of a score out of 100: 90 and above good, below 60 bad, between a warning. */
export function scoreType(score) {
  const s = score === null || score === undefined || score === '' ? NaN : Number(score)
  if (!Number.isFinite(s)) return 'info'
  return s >= 90 ? 'success' : s >= 60 ? 'warning' : 'danger'
}

/** A score with one decimal ("87.5"), '-' for none. */
export const fmtScore = (v) => (v == null || !Number.isFinite(Number(v)) ? '-' : (Math.round(Number(v) * 10) / 10).toFixed(1))

/** The bureaus' means of an evaluation (by_dept), lowest first as the projects are. */
export function deptMeans(byDept) {
  return [...(byDept || [])].sort((a, b) => Number(a.score) - Number(b.score) || String(a.dept_name || '').localeCompare(String(b.dept_name || ''), 'zh-CN'))
}

/** The month before month m (YYYY-MM), and the one after. */
export function shiftMonth(m, n) {
  if (!isMonth(m)) return null
  const i = Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1 + n
  return `${Math.floor(i / 12)}-${pad((i % 12) + 1)}`
}

// ---- 项目调度规则 (the zone's settings, GET/PUT /api/projects/settings) ----

/** The defaults of a zone that never set its rules (the server's). */
export const SETTINGS_DEFAULTS = { amber_days: 15, amber_ratio: 0.9, red_ratio: 0.7, report_day: 10 }
/** The most permits a zone lists, and the longest name of one (the server's limits). */
export const PERMITS_MAX = 30
export const PERMIT_NAME_MAX = 30

const pct = (r) => Math.round(Number(r) * 1000) / 10

/**
 * The settings form of GET /api/projects/settings: the ratios in percent (0.9 → 90), a weight for
 * every 龙虎榜 figure (0 when none), the permits as a list of {name} rows to edit.
 */
export function settingsForm(s) {
  const x = { ...SETTINGS_DEFAULTS, ...(s || {}) }
  const w = (s && s.weights) || {}
  return {
    amber_days: Number(x.amber_days),
    amber_ratio: pct(x.amber_ratio),
    red_ratio: pct(x.red_ratio),
    report_day: Number(x.report_day),
    weights: Object.fromEntries(TARGET_FIGURES.map((k) => [k, Number(w[k]) || 0])),
    permits: ((s && s.permits) || []).map((name) => ({ name })),
  }
}

/** The body of PUT /api/projects/settings from the form: ratios back to fractions, names trimmed. */
export function settingsBody(f) {
  return {
    amber_days: Number(f.amber_days),
    amber_ratio: Math.round(Number(f.amber_ratio) * 10) / 1000,
    red_ratio: Math.round(Number(f.red_ratio) * 10) / 1000,
    report_day: Number(f.report_day),
    weights: Object.fromEntries(TARGET_FIGURES.map((k) => [k, Number(f.weights[k]) || 0])),
    permits: f.permits.map((p) => String(p.name || '').trim()),
  }
}

const intIn = (v, lo, hi) => v !== null && v !== '' && Number.isInteger(Number(v)) && Number(v) >= lo && Number(v) <= hi

/**
 * Field errors of the settings form before it is sent ({field: {key, params}}), the server's
 * rules restated: days late 0–365; the reporting day 1–28; each ratio above 0 and at most 100%,
 * red not above amber; each weight 0–100 and one above 0; 1 to 30 permits, each named in 1 to 30
 * characters, none twice.
 */
export function checkSettings(f) {
  const e = {}
  const err = (k, key, params = {}) => (e[k] = e[k] || { key, params })
  if (!intIn(f.amber_days, 0, 365)) err('amber_days', 'project.settings.err.amberDays')
  if (!intIn(f.report_day, 1, 28)) err('report_day', 'project.settings.err.reportDay')
  for (const k of ['amber_ratio', 'red_ratio']) {
    const v = Number(f[k])
    if (f[k] === null || f[k] === '' || !(v > 0) || v > 100) err(k, 'project.settings.err.ratio')
  }
  if (!e.amber_ratio && !e.red_ratio && Number(f.red_ratio) > Number(f.amber_ratio)) err('red_ratio', 'project.settings.err.redAboveAmber')
  const w = TARGET_FIGURES.map((k) => Number(f.weights[k]))
  const bad = TARGET_FIGURES.find((k, i) => f.weights[k] === null || f.weights[k] === '' || !(w[i] >= 0) || w[i] > 100)
  if (bad) err('weights', 'project.settings.err.weight', { figure: bad })
  else if (!(w.reduce((s, v) => s + v, 0) > 0)) err('weights', 'project.settings.err.weightsZero')
  const names = f.permits.map((p) => String(p.name || '').trim())
  if (names.length < 1 || names.length > PERMITS_MAX) err('permits', 'project.settings.err.permitsCount', { max: PERMITS_MAX })
  const empty = names.findIndex((n) => !n)
  const long = names.find((n) => [...n].length > PERMIT_NAME_MAX)
  const twice = names.find((n, i) => n && names.indexOf(n) !== i)
  if (empty >= 0) err('permits', 'project.settings.err.permitEmpty', { n: empty + 1 })
  else if (long) err('permits', 'project.settings.err.permitLong', { name: long, max: PERMIT_NAME_MAX })
  else if (twice) err('permits', 'project.settings.err.permitTwice', { name: twice })
  return e
}

/** Each figure's share of the 龙虎榜 score, in percent with one decimal (0 for all when none). */
export function weightShares(weights) {
  const w = TARGET_FIGURES.map((k) => Math.max(0, Number(weights && weights[k]) || 0))
  const sum = w.reduce((s, v) => s + v, 0)
  return Object.fromEntries(TARGET_FIGURES.map((k, i) => [k, sum > 0 ? Math.round((w[i] / sum) * 1000) / 10 : 0]))
}
