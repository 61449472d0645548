// The list and submit helpers every page uses: composables/usePagedList.js and useSubmit.js.
import { describe, it, expect, vi, beforeEach } from 'vitest'
import { defineComponent, h, nextTick, ref } from 'vue'
import { mount, flushPromises } from '@vue/test-utils'
import { createRouter, createMemoryHistory } from 'vue-router'

vi.mock('../../src/utils/feedback', () => ({ showUnhandled: vi.fn(), toastOk: vi.fn() }))
const feedback = await import('../../src/utils/feedback')
const { usePagedList, filterParams, filtersFromQuery, queryOf, totalLabel } = await import('../../src/composables/usePagedList')
const { useSubmit } = await import('../../src/composables/useSubmit')

const DEFAULTS = { q: '', leader_id: null, archived: false, period: null }

/** A promise with its resolve and reject at hand. */
function deferred() {
  let resolve, reject
  const promise = new Promise((a, b) => ((resolve = a), (reject = b)))
  return { promise, resolve, reject }
}

describe('filters, API parameters and the URL query', () => {
  it('sends each filter by the type of its default', () => {
    const f = { q: '  一汽 ', leader_id: 7, archived: true, period: ['2026-01-01', '2026-01-31'] }
    expect(filterParams(f, DEFAULTS, 'period')).toEqual({ q: '一汽', leader_id: 7, archived: 1, from: '2026-01-01', to: '2026-01-31' })
    expect(filterParams({ ...DEFAULTS }, DEFAULTS, 'period')).toEqual({ q: '', leader_id: null, archived: null, from: '', to: '' })
  })

  it('reads the same filters back from the query it wrote', () => {
    const f = { q: '一汽', leader_id: 7, archived: true, period: ['2026-01-01', '2026-01-31'] }
    const q = queryOf(filterParams(f, DEFAULTS, 'period'))
    expect(q).toEqual({ q: '一汽', leader_id: '7', archived: '1', from: '2026-01-01', to: '2026-01-31' })
    expect(filtersFromQuery(q, DEFAULTS, 'period')).toEqual(f)
    expect(filtersFromQuery({}, DEFAULTS, 'period')).toEqual(DEFAULTS)
  })

  it('leaves the fixed parameters out of the URL', () => {
    expect(queryOf({ status: 'received', q: 'x', page: 2 }, { status: 'received' })).toEqual({ q: 'x', page: '2' })
  })
})

