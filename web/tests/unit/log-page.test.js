// The logs of the zone (审计日志, 登录日志) share their page (views/system/LogPage.vue): the filters
// of the slot and the time range, then the table, the time first.
import { describe, it, expect, vi, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import { h, reactive } from 'vue'
import { createPinia } from 'pinia'
import { i18n, setAppLocale } from '../../src/i18n'
import LogPage from '../../src/views/system/LogPage.vue'

let mounted
afterEach(() => {
  if (mounted) mounted.unmount()
  mounted = null
  document.body.innerHTML = ''
})

describe('LogPage', () => {
  it('shows the filters of the slot and the time range, then the time and the columns of the slot', async () => {
    setAppLocale('zh-CN')
    const list = reactive({ rows: [{ at: '2026-03-01T08:00:00Z', username: 'li' }], loading: false, error: null, page: 1, pageSize: 20, total: 1, filters: { username: '', range: null }, search: vi.fn(), reset: vi.fn(), load: vi.fn() })
    const ElTableColumn = (await import('element-plus')).ElTableColumn
    mounted = mount(LogPage, {
      props: { list, 'data-test': 'log-table' },
      slots: {
        filters: () => h('span', { class: 'my-filter' }, 'f'),
        default: () => h(ElTableColumn, { prop: 'username', label: '用户' }),
      },
      global: { plugins: [createPinia(), i18n] },
      attachTo: document.body,
    })
    await flushPromises()
    expect(document.querySelector('.filter-bar .my-filter')).not.toBe(null)
    expect(document.querySelector('.filter-bar').textContent).toContain('时间')
    const heads = [...document.querySelectorAll('[data-test="log-table"] th')].map((th) => th.textContent.trim())
    expect(heads.slice(0, 2)).toEqual(['时间', '用户'])
    expect(document.querySelector('[data-test="log-table"] tbody').textContent).toContain('li')
  })
})
