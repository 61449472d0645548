// 用工 rules of the console (views/jobs/rules.js): the pay range, a demand's progress, the fill
// rate's text, the demand and hire forms' own checks and the bodies they send.
import { describe, it, expect } from 'vitest'
import { STATUSES, CHANNELS, payRange, progress, rateText, checkDemand, demandBody, checkHire, hireBody, fairOpen } from '../../src/views/jobs/rules'
import { messages } from '../../src/i18n'

describe('jobs rules', () => {
  it('shows the pay range and the progress', () => {
    expect(payRange({ pay_min: 4500, pay_max: 6500 })).toBe('4,500–6,500')
    expect(payRange({ pay_min: 5000, pay_max: 5000 })).toBe('5,000')
    expect(payRange(null)).toBe('-')
    expect(progress({ headcount: 50, hired: 30 })).toBe(60)
    expect(progress({ headcount: 3, hired: 1 })).toBe(33)
    expect(progress({ headcount: 0, hired: 0 })).toBe(0)
    expect(rateText(89.6)).toBe('89.6%')
    expect(rateText(100)).toBe('100.0%')
    expect(rateText(null)).toBe('-')
  })

  it('checks a demand as the server does', () => {
    const ok = { title: '普工', headcount: 10, pay_min: 4000, pay_max: 6000, deadline: '2026-12-31' }
    expect(checkDemand(ok, '2026-12-06')).toEqual({})
    expect(checkDemand({ ...ok, pay_max: 3000 }, '2026-12-06')).toEqual({ pay_max: 'jobs.err.payRange' })
    expect(checkDemand({ ...ok, deadline: '2026-12-05' }, '2026-12-06')).toEqual({ deadline: 'jobs.err.deadlinePast' })
    expect(checkDemand({ ...ok, deadline: '2026-12-05' }, null)).toEqual({})
    expect(checkDemand({ ...ok, title: '  ', headcount: 0 }, '2026-12-06')).toEqual({ title: 'jobs.err.title', headcount: 'jobs.err.headcount' })
    expect(demandBody({ ...ok, enterprise_id: null, notes: undefined, skills: '' })).toEqual({ ...ok, skills: '' })
    expect(demandBody({ ...ok, enterprise_id: 7 }).enterprise_id).toBe(7)
  })

  it('checks a hire: within what remains, the channel\'s reference', () => {
    const h = { demand_id: 1, headcount: 5, hired_on: '2026-12-06', channel: 'fair', fair_id: 3, partnership_id: 9 }
    expect(checkHire(h, 5)).toEqual({})
    expect(checkHire(h, 4)).toEqual({ headcount: 'jobs.err.overRemaining' })
    expect(checkHire({ ...h, fair_id: null }, 10)).toEqual({ fair_id: 'jobs.err.fair' })
    expect(checkHire({ ...h, channel: 'school', partnership_id: null }, 10)).toEqual({ partnership_id: 'jobs.err.partnership' })
    expect(hireBody(h)).toEqual({ demand_id: 1, headcount: 5, hired_on: '2026-12-06', channel: 'fair', fair_id: 3 })
    expect(hireBody({ ...h, channel: 'school' })).toEqual({ demand_id: 1, headcount: 5, hired_on: '2026-12-06', channel: 'school', partnership_id: 9 })
    expect(hireBody({ ...h, channel: 'online', notes: '备注' })).toEqual({ demand_id: 1, headcount: 5, hired_on: '2026-12-06', channel: 'online', notes: '备注' })
    expect(fairOpen({ fair_date: '2026-12-06' }, '2026-12-06')).toBe(true)
    expect(fairOpen({ fair_date: '2026-12-05' }, '2026-12-06')).toBe(false)
  })

  it('labels every state and channel in both languages', () => {
    for (const lang of ['zh-CN', 'en']) {
      const j = messages[lang].jobs
      for (const s of STATUSES) expect(j.statuses[s], `${lang} ${s}`).toBeTruthy()
      for (const c of CHANNELS) expect(j.channels[c], `${lang} ${c}`).toBeTruthy()
    }
  })
})
