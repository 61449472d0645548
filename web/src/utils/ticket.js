// 企业诉求 vocabulary and pure helpers: statuses and their tag colours, categories, channels,
// the actions a user may take on a request in its state, deadlines, trend periods, rates.
// Labels come from i18n (ticketStatus.*, ticketChannel.*, ...); nothing here touches the DOM.
import { i18n } from '../i18n'
import { ticketDuties, hasPerm } from './perm'

export const STATUSES = ['received', 'assigned', 'in_progress', 'waiting', 'resolved', 'closed', 'rejected', 'merged']
/** States in which the request is still being worked on (GET /api/tickets?status=open). */
export const OPEN_STATUSES = ['received', 'assigned', 'in_progress', 'waiting', 'resolved']
/** States in which the lead department holds the request. */
export const HANDLING_STATUSES = ['assigned', 'in_progress', 'waiting']
export const CATEGORIES = ['融资', '用地', '用工', '物流', '审批', '水电气', '政策', '基础设施', '其他']
export const CHANNELS = ['online', 'phone', 'visit', 'hotline', 'wechat']
/** The channels staff record a request taken on an enterprise's behalf. */
export const STAFF_CHANNELS = ['phone', 'visit', 'hotline', 'wechat']
export const PRIORITIES = ['normal', 'urgent']
export const RATINGS = ['satisfied', 'basic', 'unsatisfied']
export const ESCALATION_LEVELS = ['yellow', 'orange', 'red']

/** el-tag type per status. */
export const STATUS_TAG = {
  received: 'warning',
  assigned: 'primary',
  in_progress: 'primary',
  waiting: 'warning',
  resolved: 'success',
  closed: 'info',
  rejected: 'danger',
  merged: 'info',
}

/** Colours of the 挂牌督办 levels (黄牌/橙牌/红牌). */
export const ESCALATION_COLOR = { yellow: '#d4b106', orange: '#fa8c16', red: '#f5222d' }

const CATEGORY_KEYS = {
  融资: 'financing',
  用地: 'land',
  用工: 'labour',
  物流: 'logistics',
  审批: 'permits',
  水电气: 'utilities',
  政策: 'policy',
  基础设施: 'infrastructure',
  其他: 'other',
}
/** The i18n key suffix of a category (the API's value is the Chinese name). */
export const categoryKey = (c) => CATEGORY_KEYS[c] || ''

function label(prefix, key, fallback) {
  if (!key) return '-'
  const k = `${prefix}.${key}`
  return i18n.global.te(k) ? i18n.global.t(k) : fallback || key
}

export const statusLabel = (s, serverLabel) => label('ticketStatus', s, serverLabel)
export const statusTag = (s) => STATUS_TAG[s] || 'info'
export const categoryLabel = (c) => (CATEGORY_KEYS[c] ? label('ticketCategory', CATEGORY_KEYS[c]) : c || '-')
export const channelLabel = (c) => label('ticketChannel', c)
export const priorityLabel = (p) => label('ticketPriority', p)
export const ratingLabel = (r) => label('ticketRating', r)
export const escalationLabel = (l) => label('ticketEscalation', l)
export const actionLabel = (a) => label('ticketEvent', a)

export const isOpen = (t) => !!t && OPEN_STATUSES.includes(t.status)

/**
 * The actions a user may take on ticket t, in button order. ctx is the auth store's ctx
 * {perms, role, deptKind}. Keys: supply, rate, triage, decideExtension, start, wait, return,
 * extension, resolve, escalate, comment. The server checks again (department, scope).
 */
export function ticketActions(t, ctx) {
  if (!t) return []
  const perms = (ctx && ctx.perms) || []
  const d = ticketDuties(ctx)
  const s = t.status
  const out = []
  if (d.has('enterprise')) {
    if (s === 'waiting' && hasPerm(perms, 'ticket.rate')) out.push('supply')
    if (s === 'resolved' && hasPerm(perms, 'ticket.rate')) out.push('rate')
    if (isOpen(t) && hasPerm(perms, 'ticket.read')) out.push('comment')
    return out
  }
  if (d.has('center')) {
    if (s === 'received') out.push('triage')
    if (HANDLING_STATUSES.includes(s) && t.extension_days_pending > 0) out.push('decideExtension')
  }
  if (d.has('dept') && hasPerm(perms, 'ticket.handle') && t.dept_id) {
    if (s === 'assigned') out.push('start')
    if (s === 'assigned' || s === 'in_progress') out.push('wait', 'return')
    if (HANDLING_STATUSES.includes(s) && !(t.extension_days_pending > 0)) out.push('extension')
    if (s === 'assigned' || s === 'in_progress') out.push('resolve')
  }
  // a phone 回访 rating is recorded by the service center
  if (d.has('center') && s === 'resolved' && hasPerm(perms, 'ticket.triage')) out.push('rate')
  if (hasPerm(perms, 'ticket.escalate') && (ctx.role === 'leader' || ctx.role === 'admin') && isOpen(t)) out.push('escalate')
  if (isOpen(t) && hasPerm(perms, 'ticket.read')) out.push('comment')
  return out
}

