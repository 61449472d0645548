// No raw code in the Chinese interface: every permission, audit action, audit object type,
// request timeline event and login-log reason the server's sources write has a Chinese label.
// The codes are read from the C sources themselves, so a code added on the server without a
// label fails here. The console's lists (utils/codes.js) are the codes the label registries hold,
// so "in the list" and "labelled" are one check, made for the codes the server writes.
import { describe, it, expect } from 'vitest'
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { messages } from '../../src/i18n'
const zhCN = messages['zh-CN']
import { PERMISSIONS, AUDIT_ACTIONS, AUDIT_OBJECTS, AUDIT_FIELDS, LOGIN_REASONS, permLabel, auditActionLabel, auditObjectLabel, auditFieldLabel, loginReasonLabel, auditValueLabel } from '../../src/utils/codes'
import { actionLabel } from '../../src/utils/ticket'

const SRC = join(dirname(fileURLToPath(import.meta.url)), '../../../src')
const files = (dir) => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : n.endsWith('.c') ? [join(dir, n)] : []))
const C = Object.fromEntries(files(SRC).map((f) => [f.slice(SRC.length + 1), readFileSync(f, 'utf8')]))
const all = Object.values(C).join('\n')

/** The string literals of each call of `fn` (up to its semicolon), strcmp operands left out. */
function callLiterals(text, fn) {
  const out = []
  for (const m of text.matchAll(new RegExp(`\\b${fn}\\(([^;]*);`, 'g'))) {
    const body = m[1].replace(/strcmp\([^)]*\)/g, '')
    out.push([...body.matchAll(/"([a-z_.]*)"/g)].map((x) => x[1]))
  }
  return out
}
const uniq = (a) => [...new Set(a)].filter(Boolean).sort()
const chinese = (s) => /[\u4e00-\u9fff]/.test(s)

