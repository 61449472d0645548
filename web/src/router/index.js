// The router: history mode at '/', with the guard from guard.js.
import { createRouter, createWebHistory } from 'vue-router'
import { routes } from './routes'
import { authGuard } from './guard'
import { useAuthStore } from '../stores/auth'
import { i18n } from '../i18n'

export function createAppRouter(history = createWebHistory('/')) {
  const router = createRouter({
    history,
    routes,
    scrollBehavior: () => ({ top: 0 }),
  })
  router.beforeEach((to) => authGuard(to, useAuthStore()))
  router.afterEach((to) => {
    const title = to.meta && to.meta.title ? i18n.global.t(to.meta.title) : ''
    const app = i18n.global.t('app.name')
    if (typeof document !== 'undefined') document.title = title ? `${title} - ${app}` : app
  })
  return router
}
