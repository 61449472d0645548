// The moves of a load and a registration the pages share: each asks what it must (a confirmation,
// the note of a failed trip, the reason of a return), calls the API, says so, and refreshes.
import { ElMessageBox } from 'element-plus'
import { showUnhandled, toastOk } from '../../utils/feedback'
import { freightApi } from './api'

export function useFreightMoves(t, refresh) {
  const ask = async (msg, title) => {
    try {
      await ElMessageBox.confirm(msg, title, { type: 'warning' })
      return true
    } catch {
      return false
    }
  }
  const prompt = async (msg, title, required) => {
    try {
      const { value } = await ElMessageBox.prompt(msg, title, {
        inputValidator: (v) => !required || !!(v && v.trim()) || msg,
      })
      return { ok: true, value: (value || '').trim() }
    } catch {
      return { ok: false }
    }
  }
  const run = async (fn, done) => {
    try {
      await fn()
      toastOk(done)
      refresh()
    } catch (e) {
      showUnhandled(e)
    }
  }
  /** One of rules.loadActions' moves on load l ('matches' is the page's own). */
  async function loadMove(l, action) {
    switch (action) {
      case 'confirm':
        return run(() => freightApi.act(l.id, 'confirm'), t('freight.confirmed'))
      case 'decline':
        if (await ask(t('freight.declineConfirm'), t('freight.decline'))) return run(() => freightApi.act(l.id, 'decline'), t('freight.declined'))
        return
      case 'withdraw':
        if (await ask(t('freight.withdrawConfirm'), t('freight.withdraw'))) return run(() => freightApi.act(l.id, 'withdraw'), t('freight.withdrawn'))
        return
      case 'cancel':
        if (await ask(t('freight.cancelConfirm'), t('freight.cancel'))) return run(() => freightApi.act(l.id, 'cancel'), t('freight.cancelled'))
        return
      case 'delivered':
      case 'failed': {
        const failed = action === 'failed'
        const r = await prompt(failed ? t('freight.failNote') : t('freight.doneNote'), t('freight.' + action), failed)
        if (r.ok) return run(() => freightApi.act(l.id, 'done', { outcome: action, note: r.value }), t('freight.recorded'))
        return
      }
    }
  }
  /** The carrier's own answer to load l matched to its truck: 'confirm' or 'decline'. */
  async function carrierMove(l, action) {
    if (action === 'confirm') return run(() => freightApi.carrierAct(l.id, 'confirm'), t('freight.confirmed'))
    if (await ask(t('freight.declineConfirm'), t('freight.decline'))) return run(() => freightApi.carrierAct(l.id, 'decline'), t('freight.declined'))
  }
  const pick = (l, o, propose) => run(() => freightApi.match(l.id, o.id), propose ? t('freight.proposed') : t('freight.chosen'))
  async function regMove(r, action) {
    if (action === 'reject') {
      const x = await prompt(t('freight.rejectReason'), t('freight.reject'), true)
      if (x.ok) return run(() => freightApi.regAct(r.id, 'reject', { reason: x.value }), t('freight.rejected'))
      return
    }
    if (action === 'withdraw' && !(await ask(t('freight.withdrawConfirm'), t('freight.withdraw')))) return
    return run(() => freightApi.regAct(r.id, action), action === 'approve' ? t('freight.approved') : t('freight.withdrawn'))
  }
  async function closeOffer(o) {
    if (await ask(t('freight.closeConfirm'), t('freight.close'))) return run(() => freightApi.closeOffer(o.id), t('freight.closed'))
  }
  return { loadMove, carrierMove, pick, regMove, closeOffer }
}
