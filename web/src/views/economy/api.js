// The API of 经济运行 (/api/economy, docs/API.md), for the module's pages. Reads are `silent`
// (the pages show a load error inline); a filing is silent too: the 企业直报 page shows the
// server's refusal itself (a locked or accepted month, 409) and the field errors under the field.
import http from '../../api/http'

const BASE = '/api/economy'
const quiet = { silent: true }
const write = { fieldErrors: true }

export const economyApi = {
  indicators: () => http.get(`${BASE}/indicators`, quiet),
  period: (period) => http.get(`${BASE}/periods/${period}`, quiet),
  setDeadline: (period, deadline) => http.put(`${BASE}/periods/${period}`, { deadline }, write),
  setTargets: (body) => http.put(`${BASE}/targets`, body, write),
  // zone 'all': every zone the caller reads (province users), group 'zone' zone by zone
  summary: (period, group, zone) => http.get(`${BASE}/summary`, { ...quiet, params: { period, group, zone } }),
  contributions: (period, indicator, basis, limit) => http.get(`${BASE}/contributions`, { ...quiet, params: { period, indicator, basis, limit } }),
  bulletin: (period) => http.download(`${BASE}/bulletin`, { params: { period, format: 'pdf' } }),
  missing: (period) => http.get(`${BASE}/missing`, { ...quiet, params: { period } }),
  reports: (params) => http.get(`${BASE}/reports`, { ...quiet, params }),
  // 催报: notify the enterprises of the month not filed, and their 包保 cadres
  remind: (period) => http.post(`${BASE}/reminders`, { period }),
  // a statistics sheet of a month (components/ImportDialog.vue posts it with ?period=)
  importUrl: `${BASE}/import`,
  report: (id) => http.get(`${BASE}/reports/${id}`, quiet),
  file: (body) => http.post(`${BASE}/reports`, body, quiet),
  accept: (id) => http.post(`${BASE}/reports/${id}/accept`, {}),
  giveBack: (id, note) => http.post(`${BASE}/reports/${id}/return`, { note }, write),
  // 包保: the month's enterprises of a leader (the zone's, by leader, for its viewers), one
  // enterprise's month, its targets, a 调度 (with a request raised from its problems)
  baobao: (period) => http.get(`${BASE}/baobao`, { ...quiet, params: { period } }),
  baobaoOne: (id, period) => http.get(`${BASE}/baobao/${id}`, { ...quiet, params: { period } }),
  setBaobaoTargets: (id, body) => http.put(`${BASE}/baobao/${id}/targets`, body, write),
  addDispatch: (id, body) => http.post(`${BASE}/baobao/${id}/dispatches`, body, write),
}
