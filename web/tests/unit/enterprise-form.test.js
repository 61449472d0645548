// The enterprise form shows a field error next to its field: the client's own USCC check, and
// an API error that names a field (duplicate USCC, 409 with field "uscc").
import { describe, it, expect, beforeEach, vi } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import EnterpriseForm from '../../src/views/enterprise/EnterpriseForm.vue'
import { i18n, setAppLocale } from '../../src/i18n'
import { ApiError, configureHttp } from '../../src/api/http'

async function settle() {
  for (let i = 0; i < 3; i++) {
    await flushPromises()
    await new Promise((r) => setTimeout(r, 5))
  }
}

/** Wait until cond() is truthy (async validation and rendering take a few ticks). */
async function waitFor(cond, ms = 4000) {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (cond()) return
    await flushPromises()
    await new Promise((r) => setTimeout(r, 10))
  }
}
const errorOf = (w) => w.find('[data-field="uscc"] .el-form-item__error')

// The industry is required; a picked one is given as the starting value (choosing it through
// the remote select is the browser test's job).
const START = { industry_code: '3670', industry_name: '汽车零部件及配件制造' }

function mountForm(save, enterprise = START) {
  const pinia = createPinia()
  setActivePinia(pinia)
  return mount(EnterpriseForm, {
    props: { save, enterprise },
    global: { plugins: [i18n, pinia] },
    attachTo: document.body,
  })
}

function usccItem(wrapper) {
  return wrapper.find('[data-field="uscc"]')
}

describe('EnterpriseForm', { timeout: 20000 }, () => {
  beforeEach(() => {
    setAppLocale('zh-CN')
    configureHttp({ onUnauthorized: vi.fn(), onPasswordChange: vi.fn(), onError: vi.fn() })
    globalThis.fetch = vi.fn(async () => new Response('{"items":[]}', { status: 200, headers: { 'Content-Type': 'application/json' } }))
  })

  it('shows the server’s field error next to the USCC field', async () => {
    const save = vi.fn(async () => {
      throw new ApiError(409, { error: { code: 'conflict', message: '统一社会信用代码已存在', field: 'uscc' } })
    })
    const w = mountForm(save)
    await settle()
    await w.find('input[name="uscc"]').setValue('91350100M000100Y43')
    await w.find('input[name="name"]').setValue('长春光电科技有限公司')
    await w.find('form').trigger('submit')
    await waitFor(() => errorOf(w).exists())
    expect(save).toHaveBeenCalledTimes(1)
    expect(save.mock.calls[0][0]).toMatchObject({ uscc: '91350100M000100Y43', name: '长春光电科技有限公司', industry_code: '3670' })
    const err = usccItem(w).find('.el-form-item__error')
    expect(err.exists()).toBe(true)
    expect(err.text()).toBe('统一社会信用代码已存在')
    expect(usccItem(w).classes()).toContain('is-error')
    w.unmount()
  })

  it('checks the USCC check character before calling the server', async () => {
    const save = vi.fn(async () => ({ id: 1 }))
    const w = mountForm(save)
    await settle()
    await w.find('input[name="uscc"]').setValue('91350100M000100Y44')
    await w.find('input[name="name"]').setValue('测试企业')
    await w.find('form').trigger('submit')
    await waitFor(() => errorOf(w).exists())
    expect(save).not.toHaveBeenCalled()
    expect(usccItem(w).find('.el-form-item__error').text()).toBe('校验码错误')
    w.unmount()
  })

  it('emits saved with the server’s answer on success', async () => {
    const save = vi.fn(async () => ({ id: 42 }))
    const w = mountForm(save)
    await settle()
    await w.find('input[name="uscc"]').setValue('91350100m000100y43')
    await w.find('input[name="name"]').setValue('测试企业')
    await w.find('form').trigger('submit')
    await waitFor(() => w.emitted('saved'))
    expect(save.mock.calls[0][0].uscc).toBe('91350100M000100Y43')
    expect(w.emitted('saved')[0][0]).toEqual({ id: 42 })
    expect(usccItem(w).find('.el-form-item__error').exists()).toBe(false)
    w.unmount()
  })

  it('requires the industry', async () => {
    const save = vi.fn(async () => ({ id: 1 }))
    const w = mountForm(save, null)
    await settle()
    await w.find('input[name="uscc"]').setValue('91350100M000100Y43')
    await w.find('input[name="name"]').setValue('测试企业')
    await w.find('form').trigger('submit')
    const industryError = () => w.find('[data-field="industry_code"] .el-form-item__error')
    await waitFor(() => industryError().exists())
    expect(save).not.toHaveBeenCalled()
    expect(industryError().text()).toBe('请选择所属行业')
    w.unmount()
  })

  it('shows a field error in English when English is chosen', async () => {
    setAppLocale('en')
    const save = vi.fn(async () => ({ id: 1 }))
    const w = mountForm(save)
    await settle()
    expect(w.text()).toContain('USCC')
    await w.find('input[name="uscc"]').setValue('91350100M000100Y44')
    await w.find('input[name="name"]').setValue('x')
    await w.find('form').trigger('submit')
    await waitFor(() => errorOf(w).exists())
    expect(usccItem(w).find('.el-form-item__error').text()).toBe('Wrong check character')
    w.unmount()
    setAppLocale('zh-CN')
  })
})
