// The API of 银企对接 (/api/finance/…, docs/API.md), for the module's pages. Reads are `silent`
// (the pages show a load error inline); writes name the field of a validation error.
import http from '../../api/http'

const BASE = '/api/finance'
const quiet = { silent: true }
const fields = { fieldErrors: true }

export const financeApi = {
  summary: (params) => http.get(`${BASE}/summary`, { ...quiet, params }),
  banks: (params) => http.get(`${BASE}/banks`, { ...quiet, params }),
  createBank: (body) => http.post(`${BASE}/banks`, body, fields),
  updateBank: (id, body) => http.patch(`${BASE}/banks/${id}`, body, fields),
  products: (params) => http.get(`${BASE}/products`, { ...quiet, params }),
  createProduct: (body) => http.post(`${BASE}/products`, body, fields),
  updateProduct: (id, body) => http.patch(`${BASE}/products/${id}`, body, fields),
  demands: (params) => http.get(`${BASE}/demands`, { ...quiet, params }),
  createDemand: (body) => http.post(`${BASE}/demands`, body, fields),
  updateDemand: (id, body) => http.patch(`${BASE}/demands/${id}`, body, fields),
  demandMove: (id, move, body = {}) => http.post(`${BASE}/demands/${id}/${move}`, body, fields),
  offers: (params) => http.get(`${BASE}/offers`, { ...quiet, params }),
  offerMove: (id, move, body = {}) => http.post(`${BASE}/offers/${id}/${move}`, body, fields),
  tranches: (id) => http.get(`${BASE}/offers/${id}/tranches`, quiet),
  exportDemands: (params) => http.download(`${BASE}/demands/export`, { params }),
  // a bank user's notifications (the bell reads these for the bank role)
  notifications: (params) => http.get(`${BASE}/notifications`, { ...quiet, params }),
  notificationRead: (id) => http.post(`${BASE}/notifications/${id}/read`, {}, quiet),
  notificationsReadAll: () => http.post(`${BASE}/notifications/read-all`, {}, quiet),
  exportOffers: (params) => http.download(`${BASE}/offers/export`, { params }),
}
