// The side menu built from the route table's meta is, for every role and duty, the menu the
// console showed when it was a list of its own (fixtures/menu-before.json, recorded from that
// list): same items, order, titles, icons and paths, plus the items added since: 系统管理 →
// 接口文档 (the API reference, token.write) right after API令牌 (token.write too), and 通知公告
// (announce.read, staff) or 园区公告 (enterprise users) after the enterprise registry.
import { describe, it, expect } from 'vitest'
import { filterMenu } from '../../src/utils/perm'
import { MENU } from './app-menu'
import { MENU_CONTEXTS } from './menu-contexts'
import BEFORE from './fixtures/menu-before.json'

const API_DOCS = { key: 'api-docs', path: '/system/api-docs', title: 'menu.apiDocs', icon: 'Notebook' }

const ANNOUNCEMENTS = { key: 'announcements', path: '/announcements', title: 'announce.menu', icon: 'Notebook' }
const MY_ANNOUNCEMENTS = { key: 'my-announcements', path: '/my-announcements', title: 'announce.mine', icon: 'Notebook' }

/** The recorded menu with 接口文档 after API令牌 wherever that shows, and the announcements. */
function expected(items, ctx) {
  const out = items.map((i) => (i.children ? { ...i, children: i.children.flatMap((c) => (c.key === 'tokens' ? [c, API_DOCS] : [c])) } : i))
  const perms = ctx.perms || []
  if (!perms.includes('*') && !perms.includes('announce.read')) return out
  const item = ctx.role === 'enterprise' ? MY_ANNOUNCEMENTS : ANNOUNCEMENTS
  const at = out.findIndex((i) => i.children) // before the first group (诉求)
  return [...out.slice(0, at < 0 ? out.length : at), item, ...out.slice(at < 0 ? out.length : at)]
}

const visible = (items) =>
  items.map((i) => (i.children ? { key: i.key, title: i.title, icon: i.icon, children: visible(i.children) } : { key: i.key, path: i.path, title: i.title, icon: i.icon }))

describe('side menu from the route table', () => {
  it('covers every recorded user', () => {
    expect(MENU_CONTEXTS.map((c) => c.name).sort()).toEqual(Object.keys(BEFORE).sort())
  })

  it('adds 接口文档 only for those who issue API tokens', () => {
    const shown = MENU_CONTEXTS.filter(({ ctx }) => JSON.stringify(filterMenu(MENU, ctx)).includes('"api-docs"')).map((c) => c.name)
    expect(shown.sort()).toEqual(['admin/investment', 'admin/service_center', 'admin/unknown', 'wildcard'])
  })

  for (const { name, ctx } of MENU_CONTEXTS) {
    it(`shows ${name} the menu it had`, () => {
      expect(visible(filterMenu(MENU, ctx))).toEqual(expected(BEFORE[name], ctx))
    })
  }
})
