// 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character set, the last one a check
// character computed from the first 17 with fixed weights.

const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

/** The check character for the first 17 characters, or null if one is not in the set. */
export function usccCheckChar(first17) {
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const v = CHARS.indexOf(first17[i])
    if (v < 0) return null
    sum += v * WEIGHTS[i]
  }
  const c = (31 - (sum % 31)) % 31
  return CHARS[c]
}

/** '' when code is valid, else 'length', 'charset' or 'checksum'. */
export function usccProblem(code) {
  const s = String(code || '').trim().toUpperCase()
  if (s.length !== 18) return 'length'
  for (const ch of s) if (!CHARS.includes(ch)) return 'charset'
  return usccCheckChar(s.slice(0, 17)) === s[17] ? '' : 'checksum'
}

export function isValidUscc(code) {
  return usccProblem(code) === ''
}
