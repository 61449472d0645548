// vue-i18n setup: zh-CN by default, English switchable, the choice kept in localStorage.
// The messages are data, one JSON file per module and language with the same keys (a unit test
// checks): zh-CN/ticket.json, en/ticket.json …; a module adds its pair and they are merged here.
//   common      app, common, error, layout and menu (the titles of the route table)
//   account     login, two-step verification, one's account and password
//   dashboard   the cockpit (驾驶舱) and its widgets
//   enterprise  企业库: enterprises, flags, the import, visits
//   system      系统管理: departments, users, roles, audit and login logs, permissions, API tokens
//   ticket      企业诉求: requests, their actions, triage, attachments, notifications, the overdue
//               board, statistics, deadline rules and holidays
//   announce    通知公告 (views/announce/)
//   project     招商引资 and 项目建设 (views/project/); project.unit.style says how amounts are
//               written, wan (万元 / 亿元) or million; the notification words of utils/notify.js
//   economy     经济运行 (views/economy/): 企业直报, 报表审核, 经济指标
//   baobao      包保企业 (views/economy/EconomyBaobao.vue): a leader's enterprises of the month,
//               targets, 调度 (排产), the visit log
// A top-level section belongs to one module only, but for the label registries of the codes the
// server writes (CODE_SECTIONS: permissions, audit actions, object types, fields and values, see
// utils/codes.js), to which each module adds the labels of its own codes; a label defined twice
// is an error all the same.
import { createI18n } from 'vue-i18n'
import { setLocale as setHttpLocale } from '../api/http'

/** The sections every module may add labels to (see above). */
export const CODE_SECTIONS = ['perm', 'auditAction', 'auditObject', 'auditField', 'auditValue']

/** The file of the console's shell, which holds the core codes' labels (users, audit, login log). */
const SHELL = /(^|\/)system\.json$/

/**
 * The modules' message objects merged into one tree; a section defined twice is an error. The
 * shell's file comes first, then the modules by name, so the code lists read from the registries
 * (utils/codes.js) keep the core codes first and a module's after them.
 */
export function mergeModules(modules) {
  const out = {}
  const files = Object.entries(modules).sort(([a], [b]) => SHELL.test(b) - SHELL.test(a) || (a < b ? -1 : a > b ? 1 : 0))
  for (const [file, sections] of files) {
    for (const [key, value] of Object.entries(sections)) {
      if (CODE_SECTIONS.includes(key)) {
        out[key] = out[key] || {}
        for (const [code, label] of Object.entries(value)) {
          if (code in out[key]) throw new Error(`i18n: label ${key}.${code} of ${file} is defined twice`)
          out[key][code] = label
        }
        continue
      }
      if (key in out) throw new Error(`i18n: section ${key} of ${file} is defined twice`)
      out[key] = value
    }
  }
  return out
}

export const messages = {
  'zh-CN': mergeModules(import.meta.glob('./zh-CN/*.json', { eager: true, import: 'default' })),
  en: mergeModules(import.meta.glob('./en/*.json', { eager: true, import: 'default' })),
}

export const LOCALE_KEY = 'yq.locale'
export const LOCALES = [
  { value: 'zh-CN', label: '简体中文' },
  { value: 'en', label: 'English' },
]

function normalize(l) {
  return l === 'en' ? 'en' : 'zh-CN'
}

export function savedLocale() {
  try {
    const v = localStorage.getItem(LOCALE_KEY)
    if (v) return normalize(v)
  } catch {
    /* storage may be unavailable */
  }
  return 'zh-CN'
}

export const i18n = createI18n({
  legacy: false,
  globalInjection: true,
  locale: savedLocale(),
  fallbackLocale: 'zh-CN',
  messages,
  missingWarn: false,
  fallbackWarn: false,
})

setHttpLocale(i18n.global.locale.value)

export function currentLocale() {
  return i18n.global.locale.value
}

/** Switch the UI locale, remember it, and make API calls ask for the same language. */
export function setAppLocale(locale) {
  const l = normalize(locale)
  i18n.global.locale.value = l
  setHttpLocale(l)
  try {
    localStorage.setItem(LOCALE_KEY, l)
  } catch {
    /* ignore */
  }
  if (typeof document !== 'undefined') {
    document.documentElement.lang = l
    document.title = i18n.global.t('app.name')
  }
  return l
}

export const t = (...args) => i18n.global.t(...args)

export default i18n
