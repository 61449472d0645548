// 企业诉求 helpers: status labels and colours, the action buttons per status and duty, the duties
// behind the menu, deadlines, trend periods, rates, the CSV export and the department store.
import { describe, it, expect, beforeEach, vi } from 'vitest'
import { setActivePinia, createPinia } from 'pinia'
import { i18n, setAppLocale } from '../../src/i18n'
import {
  STATUSES,
  STATUS_TAG,
  CATEGORIES,
  statusLabel,
  statusTag,
  categoryLabel,
  channelLabel,
  ticketActions,
  dueState,
  weekBuckets,
  monthBuckets,
  trendBuckets,
  fmtRate,
  fmtDays,
  mapLimit,
  MAX_WEEKS,
} from '../../src/utils/ticket'
import { ticketDuties, filterMenu, isAllowed } from '../../src/utils/perm'
import { MENU, LEAVES } from './app-menu'
import { csvCell, toCsv, fetchAll } from '../../src/utils/csv'
import { useTicketStore } from '../../src/stores/ticket'
import { useAuthStore } from '../../src/stores/auth'
import { setCsrfToken, configureHttp } from '../../src/api/http'

// the roles' permissions as the server grants them (src/access/perm.c)
const PERMS = {
  admin: ['dept.read', 'ticket.read', 'ticket.create', 'ticket.triage', 'ticket.handle', 'ticket.rate', 'ticket.escalate', 'ticket.stats', 'ticket.admin'],
  leader: ['dept.read', 'ticket.read', 'ticket.escalate', 'ticket.stats', 'dashboard.read'],
  dept_head: ['dept.read', 'ticket.read', 'ticket.create', 'ticket.triage', 'ticket.handle', 'ticket.rate', 'ticket.stats'],
  staff: ['dept.read', 'ticket.read', 'ticket.create', 'ticket.triage', 'ticket.handle', 'ticket.rate'],
  enterprise: ['enterprise.read', 'ticket.read', 'ticket.create', 'ticket.rate'],
  province: ['ticket.read', 'ticket.stats'],
}
const ctx = (role, deptKind) => ({ perms: PERMS[role], role, deptKind })
const ENT = ctx('enterprise')
const CENTER = ctx('staff', 'service_center') // 企业服务中心 staff
const ZHAOSHANG = ctx('dept_head', 'investment') // head of 招商局
const LEADER = ctx('leader', 'leadership')
const ADMIN = ctx('admin')
const tk = (status, extra = {}) => ({ id: 1, status, dept_id: status === 'received' ? null : 4, extension_days_pending: 0, ...extra })

describe('status labels and colours', () => {
  beforeEach(() => setAppLocale('zh-CN'))

  it('names every status in Chinese and English', () => {
    expect(STATUSES.map((s) => statusLabel(s))).toEqual(['待受理', '已分派', '办理中', '待补充', '已办结', '已销号', '不予受理', '已合并'])
    setAppLocale('en')
    expect(statusLabel('closed')).toBe('Closed')
    expect(statusLabel('waiting')).toBe('Waiting for info')
    setAppLocale('zh-CN')
  })

  it('falls back to the server label for an unknown status', () => {
    expect(statusLabel('archived', '已归档')).toBe('已归档')
    expect(statusLabel('')).toBe('-')
  })

  it('gives every status a tag colour of Element Plus', () => {
    const types = new Set(['primary', 'success', 'warning', 'danger', 'info'])
    for (const s of STATUSES) expect(types.has(statusTag(s)), s).toBe(true)
    expect(statusTag('resolved')).toBe('success')
    expect(statusTag('rejected')).toBe('danger')
    expect(statusTag('received')).toBe('warning')
    expect(statusTag('nope')).toBe('info')
    expect(Object.keys(STATUS_TAG).sort()).toEqual([...STATUSES].sort())
  })

  it('labels the nine categories and the channels', () => {
    expect(CATEGORIES).toHaveLength(9)
    expect(CATEGORIES.map(categoryLabel)).toEqual(CATEGORIES)
    setAppLocale('en')
    expect(categoryLabel('水电气')).toBe('Utilities')
    expect(channelLabel('wechat')).toBe('WeChat')
    setAppLocale('zh-CN')
    expect(channelLabel('hotline')).toBe('热线')
  })
})

