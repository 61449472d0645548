// Entry point: Vue app, pinia, router, i18n, and the API client's global error handlers.
import { createApp } from 'vue'
import { createPinia } from 'pinia'
import 'element-plus/theme-chalk/base.css'
import './styles.css'
import App from './App.vue'
import { i18n, setAppLocale, currentLocale } from './i18n'
import { createAppRouter } from './router'
import { configureHttp } from './api/http'
import { useAuthStore } from './stores/auth'
import { toastError } from './utils/feedback'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia)
app.use(i18n)
const router = createAppRouter()
app.use(router)
setAppLocale(currentLocale())

let redirecting = false
configureHttp({
  // 401 on any call: the session is gone; back to the login page with a message.
  onUnauthorized(err) {
    const auth = useAuthStore()
    const hadSession = auth.isLoggedIn
    auth.clear()
    if (redirecting) return
    const current = router.currentRoute.value
    if (current.name === 'login') return
    redirecting = true
    const query = { redirect: current.fullPath }
    if (hadSession || err.code === 'session_expired') query.reason = 'expired'
    router.push({ name: 'login', query }).finally(() => {
      redirecting = false
    })
  },
  // 403 password_change_required: the first login must change the password.
  onPasswordChange() {
    const auth = useAuthStore()
    if (auth.user) auth.user.must_change_password = true
    if (router.currentRoute.value.name !== 'password-change') router.push({ name: 'password-change' })
  },
  // 403 totp_enrol_required: the role must use TOTP; the account page enrols.
  onTotpEnrol() {
    const auth = useAuthStore()
    auth.totpEnrolRequired = true
    if (router.currentRoute.value.name !== 'account') router.push({ name: 'account' })
  },
  onError(err) {
    toastError(err)
  },
})

app.mount('#app')
