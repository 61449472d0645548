// The columns of a request list's CSV export, and the export itself (all matching rows).
import { t } from '../../i18n'
import { fetchAll, downloadCsv } from '../../utils/csv'
import { ticketApi } from '../../api'
import { fmtTime, today } from '../../utils/format'
import { statusLabel, categoryLabel, channelLabel, priorityLabel, ratingLabel, escalationLabel, dueState } from '../../utils/ticket'
import { toastOk } from '../../utils/feedback'

export function ticketCsvColumns({ enterprise = true } = {}) {
  const cols = [
    { label: t('ticket.no'), value: (r) => r.no },
    { label: t('ticket.title'), value: (r) => r.title },
    enterprise && { label: t('ticket.enterprise'), value: (r) => r.enterprise_name },
    { label: t('ticket.category'), value: (r) => categoryLabel(r.category) },
    { label: t('ticket.channel'), value: (r) => channelLabel(r.channel) },
    { label: t('ticket.priority'), value: (r) => priorityLabel(r.priority) },
    { label: t('ticket.status'), value: (r) => statusLabel(r.status, r.status_label) },
    { label: t('ticket.dept'), value: (r) => r.dept_name || '' },
    { label: t('ticket.createdAt'), value: (r) => fmtTime(r.created_at) },
    { label: t('ticket.dueResolve'), value: (r) => (r.due_resolve ? fmtTime(r.due_resolve) : '') },
    { label: t('ticket.overdue'), value: (r) => (dueState(r) === 'overdue' ? t('common.yes') : '') },
    { label: t('ticket.resolvedAt'), value: (r) => (r.resolved_at ? fmtTime(r.resolved_at) : '') },
    { label: t('ticket.rating'), value: (r) => (r.rating ? ratingLabel(r.rating) : r.unrated ? t('ticket.unrated') : '') },
    { label: t('ticket.escalation'), value: (r) => (r.escalated ? escalationLabel(r.escalation_level) : '') },
    { label: t('ticket.extensionDays'), value: (r) => r.extension_days_pending || '' },
  ]
  return cols.filter(Boolean)
}

/** Export every request matching params (or the given rows) as CSV. */
export async function exportTickets(name, { params, rows, enterprise = true }) {
  let items = rows
  let truncated = false
  if (!items) {
    const res = await fetchAll((p) => ticketApi.list({ ...params, ...p }))
    items = res.items
    truncated = res.truncated
  }
  downloadCsv(`${name}-${today()}.csv`, ticketCsvColumns({ enterprise }), items)
  if (truncated) toastOk(t('ticket.exportTruncated', { n: items.length }))
}