const DAY = 86400000

/**
 * Where a request stands against its deadline: 'overdue', 'soon' (due within 24 hours),
 * 'ok', 'paused' (waiting on the enterprise) or '' (no running deadline).
 */
export function dueState(t, now = Date.now()) {
  if (!t || !HANDLING_STATUSES.includes(t.status) || !t.due_resolve) return ''
  if (t.overdue) return 'overdue'
  if (t.status === 'waiting') return 'paused'
  const due = new Date(t.due_resolve).getTime()
  if (Number.isNaN(due)) return ''
  if (due < now) return 'overdue'
  return due - now <= DAY ? 'soon' : 'ok'
}

/** A rate (0..1 or null) as a percentage with one decimal, '-' when undefined. */
export function fmtRate(v) {
  if (v === null || v === undefined || Number.isNaN(Number(v))) return '-'
  return (Number(v) * 100).toFixed(1) + '%'
}

/**
 * A figure card (components/StatCards.vue) of the rate `key` of stats totals s, with the counts
 * it is made of below it ("a / b" from the fields a and b); label is an i18n key.
 */
export function rateCard(s, key, label, a, b, color) {
  return { key, label: i18n.global.t(label), value: fmtRate(s[key]), sub: i18n.global.t('stats.ofN', { a: s[a] ?? 0, b: s[b] ?? 0 }), color }
}

/** Working days with one decimal, '-' when undefined. */
export function fmtDays(v) {
  if (v === null || v === undefined || Number.isNaN(Number(v))) return '-'
  return Number(v).toFixed(1)
}

// ---- periods for the trend chart (dates are YYYY-MM-DD, local calendar days)

const pad = (n) => String(n).padStart(2, '0')
const ymd = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
function parse(s) {
  const [y, m, d] = String(s).split('-').map(Number)
  return new Date(y, m - 1, d)
}
const addDays = (d, n) => new Date(d.getFullYear(), d.getMonth(), d.getDate() + n)

/** Weeks (Monday to Sunday) covering [from, to], clipped to it: [{from, to, label}]. */
export function weekBuckets(from, to) {
  const start = parse(from)
  const end = parse(to)
  if (!(start <= end)) return []
  const out = []
  let monday = addDays(start, -((start.getDay() + 6) % 7))
  while (monday <= end) {
    const sunday = addDays(monday, 6)
    const a = monday < start ? start : monday
    const b = sunday > end ? end : sunday
    out.push({ from: ymd(a), to: ymd(b), label: ymd(a).slice(5) })
    monday = addDays(monday, 7)
  }
  return out
}

/** Calendar months covering [from, to], clipped to it: [{from, to, label: 'YYYY-MM'}]. */
export function monthBuckets(from, to) {
  const start = parse(from)
  const end = parse(to)
  if (!(start <= end)) return []
  const out = []
  let first = new Date(start.getFullYear(), start.getMonth(), 1)
  while (first <= end) {
    const last = new Date(first.getFullYear(), first.getMonth() + 1, 0)
    const a = first < start ? start : first
    const b = last > end ? end : last
    out.push({ from: ymd(a), to: ymd(b), label: ymd(first).slice(0, 7) })
    first = new Date(first.getFullYear(), first.getMonth() + 1, 1)
  }
  return out
}

/** At most this many weekly buckets; a longer period is shown by month (one stats call each). */
export const MAX_WEEKS = 26

/** {unit: 'week'|'month', buckets} for the trend of [from, to]. */
export function trendBuckets(from, to) {
  const weeks = weekBuckets(from, to)
  if (weeks.length <= MAX_WEEKS) return { unit: 'week', buckets: weeks }
  return { unit: 'month', buckets: monthBuckets(from, to) }
}

/** The date n days before `date` (YYYY-MM-DD). */
export function daysBefore(date, n) {
  return ymd(addDays(parse(date), -n))
}

/** Run async jobs with at most `limit` at a time; resolves to their results in order. */
export async function mapLimit(items, limit, fn) {
  const out = new Array(items.length)
  let next = 0
  async function worker() {
    while (next < items.length) {
      const i = next++
      out[i] = await fn(items[i], i)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return out
}

/**
 * The period a page of request figures is opened on (?from=YYYY-MM-DD&to=YYYY-MM-DD, as the
 * leaders' screen links 解决率 and 满意率): [from, to], or null when either is missing or malformed
 * or from is after to.
 */
export function rangeFromQuery(q) {
  const day = /^\d{4}-\d{2}-\d{2}$/
  const from = q && typeof q.from === 'string' ? q.from : ''
  const to = q && typeof q.to === 'string' ? q.to : ''
  return day.test(from) && day.test(to) && from <= to ? [from, to] : null
}
