// TOTP in the console: the enrol-only routing (guard and API handler) and the QR code of an
// otpauth:// URI from the qrcode package.
import { describe, it, expect, vi } from 'vitest'
import QRCode from 'qrcode'
import { authGuard } from '../../src/router/guard'
import { http, configureHttp } from '../../src/api/http'

const route = (name, meta = {}, fullPath = '/') => ({ name, meta, fullPath, query: {} })
const store = (extra = {}) => ({
  loaded: true,
  isLoggedIn: true,
  user: { role: 'leader', must_change_password: false },
  ctx: { perms: ['ticket.read'], role: 'leader' },
  fetchMe: vi.fn(),
  ...extra,
})

describe('TOTP enrolment routing', () => {
  it('keeps a user whose role requires TOTP on the account page', async () => {
    const s = store({ totpEnrolRequired: true })
    expect(await authGuard(route('tickets', { perm: 'ticket.read' }, '/tickets'), s)).toEqual({ name: 'account' })
    expect(await authGuard(route('account', {}, '/account'), s)).toBe(true)
    expect(await authGuard(route('tickets', { perm: 'ticket.read' }, '/tickets'), store())).toBe(true)
  })

  it('changes the password before enrolling', async () => {
    const s = store({ totpEnrolRequired: true, user: { role: 'leader', must_change_password: true } })
    expect(await authGuard(route('account', {}, '/account'), s)).toEqual({ name: 'password-change' })
  })

  it('sends 403 totp_enrol_required to onTotpEnrol, not to the toast', async () => {
    const handlers = { onUnauthorized: vi.fn(), onPasswordChange: vi.fn(), onTotpEnrol: vi.fn(), onError: vi.fn() }
    configureHttp(handlers)
    globalThis.fetch = vi.fn(async () => new Response(JSON.stringify({ error: { code: 'totp_enrol_required', message: 'x' } }),
      { status: 403, headers: { 'Content-Type': 'application/json' } }))
    const err = await http.get('/api/tickets').catch((e) => e)
    expect(err.code).toBe('totp_enrol_required')
    expect(handlers.onTotpEnrol).toHaveBeenCalledTimes(1)
    expect(handlers.onError).not.toHaveBeenCalled()
  })

  it('draws the otpauth URI as a PNG QR code', async () => {
    const uri = 'otpauth://totp/%E5%9B%AD%E5%8C%BA%E9%80%9A%20Yuanqu:li.si?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=%E5%9B%AD%E5%8C%BA%E9%80%9A%20Yuanqu'
    const url = await QRCode.toDataURL(uri, { margin: 1, width: 200 })
    expect(url.startsWith('data:image/png;base64,')).toBe(true)
    expect(url.length).toBeGreaterThan(500)
  })
})
