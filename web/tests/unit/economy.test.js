// 经济运行 in the console (views/economy/rules.js and its pages): the default month, the body a
// filing sends, the indicator an error names, the deviations beyond ±50%, 同比 and 进度 as people
// read them, figures in their unit; 企业直报 against a fake server (the warnings asking for a note,
// the filing again, the 经发局's note, a locked month's 409, an error under its indicator), 报表审核's
// return with its required note, and 经济指标's table, with a province user's 全部园区 (the
// whole and zone by zone).
import { describe, it, expect, vi, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createRouter, createMemoryHistory } from 'vue-router'
import { routes } from '../../src/router/routes'
import { i18n, setAppLocale } from '../../src/i18n'
import { configureHttp } from '../../src/api/http'
import { useAuthStore } from '../../src/stores/auth'
import { today } from '../../src/utils/format'
import EconomyReport from '../../src/views/economy/EconomyReport.vue'
import EconomyReview from '../../src/views/economy/EconomyReview.vue'
import EconomySummary from '../../src/views/economy/EconomySummary.vue'
import {
  GROUPS,
  groupParam,
  SCOPES,
  zoneParam,
  zoneRows,
  zoneBars,
  shiftPeriod,
  lastMonth,
  periodEnded,
  periodOfDate,
  notEndedDate,
  monthNo,
  reportForm,
  reportBody,
  indicatorOfError,
  warningsByCode,
  unnoted,
  deviation,
  beyond,
  valueCheck,
  offCount,
  reviewActions,
  checkReturn,
  fmtChange,
  changeTone,
  fmtShare,
  progressState,
  fmtNumber,
  fmtFigure,
  groupRows,
  yoySeries,
  targetsBody,
  contribBars,
  bulletinName,
} from '../../src/views/economy/rules'
import { waitFor, json } from './page-helpers'

// jsdom has no canvas: the chart is a stub that shows its option's data
vi.mock('../../src/components/EChart.vue', () => ({
  default: { props: ['option', 'height'], template: '<div data-test="chart-stub">{{ JSON.stringify(option.series[0].data.map((d) => d.value)) }}</div>' },
}))

describe('months', () => {
  it('defaults to last month, across the new year', () => {
    expect(lastMonth('2026-12-04')).toBe('2026-11')
    expect(lastMonth('2026-01-31')).toBe('2025-12')
    expect(lastMonth('2026-03-01')).toBe('2026-02')
  })
  it('moves months and tells an ended month', () => {
    expect(shiftPeriod('2026-01', -1)).toBe('2025-12')
    expect(shiftPeriod('2025-12', 1)).toBe('2026-01')
    expect(shiftPeriod('2026-05', -17)).toBe('2024-12')
    expect(shiftPeriod('2026-05', 24)).toBe('2028-05')
    expect(periodEnded('2026-11', '2026-12-04')).toBe(true)
    expect(periodEnded('2026-12', '2026-12-04')).toBe(false)
    expect(periodEnded('2027-01', '2026-12-04')).toBe(false)
    expect(periodEnded('2026-13', '2027-12-04')).toBe(false)
    expect(monthNo('2026-06')).toBe(6)
    expect(periodOfDate(new Date(2026, 0, 15))).toBe('2026-01')
    const disabled = notEndedDate('2026-12-04')
    expect([new Date(2026, 10, 1), new Date(2026, 11, 1), new Date(2027, 0, 1)].map(disabled)).toEqual([false, true, true])
  })
  it('sends no group for 不分组', () => {
    expect(GROUPS[0]).toBe('none')
    expect(GROUPS.map(groupParam)).toEqual(['', 'industry', 'building', 'leader'])
    expect(groupParam('bogus')).toBe('')
  })
})

const INDS = [
  { code: 'output', name: '工业总产值', unit: '万元' },
  { code: 'revenue', name: '营业收入', unit: '万元' },
  { code: 'profit', name: '利润', unit: '万元', may_be_negative: true },
  { code: 'employees', name: '从业人员', unit: '人' },
]

