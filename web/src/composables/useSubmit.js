// Submitting a form or a dialog: the busy flag, the API's field errors shown under the form item
// they name ({"error":{"code","message","field"}} -> el-form-item :error), the success message.
import { reactive, ref, watch } from 'vue'
import { showUnhandled, toastOk } from '../utils/feedback'

/** Field errors {field: message} for el-form-item :error. */
export function useFieldErrors() {
  const errors = reactive({})
  function clear() {
    for (const k of Object.keys(errors)) delete errors[k]
  }
  /** Put an error's field message on its field; true when the error named a field. */
  function apply(err) {
    clear()
    if (err && err.field) {
      errors[err.field] = err.message
      return true
    }
    return false
  }
  return { errors, clear, apply }
}

/**
 * useSubmit(formRef?) -> {busy, errors, clear, submit}. formRef is the el-form's ref, when the
 * form has rules to check first.
 * submit(action, {success, check}) clears the field errors, validates the form (an invalid one
 * stops there: the form shows why), then check() (optional; {field: message} for errors found
 * by hand, which stop too), sets busy while action() runs, then toasts `success` (a string, or a
 * function of action's result; no toast without it) and resolves true. An error naming a field
 * goes under that field; any other is toasted (unless already shown); resolves false.
 */
export function useSubmit(formRef) {
  const busy = ref(false)
  const { errors, clear, apply } = useFieldErrors()

  async function submit(action, { success, check } = {}) {
    clear()
    if (formRef && formRef.value) {
      try {
        await formRef.value.validate()
      } catch {
        return false
      }
    }
    const found = check ? check() : null
    if (found && Object.keys(found).length) {
      Object.assign(errors, found)
      return false
    }
    busy.value = true
    try {
      const res = await action()
      const msg = typeof success === 'function' ? success(res) : success
      if (msg) toastOk(msg)
      return true
    } catch (e) {
      if (!apply(e)) showUnhandled(e)
      return false
    } finally {
      busy.value = false
    }
  }

  return { busy, errors, clear, submit }
}

/**
 * useDialogForm(open, init, done) -> {form, busy, errors, clear, submit}: a dialog's form
 * (useSubmit without rules), filled again with init() and cleared of its errors each time `open`
 * (the dialog's v-model) turns true. Its submit(action, opts) is useSubmit's, and once action has
 * succeeded it closes the dialog and calls done(action's answer) (the dialog's emit).
 */
export function useDialogForm(open, init, done) {
  const form = reactive({})
  const sub = useSubmit()
  watch(open, (v) => {
    if (!v) return
    sub.clear()
    Object.assign(form, init())
  })
  const submit = (action, opts) =>
    sub.submit(async () => {
      const res = await action()
      open.value = false
      if (done) done(res)
      return res
    }, opts)
  return { form, ...sub, submit }
}
