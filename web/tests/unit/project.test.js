// 招商引资 and 项目建设 in the console (views/project/rules.js): the moves offered and the evidence
// each needs, the body a move and a project form send, amounts in 万元/亿元, ISO weeks, 序时进度,
// the colour rule's words, the 龙虎榜's rank changes, the investment chart's series, what may be
// done to a problem, and the move dialog showing the server's refusal.
import { describe, it, expect, vi } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import {
  PIPELINE,
  STAGES,
  DISPATCH_STAGES,
  nextStages,
  skippable,
  skipped,
  stageSteps,
  activeStep,
  blankMove,
  moveBody,
  checkMove,
  blankProject,
  projectForm,
  projectBody,
  checkProject,
  amountParts,
  fmtAmount,
  projectAmount,
  amountBand,
  isoWeek,
  isWeek,
  weeksInYear,
  weekMonday,
  weekRange,
  shiftWeek,
  pickedWeek,
  lastWeek,
  timeShare,
  progress,
  fmtRate,
  barPercent,
  colourRule,
  colourWhy,
  rankChange,
  investSeries,
  planBody,
  yearMonths,
  reportMonth,
  checkReport,
  reportBody,
  problemActions,
  activeEscalation,
  daysOverdue,
  COLOURS,
  FOLLOWUP_KINDS,
  PROBLEM_CATEGORIES,
  PROBLEM_STATUSES,
  SOURCES,
  LEVELS,
  INVESTOR_TYPES,
  ORIGINS,
  TARGET_FIGURES,
  PERMIT_STATUSES,
  permitBody,
} from '../../src/views/project/rules'
import {
  problemFromQuery,
  REVIEW_DECISIONS,
  REVIEW_STATUSES,
  reviewProgress,
  reviewActions,
  reviewBody,
  checkReview,
  weekOf,
  decideBody,
  checkDecision,
  agendaOptions,
  EVAL_DEDUCTIONS,
  EVAL_MAX,
  evalParts,
  scoreType,
  fmtScore,
  deptMeans,
  shiftMonth,
  SETTINGS_DEFAULTS,
  settingsForm,
  settingsBody,
  checkSettings,
  weightShares,
} from '../../src/views/project/rules'
import { PHOTO_MAX, photoProblem, uploadPhotos, checkBody, checkPhotos } from '../../src/views/project/checks'
import { useLoad } from '../../src/composables/useLoad'
import MoveDialog from '../../src/views/project/MoveDialog.vue'
import { waitFor, json } from './page-helpers'
import { usccProblem } from '../../src/utils/uscc'
import { messages, i18n, setAppLocale } from '../../src/i18n'
import { configureHttp } from '../../src/api/http'
import { today } from '../../src/utils/format'

const zh = messages['zh-CN']
const en = messages.en
const get = (tree, k) => k.split('.').reduce((o, p) => (o == null ? undefined : o[p]), tree)
const fill = (s, params = {}) => s.replace(/\{(\w+)\}/g, (_, k) => String(params[k]))
const t = (k, params) => fill(get(zh, k), params)
const chinese = (s) => /[\u4e00-\u9fff]/.test(s)

describe('stages and moves', () => {
  it('offers the next stage, over those the project may skip, and 终止 before 投产', () => {
    // a lead may be signed at once
    expect(nextStages({ stage: 'lead' })).toEqual(['negotiating', 'signed', 'dropped'])
    expect(nextStages({ stage: 'negotiating' })).toEqual(['signed', 'dropped'])
    // a new company on new land: 注册 and 供地 in turn
    expect(nextStages({ stage: 'signed', land_mu: 120 })).toEqual(['registered', 'dropped'])
    expect(nextStages({ stage: 'registered', land_mu: 120, enterprise_id: 4 })).toEqual(['land', 'dropped'])
    // linked to its enterprise already: over 注册; needing no land: over 供地 too
    expect(nextStages({ stage: 'signed', land_mu: 120, enterprise_id: 4 })).toEqual(['registered', 'land', 'dropped'])
    expect(nextStages({ stage: 'signed', enterprise_id: 4 })).toEqual(['registered', 'land', 'started', 'dropped'])
    expect(nextStages({ stage: 'signed', land_mu: 0 })).toEqual(['registered', 'dropped'])
    // a renovation passes over both
    expect(nextStages({ stage: 'signed', renovation: true, land_mu: 30 })).toEqual(['registered', 'land', 'started', 'dropped'])
    expect(nextStages({ stage: 'registered', land_mu: null })).toEqual(['land', 'started', 'dropped'])
    expect(nextStages({ stage: 'land' })).toEqual(['started', 'dropped'])
    expect(nextStages({ stage: 'started' })).toEqual(['completed', 'dropped'])
    expect(nextStages({ stage: 'completed' })).toEqual(['producing', 'dropped'])
    // no dropping once producing
    expect(nextStages({ stage: 'producing' })).toEqual(['capacity'])
    expect(nextStages({ stage: 'capacity' })).toEqual([])
    expect(nextStages({ stage: 'dropped' })).toEqual([])
    expect(nextStages({ stage: 'nonsense' })).toEqual([])
    expect(nextStages(null)).toEqual([])
  })

  it('says which stages a project may pass over, as the server does', () => {
    expect(skippable({}, 'negotiating')).toBe(true)
    expect(skippable({}, 'registered')).toBe(false)
    expect(skippable({ enterprise_id: 9 }, 'registered')).toBe(true)
    expect(skippable({ renovation: 1 }, 'registered')).toBe(true)
    expect(skippable({ land_mu: 50 }, 'land')).toBe(false)
    expect(skippable({ land_mu: 50, renovation: true }, 'land')).toBe(true)
    expect(skippable({}, 'land')).toBe(true)
    expect(skippable({ renovation: true }, 'started')).toBe(false)
  })

  it('names the stages a move skips', () => {
    expect(skipped('signed', 'started')).toEqual(['registered', 'land'])
    expect(skipped('signed', 'land')).toEqual(['registered'])
    expect(skipped('signed', 'registered')).toEqual([])
    expect(skipped('lead', 'dropped')).toEqual([])
  })

  it('has a Chinese label for every stage, colour and code it shows', () => {
    for (const s of STAGES) expect(chinese(t('project.stages.' + s)), s).toBe(true)
    expect(STAGES.map((s) => t('project.stages.' + s))).toEqual(['线索', '在谈', '签约', '注册', '供地', '开工', '竣工', '投产', '达产', '终止'])
    for (const c of COLOURS) expect(t('project.colours.' + c)).toMatch(/^[绿黄红]·/)
    const sets = { followupKinds: FOLLOWUP_KINDS, problemCategories: PROBLEM_CATEGORIES, problemStatuses: PROBLEM_STATUSES, sources: SOURCES, levels: LEVELS, investorTypes: INVESTOR_TYPES, origins: ORIGINS, figures: TARGET_FIGURES }
    for (const [section, codes] of Object.entries(sets))
      for (const c of codes) {
        expect(chinese(t(`project.${section}.${c}`)), `${section}.${c}`).toBe(true)
        expect(get(en, `project.${section}.${c}`), `en ${section}.${c}`).toBeTruthy()
      }
    expect(PROBLEM_CATEGORIES.map((c) => t('project.problemCategories.' + c))).toEqual(['用地', '规划', '审批', '资金', '水电气', '拆迁', '其他'])
    expect(DISPATCH_STAGES).toEqual(PIPELINE.slice(2, 8))
  })

  it('draws the stepper with planned and actual dates, late stages marked', () => {
    const p = { stage: 'land', lead_date: '2026-01-05', plan_sign_date: '2026-02-01', sign_date: '2026-02-10', register_date: '2026-03-01', land_date: '2026-03-20', plan_start_date: '2026-04-01', plan_complete_date: '2026-12-01' }
    const steps = stageSteps(p, '2026-05-01')
    expect(steps.map((s) => s.state)).toEqual(['done', 'done', 'done', 'done', 'current', 'late', 'todo', 'todo', 'todo'])
    expect(steps[2]).toEqual({ stage: 'signed', plan: '2026-02-01', actual: '2026-02-10', state: 'done' })
    expect(steps[5]).toEqual({ stage: 'started', plan: '2026-04-01', actual: '', state: 'late' })
    expect(activeStep(p)).toBe(4)
    // a dropped project shows the stages it reached, none current
    const d = stageSteps({ stage: 'dropped', dropped_from: 'negotiating', plan_sign_date: '2026-01-01' }, '2026-05-01')
    expect(d.map((s) => s.state).slice(0, 3)).toEqual(['done', 'done', 'late'])
    expect(activeStep({ stage: 'dropped', dropped_from: 'negotiating' })).toBe(1)
  })
})

