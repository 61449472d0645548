// 惠企政策 page rules (views/policy/rules.js): the application window, what the desk may do in
// each state, what is left to pay, amounts, the conditions as text, and the form's body.
import { describe, it, expect } from 'vitest'
import { APP_STATUSES, conditionLines, daysLeft, isOpen, linesToList, listToLines, policyBody, remaining, staffActions, wan } from '../../src/views/policy/rules'

const t = (k, p) => (p ? `${k}:${JSON.stringify(p)}` : k)

describe('the application window', () => {
  const p = { status: 'published', apply_from: '2026-03-01', deadline: '2026-04-30' }
  it('is open between its ends, both included, and only when published', () => {
    expect(isOpen(p, '2026-02-28')).toBe(false)
    expect(isOpen(p, '2026-03-01')).toBe(true)
    expect(isOpen(p, '2026-04-30')).toBe(true)
    expect(isOpen(p, '2026-05-01')).toBe(false)
    expect(isOpen({ ...p, status: 'closed' }, '2026-03-10')).toBe(false)
    expect(isOpen({ ...p, status: 'draft' }, '2026-03-10')).toBe(false)
    expect(isOpen({ status: 'published' }, '2030-01-01')).toBe(true)
    expect(isOpen(null, '2026-03-10')).toBe(false)
  })
  it('counts the days to the deadline', () => {
    expect(daysLeft(p, '2026-04-30')).toBe(0)
    expect(daysLeft(p, '2026-04-01')).toBe(29)
    expect(daysLeft(p, '2026-05-02')).toBe(-2)
    expect(daysLeft({}, '2026-05-02')).toBe(null)
  })
})

describe('the desk', () => {
  it('may accept or reject a submission, approve or reject under review, pay an approved one', () => {
    const got = Object.fromEntries(APP_STATUSES.map((s) => [s, staffActions({ status: s })]))
    expect(got).toEqual({ draft: [], submitted: ['accept', 'reject'], reviewing: ['approve', 'reject'], approved: ['pay'], rejected: [], paid: [] })
    expect(staffActions(null)).toEqual([])
  })
  it('pays what is left of the approved amount', () => {
    expect(remaining({ approved_amount: 40, paid_amount: 25 })).toBe(15)
    expect(remaining({ approved_amount: 40.3, paid_amount: 0.1 })).toBe(40.2)
    expect(remaining({ approved_amount: 40, paid_amount: 50 })).toBe(0)
    expect(remaining({ approved_amount: null })).toBe(0)
  })
  it('shows amounts in 万元', () => {
    expect(wan(50)).toBe('50万元')
    expect(wan(12.5)).toBe('12.5万元')
    expect(wan(null)).toBe('-')
  })
})

describe('conditions', () => {
  it('are listed one per condition, none for a policy open to every enterprise', () => {
    expect(conditionLines({ industries: [], flags: [], ent_types: [], buildings: [] }, t)).toEqual([])
    const lines = conditionLines({ industries: ['C', '36'], flags: ['specialized'], ent_types: ['foreign'], min_capital: 500, min_age: 2, max_age: 8, buildings: ['孵化器'] }, t)
    expect(lines).toHaveLength(6)
    expect(lines[0]).toContain('C、36')
    expect(lines[1]).toContain('enterprise.flags.specialized')
    expect(lines[4]).toBe('policy.cond.ageBetween:{"min":2,"max":8}')
    expect(conditionLines({ min_age: 3 }, t)).toEqual(['policy.cond.ageMin:{"v":3}'])
    expect(conditionLines({ max_age: 5 }, t)).toEqual(['policy.cond.ageMax:{"v":5}'])
  })
  it('lists are typed one per line or separated by commas', () => {
    expect(linesToList('申报表\n 营业执照 \n\n审计报告')).toEqual(['申报表', '营业执照', '审计报告'])
    expect(linesToList('C, 36，3670、I')).toEqual(['C', '36', '3670', 'I'])
    expect(linesToList('')).toEqual([])
    expect(listToLines(['a', 'b'])).toBe('a\nb')
    expect(listToLines(null)).toBe('')
  })
  it('the form sends lists and numbers or null', () => {
    const b = policyBody({ title: 'x', issuer: 'y', benefit: 'z', max_amount: '', materials: 'a\nb', industries: 'C', flags: ['high_tech'], ent_types: [], min_capital: '', min_age: '3', max_age: null, buildings: '', apply_from: '', deadline: '2026-12-31' })
    expect(b.max_amount).toBe(null)
    expect(b.materials).toEqual(['a', 'b'])
    expect(b.industries).toEqual(['C'])
    expect(b.min_age).toBe(3)
    expect(b.max_age).toBe(0)
    expect(b.apply_from).toBe(null)
    expect(b.deadline).toBe('2026-12-31')
    expect(b.min_capital).toBe(null)
  })
})
