// i18n completeness: zh-CN and en have the same keys, module by module, no empty string, and
// every key the code uses exists; the merged messages are the ones recorded before the split
// into modules (fixtures/i18n-before.json) plus the keys added since.
import { describe, it, expect } from 'vitest'
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { messages, mergeModules } from '../../src/i18n'
import BEFORE from './fixtures/i18n-before.json'
import { MENU, LEAVES } from './app-menu'
import { FLAGS, ENT_TYPES } from '../../src/utils/format'
import { NOTIFY_KINDS, NOTIFY_ITEMS } from '../../src/utils/notify'
import { STATUSES, CHANNELS, PRIORITIES, RATINGS, ESCALATION_LEVELS, CATEGORIES, categoryKey } from '../../src/utils/ticket'

function flatten(obj, prefix = '') {
  const out = {}
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k
    if (v && typeof v === 'object') Object.assign(out, flatten(v, key))
    else out[key] = v
  }
  return out
}
const zh = flatten(messages['zh-CN'])
const enFlat = flatten(messages.en)
const MODULES = {
  'zh-CN': import.meta.glob('../../src/i18n/zh-CN/*.json', { eager: true, import: 'default' }),
  en: import.meta.glob('../../src/i18n/en/*.json', { eager: true, import: 'default' }),
}
const moduleName = (path) => path.split('/').pop()
// keys added after the split (every other key must keep its recorded text): these, and those of
// the module files made since (a new module's own sections and the labels of its codes)
const ADDED = ['menu.apiDocs', 'apiDocs.intro', 'apiDocs.download', 'notify.kind.published',
  // the request fields the audit log records since requests run on their field table
  'auditField.answer', 'auditField.due_resolve', 'auditField.merged_into', 'auditField.priority', 'auditField.rating', 'auditField.reject_reason',
  // a search's total counted up to its cap (issue 16)
  'common.totalCapped',
  // a project problem handed back to its department (issue 12)
  'notify.kind.reopened',
  // an import's warnings (the economy's statistics sheet, issue 13)
  'import.warnings', 'import.warning',
  // the reminders of monthly figures (issue 13)
  'notify.kind.econ_due', 'notify.kind.econ_late', 'notify.kind.econ_remind',
  // a policy application approved or paid (惠企政策, issue 14)
  'notify.kind.approved', 'notify.kind.paid',
  // the bank role of 银企对接 and its notifications (issue 14)
  'roles.bank', 'notify.kind.pushed', 'notify.kind.reviewing', 'notify.kind.declined', 'notify.kind.disbursed',
  // a part-load's and a vehicle registration's news for the enterprise (工业物流, issue 14)
  ...['matched', 'confirmed', 'delivered', 'failed', 'approve', 'reject'].map((k) => `notify.kind.${k}`),
  // a carrier's own account of 工业物流 (承运方)
  'roles.carrier',
  // the events of a demand for space (issue 14)
  'notify.kind.created', 'notify.kind.applied', 'notify.kind.offered', 'notify.kind.withdrawn',
  // a job demand posted, hires recorded against it (issue 14, 用工)
  'notify.kind.posted', 'notify.kind.hired', 'notify.kind.generated']
const RECORDED_FILES = ['account.json', 'common.json', 'dashboard.json', 'enterprise.json', 'system.json', 'ticket.json']
const NEW_KEYS = Object.entries(MODULES['zh-CN'])
  .filter(([path]) => !RECORDED_FILES.includes(moduleName(path)))
  .flatMap(([, mod]) => Object.keys(flatten(mod)))

const SRC = join(dirname(fileURLToPath(import.meta.url)), '../../src')
function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) return name === '__tests__' || name === 'i18n' ? [] : sourceFiles(p)
    return /\.(vue|js)$/.test(name) ? [p] : []
  })
}