describe('the evidence of a move', () => {
  const today = '2026-05-10'
  const base = (to, more = {}) => ({ ...blankMove(today), to, ...more })

  it('asks 签约 for the contract number, its date and the scan', () => {
    expect(checkMove(base('signed'), today)).toEqual({ contract_no: 'project.move.contractRequired', attachment_id: 'project.move.scanRequired' })
    expect(checkMove(base('signed', { contract_no: 'HT-2026-018', attachment_id: 7 }), today)).toEqual({})
    expect(checkMove(base('signed', { contract_no: 'HT', attachment_id: 7, date: '2026-05-11' }), today)).toEqual({ date: 'project.move.dateFuture' })
    expect(checkMove(base('signed', { contract_no: 'HT', attachment_id: 7, date: '' }), today)).toEqual({ date: 'project.move.dateRequired' })
    expect(moveBody(base('signed', { contract_no: ' HT-2026-018 ', attachment_id: '7', uscc: 'ignored', reason: 'ignored' }))).toEqual({ to: 'signed', date: today, contract_no: 'HT-2026-018', attachment_id: 7 })
  })

  it('asks 注册 for a valid USCC, sent in capitals', () => {
    expect(checkMove(base('registered'), today, usccProblem)).toEqual({ uscc: 'project.move.usccRequired' })
    expect(checkMove(base('registered', { uscc: '91320000123456789X' }), today, usccProblem)).toEqual({ uscc: 'project.move.usccInvalid' })
    expect(checkMove(base('registered', { uscc: '91350100M000100Y43' }), today, usccProblem)).toEqual({})
    expect(moveBody(base('registered', { uscc: ' 91350100m000100y43 ' }))).toEqual({ to: 'registered', date: today, uscc: '91350100M000100Y43' })
  })

  it('asks 开工 for a permit number or a site photo', () => {
    expect(checkMove(base('started'), today)).toEqual({ start_permit_no: 'project.move.permitOrPhoto' })
    expect(checkMove(base('started', { start_permit_no: '320601202605100101' }), today)).toEqual({})
    expect(checkMove(base('started', { attachment_id: 3 }), today)).toEqual({})
    expect(moveBody(base('started', { attachment_id: 3, note: ' 奠基 ' }))).toEqual({ to: 'started', date: today, attachment_id: 3, note: '奠基' })
  })

  it('asks 投产 for the first month of output, not after this month; 终止 for a reason', () => {
    expect(checkMove(base('producing'), today)).toEqual({ first_output_month: 'project.move.monthRequired' })
    expect(checkMove(base('producing', { first_output_month: '2026-13' }), today)).toEqual({ first_output_month: 'project.move.monthRequired' })
    expect(checkMove(base('producing', { first_output_month: '2026-06' }), today)).toEqual({ first_output_month: 'project.move.monthFuture' })
    expect(checkMove(base('producing', { first_output_month: '2026-05' }), today)).toEqual({})
    expect(checkMove(base('dropped', { reason: '  ' }), today)).toEqual({ reason: 'project.move.reasonRequired' })
    expect(moveBody(base('dropped', { reason: '投资方资金链断裂' }))).toEqual({ to: 'dropped', date: today, reason: '投资方资金链断裂' })
    expect(checkMove(base(''), today)).toEqual({ to: 'project.move.toRequired' })
    // the moves without evidence need only the date
    expect(checkMove(base('negotiating'), today)).toEqual({})
    expect(moveBody(base('completed'))).toEqual({ to: 'completed', date: today })
  })

  it('says each missing piece in Chinese', () => {
    const keys = new Set()
    for (const to of STAGES) for (const f of [base(to, { date: '' }), base(to, { uscc: 'x', first_output_month: '2099-01', date: '2099-01-01' })]) for (const k of Object.values(checkMove(f, today, usccProblem))) keys.add(k)
    keys.add('project.move.toRequired')
    expect(keys.size).toBeGreaterThanOrEqual(9)
    for (const k of keys) expect(chinese(t(k)), k).toBe(true)
  })
})

