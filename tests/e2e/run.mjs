// Browser tests of the Yuanqu web console, in the system Chromium through playwright-core.
//
//   YQ_BASE=http://127.0.0.1:18080 YQ_ADMIN_USER=admin YQ_ADMIN_PASS='Admin-Passw0rd!' node tests/e2e/run.mjs
//
// The server must already run and serve web/dist. Cases run in sequence (later ones reuse what
// earlier ones made); each prints "ok - name" or "not ok - name: reason", takes a screenshot
// into tests/artifacts/screenshots/, and the run ends with "N passed, N failed" (exit 1 on any
// failure). A case whose API route the server does not have yet says so in its reason.
// Optional: YQ_CHROMIUM (browser path, default /usr/bin/chromium), YQ_E2E_ONLY (regexp of case
// names to run), YQ_E2E_HEADFUL=1.
import { chromium, request as pwRequest } from 'playwright-core'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { inflateRawSync } from 'node:zlib'
import { createHmac } from 'node:crypto'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const HERE = dirname(fileURLToPath(import.meta.url))
const BASE = (process.env.YQ_BASE || 'http://127.0.0.1:18080').replace(/\/$/, '')
const ADMIN_USER = process.env.YQ_ADMIN_USER || 'admin'
const ADMIN_PASS = process.env.YQ_ADMIN_PASS || 'Admin-Passw0rd!'
const CHROMIUM = process.env.YQ_CHROMIUM || '/usr/bin/chromium'
const ONLY = process.env.YQ_E2E_ONLY ? new RegExp(process.env.YQ_E2E_ONLY) : null
const SHOTS = join(HERE, '..', 'artifacts', 'screenshots')
const CASE_TIMEOUT = 90_000
const RUN = Date.now().toString(36).slice(-5) // keeps names unique across runs on one database
const DESKTOP = { width: 1366, height: 768 }
const PHONE = { width: 375, height: 740 }

mkdirSync(SHOTS, { recursive: true })

// ---------------------------------------------------------------------------------------------
// Small helpers

class Skip extends Error {}

/** The API answered 404 "no such route": the server does not implement it yet. */
class MissingRoute extends Error {
  constructor(method, path) {
    super(`server lacks route ${method} ${path.split('?')[0]}`)
  }
}

function assert(cond, msg) {
  if (!cond) throw new Error(msg)
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

/** A random valid 统一社会信用代码 (GB 32100-2015). */
function makeUscc() {
  let body = '91' + '220101' // company, 长春
  while (body.length < 17) body += USCC_CHARS[Math.floor(Math.random() * 10 + Math.random() * 21) % 31]
  let sum = 0
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(body[i]) * USCC_WEIGHTS[i]
  return body + USCC_CHARS[(31 - (sum % 31)) % 31]
}

/** The same code with a wrong check character. */
function breakUscc(code) {
  const i = USCC_CHARS.indexOf(code[17])
  return code.slice(0, 17) + USCC_CHARS[(i + 1) % 31]
}

const strongPassword = (tag) => `Yq-${tag}-Passw0rd!`

// ---------------------------------------------------------------------------------------------
// Just enough .xlsx reading to check an export and to learn the import template's headers

/** The entries of a zip file: {name: Buffer}. Throws when buf is not a zip. */
function unzip(buf) {
  let eocd = -1
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i
      break
    }
  }
  if (eocd < 0) throw new Error('not a zip file (no end of central directory)')
  const count = buf.readUInt16LE(eocd + 10)
  let p = buf.readUInt32LE(eocd + 16)
  const out = {}
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('bad zip central directory')
    const method = buf.readUInt16LE(p + 10)
    const csize = buf.readUInt32LE(p + 20)
    const nameLen = buf.readUInt16LE(p + 28)
    const extraLen = buf.readUInt16LE(p + 30)
    const commentLen = buf.readUInt16LE(p + 32)
    const local = buf.readUInt32LE(p + 42)
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen)
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28)
    const data = buf.subarray(start, start + csize)
    out[name] = method === 8 ? inflateRawSync(data) : Buffer.from(data)
    p += 46 + nameLen + extraLen + commentLen
  }
  return out
}

const xmlText = (s) => s.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&')

/** The rows of the first worksheet of an .xlsx as arrays of strings. */
function xlsxRows(buf) {
  const files = unzip(buf)
  const shared = files['xl/sharedStrings.xml'] ? [...files['xl/sharedStrings.xml'].toString('utf8').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => xmlText(m[1])) : []
  const sheetName = Object.keys(files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n)).sort()[0]
  if (!sheetName) throw new Error('no worksheet in the workbook')
  const sheet = files[sheetName].toString('utf8')
  const rows = []
  for (const rm of sheet.matchAll(/<row\b[^>]*>([\s\S]*?)<\/row>/g)) {
    const cells = []
    for (const cm of rm[1].matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = cm[1]
      const inner = cm[2] || ''
      const ref = /r="([A-Z]+)\d+"/.exec(attrs)
      const col = ref ? [...ref[1]].reduce((a, ch) => a * 26 + ch.charCodeAt(0) - 64, 0) - 1 : cells.length
      const type = (/t="(\w+)"/.exec(attrs) || [])[1]
      const v = (/<v>([\s\S]*?)<\/v>/.exec(inner) || [])[1]
      let text
      if (type === 's') text = shared[Number(v)] ?? ''
      else if (type === 'inlineStr') text = xmlText((/<is>([\s\S]*?)<\/is>/.exec(inner) || [])[1] || '')
      else text = v !== undefined ? xmlText(v) : ''
      cells[col] = text
    }
    rows.push(Array.from(cells, (c) => c ?? ''))
  }
  return rows
}

/** A CSV cell, quoted when needed. */
const csvCell = (v) => (/[",\r\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v))

/** The import template's header row (or a fallback when the server cannot give one yet). */
async function importHeaders() {
  let r
  try {
    r = await state.admin.getRaw('/api/enterprises/import/template')
  } catch (e) {
    if (!(e instanceof MissingRoute)) throw e
    console.log(`# ${e.message}; using the documented headers`)
    r = { status: 404 }
  }
  if (r.status === 200) {
    try {
      const rows = xlsxRows(r.body)
      if (rows.length && rows[0].some((h) => /信用代码|uscc/i.test(h))) return rows[0]
    } catch (e) {
      console.log(`# the import template is not a readable workbook: ${e.message}`)
    }
  }
  return ['统一社会信用代码', '企业名称', '简称', '行业代码', '地址', '楼宇', '注册资本（万元）', '成立日期', '企业类型']
}

/** A CSV row for the template's headers from {uscc, name, industry, capital, date, building}. */
function csvRow(headers, v) {
  return headers
    .map((h) => {
      if (/信用代码|uscc/i.test(h)) return v.uscc
      if (/简称|short/i.test(h)) return ''
      if (/企业名称|^名称$|^name$/i.test(h)) return v.name
      if (/行业|industry/i.test(h)) return v.industry
      if (/注册资本|capital/i.test(h)) return v.capital
      if (/成立|established/i.test(h)) return v.date
      if (/楼宇|building/i.test(h)) return v.building || ''
      if (/企业类型|类型|ent_type|type/i.test(h)) return v.type ?? ''
      return ''
    })
    .map(csvCell)
    .join(',')
}

// ---------------------------------------------------------------------------------------------
// API client for setting things up (a Playwright request context with its own cookie jar)

async function apiLogin(username, password) {
  const ctx = await pwRequest.newContext({ baseURL: BASE, extraHTTPHeaders: { 'Accept-Language': 'zh-CN' } })
  const res = await ctx.post('/api/login', { data: { username, password } })
  if (res.status() !== 200) throw new Error(`API login as ${username}: HTTP ${res.status()} ${await res.text()}`)
  const body = await res.json()
  const csrf = body.csrf_token
  // The server closes a keep-alive connection idle for its timeout (30 s); a request sent on it
  // in that same instant meets a reset before the server read it: sent once more, on a new one.
  async function fetchOnce(path, o) {
    try {
      return await ctx.fetch(path, o)
    } catch (err) {
      if (!/ECONNRESET|socket hang up/.test(String(err && err.message))) throw err
      return ctx.fetch(path, o)
    }
  }
  async function call(method, path, data, opts = {}) {
    const headers = method === 'GET' ? {} : { 'X-CSRF-Token': csrf }
    const r = await fetchOnce(path, { method, headers, data, multipart: opts.multipart })
    const text = await r.text()
    let json = null
    try {
      json = text ? JSON.parse(text) : null
    } catch {
      json = null
    }
    if (r.status() === 404 && json && json.error && /接口不存在|no such (route|endpoint)/i.test(json.error.message || '')) {
      throw new MissingRoute(method, path)
    }
    if (!r.ok() && !opts.allowError) {
      throw new Error(`${method} ${path}: HTTP ${r.status()} ${text.slice(0, 200)}`)
    }
    return { status: r.status(), body: json, headers: r.headers() }
  }
  async function getRaw(path) {
    const r = await fetchOnce(path, { method: 'GET' })
    if (r.status() === 404) {
      const t = await r.text()
      if (/接口不存在|no such/i.test(t)) throw new MissingRoute('GET', path)
    }
    return { status: r.status(), body: await r.body(), headers: r.headers() }
  }
  return {
    user: body.user,
    getRaw,
    get: (p, o) => call('GET', p, undefined, o),
    post: (p, d, o) => call('POST', p, d, o),
    put: (p, d, o) => call('PUT', p, d, o),
    del: (p, o) => call('DELETE', p, undefined, o),
    dispose: () => ctx.dispose(),
  }
}

// ---------------------------------------------------------------------------------------------
// Browser helpers

let browser

async function newPage(viewport = DESKTOP) {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', acceptDownloads: true })
  const page = await context.newPage()
  page.setDefaultTimeout(15_000)
  page.consoleErrors = []
  page.on('console', (m) => m.type() === 'error' && page.consoleErrors.push(m.text()))
  page.on('pageerror', (e) => page.consoleErrors.push(String(e)))
  // what the page showed when the case closed it: written out if the case fails
  const close = context.close.bind(context)
  context.close = async () => {
    if (!page.isClosed()) {
      const last = { url: page.url(), errors: page.consoleErrors.slice(0, 5), png: null }
      try {
        last.png = await page.screenshot({ fullPage: true })
      } catch {
        /* a screenshot is a courtesy */
      }
      closedPages.push(last)
    }
    return close()
  }
  return page
}

/** The pages the running case closed (see newPage), for the report of a failure. */
let closedPages = []

/** Sign in through the login page; returns once the console (or the forced change page) shows. */
async function uiLogin(page, username, password, { expectForced = false } = {}) {
  await page.goto(BASE + '/login')
  await page.fill('input[name="username"]', username)
  await page.fill('input[name="password"]', password)
  await page.click('[data-test="login-submit"]')
  if (expectForced) {
    await page.waitForURL(/\/password$/)
    return
  }
  await page.waitForURL((u) => !u.pathname.startsWith('/login') && !u.pathname.startsWith('/password'))
  await page.waitForSelector('.header [data-test="user-menu"]')
}

/** Sign in as a user who must first change the password, and change it on the forced page. */
async function uiLoginForced(page, username, password, newPassword) {
  await page.goto(BASE + '/login')
  await page.fill('input[name="username"]', username)
  await page.fill('input[name="password"]', password)
  await page.click('[data-test="login-submit"]')
  await page.waitForURL((u) => u.pathname === '/password' || (!u.pathname.startsWith('/login') && !u.pathname.startsWith('/password')))
  if (new URL(page.url()).pathname !== '/password') return password // no change was needed
  await page.fill('input[name="old_password"]', password)
  await page.fill('input[name="new_password"]', newPassword)
  await page.fill('input[name="confirm"]', newPassword)
  await page.click('[data-test="pw-submit"]')
  await page.waitForURL((u) => u.pathname !== '/password')
  await page.waitForSelector('.header [data-test="user-menu"]')
  return newPassword
}

/** The keys of the menu items the side menu holds (the drawer's on a phone). */
async function menuKeys(page) {
  return page.$$eval('[data-test="side-menu"] [data-menu]', (els) => els.map((e) => e.getAttribute('data-menu')))
}

async function shot(page, name) {
  if (!page || page.isClosed()) return
  try {
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true })
  } catch {
    /* a screenshot is a courtesy */
  }
}

/** Text of the error shown under a form field (el-form-item[data-field] .el-form-item__error). */
async function fieldError(page, field) {
  const loc = page.locator(`[data-field="${field}"] .el-form-item__error`)
  await loc.waitFor({ state: 'visible', timeout: 10_000 })
  return (await loc.textContent()).trim()
}

/** Choose an industry in the form's searchable industry select. */
async function pickIndustry(page, code) {
  await page.click('[data-field="industry_code"] .el-select__wrapper')
  await page.keyboard.type(code)
  const option = page.locator(`.el-select-dropdown__item:visible:has-text("${code} ")`).first()
  await option.waitFor({ state: 'visible' })
  await option.click()
}

/**
 * The side-menu routes of the console's route table (web/src/router/routes.js, evaluated without
 * its imports: the layout is not needed and the pages are loaded lazily, never here): the route
 * records with a meta.order, as [{key, order, group, perm, roles, duty}] in menu order.
 */
async function menuRoutes() {
  const text = readFileSync(join(HERE, '../../web/src/router/routes.js'), 'utf8').replace(/^import (\w+) from .*$/gm, 'const $1 = null')
  const { routes } = await import('data:text/javascript,' + encodeURIComponent(text))
  const out = []
  const walk = (list) => {
    for (const r of list) {
      if (r.meta && r.meta.order != null) out.push({ key: r.name, ...r.meta })
      if (r.children) walk(r.children)
    }
  }
  walk(routes)
  if (!out.some((r) => r.key === 'home') || !out.some((r) => r.key === 'ticket-all')) throw new Error('routes.js: the menu routes could not be read')
  return out.sort((a, b) => a.order - b.order)
}
const MENU_ROUTES = await menuRoutes()

/**
 * The menu every role should see, from its permissions (the console's rule, restated). deptKind is
 * the kind of the user's department: only the 企业服务中心 (service_center) desk triages requests.
 * The shell's and the requests' pages are restated one by one below; every other menu route (a
 * module's pages) is held to the rule of the server's role table: shown exactly to the users who
 * hold its permission, who are enterprise users if and only if the route is made for them
 * (meta.roles names 'enterprise'), and who have its request duty if it names one. The order and
 * the groups are those of the route table (meta.order, meta.group).
 */
function expectedMenu(role, perms, deptKind = '') {
  const has = (p) => perms.includes('*') || [].concat(p).some((x) => perms.includes(x))
  const ent = role === 'enterprise'
  const center = !ent && has('ticket.triage') && (role === 'admin' || deptKind === 'service_center')
  const dept = !ent && has('ticket.handle') && (role === 'admin' || !center)
  const leader = !ent && (has('ticket.stats') || has('ticket.escalate'))
  const duties = { enterprise: ent, center, dept, leader }
  const CORE = {
    home: !ent,
    enterprises: !ent && has('enterprise.read'),
    'my-enterprise': ent && has('enterprise.read'),
    'ticket-mine': ent && has('ticket.read'),
    'ticket-new': ent && has('ticket.create'),
    'ticket-intake': center,
    'ticket-register': center && has('ticket.create'),
    'ticket-extensions': center,
    'ticket-todo': dept,
    'ticket-overdue': has('ticket.read') && (center || dept || leader),
    'ticket-escalated': has('ticket.read') && (center || leader),
    'ticket-all': !ent && has('ticket.read'),
    'ticket-stats': has('ticket.stats'),
    depts: has('dept.read'),
    users: has('user.read'),
    roles: has('role.read'),
    tokens: has('token.write'),
    'api-docs': has('token.write'),
    audit: has('audit.read'),
    logins: has('audit.read'),
    'ticket-rules': has('ticket.admin'),
    holidays: has('ticket.admin'),
  }
  const missing = Object.keys(CORE).filter((k) => !MENU_ROUTES.some((r) => r.key === k))
  if (missing.length) throw new Error(`routes.js has no menu route ${missing}`)
  const mayUse = (r) => {
    if (!r.perm) throw new Error(`menu route ${r.key} names no permission`)
    if (!has(r.perm)) return false
    if (ent !== !!(r.roles && r.roles.includes('enterprise'))) return false
    if (r.roles && r.roles.length && !r.roles.includes(role)) return false
    return !(r.duty && r.duty.length) || r.duty.some((d) => duties[d])
  }
  const keys = []
  const groups = new Map() // group key -> its shown items, placed where its first route stands
  for (const r of MENU_ROUTES) {
    const shown = r.key in CORE ? CORE[r.key] : mayUse(r)
    if (!r.group) {
      if (shown) keys.push(r.key)
      continue
    }
    const g = r.group.split('.').pop()
    if (!groups.has(g)) {
      groups.set(g, [])
      keys.push(groups.get(g))
    }
    if (shown) groups.get(g).push(r.key)
  }
  for (const [g, items] of groups) keys.splice(keys.indexOf(items), 1, ...(items.length ? [g, ...items] : []))
  return keys
}

// ---------------------------------------------------------------------------------------------
// Shared state between cases

const state = {
  admin: null, // API client as admin
  roles: [], // GET /api/roles
  deptId: null,
  users: {}, // role -> {username, password, id}
  enterprise: null, // created through the UI: {id, uscc, name}
  other: null, // a second enterprise made through the API
  enterpriseUser: null,
}

async function ensureDept() {
  if (state.deptId) return state.deptId
  const res = await state.admin.post('/api/depts', { name: `e2e部门${RUN}`, kind: 'other', parent_id: null, sort: 99 })
  state.deptId = res.body.id
  return state.deptId
}

async function ensureOtherEnterprise() {
  if (state.other) return state.other
  const uscc = makeUscc()
  const res = await state.admin.post('/api/enterprises', { uscc, name: `e2e他企${RUN}`, industry_code: '3670', ent_type: 'domestic' })
  state.other = { id: res.body.id, uscc, name: res.body.name }
  return state.other
}

// ---------------------------------------------------------------------------------------------
// The cases

const cases = []
const test = (name, fn) => cases.push({ name, fn })

test('admin logs in and sees the full menu', async () => {
  state.admin = await apiLogin(ADMIN_USER, ADMIN_PASS)
  state.roles = (await state.admin.get('/api/roles')).body.items
  const page = await newPage()
  try {
    await uiLogin(page, ADMIN_USER, ADMIN_PASS)
    assert(new URL(page.url()).pathname === '/', `landed on ${page.url()}`)
    const keys = await menuKeys(page)
    const admin = state.roles.find((r) => r.name === 'admin')
    const want = expectedMenu('admin', admin ? admin.permissions : [])
    assert(JSON.stringify(keys) === JSON.stringify(want), `menu ${keys} != ${want}`)
    assert(await page.isVisible('text=企业库'), 'menu text 企业库 missing')
    assert(page.consoleErrors.filter((e) => /Content Security Policy|Refused to/.test(e)).length === 0, `CSP errors: ${page.consoleErrors}`)
  } finally {
    await shot(page, '01-admin-home')
    await page.context().close()
  }
})

