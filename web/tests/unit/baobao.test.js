// 包保企业 in the console (views/economy/rules.js, the 包保 section, and EconomyBaobao.vue with its
// drawer): the month picker's range, when targets and 调度 may be written, completion as a percent
// and its bar, the 达标 / 排产 / report labels (no raw code in Chinese), the targets' body (null
// for a target cleared), the 调度's check and body; the page against a fake server of the API
// contract (notes/baobao-contract.md): the leaders' table for a zone viewer, the filter by
// leader, the drawer's targets and 调度 with the request it raised.
import { describe, it, expect, vi, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createRouter, createMemoryHistory } from 'vue-router'
import { routes } from '../../src/router/routes'
import { i18n, messages, setAppLocale } from '../../src/i18n'
import { configureHttp } from '../../src/api/http'
import { useAuthStore } from '../../src/stores/auth'
import { today } from '../../src/utils/format'
import EconomyBaobao from '../../src/views/economy/EconomyBaobao.vue'
import BaobaoDrawer from '../../src/views/economy/BaobaoDrawer.vue'
import {
  PRODUCTIONS,
  BAOBAO_REPORT_STATUSES,
  monthOf,
  baobaoMonthDate,
  targetsOpen,
  dispatchOpen,
  periodEnd,
  dispatchDay,
  dispatchDayDate,
  fmtCompletion,
  completionBar,
  metTag,
  productionKey,
  baobaoReportKey,
  outputOf,
  leaderOptions,
  itemsOfLeader,
  baobaoTargetsForm,
  baobaoTargetsBody,
  dispatchForm,
  checkDispatch,
  dispatchBody,
  shiftPeriod,
} from '../../src/views/economy/rules'
import { waitFor, json } from './page-helpers'

function flatten(obj, prefix = '') {
  const out = {}
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k
    if (v && typeof v === 'object') Object.assign(out, flatten(v, key))
    else out[key] = v
  }
  return out
}
const zh = flatten(messages['zh-CN'])
const en = flatten(messages.en)

describe('the 包保 month', () => {
  it('opens on the current month and goes up to next month', () => {
    expect(monthOf('2026-12-05')).toBe('2026-12')
    const off = baobaoMonthDate('2026-12-05')
    expect(off(new Date(2026, 11, 1))).toBe(false)
    expect(off(new Date(2027, 0, 1))).toBe(false) // next month: its targets are set ahead
    expect(off(new Date(2027, 1, 1))).toBe(true)
    expect(off(new Date(2025, 0, 1))).toBe(false) // past months are read
  })

  it('sets targets from the current month on, records 调度 up to it', () => {
    expect(targetsOpen('2026-12', '2026-12-31')).toBe(true)
    expect(targetsOpen('2027-01', '2026-12-31')).toBe(true)
    expect(targetsOpen('2026-11', '2026-12-01')).toBe(false)
    expect(targetsOpen('bad', '2026-12-01')).toBe(false)
    expect(dispatchOpen('2026-12', '2026-12-01')).toBe(true)
    expect(dispatchOpen('2026-11', '2026-12-01')).toBe(true)
    expect(dispatchOpen('2027-01', '2026-12-31')).toBe(false)
  })

  it('dates a 调度 today, or within its month', () => {
    expect(periodEnd('2026-02')).toBe('2026-02-28')
    expect(periodEnd('2028-02')).toBe('2028-02-29')
    expect(periodEnd('2026-12')).toBe('2026-12-31')
    expect(dispatchDay('2026-12', '2026-12-05')).toBe('2026-12-05')
    expect(dispatchDay('2026-11', '2026-12-05')).toBe('2026-11-30')
    expect(dispatchDay('2027-01', '2026-12-05')).toBe('2027-01-01')
    const off = dispatchDayDate('2026-12', '2026-12-05')
    expect(off(new Date(2026, 11, 5))).toBe(false)
    expect(off(new Date(2026, 11, 6))).toBe(true)
    expect(off(new Date(2026, 10, 30))).toBe(true)
  })
})