describe('the project form', () => {
  it('sends text trimmed, empty numbers as null, the rate only with USD', () => {
    const f = { ...blankProject(), name: '  德赛电池二期 ', investor: ' 德赛集团 ', total_investment: 150000, fx_rate: 7.1, expected_jobs: '', dept_id: '3', plan_start_date: '2026-09-01', special_team: 1 }
    const b = projectBody(f)
    expect(b.name).toBe('德赛电池二期')
    expect(b.investor).toBe('德赛集团')
    expect(b.total_investment).toBe(150000)
    expect(b.fx_rate).toBeNull()
    expect(b.expected_jobs).toBeNull()
    expect(b.dept_id).toBe(3)
    expect(b.owner_user_id).toBeNull()
    expect(b.special_team).toBe(true)
    expect(b.plan_start_date).toBe('2026-09-01')
    expect(b.plan_sign_date).toBeNull()
    expect('stage' in b).toBe(false)
    expect(projectBody({ ...f, currency: 'USD' }).fx_rate).toBe(7.1)
    // a create says where the project starts, lead or negotiating only
    expect(projectBody({ ...f, stage: 'negotiating', lead_date: '2026-01-02' }, { create: true })).toMatchObject({ stage: 'negotiating', lead_date: '2026-01-02' })
    expect(projectBody({ ...f, stage: 'signed' }, { create: true }).stage).toBe('lead')
  })

  it('reads a project back into the form', () => {
    const p = { id: 4, name: '新中联', currency: 'USD', total_investment: 20000, fx_rate: 7.2, special_team: 1, stage: 'signed', plan_start_date: '2026-07-01', uscc: 'x', colour: 'red' }
    const f = projectForm(p)
    expect(f).toMatchObject({ name: '新中联', currency: 'USD', total_investment: 20000, fx_rate: 7.2, special_team: true, plan_start_date: '2026-07-01', plan_sign_date: '' })
    expect('colour' in f).toBe(false)
  })

  it('finds a missing name, a missing rate and a negative amount', () => {
    expect(checkProject(blankProject())).toEqual({ name: 'project.nameRequired' })
    expect(checkProject({ ...blankProject(), name: 'x', currency: 'USD' })).toEqual({ fx_rate: 'project.fxRequired' })
    expect(checkProject({ ...blankProject(), name: 'x', land_mu: -1 })).toEqual({ land_mu: 'project.notNegative' })
  })
})

describe('amounts in 万元 and 亿元', () => {
  it('writes 万元 below 1亿 and 亿元 from it', () => {
    expect(fmtAmount(3200)).toBe('3,200万元')
    expect(fmtAmount(9999.5)).toBe('9,999.5万元')
    expect(fmtAmount(10000)).toBe('1亿元')
    expect(fmtAmount(15000)).toBe('1.5亿元')
    expect(fmtAmount(1155000)).toBe('115.5亿元')
    expect(fmtAmount(123456)).toBe('12.35亿元')
    expect(fmtAmount(0)).toBe('0万元')
    expect(fmtAmount(null)).toBe('-')
    expect(fmtAmount('')).toBe('-')
    expect(fmtAmount('abc')).toBe('-')
    expect(fmtAmount(20000, 'USD')).toBe('2亿美元')
    expect(fmtAmount(8000, 'USD')).toBe('8,000万美元')
    expect(amountParts(-25000)).toEqual({ value: '-2.5', unit: 'yi' })
  })

  it('shows a foreign project in its currency with 万元 beside it', () => {
    expect(projectAmount({ currency: 'USD', total_investment: 20000, amount_wan: 142000 })).toBe('2亿美元（14.2亿元）')
    expect(projectAmount({ currency: 'CNY', total_investment: 50000, amount_wan: 50000 })).toBe('5亿元')
    expect(projectAmount({ currency: 'CNY', total_investment: 800 })).toBe('800万元')
    // English writes millions
    const units = { style: 'million', million: ' m CNY', millionUsd: ' m USD' }
    expect(fmtAmount(15000, 'CNY', units)).toBe('150 m CNY')
    expect(fmtAmount(3250, 'CNY', units)).toBe('32.5 m CNY')
    expect(fmtAmount(20000, 'USD', units)).toBe('200 m USD')
    expect(fmtAmount(null, 'CNY', units)).toBe('-')
  })

  it('puts an amount in its size band', () => {
    expect([9999, 10000, 49999, 50000, 100000, 500000].map(amountBand)).toEqual(['', '100m', '100m', '500m', '1000m', '1000m'])
  })
})

describe('ISO weeks', () => {
  it('gives the week of a day, its year from the Thursday', () => {
    expect(isoWeek('2026-01-01')).toBe('2026-W01')
    expect(isoWeek('2027-01-01')).toBe('2026-W53')
    expect(isoWeek('2024-12-30')).toBe('2025-W01')
    expect(isoWeek('2021-01-03')).toBe('2020-W53')
    expect(isoWeek('2026-05-10')).toBe('2026-W19')
    expect(isoWeek('2026-05-11')).toBe('2026-W20')
    expect(isoWeek(new Date(2026, 4, 11, 23, 30))).toBe('2026-W20')
  })

  it('knows which weeks exist', () => {
    expect(weeksInYear(2026)).toBe(53)
    expect(weeksInYear(2025)).toBe(52)
    expect(isWeek('2026-W53')).toBe(true)
    expect(isWeek('2025-W53')).toBe(false)
    expect(isWeek('2025-W00')).toBe(false)
    expect(isWeek('2025-W1')).toBe(false)
    expect(isWeek('2025W10')).toBe(false)
    expect(isWeek(null)).toBe(false)
  })

  it('gives a week’s Monday and Sunday, and the weeks around it', () => {
    expect(weekMonday('2026-W01')).toBe('2025-12-29')
    expect(weekRange('2026-W19')).toEqual(['2026-05-04', '2026-05-10'])
    expect(weekRange('2020-W53')).toEqual(['2020-12-28', '2021-01-03'])
    expect(weekMonday('x')).toBeNull()
    expect(shiftWeek('2026-W01', -1)).toBe('2025-W52')
    expect(shiftWeek('2026-W53', 1)).toBe('2027-W01')
    expect(shiftWeek('2026-W19', 0)).toBe('2026-W19')
    expect(lastWeek('2026-05-11')).toBe('2026-W19')
    // every week of a few years round-trips through its Monday
    for (const y of [2020, 2025, 2026, 2027])
      for (let n = 1; n <= weeksInYear(y); n++) {
        const w = `${y}-W${String(n).padStart(2, '0')}`
        expect(isoWeek(weekMonday(w))).toBe(w)
        expect(isoWeek(weekRange(w)[1])).toBe(w)
      }
  })

  it('reads the week a picker shows, Monday or Sunday first', () => {
    expect(pickedWeek(new Date(2026, 4, 4))).toBe('2026-W19')
    // a picker whose weeks start on Sunday gives the Sunday before the Monday
    expect(pickedWeek(new Date(2026, 4, 3))).toBe('2026-W19')
    expect(pickedWeek('2026-05-06')).toBe('2026-W19')
    expect(pickedWeek(null)).toBeNull()
  })
})

