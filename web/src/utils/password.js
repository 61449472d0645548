// The password policy (shown to the user and checked before the server does):
// at least 12 characters, three of upper/lower/digit/symbol, not containing the user name
// (compared without case).

export const MIN_PASSWORD_LENGTH = 12

/** Each rule and whether pw passes it: [{key, ok}] with keys length, classes, username. */
export function passwordChecks(pw, username) {
  const s = pw || ''
  let classes = 0
  if (/[a-z]/.test(s)) classes++
  if (/[A-Z]/.test(s)) classes++
  if (/[0-9]/.test(s)) classes++
  if (/[^a-zA-Z0-9]/.test(s)) classes++
  return [
    { key: 'length', ok: [...s].length >= MIN_PASSWORD_LENGTH },
    { key: 'classes', ok: classes >= 3 },
    { key: 'username', ok: s.length > 0 && !(username && s.toLowerCase().includes(String(username).toLowerCase())) },
  ]
}

export function passwordOk(pw, username) {
  return passwordChecks(pw, username).every((c) => c.ok)
}
