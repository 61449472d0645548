// UI state: locale, side menu collapse / mobile drawer, and a key that reloads the page view.
import { defineStore } from 'pinia'
import { setAppLocale, currentLocale } from '../i18n'

export const MOBILE_WIDTH = 768

export const useAppStore = defineStore('app', {
  state: () => ({
    locale: currentLocale(),
    collapsed: false,
    drawerOpen: false,
    width: typeof window !== 'undefined' ? window.innerWidth : 1366,
    viewKey: 0,
  }),
  getters: {
    isMobile: (s) => s.width < MOBILE_WIDTH,
  },
  actions: {
    setLocale(locale) {
      this.locale = setAppLocale(locale)
    },
    setWidth(w) {
      this.width = w
      if (!this.isMobile) this.drawerOpen = false
    },
    toggleMenu() {
      if (this.isMobile) this.drawerOpen = !this.drawerOpen
      else this.collapsed = !this.collapsed
    },
    reloadView() {
      this.viewKey++
    },
  },
})
