// The console's rules of an announcement (pure, unit-tested in web/tests/unit/announce.test.js):
// the body a form sends, what may be done to it, and how its audience reads.

export const CATEGORIES = ['policy', 'notice', 'event']
export const AUDIENCES = ['all', 'flag', 'industry', 'building']
export const STATUSES = ['draft', 'published', 'withdrawn']
/** el-tag types of the statuses and categories. */
export const STATUS_TYPE = { draft: 'info', published: 'success', withdrawn: 'warning' }
export const CATEGORY_TYPE = { policy: 'danger', notice: 'primary', event: 'success' }

/** A blank form. */
export const blankForm = () => ({ title: '', category: 'notice', body: '', audience: 'all', audience_flags: [], audience_industry: '', audience_building: '' })

/** The form of an announcement read from the API. */
export function formOf(a) {
  const f = blankForm()
  for (const k of Object.keys(f)) if (a && a[k] != null) f[k] = Array.isArray(a[k]) ? [...a[k]] : a[k]
  return f
}

/** The body the form sends: text trimmed, and only the criterion its audience uses. */
export function announceBody(f) {
  const b = { title: (f.title || '').trim(), category: f.category, body: f.body || '', audience: f.audience || 'all' }
  b.audience_flags = b.audience === 'flag' ? [...(f.audience_flags || [])] : []
  b.audience_industry = b.audience === 'industry' ? (f.audience_industry || '').trim() : ''
  b.audience_building = b.audience === 'building' ? (f.audience_building || '').trim() : ''
  return b
}

/** Field errors found before sending ({field: i18n key}), the server's rules restated. */
export function checkForm(f) {
  const e = {}
  if (f.audience === 'flag' && !(f.audience_flags || []).length) e.audience_flags = 'announce.flagsRequired'
  if (f.audience === 'industry' && !(f.audience_industry || '').trim()) e.audience_industry = 'announce.industryRequired'
  if (f.audience === 'building' && !(f.audience_building || '').trim()) e.audience_building = 'announce.buildingRequired'
  return e
}

/** What the caller may do to announcement a, with announce.write or not. */
export function allowed(a, canWrite) {
  const s = a ? a.status : 'draft'
  return {
    edit: !!canWrite && s === 'draft',
    publish: !!canWrite && !!a && s === 'draft',
    withdraw: !!canWrite && s === 'published',
    receipts: !!a && s !== 'draft',
  }
}

/**
 * The audience as a line of text: t is the i18n function, labels maps flag names to their
 * labels. "全部企业", "按企业资质：高新技术企业、规上企业", "按行业：36", "按所在楼宇：A栋".
 */
export function audienceText(a, t, flagLabel = (x) => x) {
  const kind = (a && a.audience) || 'all'
  const head = t('announce.audiences.' + kind)
  if (kind === 'flag') return `${head}：${(a.audience_flags || []).map(flagLabel).join('、')}`
  if (kind === 'industry') return `${head}：${a.audience_industry}`
  if (kind === 'building') return `${head}：${a.audience_building}`
  return head
}

/** "3 / 12" and the share read, for a published announcement. */
export function readShare(a) {
  const n = (a && a.audience_size) || 0
  const r = (a && a.read_count) || 0
  return { text: `${r} / ${n}`, percent: n ? Math.round((r * 100) / n) : 0 }
}

/** An excerpt of a body for a card: its first `n` characters on one line. */
export function excerpt(body, n = 60) {
  const s = String(body || '').replace(/\s+/g, ' ').trim()
  return [...s].length > n ? [...s].slice(0, n).join('') + '…' : s
}