describe('duties', () => {
  it('tells the service center desk from other departments that hold ticket.triage', () => {
    expect([...ticketDuties(CENTER)]).toEqual(['center'])
    expect([...ticketDuties(ZHAOSHANG)].sort()).toEqual(['dept', 'leader'])
    expect([...ticketDuties(ENT)]).toEqual(['enterprise'])
    expect([...ticketDuties(LEADER)]).toEqual(['leader'])
    expect([...ticketDuties(ADMIN)].sort()).toEqual(['center', 'dept', 'leader'])
    expect([...ticketDuties(ctx('province'))]).toEqual(['leader'])
  })

  it('falls back to the permission when the department kind is unknown', () => {
    expect(ticketDuties(ctx('staff', null)).has('center')).toBe(true)
    expect(ticketDuties(ctx('staff', '')).has('center')).toBe(false)
    expect(ticketDuties(ctx('staff', '')).has('dept')).toBe(true)
  })

  it('shows each desk its own request menu', () => {
    const keys = (c) => {
      const g = filterMenu(MENU, c).find((m) => m.key === 'tickets')
      return g ? g.children.map((x) => x.key) : []
    }
    expect(keys(ENT)).toEqual(['ticket-mine', 'ticket-new'])
    expect(keys(CENTER)).toEqual(['ticket-intake', 'ticket-register', 'ticket-extensions', 'ticket-overdue', 'ticket-escalated', 'ticket-all'])
    expect(keys(ZHAOSHANG)).toEqual(['ticket-todo', 'ticket-overdue', 'ticket-escalated', 'ticket-all', 'ticket-stats'])
    expect(keys(LEADER)).toEqual(['ticket-overdue', 'ticket-escalated', 'ticket-all', 'ticket-stats'])
    expect(keys({ perms: ['enterprise.read'], role: 'staff' })).toEqual([])
  })

  it('refuses a desk route to a user without the duty', () => {
    const intake = LEAVES.find((m) => m.key === 'ticket-intake')
    expect(isAllowed(intake, CENTER)).toBe(true)
    expect(isAllowed(intake, ZHAOSHANG)).toBe(false)
    expect(isAllowed(intake, ENT)).toBe(false)
  })
})

describe('ticketActions', () => {
  it('lets the enterprise supply when waiting and rate when resolved', () => {
    expect(ticketActions(tk('waiting'), ENT)).toEqual(['supply', 'comment'])
    expect(ticketActions(tk('resolved'), ENT)).toEqual(['rate', 'comment'])
    expect(ticketActions(tk('in_progress'), ENT)).toEqual(['comment'])
    expect(ticketActions(tk('closed'), ENT)).toEqual([])
    expect(ticketActions(tk('rejected'), ENT)).toEqual([])
  })

  it('lets the service center triage, decide extensions and record a call-back rating', () => {
    expect(ticketActions(tk('received'), CENTER)).toEqual(['triage', 'comment'])
    expect(ticketActions(tk('in_progress', { extension_days_pending: 3 }), CENTER)).toEqual(['decideExtension', 'comment'])
    expect(ticketActions(tk('in_progress'), CENTER)).toEqual(['comment'])
    expect(ticketActions(tk('resolved'), CENTER)).toEqual(['rate', 'comment'])
  })

  it('gives the lead department start, wait, return, extension and resolve by state', () => {
    expect(ticketActions(tk('received'), ZHAOSHANG)).toEqual(['comment'])
    expect(ticketActions(tk('assigned'), ZHAOSHANG)).toEqual(['start', 'wait', 'return', 'extension', 'resolve', 'comment'])
    expect(ticketActions(tk('in_progress'), ZHAOSHANG)).toEqual(['wait', 'return', 'extension', 'resolve', 'comment'])
    expect(ticketActions(tk('waiting'), ZHAOSHANG)).toEqual(['extension', 'comment'])
    expect(ticketActions(tk('in_progress', { extension_days_pending: 2 }), ZHAOSHANG)).toEqual(['wait', 'return', 'resolve', 'comment'])
    expect(ticketActions(tk('resolved'), ZHAOSHANG)).toEqual(['comment'])
    expect(ticketActions(tk('closed'), ZHAOSHANG)).toEqual([])
  })

  it('lets only leaders escalate, on open requests', () => {
    expect(ticketActions(tk('in_progress'), LEADER)).toEqual(['escalate', 'comment'])
    expect(ticketActions(tk('closed'), LEADER)).toEqual([])
    expect(ticketActions(tk('in_progress'), ZHAOSHANG)).not.toContain('escalate')
    expect(ticketActions(tk('assigned'), ADMIN)).toEqual(['start', 'wait', 'return', 'extension', 'resolve', 'escalate', 'comment'])
  })

  it('shows nothing without the permission or the ticket', () => {
    expect(ticketActions(null, ADMIN)).toEqual([])
    expect(ticketActions(tk('waiting'), { perms: ['ticket.read'], role: 'enterprise' })).toEqual(['comment'])
    expect(ticketActions(tk('assigned'), { perms: ['ticket.read'], role: 'staff', deptKind: 'investment' })).toEqual(['comment'])
  })
})

