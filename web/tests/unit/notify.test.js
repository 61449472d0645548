// The notification bell's logic (src/utils/notify.js): badge text, links, read bookkeeping and the
// 60-second poller that pauses while the page is hidden.
import { describe, it, expect, vi, afterEach } from 'vitest'
import { badgeText, notificationRoute, markedRead, allRead, startPoller, POLL_MS, hasBell } from '../../src/utils/notify'

describe('badge and links', () => {
  it('shows nothing for none, the number, then 99+', () => {
    expect(badgeText(0)).toBe('')
    expect(badgeText(undefined)).toBe('')
    expect(badgeText(-3)).toBe('')
    expect(badgeText(1)).toBe('1')
    expect(badgeText(99)).toBe('99')
    expect(badgeText(100)).toBe('99+')
  })
  it('leads to the request', () => {
    expect(notificationRoute({ id: 7, ticket_id: 42 })).toEqual({ name: 'ticket-detail', params: { id: 42 } })
    expect(notificationRoute({ id: 8, announcement_id: 5, announcement_no: 'GG00005' })).toEqual({ name: 'my-announcements' })
  })
})

describe('read bookkeeping', () => {
  const items = [
    { id: 1, read: false },
    { id: 2, read: false },
    { id: 3, read: true, read_at: '2026-11-20T01:00:00Z' },
  ]
  it('marks one read and counts down once', () => {
    const r = markedRead(items, 2, 1)
    expect(r.unread).toBe(1)
    expect(r.items[0].read).toBe(true)
    expect(r.items[0].read_at).toBeTruthy()
    expect(r.items[1].read).toBe(false)
    expect(items[0].read).toBe(false) // not mutated
    expect(markedRead(r.items, r.unread, 1).unread).toBe(1) // twice: no change
    expect(markedRead(items, 2, 3).unread).toBe(2) // already read
    expect(markedRead(items, 0, 1).unread).toBe(0) // never negative
  })
  it('marks all read', () => {
    const r = allRead(items)
    expect(r.unread).toBe(0)
    expect(r.items.every((n) => n.read)).toBe(true)
    expect(r.items[2].read_at).toBe('2026-11-20T01:00:00Z')
  })
})

describe('poller', () => {
  afterEach(() => vi.useRealTimers())

  function fakeDoc() {
    const listeners = {}
    return {
      hidden: false,
      addEventListener: (k, f) => (listeners[k] = f),
      removeEventListener: (k) => delete listeners[k],
      fire: (k) => listeners[k] && listeners[k](),
      listeners,
    }
  }

  it('polls at once and every 60 s, skips hidden ticks, catches up, stops', async () => {
    vi.useFakeTimers()
    const doc = fakeDoc()
    const fn = vi.fn(async () => {})
    const stop = startPoller(fn, { doc, timers: globalThis })
    expect(POLL_MS).toBe(60000)
    expect(fn).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(59999)
    expect(fn).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(fn).toHaveBeenCalledTimes(2)
    doc.hidden = true
    await vi.advanceTimersByTimeAsync(120000)
    expect(fn).toHaveBeenCalledTimes(2)
    doc.hidden = false
    doc.fire('visibilitychange')
    await vi.advanceTimersByTimeAsync(0)
    expect(fn).toHaveBeenCalledTimes(3)
    doc.fire('visibilitychange') // nothing missed: no extra call
    expect(fn).toHaveBeenCalledTimes(3)
    stop()
    expect(doc.listeners.visibilitychange).toBeUndefined()
    await vi.advanceTimersByTimeAsync(600000)
    expect(fn).toHaveBeenCalledTimes(3)
  })

  it('keeps polling after a failed request', async () => {
    vi.useFakeTimers()
    const fn = vi.fn(async () => {
      throw new Error('network')
    })
    const stop = startPoller(fn, { doc: fakeDoc() })
    await vi.advanceTimersByTimeAsync(POLL_MS * 2)
    expect(fn).toHaveBeenCalledTimes(3)
    stop()
  })
})

describe('who has the bell', () => {
  const can = (p) => p === 'ticket.read'
  it('department users and enterprise users, not users without either', () => {
    expect(hasBell({ role: 'staff', dept_id: 3 }, can)).toBe(true)
    expect(hasBell({ role: 'enterprise', dept_id: null, enterprise_id: 9 }, can)).toBe(true)
    expect(hasBell({ role: 'leader', dept_id: null }, can)).toBe(false)
    expect(hasBell(null, can)).toBe(false)
    expect(hasBell({ role: 'enterprise' }, () => false)).toBe(false)
  })
})
