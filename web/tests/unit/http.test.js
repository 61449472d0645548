// The API client: CSRF header, Accept-Language, error parsing and the global handlers.
import { describe, it, expect, beforeEach, vi } from 'vitest'
import { http, request, ApiError, setCsrfToken, setLocale, configureHttp, buildUrl, filenameFrom } from '../../src/api/http'

function mockFetch(status, body, headers = {}) {
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body)
  const fn = vi.fn(async () => new Response(status === 204 ? null : text, { status, headers: { 'Content-Type': 'application/json', ...headers } }))
  globalThis.fetch = fn
  return fn
}
const sentHeaders = (fn) => fn.mock.calls[0][1].headers

describe('http client', () => {
  let handlers
  beforeEach(() => {
    setCsrfToken('tok-123')
    setLocale('zh-CN')
    handlers = { onUnauthorized: vi.fn(), onPasswordChange: vi.fn(), onError: vi.fn() }
    configureHttp(handlers)
  })

  it('sends X-CSRF-Token on POST, PUT, PATCH and DELETE but not on GET', async () => {
    for (const [method, call] of [
      ['POST', () => http.post('/api/x', { a: 1 })],
      ['PUT', () => http.put('/api/x', { a: 1 })],
      ['PATCH', () => http.patch('/api/x', { a: 1 })],
      ['DELETE', () => http.del('/api/x')],
    ]) {
      const fn = mockFetch(200, { ok: true })
      await call()
      expect(fn.mock.calls[0][1].method).toBe(method)
      expect(sentHeaders(fn)['X-CSRF-Token']).toBe('tok-123')
    }
    const fn = mockFetch(200, { ok: true })
    await http.get('/api/x')
    expect(sentHeaders(fn)['X-CSRF-Token']).toBeUndefined()
  })

  it('sends JSON bodies with a JSON content type, same-origin credentials', async () => {
    const fn = mockFetch(201, { id: 7 })
    const res = await http.post('/api/users', { username: 'a' })
    expect(res).toEqual({ id: 7 })
    const init = fn.mock.calls[0][1]
    expect(init.headers['Content-Type']).toBe('application/json')
    expect(init.body).toBe('{"username":"a"}')
    expect(init.credentials).toBe('same-origin')
  })

  it('sends Accept-Language for the chosen locale', async () => {
    let fn = mockFetch(200, {})
    await http.get('/api/me')
    expect(sentHeaders(fn)['Accept-Language']).toMatch(/^zh-CN/)
    setLocale('en')
    fn = mockFetch(200, {})
    await http.get('/api/me')
    expect(sentHeaders(fn)['Accept-Language']).toBe('en')
  })

  it('builds query strings without empty values', () => {
    expect(buildUrl('/api/e', { q: '光电', industry: '', flag: null, no_leader: true, archived: false, page: 2 })).toBe(
      '/api/e?q=%E5%85%89%E7%94%B5&no_leader=1&page=2',
    )
    expect(buildUrl('/api/e', {})).toBe('/api/e')
    expect(buildUrl('/api/e?x=1', { y: 2 })).toBe('/api/e?x=1&y=2')
  })

  it('returns null for 204', async () => {
    mockFetch(204)
    expect(await http.post('/api/logout', {})).toBeNull()
  })

  it('parses {"error":{code,message,field}} into an ApiError and toasts it', async () => {
    mockFetch(409, { error: { code: 'conflict', message: '统一社会信用代码已存在', field: 'uscc' } })
    const err = await http.post('/api/enterprises', {}).catch((e) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err.status).toBe(409)
    expect(err.code).toBe('conflict')
    expect(err.field).toBe('uscc')
    expect(err.message).toBe('统一社会信用代码已存在')
    expect(err.fieldErrors).toEqual({ uscc: '统一社会信用代码已存在' })
    expect(handlers.onError).toHaveBeenCalledTimes(1)
  })

  it('leaves a field error to the form when fieldErrors is set', async () => {
    mockFetch(400, { error: { code: 'validation', message: '校验码错误', field: 'uscc' } })
    const err = await request('POST', '/api/enterprises', { body: {}, fieldErrors: true }).catch((e) => e)
    expect(err.field).toBe('uscc')
    expect(handlers.onError).not.toHaveBeenCalled()
  })

  it('toasts a field-less error even when fieldErrors is set', async () => {
    mockFetch(400, { error: { code: 'bad_json', message: '请求体不是有效的 JSON' } })
    await request('POST', '/api/x', { body: {}, fieldErrors: true }).catch(() => {})
    expect(handlers.onError).toHaveBeenCalledTimes(1)
  })

  it('does not toast when silent', async () => {
    mockFetch(404, { error: { code: 'not_found', message: '企业不存在' } })
    await request('GET', '/api/enterprises/9', { silent: true }).catch(() => {})
    expect(handlers.onError).not.toHaveBeenCalled()
  })

  it('reads retry_after from a 429', async () => {
    mockFetch(429, { error: { code: 'account_locked', message: '账号已锁定', retry_after: 900 } })
    const err = await http.post('/api/login', { username: 'a', password: 'b' }, { silent: true }).catch((e) => e)
    expect(err.code).toBe('account_locked')
    expect(err.retryAfter).toBe(900)
  })

  it('sends a 401 to onUnauthorized (session expired), not to the toast', async () => {
    mockFetch(401, { error: { code: 'session_expired', message: '会话已过期' } })
    const err = await http.get('/api/users').catch((e) => e)
    expect(err.code).toBe('session_expired')
    expect(handlers.onUnauthorized).toHaveBeenCalledWith(err)
    expect(handlers.onError).not.toHaveBeenCalled()
    expect(err.handled).toBe(true)
  })

  it('returns a 401 to the caller when noAuthRedirect is set', async () => {
    mockFetch(401, { error: { code: 'unauthenticated', message: '未登录' } })
    const err = await http.get('/api/me', { noAuthRedirect: true }).catch((e) => e)
    expect(err.status).toBe(401)
    expect(handlers.onUnauthorized).not.toHaveBeenCalled()
    expect(handlers.onError).not.toHaveBeenCalled()
  })

  it('sends 403 password_change_required to onPasswordChange', async () => {
    mockFetch(403, { error: { code: 'password_change_required', message: '请先修改密码' } })
    await http.get('/api/users').catch(() => {})
    expect(handlers.onPasswordChange).toHaveBeenCalledTimes(1)
    expect(handlers.onError).not.toHaveBeenCalled()
  })

  it('toasts a plain 403 forbidden', async () => {
    mockFetch(403, { error: { code: 'forbidden', message: '无权限' } })
    const err = await http.get('/api/audit').catch((e) => e)
    expect(err.code).toBe('forbidden')
    expect(handlers.onError).toHaveBeenCalledTimes(1)
  })

  it('copes with a non-JSON error body and a 500 error_id', async () => {
    mockFetch(502, '<html>bad gateway</html>', { 'Content-Type': 'text/html' })
    let err = await http.get('/api/x').catch((e) => e)
    expect(err.status).toBe(502)
    expect(err.code).toBe('http_502')
    mockFetch(500, { error: { code: 'internal', message: '', error_id: 'e-42' } })
    err = await http.get('/api/x').catch((e) => e)
    expect(err.errorId).toBe('e-42')
  })

  it('turns a network failure into an ApiError with status 0', async () => {
    globalThis.fetch = vi.fn(async () => {
      throw new TypeError('Failed to fetch')
    })
    const err = await http.get('/api/x').catch((e) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err.status).toBe(0)
    expect(err.code).toBe('network')
    expect(handlers.onError).toHaveBeenCalledTimes(1)
  })

  it('downloads a file with its name from Content-Disposition', async () => {
    globalThis.fetch = vi.fn(
      async () =>
        new Response(new Uint8Array([0x50, 0x4b, 3, 4]), {
          status: 200,
          headers: {
            'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            'Content-Disposition': "attachment; filename=\"e.xlsx\"; filename*=UTF-8''%E4%BC%81%E4%B8%9A.xlsx",
          },
        }),
    )
    const res = await http.download('/api/enterprises/export', { params: { format: 'xlsx' } })
    expect(res.filename).toBe('企业.xlsx')
    expect(res.blob.size).toBe(4)
    expect(globalThis.fetch.mock.calls[0][0]).toBe('/api/enterprises/export?format=xlsx')
  })

  it('sends multipart uploads without a JSON content type, with the CSRF token', async () => {
    const fn = mockFetch(200, { total: 1, valid: 1, invalid: 0, errors: [] })
    const form = new FormData()
    form.append('file', new Blob(['a,b']), 'x.csv')
    await http.upload('/api/enterprises/import', form, { params: { dry_run: 1 } })
    const [url, init] = fn.mock.calls[0]
    expect(url).toBe('/api/enterprises/import?dry_run=1')
    expect(init.headers['Content-Type']).toBeUndefined()
    expect(init.headers['X-CSRF-Token']).toBe('tok-123')
    expect(init.body).toBe(form)
  })

  it('reads file names from Content-Disposition variants', () => {
    expect(filenameFrom('attachment; filename="a b.xlsx"')).toBe('a b.xlsx')
    expect(filenameFrom('attachment; filename=plain.csv')).toBe('plain.csv')
    expect(filenameFrom(null)).toBe('')
  })
})
