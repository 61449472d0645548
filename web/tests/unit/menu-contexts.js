// The users whose side menu tests/unit/menu.test.js checks: every role of the server's role table
// (src/access/perm.c, read from the source, so a module's new permissions reach them without an
// edit here) in each kind of department that changes a request duty (utils/perm.js ticketDuties),
// and the edge cases (the wildcard, no permission at all, staff without triage). The department
// kind's grant (perm_dept_kind_grant) is left out: these are the role table's sets.
import { readFileSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const ACCESS = join(dirname(fileURLToPath(import.meta.url)), '../../../src/access')

/** The permission names by constant (PERM_LIST of perm.h). */
export const PERM_NAMES = Object.fromEntries([...readFileSync(join(ACCESS, 'perm.h'), 'utf8').matchAll(/X\((PERM_\w+),[\s\\]*"([a-z.]+)"\)/g)].map((m) => [m[1], m[2]]))

/** Each role's permissions by role name (roles[] of perm.c), without public and auth. */
export const ROLE_PERMS = Object.fromEntries(
  [...readFileSync(join(ACCESS, 'perm.c'), 'utf8').matchAll(/\[ROLE_(\w+)\]\s*=\s*\{[^{}]*?PERMS\(([^)]*)\)/g)]
    .filter((m) => m[1] !== 'NONE')
    .map((m) => {
      const consts = m[2].split(',').map((s) => s.trim()).filter(Boolean)
      const unknown = consts.filter((c) => !(c in PERM_NAMES))
      if (unknown.length) throw new Error(`menu-contexts: ${m[1]} names unknown permissions ${unknown}`)
      return [m[1].toLowerCase(), consts.map((c) => PERM_NAMES[c]).filter((p) => p !== 'public' && p !== 'auth')]
    }),
)

const KINDS = [undefined, 'service_center', 'investment']

/** The roles whose menu was recorded (fixtures/menu-before.json): every other role of the server's
 * table (a bank's or a carrier's own account) came later, and is held to the added items' rule
 * only (LATER_CONTEXTS). */
const RECORDED_ROLES = ['admin', 'leader', 'dept_head', 'staff', 'enterprise', 'province']

export const MENU_CONTEXTS = [
  ...['admin', 'leader', 'dept_head', 'staff', 'province'].flatMap((role) =>
    KINDS.map((deptKind) => ({ name: `${role}/${deptKind || 'unknown'}`, ctx: { role, perms: ROLE_PERMS[role], deptKind } })),
  ),
  { name: 'enterprise', ctx: { role: 'enterprise', perms: ROLE_PERMS.enterprise } },
  { name: 'staff without triage', ctx: { role: 'staff', perms: ROLE_PERMS.staff.filter((p) => p !== 'ticket.triage'), deptKind: 'investment' } },
  { name: 'wildcard', ctx: { role: 'admin', perms: ['*'] } },
  { name: 'auditor', ctx: { role: 'auditor', perms: ['audit.read'] } },
  { name: 'nothing', ctx: { role: 'leader', perms: [] } },
]

/** The users of the roles added to the server's table after the recording, one each. */
export const LATER_CONTEXTS = Object.keys(ROLE_PERMS)
  .filter((role) => !RECORDED_ROLES.includes(role))
  .map((role) => ({ name: role, ctx: { role, perms: ROLE_PERMS[role] } }))
