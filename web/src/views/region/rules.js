// Pure helpers of the region page (views/region/RegionPage.vue), unit-tested.

/** A metric's value for the table: money in 万元 with thousands, rates with one decimal. */
export function fmtMetric(v, unit) {
  if (v === null || v === undefined || Number.isNaN(v)) return '-'
  if (unit === '%') return `${v.toFixed(1)}%`
  if (unit === '万元') return v.toLocaleString('zh-CN', { maximumFractionDigits: 0 })
  return Number.isInteger(v) ? String(v) : v.toFixed(1)
}

/** The rows of the comparison table: one per metric, one column per zone, the best marked. */
export function compareRows(data) {
  if (!data || !data.metrics) return []
  return data.metrics.map((m) => {
    const vals = data.items.map((z) => z.values[m.code]).filter((v) => v !== null && v !== undefined)
    const best = vals.length ? (m.lower_better ? Math.min(...vals) : Math.max(...vals)) : null
    const row = { code: m.code, label: m.label, unit: m.unit, best }
    for (const z of data.items) row[`z${z.zone_id}`] = z.values[m.code]
    return row
  })
}

/** The rank history as ECharts series: one line per zone, rank 1 on top. */
export function historySeries(data) {
  if (!data || !data.items) return { periods: [], series: [] }
  return {
    periods: data.periods,
    series: data.items.map((z) => ({ type: 'line', name: z.zone, data: z.ranks, symbolSize: 6, emphasis: { focus: 'series' } })),
  }
}

/** The trend of one metric (GET /api/region/compare?months=N: each zone's `series`) as ECharts
 * line series, one per zone, with the months as the axis. */
export function trendSeries(data, code) {
  if (!data || !data.items || !code) return { periods: [], series: [] }
  return {
    periods: data.periods || [],
    series: data.items.map((z) => ({
      type: 'line',
      name: z.zone,
      data: ((z.series && z.series[code]) || []).map((v) => (v === null || v === undefined ? null : v)),
      symbolSize: 5,
      connectNulls: false,
      emphasis: { focus: 'series' },
    })),
  }
}

/** The zones whose trend is drawn: those chosen, else the ranking's first `n`. */
export function trendZones(chosen, rankingItems, n = 10) {
  if (chosen && chosen.length) return chosen.slice(0, n)
  return (rankingItems || []).slice(0, n).map((z) => z.zone_id)
}
