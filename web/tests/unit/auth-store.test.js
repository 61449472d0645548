// The auth store: session load, permissions, CSRF token, login and logout.
import { describe, it, expect, beforeEach, vi } from 'vitest'
import { setActivePinia, createPinia } from 'pinia'
import { useAuthStore } from '../../src/stores/auth'
import { getCsrfToken, setCsrfToken, configureHttp } from '../../src/api/http'

const ME = {
  user: { id: 1, username: 'admin', role: 'admin', must_change_password: false },
  csrf_token: 'csrf-me',
  permissions: ['user.read', 'user.write', 'enterprise.read'],
  zone: { id: 1, name: '长春经开区' },
  zones: [
    { id: 1, name: '长春经开区' },
    { id: 2, name: '海门开发区' },
  ],
}

function route(map) {
  globalThis.fetch = vi.fn(async (url, init) => {
    const key = `${init.method} ${url.split('?')[0]}`
    const [status, body] = map[key] || [404, { error: { code: 'not_found', message: 'no' } }]
    return new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
  })
  return globalThis.fetch
}

describe('auth store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    setCsrfToken('')
    configureHttp({ onUnauthorized: vi.fn(), onPasswordChange: vi.fn(), onError: vi.fn() })
  })

  it('loads the session from GET /api/me', async () => {
    route({ 'GET /api/me': [200, ME] })
    const auth = useAuthStore()
    await auth.fetchMe()
    expect(auth.isLoggedIn).toBe(true)
    expect(auth.loaded).toBe(true)
    expect(auth.can('user.write')).toBe(true)
    expect(auth.can('audit.read')).toBe(false)
    expect(auth.canSwitchZone).toBe(true)
    expect(getCsrfToken()).toBe('csrf-me')
  })

  it('treats a 401 from /api/me as signed out', async () => {
    route({ 'GET /api/me': [401, { error: { code: 'unauthenticated', message: '未登录' } }] })
    const auth = useAuthStore()
    await auth.fetchMe()
    expect(auth.isLoggedIn).toBe(false)
    expect(auth.loaded).toBe(true)
  })

  it('logs in, keeps the CSRF token and loads permissions', async () => {
    const f = route({
      'POST /api/login': [200, { user: ME.user, csrf_token: 'csrf-login' }],
      'GET /api/me': [200, { ...ME, csrf_token: 'csrf-login' }],
    })
    const auth = useAuthStore()
    await auth.login('admin', 'Admin-Passw0rd!')
    expect(auth.permissions).toContain('user.read')
    expect(getCsrfToken()).toBe('csrf-login')
    expect(f.mock.calls[0][1].body).toBe('{"username":"admin","password":"Admin-Passw0rd!"}')
  })

  it('surfaces a failed login to the caller', async () => {
    route({ 'POST /api/login': [429, { error: { code: 'account_locked', message: '账号已锁定', retry_after: 600 } }] })
    const auth = useAuthStore()
    const err = await auth.login('admin', 'x').catch((e) => e)
    expect(err.code).toBe('account_locked')
    expect(err.retryAfter).toBe(600)
    expect(auth.isLoggedIn).toBe(false)
  })

  it('logs out and forgets the session and the token', async () => {
    route({ 'GET /api/me': [200, ME], 'POST /api/logout': [204, null] })
    const auth = useAuthStore()
    await auth.fetchMe()
    await auth.logout()
    expect(auth.isLoggedIn).toBe(false)
    expect(auth.permissions).toEqual([])
    expect(getCsrfToken()).toBe('')
  })

  it('switches zone and reloads the session', async () => {
    const f = route({ 'GET /api/me': [200, ME], 'PUT /api/me/zone': [204, null] })
    const auth = useAuthStore()
    await auth.fetchMe()
    await auth.switchZone(2)
    const put = f.mock.calls.find((c) => c[1].method === 'PUT')
    expect(put[1].body).toBe('{"zone_id":2}')
    expect(put[1].headers['X-CSRF-Token']).toBe('csrf-me')
  })
})
