// The API of 工业物流 (/api/freight/…, docs/API.md), for the module's pages. Reads are `silent`
// (the pages show a load error inline); writes name the field of a validation error.
import http from '../../api/http'

const BASE = '/api/freight'
const quiet = { silent: true }
const write = { fieldErrors: true }

export const freightApi = {
  summary: () => http.get(`${BASE}/summary`, quiet),
  carriers: (params) => http.get(`${BASE}/carriers`, { ...quiet, params }),
  createCarrier: (body) => http.post(`${BASE}/carriers`, body, write),
  updateCarrier: (id, body) => http.patch(`${BASE}/carriers/${id}`, body, write),
  trucks: (params) => http.get(`${BASE}/trucks`, { ...quiet, params }),
  createTruck: (body) => http.post(`${BASE}/trucks`, body, write),
  updateTruck: (id, body) => http.patch(`${BASE}/trucks/${id}`, body, write),
  offers: (params) => http.get(`${BASE}/offers`, { ...quiet, params }),
  createOffer: (body) => http.post(`${BASE}/offers`, body, write),
  closeOffer: (id) => http.post(`${BASE}/offers/${id}/close`, {}),
  loads: (params) => http.get(`${BASE}/loads`, { ...quiet, params }),
  createLoad: (body) => http.post(`${BASE}/loads`, body, write),
  matches: (id) => http.get(`${BASE}/loads/${id}/matches`, quiet),
  match: (id, offerId) => http.post(`${BASE}/loads/${id}/match`, { offer_id: offerId }),
  act: (id, action, body = {}) => http.post(`${BASE}/loads/${id}/${action}`, body, write),
  // the carrier's side of a matched load ('confirm' | 'decline'): a carrier user, or the desk
  carrierAct: (id, action) => http.post(`${BASE}/loads/${id}/carrier-${action}`, {}, write),
  // a carrier user's notifications (the loads matched to its offers)
  notifications: (params) => http.get(`${BASE}/notifications`, { ...quiet, params }),
  notificationRead: (id) => http.post(`${BASE}/notifications/${id}/read`, {}),
  notificationsReadAll: () => http.post(`${BASE}/notifications/read-all`, {}),
  regs: (params) => http.get(`${BASE}/registrations`, { ...quiet, params }),
  createReg: (body) => http.post(`${BASE}/registrations`, body, write),
  regAct: (id, action, body = {}) => http.post(`${BASE}/registrations/${id}/${action}`, body, write),
  exportFile: (list, params, format = 'xlsx') => http.download(`${BASE}/${list}/export`, { params: { ...params, format } }),
}