describe('序时进度 and progress', () => {
  it('counts the elapsed share of the year, today included', () => {
    expect(timeShare(2026, '2026-01-01')).toBeCloseTo(1 / 365)
    expect(timeShare(2026, '2026-07-02')).toBeCloseTo(183 / 365)
    expect(timeShare(2024, '2024-12-31')).toBe(1)
    expect(timeShare(2024, '2024-02-29')).toBeCloseTo(60 / 366)
    expect(timeShare(2025, '2026-03-01')).toBe(1)
    expect(timeShare(2027, '2026-03-01')).toBe(0)
  })

  it('compares the actual with the target and with its 序时 share', () => {
    // 长春经开区 2020: 170 signed as the target; 90 by mid-year is ahead of 序时 (85)
    expect(progress(90, 170, 0.5)).toEqual({ rate: 52.9, due: 85, dueRate: 50, ahead: true, gap: 5 })
    expect(progress(60, 170, 0.5)).toMatchObject({ rate: 35.3, ahead: false, gap: -25 })
    expect(progress(3, 0, 0.5)).toEqual({ rate: null, due: 0, dueRate: null, ahead: true, gap: 3 })
    expect(progress(null, 100, 0.25)).toMatchObject({ rate: 0, due: 25, ahead: false })
    expect(barPercent(130)).toBe(100)
    expect(barPercent(null)).toBe(0)
    expect(fmtRate(0.73)).toBe('73.0%')
    expect(fmtRate(null)).toBe('-')
  })
})

describe('status colours', () => {
  it('writes the zone’s rule with its figures', () => {
    const r = colourRule({ amber_days: 15, amber_ratio: 0.9, red_ratio: 0.7 })
    expect(r.map((x) => t(x.key, x.params))).toEqual([
      '绿：各节点按计划推进，投资完成达到序时计划',
      '黄：节点滞后不超过 15 天，或累计投资低于序时计划的 90%',
      '红：节点滞后超过 15 天，或累计投资低于序时计划的 70%',
    ])
    expect(colourRule({ amber_days: 10, amber_ratio: 0.85, red_ratio: 0.6 })[2].params).toEqual({ days: 10, ratio: 60 })
    expect(colourRule(null)[1].params).toEqual({ days: 15, ratio: 90 })
  })

  it('says why a project has its colour', () => {
    expect(colourWhy({ colour: 'amber', days_late: 6, plan_ytd: 2000, actual_ytd: 1700 })).toEqual({ days: 6, share: 85 })
    expect(colourWhy({ colour: 'green', days_late: 0, plan_ytd: 0, actual_ytd: 0 })).toEqual({ days: 0, share: null })
    expect(colourWhy({ colour: '' })).toBeNull()
  })
})

describe('龙虎榜', () => {
  it('gives each rank’s change against last week', () => {
    expect(rankChange({ rank: 2, prev_rank: 5 })).toEqual({ dir: 'up', n: 3 })
    expect(rankChange({ rank: 4, prev_rank: 1 })).toEqual({ dir: 'down', n: 3 })
    expect(rankChange({ rank: 3, prev_rank: 3 })).toEqual({ dir: 'same', n: 0 })
    expect(rankChange({ rank: 6, prev_rank: null })).toEqual({ dir: 'new', n: 0 })
    expect(rankChange({ rank: 6, prev_rank: 0 })).toEqual({ dir: 'new', n: 0 })
  })
})

describe('investment', () => {
  it('builds the monthly and cumulative series, the completed line to the last month reported', () => {
    const inv = {
      months: [
        { month: '2026-01', planned: 100, actual: 80, funds: 0 },
        { month: '2026-02', planned: 200, actual: null, funds: 0 },
        { month: '2026-03', planned: 300, actual: 250.5, funds: 10 },
        { month: '2026-04', planned: 300, actual: null, funds: 0 },
      ],
    }
    expect(investSeries(inv)).toEqual({
      labels: ['01', '02', '03', '04'],
      planned: [100, 200, 300, 300],
      actual: [80, null, 250.5, null],
      cumPlanned: [100, 300, 600, 900],
      cumActual: [80, 80, 330.5, null],
    })
    expect(investSeries({ months: [{ month: '2026-01', planned: 5, actual: null }] }).cumActual).toEqual([null])
    expect(investSeries(null).labels).toEqual([])
  })

  it('sends a year’s plan, the months of a year and the month to report', () => {
    expect(yearMonths(2026)).toHaveLength(12)
    expect(yearMonths(2026)[0]).toBe('2026-01')
    expect(yearMonths(2026)[11]).toBe('2026-12')
    expect(planBody('2026', [{ month: '2026-01', planned: '12.5' }, { month: '2026-02', planned: null }])).toEqual({ year: 2026, months: [{ month: '2026-01', planned: 12.5 }, { month: '2026-02', planned: 0 }] })
    expect(reportMonth('2026-05-10')).toBe('2026-04')
    expect(reportMonth('2026-01-05')).toBe('2025-12')
  })

  it('asks a month’s report for its month and amount, and sends the amounts as numbers', () => {
    expect(checkReport({ month: '', actual: null })).toEqual({ month: 'project.invest.monthRequired', actual: 'project.invest.actualRequired' })
    expect(checkReport({ month: '2026-04', actual: -1 })).toEqual({ actual: 'project.invest.actualRequired' })
    expect(checkReport({ month: '2026-04', actual: 0 })).toEqual({})
    expect(reportBody({ actual: '1200.5', funds: null })).toEqual({ actual: 1200.5, funds: 0 })
    expect(reportBody({ actual: 30, funds: '12' })).toEqual({ actual: 30, funds: 12 })
    for (const k of Object.values(checkReport({}))) expect(chinese(t(k)), k).toBe(true)
  })
})

