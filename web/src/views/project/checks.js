// 每日检查 (site checks): the photos a check carries — jpg or png images, uploaded as attachments
// of the project when the check is saved (POST /api/projects/:id/attachments), their ids sent in
// the check's photo_ids — and the check's body. A check read back lists its photos as
// [{id, name, content_type}], each downloaded as the project's attachment.
import { ATTACHMENT_MAX_BYTES, fileExt } from '../../utils/attachment'
import { attachmentHref } from './api'

/** The most photos one check carries (the server refuses more). */
export const PHOTO_MAX = 9
export const PHOTO_EXTS = ['jpg', 'jpeg', 'png']
export const PHOTO_ACCEPT = '.jpg,.jpeg,.png'
export const PHOTO_MAX_SIZE = '20 MB'

/**
 * Why `file` cannot be one more photo of a check holding `count` already, as an i18n key with
 * its params ({key, params}), or null when it can.
 */
export function photoProblem(file, count = 0) {
  const name = String((file && file.name) || '')
  if (count >= PHOTO_MAX) return { key: 'project.check.photoTooMany', params: { n: PHOTO_MAX } }
  if (!PHOTO_EXTS.includes(fileExt(name))) return { key: 'project.check.photoBadType', params: { name } }
  if (!(file.size > 0)) return { key: 'project.check.photoEmpty', params: { name } }
  if (file.size > ATTACHMENT_MAX_BYTES) return { key: 'project.check.photoTooBig', params: { name, max: PHOTO_MAX_SIZE } }
  return null
}

let seq = 0
/** A photo picked in the form: its file, a preview address (where the browser makes one), its attachment id once uploaded. */
export function pickedPhoto(file) {
  const url = typeof URL !== 'undefined' && typeof URL.createObjectURL === 'function' ? URL.createObjectURL(file) : ''
  return { key: ++seq, name: file.name, file, url, id: null }
}

/** Frees the preview addresses of picked photos. */
export function releasePhotos(photos) {
  for (const p of photos || []) {
    if (p.url && typeof URL.revokeObjectURL === 'function') URL.revokeObjectURL(p.url)
    p.url = ''
  }
}

/**
 * Uploads the picked photos not uploaded yet, one after another, with upload(file) -> the
 * attachment ({id}); each photo keeps its id, so saving again after the check itself was refused
 * does not upload a photo twice. Resolves to the ids in the order picked; a failed upload rejects
 * with its error, the photo in err.photo.
 */
export async function uploadPhotos(photos, upload) {
  for (const p of photos) {
    if (p.id) continue
    try {
      const a = await upload(p.file)
      p.id = (a && a.id) || null
    } catch (e) {
      e.photo = p
      throw e
    }
    if (!p.id) throw Object.assign(new Error('upload answered no id'), { photo: p })
  }
  return photos.map((p) => p.id)
}

/** The body of POST /api/projects/:id/checks: the texts trimmed, photo_ids only when there are photos. */
export function checkBody(f, photoIds = []) {
  const body = {
    on_date: f.on_date,
    checker: String(f.checker || '').trim(),
    progress: Number(f.progress) || 0,
    notes: String(f.notes || '').trim(),
    problems: String(f.problems || '').trim(),
  }
  if (photoIds.length) body.photo_ids = photoIds
  return body
}

/** The photos of a check as listed ([{id, name, content_type}]): id, name and download address. */
export const checkPhotos = (projectId, row) => ((row && row.photos) || []).map((p) => ({ id: p.id, name: p.name || '', href: attachmentHref(projectId, p.id) }))