test('wrong password says so on the login page', async () => {
  const page = await newPage()
  try {
    await page.goto(BASE + '/login')
    await page.fill('input[name="username"]', `nobody_${RUN}`)
    await page.fill('input[name="password"]', 'Wrong-Passw0rd!')
    await page.click('[data-test="login-submit"]')
    const alert = page.locator('[data-test="login-error"]')
    await alert.waitFor()
    const text = await alert.textContent()
    assert(/用户名或密码错误/.test(text), `login error says "${text.trim()}"`)
  } finally {
    await shot(page, '02-login-wrong-password')
    await page.context().close()
  }
})

test('users of each role log in and see their menu', async () => {
  const deptId = await ensureDept()
  const skipped = []
  for (const role of state.roles) {
    if (role.name === 'admin') continue
    const username = `e2e_${role.name}_${RUN}`
    const password = strongPassword(role.name)
    const body = { username, display_name: `测试${role.label || role.name}`, role: role.name, dept_id: deptId, password, phone: '', email: '' }
    if (role.name === 'bank') {
      delete body.dept_id // a bank user (银企对接) belongs to its bank, not to a department
      body.bank_id = (await state.admin.get('/api/finance/banks')).body.items[0].id
    }
    if (role.name === 'carrier') {
      delete body.dept_id // a carrier user (工业物流) belongs to its carrier, not to a department
      const carriers = (await state.admin.get('/api/freight/carriers')).body.items
      body.carrier_id = carriers.length ? carriers[0].id : (await state.admin.post('/api/freight/carriers', { name: `e2e承运企业${RUN}` })).body.id
    }
    if (role.name === 'enterprise') {
      delete body.dept_id // an enterprise user belongs to its enterprise, not to a department
      try {
        body.enterprise_id = (await ensureOtherEnterprise()).id
      } catch (e) {
        if (e instanceof MissingRoute) {
          skipped.push(`${role.name} (${e.message})`)
          continue
        }
        throw e
      }
    }
    const res = await state.admin.post('/api/users', body, { allowError: true })
    if (res.status === 403) {
      skipped.push(`${role.name} (admin may not grant it)`)
      continue
    }
    assert(res.status === 201 || res.status === 200, `create ${role.name} user: HTTP ${res.status} ${JSON.stringify(res.body)}`)
    const page = await newPage(role.name === 'enterprise' ? PHONE : DESKTOP)
    try {
      const finalPw = await uiLoginForced(page, username, password, strongPassword(role.name + '2'))
      state.users[role.name] = { username, password: finalPw, id: res.body.id }
      if (role.name === 'enterprise') await page.click('[data-test="toggle-menu"]') // the drawer on a phone
      await page.waitForSelector('[data-test="side-menu"] [data-menu]')
      const keys = await menuKeys(page)
      const want = expectedMenu(role.name, role.permissions, 'other') // the e2e department's kind
      assert(JSON.stringify(keys) === JSON.stringify(want), `${role.name}: menu ${keys} != ${want}`)
    } finally {
      await shot(page, `03-menu-${role.name}`)
      await page.context().close()
    }
  }
  if (skipped.length) console.log(`# roles not checked: ${skipped.join('; ')}`)
  assert(Object.keys(state.users).length > 0, 'no role could be checked')
})

test('a hidden menu URL typed by hand is refused', async () => {
  const who = state.users.staff || state.users.leader || state.users.dept_head
  if (!who) throw new Error('no non-admin user was created by the previous case')
  const page = await newPage()
  try {
    await uiLogin(page, who.username, who.password)
    for (const path of ['/system/audit', '/system/roles']) {
      await page.goto(BASE + path)
      await page.waitForSelector('[data-test="forbidden"]')
      assert(await page.isVisible('text=无权访问'), `${path}: no 无权访问`)
      assert(new URL(page.url()).pathname === '/403', `${path}: URL is ${page.url()}`)
    }
  } finally {
    await shot(page, '04-forbidden')
    await page.context().close()
  }
})

test('the system pages load their data', async () => {
  const page = await newPage()
  try {
    await uiLogin(page, ADMIN_USER, ADMIN_PASS)
    const pages = [
      ['depts', 'dept-table', '部门管理'],
      ['users', 'user-table', '用户管理'],
      ['roles', 'role-table', '角色管理'],
      ['audit', 'audit-table', '审计日志'],
      ['logins', 'login-table', '登录日志'],
    ]
    for (const [key, table, title] of pages) {
      await page.goto(`${BASE}/system/${key}`)
      await page.waitForSelector(`[data-test="${table}"] .el-table__body tr`)
      assert(await page.isVisible(`.header .el-breadcrumb >> text=${title}`), `${key}: breadcrumb lacks ${title}`)
      const errors = await page.locator('.el-alert--error').count()
      assert(errors === 0, `${key}: shows an error`)
      await shot(page, `04-system-${key}`)
    }
    // the user created earlier shows in the user list, the admin's login in the login log
    await page.goto(`${BASE}/system/logins`)
    await page.waitForSelector(`[data-test="login-table"] >> text=${ADMIN_USER}`)
    await page.goto(`${BASE}/account`)
    await page.waitForSelector('[data-test="password-policy"]')
    await shot(page, '04-account')
  } finally {
    await page.context().close()
  }
})

test('the admin reads the API reference, drawn in the console with nothing fetched from outside', async () => {
  const page = await newPage()
  const elsewhere = []
  page.on('request', (r) => {
    const u = r.url()
    if (!u.startsWith(BASE + '/') && !u.startsWith('data:') && !u.startsWith('blob:')) elsewhere.push(u)
  })
  try {
    await uiLogin(page, ADMIN_USER, ADMIN_PASS)
    page.consoleErrors.length = 0 // the login page's own 401 on GET /api/me is expected
    await page.click('[data-menu="system"]')
    await page.click('[data-menu="api-docs"]')
    await page.waitForURL(/\/system\/api-docs$/)
    assert(await page.isVisible('.header .el-breadcrumb >> text=接口文档'), 'breadcrumb lacks 接口文档')
    // what the server says about its enterprise routes, read with the same session
    const spec = await (await page.request.get(BASE + '/api/openapi.json')).json()
    const list = spec.paths['/api/enterprises'].get
    const one = spec.paths['/api/enterprises/{id}'].get
    const viewer = page.locator('[data-test="api-docs"] rapi-doc')
    await viewer.waitFor()
    // the operations are grouped under their tag, each with its summary and path
    await viewer.getByText(list.summary, { exact: true }).first().waitFor()
    await viewer.getByText(list.tags[0], { exact: true }).first().waitFor()
    const text = await viewer.evaluate((el) => el.shadowRoot.textContent)
    for (const op of [list, one]) assert(text.includes(op.summary), `the reference lacks "${op.summary}"`)
    assert(text.includes('/api/enterprises/{id}'), 'the reference lacks /api/enterprises/{id}')
    assert(!/try\s*it|TRY/.test(await viewer.evaluate((el) => [...el.shadowRoot.querySelectorAll('button')].map((b) => b.textContent).join(' '))), '"try it" is offered')
    // an operation opens on its parameters and schemas
    await viewer.getByText(one.summary, { exact: true }).first().click()
    await viewer.getByText('PATH PARAMETERS', { exact: false }).first().waitFor()
    await page.waitForTimeout(300)
    await shot(page, '04-api-docs')
    const param = viewer.locator('tr', { has: page.locator('.param-name', { hasText: one.parameters[0].name }) }).filter({ visible: true }).first()
    await param.waitFor()
    assert((await param.locator('.param-type').textContent()).trim() === one.parameters[0].schema.type, 'the parameter type is not shown')
    assert(page.consoleErrors.length === 0, `console errors: ${page.consoleErrors.join(' | ').slice(0, 300)}`)
    assert(elsewhere.length === 0, `requests left 127.0.0.1: ${elsewhere.slice(0, 5).join(', ')}`)
  } finally {
    await page.context().close()
  }
})

test('an API token is made for an enterprise on the token page, works as it, and is revoked', async () => {
  const ent = await ensureOtherEnterprise()
  const page = await newPage()
  try {
    await uiLogin(page, ADMIN_USER, ADMIN_PASS)
    await page.goto(`${BASE}/system/tokens`)
    await page.waitForSelector('[data-test="token-table"]')
    await page.click('[data-test="token-new"]')
    const dlg = page.locator('[data-test="token-dialog"]')
    await dlg.locator('[data-field="name"] input').fill(`e2e企业令牌${RUN}`)
    await dlg.locator('[data-field="role"] .el-select').click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: '企业用户' }).click()
    // an enterprise token: no department to choose, its enterprise is required
    assert(!(await dlg.locator('[data-field="dept_id"]').isVisible()), 'an enterprise token offers a department')
    await page.click('[data-test="token-save"]')
    await dlg.locator('[data-field="enterprise_id"] .el-form-item__error').waitFor()
    await dlg.locator('[data-field="enterprise_id"] .el-select').click()
    await page.keyboard.type(ent.name)
    await page.locator('.el-select-dropdown__item:visible', { hasText: ent.name }).first().click()
    await page.click('[data-test="token-save"]')
    const box = page.locator('[data-test="token-secret"]')
    await box.waitFor()
    const secret = await box.evaluate((el) => (el.tagName === 'INPUT' ? el.value : el.querySelector('input').value))
    assert(/^yq_[0-9a-f]{64}$/.test(secret), `secret shown: ${secret}`)
    await shot(page, '04-token-secret')
    // the token sees its enterprise only
    const r = await fetch(`${BASE}/api/enterprises?page_size=5`, { headers: { Authorization: `Bearer ${secret}` } })
    const body = await r.json()
    assert(r.status === 200 && body.total === 1 && body.items[0].id === ent.id, `token reads ${r.status} ${JSON.stringify(body).slice(0, 200)}`)
    await page.locator('[data-test="token-secret-dialog"] .el-button--primary').click()
    const row = page.locator('[data-test="token-table"] .el-table__body tr', { hasText: `e2e企业令牌${RUN}` })
    await row.waitFor()
    assert((await row.textContent()).includes(ent.name), 'the list shows the binding')
    await row.locator('button', { hasText: '撤销' }).click()
    await page.locator('.el-message-box .el-button--primary').click()
    await row.locator('text=已撤销').waitFor()
    const after = await fetch(`${BASE}/api/enterprises?page_size=5`, { headers: { Authorization: `Bearer ${secret}` } })
    assert(after.status === 401, `revoked token: HTTP ${after.status}`)
  } finally {
    await shot(page, '04-token-list')
    await page.context().close()
  }
})

test('create and edit an enterprise', async () => {
  await state.admin.get('/api/enterprises?page_size=1') // fails clearly when the route is missing
  const page = await newPage()
  try {
    await uiLogin(page, ADMIN_USER, ADMIN_PASS)
    await page.click('[data-menu="enterprises"]')
    await page.waitForURL(/\/enterprises/)
    await page.click('[data-test="enterprise-new"]')
    await page.waitForURL(/\/enterprises\/new$/)
    const uscc = makeUscc()
    const name = `e2e光电科技有限公司${RUN}`
    await page.fill('input[name="uscc"]', uscc)
    await page.fill('input[name="name"]', name)
    await pickIndustry(page, '3670')
    await page.fill('input[name="building"]', 'A3栋')
    // a dated flag (规上 since 2024-01-01) and a contact
    await page.click('[data-test="add-flag"]')
    await page.fill('[data-test="flag-row"] input[placeholder="起始日期"]', '2024-01-01')
    await page.keyboard.press('Enter')
    await page.fill('[data-test="flag-row"] :is(input[data-test="flag-cert"], [data-test="flag-cert"] input)', 'GS2024-001')
    await page.click('[data-test="add-contact"]')
    await page.fill('[data-test="contact-row"] :is(input[data-test="contact-name"], [data-test="contact-name"] input)', '王经理')
    await page.fill('[data-test="contact-row"] :is(input[data-test="contact-phone"], [data-test="contact-phone"] input)', '13800000000')
    await page.click('[data-test="enterprise-save"]')
    await page.waitForURL(/\/enterprises\/\d+$/)
    await page.waitForSelector('[data-test="enterprise-name"]')
    assert((await page.textContent('[data-test="enterprise-name"]')).includes(name), 'detail page lacks the name')
    await page.waitForSelector('[data-test="enterprise-flags"] >> text=GS2024-001')
    await page.waitForSelector('text=王经理')
    const id = Number(new URL(page.url()).pathname.split('/').pop())
    state.enterprise = { id, uscc, name }
    await shot(page, '05-enterprise-created')

    await page.click('[data-test="enterprise-edit"]')
    await page.waitForURL(/\/edit$/)
    await page.waitForSelector('input[name="name"]')
    const newName = `e2e光电集团${RUN}`
    await page.fill('input[name="name"]', newName)
    await page.click('[data-test="enterprise-save"]')
    await page.waitForURL(/\/enterprises\/\d+$/)
    await page.waitForSelector(`[data-test="enterprise-name"]:has-text("${newName}")`)
    state.enterprise.name = newName
    const api = await state.admin.get(`/api/enterprises/${id}`)
    assert(api.body.name === newName, `API has name ${api.body.name}`)
  } finally {
    await shot(page, '05-enterprise-edited')
    await page.context().close()
  }
})

test('a bad USCC shows a field error next to the field', async () => {
  const page = await newPage()
  try {
    await uiLogin(page, ADMIN_USER, ADMIN_PASS)
    await page.goto(BASE + '/enterprises/new')
    await page.waitForSelector('input[name="uscc"]')
    await page.fill('input[name="uscc"]', breakUscc(makeUscc()))
    await page.fill('input[name="name"]', `e2e错误代码${RUN}`)
    await pickIndustry(page, '3670')
    await page.click('[data-test="enterprise-save"]')
    const msg = await fieldError(page, 'uscc')
    assert(/校验码/.test(msg), `uscc error says "${msg}"`)
    await shot(page, '06-uscc-checksum')

    // a duplicate USCC: the server answers 409 with field "uscc"
    if (!state.enterprise) {
      await state.admin.get('/api/enterprises?page_size=1') // names a missing route
      throw new Error('no enterprise from the previous case')
    }
    await page.fill('input[name="uscc"]', state.enterprise.uscc)
    await page.click('[data-test="enterprise-save"]')
    await page.waitForFunction(
      () => {
        const el = document.querySelector('[data-field="uscc"] .el-form-item__error')
        return el && !/校验码/.test(el.textContent)
      },
      null,
      { timeout: 10_000 },
    )
    const dup = await fieldError(page, 'uscc')
    assert(dup.length > 0, 'no duplicate-USCC message')
    assert(new URL(page.url()).pathname === '/enterprises/new', 'left the form despite the conflict')
  } finally {
    await shot(page, '06-uscc-duplicate')
    await page.context().close()
  }
})

test('import a CSV with bad rows shows the report', async () => {
  const page = await newPage()
  try {
    await uiLogin(page, ADMIN_USER, ADMIN_PASS)
    await page.goto(BASE + '/enterprises')
    await page.click('[data-test="enterprise-import"]')
    await page.waitForSelector('[data-test="import-dialog"] input[type="file"]', { state: 'attached' })
    const headers = await importHeaders()
    const good = makeUscc()
    const csv = [
      headers.map(csvCell).join(','),
      csvRow(headers, { uscc: good, name: `e2e导入企业${RUN}`, industry: '3670', capital: '500', date: '2019-05-01', building: 'B1栋', type: '内资' }),
      csvRow(headers, { uscc: breakUscc(makeUscc()), name: `e2e坏代码企业${RUN}`, industry: '3670', capital: '100', date: '2020-01-01', type: '内资' }),
      csvRow(headers, { uscc: makeUscc(), name: '', industry: '9999', capital: 'abc', date: '2020-13-45', type: '内资' }),
    ].join('\r\n')
    await page.setInputFiles('[data-test="import-dialog"] input[type="file"]', {
      name: 'e2e-import.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('\ufeff' + csv, 'utf8'),
    })
    const [resp] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/enterprises/import') && r.request().method() === 'POST'),
      page.click('[data-test="import-check"]'),
    ])
    if (resp.status() === 404 || resp.status() === 405) throw new MissingRoute('POST', '/api/enterprises/import')
    assert(resp.status() === 200, `dry run: HTTP ${resp.status()} ${(await resp.text()).slice(0, 200)}`)
    await page.waitForSelector('[data-test="import-report"]')
    await page.waitForSelector('[data-test="import-errors"] .el-table__body tr')
    const rows = await page.locator('[data-test="import-errors"] .el-table__body tr').count()
    assert(rows >= 2, `report lists ${rows} bad cells`)
    const invalid = (await page.textContent('[data-test="import-invalid"]')).trim()
    assert(/2/.test(invalid), `invalid count says "${invalid}"`)
    // nothing was written by the dry run
    const found = await state.admin.get(`/api/enterprises?q=${encodeURIComponent('e2e导入企业' + RUN)}`)
    assert(found.body.total === 0, 'the dry run wrote rows')
    await shot(page, '07-import-report')
    // import the valid row for real
    await page.click('[data-test="import-skip"]')
    await page.click('[data-test="import-confirm"]')
    await page.waitForSelector('[data-test="import-result"]')
    const after = await state.admin.get(`/api/enterprises?q=${encodeURIComponent('e2e导入企业' + RUN)}`)
    assert(after.body.total === 1, `after import found ${after.body.total}`)
  } finally {
    await shot(page, '07-import-done')
    await page.context().close()
  }
})

test('export downloads a real .xlsx', async () => {
  const page = await newPage()
  try {
    await uiLogin(page, ADMIN_USER, ADMIN_PASS)
    await page.goto(BASE + '/enterprises')
    await page.waitForSelector('[data-test="enterprise-table"]')
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.click('[data-test="enterprise-export"]')])
    const path = await download.path()
    const buf = readFileSync(path)
    assert(buf.length > 100, `file has ${buf.length} bytes`)
    assert(buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04, 'no zip signature (PK\\x03\\x04)')
    const files = unzip(buf)
    assert(files['xl/workbook.xml'] || files['[Content_Types].xml'], 'zip is not a workbook')
    const rows = xlsxRows(buf)
    const total = (await state.admin.get('/api/enterprises?page_size=1')).body.total
    assert(rows.length >= 1, 'the sheet is empty')
    if (rows.length - 1 !== total) console.log(`# export has ${rows.length - 1} data rows, the list ${total}`)
    if (state.enterprise) assert(rows.some((r) => r.includes(state.enterprise.uscc)), 'the export lacks the enterprise made earlier')
    assert(/\.xlsx$/i.test(download.suggestedFilename()), `file name ${download.suggestedFilename()}`)
  } catch (e) {
    // a missing export route shows as an error toast instead of a download
    const r = await state.admin.get('/api/enterprises/export?format=xlsx', { allowError: true }).catch((x) => x)
    if (r instanceof MissingRoute) throw r
    if (r && r.status === 404) throw new Error(`server lacks route GET /api/enterprises/export (404: ${r.body && r.body.error ? r.body.error.message : ''})`)
    throw e
  } finally {
    await shot(page, '08-export')
    await page.context().close()
  }
})

