// 用工 rules the pages share (pure, unit-tested in web/tests/unit/jobs.test.js): the codes and their
// tag colours, a demand's pay range and progress, the demand and hire forms' own checks (the
// server's rules, said before sending) and the bodies they send, and the fill rate.

export const STATUSES = ['open', 'filled', 'closed', 'expired']
export const STATUS_TYPE = { open: 'success', filled: 'primary', closed: 'info', expired: 'warning' }
export const CHANNELS = ['fair', 'school', 'referral', 'online', 'other']
export const EDUCATIONS = ['any', 'middle', 'high', 'college', 'bachelor', 'master']
export const MODES = ['offline', 'online']
export const LISTS = ['demands', 'hires', 'fairs', 'partnerships']

/** "4,500–6,500 元/月", or the one figure when both ends are equal. */
export function payRange(d) {
  if (!d || d.pay_min == null || d.pay_max == null) return '-'
  const n = (v) => Number(v).toLocaleString('zh-CN')
  return d.pay_min === d.pay_max ? n(d.pay_min) : `${n(d.pay_min)}–${n(d.pay_max)}`
}

/** A demand's progress: the share of its count hired, 0..100. */
export function progress(d) {
  if (!d || !d.headcount) return 0
  return Math.min(100, Math.round((d.hired * 100) / d.headcount))
}

/** The fill rate the server gives (per cent, one decimal) as text: "89.6%". */
export const rateText = (r) => (r == null || !Number.isFinite(Number(r)) ? '-' : `${Number(r).toFixed(1)}%`)

/** A demand form's errors (i18n keys by field) before sending; {} when fine. */
export function checkDemand(f, today) {
  const e = {}
  if (!f.title || !String(f.title).trim()) e.title = 'jobs.err.title'
  if (!(f.headcount >= 1)) e.headcount = 'jobs.err.headcount'
  if (f.pay_min == null) e.pay_min = 'jobs.err.pay'
  if (f.pay_max == null) e.pay_max = 'jobs.err.pay'
  else if (f.pay_min != null && f.pay_min > f.pay_max) e.pay_max = 'jobs.err.payRange'
  if (!f.deadline) e.deadline = 'jobs.err.deadline'
  else if (today && f.deadline < today) e.deadline = 'jobs.err.deadlinePast'
  return e
}

/** The body of a demand: the members the form has, the enterprise only when staff name one. */
export function demandBody(f) {
  const b = {}
  for (const k of ['title', 'headcount', 'pay_min', 'pay_max', 'skills', 'education', 'location', 'deadline', 'contact', 'notes']) {
    if (f[k] !== undefined && f[k] !== null) b[k] = f[k]
  }
  if (f.enterprise_id) b.enterprise_id = f.enterprise_id
  return b
}

/** A hire form's errors before sending: a count within what remains, the channel's reference. */
export function checkHire(f, remaining) {
  const e = {}
  if (!f.demand_id) e.demand_id = 'jobs.err.demand'
  if (!(f.headcount >= 1)) e.headcount = 'jobs.err.headcount'
  else if (remaining != null && f.headcount > remaining) e.headcount = 'jobs.err.overRemaining'
  if (!f.hired_on) e.hired_on = 'jobs.err.date'
  if (f.channel === 'fair' && !f.fair_id) e.fair_id = 'jobs.err.fair'
  if (f.channel === 'school' && !f.partnership_id) e.partnership_id = 'jobs.err.partnership'
  return e
}

/** The body of a hire: a fair only with the fair channel, a partnership only with the school one. */
export function hireBody(f) {
  const b = { demand_id: f.demand_id, headcount: f.headcount, hired_on: f.hired_on, channel: f.channel }
  if (f.channel === 'fair' && f.fair_id) b.fair_id = f.fair_id
  if (f.channel === 'school' && f.partnership_id) b.partnership_id = f.partnership_id
  if (f.notes) b.notes = f.notes
  return b
}

/** Whether an enterprise may still join or leave a fair (until its day). */
export const fairOpen = (fair, today) => !!fair && fair.fair_date >= today
