// Pure helpers: USCC check character, password policy, department tree.
import { describe, it, expect } from 'vitest'
import { usccCheckChar, usccProblem, isValidUscc } from '../../src/utils/uscc'
import { passwordChecks, passwordOk } from '../../src/utils/password'
import { buildTree, subtreeIds } from '../../src/utils/tree'

describe('USCC (GB 32100-2015)', () => {
  it('accepts valid codes', () => {
    expect(isValidUscc('91350100M000100Y43')).toBe(true)
    expect(isValidUscc('911100001000000000'.slice(0, 17) + usccCheckChar('91110000100000000'))).toBe(true)
    expect(isValidUscc(' 91350100m000100y43 ')).toBe(true)
  })
  it('names the problem with a bad code', () => {
    expect(usccProblem('91350100M000100Y44')).toBe('checksum')
    expect(usccProblem('91350100M000100Y4')).toBe('length')
    expect(usccProblem('91350100M000100YI3')).toBe('charset')
    expect(usccProblem('')).toBe('length')
  })
})

describe('password policy', () => {
  it('needs 12 characters, three classes, and not the user name inside', () => {
    expect(passwordOk('Root-Passw0rd!', 'admin')).toBe(true)
    expect(passwordOk('Admin-Passw0rd!', 'admin')).toBe(false)
    expect(passwordOk('x-ZHANG.san-2026', 'zhang.san')).toBe(false)
    expect(passwordOk('Short1!a', 'x')).toBe(false)
    expect(passwordOk('alllowercase12', 'x')).toBe(false)
    expect(passwordOk('lowerUPPERcase', 'x')).toBe(false)
    expect(passwordOk('lowerUPPER1234', 'x')).toBe(true)
    expect(passwordOk('Zhang.San.2026', 'zhang.san.2026')).toBe(false)
    expect(passwordChecks('', 'a').map((c) => c.ok)).toEqual([false, false, false])
  })
})

describe('department tree', () => {
  const flat = [
    { id: 3, parent_id: 1, name: '招商一分局', sort: 2 },
    { id: 1, parent_id: null, name: '管委会', sort: 0 },
    { id: 2, parent_id: 1, name: '企业服务中心', sort: 1 },
    { id: 4, parent_id: 3, name: '一科', sort: 0 },
    { id: 5, parent_id: 99, name: '孤儿', sort: 5 },
  ]
  it('nests children under parents in order', () => {
    const tree = buildTree(flat)
    expect(tree.map((n) => n.name)).toEqual(['管委会', '孤儿'])
    expect(tree[0].children.map((n) => n.name)).toEqual(['企业服务中心', '招商一分局'])
    expect(tree[0].children[1].children[0].name).toBe('一科')
    expect(tree[0].children[0].children).toBeUndefined()
  })
  it('finds a subtree', () => {
    expect([...subtreeIds(flat, 3)].sort()).toEqual([3, 4])
    expect([...subtreeIds(flat, 1)].sort()).toEqual([1, 2, 3, 4])
  })
})
