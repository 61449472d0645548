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