test('an enterprise user sees only its own enterprise', async () => {
  const mine = state.enterprise || (await ensureOtherEnterprise())
  const other = mine === state.other ? null : await ensureOtherEnterprise()
  const username = `e2e_ent_${RUN}`
  const password = strongPassword('ent')
  const res = await state.admin.post('/api/users', {
    username,
    display_name: 'e2e企业用户',
    role: 'enterprise',
    enterprise_id: mine.id, // and no department: an enterprise user has none
    password,
    phone: '',
    email: '',
  })
  const page = await newPage(PHONE)
  try {
    await uiLoginForced(page, username, password, strongPassword('ent2'))
    await page.waitForURL(/\/my-enterprise$/)
    await page.waitForSelector('[data-test="enterprise-name"]')
    const shown = await page.textContent('[data-test="enterprise-name"]')
    assert(shown.includes(mine.name), `shows "${shown.trim()}", not ${mine.name}`)
    // the API, as this user, lists only the one enterprise
    const list = await page.evaluate(async () => (await fetch('/api/enterprises?page_size=50')).json())
    assert(list.total === 1 && list.items.length === 1 && list.items[0].id === mine.id, `list has ${list.total} items`)
    await shot(page, '09-enterprise-user')
    if (other) {
      await page.goto(`${BASE}/enterprises/${other.id}`)
      await page.waitForSelector('[data-test="enterprise-detail"] .el-result, [data-test="enterprise-name"]')
      const leaked = await page.isVisible(`text=${other.name}`)
      assert(!leaked, 'another enterprise is visible')
    }
    // the phone layout: the menu is a drawer with only "我的企业" and the enterprise's request pages
    await page.click('[data-test="toggle-menu"]')
    await page.waitForSelector('[data-test="side-menu"] [data-menu]')
    await page.waitForTimeout(500) // the drawer slides in
    const keys = await menuKeys(page)
    const role = state.roles.find((r) => r.name === 'enterprise')
    const want = expectedMenu('enterprise', role ? role.permissions : ['enterprise.read'])
    assert(JSON.stringify(keys) === JSON.stringify(want), `menu ${keys} != ${want}`)
    assert(res.status === 201 || res.status === 200, `create user HTTP ${res.status}`)
  } finally {
    await shot(page, '09-enterprise-user-other')
    await page.context().close()
  }
})

test('an enterprise user reads the zone\'s announcements on the phone, unread first, and the desk sees the receipt', async () => {
  const DEMO_PASS = process.env.YQ_DEMO_PASS
  if (!DEMO_PASS) throw new Skip('YQ_DEMO_PASS is not set (the demo users are needed)')
  // the service center writes one for the enterprise's building, with an attachment, and publishes it
  const desk = await apiLogin('ccetdz-fuwu', DEMO_PASS)
  const ent = await apiLogin('ccetdz-qiye', DEMO_PASS)
  const own = (await desk.get(`/api/enterprises/${ent.user.enterprise_id}`)).body
  const title = `e2e惠企政策${RUN}`
  const made = await desk.post('/api/announcements', { title, body: `第一段：政策要点。\n第二段：申报截止${RUN}。`, category: 'policy', audience: 'building', audience_building: own.building })
  const id = made.body.id
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n')
  await desk.post(`/api/announcements/${id}/attachments`, undefined, { multipart: { file: { name: '申报指南.pdf', mimeType: 'application/pdf', buffer: pdf } } })
  await desk.post(`/api/announcements/${id}/publish`, {})
  // a draft for everyone, which the enterprise must not see
  await desk.post('/api/announcements', { title: `e2e草稿${RUN}`, body: '草稿。', category: 'notice' })
  await ent.dispose()
  const page = await newPage(PHONE)
  try {
    await uiLogin(page, 'ccetdz-qiye', DEMO_PASS)
    await page.goto(BASE + '/my-announcements')
    const card = page.locator(`[data-test="announce-card-${id}"]`)
    await card.waitFor()
    assert((await card.getAttribute('data-read')) === '0', 'the new announcement is unread')
    // unread first
    const reads = await page.$$eval('[data-test^="announce-card-"]', (els) => els.map((e) => e.getAttribute('data-read')))
    assert(reads.indexOf('1') === -1 || reads.lastIndexOf('0') < reads.indexOf('1'), `unread first: ${reads}`)
    assert(!(await page.isVisible(`text=e2e草稿${RUN}`)), 'a draft is shown to the enterprise')
    const cardText = await card.textContent()
    assert(cardText.includes('政策') && !/policy/.test(cardText), `Chinese labels, no codes: ${cardText}`)
    // the cards fit the phone: no sideways scrolling
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert(wide <= 1, `the page is ${wide}px wider than the phone`)
    await shot(page, '10-announcements-phone')
    await card.click()
    await page.waitForSelector('[data-test="announce-body"]')
    const body = await page.textContent('[data-test="announce-body"]')
    assert(body.includes(`申报截止${RUN}`), `body shown: ${body}`)
    const files = await page.textContent('[data-test="announce-files"]')
    assert(files.includes('申报指南.pdf'), `attachment listed: ${files}`)
    await shot(page, '10-announcement-read')
    await page.keyboard.press('Escape')
    await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('data-read') === '1', `[data-test="announce-card-${id}"]`)
  } finally {
    await page.context().close()
  }
  // the desk sees the receipt: one enterprise has read it, on the staff page too
  const after = (await desk.get(`/api/announcements/${id}`)).body
  assert(after.read_count === 1, `read_count ${after.read_count}`)
  const staff = await newPage()
  try {
    await uiLogin(staff, 'ccetdz-fuwu', DEMO_PASS)
    await staff.goto(`${BASE}/announcements/${id}`)
    await staff.waitForSelector('[data-test="announce-read-share"]')
    const share = await staff.textContent('[data-test="announce-read-share"]')
    assert(share.includes(`已读 1 / 发送 ${after.audience_size}`), `read share: ${share}`)
    assert((await staff.textContent('[data-test="announce-state"]')).includes('已发布'))
    await shot(staff, '10-announcement-receipts')
  } finally {
    await staff.context().close()
    await desk.post(`/api/announcements/${id}/withdraw`, {})
    await desk.dispose()
  }
})

// 工业物流 (issue 14): 三鑫电子 (海门's listed enterprise account) posts a part-load to 常州 on the
// phone, sees the demo's truck going there with room to spare among the matches, chooses it (which
// accepts it), and sees the trip confirmed once the service center confirms for the carrier.
test('freight: an enterprise posts a part-load on the phone and accepts a truck going its way', async () => {
  const DEMO_PASS = process.env.YQ_DEMO_PASS
  if (!DEMO_PASS) throw new Skip('YQ_DEMO_PASS is not set (the demo users are needed)')
  const goods = `e2e电子元器件${RUN}`
  const page = await newPage(PHONE)
  let loadId = null
  try {
    await uiLogin(page, 'hmetdz-qiye', DEMO_PASS)
    await page.goto(BASE + '/freight/mine')
    await page.waitForSelector('[data-test="freight-loads"]')
    // the demo's load of 2万元 of goods to 常州, on its truck, confirmed by both sides
    await page.waitForSelector('text=电子产品（贴片电感、变压器）')
    await page.click('[data-test="freight-load-new"]')
    const dlg = page.locator('[data-test="freight-load-dialog"]')
    await dlg.locator('[data-field="goods"] input').fill(goods)
    await dlg.locator('[data-field="goods_value"] input').fill('1.5')
    await dlg.locator('[data-field="weight_t"] input').fill('0.5')
    await dlg.locator('[data-field="volume_m3"] input').fill('2')
    await dlg.locator('[data-field="destination"] input').fill('常州')
    await dlg.locator('[data-field="price"] input').fill('300')
    await page.click('[data-test="freight-load-save"]')
    const card = page.locator('[data-test^="freight-load-"]', { hasText: goods }).first()
    await card.waitFor()
    loadId = Number((await card.getAttribute('data-test')).replace('freight-load-', ''))
    assert((await card.textContent()).includes('待匹配'), 'a new load waits for a truck')
    // the trucks that fit: the demo's one to 常州 (苏F3K268, 海门通达物流) among them
    await page.click(`[data-test="freight-matches-${loadId}"]`)
    const matches = page.locator(`[data-test="freight-matchlist-${loadId}"]`)
    const truck = matches.locator('[data-test^="freight-match-"]', { hasText: '苏F3K268' })
    await truck.waitFor()
    assert((await truck.textContent()).includes('常州'), 'the route is shown')
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert(wide <= 1, `the page is ${wide}px wider than the phone`)
    await shot(page, '14-freight-matches-phone')
    await truck.locator('[data-test^="freight-pick-"]').click()
    await page.waitForFunction((id) => document.querySelector(`[data-test="freight-load-status-${id}"]`)?.textContent.includes('已匹配'), loadId)
    assert((await card.textContent()).includes('苏F3K268'), 'the chosen truck is on the card')
    assert((await card.textContent()).includes('等待承运方确认'), 'waiting for the carrier')
  } finally {
    await page.context().close()
  }
  // the service center confirms for the carrier: the trip is arranged, and the enterprise told
  const desk = await apiLogin('hmetdz-fuwu', DEMO_PASS)
  try {
    const done = await desk.post(`/api/freight/loads/${loadId}/confirm`, {})
    assert(done.body.status === 'confirmed', `confirmed: ${done.body.status}`)
  } finally {
    await desk.dispose()
  }
  const again = await newPage(PHONE)
  try {
    await uiLogin(again, 'hmetdz-qiye', DEMO_PASS)
    await again.goto(BASE + '/freight/mine')
    await again.waitForFunction((id) => document.querySelector(`[data-test="freight-load-status-${id}"]`)?.textContent.includes('已确认'), loadId)
    await shot(again, '14-freight-confirmed-phone')
  } finally {
    await again.context().close()
  }
})

test('the cockpit shows the enterprise figures and charts', async () => {
  const stats = await state.admin.get('/api/stats/enterprises')
  const page = await newPage()
  try {
    await uiLogin(page, ADMIN_USER, ADMIN_PASS)
    await page.waitForSelector('[data-widget="enterprise-cards"] [data-card="total"] .value')
    const total = (await page.textContent('[data-card="total"] .value')).trim()
    assert(total === String(stats.body.total), `card says ${total}, API says ${stats.body.total}`)
    if (stats.body.total > 0) await page.waitForSelector('[data-widget="enterprise-industry"] canvas')
    await page.waitForTimeout(600) // let the charts finish their animation for the screenshot
  } finally {
    await shot(page, '01-cockpit')
    await page.context().close()
  }
})

test('switch the language to English and back', async () => {
  const page = await newPage()
  try {
    await uiLogin(page, ADMIN_USER, ADMIN_PASS)
    await page.click('[data-test="lang-trigger"]')
    await page.click('.el-dropdown-menu [data-test="lang-en"]')
    await page.waitForSelector('[data-menu="enterprises"]:has-text("Enterprises")')
    assert((await page.getAttribute('html', 'lang')) === 'en', 'html lang is not en')
    assert((await page.evaluate(() => localStorage.getItem('yq.locale'))) === 'en', 'locale not remembered')
    await page.reload()
    await page.waitForSelector('[data-menu="enterprises"]:has-text("Enterprises")')
    await shot(page, '10-english')
    // the server answers in English too
    const msg = await page.evaluate(async () => (await (await fetch('/api/nope', { headers: { 'Accept-Language': 'en' } })).json()).error.message)
    if (/[\u4e00-\u9fff]/.test(msg)) console.log(`# server message still Chinese with Accept-Language: en: ${msg}`)
    await page.click('[data-test="lang-trigger"]')
    await page.click('.el-dropdown-menu [data-test="lang-zh-CN"]')
    await page.waitForSelector('[data-menu="enterprises"]:has-text("企业库")')
    assert((await page.evaluate(() => localStorage.getItem('yq.locale'))) === 'zh-CN', 'locale not reset')
  } finally {
    await shot(page, '10-back-to-chinese')
    await page.context().close()
  }
})

test('an expired session goes back to the login page with a message', async () => {
  const page = await newPage()
  try {
    await uiLogin(page, ADMIN_USER, ADMIN_PASS)
    await page.context().clearCookies()
    // the next API call answers 401: that may be the notification bell's poll, before the
    // clicks below are done, so they may find the login page already
    const onLogin = () => /\/login/.test(page.url())
    if (!onLogin()) await page.click('[data-menu="system"]', { timeout: 5000 }).catch(() => {})
    if (!onLogin()) await page.click('[data-menu="users"]', { timeout: 5000 }).catch(() => {})
    await page.waitForURL(/\/login/)
    await page.waitForSelector('[data-test="login-notice"]')
    const text = await page.textContent('[data-test="login-notice"]')
    assert(/会话已过期，请重新登录/.test(text), `notice says "${text.trim()}"`)
  } finally {
    await shot(page, '11-session-expired')
    await page.context().close()
  }
})

test('an enterprise request goes from submission to 销号 through three desks', async () => {
  const DEMO_PASS = process.env.YQ_DEMO_PASS
  if (!DEMO_PASS) throw new Skip('YQ_DEMO_PASS is not set (the demo users are needed)')
  const title = `e2e招工难${RUN}`
  // a small but real PDF the enterprise attaches and the department downloads byte for byte
  const pdf = Buffer.from(`%PDF-1.4\n1 0 obj <<>> endobj\n% e2e ${RUN} ${'用工需求'.repeat(20)}\ntrailer <<>>\n%%EOF\n`, 'utf8')
  const pdfName = `用工需求表${RUN}.pdf`
  let id = null
  // 1. the enterprise submits on a phone
  let page = await newPage(PHONE)
  try {
    await uiLogin(page, 'ccetdz-qiye', DEMO_PASS)
    await page.click('[data-test="toggle-menu"]')
    await page.click('[data-menu="tickets"]')
    await page.click('[data-menu="ticket-new"]')
    await page.waitForURL(/\/tickets\/new$/)
    await page.waitForSelector('[data-test="ticket-form"]')
    await page.waitForTimeout(400) // the drawer closes
    // the form fits a 375 px screen: nothing scrolls sideways
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert(overflow <= 1, `the form is ${overflow}px wider than the phone`)
    await page.click('[data-field="category"] .el-select__wrapper')
    await page.locator('.category-popper .el-select-dropdown__item', { hasText: '用工' }).first().click()
    await page.fill('input[name="title"]', title)
    await page.fill('textarea[name="description"]', '新建产线需招聘普工100名，请协助对接人社部门和职业院校。')
    await page.fill('input[name="contact_name"]', '王立鑫')
    await page.fill('input[name="contact_phone"]', '13800000001')
    // the file is chosen on the form and uploaded once the request exists
    await page.setInputFiles('[data-test="ticket-files"] input[type="file"]', { name: pdfName, mimeType: 'application/pdf', buffer: pdf })
    await page.locator('[data-test="ticket-files"] .el-upload-list__item', { hasText: pdfName }).waitFor()
    await shot(page, '20-ticket-submit-phone')
    const [up] = await Promise.all([
      page.waitForResponse((r) => /\/api\/tickets\/\d+\/attachments$/.test(r.url()) && r.request().method() === 'POST'),
      page.click('[data-test="ticket-submit"]'),
    ])
    assert(up.status() === 201, `attachment upload: HTTP ${up.status()} ${(await up.text()).slice(0, 200)}`)
    await page.waitForURL(/\/tickets\/\d+$/)
    id = Number(new URL(page.url()).pathname.split('/').pop())
    await page.waitForSelector('[data-test="ticket-detail"] [data-status="received"]')
    await page.locator(`[data-test="attachment-item"][data-name="${pdfName}"]`).waitFor()
    await shot(page, '20-ticket-submitted')
    await page.goto(BASE + '/tickets/mine')
    await page.waitForSelector(`[data-test="ticket-table"] >> text=${title}`)
    await shot(page, '20-ticket-mine')
  } finally {
    await page.context().close()
  }

  // 2. the service center accepts it and routes it to 招商局 (协办 经济发展局)
  page = await newPage()
  try {
    await uiLogin(page, 'ccetdz-fuwu', DEMO_PASS)
    await page.click('[data-menu="tickets"]')
    await page.click('[data-menu="ticket-intake"]')
    await page.waitForURL(/\/tickets\/intake/)
    const row = page.locator('[data-test="ticket-table"] .el-table__body tr', { hasText: title })
    await row.waitFor()
    await shot(page, '21-ticket-intake')
    await row.locator('[data-test="row-triage"]').click()
    const dlg = page.locator('[data-test="triage-dialog"]')
    await dlg.waitFor()
    await dlg.locator('[data-field="dept_id"] .el-select__wrapper').click()
    await page.locator('.lead-dept-popper .el-tree-node__content', { hasText: '招商局' }).first().click()
    await dlg.locator('[data-field="co_dept_ids"] .el-select__wrapper').click()
    await page.locator('.co-depts-popper .el-select-dropdown__item', { hasText: '经济发展局' }).first().click()
    await dlg.locator('.el-dialog__title').click() // closes the dropdown, not the dialog
    await page.waitForTimeout(300) // the dropdown fades out
    await shot(page, '21-ticket-triage-dialog')
    const [resp] = await Promise.all([
      page.waitForResponse((r) => r.url().includes(`/api/tickets/${id}/accept`)),
      dlg.locator('[data-test="triage-submit"]').click(),
    ])
    assert(resp.status() === 200, `accept: HTTP ${resp.status()} ${(await resp.text()).slice(0, 200)}`)
    await row.waitFor({ state: 'detached' })
    await page.goto(`${BASE}/tickets/${id}`)
    await page.waitForSelector('[data-test="ticket-detail"] [data-status="assigned"]')
    const dept = (await page.textContent('[data-test="ticket-dept"]')) || ''
    assert(dept.includes('招商局'), `lead department shows "${dept.trim()}"`)
    await shot(page, '21-ticket-assigned')
  } finally {
    await page.context().close()
  }

  // 3. the head of 招商局 sees it in the worklist and under the bell (消息), opens it from the
  //    bell, downloads the enterprise's file, then starts and resolves it
  page = await newPage()
  try {
    await uiLogin(page, 'ccetdz-zhaoshang', DEMO_PASS)
    await page.goto(BASE + '/tickets/todo')
    const row = page.locator('[data-test="ticket-table"] .el-table__body tr', { hasText: title })
    await row.waitFor()
    await shot(page, '22-ticket-todo')
    const bell = page.locator('.header [data-test="notify-bell"]')
    await bell.waitFor()
    await page.waitForFunction(() => Number(document.querySelector('.header [data-test="notify-bell"]')?.dataset.unread) > 0)
    const unreadBefore = Number(await bell.getAttribute('data-unread'))
    const badge = ((await page.textContent('.header [data-test="notify-badge"] .el-badge__content')) || '').trim()
    assert(badge === (unreadBefore > 99 ? '99+' : String(unreadBefore)), `badge says "${badge}" for ${unreadBefore} unread`)
    await bell.click()
    await page.locator('[data-test="notify-panel"]').waitFor()
    await page.waitForTimeout(500)
    await shot(page, '22-notify-bell')
    const item = page.locator(`[data-test="notify-panel"] [data-test="notify-item"][data-ticket="${id}"]`)
    await item.waitFor()
    await item.locator('.notify-link').click()
    await page.waitForURL(new RegExp(`/tickets/${id}$`))
    await page.waitForFunction((n) => Number(document.querySelector('.header [data-test="notify-bell"]')?.dataset.unread) === n - 1, unreadBefore)
    const link = page.locator(`[data-test="attachment-item"][data-name="${pdfName}"] [data-test="attachment-download"]`)
    await link.waitFor()
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), link.click()])
    const got = readFileSync(await download.path())
    assert(got.equals(pdf), `the downloaded file differs (${got.length} bytes, sent ${pdf.length})`)
    assert(download.suggestedFilename() === pdfName, `downloaded as ${download.suggestedFilename()}`)
    await page.click('[data-test="ticket-actions"] [data-action="start"]')
    await page.click('[data-test="action-dialog-start"] [data-test="action-submit"]')
    await page.waitForSelector('[data-test="ticket-detail"] [data-status="in_progress"]')
    await page.click('[data-test="ticket-actions"] [data-action="resolve"]')
    await page.fill('[data-test="action-dialog-resolve"] textarea[name="answer"]', '已协调人社局举办专场招聘会，并对接长春职业技术学院订单班。')
    await shot(page, '22-ticket-resolve-dialog')
    await page.click('[data-test="action-dialog-resolve"] [data-test="action-submit"]')
    await page.waitForSelector('[data-test="ticket-detail"] [data-status="resolved"]')
    await page.waitForSelector('[data-test="ticket-answer"]')
    await shot(page, '22-ticket-resolved')
  } finally {
    await page.context().close()
  }

  // 4. the enterprise rates it 满意 and sees 已销号, with the whole timeline
  page = await newPage(PHONE)
  try {
    await uiLogin(page, 'ccetdz-qiye', DEMO_PASS)
    await page.goto(`${BASE}/tickets/${id}`)
    await page.waitForSelector('[data-test="ticket-detail"] [data-status="resolved"]')
    await page.click('[data-test="ticket-actions"] [data-action="rate"]')
    await page.click('[data-test="action-dialog-rate"] [data-rating="satisfied"]')
    await page.fill('[data-test="action-dialog-rate"] textarea[name="comment"]', '响应及时，问题已解决')
    await page.click('[data-test="action-dialog-rate"] [data-test="action-submit"]')
    await page.waitForSelector('[data-test="ticket-detail"] [data-status="closed"]')
    const status = (await page.textContent('[data-test="ticket-detail"] [data-status="closed"]')).trim()
    assert(status === '已销号', `status says "${status}"`)
    const events = await page.$$eval('[data-test="ticket-timeline"] [data-event]', (els) => els.map((e) => e.getAttribute('data-event')))
    for (const ev of ['submit', 'accept', 'start', 'resolve', 'rate']) assert(events.includes(ev), `timeline lacks ${ev}: ${events}`)
    await page.waitForTimeout(300)
    await shot(page, '23-ticket-closed')
  } finally {
    await page.context().close()
  }
})

