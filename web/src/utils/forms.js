// Field errors from the API, shown next to the field with el-form-item :error.
import { reactive } from 'vue'

export function useFieldErrors() {
  const errors = reactive({})
  function clear() {
    for (const k of Object.keys(errors)) delete errors[k]
  }
  /** Put an ApiError's field message on its field; true when the error named a field. */
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
