// The API token form's binding rules (src/utils/token.js), which mirror the server's
// (POST /api/tokens), and who may record a 包保 visit (src/utils/perm.js).
import { describe, it, expect } from 'vitest'
import { tokenBody, tokenLastDay, tokenNeedsDept, tokenNeedsEnterprise, tokenScopes, tokenState } from '../../src/utils/token'
import { mayRecordVisit } from '../../src/utils/perm'

describe('API token binding', () => {
  it('offers the scopes a user of the role may have, the default first', () => {
    expect(tokenScopes('enterprise')).toEqual(['enterprise'])
    expect(tokenScopes('staff')).toEqual(['dept', 'zone'])
    expect(tokenScopes('dept_head')).toEqual(['dept', 'zone'])
    expect(tokenScopes('leader')).toEqual(['zone', 'dept'])
    expect(tokenScopes('admin')).toEqual(['zone', 'dept'])
  })

  it('asks for a department or an enterprise as the role needs', () => {
    expect(tokenNeedsDept('staff', 'zone')).toBe(true)
    expect(tokenNeedsDept('dept_head', 'dept')).toBe(true)
    expect(tokenNeedsDept('leader', 'zone')).toBe(false)
    expect(tokenNeedsDept('leader', 'dept')).toBe(true)
    expect(tokenNeedsDept('enterprise', 'enterprise')).toBe(false)
    expect(tokenNeedsEnterprise('enterprise')).toBe(true)
    expect(tokenNeedsEnterprise('staff')).toBe(false)
  })

  it('sends the binding of the role only', () => {
    expect(tokenBody({ name: ' 12345热线 ', role: 'staff', data_scope: 'zone', dept_id: 2, enterprise_id: 9, expires_at: '' }))
      .toEqual({ name: '12345热线', role: 'staff', data_scope: 'zone', dept_id: 2 })
    expect(tokenBody({ name: '企业自助', role: 'enterprise', data_scope: 'zone', dept_id: 2, enterprise_id: 9, expires_at: '2027-01-01' }))
      .toEqual({ name: '企业自助', role: 'enterprise', data_scope: 'enterprise', enterprise_id: 9, expires_at: '2027-01-01' })
    expect(tokenBody({ name: '驾驶舱', role: 'leader', data_scope: '', dept_id: null, enterprise_id: null }))
      .toEqual({ name: '驾驶舱', role: 'leader', data_scope: 'zone' })
  })

  it('tells active, revoked and expired tokens apart, and the last day one works', () => {
    const now = Date.parse('2026-12-03T00:00:00Z')
    expect(tokenState({ revoked_at: null, expires_at: null }, now)).toBe('active')
    expect(tokenState({ revoked_at: '2026-12-01T00:00:00Z', expires_at: null }, now)).toBe('revoked')
    expect(tokenState({ revoked_at: null, expires_at: '2026-12-02T00:00:00Z' }, now)).toBe('expired')
    expect(tokenLastDay('2100-01-01T00:00:00Z')).toBe('2099-12-31')
    expect(tokenLastDay(null)).toBe('')
  })
})

describe('who records a visit', () => {
  const ent = { leader_user_id: 7, liaison_user_id: 8 }
  it('those who edit the enterprise, and its 包保 leader and liaison', () => {
    expect(mayRecordVisit(['enterprise.visit', 'enterprise.write'], 1, ent)).toBe(true)
    expect(mayRecordVisit(['enterprise.visit'], 7, ent)).toBe(true)
    expect(mayRecordVisit(['enterprise.visit'], 8, ent)).toBe(true)
    expect(mayRecordVisit(['enterprise.visit'], 9, ent)).toBe(false)
    expect(mayRecordVisit(['enterprise.read'], 7, ent)).toBe(false)
    expect(mayRecordVisit(['enterprise.visit'], 7, null)).toBe(false)
  })
})