test('a bureau signs a lead with its contract scan, the project office logs a check and a problem, the department answers, the office closes it (销号) and the leader reads the 龙虎榜 and its bulletin', async () => {
  const DEMO_PASS = process.env.YQ_DEMO_PASS
  if (!DEMO_PASS) throw new Skip('YQ_DEMO_PASS is not set (the demo users are needed)')
  const bureau = await apiLogin('ccetdz-zhaoshang', DEMO_PASS)
  const office = await apiLogin('ccetdz-xiangmu', DEMO_PASS)
  const name = `e2e光电产业园项目${RUN}`
  const contractNo = `HT-E2E-${RUN}`
  const scan = Buffer.from(`%PDF-1.4\n1 0 obj <<>> endobj\n% 投资合同 ${RUN}\ntrailer <<>>\n%%EOF\n`, 'utf8')
  const scanName = `投资合同扫描件${RUN}.pdf`
  const made = await bureau.post('/api/projects', { name, investor: 'e2e光电科技有限公司', total_investment: 60000, currency: 'CNY', stage: 'lead', source: 'business', level: 'city' })
  const id = made.body.id
  assert(made.body.stage === 'lead', `the new project is at ${made.body.stage}`)
  const problemTitle = `e2e施工用电接入${RUN}`
  let problemId = null
  let signDate = null

  // 1. the bureau finds the lead in its library and moves it to 签约: the dialog asks for the
  //    contract number and the scan, which is uploaded in the dialog and picked
  let page = await newPage()
  try {
    await uiLogin(page, 'ccetdz-zhaoshang', DEMO_PASS)
    await page.click('[data-menu="projects"]')
    await page.waitForURL(/\/projects(\?|$)/)
    await page.fill('[data-test="project-filters"] input[name="q"]', name)
    await page.click('[data-test="project-filters"] [data-test="search"]')
    const row = page.locator('[data-test="project-table"] .el-table__body tr', { hasText: name })
    await row.waitFor()
    assert((await row.textContent()).includes('6亿元'), 'the amount reads 6亿元')
    await shot(page, '30-project-library')
    await row.locator('a', { hasText: name }).click()
    await page.waitForURL(new RegExp(`/projects/${id}$`))
    await page.waitForSelector('[data-test="project-stage"][data-stage="lead"]')
    await page.click('[data-test="project-move"]')
    const dlg = page.locator('[data-test="move-dialog"]')
    await dlg.locator('[data-stage="signed"]').click()
    await dlg.locator('[data-test="move-save"]').click()
    assert((await fieldError(page, 'contract_no')) === '签约须填写合同编号', 'the dialog asks for the contract number')
    assert((await fieldError(page, 'attachment_id')).includes('合同扫描件'), 'the dialog asks for the scan')
    await dlg.locator('input[name="contract_no"]').fill(contractNo)
    const [up] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/projects/${id}/attachments`) && r.request().method() === 'POST'),
      page.setInputFiles('[data-test="move-upload"] input[type="file"]', { name: scanName, mimeType: 'application/pdf', buffer: scan }),
    ])
    assert(up.status() === 201, `scan upload: HTTP ${up.status()} ${(await up.text()).slice(0, 200)}`)
    await dlg.locator('[data-test="move-attachment"]', { hasText: scanName }).waitFor()
    await shot(page, '30-project-move-signed')
    const [moved] = await Promise.all([page.waitForResponse((r) => r.url().endsWith(`/api/projects/${id}/move`)), dlg.locator('[data-test="move-save"]').click()])
    assert(moved.status() === 200, `move: HTTP ${moved.status()} ${(await moved.text()).slice(0, 200)}`)
    const sent = moved.request().postDataJSON()
    assert(sent.to === 'signed' && sent.contract_no === contractNo && sent.attachment_id > 0, `the move sent ${JSON.stringify(sent)}`)
    signDate = sent.date
    await page.waitForSelector('[data-test="project-stage"][data-stage="signed"]')
    await page.waitForSelector('[data-test="project-steps"] [data-step="signed"][data-state="current"]')
    await page.click('.el-tabs__item:has-text("项目动态")')
    await page.locator('[data-test="project-timeline"] [data-event="move"]', { hasText: contractNo }).waitFor()
    await shot(page, '30-project-signed')
  } finally {
    await page.context().close()
  }
  const signed = (await bureau.get(`/api/projects/${id}`)).body
  assert(signed.stage === 'signed' && signed.sign_date === signDate && signed.contract_no === contractNo, `stage ${signed.stage}, signed on ${signed.sign_date}`)
  assert(signed.attachments.some((a) => a.name === scanName), 'the scan is among the project attachments')
  const scanBack = await bureau.getRaw(`/api/projects/${id}/attachments/${signed.attachments.find((a) => a.name === scanName).id}`)
  assert(Buffer.compare(scanBack.body, scan) === 0, 'the scan comes back byte for byte')

  // 2. the project office logs a site check and a problem of the project for 企业服务中心
  page = await newPage()
  try {
    await uiLogin(page, 'ccetdz-xiangmu', DEMO_PASS)
    await page.goto(`${BASE}/projects/${id}`)
    await page.waitForSelector('[data-test="project-stage"][data-stage="signed"]')
    await page.click('.el-tabs__item:has-text("现场检查")')
    await page.click('[data-test="check-new"]')
    const check = page.locator('[data-test="check-dialog"]')
    await check.locator('textarea[name="notes"]').fill(`场地平整完成，围挡已建${RUN}`)
    await check.locator('textarea[name="problems"]').fill('临时用电未接入')
    const [made] = await Promise.all([page.waitForResponse((r) => r.url().endsWith(`/api/projects/${id}/checks`) && r.request().method() === 'POST'), page.click('[data-test="check-save"]')])
    assert(made.status() === 201, `log the check: HTTP ${made.status()} ${(await made.text()).slice(0, 200)}`)
    await page.locator('[data-test="check-table"] .el-table__body tr', { hasText: `围挡已建${RUN}` }).waitFor()
    await page.click('.el-tabs__item:has-text("问题清单")')
    await page.click('[data-test="problem-new"]')
    const dlg = page.locator('[data-test="problem-dialog-create"]')
    await dlg.locator('input[name="title"]').fill(problemTitle)
    await dlg.locator('textarea[name="detail"]').fill('厂区临时用电尚未接入，影响开工准备。')
    await dlg.locator('[data-field="dept_id"] .el-select__wrapper').click()
    await page.locator('.problem-dept-popper .el-select-dropdown__item', { hasText: '企业服务中心' }).first().click()
    const [resp] = await Promise.all([page.waitForResponse((r) => r.url().endsWith(`/api/projects/${id}/problems`)), dlg.locator('[data-test="problem-save"]').click()])
    assert(resp.status() === 201, `log the problem: HTTP ${resp.status()} ${(await resp.text()).slice(0, 200)}`)
    problemId = (await resp.json()).id
    await page.locator('[data-test="problem-table"] .el-table__body tr', { hasText: problemTitle }).waitFor()
    await shot(page, '31-project-problem-logged')
  } finally {
    await page.context().close()
  }

  // 3. the department is told by its bell: the notification leads to the problem on the board,
  //    its drawer open; it answers there
  page = await newPage()
  try {
    await uiLogin(page, 'ccetdz-fuwu', DEMO_PASS)
    await page.click('.header [data-test="notify-bell"]')
    const note = page.locator(`[data-test="notify-panel"] [data-test="notify-item"][data-item="problem_id"][data-item-id="${problemId}"]`)
    await note.waitFor()
    const noteText = (await note.textContent()) || ''
    assert(noteText.includes('新交办项目问题') && noteText.includes(problemTitle), `the notification reads "${noteText.trim()}"`)
    assert(/WT\d{4}-\d{4}/.test(noteText), 'the notification shows the problem number')
    await page.waitForTimeout(300) // the dropdown fades in
    await shot(page, '32-project-problem-notified')
    await note.locator('.notify-link').click()
    await page.waitForURL(new RegExp(`/projects/problems\\?problem=${problemId}$`))
    const drawer = page.locator('[data-test="problem-drawer"]')
    await drawer.locator('.el-drawer__title', { hasText: problemTitle }).waitFor()
    await page.locator(`[data-test="problem-column-open"] [data-test="problem-card-${problemId}"]`).waitFor()
    await drawer.locator('[data-action="answer"]').click()
    const dlg = page.locator('[data-test="problem-dialog-answer"]')
    await dlg.locator('textarea[name="reply"]').fill('已协调供电公司，临时用电本周内接入。')
    const [resp] = await Promise.all([page.waitForResponse((r) => r.url().endsWith(`/problems/${problemId}/answer`)), dlg.locator('[data-test="problem-save"]').click()])
    assert(resp.status() === 200, `answer: HTTP ${resp.status()} ${(await resp.text()).slice(0, 200)}`)
    await drawer.locator('[data-test="problem-status"][data-status="answered"]').waitFor()
    await page.locator(`[data-test="problem-column-answered"] [data-test="problem-card-${problemId}"]`).waitFor()
    await shot(page, '32-project-problem-answered')
  } finally {
    await page.context().close()
  }

  // 4. the project office closes it (销号) with its note
  page = await newPage()
  try {
    await uiLogin(page, 'ccetdz-xiangmu', DEMO_PASS)
    await page.goto(BASE + '/projects/problems')
    await page.click(`[data-test="problem-column-answered"] [data-test="problem-card-${problemId}"]`)
    const drawer = page.locator('[data-test="problem-drawer"]')
    await drawer.locator('[data-test="problem-reply"]', { hasText: '临时用电本周内接入' }).waitFor()
    await drawer.locator('[data-action="close"]').click()
    const dlg = page.locator('[data-test="problem-dialog-close"]')
    await dlg.locator('textarea[name="note"]').fill('现场核实已通电，予以销号。')
    const [resp] = await Promise.all([page.waitForResponse((r) => r.url().endsWith(`/problems/${problemId}/close`)), dlg.locator('[data-test="problem-save"]').click()])
    assert(resp.status() === 200, `close: HTTP ${resp.status()} ${(await resp.text()).slice(0, 200)}`)
    await drawer.locator('[data-test="problem-status"][data-status="closed"]').waitFor()
    await page.locator(`[data-test="problem-column-closed"] [data-test="problem-card-${problemId}"]`).waitFor()
    await shot(page, '33-project-problem-closed')
  } finally {
    await page.context().close()
  }
  const closed = (await office.get(`/api/projects/problems/${problemId}`)).body
  assert(closed.status === 'closed' && closed.close_note === '现场核实已通电，予以销号。', `the problem is ${closed.status}`)
  assert(['create', 'answer', 'close'].every((a) => closed.timeline.some((ev) => ev.action === a)), 'the problem timeline has its three steps')

  // 5. the leader opens the 龙虎榜 (the bureau ranked on this year's target) and downloads the
  //    weekly bulletin of the week shown
  const admin = state.admin || (await apiLogin(ADMIN_USER, ADMIN_PASS))
  await admin.put('/api/projects/targets', { year: Number(signDate.slice(0, 4)), dept_id: bureau.user.dept_id, signed_count: 20, signed_amount: 500000, count_100m: 5, count_500m: 2, count_1000m: 1, count_usd100m: 1, funds: 100000, started_count: 10, producing_count: 5 })
  page = await newPage()
  try {
    await uiLogin(page, 'ccetdz-leader', DEMO_PASS)
    await page.click('[data-menu="project-leaderboard"]')
    await page.waitForURL(/\/projects\/leaderboard/)
    const row = page.locator('[data-test="leaderboard-table"] .el-table__body tr', { hasText: '招商局' })
    await row.waitFor()
    assert(Number(await row.locator('[data-rank]').getAttribute('data-rank')) >= 1, 'the bureau has a rank')
    const week = ((await page.textContent('[data-test="week-text"]')) || '').trim().slice(0, 8)
    assert(/^\d{4}-W\d{2}$/.test(week), `the week reads "${week}"`)
    await shot(page, '34-project-leaderboard')
    const route = await admin.getRaw(`/api/projects/bulletin?week=${week}&format=pdf`)
    if (route.status === 404) throw new MissingRoute('GET', '/api/projects/bulletin')
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.click('[data-test="bulletin-download"]')])
    const buf = readFileSync(await download.path())
    assert(buf.subarray(0, 5).toString() === '%PDF-', 'the bulletin is a PDF')
    assert(/\.pdf$/i.test(download.suggestedFilename()), `file name ${download.suggestedFilename()}`)
  } finally {
    await page.context().close()
    await bureau.dispose()
    await office.dispose()
    if (admin !== state.admin) await admin.dispose()
  }
})

test('a bureau convenes a 会审, brings its project, decides on it and closes with the minutes; the leader reads the month\'s evaluation; the admin sets the dispatch rules', async () => {
  const DEMO_PASS = process.env.YQ_DEMO_PASS
  if (!DEMO_PASS) throw new Skip('YQ_DEMO_PASS is not set (the demo users are needed)')
  const bureau = await apiLogin('ccetdz-zhaoshang', DEMO_PASS)
  const name = `e2e会审新能源项目${RUN}`
  const title = `e2e招商会审${RUN}`
  const made = await bureau.post('/api/projects', { name, investor: 'e2e新能源有限公司', total_investment: 12000, currency: 'CNY', stage: 'negotiating', source: 'expo', level: 'district' })
  const pid = made.body.id
  let rid = null

  // 1. the bureau convenes the meeting from its menu and brings its project
  let page = await newPage()
  try {
    await uiLogin(page, 'ccetdz-zhaoshang', DEMO_PASS)
    await page.click('[data-menu="project-reviews"]')
    await page.waitForURL(/\/projects\/reviews(\?|$)/)
    await page.waitForSelector('[data-test="review-table"]')
    await page.click('[data-test="review-new"]')
    const dlg = page.locator('[data-test="review-dialog"]')
    const suggested = await dlg.locator('input[name="title"]').inputValue()
    assert(/^\d{4}年第\d{1,2}周项目会审$/.test(suggested), `the suggested title is "${suggested}"`)
    await dlg.locator('input[name="title"]').fill(title)
    const [created] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/projects/reviews') && r.request().method() === 'POST'),
      page.click('[data-test="review-save"]'),
    ])
    assert(created.status() === 201, `convene: HTTP ${created.status()} ${(await created.text()).slice(0, 200)}`)
    rid = (await created.json()).id
    await page.waitForURL(new RegExp(`/projects/reviews/${rid}$`))
    await page.locator('[data-test="review-title"]', { hasText: title }).waitFor()
    await page.click('[data-test="review-add"]')
    const add = page.locator('[data-test="review-add-dialog"]')
    await add.locator('[data-field="project_id"] .el-select__wrapper').click()
    await page.keyboard.type(name)
    await page.locator('.review-project-popper .el-select-dropdown__item', { hasText: name }).first().click()
    const [added] = await Promise.all([page.waitForResponse((r) => r.url().endsWith(`/api/projects/reviews/${rid}/items`)), page.click('[data-test="review-add-save"]')])
    assert(added.status() === 200, `bring the project: HTTP ${added.status()} ${(await added.text()).slice(0, 200)}`)
    const item = page.locator(`[data-test="review-agenda"] [data-agenda="${pid}"]`)
    await item.waitFor()
    assert((await item.getAttribute('data-decision')) === 'none', 'the project waits for its decision')
    await shot(page, '35-project-review-agenda')

    // 2. closing before deciding: the server's refusal, in the dialog
    await page.click('[data-test="review-close"]')
    const close = page.locator('[data-test="review-close-dialog"]')
    await close.locator('textarea[name="minutes"]').fill('会议纪要（草稿）')
    const [refused] = await Promise.all([page.waitForResponse((r) => r.url().endsWith(`/api/projects/reviews/${rid}/close`)), page.click('[data-test="review-close-save"]')])
    assert(refused.status() === 409, `an early close: HTTP ${refused.status()}`)
    const why = ((await close.locator('[data-test="review-close-error"]').textContent()) || '').trim()
    assert(why.includes('还有 1 个项目未作会审决定'), `the dialog says "${why}"`)
    await shot(page, '35-project-review-close-refused')
    await close.locator('.el-dialog__footer button', { hasText: '取消' }).click()
    await close.waitFor({ state: 'hidden' })

    // 3. the decision: 推进, with the meeting's request
    await page.click(`[data-decide="${pid}"]`)
    const decide = page.locator('[data-test="review-decide-dialog"]')
    await decide.locator('[data-decision="advance"]').click()
    await decide.locator('textarea[name="note"]').fill('同意推进，月底前完成签约。')
    const [decided] = await Promise.all([page.waitForResponse((r) => r.url().endsWith(`/api/projects/reviews/${rid}/decide`)), page.click('[data-test="review-decide-save"]')])
    assert(decided.status() === 200, `decide: HTTP ${decided.status()} ${(await decided.text()).slice(0, 200)}`)
    assert(JSON.stringify(decided.request().postDataJSON()) === JSON.stringify({ project_id: pid, decision: 'advance', note: '同意推进，月底前完成签约。' }), `the decision sent ${decided.request().postData()}`)
    await page.locator(`[data-test="review-agenda"] [data-agenda="${pid}"][data-decision="advance"]`).waitFor()

    // 4. closed with the minutes
    await page.click('[data-test="review-close"]')
    await close.locator('textarea[name="minutes"]').fill(`${title}：新能源项目同意推进。`)
    const [closed] = await Promise.all([page.waitForResponse((r) => r.url().endsWith(`/api/projects/reviews/${rid}/close`)), page.click('[data-test="review-close-save"]')])
    assert(closed.status() === 200, `close: HTTP ${closed.status()} ${(await closed.text()).slice(0, 200)}`)
    await page.locator('[data-test="review-minutes"]', { hasText: '新能源项目同意推进' }).waitFor()
    await page.locator('[data-test="review-status"][data-status="closed"]').waitFor()
    assert((await page.locator('[data-test="review-add"], [data-test="review-close"], [data-decide]').count()) === 0, 'a closed meeting offers no writes')
    await close.waitFor({ state: 'hidden' })
    await shot(page, '35-project-review-closed')
  } finally {
    await page.context().close()
  }
  const rv = (await bureau.get(`/api/projects/reviews/${rid}`)).body
  assert(rv.status === 'closed' && rv.items.length === 1 && rv.items[0].decision === 'advance', `the meeting is ${rv.status} with ${JSON.stringify(rv.items)}`)
  const events = (await bureau.get(`/api/projects/${pid}/timeline`)).body.items
  assert(events.some((ev) => ev.action === 'review' && (ev.body || '').includes('会审决定：推进') && (ev.body || '').includes('月底前完成签约')), 'the decision is on the project timeline')

  // the project advances as decided: signed today (China's day) with its scan, and the project
  // office plans this month's investment, which nobody has reported yet
  const day = new Date(Date.parse(made.body.created_at) + 8 * 3600 * 1000).toISOString().slice(0, 10)
  const month = day.slice(0, 7)
  const scan = await bureau.post(`/api/projects/${pid}/attachments`, undefined, { multipart: { file: { name: `会审项目合同${RUN}.pdf`, mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') } } })
  await bureau.post(`/api/projects/${pid}/move`, { to: 'signed', date: day, contract_no: `HT-HS-${RUN}`, attachment_id: scan.body.id })
  await bureau.dispose()
  const office = await apiLogin('ccetdz-xiangmu', DEMO_PASS)
  await office.put(`/api/projects/${pid}/invest`, { year: Number(day.slice(0, 4)), months: [{ month, planned: 500 }] })
  await office.dispose()

  // 5. the leader reads this month's evaluation: the projects lowest first, each deduction with
  //    its rule; the new project loses 40 for its unreported investment
  const leader = await apiLogin('ccetdz-leader', DEMO_PASS)
  page = await newPage()
  try {
    await uiLogin(page, 'ccetdz-leader', DEMO_PASS)
    await page.click('[data-menu="project-evaluation"]')
    await page.waitForURL(/\/projects\/evaluation/)
    await page.waitForSelector('[data-test="evaluation-table"]')
    const [resp] = await Promise.all([page.waitForResponse((r) => r.url().includes(`/api/projects/evaluation?month=${month}`)), page.goto(`${BASE}/projects/evaluation?month=${month}`)])
    assert(resp.status() === 200, `evaluation: HTTP ${resp.status()}`)
    const api = (await leader.get(`/api/projects/evaluation?month=${month}`)).body
    const mine = api.items.find((x) => x.project_id === pid)
    assert(mine && mine.deductions.invest === 40 && mine.score === 60, `the project is evaluated ${JSON.stringify(mine)}`)
    const rows = page.locator('[data-test="evaluation-table"] .el-table__body tr')
    await rows.first().waitFor()
    assert((await rows.count()) === api.items.length, `${await rows.count()} rows for ${api.items.length} projects`)
    assert((await rows.first().locator(`[data-project="${api.items[0].project_id}"]`).count()) === 1, 'the lowest score comes first')
    const row = rows.filter({ has: page.locator(`[data-project="${pid}"]`) })
    assert(Number(await row.locator('[data-score]').getAttribute('data-score')) === 60, 'the score is the server\'s')
    const invest = ((await row.locator('[data-deduction="invest"]').textContent()) || '').replace(/\s+/g, '')
    assert(invest.includes('−40.0') && invest.includes('计划500万元，未填报'), `the investment deduction reads "${invest}"`)
    assert((await page.locator('[data-test="evaluation-depts"] .el-table__body tr').count()) === api.by_dept.length, 'every bureau has its mean')
    await page.hover('[data-test="evaluation-table"] [data-rule="late"]')
    const tip = page.locator('.el-popper:visible', { hasText: '每滞后 1 天扣 1 分' })
    await tip.waitFor()
    assert((await page.locator('.el-alert--error').count()) === 0, 'the evaluation page shows an error')
    await shot(page, '36-project-evaluation')
  } finally {
    await page.context().close()
    await leader.dispose()
  }

  // 6. the admin sets the zone's rules: an error under its field first, then saved (and put back)
  const admin = state.admin || (await apiLogin(ADMIN_USER, ADMIN_PASS))
  const before = (await admin.get('/api/projects/settings')).body
  page = await newPage()
  try {
    await uiLogin(page, ADMIN_USER, ADMIN_PASS)
    await page.goto(BASE + '/system/project-rules')
    await page.waitForSelector('[data-field="amber_days"] input')
    const keys = await menuKeys(page)
    assert(keys.includes('project-settings'), `the admin's menu lacks 项目调度规则: ${keys}`)
    await page.fill('[data-field="red_ratio"] input', String(Math.round(before.amber_ratio * 100) + 5))
    await page.click('[data-test="settings-save"]')
    assert((await fieldError(page, 'red_ratio')) === '红色投资比例不能高于黄色投资比例', 'red above amber is refused under its field')
    await page.fill('[data-field="red_ratio"] input', String(Math.round(before.red_ratio * 100)))
    await page.fill('[data-field="amber_days"] input', String(before.amber_days + 3))
    await page.click('[data-test="settings-permit-add"]')
    const n = before.permits.length
    await page.fill(`[data-test="settings-permits"] input[name="permit-${n}"]`, `e2e审批${RUN}`)
    const [saved] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/projects/settings') && r.request().method() === 'PUT'), page.click('[data-test="settings-save"]')])
    assert(saved.status() === 200, `save the rules: HTTP ${saved.status()} ${(await saved.text()).slice(0, 200)}`)
    const after = (await admin.get('/api/projects/settings')).body
    assert(after.amber_days === before.amber_days + 3 && after.permits.includes(`e2e审批${RUN}`) && after.red_ratio === before.red_ratio, `the rules read ${JSON.stringify(after)}`)
    await page.locator('[data-test="settings-rule"] li.amber', { hasText: `${before.amber_days + 3} 天` }).waitFor()
    await shot(page, '37-project-settings')
  } finally {
    await page.context().close()
    await admin.put('/api/projects/settings', before)
    if (admin !== state.admin) await admin.dispose()
  }
})

