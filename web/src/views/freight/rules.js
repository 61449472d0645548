// 工业物流 rules the pages share (pure, unit-tested in web/tests/unit/freight.test.js): the codes
// and their tag colours, the plate rule (as the server's), the cities on the way typed as text,
// the bodies sent for a load and an offer, the forms' own checks, what a load offers its reader
// to do next, the room left on an offer and what a delivered load saved.

export const LOAD_STATUSES = ['open', 'matched', 'confirmed', 'delivered', 'failed', 'withdrawn']
export const LOAD_TYPE = { open: 'warning', matched: 'primary', confirmed: 'success', delivered: 'success', failed: 'danger', withdrawn: 'info' }
export const REG_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn']
export const REG_TYPE = { pending: 'warning', approved: 'success', rejected: 'danger', withdrawn: 'info' }

const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼'
const S = '[A-HJ-NP-Z0-9]'
const PLATE = new RegExp(`^[${PROVINCES}][A-Z](?:${S}{5}|${S}{4}挂|[DF]${S}\\d{4}|\\d{5}[DF])$`)

/** 1 when s is a Chinese plate: 苏F12345, a trailer 苏F1234挂, new energy 苏FD12345 or 苏F12345D. */
export const plateOk = (s) => typeof s === 'string' && PLATE.test(s)

/** The cities on the way typed as "南通，无锡 常州": a list, in order, without empties. */
export function viaList(text) {
  if (Array.isArray(text)) return text.filter((x) => x && String(x).trim()).map((x) => String(x).trim())
  return String(text || '')
    .split(/[\s,，、;；]+/)
    .map((x) => x.trim())
    .filter(Boolean)
}

const blank = (v) => v === '' || v === undefined || v === null
const city = (s) => String(s || '').trim().replace(/市$/, '')

/** The body of a load: the members given; the enterprise only when staff name one. */
export function loadBody(form) {
  const out = {}
  for (const k of ['enterprise_id', 'goods', 'goods_value', 'weight_t', 'volume_m3', 'origin', 'destination', 'date_from', 'date_to', 'price', 'notes']) {
    if (!blank(form[k])) out[k] = typeof form[k] === 'string' ? form[k].trim() : form[k]
  }
  return out
}

/** The body of an offer, its via list from the text typed. */
export function offerBody(form) {
  const out = {}
  for (const k of ['truck_id', 'origin', 'destination', 'date_from', 'date_to', 'spare_t', 'spare_m3', 'full_price', 'notes']) {
    if (!blank(form[k])) out[k] = typeof form[k] === 'string' ? form[k].trim() : form[k]
  }
  out.via = viaList(form.via)
  return out
}

/** The load form's own checks: {field: message key} ({} when fine). */
export function checkLoad(form) {
  const e = {}
  for (const k of ['goods', 'origin', 'destination', 'date_from', 'date_to']) if (blank(form[k]) || !String(form[k]).trim()) e[k] = 'freight.check.required'
  for (const k of ['weight_t', 'volume_m3']) if (!(Number(form[k]) > 0)) e[k] = 'freight.check.positive'
  if (blank(form.price)) e.price = 'freight.check.required'
  if (form.date_from && form.date_to && form.date_to < form.date_from) e.date_to = 'freight.check.window'
  if (!e.destination && !e.origin && city(form.origin) === city(form.destination)) e.destination = 'freight.check.sameCity'
  return e
}

/** The registration form's own checks. */
export function checkReg(form) {
  const e = {}
  if (!plateOk(form.plate)) e.plate = 'freight.check.plate'
  for (const k of ['driver', 'phone', 'route', 'date']) if (blank(form[k]) || !String(form[k]).trim()) e[k] = 'freight.check.required'
  return e
}

/**
 * What the reader may do next with load l: an enterprise ('shipper') its own load's moves, the
 * service center ('desk') the carrier's side and the outcome, a carrier's own account
 * ('carrier') its answer to a load matched to its truck. In order of the buttons.
 */
export function loadActions(l, who) {
  if (!l) return []
  if (who === 'carrier') return l.status === 'matched' ? [...(l.carrier_ok ? [] : ['confirm']), 'decline'] : []
  const desk = who === 'desk'
  switch (l.status) {
    case 'open':
      return ['matches', 'withdraw']
    case 'matched': {
      const mine = desk ? l.carrier_ok : l.shipper_ok
      return [...(mine ? [] : ['confirm']), 'decline', ...(desk ? [] : ['withdraw'])]
    }
    case 'confirmed':
      return desk ? ['delivered', 'failed', 'cancel'] : []
    default:
      return []
  }
}

/** The room an offer has left: {t, m3}, never below 0. */
export function roomLeft(o) {
  const r = (a, b) => Math.max(0, Math.round(((Number(a) || 0) - (Number(b) || 0)) * 100) / 100)
  return { t: r(o?.spare_t, o?.used_t), m3: r(o?.spare_m3, o?.used_m3) }
}

/** What a load saved its enterprise (元): its offer's full-truck price less its price, not below 0. */
export function saving(l) {
  if (!l || l.full_price == null || l.price == null) return null
  return Math.max(0, Number(l.full_price) - Number(l.price))
}

/** The route line of an offer: "海门 → 南通 → 常州". */
export const routeLine = (o) => [o?.origin, ...viaList(o?.via), o?.destination].filter(Boolean).join(' → ')

/** A number with thousands separators and at most `d` decimals; '-' for none. */
export function num(v, d = 0) {
  if (v == null || v === '') return '-'
  return Number(v).toLocaleString('zh-CN', { maximumFractionDigits: d })
}
