// A factor's staff page (工业物流, 载体, 用工, 惠企政策): its figures (composables/useFigures.js),
// read only by those allowed, shown in cards above the tabs (components/FactorPage.vue).
import { describe, it, expect, vi, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import { h, ref } from 'vue'
import { createPinia } from 'pinia'
import { i18n } from '../../src/i18n'
import { useFigures } from '../../src/composables/useFigures'
import FactorPage from '../../src/components/FactorPage.vue'

let mounted
afterEach(() => {
  if (mounted) mounted.unmount()
  mounted = null
  document.body.innerHTML = ''
})

describe('useFigures', () => {
  it('reads the figures only when allowed and makes the cards of the answer', async () => {
    const allowed = ref(false)
    const fetch = vi.fn(async () => ({ open: 3 }))
    const { summary, loadSummary, figures } = useFigures(fetch, allowed, (s) => [{ key: 'open', label: '开放', value: s.open }])
    await loadSummary()
    expect(fetch).not.toHaveBeenCalled()
    expect(figures.cards).toEqual([])
    allowed.value = true
    await loadSummary()
    expect(summary.value).toEqual({ open: 3 })
    expect(figures.cards).toEqual([{ key: 'open', label: '开放', value: 3 }])
    expect(figures.loading).toBe(false)
  })
})

describe('FactorPage', () => {
  it('shows the cards when given figures, then the tabs and what comes after', async () => {
    const figures = { cards: [{ key: 'open', label: '开放', value: 3 }], loading: false, error: null, load: vi.fn() }
    mounted = mount(FactorPage, {
      props: { modelValue: 'a', figures, prefix: 'x-', cardsTest: 'x-cards', tabsTest: 'x-tabs' },
      slots: { top: () => h('p', { class: 'top' }, 'top'), after: () => h('p', { class: 'after' }, 'after') },
      global: { plugins: [createPinia(), i18n] },
      attachTo: document.body,
    })
    await flushPromises()
    const q = (sel) => document.querySelector(sel)
    expect(q('[data-test="x-cards"] [data-card="x-open"]').textContent).toContain('3')
    expect(q('[data-test="x-tabs"]')).not.toBe(null)
    expect(q('.panel').classList.contains('spaced')).toBe(true)
    expect(q('.top')).not.toBe(null)
    expect(q('.after')).not.toBe(null)
    await mounted.setProps({ figures: null, spaced: false })
    expect(q('[data-test="x-cards"]')).toBe(null)
    expect(q('.panel').classList.contains('spaced')).toBe(false)
  })
})