test('an enterprise files last month on the phone and adds the note a big change asks for, the 经发局 returns it with a note, the enterprise files again, and the leader reads 同比', async () => {
  const DEMO_PASS = process.env.YQ_DEMO_PASS
  if (!DEMO_PASS) throw new Skip('YQ_DEMO_PASS is not set (the demo users are needed)')
  // months in the zone's time (UTC+8): last month and the one before it
  const shift = (ym, d) => {
    const [y, m] = ym.split('-').map(Number)
    const k = y * 12 + m - 1 + d
    return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`
  }
  const THIS = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 7)
  const LAST = shift(THIS, -1)
  const BEFORE = shift(THIS, -2)
  const admin = state.admin || (await apiLogin(ADMIN_USER, ADMIN_PASS))
  const ent = await apiLogin('ccetdz-qiye', DEMO_PASS)
  const entId = ent.user.enterprise_id
  await ent.dispose()
  // last month open whatever the day (locked after its deadline, the 8th); the month before filed
  // by the admin for the enterprise (its deadline has passed: with a reason), so that a value far
  // off it asks for a note
  const period = (await admin.get(`/api/economy/periods/${LAST}`)).body
  if (period.state !== 'open') await admin.put(`/api/economy/periods/${LAST}`, { deadline: '2099-12-31' })
  await admin.post('/api/economy/reports', { period: BEFORE, enterprise_id: entId, values: { revenue: 100, tax: 20 }, reason: `e2e补报上月数据${RUN}` })
  const returnNote = `营业收入较上月增长过大，请核实后重报${RUN}`
  let reportId = null

  // 1. the enterprise, on a phone, files last month: revenue five times last month's is kept
  //    and named; the page asks for the note under it; filed again with the note
  let page = await newPage(PHONE)
  try {
    await uiLogin(page, 'ccetdz-qiye', DEMO_PASS)
    await page.click('[data-test="toggle-menu"]')
    await page.click('[data-menu="economy-report"]')
    await page.waitForURL(/\/economy\/report$/)
    await page.waitForSelector('[data-test="econ-period-state"][data-state="open"]')
    assert(((await page.textContent('[data-test="econ-period-state"]')) || '').trim() === '报送中', 'the month reads 报送中')
    assert((await page.inputValue('[data-test="econ-month"] input')) === LAST, 'last month is picked')
    await page.waitForSelector('[data-test="econ-report-status"][data-status=""]')
    await page.fill('input[name="value-revenue"]', '500')
    await page.fill('input[name="value-tax"]', '25')
    await page.fill('input[name="value-employees"]', '36')
    await page.keyboard.press('Tab')
    let [resp] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/economy/reports') && r.request().method() === 'POST'), page.click('[data-test="econ-submit"]')])
    assert(resp.status() === 200, `file: HTTP ${resp.status()} ${(await resp.text()).slice(0, 200)}`)
    const filed = await resp.json()
    reportId = filed.id
    assert(filed.warnings.some((w) => w.code === 'revenue'), `the filing warns about revenue: ${JSON.stringify(filed.warnings)}`)
    const sent = resp.request().postDataJSON()
    assert(sent.period === LAST && sent.values.revenue === 500 && sent.values.tax === 25 && sent.values.employees === 36, `sent ${JSON.stringify(sent)}`)
    await page.waitForSelector('[data-test="econ-warnings"]')
    assert(((await page.textContent('[data-test="econ-warnings"]')) || '').includes('营业收入'), 'the warning names 营业收入')
    assert((await fieldError(page, 'notes.revenue')).includes('营业收入'), 'the note of 营业收入 is asked for under it')
    assert(((await page.textContent('[data-test="econ-compare-revenue"]')) || '').includes('上月 100万元'), 'last month shows beside the value')
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert(wide <= 1, `the page is ${wide}px wider than the phone`)
    await shot(page, '40-economy-report-warning')
    await page.fill('input[name="note-revenue"]', '新签大额订单，销售增长')
    ;[resp] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/economy/reports') && r.request().method() === 'POST'), page.click('[data-test="econ-submit"]')])
    assert(resp.status() === 200, `file again: HTTP ${resp.status()}`)
    const again = await resp.json()
    assert(again.warnings.length === 0 && again.revision === 2, `filed again: revision ${again.revision}, warnings ${JSON.stringify(again.warnings)}`)
    await page.waitForSelector('[data-test="econ-warnings"]', { state: 'detached' })
    await page.waitForSelector('[data-test="econ-report-status"][data-status="submitted"]')
    assert(((await page.textContent('[data-test="econ-report-head"]')) || '').includes('第 2 次报送'), 'the second filing')
    await shot(page, '40-economy-report-filed')
  } finally {
    await page.context().close()
  }

  // 2. the 经发局 reads it in 报表审核 (the big change highlighted) and returns it with a note
  page = await newPage()
  try {
    await uiLogin(page, 'ccetdz-jingfa', DEMO_PASS)
    await page.click('[data-menu="economy-review"]')
    await page.waitForURL(/\/economy\/reviews/)
    await page.locator(`[data-test="econ-view-${reportId}"]`).first().click()
    const drawer = page.locator('[data-test="econ-report-drawer"]')
    await drawer.locator('[data-test="econ-off-count"]').waitFor()
    assert(((await drawer.locator('[data-code="revenue"]').first().getAttribute('data-off')) || '') === '1', 'revenue is highlighted')
    assert(((await drawer.textContent()) || '').includes('新签大额订单'), 'the enterprise\'s note shows')
    await shot(page, '41-economy-review-drawer')
    await drawer.locator('[data-test="econ-drawer-return"]').click()
    const dlg = page.locator('[data-test="econ-return-dialog"]')
    await dlg.locator('textarea[name="note"]').waitFor()
    await page.click('[data-test="econ-return-save"]')
    assert((await fieldError(page, 'note')) === '请填写退回意见', 'the return asks for its note')
    await dlg.locator('textarea[name="note"]').fill(returnNote)
    const [resp] = await Promise.all([page.waitForResponse((r) => r.url().endsWith(`/api/economy/reports/${reportId}/return`)), page.click('[data-test="econ-return-save"]')])
    assert(resp.status() === 200, `return: HTTP ${resp.status()} ${(await resp.text()).slice(0, 200)}`)
    await page.waitForSelector(`[data-test="econ-status-${reportId}"][data-status="returned"]`)
    await page.keyboard.press('Escape')
    // 应报未报: the 规上 enterprises without last month's report (nothing is required of this one)
    const jingfa = await apiLogin('ccetdz-jingfa', DEMO_PASS)
    const missing = (await jingfa.get(`/api/economy/missing?period=${LAST}`)).body
    await jingfa.dispose()
    await page.click('.el-tabs__item:has-text("应报未报")')
    await page.locator('[data-test="econ-missing-total"]', { hasText: `${LAST} 应报未报 ${missing.total} 家` }).waitFor()
    if (missing.items.length) await page.locator('[data-test="econ-missing-table"] .el-table__body tr', { hasText: missing.items[0].name }).first().waitFor()
    assert((await page.locator('[data-test="econ-missing-table"] .el-table__body tr').count()) === missing.items.length, 'every enterprise that has not filed is listed')
    assert(!missing.items.some((x) => x.enterprise_id === entId), 'nothing is required of the enterprise, which is not 规上')
    await shot(page, '41-economy-review-missing')
  } finally {
    await page.context().close()
  }

  // 3. the enterprise sees the note and files again
  page = await newPage(PHONE)
  try {
    await uiLogin(page, 'ccetdz-qiye', DEMO_PASS)
    await page.goto(BASE + '/economy/report')
    await page.waitForSelector('[data-test="econ-report-status"][data-status="returned"]')
    assert(((await page.textContent('[data-test="econ-review-note"]')) || '').includes(returnNote), 'the 经发局\'s note shows')
    assert((await page.inputValue('input[name="value-revenue"]')) === '500', 'the values filed are in the form')
    await shot(page, '42-economy-report-returned')
    await page.fill('input[name="value-revenue"]', '480')
    await page.keyboard.press('Tab')
    const [resp] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/economy/reports') && r.request().method() === 'POST'), page.click('[data-test="econ-submit"]')])
    assert(resp.status() === 200, `file after the return: HTTP ${resp.status()} ${(await resp.text()).slice(0, 200)}`)
    await page.waitForSelector('[data-test="econ-report-status"][data-status="submitted"]')
  } finally {
    await page.context().close()
  }
  const back = (await admin.get(`/api/economy/reports/${reportId}`)).body
  assert(back.status === 'submitted' && back.revision >= 3 && back.values.find((v) => v.code === 'revenue').value === 480, `the report is ${back.status}, revision ${back.revision}`)

  // 4. the leader reads 经济指标: the month's figures with 同比, and the chart
  const leader = await apiLogin('ccetdz-leader', DEMO_PASS)
  const summary = (await leader.get(`/api/economy/summary?period=${LAST}`)).body
  await leader.dispose()
  const output = summary.items.find((x) => x.code === 'output')
  assert(output && output.ytd_yoy != null, `the zone's output has a 同比: ${JSON.stringify(output)}`)
  page = await newPage()
  try {
    await uiLogin(page, 'ccetdz-leader', DEMO_PASS)
    await page.click('[data-menu="economy-summary"]')
    await page.waitForURL(/\/economy\/summary$/)
    const row = page.locator('[data-test="econ-summary-table"] .el-table__body tr', { has: page.locator('[data-code="output"]') })
    await row.first().waitFor()
    const yoy = ((await row.first().locator('[data-col="ytd_yoy"]').first().textContent()) || '').trim()
    const want = `${output.ytd_yoy > 0 ? '+' : ''}${(Math.round(output.ytd_yoy * 1000) / 10).toFixed(1)}%`
    assert(yoy === want, `累计同比 reads ${yoy}, the API says ${want}`)
    assert(/亿元|万元/.test((await row.first().textContent()) || ''), 'amounts read in 万元 or 亿元')
    await page.waitForSelector('[data-test="econ-yoy-chart"] canvas')
    assert((await page.locator('.el-alert--error').count()) === 0, 'the page shows an error')
    await page.waitForTimeout(600) // the chart's animation, for the screenshot
    await shot(page, '43-economy-summary')
  } finally {
    await page.context().close()
    if (admin !== state.admin) await admin.dispose()
  }
})

test('a 包保 leader opens 包保企业, sets next month\'s target for one of his enterprises and sees it in the list, records the month\'s 调度 with a request, and reads the page on the phone', async () => {
  const DEMO_PASS = process.env.YQ_DEMO_PASS
  if (!DEMO_PASS) throw new Skip('YQ_DEMO_PASS is not set (the demo users are needed)')
  // months in the zone's time (UTC+8): this month and the next
  const shift = (ym, d) => {
    const [y, m] = ym.split('-').map(Number)
    const k = y * 12 + m - 1 + d
    return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`
  }
  const THIS = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 7)
  const NEXT = shift(THIS, 1)
  const admin = state.admin || (await apiLogin(ADMIN_USER, ADMIN_PASS))
  const digits = (s) => String(s || '').replace(/[^\d.]/g, '')

  // a demo user who leads a 包保 enterprise (the demo gives the 规上 ones to the zone's leaders
  // and heads); if none does, the admin makes the zone leader the leader of one
  let who = null
  let ent = null
  for (const username of ['ccetdz-leader', 'ccetdz-jingfa', 'ccetdz-zhaoshang', 'ccetdz-xiangmu']) {
    const c = await apiLogin(username, DEMO_PASS)
    try {
      const list = (await c.get(`/api/economy/baobao?period=${NEXT}`)).body
      const mine = (list.items || []).find((x) => x.leader_id === c.user.id)
      if (mine) {
        who = { username, id: c.user.id }
        ent = { id: mine.enterprise_id, name: mine.enterprise_name }
        break
      }
    } finally {
      await c.dispose()
    }
  }
  if (!who) {
    const c = await apiLogin('ccetdz-leader', DEMO_PASS)
    const list = (await c.get(`/api/economy/baobao?period=${NEXT}`)).body
    await c.dispose()
    assert(list.items && list.items.length, 'the zone has no 包保 enterprise')
    const id = list.items[0].enterprise_id
    const e = (await admin.get(`/api/enterprises/${id}`)).body
    await admin.put(`/api/enterprises/${id}`, { ...e, leader_user_id: c.user.id })
    who = { username: 'ccetdz-leader', id: c.user.id }
    ent = { id, name: list.items[0].enterprise_name }
  }
  // a visit of his, for the visit log
  const findings = `e2e包保走访${RUN}：新产线调试`
  const lead = await apiLogin(who.username, DEMO_PASS)
  await lead.post(`/api/enterprises/${ent.id}/visits`, { visited_on: new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10), kind: '挖潜', findings, follow_ups: '协调用电' })
  const target = 1000 + Math.floor(Math.random() * 900) // 万元, under 亿元
  const problems = `e2e包保调度${RUN}：原料供应紧张，需协调物流`

  /** Pick month `ym` in the page's month picker (the year turned with the panel's arrows). */
  async function pickMonth(page, ym) {
    await page.click('[data-test="bb-month"] input')
    const panel = page.locator('.el-picker-panel:visible').last()
    await panel.waitFor()
    const year = Number(ym.slice(0, 4))
    for (let i = 0; i < 3; i++) {
      const shown = Number(digits(await panel.locator('.el-date-picker__header-label').first().textContent()))
      if (shown === year) break
      await panel.locator(shown < year ? 'button.d-arrow-right' : 'button.d-arrow-left').first().click()
    }
    await panel.locator('.el-month-table td').nth(Number(ym.slice(5, 7)) - 1).click()
    await page.waitForFunction((v) => document.querySelector('[data-test="bb-month"] input')?.value === v, ym)
  }

  let page = await newPage()
  try {
    // 1. the menu item under the economy pages, the current month by default
    await uiLogin(page, who.username, DEMO_PASS)
    await page.click('[data-menu="economy-baobao"]')
    await page.waitForURL(/\/economy\/baobao/)
    await page.locator(`[data-test="bb-ent-${ent.id}"]`).first().waitFor()
    assert((await page.inputValue('[data-test="bb-month"] input')) === THIS, 'the current month is picked')
    const table = (await page.textContent('[data-test="bb-table"]')) || ''
    for (const raw of ['none', 'submitted', 'accepted', 'returned', 'partial', 'stopped', 'undefined', 'null']) assert(!table.includes(raw), `the table shows the raw code ${raw}`)

    // 2. next month: his enterprise's target of 工业总产值, seen in the list
    const [listed] = await Promise.all([page.waitForResponse((r) => r.url().includes(`/api/economy/baobao?period=${NEXT}`)), pickMonth(page, NEXT)])
    assert(listed.status() === 200, `the list of ${NEXT}: HTTP ${listed.status()}`)
    await page.locator(`[data-test="bb-ent-${ent.id}"]`).first().click()
    const drawer = page.locator('[data-test="bb-drawer"]')
    await drawer.locator('input[name="target-output"]').waitFor()
    assert(((await drawer.locator('.el-drawer__title, .el-drawer__header').first().textContent()) || '').includes(NEXT), 'the drawer names the month')
    assert((await drawer.locator('[data-test="bb-dispatch-closed"]').count()) === 1, 'no 调度 for a month not begun')
    await drawer.locator('input[name="target-output"]').fill(String(target))
    let [resp] = await Promise.all([page.waitForResponse((r) => r.url().endsWith(`/api/economy/baobao/${ent.id}/targets`) && r.request().method() === 'PUT'), drawer.locator('[data-test="bb-targets-save"]').click()])
    assert(resp.status() === 200, `set targets: HTTP ${resp.status()} ${(await resp.text()).slice(0, 200)}`)
    const sent = resp.request().postDataJSON()
    assert(sent.period === NEXT && sent.targets.output === target, `sent ${JSON.stringify(sent)}`)
    await drawer.locator('[data-test="bb-indicators"] tr', { has: page.locator('[data-code="output"]') }).locator('[data-col="target"]', { hasText: String(target).slice(1) }).first().waitFor()
    await shot(page, '44-baobao-targets')
    await page.keyboard.press('Escape')
    const row = page.locator('[data-test="bb-table"] .el-table__body tr', { has: page.locator(`[data-test="bb-ent-${ent.id}"]`) })
    await page.waitForFunction(
      ({ id, want }) => [...document.querySelectorAll('[data-test="bb-table"] .el-table__body tr')].some((tr) => tr.querySelector(`[data-test="bb-ent-${id}"]`) && (tr.querySelector('[data-col="target"]')?.textContent || '').replace(/[^\d.]/g, '') === want),
      { id: ent.id, want: String(target) },
    )
    assert(/万元/.test((await row.first().locator('[data-col="target"]').textContent()) || ''), 'the target reads in 万元')
    const one = (await lead.get(`/api/economy/baobao/${ent.id}?period=${NEXT}`)).body
    assert(one.indicators.find((x) => x.code === 'output').target === target, `the API has the target: ${JSON.stringify(one.indicators[0])}`)

    // 3. this month: the 调度 (部分开工), its problems raised as a request in the same step
    await pickMonth(page, THIS)
    await page.locator(`[data-test="bb-ent-${ent.id}"]`).first().click()
    await drawer.locator('[data-test="bb-dispatch-form"]').waitFor()
    await drawer.locator('[data-test="bb-production"] [data-production="partial"]').click()
    await drawer.locator('textarea[name="orders"]').fill('在手订单排至下月中旬')
    await drawer.locator('textarea[name="problems"]').fill(problems)
    await drawer.locator('[data-test="bb-raise"]').click()
    ;[resp] = await Promise.all([page.waitForResponse((r) => r.url().endsWith(`/api/economy/baobao/${ent.id}/dispatches`) && r.request().method() === 'POST'), drawer.locator('[data-test="bb-dispatch-save"]').click()])
    assert(resp.status() === 201, `record the 调度: HTTP ${resp.status()} ${(await resp.text()).slice(0, 200)}`)
    const made = await resp.json()
    const body = resp.request().postDataJSON()
    assert(body.period === THIS && body.production === 'partial' && body.raise_request === true && body.problems === problems, `sent ${JSON.stringify(body)}`)
    assert(made.ticket_id, `the 调度 raised a request: ${JSON.stringify(made)}`)
    const link = drawer.locator(`[data-test="bb-ticket-${made.ticket_id}"]`)
    await link.waitFor()
    assert((await link.getAttribute('href')) === `/tickets/${made.ticket_id}`, 'the 调度 links its request')
    assert(((await drawer.locator('[data-test="bb-dispatches"]').textContent()) || '').includes('部分开工'), 'the 调度 reads 部分开工')
    await drawer.locator('[data-test="bb-visits"]', { hasText: findings }).waitFor()
    assert(((await drawer.locator('[data-test="bb-visits"]').textContent()) || '').includes('挖潜'), 'the visit log names the kind')
    await shot(page, '45-baobao-dispatch')
    await page.keyboard.press('Escape')
    await page.locator('[data-test="bb-table"] .el-table__body tr', { has: page.locator(`[data-test="bb-ent-${ent.id}"]`) }).locator('[data-col="production"][data-production="partial"]').first().waitFor()
    const got = (await admin.get(`/api/tickets/${made.ticket_id}`)).body
    const ticket = got.ticket || got
    assert(ticket.enterprise_id === ent.id && ticket.title.includes(`e2e包保调度${RUN}`), `the request is the enterprise's, titled by its problems: ${JSON.stringify(ticket).slice(0, 200)}`)
  } finally {
    await page.context().close()
    await lead.dispose()
  }

  // 4. on the phone: the menu in the drawer, the tables scroll inside the page
  page = await newPage(PHONE)
  try {
    await uiLogin(page, who.username, DEMO_PASS)
    await page.click('[data-test="toggle-menu"]')
    await page.click('[data-menu="economy-baobao"]')
    await page.waitForURL(/\/economy\/baobao/)
    await page.locator(`[data-test="bb-ent-${ent.id}"]`).first().waitFor()
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert(wide <= 1, `the page is ${wide}px wider than the phone`)
    await page.locator(`[data-test="bb-ent-${ent.id}"]`).first().click()
    await page.locator('[data-test="bb-drawer"] [data-test="bb-dispatches"]').waitFor()
    await shot(page, '46-baobao-phone')
  } finally {
    await page.context().close()
    if (admin !== state.admin) await admin.dispose()
  }
})

test('the request desks, statistics, deadlines and holidays pages load', async () => {
  const DEMO_PASS = process.env.YQ_DEMO_PASS
  if (!DEMO_PASS) throw new Skip('YQ_DEMO_PASS is not set (the demo users are needed)')
  let page = await newPage()
  try {
    await uiLogin(page, 'ccetdz-leader', DEMO_PASS)
    await page.waitForSelector('[data-widget="ticket-cards"] [data-card="ticket-open"] .value')
    await page.waitForTimeout(500)
    await shot(page, '24-leader-cockpit')
    await page.goto(BASE + '/tickets/stats')
    await page.waitForSelector('[data-test="stats-table"] .el-table__body tr')
    await page.waitForSelector('[data-test="trend-chart"] canvas')
    assert((await page.locator('.el-alert--error').count()) === 0, 'the statistics page shows an error')
    await page.waitForTimeout(800)
    await shot(page, '24-ticket-stats')
    // the daily briefing downloads as a real PDF
    const [pdf] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.click('[data-test="briefing-pdf"]')])
    const pdfBytes = (await import('node:fs')).readFileSync(await pdf.path())
    assert(pdfBytes.subarray(0, 5).toString() === '%PDF-', 'the briefing is a PDF')
    assert(/\.pdf$/i.test(pdf.suggestedFilename()), `file name ${pdf.suggestedFilename()}`)
    for (const [path, sel, name] of [
      ['/tickets/overdue', '[data-test="board-overdue"] .el-table', 'overdue'],
      ['/tickets/escalated', '[data-test="ticket-table"]', 'escalated'],
      ['/tickets', '[data-test="ticket-table"] .el-table__body tr', 'all'],
    ]) {
      await page.goto(BASE + path)
      await page.waitForSelector(sel)
      assert((await page.locator('.el-alert--error').count()) === 0, `${path} shows an error`)
      await shot(page, `24-ticket-${name}`)
    }
  } finally {
    await page.context().close()
  }
  page = await newPage()
  try {
    await uiLogin(page, ADMIN_USER, ADMIN_PASS)
    await page.goto(BASE + '/system/ticket-rules')
    await page.waitForSelector('[data-test="rules-table"] .el-table__body tr')
    const n = await page.locator('[data-test="rules-table"] .el-table__body tr').count()
    assert(n === 18, `${n} deadline rules shown`)
    await shot(page, '25-ticket-rules')
    await page.goto(BASE + '/system/holidays')
    await page.waitForSelector('[data-test="holiday-table"] .el-table__body tr')
    await shot(page, '25-holidays')
    await page.goto(BASE + '/tickets/extensions')
    await page.waitForSelector('[data-test="ticket-table"]')
    await shot(page, '25-ticket-extensions')
  } finally {
    await page.context().close()
  }
})

