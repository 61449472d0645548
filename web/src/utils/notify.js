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
]

/** Kinds shown as bad news (red tag). */
export const ALERT_KINDS = ['overdue', 'escalated', 'rated_unsatisfied', 'rejected', 'supply_requested']

/** Whether the user gets notifications: department users and enterprise users who read requests. */
export const hasBell = (user, can) => !!user && (!!user.dept_id || user.role === 'enterprise') && can('ticket.read')

/** The badge text: '' for none, the number up to 99, then '99+'. */
export function badgeText(n) {
  const v = Number(n) || 0
  if (v <= 0) return ''
  return v > 99 ? '99+' : String(v)
}

/** The route of the item a notification is about: a request, or an announcement (read in the
 * enterprise's announcement list). */
export const notificationRoute = (n) => (n.announcement_id ? { name: 'my-announcements' } : { name: 'ticket-detail', params: { id: n.ticket_id } })

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
