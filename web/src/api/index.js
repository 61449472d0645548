// One function per API route the console uses (see docs/API.md).
// Reads are `silent`: the pages show a load error inline (el-alert / el-result) instead of a
// toast. Writes toast their errors unless the form shows them next to the field.
import http from './http'

const quiet = { silent: true }

/**
 * A sheet import (POST `url`, the file in the field `file`): {dryRun} asks for the row report
 * only (?dry_run=1), {skipInvalid} imports the valid rows of a sheet with bad ones
 * (?skip_invalid=1). The enterprises' and the projects' imports answer alike.
 */
export function importSheet(url, file, { dryRun, skipInvalid, params } = {}) {
  const form = new FormData()
  form.append('file', file, file.name)
  return http.upload(url, form, { params: { ...params, dry_run: dryRun ? 1 : undefined, skip_invalid: skipInvalid ? 1 : undefined } })
}

/** GET a file (an import template …) -> {blob, filename, type}. */
export const downloadFile = (url, params) => http.download(url, { params })

/** The calls of a collection at `base` that has all four routes: list, read one, create, update. */
const collection = (base) => ({
  list: (params) => http.get(base, { ...quiet, params }),
  get: (id) => http.get(`${base}/${id}`, quiet),
  create: (body) => http.post(base, body, { fieldErrors: true }),
  update: (id, body) => http.put(`${base}/${id}`, body, { fieldErrors: true }),
})

export const authApi = {
  login: (username, password, totp) =>
    http.post('/api/login', totp ? { username, password, totp } : { username, password }, { silent: true, noAuthRedirect: true }),
  logout: () => http.post('/api/logout', {}, { silent: true, noAuthRedirect: true }),
  me: (opts = {}) => http.get('/api/me', opts),
  changePassword: (old_password, new_password) =>
    http.put('/api/me/password', { old_password, new_password }, { fieldErrors: true }),
  switchZone: (zone_id) => http.put('/api/me/zone', { zone_id }),
}

// TOTP second factor of one's own account, and the roles that must use it (admin)
export const totpApi = {
  status: () => http.get('/api/me/totp', quiet),
  enrol: (password) => http.post('/api/me/totp/enrol', { password }, { fieldErrors: true }),
  confirm: (code) => http.post('/api/me/totp/confirm', { code }, { fieldErrors: true }),
  disable: (body) => http.post('/api/me/totp/disable', body, { fieldErrors: true }),
  reset: (userId) => http.post(`/api/users/${userId}/totp/reset`, {}),
  roles: () => http.get('/api/security/totp-roles', quiet),
  setRoles: (roles) => http.put('/api/security/totp-roles', { roles }, { fieldErrors: true }),
}

export const roleApi = {
  list: () => http.get('/api/roles', quiet),
}

export const deptApi = {
  list: () => http.get('/api/depts', { ...quiet, params: { page_size: 200 } }),
  create: (d) => http.post('/api/depts', d, { fieldErrors: true }),
  update: (id, d) => http.put(`/api/depts/${id}`, d, { fieldErrors: true }),
  remove: (id) => http.del(`/api/depts/${id}`),
}

export const userApi = {
  ...collection('/api/users'),
  lock: (id) => http.post(`/api/users/${id}/lock`, {}),
  unlock: (id) => http.post(`/api/users/${id}/unlock`, {}),
  resetPassword: (id, password) => http.post(`/api/users/${id}/reset-password`, { password }, { fieldErrors: true }),
}

// API tokens for integrations (12345 hotline, an enterprise's own system …), bound like a user of
// their role: a department or an enterprise
export const tokenApi = {
  list: () => http.get('/api/tokens', quiet),
  create: (tok) => http.post('/api/tokens', tok, { fieldErrors: true }),
  revoke: (id) => http.del(`/api/tokens/${id}`),
}

// the API's own description (OpenAPI 3.1, made by the server from its route table)
export const docsApi = {
  openapi: () => http.get('/api/openapi.json', quiet),
}

export const zoneApi = {
  list: () => http.get('/api/zones', quiet),
}

