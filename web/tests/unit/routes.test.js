// The route table is the menu's one declaration: every menu item is a route, found again by its
// path, with an icon the menu has; every group has its icon.
import { describe, it, expect } from 'vitest'
import { createRouter, createMemoryHistory } from 'vue-router'
import { routes, MENU_GROUPS } from '../../src/router/routes'
import * as menuIcons from '../../src/components/icons'
import { MENU, LEAVES } from './app-menu'

describe('routes and menu', () => {
  const router = createRouter({ history: createMemoryHistory(), routes })

  it('makes every menu item a route found again by its path', () => {
    expect(LEAVES.length).toBeGreaterThan(15)
    for (const item of LEAVES) {
      const r = router.resolve(item.path)
      expect(r.name, item.path).toBe(item.key)
      expect(r.meta.perm, item.path).toBe(item.perm)
      expect(menuIcons[item.icon], item.key).toBeTruthy()
    }
  })

  it('gives every group of the menu an icon', () => {
    const groups = MENU.filter((m) => m.children)
    expect(groups.map((g) => g.key)).toEqual(['tickets', 'system'])
    for (const g of groups) expect(menuIcons[g.icon], g.key).toBe(menuIcons[MENU_GROUPS[g.title].icon])
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
