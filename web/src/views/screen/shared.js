// What the leaders' screen gives its panels: the refresh signal (a counter the page raises every
// REFRESH_MS and on 刷新), the look (dark in the 大屏 mode), and the links a figure may open.
import { computed, inject, provide, ref, watch } from 'vue'
import { useRouter } from 'vue-router'
import { useLoad } from '../../composables/useLoad'
import { useAuthStore } from '../../stores/auth'
import { allowedLink } from './rules'

const KEY = Symbol('screen')

/**
 * The page's state shared with its panels: {tick, dark, fill, chartHeight} (refs: dark in the 大屏
 * mode; fill when the panels share a window large enough, where a chart fills what its panel
 * leaves, else a chart is 220px high); call in the page's setup.
 */
export function provideScreen(dark, fill) {
  const state = { tick: ref(0), dark, fill, chartHeight: computed(() => (fill.value ? '100%' : '220px')) }
  provide(KEY, state)
  return state
}

/** The page's state in a panel (a stand-alone one gets its own). */
export function useScreen() {
  return inject(KEY, null) || { tick: ref(0), dark: ref(false), fill: ref(false), chartHeight: ref('220px') }
}

/**
 * A panel's read: useLoad's {data, loading, error, load}, loaded now and again at each refresh of
 * the page; a refresh that fails keeps the figures shown (the error shows beside them).
 */
export function useScreenData(fetch) {
  const { tick } = useScreen()
  const r = useLoad(fetch, { keep: true })
  r.load()
  watch(tick, () => r.load())
  return r
}

/** link(to): the route location when the user may open that list (the guard's rule), else null. */
export function useLink() {
  const router = useRouter()
  const auth = useAuthStore()
  return (to) => allowedLink(to, (x) => router.resolve(x), auth.ctx)
}