describe('completion and labels', () => {
  it('writes a completion as a percent, its bar capped at 100 and coloured by how near the target', () => {
    expect(fmtCompletion(0.9834)).toBe('98.3%')
    expect(fmtCompletion(1.25)).toBe('125.0%')
    expect(fmtCompletion(null)).toBe('-')
    expect(fmtCompletion(undefined)).toBe('-')
    expect(completionBar(1.25)).toEqual({ percent: 100, status: 'success' })
    expect(completionBar(1)).toEqual({ percent: 100, status: 'success' })
    expect(completionBar(0.9834)).toEqual({ percent: 98.3, status: 'warning' })
    expect(completionBar(0.8)).toEqual({ percent: 80, status: 'warning' })
    expect(completionBar(0.5)).toEqual({ percent: 50, status: 'exception' })
    expect(completionBar(-0.1)).toEqual({ percent: 0, status: 'exception' })
    expect(completionBar(null)).toBe(null)
    expect(completionBar('')).toBe(null)
  })

  it('labels 达标, 排产 and the report in Chinese, never a raw code', () => {
    expect(metTag(true)).toEqual({ key: 'met', type: 'success' })
    expect(metTag(false)).toEqual({ key: 'notMet', type: 'danger' })
    expect(metTag(null)).toBe(null)
    expect(PRODUCTIONS.map((p) => zh[productionKey(p)])).toEqual(['满负荷', '部分开工', '停产'])
    expect(productionKey(null)).toBe(null)
    expect(productionKey('weird')).toBe(null)
    expect(BAOBAO_REPORT_STATUSES.map((s) => zh[baobaoReportKey(s)])).toEqual(['未报送', '已报送', '已审核', '已退回'])
    expect(baobaoReportKey('weird')).toBe('baobao.report.none')
    for (const k of ['met', 'notMet']) expect(zh[`baobao.met.${k}`]).toMatch(/达标/)
    for (const key of [...PRODUCTIONS.map(productionKey), ...BAOBAO_REPORT_STATUSES.map(baobaoReportKey), 'baobao.production.none']) {
      expect(zh[key], key).toMatch(/[\u4e00-\u9fff]/)
      expect(en[key], key).toBeTruthy()
    }
    expect(zh['baobao.menu']).toBe('包保企业')
  })

  it('reads 工业总产值 of an item, and the leaders to filter by', () => {
    expect(outputOf({ values: { output: { target: 1200, actual: 1180.5, completion: 0.98 } } })).toEqual({ target: 1200, actual: 1180.5, completion: 0.98 })
    expect(outputOf({ values: {} })).toEqual({ target: null, actual: null, completion: null })
    expect(outputOf(null)).toEqual({ target: null, actual: null, completion: null })
    const items = [
      { enterprise_id: 1, leader_id: 7, leader_name: '王副主任' },
      { enterprise_id: 2, leader_id: 3, leader_name: '李主任' },
      { enterprise_id: 3, leader_id: 7, leader_name: '王副主任' },
    ]
    expect(leaderOptions({ items })).toEqual([
      { id: 3, name: '李主任' },
      { id: 7, name: '王副主任' },
    ])
    expect(leaderOptions({ items, leaders: [{ leader_id: 7, leader_name: '王副主任' }] })).toEqual([{ id: 7, name: '王副主任' }])
    expect(leaderOptions(null)).toEqual([])
    expect(itemsOfLeader(items, 7).map((x) => x.enterprise_id)).toEqual([1, 3])
    expect(itemsOfLeader(items, null).length).toBe(3)
    expect(itemsOfLeader(items, '').length).toBe(3)
  })
})

describe('the forms', () => {
  const INDS = [
    { code: 'output', target: 1200 },
    { code: 'revenue', target: null },
    { code: 'power', target: 30 },
  ]
  it('sends the targets given, null for one cleared, nothing for one never set', () => {
    expect(baobaoTargetsForm(INDS)).toEqual({ output: 1200, revenue: null, power: 30 })
    expect(baobaoTargetsBody('2027-01', { output: 1300, revenue: '', power: null }, INDS)).toEqual({ period: '2027-01', targets: { output: 1300, power: null } })
    expect(baobaoTargetsBody('2027-01', { output: '0', revenue: 5 }, INDS)).toEqual({ period: '2027-01', targets: { output: 0, revenue: 5 } })
  })

  it('checks a 调度: 排产 chosen, problems written when a request is raised', () => {
    const f = dispatchForm('2026-12', '2026-12-05')
    expect(f).toEqual({ recorded_on: '2026-12-05', production: '', orders: '', problems: '', raise_request: false, category: '' })
    expect(checkDispatch(f)).toEqual({ production: 'baobao.dispatch.productionRequired' })
    expect(checkDispatch({ ...f, production: 'full' })).toEqual({})
    expect(checkDispatch({ ...f, production: 'partial', raise_request: true, problems: '  ' })).toEqual({ problems: 'baobao.dispatch.problemsRequired' })
    for (const k of Object.values(checkDispatch({ raise_request: true }))) expect(zh[k], k).toBeTruthy()
  })

  it('sends a 调度 with its texts trimmed, the category only with a request', () => {
    const f = { recorded_on: '2026-12-05', production: 'partial', orders: ' 在手订单 3 个月 ', problems: ' 缺少熟练工 ', raise_request: false, category: '用工' }
    expect(dispatchBody('2026-12', f)).toEqual({ period: '2026-12', recorded_on: '2026-12-05', production: 'partial', orders: '在手订单 3 个月', problems: '缺少熟练工', raise_request: false })
    expect(dispatchBody('2026-12', { ...f, raise_request: true })).toEqual({ period: '2026-12', recorded_on: '2026-12-05', production: 'partial', orders: '在手订单 3 个月', problems: '缺少熟练工', raise_request: true, category: '用工' })
    expect(dispatchBody('2026-12', { ...f, recorded_on: '' })).not.toHaveProperty('recorded_on')
  })
})