test('an admin adds a service-center officer in the console; the officer works the zone\'s requests', async () => {
  const DEMO_PASS = process.env.YQ_DEMO_PASS
  if (!DEMO_PASS) throw new Skip('YQ_DEMO_PASS is not set (the demo users are needed)')
  const username = `e2e_fuwu_${RUN}`
  const password = strongPassword('fuwu')
  const title = `e2e新诉求待受理${RUN}`
  // 1. the admin adds the officer: role 工作人员, department 企业服务中心 (required for the role)
  let page = await newPage()
  try {
    await uiLogin(page, ADMIN_USER, ADMIN_PASS)
    await page.goto(BASE + '/system/users')
    await page.waitForSelector('[data-test="user-table"] .el-table__body tr')
    await page.click('[data-test="user-new"]')
    const dlg = page.locator('[data-test="user-dialog"]')
    await dlg.waitFor()
    await dlg.locator('input[name="username"]').fill(username)
    await dlg.locator('input[name="display_name"]').fill('新来的服务专员')
    await dlg.locator('[data-field="role"] .el-select__wrapper').click()
    await page.locator('.user-role-popper .el-select-dropdown__item', { hasText: '工作人员' }).first().click()
    await dlg.locator('input[name="password"]').fill(password)
    // without a department the form says what is missing, in Chinese, and sends nothing
    await dlg.locator('[data-test="user-save"]').click()
    const missing = (await dlg.locator('[data-field="dept_id"] .el-form-item__error').textContent({ timeout: 10_000 })).trim()
    assert(missing === '请选择所属部门', `department error "${missing}"`)
    await dlg.locator('[data-field="dept_id"] .el-select__wrapper').click()
    await page.locator('.user-dept-popper .el-tree-node__content', { hasText: '企业服务中心' }).first().click()
    await dlg.locator('[data-test="user-dept-hint"]').waitFor()
    await dlg.locator('[data-field="dept_id"] .el-form-item__error').waitFor({ state: 'detached' })
    await page.waitForTimeout(300) // the dropdown fades out
    await shot(page, '26-user-new-service-center')
    const [resp] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/users') && r.request().method() === 'POST'),
      dlg.locator('[data-test="user-save"]').click(),
    ])
    assert(resp.status() === 201, `create user: HTTP ${resp.status()} ${(await resp.text()).slice(0, 200)}`)
    await page.locator('[data-test="user-dialog"]').waitFor({ state: 'hidden' })
    // the demo zone has hundreds of users: find the new one by name
    await page.fill('[data-test="user-filters"] input[name="q"]', username)
    await page.click('[data-test="user-filters"] [data-test="search"]')
    const row = page.locator('[data-test="user-table"] .el-table__body tr', { hasText: username })
    await row.waitFor()
    assert((await row.textContent()).includes('企业服务中心'), 'the list names the department')
  } finally {
    await page.context().close()
  }
  // 2. an enterprise files a new request
  const ent = await apiLogin('ccetdz-qiye', DEMO_PASS)
  try {
    await ent.post('/api/tickets', { category: '用地', title, description: '扩产需新增工业用地20亩，请协助对接自然资源部门。', contact_name: '王立鑫', contact_phone: '13800000002' })
  } finally {
    await ent.dispose()
  }
  // 3. the officer logs in: the desk on the home page, the new request in the intake, the figures
  page = await newPage()
  try {
    await uiLoginForced(page, username, password, strongPassword('fuwu2'))
    await page.goto(BASE + '/')
    await page.waitForSelector('[data-widget="desk-cards"] [data-card="desk-triage"] .value')
    const triage = Number((await page.textContent('[data-widget="desk-cards"] [data-card="desk-triage"] .value')).trim())
    assert(triage >= 1, `待受理 shows ${triage}`)
    // 今日新收 counts the browser's calendar day, which may not be the server's day in China
    for (const c of ['desk-intake', 'desk-overdue', 'desk-soon']) assert(/^\d+$/.test((await page.textContent(`[data-card="${c}"] .value`)).trim()), `${c} is not a number`)
    await page.waitForSelector('[data-widget="ticket-cards"] [data-card="ticket-resolve_rate_accepted"] .value')
    assert((await page.locator('.el-alert--error, .el-result .icon-error').count()) === 0, 'the home page shows an error')
    await page.waitForTimeout(400)
    await shot(page, '26-service-center-home')
    const keys = await menuKeys(page)
    for (const k of ['ticket-intake', 'ticket-register', 'ticket-stats']) assert(keys.includes(k), `menu lacks ${k}: ${keys}`)
    await page.click('[data-widget="desk-cards"] [data-card="desk-triage"]')
    await page.waitForURL(/\/tickets\/intake/)
    await page.locator('[data-test="ticket-table"] .el-table__body tr', { hasText: title }).waitFor()
    await shot(page, '26-service-center-intake')
    await page.goto(BASE + '/tickets/stats')
    await page.waitForSelector('[data-test="stats-table"] .el-table__body tr')
    assert((await page.locator('.el-alert--error').count()) === 0, 'the statistics page shows an error')
    const head = await page.textContent('[data-test="stats-table"] .el-table__header')
    assert(head.includes('解决率') && head.includes('受理后解决率'), 'both rates are named in the table')
    assert(!new URL(page.url()).pathname.startsWith('/403'), 'statistics refused')
    await page.waitForTimeout(600)
    await shot(page, '26-service-center-stats')
  } finally {
    await page.context().close()
  }
})

