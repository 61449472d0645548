// What the zone's users (UserPage.vue) and the province and city users (RegionUsers.vue) share:
// the form rules of every account (username, name, a new user's password, e-mail) and locking or
// unlocking an account, and the user whose password is being reset.
import { ref } from 'vue'
import { userApi } from '../../api'
import { passwordOk } from '../../utils/password'
import { confirmAndRun } from '../../utils/feedback'

/** The el-form rules of an account's own fields; `editing`: the form is on an existing user. */
export const accountRules = (t, form, editing) => ({
  username: editing ? [] : [{ required: true, message: () => t('user.usernameRequired'), trigger: 'blur' }],
  display_name: [{ required: true, message: () => t('user.displayNameRequired'), trigger: 'blur' }],
  password: editing ? [] : [{ validator: (_r, v, cb) => (passwordOk(v, form.username) ? cb() : cb(new Error(t('password.policyFailed')))), trigger: 'blur' }],
  email: [{ type: 'email', message: () => t('user.emailInvalid'), trigger: 'blur' }],
})

/** Locks an active account, unlocks any other (locked, disabled or dormant), once confirmed; then done(). */
export async function toggleLock(t, row, done) {
  const locking = row.status === 'active'
  const msg = t(locking ? 'user.lockConfirm' : 'user.unlockConfirm', { name: row.username })
  if (await confirmAndRun(msg, () => (locking ? userApi.lock(row.id) : userApi.unlock(row.id)))) done()
}

/**
 * useAccountActions(t, list) -> {lock, resetUser, openReset}: lock(row) locks or unlocks, then
 * reloads the list; openReset(row) opens 重置密码 (ResetPasswordDialog v-model:user="resetUser").
 */
export function useAccountActions(t, list) {
  const resetUser = ref(null)
  return { lock: (row) => toggleLock(t, row, () => list.load()), resetUser, openReset: (row) => (resetUser.value = row) }
}
