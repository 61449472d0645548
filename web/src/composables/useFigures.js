// The figures of a staff page (工业物流, 载体, 用工, 惠企政策) shown in cards, for those who may read
// them: FactorPage.vue shows `figures`.
import { computed, reactive } from 'vue'
import { useLoad } from './useLoad'

/**
 * useFigures(fetch, allowed, toCards) -> {summary, loadSummary, figures}. summary is the answer
 * (a ref, kept on a failed reload); loadSummary() loads it when allowed (a ref) is true, and does
 * nothing otherwise; figures is {cards, loading, error, load}, cards being toCards(summary) (none
 * before the first answer).
 */
export function useFigures(fetch, allowed, toCards) {
  const { data, loading, error, load } = useLoad(fetch, { keep: true })
  const loadSummary = () => (allowed.value ? load() : undefined)
  const cards = computed(() => (data.value ? toCards(data.value) : []))
  return { summary: data, loadSummary, figures: reactive({ cards, loading, error, load: loadSummary }) }
}
