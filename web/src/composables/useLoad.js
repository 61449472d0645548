// One read a page shows whole (a project's investment, the 龙虎榜 of a week, a meeting …): the
// answer, the loading flag and the load error, which the page shows inline. Lists use
// usePagedList instead.
import { ref } from 'vue'

/**
 * useLoad(fetch, {initial, keep}) -> {data, loading, error, load} (refs and a function).
 * load() awaits fetch() and puts its answer in data; a failure goes to error and, unless `keep`,
 * puts data back to `initial` (null by default). Only the answer to the latest load is kept
 * when loads overlap (a week or a year picked quickly).
 */
export function useLoad(fetch, { initial = null, keep = false } = {}) {
  const data = ref(initial)
  const loading = ref(false)
  const error = ref(null)
  let seq = 0

  async function load() {
    const mine = ++seq
    loading.value = true
    error.value = null
    try {
      const res = await fetch()
      if (mine === seq) data.value = res
    } catch (e) {
      if (mine !== seq) return
      error.value = e
      if (!keep) data.value = initial
    } finally {
      if (mine === seq) loading.value = false
    }
  }
  return { data, loading, error, load }
}