describe('i18n modules', () => {
  it('has the same module files in both languages, with the same keys', () => {
    const zhFiles = Object.keys(MODULES['zh-CN']).map(moduleName)
    expect(Object.keys(MODULES.en).map(moduleName)).toEqual(zhFiles)
    expect(zhFiles.length).toBeGreaterThanOrEqual(6)
    for (const [path, mod] of Object.entries(MODULES['zh-CN'])) {
      const other = MODULES.en[path.replace('/zh-CN/', '/en/')]
      expect(Object.keys(flatten(other)), moduleName(path)).toEqual(Object.keys(flatten(mod)))
    }
  })

  it('keeps every recorded key with its recorded text, in both languages', () => {
    for (const [lang, flat] of [['zh-CN', zh], ['en', enFlat]]) {
      const before = BEFORE[lang]
      expect(Object.keys(before).length).toBeGreaterThan(700)
      const now = Object.fromEntries(Object.entries(flat).filter(([k]) => k in before))
      expect(now, lang).toEqual(before)
      expect(Object.keys(flat).filter((k) => !(k in before) && !NEW_KEYS.includes(k)).sort(), lang).toEqual([...ADDED].sort())
      expect(NEW_KEYS.filter((k) => k in before), 'a new module redefines a recorded key').toEqual([])
    }
  })

  it('refuses a section that two modules define', () => {
    expect(() => mergeModules({ 'a.js': { menu: {} }, 'b.js': { menu: {} } })).toThrow(/menu of b\.js/)
    expect(mergeModules({ 'a.js': { x: { y: 'z' } }, 'b.js': { w: {} } })).toEqual({ x: { y: 'z' }, w: {} })
    // the code-label registries take labels from every module, each label once
    expect(mergeModules({ 'a.js': { perm: { a_read: 'A' } }, 'b.js': { perm: { b_read: 'B' } } })).toEqual({ perm: { a_read: 'A', b_read: 'B' } })
    expect(() => mergeModules({ 'a.js': { perm: { a_read: 'A' } }, 'b.js': { perm: { a_read: 'B' } } })).toThrow(/perm\.a_read of b\.js/)
  })
})

