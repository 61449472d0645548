// The API of 通知公告 (/api/announcements, docs/API.md), for the module's pages. Reads are
// `silent` (the pages show a load error inline); writes name the field of a validation error.
import http from '../../api/http'

const BASE = '/api/announcements'
const quiet = { silent: true }

export const announceApi = {
  list: (params) => http.get(BASE, { ...quiet, params }),
  get: (id) => http.get(`${BASE}/${id}`, quiet),
  create: (body) => http.post(BASE, body, { fieldErrors: true }),
  update: (id, body) => http.put(`${BASE}/${id}`, body, { fieldErrors: true }),
  publish: (id) => http.post(`${BASE}/${id}/publish`, {}, { fieldErrors: true }),
  withdraw: (id) => http.post(`${BASE}/${id}/withdraw`, {}),
  receipts: (id, params) => http.get(`${BASE}/${id}/receipts`, { ...quiet, params }),
  upload(id, file) {
    const form = new FormData()
    form.append('file', file, file.name)
    return http.upload(`${BASE}/${id}/attachments`, form, { fieldErrors: true })
  },
  removeAttachment: (id, aid) => http.del(`${BASE}/${id}/attachments/${aid}`),
}

/** The download address of an attachment. */
export const attachmentHref = (id, aid) => `${BASE}/${id}/attachments/${aid}`