test('a platform administrator makes a 长春市 user on the user page; the city user reads the 长春 zones only; a zone administrator has no such tab', async () => {
  const DEMO_PASS = process.env.YQ_DEMO_PASS
  const PLATFORM = process.env.YQ_PLATFORM_USER
  if (!DEMO_PASS || !PLATFORM) throw new Skip('YQ_DEMO_PASS or YQ_PLATFORM_USER is not set (tests/e2e.sh makes the platform administrator)')
  const username = `e2e_cc_${RUN}`
  const password = strongPassword('city')
  let page = await newPage()
  try {
    // 1. the platform administrator: a second tab, a region chosen province → city
    await uiLogin(page, PLATFORM, DEMO_PASS)
    await page.goto(BASE + '/system/users')
    await page.locator('[data-test="user-tabs"] .el-tabs__item', { hasText: '省/市级用户' }).click()
    await page.waitForSelector('[data-test="region-user-table"] .el-table__body tr')
    assert((await page.textContent('[data-test="region-user-table"]')).includes('吉林省（220000）'), 'the demo province user is listed with its region')
    await page.click('[data-test="region-user-new"]')
    const dlg = page.locator('[data-test="region-user-dialog"]')
    await dlg.waitFor()
    await dlg.locator('input[name="username"]').fill(username)
    await dlg.locator('input[name="display_name"]').fill('长春市商务局')
    await dlg.locator('input[name="password"]').fill(password)
    // without a region the form says so, in Chinese, and sends nothing
    await dlg.locator('[data-test="region-user-save"]').click()
    const missing = (await dlg.locator('[data-field="region_code"] .el-form-item__error').textContent({ timeout: 10_000 })).trim()
    assert(missing === '请选择所辖行政区划', `region error "${missing}"`)
    await dlg.locator('[data-field="region_code"] .el-cascader').click()
    const menu = page.locator('.region-user-popper')
    await menu.locator('.el-cascader-node', { hasText: '吉林省' }).first().click()
    await menu.locator('.el-cascader-menu').nth(1).locator('.el-cascader-node', { hasText: '长春市' }).locator('.el-radio').click()
    await page.keyboard.press('Escape')
    await dlg.locator('[data-field="region_code"] .el-form-item__error').waitFor({ state: 'detached' })
    await page.waitForTimeout(300) // the menu fades out
    await shot(page, '26b-region-user-new')
    const [resp] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/users') && r.request().method() === 'POST'),
      dlg.locator('[data-test="region-user-save"]').click(),
    ])
    assert(resp.status() === 201, `create region user: HTTP ${resp.status()} ${(await resp.text()).slice(0, 200)}`)
    const made = await resp.json()
    assert(made.role === 'province' && made.region_code === '220100' && made.contact_access === false, JSON.stringify(made))
    await dlg.waitFor({ state: 'hidden' })
    const row = page.locator('[data-test="region-user-table"] .el-table__body tr', { hasText: username })
    await row.waitFor()
    const text = await row.textContent()
    assert(text.includes('长春市（220100）') && text.includes('未授权'), `the row reads "${text}"`)
    await shot(page, '26b-region-users')
  } finally {
    await page.context().close()
  }
  // 2. the city user: the 长春 zones only
  page = await newPage()
  try {
    const now = await uiLoginForced(page, username, password, strongPassword('city2'))
    const city = await apiLogin(username, now)
    try {
      const zones = (await city.get('/api/zones')).body.items.map((z) => z.code).sort()
      assert(zones.join() === 'ccetdz,cczb', `the city user reads ${zones}`)
    } finally {
      await city.dispose()
    }
  } finally {
    await page.context().close()
  }
  // 3. a zone's administrator: one tab, no region user, and the server refuses one
  page = await newPage()
  try {
    await uiLogin(page, ADMIN_USER, ADMIN_PASS)
    await page.goto(BASE + '/system/users')
    await page.waitForSelector('[data-test="user-table"] .el-table__body tr')
    assert((await page.locator('[data-test="user-tabs"]').count()) === 0, 'a zone administrator sees the region tab')
    const admin = await apiLogin(ADMIN_USER, ADMIN_PASS)
    try {
      const r = await admin.post('/api/users', { username: `e2e_prov_${RUN}`, role: 'province', region_code: '220000', password }, { allowError: true })
      assert(r.status === 403, `a zone administrator made a region user: HTTP ${r.status}`)
      assert((await admin.get(`/api/users?q=${username}`)).body.total === 0, 'a zone administrator lists the region user')
    } finally {
      await admin.dispose()
    }
  } finally {
    await page.context().close()
  }
})

test('a province user switches zone and sees that zone\'s data', async () => {
  const DEMO_PASS = process.env.YQ_DEMO_PASS
  if (!DEMO_PASS) throw new Skip('YQ_DEMO_PASS is not set (the demo users are needed)')
  // what each zone holds, read through the API as the same user (its own session)
  const api = await apiLogin('province-viewer', DEMO_PASS)
  const expected = {}
  try {
    const zones = (await api.get('/api/me')).body.zones
    assert(zones && zones.length >= 2, `the province user sees ${zones ? zones.length : 0} zones`)
    for (const z of zones) {
      await api.put('/api/me/zone', { zone_id: z.id })
      const list = (await api.get('/api/enterprises?page_size=1')).body
      expected[z.name] = { id: z.id, total: list.total, first: list.items[0] ? list.items[0].name : '' }
    }
  } finally {
    await api.dispose()
  }
  const page = await newPage()
  try {
    await uiLogin(page, 'province-viewer', DEMO_PASS)
    const sw = page.locator('.header [data-test="zone-switch"]')
    await sw.waitFor()
    await page.goto(BASE + '/enterprises')
    await page.waitForSelector('[data-test="enterprise-table"] .el-table__body tr')
    const current = ((await sw.locator('.el-select__selected-item:not(.is-hidden)').first().textContent()) || '').trim()
    assert(expected[current], `the switcher shows "${current}", not a zone of the user`)
    const target = Object.keys(expected).find((n) => n !== current && expected[n].total !== expected[current].total)
    assert(target, 'no second zone with other figures to switch to')
    const totalText = async () => ((await page.textContent('.toolbar .muted')) || '').trim()
    await page.waitForFunction((n) => (document.querySelector('.toolbar .muted')?.textContent || '').includes(String(n)), expected[current].total)
    await shot(page, '26-province-before')
    await sw.locator('.el-select__wrapper').click()
    const [resp] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/me/zone') && r.request().method() === 'PUT'),
      page.locator('.el-select-dropdown__item:visible', { hasText: target }).first().click(),
    ])
    assert(resp.status() === 200 || resp.status() === 204, `zone switch: HTTP ${resp.status()}`)
    // the page reloads its data for the new zone: its total and first enterprise
    await page.waitForFunction((n) => (document.querySelector('.toolbar .muted')?.textContent || '').includes(String(n)), expected[target].total, { timeout: 15_000 })
    const first = expected[target].first
    if (first) await page.locator('[data-test="enterprise-table"] .el-table__body tr').first().filter({ hasText: first }).waitFor()
    const now = ((await sw.locator('.el-select__selected-item:not(.is-hidden)').first().textContent()) || '').trim()
    assert(now === target, `the switcher shows "${now}" after switching to "${target}"`)
    assert((await totalText()).includes(String(expected[target].total)), `the list says "${await totalText()}"`)
    await shot(page, '26-province-after')
    // the session keeps the zone across a reload
    await page.reload()
    await page.waitForSelector('[data-test="enterprise-table"] .el-table__body tr')
    const kept = ((await sw.locator('.el-select__selected-item:not(.is-hidden)').first().textContent()) || '').trim()
    assert(kept === target, `after a reload the switcher shows "${kept}"`)
  } finally {
    await page.context().close()
  }
})

/** The 6-digit TOTP code of a base32 secret at 30-second step `step` (RFC 6238, HMAC-SHA1). */
function totpAt(secret, step) {
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  let bits = 0
  let val = 0
  const key = []
  for (const ch of secret) {
    val = (val << 5) | A.indexOf(ch)
    bits += 5
    if (bits >= 8) {
      key.push((val >>> (bits - 8)) & 255)
      bits -= 8
    }
  }
  const msg = Buffer.alloc(8)
  msg.writeBigUInt64BE(BigInt(step))
  const mac = createHmac('sha1', Buffer.from(key)).update(msg).digest()
  const off = mac[19] & 15
  const bin = ((mac[off] & 0x7f) << 24) | (mac[off + 1] << 16) | (mac[off + 2] << 8) | mac[off + 3]
  return String(bin % 1e6).padStart(6, '0')
}

test('a province user opens the ranking of its region and compares its zones', async () => {
  const DEMO_PASS = process.env.YQ_DEMO_PASS
  if (!DEMO_PASS) throw new Skip('YQ_DEMO_PASS is not set (the demo users are needed)')
  const page = await newPage()
  try {
    await uiLogin(page, 'province-viewer', DEMO_PASS)
    await page.goto(BASE + '/region')
    // 吉林省's two zones, ranked, the scheme named
    const rows = page.locator('[data-test="region-ranking-table"] .el-table__body tr')
    await rows.nth(1).waitFor()
    assert(await rows.count() === 2, 'two 吉林 zones ranked')
    const names = (await page.locator('[data-test="region-rank-zone"]').allTextContents()).map((x) => x.trim()).sort()
    assert(JSON.stringify(names) === JSON.stringify(['长春装备制造产业开发区', '长春经济技术开发区'].sort()), names.join('|'))
    assert(/综合考核/.test(await page.textContent('[data-test="region-scheme"]')), 'the scheme is named')
    await shot(page, '27-region-ranking')
    // the comparison: a column per zone, a row per metric
    await page.locator('.el-tabs__item', { hasText: '园区对比' }).click()
    const table = page.locator('[data-test="region-compare-table"]')
    await table.locator('.el-table__body tr').nth(3).waitFor()
    const head = await table.locator('.el-table__header th').allTextContents()
    assert(head.some((h) => h.includes('长春经济技术开发区')) && head.some((h) => h.includes('长春装备制造产业开发区')), head.join('|'))
    assert(!head.some((h) => h.includes('海门')), 'a 江苏 zone in the comparison')
    assert((await table.textContent()).includes('工业总产值（累计）'))
    // the trend of an indicator over twelve months, drawn for the ranking's zones
    await page.locator('[data-test="region-trend-chart"] canvas').first().waitFor()
    assert((await page.textContent('[data-test="region-page"]')).includes('综合考核前 2 名园区'), 'the trend names its zones')
    await shot(page, '27-region-compare')
  } finally {
    await page.context().close()
  }
})

test('a leader sets up two-step verification with the QR code and logs in with a code', async () => {
  const who = state.users.leader
  if (!who) throw new Skip('no leader user from the earlier case')
  let page = await newPage()
  let step
  let secret
  try {
    await uiLogin(page, who.username, who.password)
    await page.goto(BASE + '/account')
    // the password first: a wrong one is refused under its field, nothing is enrolled
    const pw = 'input[data-test="totp-enrol-password"], [data-test="totp-enrol-password"] input'
    await page.fill(pw, 'Wrong-Passw0rd-e2e')
    await page.click('[data-test="totp-enrol"]')
    await page.waitForSelector('[data-test="totp-setup"] .el-form-item__error >> text=密码错误')
    assert(!(await page.isVisible('[data-test="totp-qr"]')), 'no QR code after a wrong password')
    await page.fill(pw, who.password)
    await page.click('[data-test="totp-enrol"]')
    const qr = await page.waitForSelector('[data-test="totp-qr"]')
    assert((await qr.getAttribute('src')).startsWith('data:image/png;base64,'), 'QR code image')
    secret = (await page.textContent('[data-test="totp-secret"]')).trim()
    assert(/^[A-Z2-7]{32}$/.test(secret), `secret ${secret}`)
    await shot(page, '26-totp-enrol')
    step = Math.floor(Date.now() / 30000)
    await page.fill('input[data-test="totp-code"], [data-test="totp-code"] input', totpAt(secret, step))
    await page.click('[data-test="totp-confirm"]')
    await page.waitForSelector('[data-test="totp-state"][data-state="enabled"]')
  } finally {
    await page.context().close()
  }
  page = await newPage()
  try {
    await page.goto(BASE + '/login')
    await page.fill('input[name="username"]', who.username)
    await page.fill('input[name="password"]', who.password)
    await page.click('[data-test="login-submit"]')
    await page.waitForSelector('input[data-test="login-totp"], [data-test="login-totp"] input')
    await shot(page, '26-totp-login')
    await page.fill('input[data-test="login-totp"], [data-test="login-totp"] input', '000000' === totpAt(secret, step) ? '111111' : '000000')
    await page.click('[data-test="login-submit"]')
    const err = await page.waitForSelector('[data-test="login-error"][data-code="totp_invalid"]')
    assert(err, 'wrong code shown')
    // the confirming step is spent: the next step's code (inside the ±1 window) logs in
    await page.fill('input[data-test="login-totp"], [data-test="login-totp"] input', totpAt(secret, step + 1))
    await page.click('[data-test="login-submit"]')
    await page.waitForURL((u) => !u.pathname.startsWith('/login'))
    await page.waitForSelector('.header [data-test="user-menu"]')
  } finally {
    await page.context().close()
  }
  await state.admin.post(`/api/users/${who.id}/totp/reset`, {})
})

// 银企对接: the demo's 吉林银行 account answers a loan demand the service center pushed to its
// bank — accepts it, approves it with an amount and a rate, records a first tranche — on its
// desk page; the enterprise then reads the bank's answer.
test('a bank answers a loan demand', async () => {
  const DEMO_PASS = process.env.YQ_DEMO_PASS
  if (!DEMO_PASS) throw new Skip('YQ_DEMO_PASS is not set (the demo users are needed)')
  const ent = await apiLogin('ccetdz-qiye', DEMO_PASS)
  const bank = (await state.admin.get('/api/finance/banks')).body.items.find((b) => b.name === '吉林银行')
  assert(bank, 'the demo has 吉林银行')
  const d = (await ent.post('/api/finance/demands', { amount: 800, purpose: `e2e流动资金${RUN}`, term_months: 12, urgency: 'urgent' })).body
  await state.admin.post(`/api/finance/demands/${d.id}/push`, { bank_ids: [bank.id] })
  const offer = (await state.admin.get(`/api/finance/offers?demand_id=${d.id}`)).body.items[0]
  const page = await newPage(PHONE)
  try {
    await uiLogin(page, 'ccetdz-yinhang', DEMO_PASS)
    await page.goto(BASE + '/bank-desk')
    const card = `[data-test="finance-offer-${offer.id}"]`
    await page.waitForSelector(`${card} >> text=待受理`)
    await page.click(`[data-test="finance-accept-${offer.id}"]`)
    await page.waitForSelector(`${card} >> text=审查中`)
    await page.click(`[data-test="finance-approve-${offer.id}"]`)
    await page.waitForSelector('[data-test="finance-approve-form"]')
    await page.fill('[data-test="finance-approved-amount"] input', '600')
    await page.fill('[data-test="finance-rate"] input', '3.95')
    await page.click('[data-test="finance-answer-save"]')
    await page.waitForSelector(`${card} >> text=已批复`)
    await page.click(`[data-test="finance-disburse-${offer.id}"]`)
    await page.waitForSelector('[data-test="finance-disburse-form"]')
    await page.fill('[data-test="finance-tranche-amount"] input', '400')
    await page.click('[data-test="finance-answer-save"]')
    await page.waitForSelector(`${card} >> text=已放款`)
    await shot(page, '40-bank-desk')
    const seen = (await ent.get(`/api/finance/offers?demand_id=${d.id}`)).body.items[0]
    assert(seen.status === 'disbursed' && seen.approved_amount === 600 && seen.disbursed === 400, `the enterprise reads ${JSON.stringify(seen)}`)
    const notes = (await ent.get('/api/notifications')).body.items
    assert(notes.some((n) => n.fin_demand_id === d.id), 'the enterprise is notified of the answer')
  } finally {
    await page.context().close()
    await ent.dispose()
  }
})

// 工业物流: the demo's 海门通达物流 answers for itself (承运方, hmetdz-chengyun) on its phone: it
// posts a truck's spare capacity to 扬州, an enterprise chooses it for a part-load, the carrier is
// told on its page and confirms the load, which is then arranged (both sides have confirmed).
test('a carrier posts spare capacity on the phone and confirms a load matched to it', async () => {
  const DEMO_PASS = process.env.YQ_DEMO_PASS
  if (!DEMO_PASS) throw new Skip('YQ_DEMO_PASS is not set (the demo users are needed)')
  const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10) // the zone's day
  const goods = `e2e五金件${RUN}`
  const page = await newPage(PHONE)
  const ent = await apiLogin('hmetdz-qiye', DEMO_PASS)
  try {
    await uiLogin(page, 'hmetdz-chengyun', DEMO_PASS)
    await page.goto(BASE + '/freight/carrier')
    // the demo's load the desk proposed for its truck to 南京 waits for it
    await page.waitForSelector('[data-test="freight-carrier-loads"] >> text=汽车线束')
    await page.click('[data-test="freight-carrier-tabs"] >> text=我的运力')
    await page.click('[data-test="freight-carrier-offer-new"]')
    const dlg = page.locator('[data-test="freight-offer-dialog"]')
    await dlg.locator('[data-field="destination"] input').fill('扬州')
    await dlg.locator('[data-field="via"] input').fill('南通')
    await dlg.locator('[data-field="spare_t"] input').fill('3')
    await dlg.locator('[data-field="spare_m3"] input').fill('12')
    await dlg.locator('[data-field="full_price"] input').fill('2500')
    assert((await dlg.locator('[data-field="notes"]').count()) === 0, 'a carrier writes no note of the zone')
    await page.click('[data-test="freight-offer-save"]')
    const offerCard = page.locator('[data-test^="freight-carrier-offer-"]', { hasText: '扬州' }).first()
    await offerCard.waitFor()
    const offerId = Number((await offerCard.getAttribute('data-test')).replace('freight-carrier-offer-', ''))
    assert((await offerCard.textContent()).includes('海门 → 南通 → 扬州'), 'the route is shown')
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert(wide <= 1, `the page is ${wide}px wider than the phone`)
    await shot(page, '41-carrier-offer-phone')
    // an enterprise posts a part-load to 扬州 and chooses that truck (which accepts it)
    const l = (await ent.post('/api/freight/loads', { goods, goods_value: 1, weight_t: 1, volume_m3: 3, origin: '海门', destination: '扬州', date_from: today, date_to: today, price: 600 })).body
    const matches = (await ent.get(`/api/freight/loads/${l.id}/matches`)).body.items
    assert(matches.some((o) => o.id === offerId), `the carrier's offer fits the load: ${JSON.stringify(matches.map((o) => o.id))}`)
    const m = await ent.post(`/api/freight/loads/${l.id}/match`, { offer_id: offerId })
    assert(m.body.status === 'matched', `matched: ${JSON.stringify(m.body)}`)
    // the carrier is told, and confirms on its page
    await page.reload()
    await page.waitForSelector(`[data-test="freight-carrier-news"] >> text=${goods}`)
    const card = `[data-test="freight-carrier-load-${l.id}"]`
    await page.waitForSelector(`${card} >> text=请确认是否承运`)
    await page.click(`[data-test="freight-carrier-confirm-${l.id}"]`)
    await page.waitForFunction((id) => document.querySelector(`[data-test="freight-carrier-load-status-${id}"]`)?.textContent.includes('已确认'), l.id)
    await shot(page, '41-carrier-confirmed-phone')
    await page.click('[data-test="freight-carrier-read"]')
    await page.waitForSelector('[data-test="freight-carrier-news"]', { state: 'detached' })
    const seen = (await ent.get(`/api/freight/loads/${l.id}`)).body
    assert(seen.status === 'confirmed' && seen.carrier_ok && seen.shipper_ok, `the enterprise reads ${JSON.stringify(seen)}`)
    const notes = (await ent.get('/api/notifications')).body.items
    assert(notes.some((n) => n.freight_load_id === l.id && n.kind === 'confirmed'), 'the enterprise is told the trip is arranged')
  } finally {
    await page.context().close()
    await ent.dispose()
  }
})