describe('i18n', () => {
  it('has every zh-CN key in en', () => {
    const missing = Object.keys(zh).filter((k) => !(k in enFlat))
    expect(missing).toEqual([])
  })

  it('has no en key that zh-CN lacks', () => {
    const extra = Object.keys(enFlat).filter((k) => !(k in zh))
    expect(extra).toEqual([])
  })

  it('has no empty message', () => {
    for (const [k, v] of [...Object.entries(zh), ...Object.entries(enFlat)]) {
      expect(typeof v, k).toBe('string')
      expect(v.trim().length, k).toBeGreaterThan(0)
    }
  })

  it('uses the same {placeholders} in both languages', () => {
    const ph = (s) => (s.match(/\{\w+\}/g) || []).sort().join(',')
    for (const k of Object.keys(zh)) expect(ph(enFlat[k]), k).toBe(ph(zh[k]))
  })

  it('defines every literal key used in the source', () => {
    const used = new Set()
    for (const f of sourceFiles(SRC)) {
      const text = readFileSync(f, 'utf8')
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) if (!m[1].endsWith('.') && !m[1].endsWith('_')) used.add(m[1])
      for (const m of text.matchAll(/\b(?:title|group|label|def): '([a-zA-Z]+\.[a-zA-Z0-9_.]+)'/g)) used.add(m[1])
    }
    expect(used.size).toBeGreaterThan(100)
    const missing = [...used].filter((k) => !(k in zh))
    expect(missing).toEqual([])
  })

  it('defines the keys built at run time', () => {
    const dynamic = [
      ...FLAGS.map((f) => `flags.${f}`),
      ...FLAGS.map((f) => `flagsShort.${f}`),
      ...ENT_TYPES.map((e) => `entType.${e}`),
      ...['length', 'classes', 'username'].map((r) => `password.rule.${r}`),
      ...['length', 'charset', 'checksum'].map((p) => `enterprise.uscc_${p}`),
      ...['active', 'locked', 'disabled'].map((s) => `userStatus.${s}`),
      ...['survey', 'service', 'potential'].map((s) => `visitKind.${s}`),
      ...['leadership', 'service_center', 'investment', 'economic', 'project', 'other'].map((s) => `deptKind.${s}`),
      // 企业诉求
      ...STATUSES.map((s) => `ticketStatus.${s}`),
      ...CATEGORIES.map((c) => `ticketCategory.${categoryKey(c)}`),
      ...CHANNELS.map((c) => `ticketChannel.${c}`),
      ...PRIORITIES.map((p) => `ticketPriority.${p}`),
      ...RATINGS.map((r) => `ticketRating.${r}`),
      ...ESCALATION_LEVELS.map((l) => `ticketEscalation.${l}`),
      ...['submit', 'accept', 'reject', 'merge', 'start', 'wait', 'supply', 'return', 'resolve', 'rate', 'autoclose', 'comment', 'extend', 'escalate'].map(
        (e) => `ticketEvent.${e}`,
      ),
      ...['triage', 'decideExtension', 'start', 'wait', 'return', 'extension', 'resolve', 'supply', 'rate', 'escalate', 'comment'].flatMap((a) => [
        `ticketAction.${a}`,
        ...(a === 'triage' ? [] : [`ticketForm.done.${a}`]),
      ]),
      ...['accept', 'reject', 'merge'].flatMap((x) => [`triage.submit.${x}`, `triage.done.${x}`]),
      ...['overdue', 'soon', 'paused'].map((d) => `ticket.due.${d}`),
      ...['mine', 'all', 'intake', 'todo', 'escalated', 'extensions'].map((m) => `ticket.empty.${m}`),
      ...['overdue', 'soon'].map((b) => `overdue.empty.${b}`),
      ...NOTIFY_KINDS.map((k) => `notify.kind.${k}`),
      ...NOTIFY_ITEMS.filter((it) => it.labels).flatMap((it) => it.events.map((k) => `${it.labels}.${k}`)),
      ...['intake', 'triage', 'overdue', 'soon'].map((k) => `dashboard.deskSub.${k}`),
      ...['dept', 'category', 'channel'].map((g) => `stats.group.${g}`),
      ...['week', 'month'].map((u) => `stats.unit.${u}`),
      ...['received', 'accepted', 'resolved', 'resolveRate', 'resolveRateAccepted', 'onTime', 'onTimeRate', 'rated', 'satisfied', 'satisfactionRate', 'unrated', 'overdueNow', 'avgDays', 'p90Days'].flatMap(
        (k) => [`stats.${k}`, `stats.def.${k}`],
      ),
      ...['first_contact_hours', 'interim_days', 'resolve_days'].map((f) => `rules.${f}`),
      ...['holiday', 'workday'].flatMap((k) => [`holiday.kinds.${k}`, `holiday.short.${k}`]),
      ...MENU.map((m) => m.title),
      ...LEAVES.map((m) => m.title),
    ]
    expect(dynamic.filter((k) => !(k in zh))).toEqual([])
  })

  it('says what the brief requires in Chinese', () => {
    expect(zh['login.sessionExpired']).toBe('会话已过期，请重新登录')
    expect(zh['login.locked']).toBe('账号已锁定，请 {n} 分钟后再试')
    expect(zh['error.forbiddenTitle']).toBe('无权访问')
    expect(zh['stats.resolveRate']).toBe('解决率')
    expect(zh['stats.resolveRateAccepted']).toBe('受理后解决率')
    expect(zh['stats.onTimeRate']).toBe('按时办结率')
    expect(zh['stats.satisfactionRate']).toBe('满意率')
    expect(zh['ticketStatus.closed']).toBe('已销号')
    expect(zh['ticket.internalNote']).toBe('内部备注')
    expect(zh['common.export']).toBe('导出')
    expect(['满意', '基本满意', '不满意']).toEqual(RATINGS.map((r) => zh[`ticketRating.${r}`]))
  })
})
