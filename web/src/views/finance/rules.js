// 银企对接's rules on the console side (pure, unit-tested): what a bank may do with its answer,
// what an enterprise may do with its demand, money in 万元 and 亿元.

/** The moves a bank may make on its answer in `status` (the server's transition table). */
export function offerMoves(status) {
  switch (status) {
    case 'pushed':
      return ['accept', 'decline', 'approve']
    case 'reviewing':
      return ['decline', 'approve']
    case 'approved':
    case 'disbursed':
      return ['disburse']
    default:
      return []
  }
}

/** 1 when a demand in `status` may still be withdrawn by its enterprise. */
export function mayWithdraw(status) {
  return ['draft', 'submitted', 'pushed'].includes(status)
}

/** 1 when the service center may push a demand in `status` (again). */
export function mayPush(status) {
  return ['submitted', 'pushed', 'approved'].includes(status)
}

/** What is left to disburse of an answer (万元, 2 decimals, never below 0). */
export function remaining(offer) {
  const left = Number(offer.approved_amount || 0) - Number(offer.disbursed || 0)
  return Math.max(0, Math.round(left * 100) / 100)
}

/** A sum in 万元 as text: 4500 → "4,500", 1234.5 → "1,234.5". */
export function wan(v) {
  const n = Number(v || 0)
  return n.toLocaleString('zh-CN', { maximumFractionDigits: 2 })
}

/** A sum in 万元 as 亿元 with 2 decimals: 700000 → "70.00". */
export function yi(v) {
  return (Number(v || 0) / 10000).toFixed(2)
}

/** The tag type of a demand's or an answer's status. */
export function statusType(status) {
  return { draft: 'info', submitted: 'warning', pushed: 'primary', reviewing: 'primary', approved: 'success', disbursed: 'success', declined: 'danger', withdrawn: 'info', closed: 'info' }[status] || 'info'
}

export const GUARANTEES = ['credit', 'mortgage', 'pledge', 'guarantor', 'insurance', 'risk_fund']
export const URGENCIES = ['normal', 'urgent', 'critical']
