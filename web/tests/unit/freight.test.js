// 工业物流 rules of the console (src/views/freight/rules.js): the plate rule as the server's, the
// cities on the way typed as text, the bodies and checks of the forms, the moves a load offers
// the enterprise and the service center, the room left on an offer and a load's saving.
import { describe, expect, it } from 'vitest'
import { checkLoad, checkReg, loadActions, loadBody, offerBody, plateOk, roomLeft, routeLine, saving, viaList } from '../../src/views/freight/rules'

describe('plates', () => {
  it('take Chinese plates, new-energy 8 characters and trailers', () => {
    for (const p of ['苏F12345', '苏FA8K29', '京AD12345', '沪AFA1234', '粤B12345D', '沪A1234挂']) expect(plateOk(p), p).toBe(true)
  })
  it('refuse the rest', () => {
    for (const p of ['', '苏f12345', '苏F1234', '苏F123456', '苏FI2345', '苏FD1234X', '港A12345', 'AF12345', '苏F12345DD', null, 12345]) expect(plateOk(p), String(p)).toBe(false)
  })
})

describe('the cities on the way', () => {
  it('are split on commas, spaces and 、, in order, without empties', () => {
    expect(viaList('南通，无锡 常州、苏州;;')).toEqual(['南通', '无锡', '常州', '苏州'])
    expect(viaList('')).toEqual([])
    expect(viaList([' 南通 ', '', null])).toEqual(['南通'])
  })
  it('make the route line', () => {
    expect(routeLine({ origin: '海门', via: ['南通', '无锡'], destination: '常州' })).toBe('海门 → 南通 → 无锡 → 常州')
    expect(routeLine({ origin: '海门', via: [], destination: '常州' })).toBe('海门 → 常州')
  })
})

describe('the forms', () => {
  const load = { goods: '电子元器件', weight_t: 2, volume_m3: 8, origin: '海门', destination: '常州', date_from: '2026-12-06', date_to: '2026-12-08', price: 1200 }
  it('a good load has no error, and its body leaves empties out', () => {
    expect(checkLoad(load)).toEqual({})
    expect(loadBody({ ...load, goods: ' 电子元器件 ', goods_value: null, enterprise_id: null, notes: '' })).toEqual(load)
  })
  it('a load names what is wrong', () => {
    expect(checkLoad({ ...load, weight_t: 0 })).toEqual({ weight_t: 'freight.check.positive' })
    expect(checkLoad({ ...load, goods: '  ' })).toEqual({ goods: 'freight.check.required' })
    expect(checkLoad({ ...load, date_to: '2026-12-05' })).toEqual({ date_to: 'freight.check.window' })
    expect(checkLoad({ ...load, destination: '海门市' })).toEqual({ destination: 'freight.check.sameCity' })
    expect(checkLoad({ ...load, price: null })).toEqual({ price: 'freight.check.required' })
  })
  it('an offer sends its via list', () => {
    expect(offerBody({ truck_id: 3, origin: '海门', via: '南通 无锡', destination: '常州', date_from: '2026-12-06', date_to: '2026-12-07', spare_t: 5, spare_m3: 20, full_price: 3000, notes: '' })).toEqual({
      truck_id: 3, origin: '海门', via: ['南通', '无锡'], destination: '常州', date_from: '2026-12-06', date_to: '2026-12-07', spare_t: 5, spare_m3: 20, full_price: 3000,
    })
  })
  it('a registration needs a plate, driver, phone, route and date', () => {
    expect(checkReg({ plate: '苏FD52011', driver: '陈', phone: '139', route: '海门—常州', date: '2026-12-06' })).toEqual({})
    expect(Object.keys(checkReg({ plate: '苏F1', driver: '', phone: '', route: '', date: '' })).sort()).toEqual(['date', 'driver', 'phone', 'plate', 'route'])
  })
})

describe('the moves of a load', () => {
  it('for the enterprise', () => {
    expect(loadActions({ status: 'open' }, 'shipper')).toEqual(['matches', 'withdraw'])
    expect(loadActions({ status: 'matched', shipper_ok: false }, 'shipper')).toEqual(['confirm', 'decline', 'withdraw'])
    expect(loadActions({ status: 'matched', shipper_ok: true }, 'shipper')).toEqual(['decline', 'withdraw'])
    expect(loadActions({ status: 'confirmed' }, 'shipper')).toEqual([])
    for (const s of ['delivered', 'failed', 'withdrawn']) expect(loadActions({ status: s }, 'shipper')).toEqual([])
  })
  it('for the service center', () => {
    expect(loadActions({ status: 'open' }, 'desk')).toEqual(['matches', 'withdraw'])
    expect(loadActions({ status: 'matched', carrier_ok: false, shipper_ok: true }, 'desk')).toEqual(['confirm', 'decline'])
    expect(loadActions({ status: 'matched', carrier_ok: true }, 'desk')).toEqual(['decline'])
    expect(loadActions({ status: 'confirmed' }, 'desk')).toEqual(['delivered', 'failed', 'cancel'])
    expect(loadActions(null, 'desk')).toEqual([])
  })
  it('for the carrier\'s own account: its answer to a load matched to its truck, nothing else', () => {
    expect(loadActions({ status: 'matched', carrier_ok: false, shipper_ok: true }, 'carrier')).toEqual(['confirm', 'decline'])
    expect(loadActions({ status: 'matched', carrier_ok: true }, 'carrier')).toEqual(['decline'])
    for (const s of ['open', 'confirmed', 'delivered', 'failed', 'withdrawn']) expect(loadActions({ status: s }, 'carrier')).toEqual([])
    expect(loadActions(null, 'carrier')).toEqual([])
  })
})

describe('room and savings', () => {
  it('the room left never goes below 0', () => {
    expect(roomLeft({ spare_t: 5, used_t: 2, spare_m3: 20, used_m3: 8 })).toEqual({ t: 3, m3: 12 })
    expect(roomLeft({ spare_t: 5, used_t: 6, spare_m3: 20, used_m3: 0 })).toEqual({ t: 0, m3: 20 })
  })
  it('a load saves the full-truck price less its price', () => {
    expect(saving({ full_price: 3000, price: 1200 })).toBe(1800)
    expect(saving({ full_price: 1000, price: 1200 })).toBe(0)
    expect(saving({ full_price: null, price: 1200 })).toBe(null)
  })
})
