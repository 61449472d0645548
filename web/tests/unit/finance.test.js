// 银企对接's console rules (views/finance/rules.js): the moves a bank is offered on its answer
// (the server's transition table), what an enterprise and the desk may do with a demand, what is
// left to disburse, and money in 万元 and 亿元.
import { describe, it, expect } from 'vitest'
import { offerMoves, mayWithdraw, mayPush, remaining, wan, yi, statusType, GUARANTEES } from '../../src/views/finance/rules'
import { messages } from '../../src/i18n'

describe('finance rules', () => {
  it('offers a bank the moves its answer allows', () => {
    expect(offerMoves('pushed')).toEqual(['accept', 'decline', 'approve'])
    expect(offerMoves('reviewing')).toEqual(['decline', 'approve'])
    expect(offerMoves('approved')).toEqual(['disburse'])
    expect(offerMoves('disbursed')).toEqual(['disburse'])
    expect(offerMoves('declined')).toEqual([])
    expect(offerMoves('nonsense')).toEqual([])
  })
  it('lets an enterprise withdraw before approval and the desk push until it is disbursed', () => {
    expect(['draft', 'submitted', 'pushed'].every(mayWithdraw)).toBe(true)
    expect(['approved', 'disbursed', 'closed', 'withdrawn'].some(mayWithdraw)).toBe(false)
    expect(mayPush('submitted')).toBe(true)
    expect(mayPush('draft')).toBe(false)
    expect(mayPush('withdrawn')).toBe(false)
  })
  it('counts what is left to disburse (泰盟: 4500 approved, 3500 disbursed)', () => {
    expect(remaining({ approved_amount: 4500, disbursed: 3500 })).toBe(1000)
    expect(remaining({ approved_amount: 100, disbursed: 120 })).toBe(0)
    expect(remaining({ approved_amount: 10.1, disbursed: 0.05 })).toBe(10.05)
  })
  it('writes 万元 and 亿元 (望城: 700000万元 = 70亿元)', () => {
    expect(yi(700000)).toBe('70.00')
    expect(yi(160000)).toBe('16.00')
    expect(yi(null)).toBe('0.00')
    expect(wan(4500)).toBe('4,500')
    expect(statusType('declined')).toBe('danger')
  })
  it('has a label for every code in both languages', () => {
    for (const l of ['zh-CN', 'en']) {
      const f = messages[l].finance
      for (const g of GUARANTEES) expect(f.guarantees[g]).toBeTruthy()
      for (const s of ['pushed', 'reviewing', 'declined', 'approved', 'disbursed']) expect(f.offerStatuses[s]).toBeTruthy()
    }
    expect(messages['zh-CN'].finance.guarantees.risk_fund).toBe('风险补偿基金')
  })
})
