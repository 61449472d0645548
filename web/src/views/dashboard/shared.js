// Data shared between the cockpit's widgets: one request per key per dashboard visit.
import { inject, provide, ref } from 'vue'
import { enterpriseApi } from '../../api'

const KEY = Symbol('dashboard-cache')

export function provideDashboardCache() {
  provide(KEY, new Map())
}

/** {data, loading, error, reload} for a loader shared under `key`. */
export function useDashboardData(key, loader) {
  const cache = inject(KEY, null) || new Map()
  const data = ref(null)
  const loading = ref(true)
  const error = ref(null)
  async function load(force = false) {
    loading.value = true
    error.value = null
    if (force || !cache.has(key)) cache.set(key, loader())
    try {
      data.value = await cache.get(key)
    } catch (e) {
      cache.delete(key)
      error.value = e
    } finally {
      loading.value = false
    }
  }
  load()
  return { data, loading, error, reload: () => load(true) }
}

export const useEnterpriseStats = () => useDashboardData('enterprise-stats', () => enterpriseApi.stats())