// what the server writes
const perms = uniq([...readFileSync(join(SRC, 'access/perm.h'), 'utf8').matchAll(/X\(PERM_\w+,[\s\\]*"([a-z.]+)"\)/g)].map((m) => m[1])).filter((p) => p !== 'public' && p !== 'auth')
const auditCalls = callLiterals(all, 'audit_write')
// write_audit(w, action, object type, id) of the one write path: the type may be a variable
const writeAudits = [...all.matchAll(/\bwrite_audit\(\s*\w+,\s*([^,]+),\s*([^,]+),/g)].map((m) => [m[1], m[2]].map((a) => (a.match(/^"([a-z_]+)"$/) || [])[1]))
const objects = uniq([...auditCalls.map((l) => l[l.length - 1]), ...writeAudits.map((l) => l[1])])
const actions = uniq([
  ...auditCalls.flatMap((l) => l.slice(0, -1)),
  ...writeAudits.map((l) => l[0]),
  ...callLiterals(C['auth/mfa.c'], 'audited_update').map((l) => l[0]),
  ...[...C['ticket/ticket.c'].matchAll(/\[TE_\w+\] = \{?"([a-z_]+)"/g)].map((m) => m[1]),
  ...[...C['ticket/ticket_store.c'].matchAll(/\baction = ([^;]+);/g)].flatMap((m) => [...m[1].matchAll(/"([a-z_]+)"/g)].map((x) => x[1])),
])
const timeline = uniq([
  ...[...C['ticket/ticket.c'].matchAll(/\[TE_\w+\] = \{?"([a-z_]+)"/g)].map((m) => m[1]),
  ...[...C['ticket/ticket_store.c'].matchAll(/\baction = ([^;]+);/g)].flatMap((m) => [...m[1].matchAll(/"([a-z_]+)"/g)].map((x) => x[1])),
  ...callLiterals(all, 'ticket_event_add').map((l) => l[0]),
  // the shared work services write the events every module's timeline has (attach, detach)
  ...[...all.matchAll(/\bwork_event_(?:add|keep_state)\([^;]*?"([a-z_]+)"/g)].map((m) => m[1]),
  // the action is the first literal of write_event and the first after the time in hist_event
  ...callLiterals(C['ticket/ticket_store.c'], 'write_event').map((l) => l[0]),
  ...[...C['ticket/ticket_store.c'].matchAll(/\bhist_event\(tx, h, \*id, [^,]+,\s*(?:[^,"]*\?\s*)?"([a-z_]+)"(?:\s*:\s*"([a-z_]+)")?/g)].flatMap((m) => [m[1], m[2]]),
])
const reasons = uniq([...callLiterals(C['auth/auth.c'], 'record_failure'), ...callLiterals(C['auth/auth.c'], 'audit_login')].flatMap((l) => l))
const fields = uniq([
  ...all.match(/audit_change_[a-z]+\(&?\w+, "([a-z_]+)"/g).map((s) => s.match(/"([a-z_]+)"/)[1]),
  // the audited fields of the field tables (F_AUDIT): the member's name, or the key FIELDK_INIT gives
  ...[...all.matchAll(/\b[A-Z]+_\((\w+), FT_[A-Z]+,[^}]*?F_AUDIT/g)].map((m) => m[1]),
  ...[...all.matchAll(/FIELDK_INIT\(struct \w+, \w+, "(\w+)", FT_[A-Z]+,[^}]*?F_AUDIT/g)].map((m) => m[1]),
])

describe('codes read from the server', () => {
  it('found enough of each to be a real check', () => {
    expect(perms.length).toBeGreaterThanOrEqual(20)
    expect(objects).toContain('ticket')
    expect(actions).toContain('extension_request')
    expect(timeline).toEqual(expect.arrayContaining(['submit', 'accept', 'rate', 'reply', 'note', 'extension_request', 'extension_approved', 'extension_denied', 'autoclose', 'attach', 'detach']))
    expect(reasons).toContain('bad_password')
    expect(fields).toContain('dept_id')
  })
})

describe('Chinese labels', () => {
  it('for every permission on the roles page', () => {
    expect(perms.filter((p) => !PERMISSIONS.includes(p))).toEqual([])
    expect(perms.filter((p) => !chinese(permLabel(p)))).toEqual([])
    // exactly the server's: a label under a key that names no permission (a misspelt or removed
    // one, or an area with an underscore, which the list cannot read back) fails here
    expect([...PERMISSIONS].sort()).toEqual(perms)
    expect(permLabel('ticket.stats')).toBe('诉求统计与简报')
  })

  it('for every audit action and object type', () => {
    expect(actions.filter((a) => !AUDIT_ACTIONS.includes(a) && !['submit', 'comment', 'extend'].includes(a))).toEqual([])
    expect(AUDIT_ACTIONS.filter((a) => !chinese(auditActionLabel(a)))).toEqual([])
    expect(objects.filter((o) => !AUDIT_OBJECTS.includes(o))).toEqual([])
    expect(objects.filter((o) => !chinese(auditObjectLabel(o)))).toEqual([])
    expect(auditActionLabel('extension_request')).toBe('申请延期')
    expect(auditObjectLabel('ticket_attachment')).toBe('诉求附件')
  })

  it('for every field an audit row records, and coded values', () => {
    expect(fields.filter((f) => !AUDIT_FIELDS.includes(f))).toEqual([])
    expect(fields.filter((f) => !chinese(auditFieldLabel(f)))).toEqual([])
    expect(auditValueLabel('role', 'staff', 'user')).toBe('工作人员')
    expect(auditValueLabel('data_scope', 'zone', 'user')).toBe('全园区')
    expect(auditValueLabel('status', 'in_progress', 'ticket')).toBe('办理中')
    expect(auditValueLabel('status', 'locked', 'user')).toBe('锁定')
    expect(auditValueLabel('kind', 'service_center', 'dept')).toBe('企业服务中心')
    expect(auditValueLabel('name', 'staff', 'dept')).toBe('staff')
  })

  it('for every event of a request’s timeline', () => {
    expect(timeline.filter((a) => !(`ticketEvent.${a}` in flat(zhCN)))).toEqual([])
    expect(actionLabel('extension_request')).toBe('申请延期')
    expect(timeline.filter((a) => !chinese(actionLabel(a)))).toEqual([])
  })

  it('for every login-log reason', () => {
    expect(reasons.filter((r) => !LOGIN_REASONS.includes(r))).toEqual([])
    expect(reasons.filter((r) => !chinese(loginReasonLabel(r)))).toEqual([])
  })

  it('falls back to the code itself for an unknown one', () => {
    expect(auditActionLabel('brand_new')).toBe('brand_new')
    expect(permLabel('x.y')).toBe('x.y')
    expect(auditFieldLabel(null)).toBe('-')
  })
})

function flat(obj, prefix = '', out = {}) {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k
    if (v && typeof v === 'object') flat(v, key, out)
    else out[key] = v
  }
  return out
}