describe('the monthly report', () => {
  it('makes the form from the report filed, or an empty one', () => {
    expect(reportForm(INDS, null)).toEqual({ values: { output: null, revenue: null, profit: null, employees: null }, notes: { output: '', revenue: '', profit: '', employees: '' } })
    const rep = { values: [{ code: 'output', value: 1200.5, note: '新产线投产' }, { code: 'profit', value: -30, note: '' }] }
    expect(reportForm(INDS, rep)).toEqual({ values: { output: 1200.5, revenue: null, profit: -30, employees: null }, notes: { output: '新产线投产', revenue: '', profit: '', employees: '' } })
  })
  it('sends the values given and the notes of those values, trimmed', () => {
    const form = { values: { output: 1200, revenue: '', profit: 0, employees: null }, notes: { output: '  新产线投产 ', revenue: '没有值的说明', profit: ' ', employees: '' } }
    expect(reportBody('2026-11', form)).toEqual({ period: '2026-11', values: { output: 1200, profit: 0 }, notes: { output: '新产线投产' } })
  })
  it('finds the indicator an error names', () => {
    expect(indicatorOfError('指标「工业总产值」须为数字', INDS)).toBe('output')
    expect(indicatorOfError('缺少必报指标「营业收入」', INDS)).toBe('revenue')
    expect(indicatorOfError('缺少必报指标「研发投入」', INDS)).toBe(null)
    expect(indicatorOfError('请填写指标数值', INDS)).toBe(null)
    expect(indicatorOfError(undefined, INDS)).toBe(null)
  })
  it('groups the warnings by indicator and names those still without a note', () => {
    const w = [
      { code: 'output', against: 'last_month', message: '工业总产值 比上月增长 80%' },
      { code: 'output', against: 'last_year', message: '工业总产值 比去年同月增长 120%' },
      { code: 'revenue', against: 'last_month', message: '营业收入 比上月下降 60%' },
    ]
    expect(warningsByCode(w)).toEqual({ output: ['工业总产值 比上月增长 80%', '工业总产值 比去年同月增长 120%'], revenue: ['营业收入 比上月下降 60%'] })
    expect(unnoted(w, { output: '', revenue: ' ' })).toEqual(['output', 'revenue'])
    expect(unnoted(w, { output: '扩产', revenue: '' })).toEqual(['revenue'])
    expect(unnoted([], {})).toEqual([])
  })
})

describe('deviations (±50%, the server\'s rule)', () => {
  it('measures a value against its base', () => {
    expect(deviation(150, 100)).toBe(0.5)
    expect(deviation(40, 100)).toBeCloseTo(-0.6)
    expect(deviation(-50, -100)).toBe(0.5)
    expect(deviation(10, 0)).toBe(null)
    expect(deviation(10, null)).toBe(null)
    expect(deviation(null, 10)).toBe(null)
  })
  it('flags only what is beyond ±50%', () => {
    expect(beyond(0.5)).toBe(false)
    expect(beyond(-0.5)).toBe(false)
    expect(beyond(0.5001)).toBe(true)
    expect(beyond(-0.51)).toBe(true)
    expect(beyond(null)).toBe(false)
  })
  it('checks a value on last month and last year', () => {
    expect(valueCheck({ value: 100, last_month: 95, last_year: 90, note: '' })).toMatchObject({ monthOff: false, yearOff: false, off: false, explained: false })
    const c = valueCheck({ value: 100, last_month: 40, last_year: 90, note: '新订单' })
    expect(c).toMatchObject({ monthOff: true, yearOff: false, off: true, explained: true })
    expect(c.month).toBeCloseTo(1.5)
    expect(valueCheck({ value: 100, last_month: null, last_year: 300 })).toMatchObject({ month: null, monthOff: false, yearOff: true })
    expect(offCount({ values: [{ value: 100, last_month: 40 }, { value: 1, last_month: 1 }, { value: 10, last_year: 30 }] })).toBe(2)
    expect(offCount(null)).toBe(0)
  })
  it('offers 通过 and 退回 on a submitted report only, to reviewers', () => {
    expect(reviewActions({ status: 'submitted' }, true)).toEqual(['accept', 'return'])
    expect(reviewActions({ status: 'accepted' }, true)).toEqual([])
    expect(reviewActions({ status: 'returned' }, true)).toEqual([])
    expect(reviewActions({ status: 'submitted' }, false)).toEqual([])
  })
  it('asks for the note of a return', () => {
    expect(checkReturn({ note: '  ' })).toEqual({ note: 'economy.review.noteRequired' })
    expect(checkReturn({ note: '请核实营业收入' })).toEqual({})
    expect(checkReturn({ note: '字'.repeat(201) })).toEqual({ note: 'economy.review.noteTooLong' })
  })
})

