// Pure rules of the 惠企政策 pages (unit-tested in web/tests/unit/policy.test.js).

export const STATUSES = ['draft', 'published', 'closed']
export const APP_STATUSES = ['draft', 'submitted', 'reviewing', 'approved', 'rejected', 'paid']
export const FLAGS = ['above_size', 'high_tech', 'specialized', 'little_giant']
export const ENT_TYPES = ['domestic', 'foreign', 'hk_mo_tw']
export const STATUS_TYPE = { draft: 'info', published: 'success', closed: 'info' }
export const APP_STATUS_TYPE = { draft: 'info', submitted: 'warning', reviewing: 'warning', approved: 'primary', rejected: 'danger', paid: 'success' }

/** 1 when `day` (YYYY-MM-DD) lies in the policy's application window and it is published. */
export function isOpen(p, day) {
  if (!p || p.status !== 'published') return false
  if (p.apply_from && day < p.apply_from) return false
  if (p.deadline && day > p.deadline) return false
  return true
}

/** Days from `day` to the policy's deadline (0 on the day), or null without one. */
export function daysLeft(p, day) {
  if (!p?.deadline) return null
  const ms = Date.parse(p.deadline + 'T00:00:00Z') - Date.parse(day + 'T00:00:00Z')
  return Math.round(ms / 86400000)
}

/** What staff may do to an application now: a subset of accept, approve, reject, pay. */
export function staffActions(a) {
  switch (a?.status) {
    case 'submitted':
      return ['accept', 'reject']
    case 'reviewing':
      return ['approve', 'reject']
    case 'approved':
      return ['pay']
    default:
      return []
  }
}

/** What is left to pay of an approved application (万元, two decimals). */
export function remaining(a) {
  if (a?.approved_amount == null) return 0
  return Math.max(0, Math.round((a.approved_amount - (a.paid_amount || 0)) * 100) / 100)
}

/** An amount in 万元 for display ("-" for none). */
export function wan(v) {
  if (v == null || v === '') return '-'
  return `${Number(v).toLocaleString('zh-CN', { maximumFractionDigits: 2 })}万元`
}

/** The policy's conditions as short texts, with the labels of t(); [] when any enterprise fits. */
export function conditionLines(p, t) {
  const out = []
  if (p?.industries?.length) out.push(t('policy.cond.industries', { v: p.industries.join('、') }))
  if (p?.flags?.length) out.push(t('policy.cond.flags', { v: p.flags.map((f) => t('enterprise.flags.' + f)).join(' / ') }))
  if (p?.ent_types?.length) out.push(t('policy.cond.entTypes', { v: p.ent_types.map((x) => t('enterprise.entType.' + x)).join(' / ') }))
  if (p?.min_capital) out.push(t('policy.cond.capital', { v: p.min_capital }))
  if (p?.min_age && p?.max_age) out.push(t('policy.cond.ageBetween', { min: p.min_age, max: p.max_age }))
  else if (p?.min_age) out.push(t('policy.cond.ageMin', { v: p.min_age }))
  else if (p?.max_age) out.push(t('policy.cond.ageMax', { v: p.max_age }))
  if (p?.buildings?.length) out.push(t('policy.cond.buildings', { v: p.buildings.join('、') }))
  return out
}

/** A text area's lines as a list (blank lines dropped, ends trimmed), and back. */
export const linesToList = (s) =>
  String(s || '')
    .split(/\r?\n|[,，、]/)
    .map((x) => x.trim())
    .filter(Boolean)
export const listToLines = (a) => (Array.isArray(a) ? a.join('\n') : '')

/** The policy body a form sends: lists from their text areas, empty numbers as null. */
export function policyBody(f) {
  const num = (v) => (v === '' || v == null ? null : Number(v))
  return {
    title: f.title,
    issuer: f.issuer,
    doc_no: f.doc_no,
    summary: f.summary,
    benefit: f.benefit,
    max_amount: num(f.max_amount),
    apply_from: f.apply_from || null,
    deadline: f.deadline || null,
    materials: linesToList(f.materials),
    industries: linesToList(f.industries),
    flags: f.flags || [],
    ent_types: f.ent_types || [],
    min_capital: num(f.min_capital),
    min_age: num(f.min_age) || 0,
    max_age: num(f.max_age) || 0,
    buildings: linesToList(f.buildings),
  }
}
