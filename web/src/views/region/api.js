// The API of the region's comparison and 综合考核 ranking (/api/region, docs/API.md). Reads are
// `silent`: the page shows a load error inline.
import http from '../../api/http'

const quiet = { silent: true }

export const regionApi = {
  ranking: (period, scheme) => http.get('/api/region/ranking', { ...quiet, params: { period, scheme: scheme || undefined } }),
  compare: (period, zones, metrics, months) =>
    http.get('/api/region/compare', { ...quiet, params: { ...compareParams(period, zones, metrics), months: months > 1 ? months : undefined } }),
  compareExport: (period, zones, metrics) =>
    http.download('/api/region/compare/export', { params: { ...compareParams(period, zones, metrics), format: 'xlsx' } }),
  history: (period, months) => http.get('/api/region/ranking/history', { ...quiet, params: { period, months } }),
}

function compareParams(period, zones, metrics) {
  return { period, zones: zones.length ? zones.join(',') : undefined, metrics: metrics.length ? metrics.join(',') : undefined }
}
