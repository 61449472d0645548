// The binding of an API token (POST /api/tokens): a token is bound as a user of its role would
// be. The server checks the same rules; these drive the form.

/** The data scopes a token of `role` may have, the default first. */
export function tokenScopes(role) {
  if (role === 'enterprise') return ['enterprise']
  if (role === 'staff' || role === 'dept_head') return ['dept', 'zone']
  return ['zone', 'dept']
}

/** Whether a token of `role` with `scope` needs a department. */
export function tokenNeedsDept(role, scope) {
  return role === 'staff' || role === 'dept_head' || (role !== 'enterprise' && scope === 'dept')
}

/** Whether a token of `role` is bound to an enterprise (and needs one). */
export function tokenNeedsEnterprise(role) {
  return role === 'enterprise'
}

/** The request body for the form {name, role, data_scope, dept_id, enterprise_id, expires_at}. */
export function tokenBody(form) {
  const role = form.role
  const scopes = tokenScopes(role)
  const scope = scopes.includes(form.data_scope) ? form.data_scope : scopes[0]
  const body = { name: (form.name || '').trim(), role, data_scope: scope }
  if (tokenNeedsEnterprise(role)) body.enterprise_id = form.enterprise_id || null
  else if (form.dept_id) body.dept_id = form.dept_id
  if (form.expires_at) body.expires_at = form.expires_at
  return body
}

/** 'active', 'revoked' or 'expired' for a listed token, at time `now` (ms). */
export function tokenState(tok, now = Date.now()) {
  if (tok.revoked_at) return 'revoked'
  if (tok.expires_at && Date.parse(tok.expires_at) <= now) return 'expired'
  return 'active'
}

/** The last day a token works (the API's expires_at is the instant after that day), or ''. */
export function tokenLastDay(expiresAt) {
  if (!expiresAt) return ''
  const ms = Date.parse(expiresAt)
  return Number.isNaN(ms) ? '' : new Date(ms - 1000).toISOString().slice(0, 10)
}
