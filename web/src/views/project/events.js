// The words of a project's and a problem's timeline events (project.event.<action>, a problem's
// own first: project.problemEvent.<action>), falling back to the audit log's action label, then
// to the code itself.
import { i18n } from '../../i18n'

export function eventLabel(action, kind = 'project') {
  if (!action) return '-'
  const g = i18n.global
  const keys = [`project.event.${action}`, `auditAction.${action}`]
  if (kind === 'problem') keys.unshift(`project.problemEvent.${action}`)
  for (const k of keys) if (g.te(k)) return g.t(k)
  return action
}
