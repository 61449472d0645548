// Labels for the codes the server writes and the console shows: permissions (角色), audit actions,
// object types and changed fields (审计日志), login-log reasons (登录日志). A code is never shown
// raw in Chinese: each list below has a label per code in i18n (tests/unit/codes.test.js checks
// them against the server's sources), and an unknown code falls back to the code itself.
import { i18n } from '../i18n'
import { roleLabel, statusLabel } from './format'
import { statusLabel as ticketStatusLabel } from './ticket'

/** The permissions of GET /api/roles (src/access/perm.c). */
export const PERMISSIONS = [
  'zone.read',
  'zone.write',
  'dept.read',
  'dept.write',
  'user.read',
  'user.write',
  'role.read',
  'token.write',
  'audit.read',
  'enterprise.read',
  'enterprise.write',
  'enterprise.import',
  'enterprise.visit',
  'dashboard.read',
  'ticket.read',
  'ticket.create',
  'ticket.triage',
  'ticket.handle',
  'ticket.rate',
  'ticket.escalate',
  'ticket.stats',
  'ticket.admin',
  'announce.read',
  'announce.write',
]

/** The actions written to the audit log (audit_write), request actions included. */
export const AUDIT_ACTIONS = [
  'create',
  'update',
  'delete',
  'archive',
  'unarchive',
  'visit',
  'lock',
  'unlock',
  'disable',
  'revoke',
  'logout',
  'reset_password',
  'password_change',
  'dormant_disable',
  'totp_enrol',
  'totp_enable',
  'totp_disable',
  'totp_reset',
  'totp_roles',
  'accept',
  'reject',
  'merge',
  'start',
  'wait',
  'supply',
  'return',
  'resolve',
  'rate',
  'reply',
  'note',
  'extension_request',
  'extension_approved',
  'extension_denied',
  'escalate',
  'autoclose',
  'publish',
  'withdraw',
  'read',
]

/** The object types of the audit log. */
export const AUDIT_OBJECTS = ['user', 'dept', 'enterprise', 'ticket', 'ticket_attachment', 'ticket_rule', 'holiday', 'webhook', 'api_token', 'session', 'setting', 'crypto_mode', 'announcement', 'announcement_attachment']

/** The fields whose before/after the audit log records. */
export const AUDIT_FIELDS = [
  'username',
  'display_name',
  'role',
  'data_scope',
  'dept_id',
  'enterprise_id',
  'phone',
  'email',
  'status',
  'name',
  'kind',
  'parent_id',
  'sort',
  'uscc',
  'short_name',
  'industry_code',
  'address',
  'building',
  'registered_capital',
  'established_on',
  'ent_type',
  'tags',
  'flags',
  'leader_user_id',
  'liaison_user_id',
  'archived',
  'visited_on',
  'no',
  'title',
  'category',
  'rule',
  'date',
  'url',
  'size',
  'ticket_id',
  'totp_roles',
  'crypto_mode',
  'user_phones_sealed',
  'enterprise_contacts_sealed',
  'ticket_phones_sealed',
  'body',
  'audience',
  'audience_flags',
  'audience_industry',
  'audience_building',
  'audience_size',
  'announcement_id',
  'answer',
  'due_resolve',
  'merged_into',
  'priority',
  'rating',
  'reject_reason',
]

/** The reasons of failed logins in the login log. */
export const LOGIN_REASONS = ['bad_password', 'unknown_user', 'bad_totp', 'totp_required', 'locked', 'disabled', 'ip_throttled', 'backoff', 'reauth_bad_password', 'reauth_bad_totp', 'reauth_backoff']

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
