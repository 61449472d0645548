// The API of 载体 (/api/space/…, docs/API.md), for the module's pages. Reads are `silent` (the
// pages show a load error inline); writes name the field of a validation error.
import http, { request } from '../../api/http'

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
  // demands (需求): posted, matched, offered, accepted into a lease; applying for a unit
  demands: (params) => http.get(`${BASE}/demands`, { ...quiet, params }),
  demand: (id) => http.get(`${BASE}/demands/${id}`, quiet),
  createDemand: (body) => http.post(`${BASE}/demands`, body, { fieldErrors: true }),
  matches: (id) => http.get(`${BASE}/demands/${id}/matches`, quiet),
  offer: (id, unitId) => http.post(`${BASE}/demands/${id}/offer`, { unit_id: unitId }),
  act: (id, ev) => http.post(`${BASE}/demands/${id}/${ev}`, {}),
  apply: (unitId, body) => http.post(`${BASE}/units/${unitId}/apply`, body, { fieldErrors: true }),
  // the list exports (.xlsx)
  exportFile: (list, params) => http.download(`${BASE}/${list}/export`, { params: { ...params, format: 'xlsx' } }),
  // the zone's site plan and the buildings' outlines on it
  plan: () => http.get(`${BASE}/plan`, quiet),
  planImage: () => http.download(`${BASE}/plan/image`, { silent: true }),
  uploadPlan: (file) => {
    const form = new FormData()
    form.append('file', file)
    return request('PUT', `${BASE}/plan`, { form })
  },
  setOutline: (id, plan) => http.put(`${BASE}/buildings/${id}/outline`, { plan }),
}
