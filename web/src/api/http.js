// Fetch wrapper for the Yuanqu JSON API (docs/API.md).
//
// - same-origin relative URLs (/api/...), the session cookie travels by itself;
// - X-CSRF-Token on every state-changing request (POST/PUT/PATCH/DELETE);
// - Accept-Language follows the chosen UI locale;
// - errors {"error":{"code","message","field"}} become an ApiError;
// - 401 -> onUnauthorized, 403 password_change_required -> onPasswordChange,
//   anything else -> onError (a toast) unless the caller handles it.
// The handlers are injected by main.js so this module stays free of UI code and is unit-testable.

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

const state = {
  csrfToken: '',
  locale: 'zh-CN',
  handlers: {
    onUnauthorized: null, // (err) => void
    onPasswordChange: null, // (err) => void
    onTotpEnrol: null, // (err) => void: the role requires TOTP, the account has none yet
    onError: null, // (err) => void, shows err.message
  },
}

/** Error thrown for every non-2xx answer and for network failures. */
export class ApiError extends Error {
  constructor(status, body = {}, fallbackMessage = '') {
    const e = (body && body.error) || {}
    super(e.message || fallbackMessage || `HTTP ${status}`)
    this.name = 'ApiError'
    this.status = status
    this.code = e.code || (status === 0 ? 'network' : 'http_' + status)
    this.field = e.field || null
    this.retryAfter = e.retry_after != null ? Number(e.retry_after) : null
    this.errorId = e.error_id || null
    this.body = body
    // handled is set when a global handler (redirect, toast) already told the user
    this.handled = false
  }

  /** Field errors as {field: message}, for el-form-item :error. */
  get fieldErrors() {
    return this.field ? { [this.field]: this.message } : {}
  }
}

export function setCsrfToken(token) {
  state.csrfToken = token || ''
}

export function getCsrfToken() {
  return state.csrfToken
}

export function setLocale(locale) {
  state.locale = locale || 'zh-CN'
}

export function getLocale() {
  return state.locale
}

/** Install the global handlers (see the header comment). */
export function configureHttp(handlers) {
  Object.assign(state.handlers, handlers)
}

/** Build "path?k=v&..." leaving out empty values (undefined, null, '', false). */
export function buildUrl(url, params) {
  if (!params) return url
  const qs = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '' || v === false) continue
    if (Array.isArray(v)) {
      for (const item of v) qs.append(k, item)
    } else {
      qs.append(k, v === true ? '1' : String(v))
    }
  }
  const s = qs.toString()
  if (!s) return url
  return url + (url.includes('?') ? '&' : '?') + s
}

function acceptLanguage() {
  return state.locale === 'en' ? 'en' : 'zh-CN,zh;q=0.9'
}

/**
 * request(method, url, opts) -> parsed JSON (or null for 204, or {blob, filename} when raw).
 * opts: params (query), body (JSON), form (FormData), raw (binary download),
 *       silent (no toast), fieldErrors (no toast when the error names a field: the form shows it),
 *       noAuthRedirect (a 401 is returned to the caller, e.g. the first GET /api/me).
 */
export async function request(method, url, opts = {}) {
  method = method.toUpperCase()
  const headers = { Accept: opts.raw ? '*/*' : 'application/json', 'Accept-Language': acceptLanguage() }
  if (MUTATING.has(method) && state.csrfToken) headers['X-CSRF-Token'] = state.csrfToken
  let body
  if (opts.form) {
    body = opts.form // the browser sets the multipart boundary
  } else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(opts.body)
  }

  let res
  try {
    res = await fetch(buildUrl(url, opts.params), { method, headers, body, credentials: 'same-origin' })
  } catch (cause) {
    const err = new ApiError(0, {}, opts.networkMessage || 'network error')
    err.cause = cause
    report(err, opts)
    throw err
  }

  if (res.ok) {
    if (res.status === 204) return null
    if (opts.raw) {
      const blob = await res.blob()
      return { blob, filename: filenameFrom(res.headers.get('Content-Disposition')), type: res.headers.get('Content-Type') }
    }
    const text = await res.text()
    if (!text) return null
    try {
      return JSON.parse(text)
    } catch {
      return text
    }
  }

  let parsed = {}
  try {
    const text = await res.text()
    parsed = text ? JSON.parse(text) : {}
  } catch {
    parsed = {}
  }
  const err = new ApiError(res.status, parsed, res.statusText)
  report(err, opts)
  throw err
}

// Route an error to the right global handler.
function report(err, opts) {
  const h = state.handlers
  if (err.status === 401 && !opts.noAuthRedirect) {
    if (h.onUnauthorized) {
      h.onUnauthorized(err)
      err.handled = true
    }
    return
  }
  if (err.status === 403 && err.code === 'totp_enrol_required' && h.onTotpEnrol) {
    h.onTotpEnrol(err)
    err.handled = true
    return
  }
  if (err.status === 403 && err.code === 'password_change_required') {
    if (h.onPasswordChange) {
      h.onPasswordChange(err)
      err.handled = true
    }
    return
  }
  if (opts.silent) return
  if (opts.fieldErrors && err.field) return
  if (err.status === 401) return
  if (h.onError) {
    h.onError(err)
    err.handled = true
  }
}

/** File name from a Content-Disposition header (filename* preferred). */
export function filenameFrom(header) {
  if (!header) return ''
  const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(header)
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''))
    } catch {
      /* fall through */
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header)
  return plain ? plain[1].trim() : ''
}

export const http = {
  get: (url, opts) => request('GET', url, opts),
  post: (url, body, opts = {}) => request('POST', url, { ...opts, body }),
  put: (url, body, opts = {}) => request('PUT', url, { ...opts, body }),
  patch: (url, body, opts = {}) => request('PATCH', url, { ...opts, body }),
  del: (url, opts) => request('DELETE', url, opts),
  upload: (url, form, opts = {}) => request('POST', url, { ...opts, form }),
  download: (url, opts = {}) => request('GET', url, { ...opts, raw: true }),
}

export default http