test('an enterprise posts a job demand on the phone, the service center records hires against it and reads the figures', async () => {
  const DEMO_PASS = process.env.YQ_DEMO_PASS
  if (!DEMO_PASS) throw new Skip('YQ_DEMO_PASS is not set (the demo users are needed)')
  const title = `e2e电子装配工${RUN}`
  const deadline = new Date(Date.now() + 8 * 3600e3 + 30 * 86400e3).toISOString().slice(0, 10)
  // 1. the enterprise, on a phone, posts the demand from 用工需求
  const page = await newPage(PHONE)
  try {
    await uiLogin(page, 'ccetdz-qiye', DEMO_PASS)
    await page.goto(BASE + '/jobs/mine')
    await page.click('[data-test="jobs-post"]')
    await page.waitForSelector('[data-test="jobs-demand-dialog"] input[name="title"]')
    await page.fill('[data-test="jobs-demand-dialog"] input[name="title"]', title)
    await page.fill(':is(input[data-test="jobs-demand-headcount"], [data-test="jobs-demand-headcount"] input)', '12')
    // a pay range upside down is said under the field before anything is sent
    await page.fill(':is(input[data-test="jobs-demand-pay-min"], [data-test="jobs-demand-pay-min"] input)', '7000')
    await page.fill(':is(input[data-test="jobs-demand-pay-max"], [data-test="jobs-demand-pay-max"] input)', '5000')
    await page.fill('[data-test="jobs-demand-dialog"] [data-field="deadline"] input', deadline)
    await page.keyboard.press('Enter')
    await page.click('[data-test="jobs-demand-save"]')
    const err = await fieldError(page, 'pay_max')
    assert(/最高月薪/.test(err), `the pay range's error: ${err}`)
    await page.fill(':is(input[data-test="jobs-demand-pay-max"], [data-test="jobs-demand-pay-max"] input)', '8000')
    await page.click('[data-test="jobs-demand-save"]')
    await page.waitForSelector(`[data-test="jobs-mine-demands"] >> text=${title}`)
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert(wide <= 1, `the page is ${wide}px wider than the phone`)
    const card = await page.textContent(`[data-test="jobs-mine-demands"] .card:has-text("${title}")`)
    assert(card.includes('招聘中') && card.includes('招12人，已招用0人') && !/open/.test(card), `the card: ${card}`)
    await shot(page, '40-jobs-post-phone')
    // the fairs it can join
    await page.click('[data-test="jobs-mine-tab"] >> text=招聘会')
    await page.waitForSelector('[data-test="jobs-mine-fairs"]')
  } finally {
    await page.context().close()
  }
  // 2. the service center was told; it records 12 hires and the demand is filled
  const desk = await apiLogin('ccetdz-fuwu', DEMO_PASS)
  const demand = (await desk.get(`/api/jobs/demands?q=${encodeURIComponent(title)}`)).body.items[0]
  assert(demand && demand.headcount === 12 && demand.pay_max === 8000, `the demand: ${JSON.stringify(demand)}`)
  const notes = (await desk.get('/api/notifications?page_size=50')).body.items
  assert(notes.some((n) => n.job_demand_id === demand.id), 'the service center is told of the demand')
  await desk.dispose()
  const staff = await newPage()
  try {
    await uiLogin(staff, 'ccetdz-fuwu', DEMO_PASS)
    await staff.goto(BASE + '/jobs')
    await staff.waitForSelector('[data-test="jobs-cards"]')
    await staff.click(`[data-test="jobs-hire-${demand.id}"]`)
    await staff.waitForSelector('[data-test="jobs-hire-dialog"]')
    await staff.fill(':is(input[data-test="jobs-hire-count"], [data-test="jobs-hire-count"] input)', '12')
    await staff.click('[data-test="jobs-hire-channel"]')
    await staff.click('.el-select-dropdown__item:visible >> text=内部推荐')
    await staff.click('[data-test="jobs-hire-save"]')
    await staff.waitForFunction((sel) => document.querySelector(sel)?.textContent.includes('已招满'), `[data-test="jobs-status-${demand.id}"]`)
    await shot(staff, '40-jobs-staff')
  } finally {
    await staff.context().close()
  }
})


// ---------------------------------------------------------------------------------------------

function withTimeout(p, ms, name) {
  let timer
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000}s`)), ms)
    }),
  ])
}

// 惠企政策 (views/policy/): the desk publishes a policy for the enterprise's building; on a phone the
// enterprise finds it among its policies, applies, attaches its form and submits; the desk sees it.
test('an enterprise sees a policy matched to it on the phone, applies with its form and submits, and the desk sees the application', async () => {
  const DEMO_PASS = process.env.YQ_DEMO_PASS
  if (!DEMO_PASS) throw new Skip('YQ_DEMO_PASS is not set (the demo users are needed)')
  const desk = await apiLogin('ccetdz-fuwu', DEMO_PASS)
  const ent = await apiLogin('ccetdz-qiye', DEMO_PASS)
  const own = (await desk.get(`/api/enterprises/${ent.user.enterprise_id}`)).body
  await ent.dispose()
  const title = `e2e楼宇稳岗补贴${RUN}`
  const made = await desk.post('/api/policies', { title, issuer: '长春经开区管委会', doc_no: `长经开发〔2026〕${RUN}号`, benefit: '按缴纳失业保险费的60%返还', max_amount: 20, materials: ['申报表'], buildings: [own.building] })
  const id = made.body.id
  const pub = await desk.post(`/api/policies/${id}/publish`, {})
  assert(pub.body.matched >= 1, `matched ${pub.body.matched}`)
  const page = await newPage(PHONE)
  try {
    await uiLogin(page, 'ccetdz-qiye', DEMO_PASS)
    await page.goto(BASE + '/my-policies')
    const card = page.locator(`[data-test="policy-card-${id}"]`)
    await card.waitFor()
    const cardText = await card.textContent()
    assert(cardText.includes('申报中') && !/published|draft/.test(cardText), `Chinese labels, no codes: ${cardText}`)
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert(wide <= 1, `the page is ${wide}px wider than the phone`)
    await shot(page, '60-policies-phone')
    await card.click()
    await page.waitForSelector('[data-test="policy-start"]')
    await page.click('[data-test="policy-start"]')
    await page.waitForSelector('[data-test="policy-upload"] input[type="file"]', { state: 'attached' })
    await page.setInputFiles('[data-test="policy-upload"] input[type="file"]', { name: '申报表.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n') })
    await page.waitForFunction(() => (document.querySelector('[data-test="policy-files"]')?.textContent || '').includes('申报表.pdf'))
    await page.click('[data-test="policy-submit"]')
    await page.waitForFunction(() => (document.querySelector('[data-test="policy-app-status"]')?.textContent || '').includes('已提交'))
    await shot(page, '61-policy-applied-phone')
  } finally {
    await page.context().close()
  }
  const apps = (await desk.get(`/api/policies/applications?policy_id=${id}`)).body
  assert(apps.total === 1 && apps.items[0].status === 'submitted' && apps.items[0].attachments === 1, `the desk sees it: ${JSON.stringify(apps.items)}`)
  await desk.dispose()
})

// 载体 (issue 14): on the phone, an enterprise of 海门 finds a vacant unit on the zone's drawn plan
// (its buildings coloured by vacancy), applies for it, and sees its demand offered that unit;
// nothing is fetched from outside the console's own origin (no online map service)
test('an enterprise finds a vacant unit on the zone plan on the phone and applies for it', async () => {
  const DEMO_PASS = process.env.YQ_DEMO_PASS
  if (!DEMO_PASS) throw new Skip('YQ_DEMO_PASS is not set (the demo users are needed)')
  const ent = await apiLogin('hmetdz-qiye', DEMO_PASS)
  const bs = (await ent.get('/api/space/buildings?page_size=200')).body.items
  const b = bs.find((x) => x.type === 'factory' && x.vacant > 0)
  assert(b, 'a factory building of 海门 with a vacant unit')
  await ent.dispose()
  const page = await newPage(PHONE)
  const outside = []
  page.on('request', (r) => {
    if (!r.url().startsWith(BASE) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) outside.push(r.url())
  })
  try {
    await uiLogin(page, 'hmetdz-qiye', DEMO_PASS)
    await page.goto(BASE + '/space/vacant')
    const marker = page.locator(`[data-test="space-plan-building-${b.id}"]`)
    await marker.waitFor()
    await shot(page, '14-space-plan-phone')
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert(wide <= 1, `the page is ${wide}px wider than the phone`)
    await marker.click()
    await page.waitForSelector('[data-test="space-picked"] [data-test^="space-apply-"]')
    const picked = await page.textContent('[data-test="space-picked"]')
    assert(picked.includes(b.name) && /空置率/.test(picked), `the building's vacant units: ${picked}`)
    const button = page.locator('[data-test="space-picked"] [data-test^="space-apply-"]').first()
    const unitId = Number((await button.getAttribute('data-test')).replace('space-apply-', ''))
    await button.click()
    await page.waitForSelector('[data-test="space-apply-dialog"]')
    await page.click('[data-test="space-apply-save"]')
    await page.waitForURL(/\/space\/demands/)
    const card = page.locator('[data-test^="space-demand-status-"]').first()
    await card.waitFor()
    assert((await card.textContent()).includes('已推荐'), `the demand is offered the unit: ${await card.textContent()}`)
    await shot(page, '14-space-demand-phone')
    assert(outside.length === 0, `requests outside the console: ${outside.join(', ')}`)
    const again = await apiLogin('hmetdz-qiye', DEMO_PASS)
    const mine = (await again.get('/api/space/demands')).body.items
    assert(mine.some((d) => d.unit_id === unitId && d.status === 'offered' && d.applied), 'the demand holds the unit applied for')
    assert((await again.get(`/api/space/units/${unitId}`)).body.status === 'intent', 'the unit is held (意向)')
    await again.dispose()
  } finally {
    await page.context().close()
  }
})

test('a leader opens the leaders\' screen, follows a figure to its list, and reads it as a 大屏 and on the phone; a province user sees his zones', async () => {
  const DEMO_PASS = process.env.YQ_DEMO_PASS
  if (!DEMO_PASS) throw new Skip('YQ_DEMO_PASS is not set (the demo users are needed)')
  // what the figures must say, read through the API as the same leader
  const api = await apiLogin('ccetdz-leader', DEMO_PASS)
  const overdue = (await api.get('/api/tickets?status=open&overdue=1&page_size=1')).body.total
  const year = new Date(Date.now() + 8 * 3600e3).getUTCFullYear() // the zone's year (China Standard Time)
  const signed = (await api.get(`/api/projects/stats?year=${year}`)).body.signed_count
  await api.dispose()
  const page = await newPage()
  const outside = []
  page.on('request', (r) => {
    if (!r.url().startsWith(BASE) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) outside.push(r.url())
  })
  const value = async (card) => ((await page.textContent(`[data-card="${card}"] .value`)) || '').trim()
  try {
    await uiLogin(page, 'ccetdz-leader', DEMO_PASS)
    await page.click('.el-menu-item:has-text("领导驾驶舱")')
    await page.waitForURL(/\/screen$/)
    for (const p of ['tickets', 'projects', 'economy', 'baobao', 'space', 'latest']) await page.waitForSelector(`[data-panel="${p}"]`)
    await page.waitForFunction((n) => document.querySelector('[data-card="screen-ticket-overdue"] .value')?.textContent.trim() === String(n), overdue)
    await page.waitForFunction((n) => document.querySelector('[data-card="screen-project-signed"] .value')?.textContent.trim() === String(n), signed)
    await page.waitForSelector('[data-card="screen-economy-output"] .value:has-text("亿元")')
    assert(/%$/.test(await value('screen-space-rate')), `the vacancy rate reads "${await value('screen-space-rate')}"`)
    assert(/^\d/.test(await value('screen-baobao-covered')), `包保 reads "${await value('screen-baobao-covered')}"`)
    await page.waitForSelector('[data-test="screen-latest-row"]')
    await shot(page, '28-screen')
    // a figure opens the list it counts: the overdue requests, as many as the figure says
    await page.click('[data-card="screen-ticket-overdue"]')
    await page.waitForURL((u) => u.pathname === '/tickets' && u.searchParams.get('overdue') === '1' && u.searchParams.get('status') === 'open')
    await page.waitForFunction((n) => (document.querySelector('.toolbar .muted')?.textContent || '').includes(`共 ${n} 条`), overdue)
    if (overdue > 0) await page.waitForSelector('[data-test="ticket-table"] .el-table__body tr')
    await shot(page, '28-screen-overdue-list')
    // the 大屏: 1920×1080, no side menu, no scrollbar, dark
    await page.setViewportSize({ width: 1920, height: 1080 })
    await page.goto(BASE + '/screen?mode=big')
    await page.waitForURL(/\/screen\/big$/)
    for (const p of ['tickets', 'projects', 'economy', 'baobao', 'space', 'latest']) await page.waitForSelector(`[data-panel="${p}"]`)
    await page.waitForFunction((n) => document.querySelector('[data-card="screen-ticket-overdue"] .value')?.textContent.trim() === String(n), overdue)
    await page.waitForSelector('[data-panel="economy"] canvas')
    const big = await page.evaluate(() => ({
      menu: !!document.querySelector('.aside, .el-aside, .el-menu'),
      header: !!document.querySelector('.header [data-test="user-menu"]'),
      w: document.documentElement.scrollWidth - window.innerWidth,
      h: document.documentElement.scrollHeight - window.innerHeight,
      bg: getComputedStyle(document.querySelector('[data-test="screen-page"]')).backgroundImage,
    }))
    assert(!big.menu && !big.header, 'the 大屏 shows the console\'s side menu or header')
    assert(big.w <= 0 && big.h <= 0, `the 大屏 scrolls: ${big.w}px wider, ${big.h}px higher than 1920×1080`)
    assert(/gradient/.test(big.bg), 'the 大屏 is not dark')
    await shot(page, '28-screen-big')
    await page.click('[data-test="screen-leave-big"]')
    await page.waitForURL(/\/screen$/)
    // the phone: one column, nothing wider than the screen
    await page.setViewportSize(PHONE)
    await page.reload()
    await page.waitForSelector('[data-panel="latest"]')
    await page.waitForFunction((n) => document.querySelector('[data-card="screen-ticket-overdue"] .value')?.textContent.trim() === String(n), overdue)
    const wide = await page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.querySelector('.main')?.scrollWidth || 0) - window.innerWidth)
    assert(wide <= 1, `the screen is ${wide}px wider than the phone`)
    await shot(page, '28-screen-phone')
    assert(outside.length === 0, `requests outside the console: ${outside.join(', ')}`)
  } finally {
    await page.context().close()
  }
  // a province user: the same figures for each zone of his region
  const prov = await newPage()
  try {
    await uiLogin(prov, 'province-viewer', DEMO_PASS)
    await prov.goto(BASE + '/screen')
    const zones = prov.locator('[data-test="screen-zone"]')
    await zones.nth(1).waitFor()
    const text = await prov.textContent('[data-panel="region"]')
    assert(text.includes('长春经济技术开发区') && text.includes('长春装备制造产业开发区'), `the zones of 吉林: ${text.slice(0, 200)}`)
    assert(!text.includes('海门'), 'a zone of another province on the screen')
    assert((await prov.locator('[data-panel="space"]').count()) === 0, 'the province user is shown the vacancy panel he may not read')
    await shot(prov, '28-screen-province')
  } finally {
    await prov.context().close()
  }
})

test('the admin sets the monthly economic bulletin on a schedule and makes this month\'s at once; the leader downloads it', async () => {
  const DEMO_PASS = process.env.YQ_DEMO_PASS
  if (!DEMO_PASS) throw new Skip('YQ_DEMO_PASS is not set (the demo users are needed)')
  let page = await newPage()
  try {
    await uiLogin(page, ADMIN_USER, ADMIN_PASS)
    await page.click('[data-menu="bulletins"]')
    await page.waitForURL(/\/bulletins/)
    const card = page.locator('[data-test="bulletin-schedule-economy"]')
    await card.waitFor()
    assert((await card.textContent()).includes('经济运行月报'), 'the kind is named in Chinese')
    await page.click('[data-test="bulletin-edit-economy"]')
    const form = page.locator('[data-test="bulletin-schedule-form"]')
    await form.waitFor()
    await form.locator('[data-test="bulletin-enabled"]').click()
    const [put] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/bulletins/schedule') && r.request().method() === 'PUT'), page.click('[data-test="bulletin-schedule-save"]')])
    assert(put.status() === 200, `schedule: HTTP ${put.status()} ${(await put.text()).slice(0, 200)}`)
    await page.waitForFunction(() => document.querySelector('[data-test="bulletin-schedule-economy"]')?.textContent.includes('每月15日'))
    const [made] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/bulletins') && r.request().method() === 'POST', { timeout: 60_000 }), page.click('[data-test="bulletin-make-economy"]')])
    assert([200, 201].includes(made.status()), `make: HTTP ${made.status()} ${(await made.text()).slice(0, 200)}`)
    await page.locator('[data-test="bulletin-table"] .el-table__body tr', { hasText: '经济运行月报' }).first().waitFor()
    await shot(page, '36-bulletins-admin')
  } finally {
    await page.context().close()
  }
  // the leader reads it and downloads the PDF; the schedule is his to see, not to change
  page = await newPage()
  try {
    await uiLogin(page, 'ccetdz-leader', DEMO_PASS)
    await page.goto(BASE + '/bulletins')
    const row = page.locator('[data-test="bulletin-table"] .el-table__body tr', { hasText: '经济运行月报' }).first()
    await row.waitFor()
    assert((await page.locator('[data-test="bulletin-edit-economy"]').count()) === 0, 'no schedule button for the leader')
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), row.locator('[data-test^="bulletin-download-"]').click()])
    const buf = readFileSync(await download.path())
    assert(buf.subarray(0, 5).toString() === '%PDF-', 'the bulletin is a PDF')
    assert(/经济运行月报.*\.pdf$/.test(download.suggestedFilename()), `file name ${download.suggestedFilename()}`)
  } finally {
    await page.context().close()
  }
})

async function main() {
  try {
    const r = await fetch(BASE + '/healthz')
    if (!r.ok) throw new Error(`HTTP ${r.status}`)
  } catch (e) {
    console.log(`not ok - server at ${BASE} answers: ${e.message}`)
    console.log('0 passed, 1 failed')
    process.exit(1)
  }
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: process.env.YQ_E2E_HEADFUL !== '1',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
  let passed = 0
  let failed = 0
  for (const c of cases) {
    if (ONLY && !ONLY.test(c.name)) continue
    closedPages = []
    try {
      await withTimeout(c.fn(), CASE_TIMEOUT, c.name)
      console.log(`ok - ${c.name}`)
      passed++
    } catch (e) {
      if (e instanceof Skip) {
        console.log(`ok - ${c.name} # SKIP ${e.message}`)
        passed++
        continue
      }
      const reason = String((e && e.message) || e).split('\n')[0]
      console.log(`not ok - ${c.name}: ${reason}`)
      failed++
      closedPages.forEach((p, i) => {
        const file = `FAIL-${String(failed).padStart(2, '0')}-${i}.png`
        console.log(`#   page ${i}: ${p.url}${p.png ? ` (${file})` : ''}${p.errors.length ? `; console: ${p.errors.join(' | ').slice(0, 400)}` : ''}`)
        if (p.png) writeFileSync(join(SHOTS, file), p.png)
      })
    }
  }
  if (state.admin) await state.admin.dispose()
  await browser.close()
  console.log(`${passed} passed, ${failed} failed`)
  process.exit(failed ? 1 : 0)
}

main().catch((e) => {
  console.log(`not ok - e2e runner: ${e.message}`)
  console.log('0 passed, 1 failed')
  process.exit(1)
})
