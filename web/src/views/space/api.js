// The API of 载体 (/api/space/…, docs/API.md), for the module's pages. Reads are `silent` (the
// pages show a load error inline); writes name the field of a validation error.
import http from '../../api/http'

const BASE = '/api/space'
const quiet = { silent: true }

export const spaceApi = {
  summary: () => http.get(`${BASE}/summary`, quiet),
  buildings: (params) => http.get(`${BASE}/buildings`, { ...quiet, params }),
  createBuilding: (body) => http.post(`${BASE}/buildings`, body, { fieldErrors: true }),
  updateBuilding: (id, body) => http.patch(`${BASE}/buildings/${id}`, body, { fieldErrors: true }),
  units: (params) => http.get(`${BASE}/units`, { ...quiet, params }),
  createUnit: (body) => http.post(`${BASE}/units`, body, { fieldErrors: true }),
  updateUnit: (id, body) => http.patch(`${BASE}/units/${id}`, body, { fieldErrors: true }),
  leases: (params) => http.get(`${BASE}/leases`, { ...quiet, params }),
  createLease: (body) => http.post(`${BASE}/leases`, body, { fieldErrors: true }),
  endLease: (id, body = {}) => http.post(`${BASE}/leases/${id}/end`, body, { fieldErrors: true }),
}
