// The notification bell (消息): the unread badge, where an item leads, and a poller that asks
// GET /api/notifications?unread=1 every 60 s while the page is visible.

export const POLL_MS = 60000

/** The kinds of notification the server writes (docs/API.md "Notifications"), each with a label. */
export const NOTIFY_KINDS = [
  // to departments and the service center
  'submitted',
  'assigned',
  'escalated',
  'rated_unsatisfied',
  'overdue',
  'returned',
  'extension_request',
  'resolved',
  // to the requesting enterprise's users
  'accepted',
  'supply_requested',
  'answered',
  'closed',
  'rejected',
  'merged',
  // to the enterprises an announcement is published to (views/announce/)
  'published',
  // to the department a project problem is handed back to (views/project/)
  'reopened',
  // to an enterprise that has not filed its month, and to its 包保 cadres (views/economy/)
  'econ_due',
  'econ_late',
  'econ_remind',
  // to an enterprise whose policy application was approved or paid (views/policy/)
  'approved',
  'paid',
  // to a bank's users (a demand pushed to it) and to the enterprise (the banks' answers, 银企对接)
  'pushed',
  'reviewing',
  'declined',
  'disbursed',
  // to an enterprise about its part-load and its vehicle registrations (views/freight/)
  'matched',
  'confirmed',
  'delivered',
  'failed',
  'approve',
  'reject',
  // about a demand for space (views/space/): to the service center and to the enterprise
  'created',
  'applied',
  'offered',
  'withdrawn',
  // to the service center when an enterprise posts a job demand, and to the enterprise when hires
  // are recorded against it (views/jobs/)
  'posted',
  'hired',
  // to the zone's leaders (and the service center for the request briefing) when the server has
  // made a scheduled bulletin (views/bulletin/)
  'generated',
]

/** Kinds shown as bad news (red tag). */
export const ALERT_KINDS = ['overdue', 'escalated', 'rated_unsatisfied', 'rejected', 'supply_requested', 'econ_late']

/** Whether the user gets notifications: department users and enterprise users who read requests,
 * and bank users (银企对接: the demands pushed to their bank, GET /api/finance/notifications). */
export const hasBell = (user, can) =>
  !!user && (((!!user.dept_id || user.role === 'enterprise') && can('ticket.read')) || (user.role === 'bank' && can('finance.answer')))

/** The badge text: '' for none, the number up to 99, then '99+'. */
export function badgeText(n) {
  const v = Number(n) || 0
  if (v <= 0) return ''
  return v > 99 ? '99+' : String(v)
}

/**
 * What a notification may be about, one row per kind of item (the server's work kinds): the
 * member holding the item's id in a notification row (the kind's id_key, src/work/notify_api.c)
 * and its number (no_key), the page that shows the item, and optionally where the item's own
 * words for the events are (labels: an i18n prefix, `${labels}.${event}` for each of `events`,
 * before notify.kind.<event>). A module whose items notify adds its row here. `route` gets the
 * id and the signed-in user.
 */
