// One list page's state: its filters (in the URL query when asked, so "back" from a detail page
// keeps them), sort, page and page size, the rows and total, loading and error, and the export of
// the same filtered list. Every list of the console uses it, paged or not.
import { onMounted, reactive } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { showUnhandled } from '../utils/feedback'

/** The API parameters of filters `f` whose defaults are `defaults` (see usePagedList). */
export function filterParams(f, defaults, range) {
  const p = {}
  for (const [k, def] of Object.entries(defaults)) {
    const v = f[k]
    if (k === range) {
      p.from = v ? v[0] : ''
      p.to = v ? v[1] : ''
    } else if (typeof def === 'string') p[k] = (v || '').trim()
    else if (typeof def === 'boolean') p[k] = v ? 1 : null
    else p[k] = v
  }
  return p
}

/** Filters from URL query `q`, each read as the type of its default (see usePagedList). */
export function filtersFromQuery(q, defaults, range) {
  const f = {}
  for (const [k, def] of Object.entries(defaults)) {
    if (k === range) f[k] = q.from && q.to ? [q.from, q.to] : def
    else if (typeof def === 'boolean') f[k] = q[k] === '1'
    else if (typeof def === 'string') f[k] = q[k] || def
    else f[k] = q[k] ? Number(q[k]) : def
  }
  return f
}

/** The URL query of API parameters `p`: empty values and the keys of `fixed` left out. */
export function queryOf(p, fixed = {}) {
  return Object.fromEntries(
    Object.entries(p)
      .filter(([k, v]) => v !== '' && v != null && !(k in fixed))
      .map(([k, v]) => [k, String(v)]),
  )
}

/**
 * usePagedList(opts) -> a reactive object: filters, sort, page, pageSize, rows, total, loading,
 * error, exporting, and params() (the API parameters of the filters and sort, without the page:
 * also what an export sends), load(), search() (from page 1), reset() (the defaults, page 1),
 * exportWith(fn) (awaits fn(params()) with `exporting` set; a failure is toasted).
 * opts:
 *   fetch(params)   the API call, resolving to {items, total} (total defaults to items.length)
 *   filters         the filters' defaults; the type of each says how it travels: '' text (sent
 *                   trimmed), null a number (an id), false a check box (sent as 1 when ticked)
 *   range           the filter holding a [from, to] date pair, sent as from and to
 *   params(p, f)    adjusts the parameters built from filters f (optional)
 *   fixed           parameters always sent, never put in the URL
 *   sort            the default sort ('' for none); pageSize the default page size (20)
 *   query           keep filters, sort, page and page size in the URL query
 *   immediate       load when mounted (default true)
 * Only the answer to the latest load is shown when loads overlap.
 */
export function usePagedList(opts) {
  const route = opts.query ? useRoute() : null
  const router = opts.query ? useRouter() : null
  const defaults = opts.filters || {}
  const defaultSize = opts.pageSize || 20
  const fixed = opts.fixed || {}
  let seq = 0

  const list = reactive({
    filters: { ...defaults },
    sort: opts.sort || '',
    page: 1,
    pageSize: defaultSize,
    rows: [],
    total: 0,
    totalCapped: false, // the list holds more than total (a search counts up to 1,000)
    loading: false,
    error: null,
    exporting: false,
    params,
    load,
    search,
    reset,
    exportWith,
  })

  function params() {
    let p = { ...filterParams(list.filters, defaults, opts.range), sort: list.sort }
    if (opts.params) p = opts.params(p, list.filters)
    return { ...p, ...fixed }
  }

  async function load() {
    const mine = ++seq
    list.loading = true
    list.error = null
    const p = { ...params(), page: list.page, page_size: list.pageSize }
    if (router) router.replace({ query: queryOf(p, fixed) })
    try {
      const res = (await opts.fetch(p)) || {}
      if (mine !== seq) return
      list.rows = res.items || []
      list.total = res.total ?? list.rows.length
      list.totalCapped = !!res.total_capped
    } catch (e) {
      if (mine !== seq) return
      list.error = e
      list.rows = []
      list.total = 0
      list.totalCapped = false
    } finally {
      if (mine === seq) list.loading = false
    }
  }

  function search() {
    list.page = 1
    return load()
  }

  function reset() {
    Object.assign(list.filters, defaults)
    list.sort = opts.sort || ''
    return search()
  }

  async function exportWith(fn) {
    list.exporting = true
    try {
      await fn(params())
    } catch (e) {
      showUnhandled(e)
    } finally {
      list.exporting = false
    }
  }

  if (opts.immediate !== false) {
    onMounted(() => {
      if (route) {
        const q = route.query
        Object.assign(list.filters, filtersFromQuery(q, defaults, opts.range))
        list.sort = q.sort || opts.sort || ''
        list.page = Number(q.page) || 1
        list.pageSize = Number(q.page_size) || defaultSize
      }
      load()
    })
  }
  return list
}

/** "共 1,000+ 条" for a list whose total is capped, else "共 41 条" (t: vue-i18n's t). */
export function totalLabel(t, list) {
  return list.totalCapped
    ? t('common.totalCapped', { n: Number(list.total).toLocaleString('en-US') })
    : t('common.totalN', { n: list.total })
}
