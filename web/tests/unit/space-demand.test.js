import { describe, it, expect } from 'vitest'
import { areaRange, buildingRate, centroid, checkDemand, demandActions, demandBody, heatBuildings, outlineOf, planExtent, planPoint, planSvg } from '../../src/views/space/rules'

describe('space demands', () => {
  it('offers each side only what the transition table allows', () => {
    expect(demandActions({ status: 'open' }, 'staff')).toEqual(['offer', 'close'])
    expect(demandActions({ status: 'offered' }, 'staff')).toEqual(['close'])
    expect(demandActions({ status: 'open' }, 'enterprise')).toEqual(['withdraw'])
    expect(demandActions({ status: 'offered' }, 'enterprise')).toEqual(['accept', 'decline', 'withdraw'])
    for (const s of ['leased', 'withdrawn', 'closed']) {
      expect(demandActions({ status: s }, 'staff')).toEqual([])
      expect(demandActions({ status: s }, 'enterprise')).toEqual([])
    }
  })
  it('sends the members given, and no floor load or power for a flat', () => {
    const f = { type: 'factory', area_min: 1000, area_max: '', floor_load: 8, power_kva: null, wanted_from: '2027-01-01', term_months: 24, notes: '' }
    expect(demandBody(f)).toEqual({ type: 'factory', area_min: 1000, floor_load: 8, wanted_from: '2027-01-01', term_months: 24 })
    expect(demandBody({ ...f, type: 'apartment', power_kva: 50 })).toEqual({ type: 'apartment', area_min: 1000, wanted_from: '2027-01-01', term_months: 24 })
  })
  it('checks the form as the server does', () => {
    expect(checkDemand({ type: 'factory', area_min: 1000, area_max: 1500, wanted_from: '2027-01-01' })).toEqual({})
    expect(checkDemand({ type: 'factory', area_min: 1000, area_max: 0, wanted_from: '2027-01-01' })).toEqual({})
    expect(checkDemand({ type: 'factory', area_min: 1000, area_max: 900, wanted_from: '2027-01-01' })).toEqual({ area_max: 'space.check.maxBelowMin' })
    expect(Object.keys(checkDemand({ type: '', area_min: 0, wanted_from: '' })).sort()).toEqual(['area_min', 'type', 'wanted_from'])
  })
  it('says the area asked', () => {
    expect(areaRange({ area_min: 1000, area_max: 1500 })).toBe('1,000–1,500㎡')
    expect(areaRange({ area_min: 1000, area_max: 0 })).toBe('≥ 1,000㎡')
    expect(areaRange({ area_min: 80, area_max: 80 })).toBe('80㎡')
  })
})

describe('space plan', () => {
  it('reads outlines as text or lists, and drops what is not a point', () => {
    expect(outlineOf({ plan: '[[1,2],[3,4],[5,6]]' })).toEqual([[1, 2], [3, 4], [5, 6]])
    expect(outlineOf({ plan: [[1, 2], ['x', 4], [5, 6]] })).toEqual([[1, 2], [5, 6]])
    expect(outlineOf({ plan: 'nonsense' })).toEqual([])
    expect(outlineOf({})).toEqual([])
  })
  it('maps the outlined buildings with their vacancy rate', () => {
    const h = heatBuildings([
      { id: 1, name: 'A', units: 4, vacant: 1, plan: '[[0,0],[10,0],[10,10]]' },
      { id: 2, name: 'B', units: 0, vacant: 0, plan: '[[0,0],[10,0],[10,10]]' },
      { id: 3, name: 'C', units: 2, vacant: 2, plan: '[]' },
    ])
    expect(h.map((b) => [b.id, b.rate])).toEqual([[1, 0.25], [2, null]])
    expect(buildingRate({ units: 5, vacant: 5 })).toBe(1)
  })
  it('sizes the sheet from the plan, or from the outlines with a margin', () => {
    expect(planExtent({ width: 1000, height: 800 }, [])).toEqual({ width: 1000, height: 800 })
    expect(planExtent(null, [{ points: [[0, 0], [500, 300], [200, 100]] }])).toEqual({ width: 550, height: 330 })
    expect(planExtent(null, [])).toEqual({ width: 110, height: 110 })
  })
  it('draws on the SVG plan itself, a picture in an SVG of its size, or a blank sheet', () => {
    const svg = '<svg viewBox="0 0 10 10"></svg>'
    expect(planSvg({ content_type: 'image/svg+xml' }, '', svg, { width: 10, height: 10 })).toBe(svg)
    const png = planSvg({ content_type: 'image/png' }, 'data:image/png;base64,AAA=', '', { width: 30, height: 20 })
    expect(png).toContain('viewBox="0 0 30 20"')
    expect(png).toContain('<image x="0" y="0" width="30" height="20" href="data:image/png;base64,AAA="/>')
    const blank = planSvg(null, '', '', { width: 50, height: 40 })
    expect(blank).not.toContain('<image')
    expect(blank).toContain('width="50"')
  })
  it('keeps a clicked point inside the plan, rounded', () => {
    expect(planPoint([12.345, 7.01], { width: 100, height: 100 })).toEqual([12.3, 7])
    expect(planPoint([-5, 120], { width: 100, height: 100 })).toEqual([0, 100])
    expect(centroid([[0, 0], [10, 0], [10, 10], [0, 10]])).toEqual([5, 5])
  })
})
