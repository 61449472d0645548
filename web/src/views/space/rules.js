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

// ---- demands (需求) ----

export const DEMAND_STATUSES = ['open', 'offered', 'leased', 'withdrawn', 'closed']
export const DEMAND_STATUS_TYPE = { open: 'warning', offered: 'primary', leased: 'success', withdrawn: 'info', closed: 'info' }

/**
 * What `who` ('staff' or 'enterprise') may do with a demand in its state, as the server's
 * transition table allows: staff match and offer an open one and close an open or offered one;
 * the enterprise accepts or declines an offer and withdraws an open or offered demand.
 */
export function demandActions(d, who) {
  const s = d && d.status
  const live = s === 'open' || s === 'offered'
  if (who === 'staff') return [...(s === 'open' ? ['offer'] : []), ...(live ? ['close'] : [])]
  return [...(s === 'offered' ? ['accept', 'decline'] : []), ...(live ? ['withdraw'] : [])]
}

/** The body of a demand: the members given (a flat asks no floor load or power). */
export function demandBody(form) {
  const out = {}
  for (const k of ['enterprise_id', 'type', 'area_min', 'area_max', 'wanted_from', 'term_months', 'notes']) if (!blank(form[k])) out[k] = form[k]
  if (form.type !== 'apartment') for (const k of ['floor_load', 'power_kva']) if (!blank(form[k])) out[k] = form[k]
  return out
}

/** The demand form's own checks: {field: message key} ({} when fine). */
export function checkDemand(form) {
  const e = {}
  if (!form.type) e.type = 'space.check.required'
  if (blank(form.area_min) || Number(form.area_min) <= 0) e.area_min = 'space.check.required'
  else if (!blank(form.area_max) && Number(form.area_max) > 0 && Number(form.area_max) < Number(form.area_min)) e.area_max = 'space.check.maxBelowMin'
  if (!form.wanted_from) e.wanted_from = 'space.check.required'
  return e
}

/** The area asked: "1,000–1,500㎡", "≥ 1,000㎡", or the one size. */
export function areaRange(d) {
  if (!d) return '-'
  if (!d.area_max) return `≥ ${num(d.area_min)}㎡`
  if (d.area_max === d.area_min) return `${num(d.area_min)}㎡`
  return `${num(d.area_min)}–${num(d.area_max)}㎡`
}

// ---- the site plan: buildings outlined on it, coloured by vacancy ----

/** A building's outline as [[x, y], …] (the API gives JSON text or the list); [] when none. */
export function outlineOf(b) {
  let p = b && b.plan
  if (typeof p === 'string') {
    try {
      p = JSON.parse(p)
    } catch {
      return []
    }
  }
  if (!Array.isArray(p)) return []
  return p.filter((pt) => Array.isArray(pt) && pt.length === 2 && pt.every((v) => Number.isFinite(Number(v)))).map(([x, y]) => [Number(x), Number(y)])
}

/** The vacancy rate of a building from its counts (null when it has no unit). */
export const buildingRate = (b) => (b && b.units > 0 ? b.vacant / b.units : null)

/** The buildings the map draws: those with an outline of 3 points or more, with their rate. */
export function heatBuildings(buildings) {
  return (buildings || [])
    .map((b) => ({ id: b.id, name: b.name, type: b.type, units: b.units || 0, vacant: b.vacant || 0, rate: buildingRate(b), points: outlineOf(b) }))
    .filter((b) => b.points.length >= 3)
}

/**
 * The size of the drawing when the zone has no plan picture: the buildings' extent with a margin
 * (at least 100 × 100).
 */
export function planExtent(plan, buildings) {
  if (plan && plan.width > 0 && plan.height > 0) return { width: plan.width, height: plan.height }
  let w = 100,
    h = 100
  for (const b of buildings || []) for (const [x, y] of b.points || outlineOf(b)) ((w = Math.max(w, x)), (h = Math.max(h, y)))
  return { width: Math.ceil((w * 11) / 10), height: Math.ceil((h * 11) / 10) }
}

/**
 * The SVG the map is drawn on: the zone's SVG plan as it is; a PNG or JPEG (its data: URL) in
 * an SVG of its size; none, a blank sheet of the extent.
 */
export function planSvg(plan, dataUrl, svgText, extent) {
  const { width, height } = extent
  if (plan && plan.content_type === 'image/svg+xml' && svgText) return svgText
  const bg = `<rect x="0" y="0" width="${width}" height="${height}" fill="#f5f7fa"/>`
  const img = dataUrl ? `<image x="0" y="0" width="${width}" height="${height}" href="${dataUrl}"/>` : ''
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${bg}${img}</svg>`
}

/** A point clicked on the plan, rounded to a tenth and kept inside it. */
export function planPoint([x, y], extent) {
  const clamp = (v, hi) => Math.min(hi, Math.max(0, Math.round(v * 10) / 10))
  return [clamp(x, extent.width), clamp(y, extent.height)]
}

/** The centre of an outline (the mean of its points), for its label. */
export function centroid(points) {
  if (!points || !points.length) return [0, 0]
  const s = points.reduce((a, [x, y]) => [a[0] + x, a[1] + y], [0, 0])
  return [s[0] / points.length, s[1] / points.length]
}
