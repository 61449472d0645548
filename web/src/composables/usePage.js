// What a page's script starts with: vue-i18n's t, the route and the router, the session (auth
// store) and the app's state (app store: the phone layout, the zone).
import { useI18n } from 'vue-i18n'
import { useRoute, useRouter } from 'vue-router'
import { useAuthStore } from '../stores/auth'
import { useAppStore } from '../stores/app'

/** usePage() -> {t, route, router, auth, app}; call it in setup, like the functions it calls. */
export function usePage() {
  const { t } = useI18n()
  return { t, route: useRoute(), router: useRouter(), auth: useAuthStore(), app: useAppStore() }
}