describe('deadlines and figures', () => {
  const now = Date.parse('2026-11-23T10:00:00Z')
  it('says where a request stands against its deadline', () => {
    expect(dueState(tk('in_progress', { due_resolve: '2026-11-20T09:00:00Z', overdue: true }), now)).toBe('overdue')
    expect(dueState(tk('in_progress', { due_resolve: '2026-11-23T20:00:00Z' }), now)).toBe('soon')
    expect(dueState(tk('assigned', { due_resolve: '2026-11-30T09:00:00Z' }), now)).toBe('ok')
    expect(dueState(tk('waiting', { due_resolve: '2026-11-24T09:00:00Z' }), now)).toBe('paused')
    expect(dueState(tk('resolved', { due_resolve: '2026-11-20T09:00:00Z', overdue: true }), now)).toBe('')
    expect(dueState(tk('received'), now)).toBe('')
  })

  it('formats rates and working days, "-" for an undefined rate', () => {
    expect(fmtRate(0.8953)).toBe('89.5%')
    expect(fmtRate(1)).toBe('100.0%')
    expect(fmtRate(null)).toBe('-')
    expect(fmtDays(2.345)).toBe('2.3')
    expect(fmtDays(undefined)).toBe('-')
  })

  it('cuts a period into Monday-to-Sunday weeks, clipped to the period', () => {
    const w = weekBuckets('2026-11-04', '2026-11-23')
    expect(w.map((b) => [b.from, b.to])).toEqual([
      ['2026-11-04', '2026-11-08'],
      ['2026-11-09', '2026-11-15'],
      ['2026-11-16', '2026-11-22'],
      ['2026-11-23', '2026-11-23'],
    ])
    expect(weekBuckets('2026-11-23', '2026-11-01')).toEqual([])
  })

  it('cuts a period into months and shows long periods by month', () => {
    expect(monthBuckets('2026-01-15', '2026-03-02').map((b) => [b.from, b.to, b.label])).toEqual([
      ['2026-01-15', '2026-01-31', '2026-01'],
      ['2026-02-01', '2026-02-28', '2026-02'],
      ['2026-03-01', '2026-03-02', '2026-03'],
    ])
    expect(trendBuckets('2026-09-07', '2026-11-23').unit).toBe('week')
    const year = trendBuckets('2026-01-01', '2026-11-23')
    expect(year.unit).toBe('month')
    expect(year.buckets).toHaveLength(11)
    expect(MAX_WEEKS).toBe(26)
  })

  it('runs at most `limit` calls at a time and keeps the order', async () => {
    let running = 0
    let peak = 0
    const out = await mapLimit([1, 2, 3, 4, 5, 6, 7], 3, async (x) => {
      running++
      peak = Math.max(peak, running)
      await new Promise((r) => setTimeout(r, 5))
      running--
      return x * 10
    })
    expect(out).toEqual([10, 20, 30, 40, 50, 60, 70])
    expect(peak).toBe(3)
  })
})

