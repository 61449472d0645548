// vue-i18n setup: zh-CN by default, English switchable, the choice kept in localStorage.
import { createI18n } from 'vue-i18n'
import zhCN from './zh-CN'
import en from './en'
import { setLocale as setHttpLocale } from '../api/http'

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
  messages: { 'zh-CN': zhCN, en },
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
