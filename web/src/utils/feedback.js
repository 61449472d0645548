// Toasts and confirmations (Element Plus services, imported with their styles).
import { ElMessage, ElMessageBox } from 'element-plus'
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import { t } from '../i18n'

/** The text to show for an ApiError (or any Error). */
export function errorText(err) {
  if (!err) return t('error.unknown')
  if (err.status === 0) return t('error.network')
  if (err.status >= 500 && err.errorId) return `${err.message || t('error.server')} (${err.errorId})`
  if (err.status >= 500 && !err.message) return t('error.server')
  if (err.status === 403 && err.code === 'forbidden' && !err.message) return t('error.forbidden')
  return err.message || t('error.unknown')
}

export function toastError(err) {
  ElMessage({ type: 'error', message: errorText(err), grouping: true, showClose: true, duration: 4000 })
}

export function toastOk(message) {
  ElMessage({ type: 'success', message: message || t('common.success'), grouping: true })
}

/** Confirm a dangerous action; resolves true when confirmed. */
export async function confirmAction(message, title) {
  try {
    await ElMessageBox.confirm(message, title || t('common.confirmTitle'), {
      type: 'warning',
      confirmButtonText: t('common.confirm'),
      cancelButtonText: t('common.cancel'),
    })
    return true
  } catch {
    return false
  }
}

/**
 * Ask to confirm `message`, then run action(): toasts `done` (the plain success text without it)
 * or the error. Resolves true when the action ran and succeeded.
 */
export async function confirmAndRun(message, action, done) {
  if (!(await confirmAction(message))) return false
  return runAndToast(action, done)
}

/** Runs action(), then toasts `done`; an error is shown instead. True when action succeeded. */
export async function runAndToast(action, done) {
  try {
    await action()
    toastOk(done)
    return true
  } catch (e) {
    showUnhandled(e)
    return false
  }
}

/** Show a caught error unless a global handler already did. */
export function showUnhandled(err) {
  if (err && err.handled) return
  if (err && err.name === 'ApiError') {
    if (err.status === 401) return
    toastError(err)
    return
  }
  console.error(err)
  toastError(err)
}