describe('usePagedList', () => {
  it('loads a page with the filters, sort and fixed parameters', async () => {
    const fetch = vi.fn(async () => ({ items: [{ id: 1 }], total: 41 }))
    const list = usePagedList({ fetch, filters: DEFAULTS, range: 'period', fixed: { status: 'open' }, sort: '-created_at', immediate: false })
    list.filters.q = ' 长春 '
    list.page = 3
    await list.load()
    expect(fetch).toHaveBeenCalledWith({ q: '长春', leader_id: null, archived: null, from: '', to: '', sort: '-created_at', status: 'open', page: 3, page_size: 20 })
    expect(list.rows).toEqual([{ id: 1 }])
    expect(list.total).toBe(41)
    expect(list.loading).toBe(false)
  })

  it('says when a search counted only up to its cap: 共 1,000+ 条', async () => {
    const zh = (await import('../../src/i18n/zh-CN/common.json')).default.common
    const t = (k, v) => zh[k.replace('common.', '')].replace('{n}', v.n)
    const fetch = vi.fn(async (p) => (p.q ? { items: [{ id: 2 }], total: 1000, total_capped: true } : { items: [], total: 7 }))
    const list = usePagedList({ fetch, filters: { q: '' }, immediate: false })
    list.filters.q = '园区'
    await list.load()
    expect(list.totalCapped).toBe(true)
    expect(totalLabel(t, list)).toBe('共 1,000+ 条')
    list.filters.q = ''
    await list.load()
    expect(list.totalCapped).toBe(false)
    expect(totalLabel(t, list)).toBe('共 7 条')
  })

  it('keeps the error and empties the rows when the call fails', async () => {
    const err = new Error('boom')
    const list = usePagedList({ fetch: vi.fn(async () => Promise.reject(err)), immediate: false })
    list.rows = [{ id: 1 }]
    await list.load()
    expect(list.error).toBe(err)
    expect(list.rows).toEqual([])
    expect(list.total).toBe(0)
  })

  it('shows only the answer to the latest load', async () => {
    const first = deferred()
    const second = deferred()
    const fetch = vi.fn().mockReturnValueOnce(first.promise).mockReturnValueOnce(second.promise)
    const list = usePagedList({ fetch, immediate: false })
    const a = list.load()
    const b = list.load()
    second.resolve({ items: [{ id: 'new' }], total: 1 })
    await b
    first.resolve({ items: [{ id: 'old' }], total: 1 })
    await a
    expect(list.rows).toEqual([{ id: 'new' }])
    expect(list.loading).toBe(false)
  })

  it('searches from page 1 and resets to the defaults', async () => {
    const fetch = vi.fn(async () => ({ items: [] }))
    const list = usePagedList({ fetch, filters: DEFAULTS, sort: 'name', immediate: false })
    const filters = list.filters
    list.page = 5
    list.filters.archived = true
    list.sort = '-name'
    await list.search()
    expect(fetch.mock.calls[0][0]).toMatchObject({ page: 1, archived: 1, sort: '-name' })
    await list.reset()
    expect(list.filters).toBe(filters)
    expect(list.filters).toEqual(DEFAULTS)
    expect(fetch.mock.calls[1][0]).toMatchObject({ page: 1, archived: null, sort: 'name' })
  })

  it('lets the page adjust the parameters, and exports the same list', async () => {
    const list = usePagedList({
      fetch: vi.fn(async () => ({ items: [] })),
      filters: { flag: '', as_of: '' },
      params: (p, f) => ({ ...p, as_of: f.flag ? p.as_of : '' }),
      immediate: false,
    })
    list.filters.as_of = '2026-03-01'
    expect(list.params()).toEqual({ flag: '', as_of: '', sort: '' })
    list.filters.flag = 'high_tech'
    const run = deferred()
    const fn = vi.fn(() => run.promise)
    const done = list.exportWith(fn)
    expect(list.exporting).toBe(true)
    expect(fn).toHaveBeenCalledWith({ flag: 'high_tech', as_of: '2026-03-01', sort: '' })
    run.reject(new Error('export failed'))
    await done
    expect(list.exporting).toBe(false)
    expect(feedback.showUnhandled).toHaveBeenCalled()
  })

  it('takes its filters from the URL when mounted and writes them back on load', async () => {
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/list', component: { render: () => null } }] })
    await router.push('/list?q=abc&archived=1&page=2&page_size=50&sort=-name')
    const fetch = vi.fn(async () => ({ items: [], total: 0 }))
    let list
    const Page = defineComponent({
      setup() {
        list = usePagedList({ fetch, filters: DEFAULTS, fixed: { kind: 'x' }, query: true })
        return () => h('div')
      },
    })
    mount(Page, { global: { plugins: [router] } })
    await flushPromises()
    expect(list.filters).toMatchObject({ q: 'abc', archived: true })
    expect(fetch).toHaveBeenCalledWith(expect.objectContaining({ q: 'abc', archived: 1, page: 2, page_size: 50, sort: '-name', kind: 'x' }))
    list.filters.q = 'def'
    await list.search()
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ q: 'def', archived: '1', page: '1', page_size: '50', sort: '-name' })
  })
})

describe('useSubmit', () => {
  beforeEach(() => vi.clearAllMocks())

  it('stops on an invalid form without calling the API', async () => {
    const formRef = ref({ validate: vi.fn(async () => Promise.reject(new Error('invalid'))) })
    const { submit, busy } = useSubmit(formRef)
    const action = vi.fn()
    expect(await submit(action)).toBe(false)
    expect(action).not.toHaveBeenCalled()
    expect(busy.value).toBe(false)
  })

  it('stops on errors found by hand and shows them under their field', async () => {
    const { submit, errors } = useSubmit()
    const action = vi.fn()
    expect(await submit(action, { check: () => ({ reason: '请填写原因' }) })).toBe(false)
    expect(action).not.toHaveBeenCalled()
    expect(errors.reason).toBe('请填写原因')
  })

  it('is busy while the action runs, then says it is done', async () => {
    const formRef = ref({ validate: vi.fn(async () => true) })
    const { submit, busy } = useSubmit(formRef)
    const run = deferred()
    const done = submit(() => run.promise, { success: (res) => `已提交 ${res.no}` })
    await nextTick()
    await flushPromises()
    expect(busy.value).toBe(true)
    run.resolve({ no: 'QS-1' })
    expect(await done).toBe(true)
    expect(busy.value).toBe(false)
    expect(feedback.toastOk).toHaveBeenCalledWith('已提交 QS-1')
  })

  it('puts an API error naming a field under that field, and toasts any other', async () => {
    const { submit, errors } = useSubmit()
    const fieldErr = Object.assign(new Error('统一社会信用代码校验码错误'), { field: 'uscc' })
    expect(await submit(async () => Promise.reject(fieldErr), { success: 'x' })).toBe(false)
    expect(errors).toEqual({ uscc: '统一社会信用代码校验码错误' })
    expect(feedback.showUnhandled).not.toHaveBeenCalled()
    expect(feedback.toastOk).not.toHaveBeenCalled()
    const other = new Error('server down')
    expect(await submit(async () => Promise.reject(other))).toBe(false)
    expect(errors).toEqual({})
    expect(feedback.showUnhandled).toHaveBeenCalledWith(other)
  })
})
