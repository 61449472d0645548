// The 银企对接 pages against a fake server: the service center changes a bank and a product (a
// product stays with its bank), and an enterprise changes its draft demand and submits it.
import { describe, it, expect, vi, afterEach } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createRouter, createMemoryHistory } from 'vue-router'
import { routes } from '../../src/router/routes'
import { i18n, setAppLocale } from '../../src/i18n'
import { configureHttp } from '../../src/api/http'
import { useAuthStore } from '../../src/stores/auth'
import FinanceList from '../../src/views/finance/FinanceList.vue'
import FinanceMine from '../../src/views/finance/FinanceMine.vue'
import { waitFor, json } from './page-helpers'

const BANK = { id: 1, name: '吉林银行', branch: '长春经开支行', contact: '李经理', phone: '0431-8888', products: 1 }
const PRODUCT = { id: 3, bank_id: 1, bank_name: '吉林银行', name: '科技贷', guarantee: 'credit', rate_min: 3.45, rate_max: 4.2, term_months: 12, amount_min: 100, amount_max: 3000 }
const DRAFT = { id: 5, status: 'draft', amount: 800, purpose: '购置设备', term_months: 12, collateral: '', urgency: 'normal', wanted_by: null }
const page = (items) => ({ items, total: items.length, page: 1, page_size: 100 })

let calls, mounted
async function mountPage(component, path, perms, server) {
  calls = []
  setAppLocale('zh-CN')
  configureHttp({ onUnauthorized: vi.fn(), onPasswordChange: vi.fn(), onError: vi.fn() })
  globalThis.fetch = vi.fn(async (url, init) => {
    const u = new URL(String(url), 'http://x')
    const body = init.body ? JSON.parse(init.body) : null
    calls.push({ method: init.method, path: u.pathname, body })
    const [status, answer] = server(init.method, u.pathname, body) || [200, page([])]
    return json(status, answer)
  })
  const pinia = createPinia()
  setActivePinia(pinia)
  const auth = useAuthStore()
  auth.user = { id: 9, username: 'fuwu', role: 'staff' }
  auth.permissions = perms
  const router = createRouter({ history: createMemoryHistory(), routes })
  await router.push(path)
  await router.isReady()
  mounted = mount(component, { global: { plugins: [pinia, router, i18n] }, attachTo: document.body })
}
afterEach(() => {
  if (mounted) mounted.unmount()
  mounted = null
  document.body.innerHTML = ''
})
const q = (sel) => document.querySelector(sel)
const visibleDialog = () => [...document.querySelectorAll('.el-dialog')].find((d) => d.offsetParent !== null || d.style.display !== 'none')
function type(label, value) {
  const item = [...visibleDialog().querySelectorAll('.el-form-item')].find((f) => f.textContent.includes(label))
  const el = item.querySelector('input')
  el.value = value
  el.dispatchEvent(new Event('input'))
}

describe('银企对接 pages', { timeout: 40000 }, () => {
  it('the service center changes a bank and a product, the product staying with its bank', async () => {
    await mountPage(FinanceList, '/finance', ['finance.read', 'finance.write'], (method, path) => {
      if (method === 'GET' && path === '/api/finance/banks') return [200, page([BANK])]
      if (method === 'GET' && path === '/api/finance/products') return [200, page([PRODUCT])]
      if (method === 'PATCH' && path === '/api/finance/banks/1') return [200, { ...BANK, phone: '0431-9999' }]
      if (method === 'PATCH' && path === '/api/finance/products/3') return [200, { ...PRODUCT, name: '科技贷（升级版）' }]
    })
    await waitFor(() => q('[data-test="finance-edit-bank-1"]') && q('[data-test="finance-edit-product-3"]'), 10000)
    q('[data-test="finance-edit-bank-1"]').click()
    await waitFor(() => visibleDialog() && visibleDialog().textContent.includes('编辑银行'))
    type('电话', '0431-9999')
    q('[data-test="finance-dialog-save"]').click()
    await waitFor(() => calls.some((c) => c.method === 'PATCH'))
    expect(calls.find((c) => c.method === 'PATCH')).toEqual({ method: 'PATCH', path: '/api/finance/banks/1', body: { name: '吉林银行', branch: '长春经开支行', contact: '李经理', phone: '0431-9999' } })
    await waitFor(() => !visibleDialog() || !visibleDialog().textContent.includes('编辑银行'))

    q('[data-test="finance-edit-product-3"]').click()
    await waitFor(() => visibleDialog() && visibleDialog().textContent.includes('编辑产品'))
    expect(visibleDialog().querySelector('.el-select.is-disabled, .el-select__wrapper.is-disabled'), 'the bank cannot change').not.toBeNull()
    type('产品', '科技贷（升级版）')
    q('[data-test="finance-dialog-save"]').click()
    await waitFor(() => calls.some((c) => c.method === 'PATCH' && c.path === '/api/finance/products/3'))
    const sent = calls.find((c) => c.path === '/api/finance/products/3').body
    expect(sent).toMatchObject({ name: '科技贷（升级版）', guarantee: 'credit', rate_min: 3.45, term_months: 12, amount_max: 3000 })
    expect(sent.bank_id).toBeUndefined()
    expect(calls.some((c) => c.method === 'POST')).toBe(false)
  })

  it('shows no edit button to those who only read', async () => {
    await mountPage(FinanceList, '/finance', ['finance.read'], (method, path) => {
      if (method === 'GET' && path === '/api/finance/banks') return [200, page([BANK])]
      if (method === 'GET' && path === '/api/finance/products') return [200, page([PRODUCT])]
    })
    await waitFor(() => calls.some((c) => c.path === '/api/finance/products'))
    expect(q('[data-test="finance-edit-bank-1"]')).toBeNull()
    expect(q('[data-test="finance-edit-product-3"]')).toBeNull()
  })

  it('an enterprise changes its draft and submits it', async () => {
    await mountPage(FinanceMine, '/my-finance', ['finance.read', 'finance.apply'], (method, path, body) => {
      if (method === 'GET' && path === '/api/finance/demands') return [200, page([DRAFT])]
      if (method === 'PATCH' && path === '/api/finance/demands/5') return [200, { ...DRAFT, ...body }]
      if (method === 'POST' && path === '/api/finance/demands/5/submit') return [200, { ...DRAFT, status: 'submitted' }]
    })
    await waitFor(() => q('[data-test="finance-edit-5"]'))
    q('[data-test="finance-edit-5"]').click()
    await waitFor(() => visibleDialog() && visibleDialog().textContent.includes('修改草稿'))
    type('用途', '购置数控机床')
    q('[data-test="finance-post-save"]').click()
    await waitFor(() => calls.some((c) => c.path === '/api/finance/demands/5/submit'))
    const patch = calls.find((c) => c.method === 'PATCH')
    expect(patch.path).toBe('/api/finance/demands/5')
    expect(patch.body).toMatchObject({ amount: 800, purpose: '购置数控机床', term_months: 12, urgency: 'normal' })
    expect(patch.body.draft).toBeUndefined()
    expect(calls.findIndex((c) => c.method === 'PATCH')).toBeLessThan(calls.findIndex((c) => c.path === '/api/finance/demands/5/submit'))
    expect(calls.some((c) => c.method === 'POST' && c.path === '/api/finance/demands')).toBe(false)
  })
})
