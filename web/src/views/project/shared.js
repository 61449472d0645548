// What the project pages share: the departments (the bureaus of the filters and forms, the
// departments that solve problems), loaded once per visit and kept; the words of the amounts in
// the UI language; and the year picker's years.
import { computed, ref } from 'vue'
import { deptApi } from '../../api'
import { useAuthStore } from '../../stores/auth'
import { fmtAmount, projectAmount } from './rules'

const depts = ref([])
let loading = null
let loadedZone = null

/**
 * useDepts() -> {depts, bureaus, deptName(id), load()}: every department of the zone, and the
 * investment bureaus (kind investment) and the project office (kind project) that own projects;
 * loaded once per zone (a province user may switch). A failed load (no dept.read) leaves the
 * lists empty.
 */
export function useDepts() {
  const auth = useAuthStore()
  function load(force = false) {
    const zone = auth.zone ? auth.zone.id : null
    if (force || zone !== loadedZone || (!loading && !depts.value.length)) {
      loadedZone = zone
      loading = deptApi
        .list()
        .then((res) => (depts.value = (res && res.items) || []))
        .catch(() => (depts.value = []))
        .finally(() => (loading = null))
    }
    return loading || Promise.resolve(depts.value)
  }
  const bureaus = computed(() => depts.value.filter((d) => d.kind === 'investment' || d.kind === 'project'))
  const deptName = (id) => (depts.value.find((d) => d.id === id) || {}).name || ''
  load()
  return { depts, bureaus, deptName, load }
}

/** The words of amounts in the UI language (t: vue-i18n's t). */
export const amountUnits = (t) => ({
  style: t('project.unit.style'),
  wan: t('project.unit.wan'),
  yi: t('project.unit.yi'),
  wanUsd: t('project.unit.wanUsd'),
  yiUsd: t('project.unit.yiUsd'),
  million: t('project.unit.million'),
  millionUsd: t('project.unit.millionUsd'),
})

/** amount(v, currency) and projAmount(p) bound to the UI language. */
export function useAmount(t) {
  return {
    amount: (v, currency = 'CNY') => fmtAmount(v, currency, amountUnits(t)),
    projAmount: (p) => projectAmount(p, amountUnits(t)),
  }
}

/** The years a year picker offers: from five years back to next year, newest first. */
export function yearOptions(today) {
  const y = Number(String(today).slice(0, 4))
  return Array.from({ length: 7 }, (_, i) => y + 1 - i)
}