describe('site check photos', () => {
  const file = (name, size = 100) => ({ name, size })

  it('takes jpg and png images up to nine, and says why another is refused', () => {
    expect(photoProblem(file('现场1.jpg'), 0)).toBeNull()
    expect(photoProblem(file('现场2.JPEG'), 3)).toBeNull()
    expect(photoProblem(file('围挡.png'), PHOTO_MAX - 1)).toBeNull()
    expect(photoProblem(file('围挡.png'), PHOTO_MAX)).toEqual({ key: 'project.check.photoTooMany', params: { n: 9 } })
    expect(photoProblem(file('报告.pdf'), 0)).toEqual({ key: 'project.check.photoBadType', params: { name: '报告.pdf' } })
    expect(photoProblem(file('动图.gif'), 0).key).toBe('project.check.photoBadType')
    expect(photoProblem(file('jpg'), 0).key).toBe('project.check.photoBadType')
    expect(photoProblem(file('空.jpg', 0), 0)).toEqual({ key: 'project.check.photoEmpty', params: { name: '空.jpg' } })
    expect(photoProblem(file('大.jpg', 20 * 1024 * 1024 + 1), 0)).toEqual({ key: 'project.check.photoTooBig', params: { name: '大.jpg', max: '20 MB' } })
    expect(photoProblem(file('正好.jpg', 20 * 1024 * 1024), 0)).toBeNull()
    expect(t('project.check.photoTooMany', { n: 9 })).toBe('每次检查最多 9 张照片')
    for (const k of ['photoBadType', 'photoTooBig', 'photoEmpty', 'photoTooMany', 'photoFailed', 'photos', 'photosHint']) {
      expect(chinese(t('project.check.' + k, {})), k).toBe(true)
      expect(get(en, 'project.check.' + k), k).toBeTruthy()
    }
  })

  it('uploads the photos not uploaded yet, in order, and keeps each id for a second try', async () => {
    const photos = [
      { name: 'a.jpg', file: 'A', id: null },
      { name: 'b.png', file: 'B', id: null },
      { name: 'c.jpg', file: 'C', id: null },
    ]
    const sent = []
    let fail = 'C'
    const upload = async (f) => {
      sent.push(f)
      if (f === fail) throw Object.assign(new Error('最多上传10个附件'), { field: 'file' })
      return { id: { A: 31, B: 32, C: 33 }[f] }
    }
    const err = await uploadPhotos(photos, upload).catch((e) => e)
    expect(err.message).toBe('最多上传10个附件')
    expect(err.photo.name).toBe('c.jpg')
    expect(sent).toEqual(['A', 'B', 'C'])
    expect(photos.map((p) => p.id)).toEqual([31, 32, null])
    fail = ''
    expect(await uploadPhotos(photos, upload)).toEqual([31, 32, 33])
    expect(sent).toEqual(['A', 'B', 'C', 'C'])
    expect(await uploadPhotos([], upload)).toEqual([])
    // an answer without an id is an error, not a check with a hole in its photos
    await expect(uploadPhotos([{ name: 'd.jpg', file: 'D', id: null }], async () => ({}))).rejects.toThrow()
  })

  it('sends a check with its texts trimmed and photo_ids only when it has photos', () => {
    const f = { on_date: '2026-05-08', checker: ' 王工 ', progress: 40, notes: ' 围挡已建 ', problems: '', photos: [{ id: 1 }] }
    expect(checkBody(f)).toEqual({ on_date: '2026-05-08', checker: '王工', progress: 40, notes: '围挡已建', problems: '' })
    expect(checkBody(f, [31, 32])).toEqual({ on_date: '2026-05-08', checker: '王工', progress: 40, notes: '围挡已建', problems: '', photo_ids: [31, 32] })
  })

  it('lists a check’s photos with their download addresses', () => {
    expect(checkPhotos(7, { photos: [{ id: 31, name: '现场1.jpg' }, { id: 32, name: 'b.png' }] })).toEqual([
      { id: 31, name: '现场1.jpg', href: '/api/projects/7/attachments/31' },
      { id: 32, name: 'b.png', href: '/api/projects/7/attachments/32' },
    ])
    expect(checkPhotos(7, {})).toEqual([])
    expect(checkPhotos(7, { photos: null })).toEqual([])
  })
})

describe('useLoad', () => {
  it('keeps the answer of the latest load only, and the error of a failed one', async () => {
    const answers = []
    const { data, loading, error, load } = useLoad(() => new Promise((resolve, reject) => answers.push({ resolve, reject })), { initial: [] })
    expect(data.value).toEqual([])
    const first = load()
    const second = load()
    expect(loading.value).toBe(true)
    answers[1].resolve('second')
    await second
    answers[0].resolve('first')
    await first
    expect(data.value).toBe('second')
    expect(loading.value).toBe(false)
    const third = load()
    answers[2].reject(new Error('加载失败'))
    await third
    expect(error.value.message).toBe('加载失败')
    expect(data.value).toEqual([])
    const kept = useLoad(() => Promise.reject(new Error('x')), { keep: true })
    kept.data.value = 'shown'
    await kept.load()
    expect(kept.data.value).toBe('shown')
    expect(kept.error.value.message).toBe('x')
  })
})

describe('permits', () => {
  it('sends a permit with its dates, empty ones as null', () => {
    expect(permitBody({ permit: '施工许可证', applied_date: '2026-04-01', approved_date: '', permit_no: ' 220101202605200101 ', notes: '', secretary_user_id: '12' })).toEqual({
      permit: '施工许可证',
      applied_date: '2026-04-01',
      approved_date: null,
      permit_no: '220101202605200101',
      notes: '',
      secretary_user_id: 12,
    })
    for (const s of PERMIT_STATUSES) expect(chinese(t('project.permitStatuses.' + s)), s).toBe(true)
  })
})

describe('problems', () => {
  const ctx = (perms, deptId = 7) => ({ can: (p) => perms.includes(p), deptId })
  it('lets the department answer its own open problem', () => {
    expect(problemActions({ status: 'open', dept_id: 7 }, ctx(['project.handle']))).toEqual(['answer'])
    expect(problemActions({ status: 'open', dept_id: 8 }, ctx(['project.handle']))).toEqual([])
    expect(problemActions({ status: 'answered', dept_id: 7 }, ctx(['project.handle']))).toEqual([])
  })

  it('lets the project office answer, close (销号) and reopen, and leaders escalate (督办)', () => {
    expect(problemActions({ status: 'open', dept_id: 7 }, ctx(['project.dispatch'], 1))).toEqual(['answer', 'close'])
    expect(problemActions({ status: 'answered', dept_id: 7 }, ctx(['project.dispatch'], 1))).toEqual(['close', 'reopen'])
    expect(problemActions({ status: 'closed', dept_id: 7 }, ctx(['project.dispatch'], 1))).toEqual(['reopen'])
    expect(problemActions({ status: 'open', dept_id: 7 }, ctx(['project.escalate'], null))).toEqual(['escalate'])
    expect(problemActions({ status: 'closed', dept_id: 7 }, ctx(['project.escalate'], null))).toEqual([])
    expect(problemActions(null, ctx(['project.dispatch']))).toEqual([])
  })

  it('reads the 督办 in force, not a settled one', () => {
    expect(activeEscalation({ escalation: { state: 'active', level: 'red', note: '限期解决', deadline: '2026-06-01' } })).toMatchObject({ level: 'red' })
    expect(activeEscalation({ escalation: { state: 'settled', level: 'red' } })).toBeNull()
    expect(activeEscalation({ escalation: null })).toBeNull()
    expect(activeEscalation(null)).toBeNull()
  })

  it('counts the days a next step is late', () => {
    expect(daysOverdue('2026-05-01', '2026-05-10')).toBe(9)
    expect(daysOverdue('2026-05-11', '2026-05-10')).toBe(0)
    expect(daysOverdue('', '2026-05-10')).toBe(0)
    expect(daysOverdue('2026-03-28', '2026-03-30')).toBe(2)
  })
})

