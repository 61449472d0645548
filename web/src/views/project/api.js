// The API of 招商引资 and 项目建设 (/api/projects, docs/API.md), for the module's pages. Reads are
// `silent` (the pages show a load error inline); writes name the field of a validation error.
import http from '../../api/http'

const BASE = '/api/projects'
const quiet = { silent: true }
const write = { fieldErrors: true }

export const projectApi = {
  list: (params) => http.get(BASE, { ...quiet, params }),
  get: (id) => http.get(`${BASE}/${id}`, quiet),
  create: (body) => http.post(BASE, body, write),
  update: (id, body) => http.patch(`${BASE}/${id}`, body, write),
  // the move dialog shows every error itself (409 naming the stage, 400 naming the evidence)
  move: (id, body) => http.post(`${BASE}/${id}/move`, body, quiet),
  timeline: (id) => http.get(`${BASE}/${id}/timeline`, quiet),
  // the list with the same filters as .xlsx or .csv, written by the server
  exportFile: (params, format = 'xlsx') => http.download(`${BASE}/export`, { params: { ...params, format } }),

  // the 重点项目调度表 as zones keep it: a dry run's row report first, then the import
  // (components/ImportDialog.vue posts it, see importSheet in api/index.js)
  importUrl: `${BASE}/import`,

  attachments: (id) => http.get(`${BASE}/${id}/attachments`, quiet),
  upload(id, file) {
    const form = new FormData()
    form.append('file', file, file.name)
    return http.upload(`${BASE}/${id}/attachments`, form, write)
  },
  removeAttachment: (id, aid) => http.del(`${BASE}/${id}/attachments/${aid}`),

  followups: (id) => http.get(`${BASE}/${id}/followups`, quiet),
  addFollowup: (id, body) => http.post(`${BASE}/${id}/followups`, body, write),
  followupDone: (fid) => http.post(`${BASE}/followups/${fid}/done`, {}),
  overdueFollowups: () => http.get(`${BASE}/followups/overdue`, quiet),

  invest: (id, year) => http.get(`${BASE}/${id}/invest`, { ...quiet, params: { year } }),
  setPlan: (id, body) => http.put(`${BASE}/${id}/invest`, body, write),
  report: (id, month, body) => http.put(`${BASE}/${id}/invest/${month}`, body, write),

  problems: (params) => http.get(`${BASE}/problems`, { ...quiet, params }),
  problem: (pid) => http.get(`${BASE}/problems/${pid}`, quiet),
  exportProblems: (params, format = 'xlsx') => http.download(`${BASE}/problems/export`, { params: { ...params, format } }),
  addProblem: (id, body) => http.post(`${BASE}/${id}/problems`, body, write),
  problemAct: (pid, action, body) => http.post(`${BASE}/problems/${pid}/${action}`, body || {}, write),
  uploadProblemFile(pid, file) {
    const form = new FormData()
    form.append('file', file, file.name)
    return http.upload(`${BASE}/problems/${pid}/attachments`, form, write)
  },
  removeProblemFile: (pid, aid) => http.del(`${BASE}/problems/${pid}/attachments/${aid}`),

  permits: (id) => http.get(`${BASE}/${id}/permits`, quiet),
  setPermit: (id, body) => http.put(`${BASE}/${id}/permits`, body, write),
  checks: (id) => http.get(`${BASE}/${id}/checks`, quiet),
  addCheck: (id, body) => http.post(`${BASE}/${id}/checks`, body, write),

  targets: (year) => http.get(`${BASE}/targets`, { ...quiet, params: { year } }),
  setTarget: (body) => http.put(`${BASE}/targets`, body, write),
  stats: (year) => http.get(`${BASE}/stats`, { ...quiet, params: { year } }),
  leaderboard: (week, by) => http.get(`${BASE}/leaderboard`, { ...quiet, params: { week, by } }),
  // the 龙虎榜 shown (the week, by bureau or by person) as a PDF
  leaderboardPdf: (week, by) => http.download(`${BASE}/leaderboard`, { params: { week, by, format: 'pdf' } }),
  bulletin: (week) => http.download(`${BASE}/bulletin`, { params: { week, format: 'pdf' } }),
  evaluation: (month) => http.get(`${BASE}/evaluation`, { ...quiet, params: { month } }),
  settings: () => http.get(`${BASE}/settings`, quiet),
  setSettings: (body) => http.put(`${BASE}/settings`, body, write),

  // 会审: the meetings, one with its agenda, and its writes (each answers the meeting and agenda)
  reviews: (params) => http.get(`${BASE}/reviews`, { ...quiet, params }),
  review: (rid) => http.get(`${BASE}/reviews/${rid}`, quiet),
  createReview: (body) => http.post(`${BASE}/reviews`, body, write),
  addToReview: (rid, projectId) => http.post(`${BASE}/reviews/${rid}/items`, { project_id: projectId }, write),
  decide: (rid, body) => http.post(`${BASE}/reviews/${rid}/decide`, body, write),
  // the close dialog shows every refusal itself (409 "还有 N 个项目未作会审决定")
  closeReview: (rid, minutes) => http.post(`${BASE}/reviews/${rid}/close`, { minutes }, quiet),
}

/** The download address of a project's attachment (a plain GET: the session cookie goes along). */
export const attachmentHref = (id, aid) => `${BASE}/${id}/attachments/${aid}`
/** The download address of a problem's attachment. */
export const problemFileHref = (pid, aid) => `${BASE}/problems/${pid}/attachments/${aid}`
