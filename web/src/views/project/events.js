// The words of a project's and a problem's timeline events (project.event.<action>), falling
// back to the audit log's action label, then to the code itself.
import { i18n } from '../../i18n'

export function eventLabel(action) {
  if (!action) return '-'
  const g = i18n.global
  for (const k of [`project.event.${action}`, `auditAction.${action}`]) if (g.te(k)) return g.t(k)
  return action
}
