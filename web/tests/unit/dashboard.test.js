// The home page of each role: which cockpit widgets it gets (registry.js filtered like the menu).
import { describe, it, expect } from 'vitest'
import { WIDGETS } from '../../src/views/dashboard/registry'
import { isAllowed } from '../../src/utils/perm'

const ids = (ctx) => WIDGETS.filter((w) => isAllowed(w, ctx)).map((w) => w.id)
// what GET /api/me lists for staff; the service center's department adds ticket.stats (docs/API.md)
const STAFF = ['enterprise.read', 'enterprise.write', 'dept.read', 'ticket.read', 'ticket.create', 'ticket.triage', 'ticket.handle', 'ticket.rate']

describe('cockpit widgets', () => {
  it('gives the service center its desk and the request figures', () => {
    expect(ids({ perms: [...STAFF, 'ticket.stats'], role: 'staff', deptKind: 'service_center' })).toEqual(['desk-cards', 'ticket-cards'])
  })

  it('gives other departments’ staff no desk', () => {
    expect(ids({ perms: STAFF, role: 'staff', deptKind: 'other' })).not.toContain('desk-cards')
  })

  it('leaves leaders their cockpit without the desk', () => {
    const got = ids({ perms: ['dashboard.read', 'enterprise.read', 'ticket.read', 'ticket.stats', 'ticket.escalate'], role: 'leader', deptKind: '' })
    expect(got).toContain('ticket-cards')
    expect(got).toContain('enterprise-cards')
    expect(got).not.toContain('desk-cards')
  })
})
