// 载体 page rules (src/views/space/rules.js): the vacancy rate as a percentage and its colour, a
// unit's size line, the bodies sent for a unit and a lease, the lease form's checks, days left.
import { describe, it, expect } from 'vitest'
import { pct, rateColor, sizeLine, unitBody, leaseBody, checkLease, daysLeft, HAND_STATUSES, STATUSES } from '../../src/views/space/rules'

const t = (k, p) => (k === 'space.roomsOf' ? `${p.n}室` : k)

describe('space rules', () => {
  it('shows a fraction as a percentage with one decimal', () => {
    expect(pct(0)).toBe('0.0%')
    expect(pct(0.2345)).toBe('23.5%')
    expect(pct(1)).toBe('100.0%')
    expect(pct(1 / 3)).toBe('33.3%')
    expect(pct(null)).toBe('-')
    expect(pct(undefined)).toBe('-')
    expect(pct('x')).toBe('-')
  })
  it('colours the vacancy rate by its level', () => {
    expect(rateColor(0.1)).toBe('#67c23a')
    expect(rateColor(0.2)).toBe('#e6a23c')
    expect(rateColor(0.45)).toBe('#f56c6c')
    expect(rateColor(null)).toBe('#909399')
  })
  it('writes a factory unit with load and power, a flat with its rooms', () => {
    expect(sizeLine({ area: 1600, floor_load: 30, power_kva: 630, building_type: 'factory' }, t)).toBe('1,600㎡ · 30kN/㎡ · 630kVA')
    expect(sizeLine({ area: 1600, floor_load: null, power_kva: null, building_type: 'factory' }, t)).toBe('1,600㎡')
    expect(sizeLine({ area: 65, rooms: 2, building_type: 'apartment' }, t)).toBe('65㎡ · 2室')
  })
  it('sends only the members the building type has, and no empty numbers', () => {
    const form = { building_id: 3, floor: 2, number: '201', area: 800, floor_load: 8, power_kva: 400, rooms: 2, rent: null, status: 'vacant', notes: '' }
    expect(unitBody(form, 'factory')).toEqual({ building_id: 3, floor: 2, number: '201', area: 800, floor_load: 8, power_kva: 400, status: 'vacant' })
    expect(unitBody(form, 'apartment')).toEqual({ building_id: 3, floor: 2, number: '201', area: 800, rooms: 2, status: 'vacant' })
    expect(unitBody({ ...form, floor_load: '', power_kva: undefined, rent: 0 }, 'office')).toEqual({ building_id: 3, floor: 2, number: '201', area: 800, rent: 0, status: 'vacant' })
  })
  it('sends a lease to an enterprise or to a person, never both', () => {
    const base = { unit_id: 7, start_date: '2026-01-01', end_date: '2028-12-31', enterprise_id: 5, tenant_name: ' 张三 ', rent: null, notes: '' }
    expect(leaseBody({ ...base, kind: 'enterprise' })).toEqual({ unit_id: 7, start_date: '2026-01-01', end_date: '2028-12-31', enterprise_id: 5 })
    expect(leaseBody({ ...base, kind: 'person', rent: 1200 })).toEqual({ unit_id: 7, start_date: '2026-01-01', end_date: '2028-12-31', tenant_name: '张三', rent: 1200 })
  })
  it('checks the lease form before sending it', () => {
    const ok = { kind: 'enterprise', enterprise_id: 5, start_date: '2026-01-01', end_date: '2026-12-31' }
    expect(checkLease(ok)).toEqual({})
    expect(checkLease({ ...ok, end_date: '2026-01-01' })).toEqual({ end_date: 'space.check.endAfterStart' })
    expect(checkLease({ ...ok, end_date: '' })).toEqual({ end_date: 'space.check.required' })
    expect(checkLease({ ...ok, enterprise_id: null })).toEqual({ enterprise_id: 'space.check.tenant' })
    expect(checkLease({ ...ok, kind: 'person', tenant_name: '  ' })).toEqual({ enterprise_id: 'space.check.tenant' })
    expect(checkLease({ ...ok, kind: 'person', tenant_name: '李四' })).toEqual({})
  })
  it('counts the days left of a lease', () => {
    expect(daysLeft('2026-12-26', '2026-12-06')).toBe(20)
    expect(daysLeft('2026-12-06', '2026-12-06')).toBe(0)
    expect(daysLeft('2026-03-01', '2026-02-28')).toBe(1)
    expect(daysLeft('2026-12-01', '2026-12-06')).toBe(-5)
    expect(daysLeft('', '2026-12-06')).toBe(null)
  })
  it('gives by hand every status but 已租', () => {
    expect(HAND_STATUSES).toEqual(STATUSES.filter((s) => s !== 'leased'))
    expect(HAND_STATUSES).not.toContain('leased')
  })
})
