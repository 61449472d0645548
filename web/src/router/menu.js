// The side menu. Each item declares the permission it needs (perm) and, where it matters,
// the roles it is limited to (roles) or hidden for (hideForRoles). The router guard checks the
// same permission on the route itself, so a hidden item's URL typed by hand is refused too.
export const MENU = [
  { key: 'home', path: '/', title: 'menu.home', icon: 'HomeFilled', hideForRoles: ['enterprise'] },
  {
    key: 'enterprises',
    path: '/enterprises',
    title: 'menu.enterprises',
    icon: 'OfficeBuilding',
    perm: 'enterprise.read',
    hideForRoles: ['enterprise'],
  },
  {
    key: 'my-enterprise',
    path: '/my-enterprise',
    title: 'menu.myEnterprise',
    icon: 'OfficeBuilding',
    perm: 'enterprise.read',
    roles: ['enterprise'],
  },
  {
    key: 'system',
    title: 'menu.system',
    icon: 'Setting',
    children: [
      { key: 'depts', path: '/system/depts', title: 'menu.depts', icon: 'Share', perm: 'dept.read' },
      { key: 'users', path: '/system/users', title: 'menu.users', icon: 'User', perm: 'user.read' },
      { key: 'roles', path: '/system/roles', title: 'menu.roles', icon: 'Key', perm: 'role.read' },
      { key: 'audit', path: '/system/audit', title: 'menu.audit', icon: 'Document', perm: 'audit.read' },
      { key: 'logins', path: '/system/logins', title: 'menu.logins', icon: 'Tickets', perm: 'audit.read' },
    ],
  },
]

/** Flatten the menu into its leaf items. */
export function menuLeaves(items = MENU) {
  return items.flatMap((i) => (i.children ? menuLeaves(i.children) : [i]))
}
