// Option loaders for RemoteSelect: industries, users, enterprises. Errors stay quiet here
// (a missing permission just leaves the list empty).
import { industryApi, userApi, enterpriseApi } from '../api'
import http from '../api/http'

export async function fetchIndustries(q) {
  const params = q ? { q, page_size: 50 } : { level: 1, page_size: 50 }
  const res = await http.get('/api/industries', { params, silent: true })
  return ((res && res.items) || []).map((i) => ({ value: i.code, label: `${i.code} ${i.name}` }))
}

export async function fetchUsers(q) {
  const res = await http.get('/api/users', { params: { q, status: 'active', page_size: 30 }, silent: true })
  return ((res && res.items) || []).map((u) => ({ value: u.id, label: u.display_name ? `${u.display_name} (${u.username})` : u.username }))
}

export async function fetchEnterprises(q) {
  const res = await http.get('/api/enterprises', { params: { q, page_size: 30 }, silent: true })
  return ((res && res.items) || []).map((e) => ({ value: e.id, label: e.name }))
}

export { industryApi, userApi, enterpriseApi }
