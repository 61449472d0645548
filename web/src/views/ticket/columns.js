// The export of a request list: the server writes every matching row (GET /api/tickets/export,
// same filters and scope as the list) as .xlsx or .csv; the browser only saves the file.
import { ticketApi } from '../../api'
import { saveBlob } from '../../utils/download'
import { today } from '../../utils/format'

/** Downloads every request matching params as `${name}-${today}.${format}` (xlsx or csv). */
export async function exportTickets(name, { params, format = 'xlsx' }) {
  const res = await ticketApi.exportFile(params, format)
  saveBlob(res.blob, `${name}-${today()}.${format === 'csv' ? 'csv' : 'xlsx'}`)
}
