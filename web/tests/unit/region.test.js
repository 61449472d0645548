// The region page's pure helpers (views/region/rules.js).
import { describe, expect, it } from 'vitest'
import { compareRows, fmtMetric, historySeries, trendSeries, trendZones } from '../../src/views/region/rules'
import { lastMonth } from '../../src/views/economy/rules'
import { today } from '../../src/utils/format'

describe('region rules', () => {
  it('takes the zone\'s day in China Standard Time, not the browser\'s, and the month before it', () => {
    // 2026-12-06 20:00 UTC is already 12-07 04:00 in the zone; 15:59 UTC is still 12-06
    expect(today(Date.UTC(2026, 11, 6, 20, 0))).toBe('2026-12-07')
    expect(today(Date.UTC(2026, 11, 6, 15, 59))).toBe('2026-12-06')
    expect(lastMonth(today(Date.UTC(2025, 11, 31, 16, 0)))).toBe('2025-12')
    expect(lastMonth(today(Date.UTC(2025, 11, 31, 15, 0)))).toBe('2025-11')
  })
  it('writes rates with one decimal and money in whole 万元', () => {
    expect(fmtMetric(96.25, '%')).toBe('96.3%')
    expect(fmtMetric(17895739.5, '万元')).toBe('17,895,740')
    expect(fmtMetric(null, '%')).toBe('-')
    expect(fmtMetric(12, '个')).toBe('12')
  })
  it('marks the best value of each metric, the lowest where lower is better', () => {
    const rows = compareRows({
      metrics: [{ code: 'a', label: 'A', unit: '万元' }, { code: 'v', label: 'V', unit: '%', lower_better: true }],
      items: [{ zone_id: 1, values: { a: 5, v: 20 } }, { zone_id: 2, values: { a: 9, v: null } }, { zone_id: 3, values: { a: 1, v: 10 } }],
    })
    expect(rows.map((r) => r.best)).toEqual([9, 10])
    expect(rows[0].z2).toBe(9)
    expect(rows[1].z2).toBe(null)
    expect(compareRows(null)).toEqual([])
  })
  it('draws the rank history as one line per zone over the periods', () => {
    const h = historySeries({ periods: ['2026-09', '2026-10'], items: [{ zone: '甲', ranks: [2, 1] }, { zone: '乙', ranks: [1, 2] }] })
    expect(h.periods).toEqual(['2026-09', '2026-10'])
    expect(h.series.map((s) => [s.name, s.data])).toEqual([['甲', [2, 1]], ['乙', [1, 2]]])
    expect(historySeries(null)).toEqual({ periods: [], series: [] })
  })
  it('draws one indicator month by month, one line per zone, a missing month as a gap', () => {
    const d = {
      periods: ['2026-09', '2026-10', '2026-11'],
      items: [
        { zone_id: 1, zone: '甲', series: { 'econ.output.ytd': [10, 20, 30], 'ticket.resolve_rate': [90, 91, 92] } },
        { zone_id: 2, zone: '乙', series: { 'econ.output.ytd': [5, null, 9] } },
      ],
    }
    const s = trendSeries(d, 'econ.output.ytd')
    expect(s.periods).toEqual(['2026-09', '2026-10', '2026-11'])
    expect(s.series.map((x) => [x.name, x.data])).toEqual([['甲', [10, 20, 30]], ['乙', [5, null, 9]]])
    expect(trendSeries(d, 'ticket.resolve_rate').series[1].data).toEqual([])
    expect(trendSeries(null, 'x')).toEqual({ periods: [], series: [] })
  })
  it('draws the trend of the zones chosen, else of the ranking\'s first ten', () => {
    const items = Array.from({ length: 14 }, (_, i) => ({ zone_id: 100 + i }))
    expect(trendZones([7, 8], items)).toEqual([7, 8])
    expect(trendZones([], items)).toEqual(items.slice(0, 10).map((z) => z.zone_id))
    expect(trendZones([], null)).toEqual([])
  })
})
