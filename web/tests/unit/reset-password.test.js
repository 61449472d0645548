// 重置密码 (views/system/ResetPasswordDialog.vue), shared by the zone users and the province and
// city users of 用户管理: opened on a user, held to the password policy before anything is sent,
// then POST /api/users/:id/reset-password and closed.
import { describe, it, expect, vi, afterEach } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { i18n, setAppLocale } from '../../src/i18n'
import { configureHttp } from '../../src/api/http'
import ResetPasswordDialog from '../../src/views/system/ResetPasswordDialog.vue'
import { waitFor, json } from './page-helpers'

let calls, mounted
afterEach(() => {
  if (mounted) mounted.unmount()
  mounted = null
  document.body.innerHTML = ''
})
const q = (sel) => document.querySelector(sel)
function type(value) {
  const el = q('[data-test="reset-password-input"] input, input[data-test="reset-password-input"]')
  el.value = value
  el.dispatchEvent(new Event('input'))
}

describe('重置密码', { timeout: 20000 }, () => {
  it('refuses a weak password without a request, then resets and closes', async () => {
    calls = []
    setAppLocale('zh-CN')
    configureHttp({ onUnauthorized: vi.fn(), onPasswordChange: vi.fn(), onError: vi.fn() })
    globalThis.fetch = vi.fn(async (url, init) => {
      calls.push({ method: init.method, path: new URL(String(url), 'http://x').pathname, body: JSON.parse(init.body) })
      return json(204)
    })
    const pinia = createPinia()
    setActivePinia(pinia)
    const updates = []
    mounted = mount(ResetPasswordDialog, {
      props: { user: null, 'onUpdate:user': (v) => updates.push(v) },
      global: { plugins: [pinia, i18n] },
      attachTo: document.body,
    })
    expect(q('[data-test="reset-password-input"]')).toBe(null)
    await mounted.setProps({ user: { id: 7, username: 'changchun-viewer' } })
    await waitFor(() => q('[data-test="reset-password-input"]'))
    expect(document.body.textContent).toContain('changchun-viewer')
    type('short')
    q('[data-test="reset-password-confirm"]').click()
    await waitFor(() => q('.el-form-item__error') && q('.el-form-item__error').textContent.includes('密码不符合安全要求'))
    expect(calls).toEqual([])
    expect(updates).toEqual([])
    type('Reset-Passw0rd!2026')
    q('[data-test="reset-password-confirm"]').click()
    await waitFor(() => calls.length === 1 && updates.length === 1)
    expect(calls[0]).toEqual({ method: 'POST', path: '/api/users/7/reset-password', body: { password: 'Reset-Passw0rd!2026' } })
    expect(updates).toEqual([null])
  })
})
