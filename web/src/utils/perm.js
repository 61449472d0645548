// Permission helpers shared by the menu, the router guard and v-if checks in pages.

/**
 * hasPerm(perms, need): need is undefined (no permission needed), a permission name,
 * or an array of names of which any one is enough. "*" in perms grants everything.
 */
export function hasPerm(perms, need) {
  if (!need || (Array.isArray(need) && need.length === 0)) return true
  const list = perms || []
  if (list.includes('*')) return true
  if (Array.isArray(need)) return need.some((p) => list.includes(p))
  return list.includes(need)
}

/** Whether a menu item or a route meta {perm, roles, hideForRoles} is open to ctx {perms, role}. */
export function isAllowed(meta, ctx) {
  if (!meta) return true
  if (meta.roles && meta.roles.length && !meta.roles.includes(ctx.role)) return false
  return hasPerm(ctx.perms, meta.perm)
}

/** Whether a menu item should be shown: allowed, and not hidden for the user's role. */
export function isVisible(item, ctx) {
  if (item.hideForRoles && item.hideForRoles.includes(ctx.role)) return false
  return isAllowed(item, ctx)
}

/** The menu tree restricted to what ctx may see; a group with no visible child disappears. */
export function filterMenu(items, ctx) {
  const out = []
  for (const item of items) {
    if (!isVisible(item, ctx)) continue
    if (item.children) {
      const children = filterMenu(item.children, ctx)
      if (children.length === 0) continue
      out.push({ ...item, children })
    } else {
      out.push(item)
    }
  }
  return out
}
