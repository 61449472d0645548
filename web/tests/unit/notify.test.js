// The notification bell's logic (src/utils/notify.js): badge text, where each item leads (one row
// per kind of item, checked against the kinds the server's sources notify about), the words of
// its event, read bookkeeping and the 60-second poller that pauses while the page is hidden.
import { describe, it, expect, vi, afterEach } from 'vitest'
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRouter, createMemoryHistory } from 'vue-router'
import {
  badgeText,
  notificationRoute,
  notificationNo,
  notificationItem,
  notificationLabelKeys,
  markedRead,
  allRead,
  startPoller,
  POLL_MS,
  hasBell,
  NOTIFY_ITEMS,
  NOTIFY_KINDS,
} from '../../src/utils/notify'
import { routes } from '../../src/router/routes'
import { messages } from '../../src/i18n'

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

// a notification row as GET /api/notifications answers it: the event as `kind`, then the item's
// id and number under its kind's keys (src/work/notify_api.c notification_extra)
const problemNote = { id: 31, kind: 'assigned', title: '新交办项目问题：WT2026-0007 施工用电接入', created_at: '2026-05-08T02:00:00Z', problem_id: 7, problem_no: 'WT2026-0007', read: false }

describe('where a notification leads', () => {
  const router = createRouter({ history: createMemoryHistory(), routes })

  it('leads a project problem to the problem board, opening that problem', () => {
    const to = notificationRoute(problemNote)
    expect(to).toEqual({ name: 'project-problems', query: { problem: '7' } })
    const r = router.resolve(to)
    expect(r.fullPath).toBe('/projects/problems?problem=7')
    expect(r.meta.perm).toBe('project.read')
    // never a request page without an id, whatever the event
    for (const kind of ['assigned', 'reopened', 'overdue']) expect(notificationRoute({ ...problemNote, kind }).name).toBe('project-problems')
  })

  it('leads each kind of item to a page of the console, and nowhere for an item it does not know', () => {
    expect(router.resolve(notificationRoute({ kind: 'submitted', ticket_id: 42, ticket_no: 'SQ2026-0042' })).fullPath).toBe('/tickets/42')
    expect(router.resolve(notificationRoute({ kind: 'published', announcement_id: 5 })).fullPath).toBe('/my-announcements')
    expect(notificationRoute({ id: 9, kind: 'assigned', widget_id: 3 })).toBeNull()
    expect(notificationRoute({ id: 9, kind: 'assigned', ticket_id: null, problem_id: 0 })).toBeNull()
    for (const it of NOTIFY_ITEMS) expect(router.resolve(it.route(12)).name, it.id).not.toBe('not-found')
  })

  it('shows the item\'s number', () => {
    expect(notificationNo(problemNote)).toBe('WT2026-0007')
    expect(notificationNo({ ticket_id: 42, ticket_no: 'SQ2026-0042' })).toBe('SQ2026-0042')
    expect(notificationNo({ announcement_id: 5, announcement_no: 'GG00005' })).toBe('GG00005')
    expect(notificationNo({ id: 1 })).toBe('')
  })

  it('names a problem\'s events in the project\'s words, the others in the shared ones', () => {
    const zh = messages['zh-CN']
    const text = (n) => notificationLabelKeys(n).map((k) => k.split('.').reduce((o, p) => (o == null ? undefined : o[p]), zh)).find((v) => typeof v === 'string')
    expect(text(problemNote)).toBe('新交办项目问题')
    expect(text({ ...problemNote, kind: 'reopened' })).toBe('项目问题重新交办')
    expect(text({ ...problemNote, kind: 'overdue' })).toBe('项目问题已超期')
    expect(text({ kind: 'assigned', ticket_id: 4 })).toBe('新分派')
    expect(text({ kind: 'overdue', ticket_id: 4 })).toBe('已超期')
    expect(text({ kind: 'reopened', ticket_id: 4 })).toBe('重新交办')
    expect(notificationLabelKeys({ kind: 'published', announcement_id: 2 })).toEqual(['notify.kind.published'])
    // an item's own events are kinds of the bell too (the shared label is the fallback)
    for (const it of NOTIFY_ITEMS) for (const e of it.events || []) expect(NOTIFY_KINDS, `${it.id} ${e}`).toContain(e)
  })
})

