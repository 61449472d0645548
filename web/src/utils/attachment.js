// Request attachments (附件, docs/API.md "Attachments"): the client-side checks that mirror the
// server's (the server checks again, by content), sizes for display, and who sees the upload
// button.
import { ticketDuties } from './perm'

export const ATTACHMENT_EXTS = ['pdf', 'png', 'jpg', 'jpeg', 'gif', 'doc', 'docx', 'xls', 'xlsx', 'txt', 'zip']
export const ATTACHMENT_ACCEPT = ATTACHMENT_EXTS.map((e) => '.' + e).join(',')
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024
export const ATTACHMENT_MAX_COUNT = 10
const FINAL = ['closed', 'rejected', 'merged']

/** The lower-case extension of a file name, '' without one. */
export function fileExt(name) {
  const s = String(name || '')
  const i = s.lastIndexOf('.')
  return i > 0 && i < s.length - 1 ? s.slice(i + 1).toLowerCase() : ''
}

/**
 * Why a file cannot be attached, as an i18n key with params, or null when it can:
 * 'attachment.badType', 'attachment.tooBig', 'attachment.emptyFile', 'attachment.tooMany'.
 * `count` is how many the request already holds (plus those queued before this one).
 */
export function checkFile(file, count = 0) {
  if (!file) return { key: 'attachment.emptyFile' }
  if (!ATTACHMENT_EXTS.includes(fileExt(file.name))) return { key: 'attachment.badType', params: { exts: ATTACHMENT_EXTS.join(', ') } }
  if (!(file.size > 0)) return { key: 'attachment.emptyFile' }
  if (file.size > ATTACHMENT_MAX_BYTES) return { key: 'attachment.tooBig', params: { max: '20 MB' } }
  if (count >= ATTACHMENT_MAX_COUNT) return { key: 'attachment.tooMany', params: { n: ATTACHMENT_MAX_COUNT } }
  return null
}

/** Bytes for people: 512 B, 1.5 KB, 3.2 MB. */
export function fmtSize(n) {
  const v = Number(n) || 0
  if (v < 1024) return `${v} B`
  if (v < 1024 * 1024) return `${(v / 1024).toFixed(1)} KB`
  return `${(v / 1024 / 1024).toFixed(1)} MB`
}

/** The download address of an attachment (a plain GET: the session cookie goes along). */
export const attachmentUrl = (ticketId, id) => `/api/tickets/${ticketId}/attachments/${id}`

/**
 * Whether the upload control is shown on request t for ctx {perms, role, deptKind}: the request
 * is not over, and the user is its enterprise, the service center, or a handling department
 * (the server also requires the lead department and answers 403 otherwise).
 */
export function canUpload(t, ctx) {
  if (!t || FINAL.includes(t.status)) return false
  const d = ticketDuties(ctx)
  if (d.has('enterprise')) return true
  if (d.has('center')) return true
  return d.has('dept') && !!t.dept_id
}

/** Whether the user may delete attachment a of request t (its uploader, while t is not over). */
export const canDelete = (t, a) => !!t && !!a && !!a.mine && !FINAL.includes(t.status)
