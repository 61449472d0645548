// The permission rules: menu filtering and the router guard.
import { describe, it, expect, vi } from 'vitest'
import { hasPerm, filterMenu, isAllowed } from '../../src/utils/perm'
import { MENU, LEAVES } from './app-menu'
import { authGuard } from '../../src/router/guard'

const keys = (items) => items.flatMap((i) => [i.key, ...(i.children ? keys(i.children) : [])])

describe('hasPerm', () => {
  it('handles none, one, any-of and the wildcard', () => {
    expect(hasPerm([], undefined)).toBe(true)
    expect(hasPerm(['a'], 'a')).toBe(true)
    expect(hasPerm(['a'], 'b')).toBe(false)
    expect(hasPerm(['a'], ['b', 'a'])).toBe(true)
    expect(hasPerm(['*'], 'x.y')).toBe(true)
    expect(hasPerm(null, 'x')).toBe(false)
  })
})

describe('menu filtering', () => {
  const ALL = ['enterprise.read', 'enterprise.write', 'dept.read', 'user.read', 'role.read', 'audit.read']

  it('shows the admin everything but the enterprise user’s item', () => {
    const k = keys(filterMenu(MENU, { perms: ALL, role: 'admin' }))
    expect(k).toEqual(['home', 'enterprises', 'system', 'depts', 'users', 'roles', 'audit', 'logins'])
  })

  it('shows an enterprise user only its own enterprise', () => {
    const k = keys(filterMenu(MENU, { perms: ['enterprise.read'], role: 'enterprise' }))
    expect(k).toEqual(['my-enterprise'])
  })

  it('keeps a group only with a visible child', () => {
    expect(keys(filterMenu(MENU, { perms: ['audit.read'], role: 'auditor' }))).toEqual(['home', 'system', 'audit', 'logins'])
    expect(keys(filterMenu(MENU, { perms: [], role: 'leader' }))).toEqual(['home'])
  })

  it('hides the enterprise registry without enterprise.read', () => {
    const k = keys(filterMenu(MENU, { perms: ['user.read'], role: 'service' }))
    expect(k).not.toContain('enterprises')
    expect(k).toContain('users')
  })
})

describe('route guard', () => {
  const route = (name, meta = {}, fullPath = '/x') => ({ name, meta, fullPath, query: {} })
  const store = (user, perms = []) => ({
    loaded: true,
    user,
    isLoggedIn: !!user,
    ctx: { perms, role: user ? user.role : '' },
    fetchMe: vi.fn(),
  })

  it('loads the session once before deciding', async () => {
    const s = store(null)
    s.loaded = false
    s.fetchMe = vi.fn(async () => {
      s.loaded = true
    })
    await authGuard(route('home', {}, '/'), s)
    expect(s.fetchMe).toHaveBeenCalledTimes(1)
  })

  it('sends a visitor to the login page with the wanted URL', async () => {
    expect(await authGuard(route('users', { perm: 'user.read' }, '/system/users'), store(null))).toEqual({
      name: 'login',
      query: { redirect: '/system/users' },
    })
    expect(await authGuard(route('login', { public: true }, '/login'), store(null))).toBe(true)
  })

  it('refuses a route the user lacks the permission for (a hidden menu typed by hand)', async () => {
    const s = store({ role: 'enterprise' }, ['enterprise.read'])
    expect(await authGuard(route('users', { perm: 'user.read' }, '/system/users'), s)).toEqual({
      name: 'forbidden',
      query: { from: '/system/users' },
    })
    expect(await authGuard(route('audit', { perm: 'audit.read' }, '/system/audit'), s)).toMatchObject({ name: 'forbidden' })
  })

  it('refuses a role-limited route to other roles', async () => {
    const s = store({ role: 'admin' }, ['enterprise.read'])
    expect(await authGuard(route('my-enterprise', { perm: 'enterprise.read', roles: ['enterprise'] }), s)).toMatchObject({ name: 'forbidden' })
  })

  it('allows a route the user has the permission for', async () => {
    const s = store({ role: 'admin' }, ['user.read'])
    expect(await authGuard(route('users', { perm: 'user.read' }), s)).toBe(true)
  })

  it('forces the password change first', async () => {
    const s = store({ role: 'admin', must_change_password: true }, ['user.read'])
    expect(await authGuard(route('users', { perm: 'user.read' }), s)).toEqual({ name: 'password-change' })
    expect(await authGuard(route('password-change', { bare: true }), s)).toBe(true)
  })

  it('sends the enterprise user home to its own enterprise', async () => {
    const s = store({ role: 'enterprise', enterprise_id: 3 }, ['enterprise.read'])
    expect(await authGuard(route('home', {}, '/'), s)).toEqual({ name: 'my-enterprise' })
  })

  it('redirects a signed-in user away from the login page', async () => {
    expect(await authGuard(route('login', { public: true }, '/login'), store({ role: 'admin' }))).toEqual({ path: '/' })
  })

  it('checks a menu item with the same rule as its route', () => {
    const ctx = { perms: ['audit.read'], role: 'x' }
    for (const leaf of LEAVES) {
      if (leaf.perm) expect(isAllowed(leaf, ctx)).toBe(hasPerm(ctx.perms, leaf.perm) && (!leaf.roles || leaf.roles.includes('x')))
    }
  })
})
