// The side menu built from the route table's meta is, for every role and duty, the menu the
// console showed when it was a list of its own (fixtures/menu-before.json, recorded from that
// list): same items, order, titles, icons and paths. The items added since (接口文档, each module's
// pages) are read from the route table, not listed here, and each is held to the rule the server's
// role table gives: shown exactly to the users who hold its permission (perm.c, read from the
// source), who are enterprise users if and only if the item is made for them (meta.roles names
// 'enterprise'), and who have its request duty if it names one. A module adds its pages to the
// router only; an item shown to a role that may not use it, or missing for one that may, fails.
import { describe, it, expect } from 'vitest'
import { filterMenu, ticketDuties } from '../../src/utils/perm'
import { MENU, LEAVES } from './app-menu'
import { LATER_CONTEXTS, MENU_CONTEXTS, PERM_NAMES } from './menu-contexts'
import BEFORE from './fixtures/menu-before.json'
import { createRouter, createMemoryHistory } from 'vue-router'
import { routes } from '../../src/router/routes'

const leafKeys = (items) => items.flatMap((i) => (i.children ? leafKeys(i.children) : [i.key]))
const RECORDED = new Set(Object.values(BEFORE).flatMap(leafKeys))
const ADDED = LEAVES.filter((i) => !RECORDED.has(i.key))
const SERVER_PERMS = Object.values(PERM_NAMES).filter((p) => p !== 'public' && p !== 'auth')

/** Whether ctx may use an added item, by the server's rules (not the console's filter). */
function mayUse(item, { role, perms, deptKind }) {
  const needs = [].concat(item.perm)
  if (!perms.includes('*') && !needs.some((p) => perms.includes(p))) return false
  if ((role === 'enterprise') !== !!(item.roles && item.roles.includes('enterprise'))) return false
  if (item.roles && item.roles.length && !item.roles.includes(role)) return false
  if (item.duty && item.duty.length) {
    const d = ticketDuties({ role, perms, deptKind })
    if (!item.duty.some((x) => d.has(x))) return false
  }
  return true
}

/** The menu without the added items (and a group they alone fill). */
function withoutAdded(items) {
  return items.flatMap((i) => {
    if (!i.children) return RECORDED.has(i.key) ? [i] : []
    const children = withoutAdded(i.children)
    return children.length ? [{ ...i, children }] : []
  })
}

const visible = (items) =>
  items.map((i) => (i.children ? { key: i.key, title: i.title, icon: i.icon, children: visible(i.children) } : { key: i.key, path: i.path, title: i.title, icon: i.icon }))

describe('side menu from the route table', () => {
  it('covers every recorded user, with the roles of the server', () => {
    expect(MENU_CONTEXTS.map((c) => c.name).sort()).toEqual(Object.keys(BEFORE).sort())
    for (const role of ['admin', 'leader', 'dept_head', 'staff', 'enterprise', 'province'])
      expect(MENU_CONTEXTS.find((c) => c.ctx.role === role).ctx.perms.length, role).toBeGreaterThan(3)
  })

  it('places every item by an order of its own (a tie would leave the order to the router)', () => {
    const orders = createRouter({ history: createMemoryHistory(), routes }).getRoutes().filter((r) => r.meta && r.meta.order != null)
    const seen = new Map()
    for (const r of orders) {
      expect(seen.get(r.meta.order), `${String(r.name)} and ${seen.get(r.meta.order)} share order ${r.meta.order}`).toBeUndefined()
      seen.set(r.meta.order, String(r.name))
    }
    expect(seen.size).toBeGreaterThan(20)
  })

  it('has added items, each naming a permission of the server, shown to some real role', () => {
    expect(ADDED.map((i) => i.key)).toEqual(expect.arrayContaining(['api-docs', 'announcements', 'my-announcements']))
    const real = [...MENU_CONTEXTS, ...LATER_CONTEXTS].filter((c) => c.name !== 'wildcard')
    for (const item of ADDED) {
      expect([].concat(item.perm).filter((p) => SERVER_PERMS.includes(p)).length, `${item.key} names no permission of the server`).toBeGreaterThan(0)
      expect(item.title && item.icon && item.path, `${item.key} lacks a title, icon or path`).toBeTruthy()
      expect(real.some(({ ctx }) => leafKeys(filterMenu(MENU, ctx)).includes(item.key)), `${item.key} is shown to no one`).toBe(true)
    }
  })

  it('adds 接口文档 only for those who issue API tokens', () => {
    const shown = MENU_CONTEXTS.filter(({ ctx }) => JSON.stringify(filterMenu(MENU, ctx)).includes('"api-docs"')).map((c) => c.name)
    expect(shown.sort()).toEqual(['admin/investment', 'admin/service_center', 'admin/unknown', 'wildcard'])
  })

  for (const { name, ctx } of MENU_CONTEXTS) {
    it(`shows ${name} the menu it had, and the added items it may use`, () => {
      const menu = filterMenu(MENU, ctx)
      expect(visible(withoutAdded(menu))).toEqual(BEFORE[name])
      const shown = leafKeys(menu).filter((k) => !RECORDED.has(k))
      expect(shown).toEqual(ADDED.filter((i) => mayUse(i, ctx)).map((i) => i.key))
    })
  }

  it('knows the roles added since the recording (a bank\'s and a carrier\'s accounts)', () => {
    expect(LATER_CONTEXTS.map((c) => c.name)).toEqual(expect.arrayContaining(['bank', 'carrier']))
  })

  for (const { name, ctx } of LATER_CONTEXTS) {
    it(`shows the ${name} role the added items it may use, its own among them`, () => {
      const shown = leafKeys(filterMenu(MENU, ctx)).filter((k) => !RECORDED.has(k))
      expect(shown).toEqual(ADDED.filter((i) => mayUse(i, ctx)).map((i) => i.key))
      expect(shown.length, name).toBeGreaterThan(0)
    })
  }
})
