// 通知公告 in the console: the body a form sends, the moves offered, how an audience and the read
// share read (views/announce/rules.js).
import { describe, it, expect } from 'vitest'
import { announceBody, allowed, audienceText, blankForm, checkForm, excerpt, formOf, readShare } from '../../src/views/announce/rules'
import { messages } from '../../src/i18n'

const zh = messages['zh-CN']
const t = (k) => k.split('.').reduce((o, p) => o[p], zh)

describe('announcement rules', () => {
  it('sends only the criterion its audience uses, text trimmed', () => {
    const f = { ...blankForm(), title: '  关于申报  ', body: '正文\n', audience: 'industry', audience_industry: ' 36 ', audience_flags: ['high_tech'], audience_building: 'A栋' }
    expect(announceBody(f)).toEqual({ title: '关于申报', category: 'notice', body: '正文\n', audience: 'industry', audience_flags: [], audience_industry: '36', audience_building: '' })
    expect(announceBody({ ...f, audience: 'flag' }).audience_flags).toEqual(['high_tech'])
    expect(announceBody({ ...f, audience: 'flag' }).audience_industry).toBe('')
    expect(announceBody({ ...blankForm(), audience: '' }).audience).toBe('all')
  })

  it('finds the missing criterion before sending', () => {
    expect(checkForm(blankForm())).toEqual({})
    expect(checkForm({ ...blankForm(), audience: 'flag' })).toEqual({ audience_flags: 'announce.flagsRequired' })
    expect(checkForm({ ...blankForm(), audience: 'industry', audience_industry: ' ' })).toEqual({ audience_industry: 'announce.industryRequired' })
    expect(checkForm({ ...blankForm(), audience: 'building' })).toEqual({ audience_building: 'announce.buildingRequired' })
    for (const k of Object.values({ ...checkForm({ audience: 'flag' }), ...checkForm({ audience: 'building' }) })) expect(t(k)).toMatch(/[\u4e00-\u9fff]/)
  })

  it('reads an announcement into a form without sharing its arrays', () => {
    const a = { id: 3, title: 'x', body: 'y', category: 'event', audience: 'flag', audience_flags: ['above_size'], status: 'draft' }
    const f = formOf(a)
    expect(f).toEqual({ title: 'x', category: 'event', body: 'y', audience: 'flag', audience_flags: ['above_size'], audience_industry: '', audience_building: '' })
    f.audience_flags.push('high_tech')
    expect(a.audience_flags).toEqual(['above_size'])
  })

  it('offers the moves of the lifecycle to those who write', () => {
    expect(allowed({ status: 'draft' }, true)).toEqual({ edit: true, publish: true, withdraw: false, receipts: false })
    expect(allowed({ status: 'published' }, true)).toEqual({ edit: false, publish: false, withdraw: true, receipts: true })
    expect(allowed({ status: 'withdrawn' }, true)).toEqual({ edit: false, publish: false, withdraw: false, receipts: true })
    expect(allowed({ status: 'draft' }, false)).toEqual({ edit: false, publish: false, withdraw: false, receipts: false })
    expect(allowed({ status: 'published' }, false).receipts).toBe(true)
    expect(allowed(null, true).publish).toBe(false)
  })

  it('says the audience in Chinese', () => {
    const flag = (x) => zh.flags[x]
    expect(audienceText({ audience: 'all' }, t)).toBe('全部企业')
    expect(audienceText({ audience: 'flag', audience_flags: ['high_tech', 'above_size'] }, t, flag)).toBe('按企业资质：高新技术企业、规上企业')
    expect(audienceText({ audience: 'industry', audience_industry: '36' }, t)).toBe('按行业：36')
    expect(audienceText({ audience: 'building', audience_building: 'A栋' }, t)).toBe('按所在楼宇：A栋')
  })

  it('counts the read share and cuts an excerpt', () => {
    expect(readShare({ audience_size: 8, read_count: 3 })).toEqual({ text: '3 / 8', percent: 38 })
    expect(readShare({ audience_size: 0, read_count: 0 })).toEqual({ text: '0 / 0', percent: 0 })
    expect(excerpt('第一行\n\n第二行  很长', 5)).toBe('第一行 第…')
    expect(excerpt('短', 5)).toBe('短')
    expect(excerpt(null)).toBe('')
  })
})
