// The side menu, derived from the route table: each route whose meta has an `order` is a menu
// item with the route's title, icon, permission, roles, duty and hideForRoles (routes.js says
// what each means), in ascending order; items with a meta.group sit in that group, which stands
// where its first item would. The guard checks the same meta on the route itself, so a hidden
// item's URL typed by hand is refused too.
import { MENU_GROUPS } from './routes'

/**
 * The menu tree of the router's route records (router.getRoutes()): [{key, path, title, icon,
 * perm, roles, hideForRoles, duty}] for items, [{key, title, icon, children}] for groups.
 */
export function buildMenu(records) {
  const items = []
  const groups = new Map()
  const leaves = records.filter((r) => r.meta && r.meta.order != null).sort((a, b) => a.meta.order - b.meta.order)
  for (const r of leaves) {
    const { title, icon, perm, roles, hideForRoles, duty, group } = r.meta
    const item = { key: r.name, path: r.path, title, icon, perm, roles, hideForRoles, duty }
    if (!group) {
      items.push(item)
      continue
    }
    if (!groups.has(group)) {
      const g = { key: group.split('.').pop(), title: group, icon: MENU_GROUPS[group].icon, children: [] }
      groups.set(group, g)
      items.push(g)
    }
    groups.get(group).children.push(item)
  }
  return items
}

/** Flatten a menu tree into its leaf items. */
export function menuLeaves(items) {
  return items.flatMap((i) => (i.children ? menuLeaves(i.children) : [i]))
}