// The kinds of item the server notifies about, read from its sources: a work kind (struct
// work_kind) passed to notify_item / notify_enterprise / notify_party / notify_user, or one with an overdue sweep
// (.sql_overdue, which notifies "overdue"); each with its id_key, no_key and the literal events.
const SRC = join(dirname(fileURLToPath(import.meta.url)), '../../../src')
const cFiles = (dir) => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? cFiles(join(dir, n)) : n.endsWith('.c') ? [join(dir, n)] : []))
const C = cFiles(SRC)
  .map((f) => readFileSync(f, 'utf8'))
  .join('\n')
function notifiedKinds() {
  const out = []
  for (const m of C.matchAll(/const struct work_kind (\w+) = \{([\s\S]*?)\n\};/g)) {
    const [, name, body] = m
    const idKey = (/\.id_key = "(\w+)"/.exec(body) || [])[1]
    const noKey = (/\.no_key = "(\w+)"/.exec(body) || [])[1]
    // the calls with this kind, and the event each names when it is a literal (the call's last
    // argument: `&problem_kind, &it, "assigned")`)
    const calls = [...C.matchAll(new RegExp(`\\bnotify_(?:item|enterprise|party|user)\\([^;]*?&${name}\\b`, 'g'))]
    const events = [...C.matchAll(new RegExp(`\\bnotify_(?:item|enterprise|party|user)\\([^;]*?&${name}\\b[^;"]*?"([a-z_]+)"\\s*\\)`, 'g'))].map((x) => x[1])
    const sweeps = /\.sql_overdue\s*=/.test(body)
    if (!calls.length && !sweeps) continue
    out.push({ name, idKey, noKey, events: [...new Set([...events, ...(sweeps ? ['overdue'] : [])])].sort() })
  }
  return out
}

describe('the kinds of item the server notifies about', () => {
  const kinds = notifiedKinds()

  it('are found in the sources', () => {
    const names = kinds.map((k) => k.name)
    expect(names).toEqual(expect.arrayContaining(['ticket_kind', 'announce_kind', 'problem_kind']))
    expect(kinds.find((k) => k.name === 'problem_kind')).toEqual({ name: 'problem_kind', idKey: 'problem_id', noKey: 'problem_no', events: ['assigned', 'overdue', 'reopened'] })
    expect(kinds.find((k) => k.name === 'announce_kind').events).toEqual(['published'])
    // a project itself notifies nobody: no row needed for it
    expect(names).not.toContain('project_kind')
  })

  it('each lead somewhere: a row of NOTIFY_ITEMS with the same id and number keys', () => {
    for (const k of kinds) {
      const row = NOTIFY_ITEMS.find((it) => it.id === k.idKey)
      expect(row, `${k.name} (${k.idKey}) has no row in NOTIFY_ITEMS`).toBeTruthy()
      expect(row.no, k.name).toBe(k.noKey)
      expect(notificationItem({ [k.idKey]: 3 })).toBe(row)
    }
  })

  it('have a label for every event they write', () => {
    const zh = messages['zh-CN']
    for (const k of kinds)
      for (const e of k.events) {
        expect(NOTIFY_KINDS, `${k.name} writes ${e}`).toContain(e)
        const row = NOTIFY_ITEMS.find((it) => it.id === k.idKey)
        if (row.labels) expect(row.events, `${k.name} writes ${e}`).toContain(e)
        expect(zh.notify.kind[e], e).toBeTruthy()
      }
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
  it('bank users who answer for their bank (银企对接), by finance.answer', () => {
    expect(hasBell({ role: 'bank', dept_id: null }, (p) => p === 'finance.answer')).toBe(true)
    expect(hasBell({ role: 'bank', dept_id: null }, can)).toBe(false)
    expect(notificationRoute({ kind: 'pushed', fin_demand_id: 5 }, { role: 'bank' })).toEqual({ name: 'bank-desk' })
    expect(notificationRoute({ kind: 'approved', fin_demand_id: 5 }, { role: 'enterprise' })).toEqual({ name: 'my-finance' })
  })
})
