// 省/市级用户 (region users) in the console: the pure rules of the user page's second tab
// (RegionUsers.vue), unit-tested in web/tests/unit/region-users.test.js. A platform administrator
// (an administrator whose data scope is every zone: `yuanqu user add NAME --role admin
// --data-scope all`) manages them; a zone's administrator is not shown the tab (the server refuses
// it too: docs/API.md, POST /api/users).

/** Whether `user` (GET /api/me's) is a platform administrator: role admin, data scope all. */
export const isPlatformAdmin = (user) => !!user && user.role === 'admin' && user.data_scope === 'all'

/**
 * The regions of GET /api/regions (a flat list by code: {code, name, parent, level}) as the
 * options of a cascader: province → city → county, {value, label, children}; a region without
 * regions under it has no children (it is a leaf). A region whose parent is not listed is a root.
 */
export function regionTree(regions) {
  const list = Array.isArray(regions) ? regions : []
  const nodes = new Map(list.map((g) => [g.code, { value: g.code, label: g.name }]))
  const roots = []
  for (const g of list) {
    const n = nodes.get(g.code)
    const p = g.parent && nodes.get(g.parent)
    if (p) (p.children || (p.children = [])).push(n)
    else roots.push(n)
  }
  return roots
}

/** The codes from the province down to `code` (a cascader's path), [] for none or an unknown one. */
export function regionPath(regions, code) {
  const by = new Map((regions || []).map((g) => [g.code, g]))
  const path = []
  for (let g = by.get(code); g && path.length < 4; g = g.parent ? by.get(g.parent) : null) path.unshift(g.code)
  return path
}

/** The form of a new region user, or of `row` to edit. */
export const regionForm = (row) => ({
  username: row ? row.username : '',
  display_name: row ? row.display_name || '' : '',
  region_code: row ? row.region_code || '' : '',
  contact_access: row ? !!row.contact_access : false,
  password: '',
  phone: row ? row.phone || '' : '',
  email: row ? row.email || '' : '',
})

/**
 * The body of POST /api/users (a new region user: role province) or PUT /api/users/:id (an edit:
 * no user name, role or password) for form f.
 */
export function regionUserBody(f, editing) {
  const body = {
    display_name: (f.display_name || '').trim(),
    region_code: f.region_code || '',
    contact_access: !!f.contact_access,
    phone: (f.phone || '').trim(),
    email: (f.email || '').trim(),
  }
  if (editing) return body
  return { username: (f.username || '').trim(), role: 'province', password: f.password, ...body }
}

/** A region user's region as shown: its name with its code ("长春市（220100）"), the whole country for none. */
export const regionLabel = (u, allLabel) => (u && u.region_code ? `${u.region_name || ''}（${u.region_code}）` : allLabel)

/** The roles a zone's user may be given from the zone tab: every role but province. */
export const zoneRoles = (roles) => (roles || []).filter((r) => r.name !== 'province')