// The move dialog in the page: it sends the move with its evidence and shows the server's
// refusal in the dialog — a 409 naming the stage above the form, a 400 under the field it names.

describe('MoveDialog', { timeout: 20000 }, () => {
  let calls
  function mountDialog(project, answer) {
    calls = []
    setAppLocale('zh-CN')
    configureHttp({ onUnauthorized: vi.fn(), onPasswordChange: vi.fn(), onError: vi.fn() })
    globalThis.fetch = vi.fn(async (url, init) => {
      calls.push({ url: String(url), method: init.method, body: init.body ? JSON.parse(init.body) : null })
      return answer()
    })
    setActivePinia(createPinia())
    return mount(MoveDialog, { props: { project, attachments: [], modelValue: false }, global: { plugins: [i18n] }, attachTo: document.body })
  }
  const q = (sel) => document.body.querySelector(sel)

  it('shows the server’s 409 naming the stage in the dialog', async () => {
    const w = mountDialog({ id: 12, stage: 'lead' }, () => json(409, { error: { code: 'invalid_state', message: '项目已签约，不能退回在谈', field: null } }))
    await w.setProps({ modelValue: true })
    await waitFor(() => q('[data-test="move-save"]'))
    q('[data-test="move-save"]').click()
    await waitFor(() => q('[data-test="move-error"]'))
    expect(calls).toEqual([{ url: '/api/projects/12/move', method: 'POST', body: { to: 'negotiating', date: today() } }])
    expect(q('[data-test="move-error"]').textContent).toContain('项目已签约，不能退回在谈')
    w.unmount()
  })

  it('puts a 400 under the field it names, and asks for the reason before sending', async () => {
    const w = mountDialog({ id: 5, stage: 'negotiating' }, () => json(400, { error: { code: 'validation', message: '终止原因不能超过500个字符', field: 'reason' } }))
    await w.setProps({ modelValue: true })
    await waitFor(() => q('[data-stage="dropped"]'))
    q('[data-stage="dropped"] input').click()
    await waitFor(() => q('textarea[name="reason"]') || q('[data-field="reason"] textarea'))
    // nothing sent without a reason: the dialog says what is missing
    q('[data-test="move-save"]').click()
    await waitFor(() => q('[data-field="reason"] .el-form-item__error'))
    expect(q('[data-field="reason"] .el-form-item__error').textContent).toBe('终止须填写原因')
    expect(calls).toEqual([])
    const ta = q('[data-field="reason"] textarea')
    ta.value = '投资方战略调整'
    ta.dispatchEvent(new Event('input'))
    await flushPromises()
    q('[data-test="move-save"]').click()
    await waitFor(() => calls.length && q('[data-field="reason"] .el-form-item__error')?.textContent.includes('500'))
    expect(calls[0].body).toEqual({ to: 'dropped', date: today(), reason: '投资方战略调整' })
    expect(q('[data-field="reason"] .el-form-item__error').textContent).toBe('终止原因不能超过500个字符')
    expect(q('[data-test="move-error"]').textContent).toContain('终止原因不能超过500个字符')
    w.unmount()
  })
})

describe('timeline words', () => {
  it('labels a project’s and a problem’s events in Chinese, a problem’s own first', async () => {
    const { eventLabel } = await import('../../src/views/project/events')
    setAppLocale('zh-CN')
    expect(eventLabel('move')).toBe('推进阶段')
    expect(eventLabel('create')).toBe('创建项目')
    expect(eventLabel('create', 'problem')).toBe('交办问题')
    expect(eventLabel('close', 'problem')).toBe('销号')
    // an event only the audit log names, and one nobody names
    expect(eventLabel('extension_request')).toBe('申请延期')
    expect(eventLabel('brand_new')).toBe('brand_new')
    for (const a of ['create', 'move', 'attach', 'detach', 'followup', 'invest', 'problem']) expect(chinese(eventLabel(a)), a).toBe(true)
  })
})

describe('cockpit widgets of projects', () => {
  it('are shown to those who read the project figures, and to no enterprise', async () => {
    const { WIDGETS } = await import('../../src/views/dashboard/registry')
    const { isAllowed } = await import('../../src/utils/perm')
    const { ROLE_PERMS } = await import('./menu-contexts')
    const ids = (ctx) => WIDGETS.filter((w) => isAllowed(w, ctx)).map((w) => w.id).filter((id) => id.startsWith('project-'))
    expect(ids({ role: 'leader', perms: ROLE_PERMS.leader })).toEqual(['project-cards', 'project-lists'])
    expect(ids({ role: 'admin', perms: ROLE_PERMS.admin })).toEqual(['project-cards', 'project-lists'])
    expect(ids({ role: 'enterprise', perms: ROLE_PERMS.enterprise })).toEqual([])
    // staff of an ordinary department hold no project.stats by their role
    expect(ids({ role: 'staff', perms: ROLE_PERMS.staff })).toEqual([])
    for (const w of WIDGETS.filter((x) => x.id.startsWith('project-'))) expect(chinese(t(w.title)), w.id).toBe(true)
  })
})

describe('the problem a notification opens', () => {
  it('reads ?problem=ID, and nothing else', () => {
    expect(problemFromQuery({ problem: '7' })).toBe(7)
    expect(problemFromQuery({ problem: ['12', '3'] })).toBe(12)
    for (const bad of [undefined, '', '0', '-3', '7a', '1.5', ' 7', '99999999999999999']) expect(problemFromQuery({ problem: bad }), String(bad)).toBeNull()
    expect(problemFromQuery({})).toBeNull()
    expect(problemFromQuery(null)).toBeNull()
  })
})