// ---- the page against a fake server ----

const q = (sel) => document.body.querySelector(sel)
const qa = (sel) => [...document.body.querySelectorAll(sel)]
const text = (sel) => (q(sel) ? q(sel).textContent.trim() : '')
let calls
let mounted
async function mountAt(path, user, perms, server, component = EconomyBaobao, props = {}) {
  calls = []
  setAppLocale('zh-CN')
  configureHttp({ onUnauthorized: vi.fn(), onPasswordChange: vi.fn(), onError: vi.fn() })
  globalThis.fetch = vi.fn(async (url, init) => {
    const u = new URL(String(url), 'http://x')
    const body = init.body ? JSON.parse(init.body) : null
    calls.push({ method: init.method, path: u.pathname, query: Object.fromEntries(u.searchParams), body })
    const [status, answer] = server(init.method, u.pathname, body, u.searchParams) || [404, { error: { code: 'not_found', message: '不存在' } }]
    return json(status, answer)
  })
  const pinia = createPinia()
  setActivePinia(pinia)
  const auth = useAuthStore()
  auth.user = user
  auth.permissions = perms
  const router = createRouter({ history: createMemoryHistory(), routes })
  await router.push(path)
  await router.isReady()
  mounted = mount(component, { props, global: { plugins: [pinia, router, i18n] }, attachTo: document.body })
  return { router }
}
afterEach(() => {
  if (mounted) mounted.unmount()
  mounted = null
  document.body.innerHTML = ''
})
const input = (el, v) => {
  el.value = v
  el.dispatchEvent(new Event('input'))
  el.dispatchEvent(new Event('change'))
}

const THIS = today().slice(0, 7)
const NEXT = shiftPeriod(THIS, 1)
const INDICATORS = [
  { code: 'output', name: '工业总产值', unit: '万元' },
  { code: 'power', name: '用电量', unit: '万千瓦时' },
]
const ITEMS = [
  {
    enterprise_id: 11, enterprise_name: '长春一汽富维', leader_id: 7, leader_name: '王副主任', liaison_id: 8, liaison_name: '赵干部',
    report_status: 'accepted', targets_set: true,
    values: { output: { target: 1200, actual: 1180.5, completion: 0.98375 } }, completion: 0.98375, met: false, production: 'full', dispatches: 2,
  },
  {
    enterprise_id: 12, enterprise_name: '大陆电子', leader_id: 3, leader_name: '李主任', liaison_id: 8, liaison_name: '赵干部',
    report_status: 'none', targets_set: false, values: {}, completion: null, met: null, production: null, dispatches: 0,
  },
]
const LEADERS = [
  { leader_id: 3, leader_name: '李主任', enterprises: 1, targets_set: 0, reported: 0, met: 0, completion: null },
  { leader_id: 7, leader_name: '王副主任', enterprises: 1, targets_set: 1, reported: 1, met: 0, completion: 0.98375 },
]
function oneOf(id, period, extra = {}) {
  return {
    period,
    enterprise: { id, name: '长春一汽富维', leader_id: 7, leader_name: '王副主任', liaison_id: 8, liaison_name: '赵干部' },
    report_status: 'submitted',
    may_write: true,
    indicators: [
      { code: 'output', name: '工业总产值', unit: '万元', target: 1200, actual: 1180.5, last_month: 1100, last_year: 1000, completion: 0.98375 },
      { code: 'power', name: '用电量', unit: '万千瓦时', target: null, actual: 56, last_month: 50, last_year: null, completion: null },
    ],
    dispatches: [{ id: 5, recorded_on: `${period}-03`, production: 'partial', orders: '订单饱满', problems: '缺熟练工', ticket_id: 91, ticket_no: 'SQ2026120001', creator_name: '王副主任', created_at: '2026-12-03T02:00:00Z' }],
    visits: [{ id: 1, visited_on: '2026-11-20', kind: '挖潜', visitor_name: '赵干部', findings: '新产线调试', follow_ups: '协调用电' }],
    ...extra,
  }
}