export const NOTIFY_ITEMS = [
  // 月度经济数据 not filed: the enterprise files it on its 直报 page; a cadre opens the enterprise
  {
    id: 'econ_enterprise_id',
    no: 'econ_period',
    route: (id, user) => (user && user.role === 'enterprise' ? { name: 'economy-report' } : { name: 'enterprise-detail', params: { id } }),
  },
  // 企业诉求: the request's page
  { id: 'ticket_id', no: 'ticket_no', route: (id) => ({ name: 'ticket-detail', params: { id } }) },
  // 通知公告: read in the enterprise's announcement list
  { id: 'announcement_id', no: 'announcement_no', route: () => ({ name: 'my-announcements' }) },
  // a project's problem (问题清单): the problem board, opening the problem's drawer
  {
    id: 'problem_id',
    no: 'problem_no',
    route: (id) => ({ name: 'project-problems', query: { problem: String(id) } }),
    labels: 'project.notify',
    events: ['assigned', 'reopened', 'overdue'],
  },
  // 惠企政策 (views/policy/): a policy published to the enterprises it fits, read on their page;
  // an application submitted (to the desk) and reviewed or paid (to its enterprise)
  { id: 'policy_id', no: 'policy_no', route: () => ({ name: 'my-policies' }), labels: 'policy.notify', events: ['published'] },
  {
    id: 'application_id',
    no: 'application_no',
    route: (id, user) => (user && user.role === 'enterprise' ? { name: 'my-policies' } : { name: 'policies', query: { application: String(id) } }),
    labels: 'policy.notify',
    events: ['submitted', 'accepted', 'approved', 'rejected', 'paid'],
  },
  // 银企对接: a demand pushed to a bank (its desk) and the banks' answers (the enterprise's page)
  {
    id: 'fin_demand_id',
    no: 'fin_demand_no',
    route: (id, user) => (user && user.role === 'enterprise' ? { name: 'my-finance' } : { name: 'bank-desk' }),
    labels: 'finance.notify',
    events: ['pushed', 'reviewing', 'declined', 'approved', 'disbursed'],
  },
  // 工业物流: the enterprise's part-loads and registrations page
  { id: 'freight_load_id', no: 'freight_load_no', route: () => ({ name: 'freight-mine' }) },
  { id: 'freight_reg_id', no: 'freight_reg_no', route: () => ({ name: 'freight-mine' }) },
  // 载体需求: the enterprise's demands page; staff the demands tab of 载体
  {
    id: 'space_demand_id',
    no: 'space_demand_no',
    route: (id, user) => (user && user.role === 'enterprise' ? { name: 'space-demands-mine' } : { name: 'space', query: { tab: 'demands' } }),
    labels: 'space.notify',
    events: ['created', 'applied', 'offered', 'accepted', 'declined', 'withdrawn', 'closed'],
  },
  // 用工需求: the enterprise's own demands on its phone page, the staff's demand list
  {
    id: 'job_demand_id',
    no: 'job_demand_no',
    route: (id, user) => (user && user.role === 'enterprise' ? { name: 'jobs-mine' } : { name: 'jobs' }),
    labels: 'jobs.notify',
    events: ['posted', 'hired'],
  },
  // 定时简报: the bulletins page
  { id: 'bulletin_id', no: 'bulletin_period', route: () => ({ name: 'bulletins' }), labels: 'bulletin.notify', events: ['generated'] },
]

const hasId = (v) => v !== null && v !== undefined && v !== '' && v !== 0

/** The row of NOTIFY_ITEMS a notification is about (the first whose id it carries), or null. */
export const notificationItem = (n) => (n && NOTIFY_ITEMS.find((it) => hasId(n[it.id]))) || null

/** The route of the item a notification is about, or null when it names none the console knows. */
export function notificationRoute(n, user) {
  const it = notificationItem(n)
  return it ? it.route(n[it.id], user) : null
}

/** The number of the item a notification is about ("WT2026-0001"), '' when none. */
export function notificationNo(n) {
  const it = notificationItem(n)
  return (it && n[it.no]) || ''
}

/**
 * The i18n keys that may name a notification's event, first found wins: the item's own words
 * (a project problem's "新交办项目问题"), then the shared notify.kind.<event>.
 */
export function notificationLabelKeys(n) {
  const it = notificationItem(n)
  const kind = (n && n.kind) || ''
  return it && it.labels && (it.events || []).includes(kind) ? [`${it.labels}.${kind}`, `notify.kind.${kind}`] : [`notify.kind.${kind}`]
}

/** After marking one read: the list with it read and the unread count less one. */
export function markedRead(items, unread, id) {
  let changed = 0
  const list = items.map((n) => {
    if (n.id !== id || n.read) return n
    changed = 1
    return { ...n, read: true, read_at: n.read_at || new Date().toISOString() }
  })
  return { items: list, unread: Math.max(0, unread - changed) }
}

/** After marking all read. */
export const allRead = (items) => ({ items: items.map((n) => (n.read ? n : { ...n, read: true })), unread: 0 })

/**
 * Calls fn now and every `ms` (skipping ticks while doc.hidden, catching up when it shows
 * again). Returns stop(). timers and doc are injectable for tests.
 */
export function startPoller(fn, { ms = POLL_MS, timers = globalThis, doc = globalThis.document } = {}) {
  let stopped = false
  let missed = false
  const tick = () => {
    if (stopped) return
    if (doc && doc.hidden) {
      missed = true
      return
    }
    missed = false
    try {
      const p = fn()
      if (p && p.catch) p.catch(() => {}) // a failed poll waits for the next tick
    } catch {
      /* as above */
    }
  }
  const onVisible = () => {
    if (doc && !doc.hidden && missed) tick()
  }
  const id = timers.setInterval(tick, ms)
  if (doc && doc.addEventListener) doc.addEventListener('visibilitychange', onVisible)
  tick()
  return () => {
    stopped = true
    timers.clearInterval(id)
    if (doc && doc.removeEventListener) doc.removeEventListener('visibilitychange', onVisible)
  }
}