export const auditApi = {
  list: (params) => http.get('/api/audit', { ...quiet, params }),
  logins: (params) => http.get('/api/logins', { ...quiet, params }),
}

export const enterpriseApi = {
  ...collection('/api/enterprises'),
  archive: (id) => http.post(`/api/enterprises/${id}/archive`, {}),
  unarchive: (id) => http.post(`/api/enterprises/${id}/unarchive`, {}),
  visits: (id, params) => http.get(`/api/enterprises/${id}/visits`, { ...quiet, params }),
  addVisit: (id, v) => http.post(`/api/enterprises/${id}/visits`, v, { fieldErrors: true }),
  exportFile: (params) => http.download('/api/enterprises/export', { params }),
  // the sheet import (components/ImportDialog.vue, see importSheet) and its template
  importUrl: '/api/enterprises/import',
  templateUrl: '/api/enterprises/import/template',
  leaders: () => http.get('/api/baobao/leaders', quiet),
  stats: () => http.get('/api/stats/enterprises', quiet),
}

export const industryApi = {
  list: (params) => http.get('/api/industries', { ...quiet, params }),
}

// 企业诉求 (docs/API.md "Enterprise requests"). Actions answer the ticket as it now is; their
// field errors are shown under the dialog's fields.
const act = (id, action, body) => http.post(`/api/tickets/${id}/${action}`, body || {}, { fieldErrors: true })

export const ticketApi = {
  list: (params) => http.get('/api/tickets', { ...quiet, params }),
  get: (id) => http.get(`/api/tickets/${id}`, quiet),
  create: (tk) => http.post('/api/tickets', tk, { fieldErrors: true }),
  stats: (params) => http.get('/api/tickets/stats', { ...quiet, params }),
  // the daily briefing (每日简报) as a PDF; without a date the server takes the previous working day
  briefingPdf: (date) => http.download('/api/tickets/briefing', { params: date ? { date, format: 'pdf' } : { format: 'pdf' } }),
  act,
  accept: (id, b) => act(id, 'accept', b),
  reject: (id, reason) => act(id, 'reject', { reason }),
  merge: (id, into_id) => act(id, 'merge', { into_id }),
  start: (id, body) => act(id, 'start', body ? { body } : {}),
  wait: (id, body) => act(id, 'wait', { body }),
  supply: (id, body) => act(id, 'supply', { body }),
  returnBack: (id, reason) => act(id, 'return', { reason }),
  resolve: (id, answer) => act(id, 'resolve', { answer }),
  rate: (id, rating, comment) => act(id, 'rate', { rating, comment }),
  comment: (id, body, internal) => act(id, 'comments', { body, internal: !!internal }),
  extension: (id, days, reason) => act(id, 'extension', { days, reason }),
  decideExtension: (id, approve, comment) => act(id, 'extension/decision', { approve, comment }),
  escalate: (id, b) => act(id, 'escalate', b),
  // the list with the same filters as .xlsx or .csv, written by the server (all rows, scope applied)
  exportFile: (params, format = 'xlsx') => http.download('/api/tickets/export', { params: { ...params, format } }),
  attachments: (id) => http.get(`/api/tickets/${id}/attachments`, quiet),
  upload: (id, file) => {
    const form = new FormData()
    form.append('file', file, file.name)
    return http.upload(`/api/tickets/${id}/attachments`, form, { fieldErrors: true })
  },
  removeAttachment: (id, aid) => http.del(`/api/tickets/${id}/attachments/${aid}`),
  rules: () => http.get('/api/ticket-rules', quiet),
  setRule: (rule) => http.put('/api/ticket-rules', rule, { fieldErrors: true }),
  holidays: () => http.get('/api/holidays', quiet),
  addHoliday: (h) => http.post('/api/holidays', h, { fieldErrors: true }),
}

// 消息: the department's notifications (docs/API.md "Notifications").
export const notifyApi = {
  list: (params) => http.get('/api/notifications', { ...quiet, params }),
  read: (id) => http.post(`/api/notifications/${id}/read`, {}, quiet),
  readAll: () => http.post('/api/notifications/read-all', {}, quiet),
}