describe('包保企业', { timeout: 20000 }, () => {
  it('shows a zone viewer the leaders\' completion and the enterprises in Chinese, and filters by leader', async () => {
    const { router } = await mountAt('/economy/baobao', { id: 2, username: 'leader', role: 'leader' }, ['economy.read', 'economy.stats', 'economy.baobao'], (method, path, body, query) => {
      if (method === 'GET' && path === '/api/economy/baobao') return [200, { period: query.get('period'), indicators: INDICATORS, items: ITEMS, leaders: LEADERS }]
    })
    await waitFor(() => text('[data-test="bb-table"]').includes('大陆电子'))
    expect(calls[0]).toMatchObject({ path: '/api/economy/baobao', query: { period: THIS } })
    const leaders = text('[data-test="bb-leaders"]')
    expect(leaders).toContain('王副主任')
    expect(leaders).toContain('98.4%')
    const table = text('[data-test="bb-table"]')
    expect(table).toContain('工业总产值')
    expect(table).toContain('1,200万元')
    expect(table).toContain('1,180.5万元')
    expect(table).toContain('98.4%')
    expect(table).toContain('未达标')
    expect(table).toContain('满负荷')
    expect(table).toContain('未调度')
    expect(table).toContain('已审核')
    expect(table).toContain('未报送')
    expect(table).toContain('未定目标')
    for (const raw of ['accepted', 'none', 'full', 'null', 'undefined']) expect(table).not.toContain(raw)

    // a leader's row picks his enterprises, and the URL keeps him
    qa('[data-test="bb-leaders"] .el-table__body tr').find((tr) => tr.textContent.includes('王副主任')).click()
    await waitFor(() => !text('[data-test="bb-table"]').includes('大陆电子'))
    expect(text('[data-test="bb-table"]')).toContain('长春一汽富维')
    await waitFor(() => router.currentRoute.value.query.leader === '7')
    expect(router.currentRoute.value.query.period).toBe(THIS)
  })

  it('hides the leaders\' table from a leader who sees only his own', async () => {
    await mountAt(`/economy/baobao?period=${NEXT}`, { id: 7, username: 'wang', role: 'dept_head' }, ['economy.read', 'economy.baobao'], (method, path, body, query) => {
      if (method === 'GET' && path === '/api/economy/baobao') return [200, { period: query.get('period'), indicators: INDICATORS, items: [ITEMS[0]], leaders: [LEADERS[1]] }]
    })
    await waitFor(() => text('[data-test="bb-table"]').includes('长春一汽富维'))
    expect(calls[0].query).toEqual({ period: NEXT })
    expect(q('[data-test="bb-leaders"]')).toBe(null)
  })

  it('sets the month\'s targets in the drawer and records a 调度 that raises a request', async () => {
    let target = null
    const dispatches = []
    await mountAt(`/economy/baobao?period=${THIS}`, { id: 7, username: 'wang', role: 'dept_head' }, ['economy.read', 'economy.baobao'], (method, path, body, query) => {
      if (method === 'GET' && path === '/api/economy/baobao') return [200, { period: query.get('period'), indicators: INDICATORS, items: [ITEMS[0]], leaders: [] }]
      if (method === 'GET' && path === '/api/economy/baobao/11') {
        const one = oneOf(11, query.get('period'))
        if (target != null) one.indicators[0].target = target
        one.dispatches = [...dispatches, ...one.dispatches]
        return [200, one]
      }
      if (method === 'PUT' && path === '/api/economy/baobao/11/targets') {
        if (body.targets.power < 0) return [400, { error: { code: 'validation', message: '目标不能为负数', field: 'targets.power' } }]
        target = body.targets.output
        const one = oneOf(11, body.period)
        one.indicators[0].target = target
        return [200, one]
      }
      if (method === 'POST' && path === '/api/economy/baobao/11/dispatches') {
        dispatches.unshift({ id: 6, recorded_on: body.recorded_on, production: body.production, orders: body.orders, problems: body.problems, ticket_id: 92, ticket_no: 'SQ2026120002', creator_name: '王副主任', created_at: '' })
        return [201, { id: 6, ticket_id: 92, ticket_no: 'SQ2026120002' }]
      }
    })
    await waitFor(() => q('[data-test="bb-ent-11"]'))
    q('[data-test="bb-ent-11"]').click()
    await waitFor(() => q('[data-test="bb-drawer"] input[name="target-output"]'))
    const ind = text('[data-test="bb-indicators"]')
    expect(ind).toContain('1,100万元')
    expect(ind).toContain('98.4%')
    expect(text('[data-test="bb-drawer-report"]')).toBe('已报送')
    expect(text('[data-test="bb-dispatches"]')).toContain('部分开工')
    expect(q('[data-test="bb-ticket-91"]').getAttribute('href')).toBe('/tickets/91')
    expect(text('[data-test="bb-visits"]')).toContain('挖潜')
    expect(q('input[name="target-output"]').value).toBe('1200')

    // 月初定目标
    input(q('input[name="target-output"]'), '1500')
    await flushPromises()
    q('[data-test="bb-targets-save"]').click()
    await waitFor(() => calls.some((c) => c.method === 'PUT'))
    expect(calls.find((c) => c.method === 'PUT').body).toEqual({ period: THIS, targets: { output: 1500 } })
    await waitFor(() => text('[data-test="bb-indicators"]').includes('1,500万元'))

    // 月中调度: 排产 first, then the problems a request needs
    q('[data-test="bb-dispatch-save"]').click()
    await waitFor(() => q('[data-field="production"] .el-form-item__error'))
    expect(text('[data-field="production"] .el-form-item__error')).toBe('请选择排产状态')
    q('[data-test="bb-production"] [data-production="stopped"] input').click()
    q('[data-test="bb-raise"] input').click()
    await flushPromises()
    q('[data-test="bb-dispatch-save"]').click()
    await waitFor(() => q('[data-field="problems"] .el-form-item__error'))
    expect(text('[data-field="problems"] .el-form-item__error')).toBe('提交诉求须填写存在问题')
    expect(calls.some((c) => c.method === 'POST')).toBe(false)
    input(q('textarea[name="orders"]'), '订单排至明年一月')
    input(q('textarea[name="problems"]'), '原料断供，急需协调')
    await flushPromises()
    q('[data-test="bb-dispatch-save"]').click()
    await waitFor(() => calls.some((c) => c.method === 'POST'))
    expect(calls.find((c) => c.method === 'POST').body).toEqual({ period: THIS, recorded_on: today(), production: 'stopped', orders: '订单排至明年一月', problems: '原料断供，急需协调', raise_request: true })
    await waitFor(() => q('[data-test="bb-ticket-92"]'))
    expect(text('[data-test="bb-dispatches"]')).toContain('停产')
    expect(q('textarea[name="problems"]').value).toBe('')
  })

  it('reads only, without the forms, when the user may not write; a past month takes no targets', async () => {
    const past = shiftPeriod(THIS, -1)
    await mountAt(`/economy/baobao?period=${past}`, { id: 2, username: 'leader', role: 'leader' }, ['economy.read', 'economy.stats', 'economy.baobao'], (method, path, body, query) => {
      if (method === 'GET' && path === '/api/economy/baobao') return [200, { period: query.get('period'), indicators: INDICATORS, items: [ITEMS[0]], leaders: [LEADERS[1]] }]
      if (method === 'GET' && path === '/api/economy/baobao/11') return [200, oneOf(11, query.get('period'), { may_write: query.get('period') !== past })]
    })
    await waitFor(() => q('[data-test="bb-ent-11"]'))
    q('[data-test="bb-ent-11"]').click()
    await waitFor(() => q('[data-test="bb-read-only"]'))
    expect(q('[data-test="bb-targets-form"]')).toBe(null)
    expect(q('[data-test="bb-dispatch-form"]')).toBe(null)
    expect(calls.find((c) => c.path === '/api/economy/baobao/11').query).toEqual({ period: past })
  })

  it('dates a 调度 in the month shown, when the month changed while the drawer was closed', async () => {
    const past = shiftPeriod(THIS, -1)
    await mountAt('/economy/baobao', { id: 7, username: 'wang', role: 'dept_head' }, ['economy.read', 'economy.baobao'], (method, path, body, query) => {
      if (method === 'GET' && path === '/api/economy/baobao/11') return [200, oneOf(11, query.get('period'))]
    }, BaobaoDrawer, { modelValue: true, enterpriseId: 11, name: '长春一汽富维', period: past })
    const day = () => q('[data-field="recorded_on"] input') && q('[data-field="recorded_on"] input').value
    await waitFor(() => day() === periodEnd(past))
    await mounted.setProps({ modelValue: false })
    await mounted.setProps({ period: THIS })
    await flushPromises()
    await mounted.setProps({ modelValue: true })
    await waitFor(() => day() === today())
    expect(calls.filter((c) => c.path === '/api/economy/baobao/11').map((c) => c.query.period)).toEqual([past, THIS])
  })
})
