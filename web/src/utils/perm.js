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

/**
 * The duties a user has in the enterprise-request workflow (企业诉求), from ctx {perms, role, deptKind}:
 * - enterprise: an enterprise user (submits, supplies, rates);
 * - center: the 企业服务中心 desk (ticket.triage, and the user's department is the service
 *   center: the server refuses triage from any other department; admins always; when the
 *   department kind is unknown (deptKind undefined/null) the permission alone decides);
 * - dept: a handling department (ticket.handle, not an enterprise, not the service center desk);
 * - leader: zone leaders and heads who watch the figures (ticket.stats or ticket.escalate).
 */
export function ticketDuties(ctx) {
  const perms = (ctx && ctx.perms) || []
  const role = ctx ? ctx.role : ''
  const kind = ctx ? ctx.deptKind : undefined
  const out = new Set()
  if (role === 'enterprise') {
    out.add('enterprise')
    return out
  }
  const center = hasPerm(perms, 'ticket.triage') && (role === 'admin' || kind == null || kind === 'service_center')
  if (center) out.add('center')
  if (hasPerm(perms, 'ticket.handle') && (role === 'admin' || !center)) out.add('dept')
  if (hasPerm(perms, ['ticket.stats', 'ticket.escalate'])) out.add('leader')
  return out
}

/** Whether a menu item or a route meta {perm, roles, duty} is open to ctx {perms, role, deptKind}. */
export function isAllowed(meta, ctx) {
  if (!meta) return true
  if (meta.roles && meta.roles.length && !meta.roles.includes(ctx.role)) return false
  if (meta.duty && meta.duty.length) {
    const d = ticketDuties(ctx)
    if (!meta.duty.some((x) => d.has(x))) return false
  }
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

/**
 * Whether the user may record a 包保 visit on enterprise `ent` (the server's rule): the
 * enterprise.visit permission, and either enterprise.write (the enterprise is in the user's
 * scope, or the page would not show it) or being the enterprise's 包保 leader or liaison.
 */
export function mayRecordVisit(perms, userId, ent) {
  if (!ent || !hasPerm(perms, 'enterprise.visit')) return false
  if (hasPerm(perms, 'enterprise.write')) return true
  return !!userId && (ent.leader_user_id === userId || ent.liaison_user_id === userId)
}
