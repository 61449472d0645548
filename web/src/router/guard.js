// The navigation guard, kept apart from the router so it can be unit-tested with a fake store.
import { isAllowed } from '../utils/perm'

/**
 * Decide a navigation: returns true to allow it, or a location to go to instead.
 * auth is the auth store (or anything with loaded, isLoggedIn, user, ctx, fetchMe()).
 */
export async function authGuard(to, auth) {
  if (!auth.loaded) await auth.fetchMe()
  const meta = to.meta || {}

  if (meta.public) {
    if (to.name === 'login' && auth.isLoggedIn && !to.query?.reason) return { path: '/' }
    return true
  }
  if (!auth.isLoggedIn) {
    const query = to.fullPath && to.fullPath !== '/' ? { redirect: to.fullPath } : {}
    return { name: 'login', query }
  }
  if (auth.user.must_change_password) {
    return to.name === 'password-change' ? true : { name: 'password-change' }
  }
  if (to.name === 'password-change') return { path: '/' }
  // a role that must use TOTP: nothing but the account page until it is set up
  if (auth.totpEnrolRequired && to.name !== 'account') return { name: 'account' }

  // An enterprise user's home is its own enterprise.
  if (to.name === 'home' && auth.user.role === 'enterprise') return { name: 'my-enterprise' }

  if (!isAllowed(meta, auth.ctx)) {
    return { name: 'forbidden', query: { from: to.fullPath } }
  }
  return true
}