describe('figures', () => {
  it('writes 同比 as a signed percent, red up and green down', () => {
    expect(fmtChange(0.08)).toBe('+8.0%')
    expect(fmtChange(-0.0321)).toBe('-3.2%')
    expect(fmtChange(0)).toBe('0.0%')
    expect(fmtChange(-0.00001)).toBe('0.0%')
    expect(fmtChange(1.5)).toBe('+150.0%')
    expect(fmtChange(null)).toBe('-')
    expect(fmtChange(undefined)).toBe('-')
    expect(changeTone(0.08)).toBe('up')
    expect(changeTone(-0.2)).toBe('down')
    expect(changeTone(0.00001)).toBe('')
    expect(changeTone(null)).toBe('')
  })
  it('writes 完成进度 and 序时进度, and says which is ahead', () => {
    expect(fmtShare(0.7345)).toBe('73.5%')
    expect(fmtShare(11 / 12)).toBe('91.7%')
    expect(fmtShare(null)).toBe('-')
    expect(progressState(0.95, 11 / 12)).toBe('ahead')
    expect(progressState(0.5, 0.5)).toBe('ahead')
    expect(progressState(0.4, 0.5)).toBe('behind')
    expect(progressState(null, 0.5)).toBe(null)
  })
  it('writes figures in their unit, money like the project pages', () => {
    expect(fmtFigure(3200, '万元')).toBe('3,200万元')
    expect(fmtFigure(620000, '万元')).toBe('62亿元')
    expect(fmtFigure(15000, '万美元')).toBe('1.5亿美元')
    expect(fmtFigure(1234, '人')).toBe('1,234人')
    expect(fmtFigure(56.456, '万千瓦时')).toBe('56.46万千瓦时')
    expect(fmtFigure(-120, '万元')).toBe('-120万元')
    expect(fmtFigure(null, '万元')).toBe('-')
    expect(fmtFigure(5000, '万元', { style: 'million', million: ' m CNY', millionUsd: ' m USD' })).toBe('50 m CNY')
    expect(fmtNumber(1234567.891)).toBe('1,234,567.89')
  })
  it('orders a grouping\'s rows, the unnamed group last, and draws 累计同比', () => {
    const items = [
      { group: 'B栋', code: 'output' },
      { group: '', code: 'output' },
      { group: 'A栋', code: 'output' },
      { group: 'A栋', code: 'revenue' },
    ]
    expect(groupRows(items, 'output').map((x) => x.group)).toEqual(['A栋', 'B栋', ''])
    expect(yoySeries([{ name: '工业总产值', ytd_yoy: 0.0812 }, { name: '利润', ytd_yoy: null }, { name: '税收', ytd_yoy: -0.1 }])).toEqual({ names: ['工业总产值', '利润', '税收'], values: [8.1, null, -10] })
  })
  it('orders the zones on a figure, those without it last, and draws the largest 累计', () => {
    expect(SCOPES.map(zoneParam)).toEqual(['', 'all'])
    expect(zoneParam('bogus')).toBe('')
    const items = [
      { group: '乙园区', code: 'output', ytd_value: 300, ytd_yoy: 0.1 },
      { group: '甲园区', code: 'output', ytd_value: 500, ytd_yoy: null },
      { group: '丙园区', code: 'output', ytd_value: null, ytd_yoy: null },
      { group: '丁园区', code: 'output', ytd_value: 300, ytd_yoy: -0.05 },
      { group: '甲园区', code: 'revenue', ytd_value: 9, ytd_yoy: 0.2 },
    ]
    const names = (rows) => rows.map((x) => x.group)
    const byName = [...items.slice(0, 4)].sort((a, b) => a.group.localeCompare(b.group, 'zh-CN'))
    expect(names(zoneRows(items, 'output', 'ytd_value', 'descending'))).toEqual(['甲园区', ...names(byName.filter((x) => x.ytd_value === 300)), '丙园区'])
    expect(names(zoneRows(items, 'output', 'ytd_value', 'ascending'))).toEqual([...names(byName.filter((x) => x.ytd_value === 300)), '甲园区', '丙园区'])
    expect(names(zoneRows(items, 'output', 'ytd_yoy', 'ascending')).slice(0, 2)).toEqual(['丁园区', '乙园区'])
    expect(names(zoneRows(items, 'output', 'ytd_yoy', 'descending')).slice(0, 2)).toEqual(['乙园区', '丁园区'])
    expect(names(zoneRows(items, 'output', 'ytd_yoy', null))).toEqual(names(byName))
    expect(zoneRows(null, 'output')).toEqual([])
    expect(names(zoneBars(items, 'output'))).toEqual(['甲园区', ...names(byName.filter((x) => x.ytd_value === 300))])
    expect(names(zoneBars(items, 'output', 1))).toEqual(['甲园区'])
    expect(items[0].group).toBe('乙园区') // the answer is left as it came
  })
  it('sends the targets given', () => {
    expect(targetsBody('2026', { output: 1000000, revenue: null, tax: '', profit: 0 })).toEqual({ year: 2026, targets: { output: 1000000, profit: 0 } })
  })
})

// ---- the pages against a fake server ----

