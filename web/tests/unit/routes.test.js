// The menu and the route table agree: every menu item points at a route that needs the same
// permission, so hiding a menu item and refusing its URL go together.
import { describe, it, expect } from 'vitest'
import { createRouter, createMemoryHistory } from 'vue-router'
import { routes } from '../../src/router/routes'
import { menuLeaves } from '../../src/router/menu'

describe('routes and menu', () => {
  const router = createRouter({ history: createMemoryHistory(), routes })

  it('gives every menu item a route with the same permission and roles', () => {
    for (const item of menuLeaves()) {
      const r = router.resolve(item.path)
      expect(r.name, item.path).not.toBe('not-found')
      expect(r.meta.perm, item.path).toBe(item.perm)
      expect(r.meta.roles, item.path).toEqual(item.roles)
      expect(r.meta.duty, item.path).toEqual(item.duty)
    }
  })

  it('protects every page under the layout except home, account and the error pages', () => {
    const open = new Set(['home', 'account', 'forbidden', 'not-found'])
    const layout = routes.find((r) => r.path === '/')
    for (const child of layout.children) {
      if (open.has(child.name)) continue
      expect(child.meta.perm, child.name).toBeTruthy()
    }
  })

  it('resolves enterprise pages', () => {
    expect(router.resolve('/enterprises/12').name).toBe('enterprise-detail')
    expect(router.resolve('/enterprises/12/edit').name).toBe('enterprise-edit')
    expect(router.resolve('/enterprises/new').name).toBe('enterprise-new')
    expect(router.resolve('/nowhere').name).toBe('not-found')
  })

  it('resolves the request pages', () => {
    expect(router.resolve('/tickets/12').name).toBe('ticket-detail')
    expect(router.resolve('/tickets/mine').name).toBe('ticket-mine')
    expect(router.resolve('/tickets/intake').meta.mode).toBe('intake')
    expect(router.resolve('/tickets/todo').meta.mode).toBe('todo')
  })
})
