// 省/市级用户 on the user page (views/system/regionUsers.js): who manages them, the regions as a
// province → city → county cascader, and the bodies sent to /api/users.
import { describe, expect, it } from 'vitest'
import { isPlatformAdmin, regionForm, regionLabel, regionPath, regionTree, regionUserBody, zoneRoles } from '../../src/views/system/regionUsers'

// GET /api/regions: by code, each with its parent
const REGIONS = [
  { code: '220000', name: '吉林省', parent: '', level: 'province' },
  { code: '220100', name: '长春市', parent: '220000', level: 'city' },
  { code: '220106', name: '绿园区', parent: '220100', level: 'county' },
  { code: '220171', name: '长春经济技术开发区', parent: '220100', level: 'county' },
  { code: '320000', name: '江苏省', parent: '', level: 'province' },
  { code: '320600', name: '南通市', parent: '320000', level: 'city' },
]

describe('region users', () => {
  it('are managed by a platform administrator only: an admin whose data scope is every zone', () => {
    expect(isPlatformAdmin({ role: 'admin', data_scope: 'all' })).toBe(true)
    expect(isPlatformAdmin({ role: 'admin', data_scope: 'zone' })).toBe(false)
    expect(isPlatformAdmin({ role: 'province', data_scope: 'all' })).toBe(false)
    expect(isPlatformAdmin(null)).toBe(false)
  })

  it('choose the region from a province → city → county tree', () => {
    const tree = regionTree(REGIONS)
    expect(tree.map((n) => n.label)).toEqual(['吉林省', '江苏省'])
    expect(tree[0].children.map((n) => n.value)).toEqual(['220100'])
    expect(tree[0].children[0].children.map((n) => n.label)).toEqual(['绿园区', '长春经济技术开发区'])
    expect(tree[0].children[0].children[0].children).toBeUndefined() // a county is a leaf
    expect(tree[1].children[0]).toEqual({ value: '320600', label: '南通市' })
    // a city user's list: its region and the ones above it
    expect(regionTree(REGIONS.slice(1, 3)).map((n) => n.value)).toEqual(['220100'])
    expect(regionTree(null)).toEqual([])
    expect(regionPath(REGIONS, '220171')).toEqual(['220000', '220100', '220171'])
    expect(regionPath(REGIONS, '999999')).toEqual([])
  })

  it('send a new user as role province with its region and contact switch, an edit without name, role or password', () => {
    const f = { ...regionForm(null), username: ' changchun-viewer ', display_name: '长春市商务局 ', region_code: '220100', password: 'Pw-123456789a' }
    expect(regionUserBody(f, false)).toEqual({
      username: 'changchun-viewer', role: 'province', password: 'Pw-123456789a',
      display_name: '长春市商务局', region_code: '220100', contact_access: false, phone: '', email: '',
    })
    const row = { id: 7, username: 'jl', display_name: '吉林省商务厅', region_code: '220000', region_name: '吉林省', contact_access: true, phone: '0431-1', email: '' }
    const edit = regionForm(row)
    expect(edit).toMatchObject({ username: 'jl', region_code: '220000', contact_access: true, password: '' })
    edit.region_code = '220100'
    expect(regionUserBody(edit, true)).toEqual({ display_name: '吉林省商务厅', region_code: '220100', contact_access: true, phone: '0431-1', email: '' })
  })

  it('show a region by name and code, none as every zone; and a zone user is never given the province role', () => {
    expect(regionLabel({ region_code: '220100', region_name: '长春市' }, '全部园区')).toBe('长春市（220100）')
    expect(regionLabel({ region_code: '' }, '全部园区')).toBe('全部园区')
    expect(zoneRoles([{ name: 'admin' }, { name: 'province' }, { name: 'staff' }]).map((r) => r.name)).toEqual(['admin', 'staff'])
  })
})
