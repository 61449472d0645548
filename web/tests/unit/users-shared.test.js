// What the zone's users and the province and city users share (views/system/users.js and
// UserContactItems.vue): the rules of an account's fields, locking, and the password, phone and
// e-mail items of the form.
import { describe, it, expect, vi, afterEach } from 'vitest'
import { mount } from '@vue/test-utils'
import { h, reactive } from 'vue'

vi.mock('../../src/utils/feedback', () => ({ confirmAndRun: vi.fn(async (_msg, run) => (await run(), true)), showUnhandled: vi.fn(), toastOk: vi.fn() }))
vi.mock('../../src/api', () => ({ userApi: { lock: vi.fn(async () => ({})), unlock: vi.fn(async () => ({})) } }))
const { userApi } = await import('../../src/api')
const { accountRules, toggleLock, useAccountActions } = await import('../../src/views/system/users')
const { i18n } = await import('../../src/i18n')
const UserContactItems = (await import('../../src/views/system/UserContactItems.vue')).default

const t = (k) => k
let mounted
afterEach(() => {
  if (mounted) mounted.unmount()
  mounted = null
  document.body.innerHTML = ''
})

describe('accountRules', () => {
  it('asks a new user for a username and a password that keeps the policy', () => {
    const form = { username: 'li.ming' }
    const r = accountRules(t, form, false)
    expect(r.username).toHaveLength(1)
    expect(r.display_name).toHaveLength(1)
    expect(r.email[0].type).toBe('email')
    const results = []
    r.password[0].validator(null, 'short', (e) => results.push(e ? e.message : 'ok'))
    r.password[0].validator(null, 'Strong-Passw0rd!2026', (e) => results.push(e ? e.message : 'ok'))
    expect(results).toEqual(['password.policyFailed', 'ok'])
  })
  it('asks nothing of the username and password of an existing user', () => {
    const r = accountRules(t, {}, true)
    expect(r.username).toEqual([])
    expect(r.password).toEqual([])
  })
})

describe('locking', () => {
  it('locks an active account, unlocks another, then reloads', async () => {
    const done = vi.fn()
    await toggleLock(t, { id: 1, status: 'active', username: 'a' }, done)
    await toggleLock(t, { id: 2, status: 'locked', username: 'b' }, done)
    expect(userApi.lock).toHaveBeenCalledWith(1)
    expect(userApi.unlock).toHaveBeenCalledWith(2)
    expect(done).toHaveBeenCalledTimes(2)
  })
  it('opens 重置密码 on the user', () => {
    const { resetUser, openReset } = useAccountActions(t, { load: vi.fn() })
    openReset({ id: 9 })
    expect(resetUser.value).toEqual({ id: 9 })
  })
})

describe('UserContactItems', () => {
  it('has the password of a new user only, then the phone and the e-mail', async () => {
    const form = reactive({ username: 'x', password: '', phone: '', email: '' })
    const Wrap = { props: ['editing'], render() { return h('div', [h(UserContactItems, { form, errors: {}, editing: this.editing })]) } }
    mounted = mount(Wrap, { props: { editing: false }, global: { plugins: [i18n] }, attachTo: document.body })
    const fields = () => [...document.querySelectorAll('[data-field]')].map((e) => e.getAttribute('data-field'))
    expect(fields()).toEqual(['password', 'phone', 'email'])
    await mounted.setProps({ editing: true })
    expect(fields()).toEqual(['phone', 'email'])
  })
})
