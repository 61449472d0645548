// CSV built in the browser for lists the server cannot export yet (no .xlsx writer is in the
// lock file): UTF-8 with a byte-order mark so Excel opens Chinese text correctly, CRLF lines.
import { saveBlob } from './download'

/** One cell: quoted when needed; text that a spreadsheet would run as a formula is defused. */
export function csvCell(v) {
  if (v === null || v === undefined) return ''
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  let s = String(v)
  if (/^[=+\-@\t\r]/.test(s)) s = "'" + s
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** columns: [{label, value(row)}] -> the CSV text, BOM first. */
export function toCsv(columns, rows) {
  const lines = [columns.map((c) => csvCell(c.label)).join(',')]
  for (const r of rows) lines.push(columns.map((c) => csvCell(c.value(r))).join(','))
  return '\ufeff' + lines.join('\r\n') + '\r\n'
}

export function downloadCsv(filename, columns, rows) {
  saveBlob(new Blob([toCsv(columns, rows)], { type: 'text/csv;charset=utf-8' }), filename)
}

/**
 * Every row of a paged list: calls fetchPage({page, page_size}) until `total` is reached or
 * `max` rows were read. Resolves to {items, total, truncated}.
 */
export async function fetchAll(fetchPage, { pageSize = 200, max = 5000 } = {}) {
  const items = []
  let total = 0
  for (let page = 1; ; page++) {
    const res = await fetchPage({ page, page_size: pageSize })
    const batch = (res && res.items) || []
    total = (res && res.total) || 0
    items.push(...batch)
    if (batch.length < pageSize || items.length >= total || items.length >= max) break
  }
  return { items: items.slice(0, max), total, truncated: total > max }
}
