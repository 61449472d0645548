// Labels for the codes the server writes and the console shows: permissions (角色), audit actions,
// object types and changed fields (审计日志), login-log reasons (登录日志). A code is never shown
// raw in Chinese: each list below is the set of codes that have a label, read from the label
// registries each module fills in its own message files (i18n/index.js CODE_SECTIONS), so a
// module adds its codes there and nowhere else; tests/unit/codes.test.js checks the lists against
// the server's sources. An unknown code falls back to the code itself.
import { i18n, messages } from '../i18n'
import { roleLabel, statusLabel } from './format'
import { statusLabel as ticketStatusLabel } from './ticket'

/** The codes of a label registry, in the order the modules' message files give them (i18n/index.js). */
const codesOf = (section) => Object.keys(messages['zh-CN'][section] || {})

/**
 * The permissions of GET /api/roles (src/access/perm.h), from their labels `perm.<area>_<verb>`:
 * a permission is named `<area>.<verb>` with no underscore in the area.
 */
export const PERMISSIONS = codesOf('perm').map((k) => k.replace('_', '.'))

/** The actions written to the audit log (audit_write, write_audit), request actions included. */
export const AUDIT_ACTIONS = codesOf('auditAction')

/** The object types of the audit log. */
export const AUDIT_OBJECTS = codesOf('auditObject')

/** The fields whose before/after the audit log records. */
export const AUDIT_FIELDS = codesOf('auditField')

/** The reasons of failed logins in the login log. */
export const LOGIN_REASONS = codesOf('loginReason')

function label(prefix, code) {
  if (code === null || code === undefined || code === '') return '-'
  const k = `${prefix}.${String(code).replace(/\./g, '_')}`
  return i18n.global.te(k) ? i18n.global.t(k) : String(code)
}

export const permLabel = (p) => label('perm', p)
export const auditActionLabel = (a) => label('auditAction', a)
export const auditObjectLabel = (o) => label('auditObject', o)
export const auditFieldLabel = (f) => label('auditField', f)
export const loginReasonLabel = (r) => label('loginReason', r)

/**
 * A value of an audit change as shown: codes of known fields get their label, first those a
 * module gives for its own objects (i18n auditValue.<object type>.<field>.<code>).
 */
export function auditValueLabel(field, value, objType) {
  if (value === null || value === undefined || value === '') return value
  if (typeof value !== 'string') return value
  const own = `auditValue.${objType}.${field}.${value}`
  if (objType && field && i18n.global.te(own)) return i18n.global.t(own)
  if (field === 'role') return roleLabel(value)
  if (field === 'data_scope') return label('dataScope', value)
  if (field === 'kind' && objType === 'dept') return label('deptKind', value)
  if (field === 'status') return objType === 'ticket' ? ticketStatusLabel(value) : statusLabel(value)
  return value
}
