// The API of 定时简报 (/api/bulletins, docs/API.md), for the bulletins page.
import http from '../../api/http'

const BASE = '/api/bulletins'
const quiet = { silent: true }
const fields = { fieldErrors: true }

export const bulletinApi = {
  list: (params) => http.get(BASE, { ...quiet, params }),
  schedule: () => http.get(`${BASE}/schedule`, quiet),
  setSchedule: (body) => http.put(`${BASE}/schedule`, body, fields),
  generate: (body) => http.post(BASE, body, fields),
  file: (id) => http.download(`${BASE}/${id}/file`),
}
