// 载体 rules the pages share (pure, unit-tested in web/tests/unit/space.test.js): the codes and
// their tag colours, the vacancy rate as a percentage, a unit's size line, the bodies sent for a
// unit and a lease (only the members its building's type has), the lease form's own checks, and
// the days left of a lease.

export const TYPES = ['factory', 'incubator', 'apartment', 'office']
export const STATUSES = ['vacant', 'intent', 'leased', 'self_use', 'repair']
export const STATUS_TYPE = { vacant: 'success', intent: 'warning', leased: 'primary', self_use: 'info', repair: 'danger' }
/** The statuses a unit is given by hand (已租 comes with its lease). */
export const HAND_STATUSES = STATUSES.filter((s) => s !== 'leased')

/** A fraction as a percentage with one decimal ("23.5%"); "-" when there is none. */
export function pct(rate) {
  if (rate == null || !Number.isFinite(Number(rate))) return '-'
  return `${(Math.round(Number(rate) * 1000) / 10).toFixed(1)}%`
}

/** A colour for a vacancy rate: green when low, amber from 20%, red from 40%. */
export function rateColor(rate) {
  if (rate == null) return '#909399'
  return rate >= 0.4 ? '#f56c6c' : rate >= 0.2 ? '#e6a23c' : '#67c23a'
}

/** A number with thousands separators and at most `d` decimals. */
export function num(v, d = 0) {
  if (v == null || v === '') return '-'
  return Number(v).toLocaleString('zh-CN', { maximumFractionDigits: d })
}

/** The size line of a unit: "1,600㎡ · 30kN/㎡ · 630kVA", or "65㎡ · 2室" for a flat. */
export function sizeLine(u, t) {
  const parts = [`${num(u.area, 1)}㎡`]
  if (u.building_type === 'apartment' || u.rooms > 0) {
    if (u.rooms) parts.push(t('space.roomsOf', { n: u.rooms }))
  } else {
    if (u.floor_load != null) parts.push(`${num(u.floor_load, 1)}kN/㎡`)
    if (u.power_kva != null) parts.push(`${num(u.power_kva)}kVA`)
  }
  return parts.join(' · ')
}

const blank = (v) => v === '' || v === undefined || v === null

/** The body of a unit for a building of `type`: a flat has rooms and no load or power, the
 * others the reverse; empty numbers are left out (none). */
export function unitBody(form, type) {
  const flat = type === 'apartment'
  const out = {}
  for (const k of ['building_id', 'floor', 'number', 'area', 'rent', 'status', 'notes']) if (!blank(form[k])) out[k] = form[k]
  if (flat) {
    if (!blank(form.rooms)) out.rooms = form.rooms
  } else {
    for (const k of ['floor_load', 'power_kva']) if (!blank(form[k])) out[k] = form[k]
  }
  return out
}

/** The body of a lease: an enterprise or, for a flat, a person; the rent when given. */
export function leaseBody(form) {
  const out = { unit_id: form.unit_id, start_date: form.start_date, end_date: form.end_date }
  if (form.kind === 'person') out.tenant_name = (form.tenant_name || '').trim()
  else out.enterprise_id = form.enterprise_id
  if (!blank(form.rent)) out.rent = form.rent
  if (!blank(form.notes)) out.notes = form.notes
  return out
}

/** The lease form's own checks: {field: message key} ({} when fine). */
export function checkLease(form) {
  const e = {}
  if (!form.start_date) e.start_date = 'space.check.required'
  if (!form.end_date) e.end_date = 'space.check.required'
  else if (form.start_date && form.end_date <= form.start_date) e.end_date = 'space.check.endAfterStart'
  if (form.kind === 'person' ? !(form.tenant_name || '').trim() : !form.enterprise_id) e.enterprise_id = 'space.check.tenant'
  return e
}

/** Whole days from `today` to `end` (both "YYYY-MM-DD"); negative when past. */
export function daysLeft(end, today) {
  if (!end || !today) return null
  const ms = Date.parse(`${end}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)
  return Math.round(ms / 86400000)
}
