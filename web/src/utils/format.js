// Display formats: times in local time, money in 万元, role and flag labels.
import { i18n } from '../i18n'

const pad = (n) => String(n).padStart(2, '0')

/** ISO-8601 time -> "YYYY-MM-DD HH:mm:ss" in local time; '-' when empty. */
export function fmtTime(iso) {
  if (!iso) return '-'
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return String(iso)
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
}

export function fmtDate(s) {
  return s ? String(s).slice(0, 10) : '-'
}

/**
 * The zone's day as YYYY-MM-DD: China Standard Time (UTC+8, no summer time), the day the server
 * counts in (cst_day), whatever the browser's time zone. A browser's local day differs from it
 * for up to 16 hours a day outside China (and a form's default date must match the server's).
 */
export function today(now = Date.now()) {
  return new Date(now + 8 * 3600e3).toISOString().slice(0, 10)
}

/** Amount in 万元 with thousands separators (up to 2 decimals). */
export function fmtWan(v) {
  if (v === null || v === undefined || v === '') return '-'
  const n = Number(v)
  if (!Number.isFinite(n)) return String(v)
  return n.toLocaleString('zh-CN', { maximumFractionDigits: 2 })
}

export function fmtPercent(num, den) {
  if (!den) return '-'
  return ((num / den) * 100).toFixed(1) + '%'
}

function label(prefix, key, fallback) {
  if (!key) return '-'
  const k = `${prefix}.${key}`
  return i18n.global.te(k) ? i18n.global.t(k) : fallback || key
}

/** A role's name in the UI language; `serverLabel` (from GET /api/roles) when unknown here. */
export const roleLabel = (name, serverLabel) => label('roles', name, serverLabel)
export const flagLabel = (name) => label('flags', name)
export const entTypeLabel = (name) => label('entType', name)
export const statusLabel = (name) => label('userStatus', name)

export const FLAGS = ['above_size', 'high_tech', 'specialized', 'little_giant']
export const ENT_TYPES = ['domestic', 'foreign', 'hmt']
export const VISIT_KINDS = ['摸底', '服务', '挖潜']
