// The choices over a list's filters: ListSelect.vue in a toolbar (a change searches) and
// FilterSelect.vue in a FilterBar (全部 as its placeholder, or the select's own with no-all).
import { describe, it, expect, vi, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import { reactive } from 'vue'
import { i18n, setAppLocale } from '../../src/i18n'
import ListSelect from '../../src/components/ListSelect.vue'
import FilterSelect from '../../src/components/FilterSelect.vue'

let mounted
afterEach(() => {
  if (mounted) mounted.unmount()
  mounted = null
  document.body.innerHTML = ''
})
const q = (sel) => document.querySelector(sel)

describe('ListSelect', () => {
  it('offers the options by their message, sets the filter and searches', async () => {
    setAppLocale('zh-CN')
    const list = reactive({ filters: { status: '', type: '' }, search: vi.fn() })
    mounted = mount(ListSelect, { props: { list, field: 'type', options: ['factory', 'office'], labels: 'space.types', placeholder: '类型', 'data-test': 'pick' }, global: { plugins: [i18n] }, attachTo: document.body })
    expect(q('[data-test="pick"]')).not.toBe(null)
    expect(q('[data-test="pick"]').textContent).toContain('类型')
    mounted.findComponent({ name: 'ElSelect' }).vm.$emit('update:modelValue', 'office')
    mounted.findComponent({ name: 'ElSelect' }).vm.$emit('change', 'office')
    await flushPromises()
    expect(list.filters.type).toBe('office')
    expect(list.search).toHaveBeenCalled()
  })
})

describe('FilterSelect placeholder', () => {
  it('is 全部 by default and the select\'s own with no-all', async () => {
    setAppLocale('zh-CN')
    mounted = mount(FilterSelect, { props: { modelValue: '', label: '状态', options: ['a'], 'data-test': 'fs' }, global: { plugins: [i18n] }, attachTo: document.body })
    expect(mounted.findComponent({ name: 'ElSelect' }).props('placeholder')).toBe('全部')
    await mounted.setProps({ noAll: true })
    expect(mounted.findComponent({ name: 'ElSelect' }).props('placeholder')).toBe(undefined)
  })
})

describe('ExportButton', () => {
  it('says 导出, is busy while its list exports, and passes the click on', async () => {
    setAppLocale('zh-CN')
    const ExportButton = (await import('../../src/components/ExportButton.vue')).default
    const list = reactive({ exporting: false })
    const onClick = vi.fn()
    mounted = mount(ExportButton, { props: { list, 'data-test': 'exp', onClick }, global: { plugins: [i18n] }, attachTo: document.body })
    expect(q('[data-test="exp"]').textContent).toContain('导出')
    q('[data-test="exp"]').click()
    expect(onClick).toHaveBeenCalled()
    list.exporting = true
    await flushPromises()
    expect(q('[data-test="exp"]').classList.contains('is-loading')).toBe(true)
  })
})