const q = (sel) => document.body.querySelector(sel)
const text = (sel) => (q(sel) ? q(sel).textContent.trim() : '')
let calls
let mounted
async function mountAt(component, path, user, perms, server) {
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
  mounted = mount(component, { global: { plugins: [pinia, router, i18n] }, attachTo: document.body })
  return mounted
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

const LAST = lastMonth(today())
const INDICATORS = [
  { id: 1, code: 'output', name: '工业总产值', unit: '万元', kind: 'flow', required_of: 'above_industrial', may_be_negative: false, active: true },
  { id: 2, code: 'revenue', name: '营业收入', unit: '万元', kind: 'flow', required_of: 'above_size', may_be_negative: false, active: true },
]
const ENT = { id: 9, username: 'qiye', role: 'enterprise', enterprise_id: 4 }

describe('企业直报', { timeout: 20000 }, () => {
  it('files the month, asks for the note a warning names, files again, and shows the 经发局\'s note', async () => {
    let report = null
    await mountAt(EconomyReport, '/economy/report', ENT, ['economy.read', 'economy.report'], (method, path, body) => {
      if (method === 'GET' && path === `/api/economy/periods/${LAST}`) return [200, { period: LAST, deadline: '2099-12-31', state: 'open' }]
      if (method === 'GET' && path === '/api/economy/indicators') return [200, { items: INDICATORS }]
      if (method === 'GET' && path === '/api/economy/reports') return [200, { items: report ? [report] : [], total: report ? 1 : 0 }]
      if (method === 'GET' && path === '/api/economy/reports/77') return [200, report]
      if (method === 'POST' && path === '/api/economy/reports') {
        const rev = report ? report.revision + 1 : 1
        report = {
          id: 77,
          period: LAST,
          status: 'submitted',
          revision: rev,
          review_note: rev === 1 ? '' : '',
          submitted_at: '2026-12-02T02:00:00Z',
          values: INDICATORS.map((i) => ({ code: i.code, name: i.name, unit: i.unit, value: body.values[i.code], last_month: 100, last_year: 90, note: (body.notes || {})[i.code] || '' })),
        }
        const warnings = body.values.output > 150 && !(body.notes || {}).output ? [{ code: 'output', against: 'last_month', base: 100, value: body.values.output, message: '工业总产值比上月变动超过 50%，请填写说明' }] : []
        return [200, { ...report, warnings }]
      }
    })
    await waitFor(() => q('input[name="value-output"]'))
    expect(text('[data-test="econ-period-state"]')).toBe('报送中')
    expect(text('[data-test="econ-report-status"]')).toBe('本月尚未报送')
    expect(text('[data-indicator="output"]')).toContain('规上工业企业必报')
    input(q('input[name="value-output"]'), '300')
    input(q('input[name="value-revenue"]'), '110')
    await flushPromises()
    q('[data-test="econ-submit"]').click()
    await waitFor(() => q('[data-test="econ-warnings"]'))
    expect(calls.find((c) => c.method === 'POST').body).toEqual({ period: LAST, values: { output: 300, revenue: 110 }, notes: {} })
    expect(text('[data-test="econ-warnings"]')).toContain('工业总产值比上月变动超过 50%')
    await waitFor(() => q('[data-field="notes.output"] .el-form-item__error'))
    expect(text('[data-field="notes.output"] .el-form-item__error')).toContain('请填写说明')
    expect(q('[data-test="econ-report-status"]').getAttribute('data-status')).toBe('submitted')
    expect(text('[data-test="econ-compare-output"]')).toBe('上月 100万元 · 去年同月 90万元')

    input(q('input[name="note-output"]'), '新产线投产')
    await waitFor(() => !q('[data-field="notes.output"] .el-form-item__error'))
    q('[data-test="econ-submit"]').click()
    await waitFor(() => calls.filter((c) => c.method === 'POST').length === 2 && !q('[data-test="econ-warnings"]'))
    expect(calls.filter((c) => c.method === 'POST')[1].body.notes).toEqual({ output: '新产线投产' })
    expect(text('[data-test="econ-report-head"]')).toContain('第 2 次报送')
  })

  it('shows the note of a returned report, a locked month\'s refusal and an error under its indicator', async () => {
    const returned = { id: 5, period: LAST, status: 'returned', revision: 1, review_note: '营业收入与应税销售差异较大，请核实后重报', submitted_at: '2026-12-02T02:00:00Z', values: [{ code: 'output', name: '工业总产值', unit: '万元', value: 100, last_month: 90, last_year: null, note: '' }] }
    let answer = [409, { error: { code: 'conflict', message: `${LAST} 的数据已于 2026-12-08 截止报送，修改请联系经发局` } }]
    await mountAt(EconomyReport, '/economy/report', ENT, ['economy.read', 'economy.report'], (method, path) => {
      if (method === 'GET' && path.startsWith('/api/economy/periods/')) return [200, { period: LAST, deadline: '2026-12-08', state: 'locked' }]
      if (method === 'GET' && path === '/api/economy/indicators') return [200, { items: INDICATORS }]
      if (method === 'GET' && path === '/api/economy/reports') return [200, { items: [returned], total: 1 }]
      if (method === 'GET' && path === '/api/economy/reports/5') return [200, returned]
      if (method === 'POST' && path === '/api/economy/reports') return answer
    })
    await waitFor(() => q('[data-test="econ-review-note"]'))
    expect(text('[data-test="econ-review-note"]')).toContain('营业收入与应税销售差异较大，请核实后重报')
    expect(text('[data-test="econ-report-status"]')).toBe('已退回')
    expect(text('[data-test="econ-period-state"]')).toBe('已截止')
    expect(q('input[name="value-output"]').value).toBe('100')
    q('[data-test="econ-submit"]').click()
    await waitFor(() => q('[data-test="econ-refused"]'))
    expect(text('[data-test="econ-refused"]')).toBe(`${LAST} 的数据已于 2026-12-08 截止报送，修改请联系经发局`)

    answer = [400, { error: { code: 'validation', message: '缺少必报指标「营业收入」', field: 'values' } }]
    q('[data-test="econ-submit"]').click()
    await waitFor(() => q('[data-field="values.revenue"] .el-form-item__error'))
    expect(text('[data-field="values.revenue"] .el-form-item__error')).toBe('缺少必报指标「营业收入」')
    expect(q('[data-test="econ-refused"]')).toBe(null)
    expect(q('[data-field="values"] .el-form-item__error')).toBe(null)
  })
})

describe('报表审核', { timeout: 20000 }, () => {
  it('returns a report with its required note, and lists the enterprises that have not filed', async () => {
    let status = 'submitted'
    const row = () => ({ id: 31, enterprise_id: 4, enterprise_name: '长春某机械有限公司', uscc: '91220101MA0000000X', period: LAST, status, revision: 1, submitter_name: '企业填报员', submitted_at: '2026-12-02T02:00:00Z' })
    await mountAt(EconomyReview, '/economy/reviews', { id: 3, username: 'jingfa', role: 'dept_head', dept_id: 7 }, ['economy.read', 'economy.review', 'economy.stats', 'economy.report'], (method, path, body) => {
      if (method === 'GET' && path === '/api/economy/reports') return [200, { items: [row()], total: 1 }]
      if (method === 'GET' && path === '/api/economy/reports/31') return [200, { ...row(), values: [{ code: 'output', name: '工业总产值', unit: '万元', value: 300, last_month: 100, last_year: 280, note: '' }] }]
      if (method === 'POST' && path === '/api/economy/reports/31/return') {
        status = 'returned'
        return [200, { ...row(), review_note: body.note, values: [] }]
      }
      if (method === 'GET' && path === '/api/economy/missing') return [200, { period: LAST, items: [{ enterprise_id: 8, name: '长春某汽配有限公司', uscc: '', status: '' }], total: 1 }]
      if (method === 'GET' && path === '/api/enterprises') return [200, { items: [], total: 0 }]
    })
    await waitFor(() => q('[data-test="econ-return-31"]'))
    expect(calls.find((c) => c.path === '/api/economy/reports').query.period).toBe(LAST)
    q('[data-test="econ-view-31"]').click()
    await waitFor(() => q('[data-test="econ-off-count"]'))
    expect(text('[data-test="econ-off-count"]')).toBe('1 项指标变动超过 50%')
    expect(q('[data-test="econ-values"] [data-code="output"]').getAttribute('data-off')).toBe('1')
    expect(text('[data-test="econ-values"]')).toContain('+200.0%')

    q('[data-test="econ-drawer-return"]').click()
    await waitFor(() => q('[data-test="econ-return-dialog"] textarea[name="note"]'))
    q('[data-test="econ-return-save"]').click()
    await waitFor(() => q('[data-test="econ-return-dialog"] [data-field="note"] .el-form-item__error'))
    expect(text('[data-test="econ-return-dialog"] [data-field="note"] .el-form-item__error')).toBe('请填写退回意见')
    expect(calls.filter((c) => c.method === 'POST')).toEqual([])
    input(q('[data-test="econ-return-dialog"] textarea[name="note"]'), '请核实工业总产值')
    await flushPromises()
    q('[data-test="econ-return-save"]').click()
    await waitFor(() => calls.some((c) => c.method === 'POST'))
    expect(calls.filter((c) => c.method === 'POST').map((c) => [c.path, c.body])).toEqual([['/api/economy/reports/31/return', { note: '请核实工业总产值' }]])
    await waitFor(() => q('[data-test="econ-status-31"]') && q('[data-test="econ-status-31"]').getAttribute('data-status') === 'returned')
    expect(q('[data-test="econ-return-31"]')).toBe(null)

    const tab = [...document.body.querySelectorAll('.el-tabs__item')].find((el) => el.textContent.includes('应报未报'))
    tab.click()
    await waitFor(() => text('[data-test="econ-missing-table"]').includes('长春某汽配有限公司'))
    expect(text('[data-test="econ-missing-total"]')).toBe(`${LAST} 应报未报 1 家`)
    expect(text('[data-test="econ-missing-table"]')).toContain('未报送')
  })
})

describe('经济指标', { timeout: 20000 }, () => {
  it('shows the month, the year to date, 同比 in red and green, and progress against 序时进度', async () => {
    const items = [
      { code: 'output', name: '工业总产值', unit: '万元', kind: 'flow', month_value: 52000, ytd_value: 620000, month_yoy: 0.081, ytd_yoy: 0.15, reporting: 40, same_set: 38, target: 800000, progress: 0.775, schedule: 11 / 12, half: true },
      { code: 'employees', name: '从业人员', unit: '人', kind: 'stock', month_value: 12000, ytd_value: 12000, month_yoy: -0.02, ytd_yoy: -0.02, reporting: 40, same_set: 38, target: null, progress: null, schedule: 11 / 12, half: null },
    ]
    await mountAt(EconomySummary, '/economy/summary', { id: 2, username: 'leader', role: 'leader' }, ['economy.read', 'economy.stats'], (method, path, body, query) => {
      if (method === 'GET' && path === '/api/economy/summary') return [200, { period: query.get('period'), items }]
      if (method === 'GET' && path.startsWith('/api/economy/periods/')) return [200, { period: LAST, deadline: '2026-12-08', state: 'open' }]
    })
    await waitFor(() => text('[data-test="econ-summary-table"]').includes('工业总产值'))
    const table = text('[data-test="econ-summary-table"]')
    expect(table).toContain('62亿元')
    expect(table).toContain('+15.0%')
    expect(table).toContain('-2.0%')
    expect(table).toContain('77.5%')
    expect(q('[data-col="ytd_yoy"]').className).toContain('up')
    expect(text('[data-test="chart-stub"]')).toBe('[15,-2]')
    expect(q('[data-test="econ-set-targets"]')).toBe(null)
    expect(calls.find((c) => c.path === '/api/economy/summary').query).toEqual({ period: LAST })
  })

  it('lets the admin set the year\'s targets and the month\'s deadline', async () => {
    const items = [{ code: 'output', name: '工业总产值', unit: '万元', kind: 'flow', month_value: 1, ytd_value: 2, month_yoy: null, ytd_yoy: null, reporting: 1, same_set: 0, target: 500000, progress: 0, schedule: 0.5, half: null }]
    let deadline = '2026-12-08'
    await mountAt(EconomySummary, '/economy/summary', { id: 1, username: 'admin', role: 'admin' }, ['economy.read', 'economy.stats', 'economy.admin'], (method, path, body) => {
      if (method === 'GET' && path === '/api/economy/summary') return [200, { period: LAST, items }]
      if (method === 'GET' && path.startsWith('/api/economy/periods/')) return [200, { period: LAST, deadline, state: 'open' }]
      if (method === 'PUT' && path === '/api/economy/targets') return [200, { year: body.year }]
      if (method === 'PUT' && path.startsWith('/api/economy/periods/')) {
        deadline = body.deadline
        return [200, { period: LAST, deadline, state: 'open' }]
      }
    })
    await waitFor(() => q('[data-test="econ-set-targets"]') && !q('[data-test="econ-set-targets"]').disabled)
    q('[data-test="econ-set-targets"]').click()
    await waitFor(() => q('[data-test="econ-targets-dialog"] input[name="target-output"]'))
    expect(q('input[name="target-output"]').value).toBe('500000')
    input(q('input[name="target-output"]'), '800000')
    await flushPromises()
    q('[data-test="econ-targets-save"]').click()
    await waitFor(() => calls.some((c) => c.method === 'PUT'))
    expect(calls.find((c) => c.method === 'PUT').body).toEqual({ year: Number(LAST.slice(0, 4)), targets: { output: 800000 } })

    await waitFor(() => q('[data-test="econ-set-deadline"]') && !q('[data-test="econ-set-deadline"]').disabled)
    q('[data-test="econ-set-deadline"]').click()
    await waitFor(() => q('[data-test="econ-deadline-save"]'))
    q('[data-test="econ-deadline-save"]').click()
    await waitFor(() => calls.filter((c) => c.method === 'PUT').length === 2)
    expect(calls.filter((c) => c.method === 'PUT')[1]).toMatchObject({ path: `/api/economy/periods/${LAST}`, body: { deadline: '2026-12-08' } })
  })
})

describe('经济指标 of every zone', { timeout: 20000 }, () => {
  const row = (code, name, o) => ({ code, name, unit: '万元', kind: 'flow', month_value: null, ytd_value: null, month_yoy: null, ytd_yoy: null, reporting: 0, same_set: 0, target: null, progress: null, schedule: 0.5, half: null, forecast: null, ...o })
  const ZONE = [row('output', '工业总产值', { month_value: 100, ytd_value: 500, ytd_yoy: 0.02, reporting: 3 }), row('revenue', '营业收入', { ytd_value: 80 })]
  const ALL = [row('output', '工业总产值', { month_value: 5200, ytd_value: 700000, ytd_yoy: 0.123, reporting: 120, same_set: 110 }), row('revenue', '营业收入', { ytd_value: 9000, ytd_yoy: -0.04 })]
  const BY_ZONE = [
    row('output', '工业总产值', { group: '长春经开区', month_value: 3000, ytd_value: 400000, ytd_yoy: 0.05, reporting: 70, same_set: 65, target: 800000, progress: 0.5, schedule: 0.5 }),
    row('output', '工业总产值', { group: '吉林高新区', month_value: 2200, ytd_value: 300000, ytd_yoy: 0.2, reporting: 50, same_set: 45 }),
    row('output', '工业总产值', { group: '四平红嘴园区' }),
    row('revenue', '营业收入', { group: '长春经开区', ytd_value: 5000, ytd_yoy: -0.1 }),
    row('revenue', '营业收入', { group: '吉林高新区', ytd_value: 4000, ytd_yoy: 0.03 }),
  ]
  const server = (method, path, body, query) => {
    if (method === 'GET' && path === '/api/economy/summary') {
      if (query.get('zone') !== 'all') return [200, { period: query.get('period'), items: ZONE }]
      if (query.get('group') === 'zone') return [200, { period: query.get('period'), zone: 'all', group: 'zone', items: BY_ZONE, zones: 3 }]
      return [200, { period: query.get('period'), zone: 'all', items: ALL, zones: 3 }]
    }
    if (method === 'GET' && path.startsWith('/api/economy/periods/')) return [200, { period: LAST, deadline: '2026-12-08', state: 'open' }]
    if (method === 'GET' && path === '/api/economy/contributions') return [200, { period: LAST, indicator: 'output', name: '工业总产值', unit: '万元', same_set: 0, contributors: [], drags: [] }]
  }
  const zoneRowNames = () => [...document.body.querySelectorAll('[data-test="econ-zones-table"] [data-test="econ-zone-row"]')].map((el) => el.textContent.trim())
  const header = (table, label) => [...document.body.querySelectorAll(`[data-test="${table}"] th`)].find((th) => th.textContent.includes(label))

  it('offers no switch to a zone user, who never asks for every zone', async () => {
    await mountAt(EconomySummary, '/economy/summary', { id: 2, username: 'leader', role: 'leader' }, ['economy.read', 'economy.stats'], server)
    await waitFor(() => text('[data-test="econ-summary-table"]').includes('工业总产值'))
    expect(q('[data-test="econ-summary-scope"]')).toBe(null)
    expect(q('[data-test="econ-summary-group"]')).not.toBe(null)
    expect(q('[data-test="econ-zones"]')).toBe(null)
    expect(calls.filter((c) => c.path === '/api/economy/summary').every((c) => !('zone' in c.query))).toBe(true)
  })

  it('shows a province user the whole and zone by zone, without what reads one zone', async () => {
    await mountAt(EconomySummary, '/economy/summary', { id: 5, username: 'gen-province', role: 'province' }, ['economy.read', 'economy.stats'], server)
    await waitFor(() => text('[data-test="econ-summary-table"]').includes('工业总产值'))
    // 本园区 first: the zone looked at, as before
    expect(text('[data-test="econ-summary-scope"]')).toBe('本园区全部园区')
    expect(q('[data-test="econ-summary-scope"] input[value="zone"]').checked).toBe(true)
    expect(text('[data-test="econ-summary-table"]')).toContain('500万元')
    expect(q('[data-test="econ-summary-zones"]')).toBe(null)
    expect(q('[data-test="econ-contrib"]')).not.toBe(null)
    expect(q('[data-test="econ-bulletin-download"]')).not.toBe(null)

    q('[data-test="econ-summary-scope"] input[value="all"]').click()
    await waitFor(() => text('[data-test="econ-summary-table"]').includes('70亿元'))
    expect(text('[data-test="econ-summary-zones"]')).toBe('3 个园区')
    expect(text('[data-test="econ-summary-table"]')).toContain('+12.3%')
    expect(calls.filter((c) => c.path === '/api/economy/summary').map((c) => c.query)).toContainEqual({ period: LAST, zone: 'all' })
    await waitFor(() => zoneRowNames().length === 3)
    expect(calls.filter((c) => c.path === '/api/economy/summary').map((c) => c.query)).toContainEqual({ period: LAST, zone: 'all', group: 'zone' })
    // the first indicator, the largest 累计 first, a zone without figures last
    expect(zoneRowNames()).toEqual(['长春经开区', '吉林高新区', '四平红嘴园区'])
    const zones = text('[data-test="econ-zones-table"]')
    expect(zones).toContain('40亿元')
    expect(zones).toContain('+20.0%')
    expect(zones).toContain('50.0%')
    expect(text('[data-test="econ-zones-chart"]')).toBe('[400000,300000]')
    // sorted on 累计同比, ascending
    header('econ-zones-table', '累计同比').click()
    await waitFor(() => zoneRowNames()[0] === '长春经开区' && zoneRowNames()[1] === '吉林高新区' && q('[data-test="econ-zones-table"] th.ascending'))
    header('econ-zones-table', '累计同比').click()
    await waitFor(() => zoneRowNames()[0] === '吉林高新区')
    expect(zoneRowNames()).toEqual(['吉林高新区', '长春经开区', '四平红嘴园区'])

    // what reads one zone is gone
    for (const sel of ['econ-summary-group', 'econ-summary-indicator', 'econ-summary-deadline', 'econ-bulletin-download', 'econ-set-targets', 'econ-set-deadline', 'econ-contrib']) {
      expect(q(`[data-test="${sel}"]`)).toBe(null)
    }

    // back to 本园区: the zone's figures again
    q('[data-test="econ-summary-scope"] input[value="zone"]').click()
    await waitFor(() => text('[data-test="econ-summary-table"]').includes('500万元'))
    expect(q('[data-test="econ-zones"]')).toBe(null)
    expect(q('[data-test="econ-summary-group"]')).not.toBe(null)
    expect(q('[data-test="econ-contrib"]')).not.toBe(null)
  })
})

describe('贡献与拖累 and the bulletin', { timeout: 20000 }, () => {
  const CONTRIB = {
    period: '2017-03', indicator: 'output', name: '工业总产值', unit: '万元', kind: 'flow', basis: 'ytd', value: 11550, base: 10500, change: 1050, yoy: 0.1, same_set: 3, volatile_threshold: 0.3,
    contributors: [
      { enterprise_id: 1, name: '拉动企业', value: 4500, base: 3000, change: 1500, yoy: 0.5, share: 1500 / 1050, volatile: true },
      { enterprise_id: 3, name: '小幅增长企业', value: 1650, base: 1500, change: 150, yoy: 0.1, share: 150 / 1050, volatile: false },
    ],
    drags: [
      { enterprise_id: 2, name: '拖累企业', value: 5400, base: 6000, change: -600, yoy: -0.1, share: -600 / 1050, volatile: false },
      { enterprise_id: 4, name: '小幅下降企业', value: 90, base: 100, change: -10, yoy: -0.1, share: -10 / 1050, volatile: false },
    ],
  }

  it('orders the bars from the largest rise to the largest fall, and names the file', () => {
    const bars = contribBars(CONTRIB)
    expect(bars.map((b) => [b.name, b.change, b.tone])).toEqual([
      ['拉动企业', 1500, 'up'], ['小幅增长企业', 150, 'up'], ['小幅下降企业', -10, 'down'], ['拖累企业', -600, 'down'],
    ])
    expect(bars[0].volatile).toBe(true)
    expect(bars[0].share).toBeCloseTo(1.428571, 5)
    expect(contribBars(null)).toEqual([])
    expect(contribBars({ contributors: [], drags: [] })).toEqual([])
    expect(CONTRIB.drags[0].name).toBe('拖累企业') // the answer is left as it came
    expect(bulletinName('2017-03')).toBe('经济运行月报-2017-03.pdf')
  })

  it('shows the forecast, charts the contributions of the chosen indicator and downloads the month\'s bulletin', async () => {
    const items = [
      { code: 'output', name: '工业总产值', unit: '万元', kind: 'flow', month_value: 4160, ytd_value: 12480, month_yoy: 0.1, ytd_yoy: 0.1, reporting: 4, same_set: 3, target: 50000, progress: 0.2496, schedule: 0.25, half: null, forecast: 55268.57 },
      { code: 'revenue', name: '营业收入', unit: '万元', kind: 'flow', month_value: null, ytd_value: null, month_yoy: null, ytd_yoy: null, reporting: 0, same_set: 0, target: null, progress: null, schedule: 0.25, half: null, forecast: null },
    ]
    URL.createObjectURL = vi.fn(() => 'blob:x')
    URL.revokeObjectURL = vi.fn()
    await mountAt(EconomySummary, '/economy/summary', { id: 2, username: 'leader', role: 'leader' }, ['economy.read', 'economy.stats'], (method, path, body, query) => {
      if (method === 'GET' && path === '/api/economy/summary') return [200, { period: query.get('period'), items }]
      if (method === 'GET' && path.startsWith('/api/economy/periods/')) return [200, { period: LAST, deadline: '2026-12-08', state: 'open' }]
      if (method === 'GET' && path === '/api/economy/contributions') return [200, { ...CONTRIB, period: query.get('period'), basis: query.get('basis') }]
      if (method === 'GET' && path === '/api/economy/bulletin') return [200, { ok: true }]
    })
    await waitFor(() => text('[data-test="econ-summary-table"]').includes('工业总产值'))
    expect(q('[data-col="forecast"]').textContent).toBe(fmtFigure(55268.57, '万元'))
    await waitFor(() => text('[data-test="econ-contrib-summary"]').includes('同口径企业 3 家'))
    expect(text('[data-test="econ-contrib-chart"]')).toBe('[1500,150,-10,-600]')
    expect(calls.find((c) => c.path === '/api/economy/contributions').query).toEqual({ period: LAST, indicator: 'output', basis: 'ytd', limit: '10' })
    q('[data-test="econ-bulletin-download"]').click()
    await waitFor(() => calls.some((c) => c.path === '/api/economy/bulletin'))
    expect(calls.find((c) => c.path === '/api/economy/bulletin').query).toEqual({ period: LAST, format: 'pdf' })
  })
})
