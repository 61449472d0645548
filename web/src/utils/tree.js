// Build a tree from the flat department list (GET /api/depts): items with id and parent_id.

/** Nested copies of items with `children`, siblings ordered by sort then name. */
export function buildTree(items, { sortKey = 'sort' } = {}) {
  const byId = new Map()
  for (const it of items || []) byId.set(it.id, { ...it, children: [] })
  const roots = []
  for (const node of byId.values()) {
    const parent = node.parent_id != null ? byId.get(node.parent_id) : null
    if (parent && parent !== node) parent.children.push(node)
    else roots.push(node)
  }
  const order = (a, b) => (a[sortKey] ?? 0) - (b[sortKey] ?? 0) || String(a.name).localeCompare(String(b.name), 'zh-CN')
  const finish = (list) => {
    list.sort(order)
    for (const n of list) {
      if (n.children.length) finish(n.children)
      else delete n.children
    }
    return list
  }
  return finish(roots)
}

/** The ids of node `id` and all its descendants in the flat list. */
export function subtreeIds(items, id) {
  const out = new Set([id])
  let grew = true
  while (grew) {
    grew = false
    for (const it of items || []) {
      if (it.parent_id != null && out.has(it.parent_id) && !out.has(it.id)) {
        out.add(it.id)
        grew = true
      }
    }
  }
  return out
}
