// Session state: the signed-in user, permissions, CSRF token and zones (GET /api/me).
import { defineStore } from 'pinia'
import { authApi, deptApi } from '../api'
import { setCsrfToken } from '../api/http'
import { hasPerm } from '../utils/perm'

export const useAuthStore = defineStore('auth', {
  state: () => ({
    user: null,
    permissions: [],
    zone: null,
    zones: [],
    // the kind of the user's department (service_center, investment, ...): '' without one,
    // null when unknown; it tells the 企业服务中心 desk from other departments with ticket.triage
    deptKind: null,
    // the role requires TOTP and the account has none: only the account page works
    totpEnrolRequired: false,
    totpEnabled: false,
    loaded: false,
  }),
  getters: {
    isLoggedIn: (s) => !!s.user,
    role: (s) => (s.user ? s.user.role : ''),
    isEnterpriseUser: (s) => !!s.user && s.user.role === 'enterprise',
    mustChangePassword: (s) => !!s.user && !!s.user.must_change_password,
    canSwitchZone: (s) => Array.isArray(s.zones) && s.zones.length > 1,
    ctx: (s) => ({ perms: s.permissions, role: s.user ? s.user.role : '', deptKind: s.deptKind }),
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
      this.totpEnrolRequired = !!(me.totp && me.totp.enrol_required)
      this.totpEnabled = !!(me.totp && me.totp.enabled)
    },
    /** Load the session; a 401 simply means nobody is signed in. */
    async fetchMe() {
      try {
        const me = await authApi.me({ noAuthRedirect: true })
        this.applyMe(me)
        await this.loadDeptKind()
      } catch (e) {
        if (e.status === 401 || e.status === 0 || e.status >= 500) this.clear()
        else throw e
      } finally {
        this.loaded = true
      }
      return this.user
    },
    /** Learn the department kind of staff who may triage (one GET /api/depts); quiet on failure. */
    async loadDeptKind() {
      const u = this.user
      this.deptKind = null
      if (!u || u.role === 'admin' || u.role === 'enterprise' || !hasPerm(this.permissions, 'ticket.triage')) return
      if (!u.dept_id) {
        this.deptKind = ''
        return
      }
      if (!hasPerm(this.permissions, 'dept.read')) return
      try {
        const res = await deptApi.list()
        const d = ((res && res.items) || []).find((x) => x.id === u.dept_id)
        this.deptKind = d ? d.kind || '' : null
      } catch {
        this.deptKind = null
      }
    },
    async login(username, password, totp) {
      const res = await authApi.login(username, password, totp)
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
      this.deptKind = null
      this.totpEnrolRequired = false
      this.totpEnabled = false
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