describe('CSV export', () => {
  it('starts with a BOM, quotes what needs it and defuses formulas', () => {
    const csv = toCsv(
      [
        { label: '标题', value: (r) => r.a },
        { label: '数量', value: (r) => r.n },
      ],
      [
        { a: '招工难, "急"', n: 3 },
        { a: '=HYPERLINK("x")', n: -1 },
        { a: null, n: 0 },
      ],
    )
    expect(csv.charCodeAt(0)).toBe(0xfeff)
    expect(csv.slice(1).split('\r\n')).toEqual(['标题,数量', '"招工难, ""急""",3', `"'=HYPERLINK(""x"")",-1`, ',0', ''])
    expect(csvCell('多行\n文本')).toBe('"多行\n文本"')
    expect(csvCell('+86 138')).toBe("'+86 138")
  })

  it('reads every page of a list', async () => {
    const rows = Array.from({ length: 450 }, (_, i) => ({ id: i }))
    const fetchPage = vi.fn(async ({ page, page_size }) => ({ items: rows.slice((page - 1) * page_size, page * page_size), total: rows.length }))
    const res = await fetchAll(fetchPage)
    expect(res.items).toHaveLength(450)
    expect(fetchPage).toHaveBeenCalledTimes(3)
    const capped = await fetchAll(fetchPage, { pageSize: 100, max: 150 })
    expect(capped.items).toHaveLength(150)
    expect(capped.truncated).toBe(true)
  })
})

function route(map) {
  globalThis.fetch = vi.fn(async (url, init) => {
    const key = `${init.method} ${url.split('?')[0]}`
    const [status, body] = map[key] || [404, { error: { code: 'not_found', message: 'no' } }]
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
  })
  return globalThis.fetch
}
const DEPTS = {
  items: [
    { id: 1, parent_id: null, name: '管委会', kind: 'leadership', sort: 0 },
    { id: 2, parent_id: 1, name: '企业服务中心', kind: 'service_center', sort: 0 },
    { id: 4, parent_id: 1, name: '招商局', kind: 'investment', sort: 2 },
  ],
}

describe('stores', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    setCsrfToken('')
    configureHttp({ onUnauthorized: vi.fn(), onPasswordChange: vi.fn(), onError: vi.fn() })
  })

  it('loads the departments once and names them', async () => {
    const f = route({ 'GET /api/depts': [200, DEPTS] })
    const store = useTicketStore()
    await store.loadDepts()
    await store.loadDepts()
    expect(f).toHaveBeenCalledTimes(1)
    expect(store.deptName(4)).toBe('招商局')
    expect(store.deptName(99)).toBe('#99')
    expect(store.deptTree[0].children.map((d) => d.name)).toEqual(['企业服务中心', '招商局'])
  })

  it('keeps a department load error instead of throwing', async () => {
    route({ 'GET /api/depts': [500, { error: { code: 'internal', message: 'boom' } }] })
    const store = useTicketStore()
    await store.loadDepts()
    expect(store.deptsError).toBeTruthy()
    expect(store.depts).toEqual([])
  })

  it('learns the department kind of staff who may triage', async () => {
    const me = (user, permissions) => ({ user, permissions, csrf_token: 'x', zone: { id: 1 }, zones: [] })
    route({
      'GET /api/me': [200, me({ id: 6, username: 'ccetdz-fuwu', role: 'staff', dept_id: 2 }, PERMS.staff)],
      'GET /api/depts': [200, DEPTS],
    })
    const auth = useAuthStore()
    await auth.fetchMe()
    expect(auth.deptKind).toBe('service_center')
    expect(ticketDuties(auth.ctx).has('center')).toBe(true)

    route({
      'GET /api/me': [200, me({ id: 3, username: 'ccetdz-zhaoshang', role: 'dept_head', dept_id: 4 }, PERMS.dept_head)],
      'GET /api/depts': [200, DEPTS],
    })
    await auth.fetchMe()
    expect(auth.deptKind).toBe('investment')
    expect(ticketDuties(auth.ctx).has('center')).toBe(false)

    const f = route({ 'GET /api/me': [200, me({ id: 7, username: 'ccetdz-qiye', role: 'enterprise', enterprise_id: 18 }, PERMS.enterprise)] })
    await auth.fetchMe()
    expect(f).toHaveBeenCalledTimes(1) // no department lookup for an enterprise user
    expect(auth.deptKind).toBe(null)
  })
})

describe('i18n of the request vocabulary', () => {
  it('has a label for each value in both languages', () => {
    for (const locale of ['zh-CN', 'en']) {
      const m = i18n.global.getLocaleMessage(locale)
      for (const s of STATUSES) expect(m.ticketStatus[s], `${locale} ${s}`).toBeTruthy()
      expect(Object.keys(m.ticketCategory)).toHaveLength(9)
    }
  })
})
