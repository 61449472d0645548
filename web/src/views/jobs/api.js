// The API of 用工 (/api/jobs/…, docs/API.md), for the module's pages. Reads are `silent` (the pages
// show a load error inline); writes name the field of a validation error.
import http from '../../api/http'

const BASE = '/api/jobs'
const quiet = { silent: true }

export const jobsApi = {
  summary: (year) => http.get(`${BASE}/summary`, { ...quiet, params: year ? { year } : {} }),
  demands: (params) => http.get(`${BASE}/demands`, { ...quiet, params }),
  createDemand: (body) => http.post(`${BASE}/demands`, body, { fieldErrors: true }),
  updateDemand: (id, body) => http.patch(`${BASE}/demands/${id}`, body, { fieldErrors: true }),
  closeDemand: (id) => http.post(`${BASE}/demands/${id}/close`, {}),
  reopenDemand: (id) => http.post(`${BASE}/demands/${id}/reopen`, {}),
  hires: (params) => http.get(`${BASE}/hires`, { ...quiet, params }),
  createHire: (body) => http.post(`${BASE}/hires`, body, { fieldErrors: true }),
  fairs: (params) => http.get(`${BASE}/fairs`, { ...quiet, params }),
  createFair: (body) => http.post(`${BASE}/fairs`, body, { fieldErrors: true }),
  fairEnterprises: (id) => http.get(`${BASE}/fairs/${id}/enterprises`, quiet),
  joinFair: (id, body = {}) => http.post(`${BASE}/fairs/${id}/join`, body),
  leaveFair: (id, body = {}) => http.post(`${BASE}/fairs/${id}/leave`, body),
  partnerships: (params) => http.get(`${BASE}/partnerships`, { ...quiet, params }),
  createPartnership: (body) => http.post(`${BASE}/partnerships`, body, { fieldErrors: true }),
  updatePartnership: (id, body) => http.patch(`${BASE}/partnerships/${id}`, body, { fieldErrors: true }),
  exportFile: (list, params, format = 'xlsx') => http.download(`${BASE}/${list}/export`, { params: { ...params, format } }),
}
