// The API of 惠企政策 (/api/policies/…, docs/API.md), for the module's pages. Reads are `silent`
// (the pages show a load error inline); writes name the field of a validation error.
import http from '../../api/http'

const BASE = '/api/policies'
const APPS = `${BASE}/applications`
const quiet = { silent: true }

export const policyApi = {
  summary: () => http.get(`${BASE}/summary`, quiet),
  list: (params) => http.get(BASE, { ...quiet, params }),
  mine: (params) => http.get(`${BASE}/mine`, { ...quiet, params }),
  get: (id) => http.get(`${BASE}/${id}`, quiet),
  create: (body) => http.post(BASE, body, { fieldErrors: true }),
  update: (id, body) => http.patch(`${BASE}/${id}`, body, { fieldErrors: true }),
  publish: (id) => http.post(`${BASE}/${id}/publish`, {}),
  close: (id) => http.post(`${BASE}/${id}/close`, {}),
  matches: (id, params) => http.get(`${BASE}/${id}/matches`, { ...quiet, params }),
  exportPolicies: (params, format = 'xlsx') => http.download(`${BASE}/export`, { params: { ...params, format } }),

  apps: (params) => http.get(APPS, { ...quiet, params }),
  app: (id) => http.get(`${APPS}/${id}`, quiet),
  apply: (body) => http.post(APPS, body, { fieldErrors: true }),
  updateApp: (id, body) => http.patch(`${APPS}/${id}`, body, { fieldErrors: true }),
  submit: (id) => http.post(`${APPS}/${id}/submit`, {}),
  accept: (id, body = {}) => http.post(`${APPS}/${id}/accept`, body, { fieldErrors: true }),
  approve: (id, body) => http.post(`${APPS}/${id}/approve`, body, { fieldErrors: true }),
  reject: (id, body) => http.post(`${APPS}/${id}/reject`, body, { fieldErrors: true }),
  pay: (id, body) => http.post(`${APPS}/${id}/payments`, body, { fieldErrors: true }),
  payments: (id) => http.get(`${APPS}/${id}/payments`, quiet),
  files: (id) => http.get(`${APPS}/${id}/attachments`, quiet),
  upload(id, file) {
    const form = new FormData()
    form.append('file', file, file.name)
    return http.upload(`${APPS}/${id}/attachments`, form, { fieldErrors: true })
  },
  removeFile: (id, aid) => http.del(`${APPS}/${id}/attachments/${aid}`),
  exportApps: (params, format = 'xlsx') => http.download(`${APPS}/export`, { params: { ...params, format } }),
}

/** The download address of an application's file. */
export const fileHref = (id, aid) => `${APPS}/${id}/attachments/${aid}`
