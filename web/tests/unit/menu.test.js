// The side menu built from the route table's meta is, for every role and duty, the menu the
// console showed when it was a list of its own (fixtures/menu-before.json, recorded from that
// list): same items, order, titles, icons and paths.
import { describe, it, expect } from 'vitest'
import { filterMenu } from '../../src/utils/perm'
import { MENU } from './app-menu'
import { MENU_CONTEXTS } from './menu-contexts'
import BEFORE from './fixtures/menu-before.json'

const visible = (items) =>
  items.map((i) => (i.children ? { key: i.key, title: i.title, icon: i.icon, children: visible(i.children) } : { key: i.key, path: i.path, title: i.title, icon: i.icon }))

describe('side menu from the route table', () => {
  it('covers every recorded user', () => {
    expect(MENU_CONTEXTS.map((c) => c.name).sort()).toEqual(Object.keys(BEFORE).sort())
  })

  for (const { name, ctx } of MENU_CONTEXTS) {
    it(`shows ${name} the menu it had`, () => {
      expect(visible(filterMenu(MENU, ctx))).toEqual(BEFORE[name])
    })
  }
})
