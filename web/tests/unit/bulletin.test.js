// 定时简报 rules of the console (views/bulletin/rules.js) and their words in both languages.
import { describe, it, expect } from 'vitest'
import { KINDS, readableKinds, scheduleText, sizeText } from '../../src/views/bulletin/rules'
import { i18n, messages, setAppLocale } from '../../src/i18n'

describe('bulletin rules', () => {
  it('reads the kinds of one\'s own statistics', () => {
    expect(readableKinds((p) => ['ticket.stats', 'economy.stats'].includes(p))).toEqual(['briefing', 'economy'])
    expect(readableKinds(() => false)).toEqual([])
    expect(readableKinds(() => true)).toEqual(KINDS)
  })

  it('says the schedule in words', () => {
    setAppLocale('zh-CN')
    const t = i18n.global.t
    expect(scheduleText({ kind: 'briefing', at_time: '08:00' }, t)).toBe('每天 08:00')
    expect(scheduleText({ kind: 'projects', at_time: '08:30', day: 1 }, t)).toBe('每周一 08:30')
    expect(scheduleText({ kind: 'economy', at_time: '09:00', day: 15 }, t)).toBe('每月15日 09:00')
    expect(scheduleText(null, t)).toBe('-')
    setAppLocale('en')
    expect(scheduleText({ kind: 'projects', at_time: '17:00', day: 5 }, i18n.global.t)).toBe('Every Friday at 17:00')
    setAppLocale('zh-CN')
  })

  it('gives sizes in KB and MB', () => {
    expect(sizeText(197743)).toBe('193 KB')
    expect(sizeText(3 * 1048576)).toBe('3.0 MB')
    expect(sizeText(10)).toBe('1 KB')
  })

  it('names every kind and weekday in both languages', () => {
    for (const lang of ['zh-CN', 'en']) {
      const b = messages[lang].bulletin
      for (const k of KINDS) expect(b.kinds[k], `${lang} ${k}`).toBeTruthy()
      for (let d = 1; d <= 7; d++) expect(b.weekdays[d], `${lang} ${d}`).toBeTruthy()
      for (const k of KINDS) expect(b.hint[k], `${lang} hint ${k}`).toBeTruthy()
    }
  })
})