describe('会审', () => {
  const agenda = [
    { project_id: 3, project_no: 'XM2026-0003', project_name: '光电产业园', decision: 'advance', note: '' },
    { project_id: 9, project_no: 'XM2026-0009', project_name: '锂电池二期', decision: '', note: '' },
  ]

  it('counts the agenda from a listed meeting and from one read with its agenda', () => {
    expect(reviewProgress({ projects: 4, decided: 1 })).toEqual({ items: 4, decided: 1, undecided: 3 })
    expect(reviewProgress({ items: agenda })).toEqual({ items: 2, decided: 1, undecided: 1 })
    expect(reviewProgress({ items: [] })).toEqual({ items: 0, decided: 0, undecided: 0 })
    expect(reviewProgress({ projects: 2, decided: 5 })).toEqual({ items: 2, decided: 2, undecided: 0 })
    expect(reviewProgress(null)).toEqual({ items: 0, decided: 0, undecided: 0 })
  })

  it('offers bringing a project, deciding and closing while open, to those who write', () => {
    expect(reviewActions({ status: 'open', items: [] }, true)).toEqual(['add'])
    expect(reviewActions({ status: 'open', items: agenda }, true)).toEqual(['add', 'decide', 'close'])
    // closing is offered with a project undecided: the server says how many are left
    expect(reviewActions({ status: 'open', projects: 2, decided: 0 }, true)).toContain('close')
    expect(reviewActions({ status: 'closed', items: agenda }, true)).toEqual([])
    expect(reviewActions({ status: 'open', items: agenda }, false)).toEqual([])
    expect(reviewActions(null, true)).toEqual([])
  })

  it('sends a new meeting trimmed, and says what is missing first', () => {
    expect(reviewBody({ on_date: '2026-05-08', title: '  第19周招商会审 ' })).toEqual({ on_date: '2026-05-08', title: '第19周招商会审' })
    expect(checkReview({ on_date: '2026-05-08', title: '会审' })).toEqual({})
    expect(checkReview({ on_date: '', title: '  ' })).toEqual({ on_date: 'project.review.dateRequired', title: 'project.review.titleRequired' })
    expect(checkReview({ on_date: '2026-02-30x', title: '会'.repeat(101) })).toEqual({ on_date: 'project.review.dateRequired', title: 'project.review.titleTooLong' })
    expect(checkReview({ on_date: '2026-05-08', title: '会'.repeat(100) })).toEqual({})
    for (const k of ['dateRequired', 'titleRequired', 'titleTooLong', 'decisionRequired', 'projectRequired', 'minutesRequired']) expect(chinese(t('project.review.' + k)), k).toBe(true)
  })

  it('titles a new meeting with its ISO week', () => {
    expect(weekOf('2026-05-08')).toEqual({ year: 2026, week: 19 })
    // the first days of January may belong to the last week of the year before
    expect(weekOf('2027-01-01')).toEqual({ year: 2026, week: 53 })
    expect(t('project.review.defaultTitle', weekOf('2026-05-08'))).toBe('2026年第19周项目会审')
  })

  it('sends a decision of the four, with its note, and asks for one first', () => {
    expect(decideBody('9', { decision: 'supplement', note: ' 补充环评批复 ' })).toEqual({ project_id: 9, decision: 'supplement', note: '补充环评批复' })
    expect(decideBody(3, { decision: 'advance' })).toEqual({ project_id: 3, decision: 'advance', note: '' })
    expect(checkDecision({ decision: '' })).toEqual({ decision: 'project.review.decisionRequired' })
    expect(checkDecision({ decision: 'approve' })).toEqual({ decision: 'project.review.decisionRequired' })
    for (const d of REVIEW_DECISIONS) expect(checkDecision({ decision: d })).toEqual({})
    expect(REVIEW_DECISIONS.map((d) => t('project.review.decisions.' + d))).toEqual(['推进', '补充材料', '暂缓', '否决'])
    // the audit log names them alike
    for (const d of REVIEW_DECISIONS) expect(t('auditValue.project_review.decision.' + d)).toBe(t('project.review.decisions.' + d))
    for (const st of REVIEW_STATUSES) expect(chinese(t('project.review.statuses.' + st)), st).toBe(true)
  })

  it('picks a project not yet on the agenda and not dropped', () => {
    const projects = [
      { id: 3, no: 'XM2026-0003', name: '光电产业园', dept_name: '招商一局', stage: 'signed' },
      { id: 4, no: 'XM2026-0004', name: '新材料', dept_name: '', stage: 'lead' },
      { id: 5, no: '', name: '旧厂改造', stage: 'dropped' },
    ]
    expect(agendaOptions(projects, agenda)).toEqual([
      { value: 3, label: 'XM2026-0003 光电产业园 · 招商一局', disabled: true },
      { value: 4, label: 'XM2026-0004 新材料', disabled: false },
      { value: 5, label: '旧厂改造', disabled: true },
    ])
    expect(agendaOptions(null, null)).toEqual([])
  })
})

