// A tab of a project's records (跟进记录, 每日检查): the list, newest first as the server gives it,
// and the form that adds one in a dialog. RecordTab.vue draws both; the page gives the columns,
// the form's items and what is particular to its records.
import { reactive, ref } from 'vue'
import { usePagedList } from '../../composables/usePagedList'
import { useSubmit } from '../../composables/useSubmit'

/**
 * useRecords(opts) -> a reactive object: list (usePagedList: rows, loading, error, load), adding
 * (the dialog is open), form, rules, errors, busy, setForm (the el-form's ref), openAdd(), save().
 * opts:
 *   fetch()        the list ({items})
 *   blank(list)    the form of a new record (each time the dialog opens; list: the records shown)
 *   rules          the el-form's rules (optional)
 *   check(form)    errors found by hand before sending, {field: message} (optional)
 *   add(form)      sends the record; the list is loaded again after it
 *   success()      the toast once added
 *   changed()      after a record is added (optional)
 */
export function useRecords(opts) {
  const list = usePagedList({ fetch: () => opts.fetch() })
  const form = reactive(opts.blank(list))
  const formRef = ref()
  const { busy, errors, clear, submit } = useSubmit(formRef)
  const adding = ref(false)

  function openAdd() {
    clear()
    Object.assign(form, opts.blank(list))
    adding.value = true
  }
  const save = () =>
    submit(
      async () => {
        await opts.add(form)
        adding.value = false
        list.load()
        if (opts.changed) opts.changed()
      },
      { success: opts.success, check: opts.check && (() => opts.check(form)) },
    )

  return reactive({ list, adding, form, rules: opts.rules || {}, errors, busy, setForm: (el) => (formRef.value = el), openAdd, save })
}
