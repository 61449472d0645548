// Session state: the signed-in user, permissions, CSRF token and zones (GET /api/me).
import { defineStore } from 'pinia'
import { authApi } from '../api'
import { setCsrfToken } from '../api/http'
import { hasPerm } from '../utils/perm'

export const useAuthStore = defineStore('auth', {
  state: () => ({
    user: null,
    permissions: [],
    zone: null,
    zones: [],
    loaded: false,
  }),
  getters: {
    isLoggedIn: (s) => !!s.user,
    role: (s) => (s.user ? s.user.role : ''),
    isEnterpriseUser: (s) => !!s.user && s.user.role === 'enterprise',
    mustChangePassword: (s) => !!s.user && !!s.user.must_change_password,
    canSwitchZone: (s) => Array.isArray(s.zones) && s.zones.length > 1,
    ctx: (s) => ({ perms: s.permissions, role: s.user ? s.user.role : '' }),
  },
  actions: {
    can(need) {
      return hasPerm(this.permissions, need)
    },
    applyMe(me) {
      this.user = me.user || null
      this.permissions = me.permissions || []
      this.zone = me.zone || null
      this.zones = me.zones || []
      if (me.csrf_token) setCsrfToken(me.csrf_token)
    },
    /** Load the session; a 401 simply means nobody is signed in. */
    async fetchMe() {
      try {
        const me = await authApi.me({ noAuthRedirect: true })
        this.applyMe(me)
      } catch (e) {
        if (e.status === 401 || e.status === 0 || e.status >= 500) this.clear()
        else throw e
      } finally {
        this.loaded = true
      }
      return this.user
    },
    async login(username, password) {
      const res = await authApi.login(username, password)
      setCsrfToken(res.csrf_token)
      this.user = res.user
      this.loaded = true
      await this.fetchMe()
      return this.user
    },
    async logout() {
      try {
        await authApi.logout()
      } catch {
        /* the session is gone either way */
      }
      this.clear()
    },
    clear() {
      this.user = null
      this.permissions = []
      this.zone = null
      this.zones = []
      setCsrfToken('')
    },
    async changePassword(oldPassword, newPassword) {
      await authApi.changePassword(oldPassword, newPassword)
      await this.fetchMe()
      if (this.user) this.user.must_change_password = false
    },
    async switchZone(zoneId) {
      await authApi.switchZone(zoneId)
      await this.fetchMe()
    },
  },
})