describe('每月评估', () => {
  const row = {
    project_id: 4,
    no: 'XM2026-0004',
    name: '德赛电池二期',
    score: 51.5,
    late_days: 12,
    planned: 800,
    actual: 200,
    overdue_problems: 1,
    checks: 0,
    deductions: { late: 12, invest: 30, problems: 5, checks: 10 },
  }

  it('says what each deduction is made of', () => {
    expect(evalParts(row)).toEqual([
      { key: 'late', points: 12, params: { n: 12 } },
      { key: 'invest', points: 30, params: { planned: 800, actual: 200, share: 25 } },
      { key: 'problems', points: 5, params: { n: 1 } },
      { key: 'checks', points: 10, params: { n: 0 } },
    ])
    // not reported: no completed amount, its share counted as none
    expect(evalParts({ ...row, actual: null })[1].params).toEqual({ planned: 800, actual: null, share: 0 })
    // no plan this month: no share
    expect(evalParts({ ...row, planned: 0, actual: null, deductions: {} })[1]).toEqual({ key: 'invest', points: 0, params: { planned: 0, actual: null, share: null } })
    // the score is 100 less the deductions, as the server gives it
    expect(100 - evalParts(row).reduce((s, p) => s + p.points, 0)).toBe(43)
  })

  it('has the written rule of every deduction, with its most', () => {
    expect(EVAL_DEDUCTIONS).toEqual(['late', 'invest', 'problems', 'checks'])
    expect(EVAL_DEDUCTIONS.map((k) => t('project.evaluation.deduction.' + k))).toEqual(['拖期', '投资', '问题', '检查'])
    for (const k of EVAL_DEDUCTIONS) {
      const rule = t('project.evaluation.rule.' + k)
      expect(rule.startsWith(t('project.evaluation.deduction.' + k) + '：'), k).toBe(true)
      expect(rule, k).toContain(String(EVAL_MAX[k]))
    }
    expect(t('project.evaluation.rule.late')).toContain('每滞后 1 天扣 1 分')
    expect(t('project.evaluation.rule.problems')).toContain('扣 5 分')
  })

  it('marks and writes scores', () => {
    expect(scoreType(100)).toBe('success')
    expect(scoreType(90)).toBe('success')
    expect(scoreType(89.9)).toBe('warning')
    expect(scoreType(60)).toBe('warning')
    expect(scoreType(59.9)).toBe('danger')
    expect(scoreType(null)).toBe('info')
    expect(fmtScore(87)).toBe('87.0')
    expect(fmtScore(51.55)).toBe('51.6')
    expect(fmtScore(null)).toBe('-')
  })

  it('lists the bureaus lowest first', () => {
    const by = [
      { dept_id: 1, dept_name: '招商一局', projects: 3, score: 88.2 },
      { dept_id: 2, dept_name: '招商二局', projects: 1, score: 51.5 },
      { dept_id: 3, dept_name: '项目办', projects: 2, score: 88.2 },
    ]
    // ties by name, in the order of Chinese names (项目办 xiàngmù before 招商一局 zhāoshāng)
    expect(deptMeans(by).map((d) => d.dept_id)).toEqual([2, 3, 1])
    expect(by[0].dept_id).toBe(1) // not sorted in place
    expect(deptMeans(undefined)).toEqual([])
  })

  it('steps months', () => {
    expect(shiftMonth('2026-01', -1)).toBe('2025-12')
    expect(shiftMonth('2025-12', 1)).toBe('2026-01')
    expect(shiftMonth('2026-05', 0)).toBe('2026-05')
    expect(shiftMonth('2026-13', 1)).toBeNull()
  })
})

describe('项目调度规则', () => {
  const server = {
    amber_days: 15,
    amber_ratio: 0.9,
    red_ratio: 0.7,
    report_day: 10,
    weights: { signed_count: 2, signed_amount: 3, funds: 1, started_count: 1, producing_count: 1, count_100m: 0, count_500m: 0, count_1000m: 0, count_usd100m: 0 },
    permits: ['用地规划许可证', '工程规划许可证', '施工许可证', '不动产权证', '环评'],
  }

  it('edits the ratios in percent and sends them back as fractions', () => {
    const f = settingsForm(server)
    expect(f).toMatchObject({ amber_days: 15, amber_ratio: 90, red_ratio: 70, report_day: 10 })
    expect(f.permits).toEqual(server.permits.map((name) => ({ name })))
    expect(Object.keys(f.weights)).toEqual(TARGET_FIGURES)
    expect(settingsBody(f)).toEqual(server)
    f.amber_ratio = 85.5
    f.red_ratio = 66.7
    f.permits.push({ name: ' 能评 ' })
    const b = settingsBody(f)
    expect(b.amber_ratio).toBe(0.855)
    expect(b.red_ratio).toBe(0.667)
    expect(b.permits[5]).toBe('能评')
    // a zone that never set them: the server's defaults, every weight 0 until given
    expect(settingsForm({ weights: {}, permits: [] })).toMatchObject({ amber_days: SETTINGS_DEFAULTS.amber_days, amber_ratio: 90, red_ratio: 70, report_day: 10 })
  })

  it('says what is wrong under each field before sending, as the server would', () => {
    const ok = settingsForm(server)
    expect(checkSettings(ok)).toEqual({})
    const bad = (change) => checkSettings({ ...settingsForm(server), ...change })
    expect(bad({ amber_days: 366 })).toEqual({ amber_days: { key: 'project.settings.err.amberDays', params: {} } })
    expect(bad({ amber_days: 1.5 }).amber_days).toBeTruthy()
    expect(bad({ amber_days: null }).amber_days).toBeTruthy()
    expect(bad({ report_day: 29 }).report_day.key).toBe('project.settings.err.reportDay')
    expect(bad({ report_day: 0 }).report_day).toBeTruthy()
    expect(bad({ amber_ratio: 0 }).amber_ratio.key).toBe('project.settings.err.ratio')
    expect(bad({ amber_ratio: 100.1 }).amber_ratio).toBeTruthy()
    expect(bad({ amber_ratio: 100, red_ratio: 100 })).toEqual({})
    expect(bad({ red_ratio: 95 })).toEqual({ red_ratio: { key: 'project.settings.err.redAboveAmber', params: {} } })
    expect(bad({ weights: { ...ok.weights, funds: 101 } }).weights).toEqual({ key: 'project.settings.err.weight', params: { figure: 'funds' } })
    expect(bad({ weights: { ...ok.weights, funds: null } }).weights.params.figure).toBe('funds')
    expect(bad({ weights: Object.fromEntries(TARGET_FIGURES.map((k) => [k, 0])) }).weights.key).toBe('project.settings.err.weightsZero')
    expect(bad({ permits: [] }).permits).toEqual({ key: 'project.settings.err.permitsCount', params: { max: 30 } })
    expect(bad({ permits: Array.from({ length: 31 }, (_, i) => ({ name: `许可${i}` })) }).permits.key).toBe('project.settings.err.permitsCount')
    expect(bad({ permits: [{ name: '环评' }, { name: '  ' }] }).permits).toEqual({ key: 'project.settings.err.permitEmpty', params: { n: 2 } })
    expect(bad({ permits: [{ name: '环评' }, { name: ' 环评' }] }).permits).toEqual({ key: 'project.settings.err.permitTwice', params: { name: '环评' } })
    expect(bad({ permits: [{ name: '证'.repeat(31) }] }).permits.params).toEqual({ name: '证'.repeat(31), max: 30 })
    for (const k of ['amberDays', 'reportDay', 'ratio', 'redAboveAmber', 'weight', 'weightsZero', 'permitsCount', 'permitEmpty', 'permitLong', 'permitTwice']) expect(chinese(t('project.settings.err.' + k)), k).toBe(true)
  })

  it('shows each figure\'s share of the 龙虎榜 score', () => {
    const s = weightShares(server.weights)
    expect(s.signed_amount).toBe(37.5)
    expect(s.signed_count).toBe(25)
    expect(s.count_100m).toBe(0)
    expect(Object.values(weightShares({})).every((v) => v === 0)).toBe(true)
  })
})
