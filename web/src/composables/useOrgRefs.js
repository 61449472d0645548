// The zone's roles and departments, for the pickers and labels of the user and token pages.
import { computed, ref } from 'vue'
import { roleApi, deptApi } from '../api'
import { buildTree } from '../utils/tree'
import { roleLabel } from '../utils/format'

/**
 * useOrgRefs({depts, roles}) -> {roles, depts, deptTree, roleName(name), loadRefs()}.
 * depts: whether to load the departments (a user without dept.read gets none); roles(list): which
 * roles to offer (all by default). A failed load leaves its list empty.
 */
export function useOrgRefs({ depts: withDepts = true, roles: pick = (r) => r } = {}) {
  const roles = ref([])
  const depts = ref([])
  const deptTree = computed(() => buildTree(depts.value))
  const roleName = (name) => roleLabel(name, (roles.value.find((r) => r.name === name) || {}).label)
  const items = (res) => (res.status === 'fulfilled' && res.value && res.value.items) || []

  async function loadRefs() {
    const [r, d] = await Promise.allSettled([roleApi.list(), withDepts ? deptApi.list() : Promise.resolve(null)])
    roles.value = pick(items(r))
    depts.value = items(d)
  }
  return { roles, depts, deptTree, roleName, loadRefs }
}
