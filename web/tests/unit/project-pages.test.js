// The pages of 会审, 项目调度规则 and the problem board against a fake server (fetch answered per
// route, every call recorded): a meeting's decision and its close, the server's refusal of the
// close shown in the dialog; the settings' errors under their field, found before sending or
// given by the server; the board opening the problem a notification leads to (?problem=ID); a
// site check with its photos (picked, uploaded as attachments, sent as photo_ids, shown in the
// list); a follow-up and its next step; the 龙虎榜's PDF; the sheet import of projects; 我的项目's report of a month.
import { describe, it, expect, vi, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createRouter, createMemoryHistory } from 'vue-router'
import { routes } from '../../src/router/routes'
import { i18n, setAppLocale } from '../../src/i18n'
import { configureHttp } from '../../src/api/http'
import { useAuthStore } from '../../src/stores/auth'
import ReviewDetail from '../../src/views/project/ReviewDetail.vue'
import ProjectSettings from '../../src/views/project/ProjectSettings.vue'
import ProblemBoard from '../../src/views/project/ProblemBoard.vue'
import ProblemDrawer from '../../src/views/project/ProblemDrawer.vue'
import CheckTab from '../../src/views/project/CheckTab.vue'
import FollowupTab from '../../src/views/project/FollowupTab.vue'
import Leaderboard from '../../src/views/project/Leaderboard.vue'
import MyProjects from '../../src/views/project/MyProjects.vue'
import ImportDialog from '../../src/components/ImportDialog.vue'
import { today } from '../../src/utils/format'
import { lastWeek } from '../../src/views/project/rules'
import { waitFor, json } from './page-helpers'

const q = (sel) => document.body.querySelector(sel)
const qa = (sel) => [...document.body.querySelectorAll(sel)]
const text = (sel) => (q(sel) ? q(sel).textContent.trim() : '')

let calls
let mounted
/**
 * Mounts `component` at `path` for a user holding `perms`, with `props`; `server(method, path,
 * body, query)` answers each request as [status, body]. A multipart body is recorded as
 * {file: its file's name}.
 */
async function mountAt(component, path, perms, server, props = {}) {
  calls = []
  setAppLocale('zh-CN')
  configureHttp({ onUnauthorized: vi.fn(), onPasswordChange: vi.fn(), onError: vi.fn() })
  globalThis.fetch = vi.fn(async (url, init) => {
    const u = new URL(String(url), 'http://x')
    const body = init.body instanceof FormData ? { file: init.body.get('file').name } : init.body ? JSON.parse(init.body) : null
    calls.push({ method: init.method, path: u.pathname, query: Object.fromEntries(u.searchParams), body })
    const [status, answer] = server(init.method, u.pathname, body, u.searchParams) || [404, { error: { code: 'not_found', message: '不存在' } }]
    return json(status, answer)
  })
  const pinia = createPinia()
  setActivePinia(pinia)
  const auth = useAuthStore()
  auth.user = { id: 5, username: 'zhaoshang', role: 'staff', dept_id: 3 }
  auth.permissions = perms
  const router = createRouter({ history: createMemoryHistory(), routes })
  await router.push(path)
  await router.isReady()
  mounted = mount(component, { props, global: { plugins: [pinia, router, i18n] }, attachTo: document.body })
  return { router, wrapper: mounted }
}
afterEach(() => {
  if (mounted) mounted.unmount()
  mounted = null
  document.body.innerHTML = ''
})
const input = (el, v) => {
  el.value = v
  el.dispatchEvent(new Event('input'))
}
/** Picks files in a file input, as the browser does. */
const pick = (el, files) => {
  Object.defineProperty(el, 'files', { value: files, configurable: true })
  el.dispatchEvent(new Event('change'))
}
const image = (name, size = 64) => new File([new Uint8Array(size)], name, { type: name.endsWith('.png') ? 'image/png' : 'image/jpeg' })

describe('a 会审 meeting', { timeout: 20000 }, () => {
  const meeting = () => ({
    id: 5,
    on_date: '2026-05-08',
    title: '2026年第19周项目会审',
    status: 'open',
    minutes: '',
    items: [
      { project_id: 3, project_no: 'XM2026-0003', project_name: '光电产业园', stage: 'signed', dept_id: 3, dept_name: '招商一局', decision: 'advance', note: '尽快供地' },
      { project_id: 9, project_no: 'XM2026-0009', project_name: '锂电池二期', stage: 'negotiating', dept_id: 3, dept_name: '招商一局', decision: '', note: '' },
    ],
  })

  it('records a decision, shows the refusal to close with one missing, then closes with the minutes', async () => {
    let rv = meeting()
    await mountAt(ReviewDetail, '/projects/reviews/5', ['project.read', 'project.write'], (method, path, body) => {
      if (method === 'GET' && path === '/api/projects/reviews/5') return [200, rv]
      if (method === 'POST' && path === '/api/projects/reviews/5/decide') {
        rv = { ...rv, items: rv.items.map((i) => (i.project_id === body.project_id ? { ...i, decision: body.decision, note: body.note } : i)) }
        return [200, rv]
      }
      if (method === 'POST' && path === '/api/projects/reviews/5/close') {
        const left = rv.items.filter((i) => !i.decision).length
        if (left) return [409, { error: { code: 'invalid_state', message: `还有 ${left} 个项目未作会审决定`, field: 'status' } }]
        rv = { ...rv, status: 'closed', minutes: body.minutes, closed_at: '2026-05-08T08:00:00Z' }
        return [200, rv]
      }
    })
    await waitFor(() => q('[data-test="review-agenda"] [data-agenda="9"]'))
    expect(text('[data-test="review-progress"]')).toBe('已决定 1 / 2')
    expect(q('[data-agenda="3"]').getAttribute('data-decision')).toBe('advance')
    expect(text('[data-agenda="3"]')).toContain('推进')
    expect(text('[data-agenda="9"]')).toContain('待决定')

    // closing with a project undecided: the server's 409 in the dialog, the meeting still open
    q('[data-test="review-close"]').click()
    await waitFor(() => q('[data-test="review-close-dialog"] textarea[name="minutes"]'))
    // no minutes: nothing sent
    q('[data-test="review-close-save"]').click()
    await waitFor(() => q('[data-field="minutes"] .el-form-item__error'))
    expect(text('[data-field="minutes"] .el-form-item__error')).toBe('请填写会议纪要')
    expect(calls.filter((c) => c.method === 'POST')).toEqual([])
    input(q('[data-test="review-close-dialog"] textarea[name="minutes"]'), '会议纪要：光电产业园推进供地。')
    await flushPromises()
    q('[data-test="review-close-save"]').click()
    await waitFor(() => q('[data-test="review-close-error"]'))
    expect(text('[data-test="review-close-error"]')).toContain('还有 1 个项目未作会审决定')
    expect(q('[data-test="review-status"]').getAttribute('data-status')).toBe('open')
    q('[data-test="review-close-dialog"] .el-dialog__headerbtn').click()
    await flushPromises()

    // the decision on the second project: the dialog asks for one of the four first
    q('[data-decide="9"]').click()
    await waitFor(() => q('[data-test="review-decide-dialog"] [data-decision="supplement"]'))
    q('[data-test="review-decide-save"]').click()
    await waitFor(() => q('[data-test="review-decide-dialog"] [data-field="decision"] .el-form-item__error'))
    expect(text('[data-test="review-decide-dialog"] [data-field="decision"] .el-form-item__error')).toBe('请选择会审决定')
    q('[data-test="review-decide-dialog"] [data-decision="supplement"] input').click()
    input(q('[data-test="review-decide-dialog"] textarea[name="note"]'), ' 补充环评批复 ')
    await flushPromises()
    q('[data-test="review-decide-save"]').click()
    await waitFor(() => q('[data-agenda="9"]') && q('[data-agenda="9"]').getAttribute('data-decision') === 'supplement')
    expect(calls.filter((c) => c.path.endsWith('/decide')).map((c) => c.body)).toEqual([{ project_id: 9, decision: 'supplement', note: '补充环评批复' }])
    expect(text('[data-agenda="9"]')).toContain('补充材料')
    expect(text('[data-test="review-progress"]')).toBe('已决定 2 / 2')

    // now it closes, with the minutes shown
    q('[data-test="review-close"]').click()
    await waitFor(() => q('[data-test="review-close-dialog"] textarea[name="minutes"]'))
    expect(q('[data-test="review-close-error"]')).toBeNull()
    input(q('[data-test="review-close-dialog"] textarea[name="minutes"]'), '会议纪要：两个项目均已决定。')
    await flushPromises()
    q('[data-test="review-close-save"]').click()
    await waitFor(() => q('[data-test="review-minutes"]'))
    expect(text('[data-test="review-minutes"]')).toBe('会议纪要：两个项目均已决定。')
    expect(q('[data-test="review-status"]').getAttribute('data-status')).toBe('closed')
    expect(calls.filter((c) => c.path.endsWith('/close')).map((c) => c.body.minutes)).toEqual(['会议纪要：光电产业园推进供地。', '会议纪要：两个项目均已决定。'])
    // a closed meeting offers nothing more
    expect(q('[data-test="review-add"]')).toBeNull()
    expect(q('[data-test="review-close"]')).toBeNull()
    expect(qa('[data-decide]')).toEqual([])
  })

  it('offers nothing to write to a reader', async () => {
    await mountAt(ReviewDetail, '/projects/reviews/5', ['project.read'], (method, path) => (method === 'GET' && path === '/api/projects/reviews/5' ? [200, meeting()] : null))
    await waitFor(() => q('[data-agenda="9"]'))
    expect(q('[data-test="review-add"]')).toBeNull()
    expect(q('[data-test="review-close"]')).toBeNull()
    expect(qa('[data-decide]')).toEqual([])
  })
})

describe('项目调度规则', { timeout: 20000 }, () => {
  const settings = {
    amber_days: 15,
    amber_ratio: 0.9,
    red_ratio: 0.7,
    report_day: 10,
    weights: { signed_count: 1, signed_amount: 1, count_100m: 1, count_500m: 1, count_1000m: 1, count_usd100m: 1, funds: 1, started_count: 1, producing_count: 1 },
    permits: ['用地规划许可证', '施工许可证'],
  }

  it('says what is wrong under the field before sending, shows the server\'s field error, and saves', async () => {
    let answer = null
    await mountAt(ProjectSettings, '/system/project-rules', ['project.read', 'project.admin'], (method, path, body) => {
      if (path !== '/api/projects/settings') return null
      if (method === 'GET') return [200, settings]
      return answer(body)
    })
    await waitFor(() => q('[data-field="red_ratio"] input'))
    expect(qa('[data-test="settings-rule"] li').map((li) => li.textContent.trim())[1]).toBe('黄：节点滞后不超过 15 天，或累计投资低于序时计划的 90%')
    expect(qa('[data-test="settings-permits"] input').map((i) => i.value)).toEqual(['用地规划许可证', '施工许可证'])

    // red above amber: said under the field, nothing sent
    const red = q('[data-field="red_ratio"] input')
    input(red, '95')
    red.dispatchEvent(new Event('change'))
    await flushPromises()
    q('[data-test="settings-save"]').click()
    await waitFor(() => q('[data-field="red_ratio"] .el-form-item__error'))
    expect(text('[data-field="red_ratio"] .el-form-item__error')).toBe('红色投资比例不能高于黄色投资比例')
    expect(calls.filter((c) => c.method === 'PUT')).toEqual([])
    input(red, '60')
    red.dispatchEvent(new Event('change'))

    // a permit added twice: said before sending
    q('[data-test="settings-permit-add"]').click()
    await flushPromises()
    input(q('[data-test="settings-permits"] input[name="permit-2"]'), '施工许可证')
    await flushPromises()
    q('[data-test="settings-save"]').click()
    await waitFor(() => q('[data-field="permits"] .el-form-item__error'))
    expect(text('[data-field="permits"] .el-form-item__error')).toBe('审批事项“施工许可证”重复')
    expect(calls.filter((c) => c.method === 'PUT')).toEqual([])

    // the server refuses a field: its words under that field
    input(q('[data-test="settings-permits"] input[name="permit-2"]'), '环评')
    await flushPromises()
    answer = () => [400, { error: { code: 'validation', message: '审批事项名称应为 1 至 30 个字', field: 'permits' } }]
    q('[data-test="settings-save"]').click()
    await waitFor(() => calls.some((c) => c.method === 'PUT') && text('[data-field="permits"] .el-form-item__error') === '审批事项名称应为 1 至 30 个字')

    // saved: the body as the server takes it, the form as the server answers
    answer = (body) => [200, { ...settings, ...body }]
    q('[data-test="settings-save"]').click()
    await waitFor(() => calls.filter((c) => c.method === 'PUT').length === 2 && !q('[data-field="permits"] .el-form-item__error'))
    const sent = calls.filter((c) => c.method === 'PUT')[1].body
    expect(sent).toEqual({ ...settings, red_ratio: 0.6, permits: ['用地规划许可证', '施工许可证', '环评'] })
  })
})

describe('the problem board', { timeout: 20000 }, () => {
  it('opens the problem the address names, and takes it out of the address when closed', async () => {
    const problem = { id: 7, no: 'WT2026-0007', project_id: 3, project_name: '光电产业园', title: '施工用电接入', detail: '临时用电未接入', category: 'utilities', dept_id: 4, dept_name: '企业服务中心', days: 10, status: 'open', due_at: '2026-05-22T09:00:00Z', overdue: false, created_at: '2026-05-08T02:00:00Z', timeline: [], attachments: [] }
    const { router, wrapper } = await mountAt(ProblemBoard, '/projects/problems?problem=7', ['project.read', 'project.handle'], (method, path) => {
      if (path === '/api/projects/problems/7') return [200, problem]
      if (path === '/api/projects/problems') return [200, { items: [], total: 0, page: 1, page_size: 50 }]
      if (path === '/api/depts') return [200, { items: [] }]
    })
    await waitFor(() => text('[data-test="problem-drawer"] [data-test="problem-status"]') === '办理中')
    expect(calls.some((c) => c.path === '/api/projects/problems/7')).toBe(true)
    expect(q('[data-test="problem-drawer"]').textContent).toContain('WT2026-0007 施工用电接入')
    // the drawer closed (its v-model set false, as el-drawer does once it has faded out)
    wrapper.findComponent(ProblemDrawer).vm.$emit('update:modelValue', false)
    await waitFor(() => router.currentRoute.value.query.problem === undefined)
    expect(router.currentRoute.value.path).toBe('/projects/problems')
  })
})

describe('每日检查 with photos', { timeout: 20000 }, () => {
  // the fake server: the checks (the new one first), attachments numbered from 31
  function server({ refuse = () => false } = {}) {
    const checks = [{ id: 1, on_date: '2026-05-01', checker: '李工', progress: 30, notes: '基础施工', problems: '', photos: [] }]
    let aid = 30
    return (method, path, body) => {
      if (method === 'GET' && path === '/api/projects/7/checks') return [200, { items: checks }]
      if (method === 'POST' && path === '/api/projects/7/attachments') {
        if (refuse(body.file)) return [400, { error: { code: 'validation', message: '最多上传10个附件', field: 'file' } }]
        return [201, { id: ++aid, name: body.file }]
      }
      if (method === 'POST' && path === '/api/projects/7/checks') {
        const names = Object.fromEntries(calls.filter((c) => c.path.endsWith('/attachments')).map((c, i) => [31 + i, c.body.file]))
        checks.unshift({ id: 2, ...body, photos: (body.photo_ids || []).map((id) => ({ id, name: names[id], content_type: 'image/png' })) })
        return [201, { id: 2 }]
      }
    }
  }
  const dialog = (sel) => q('[data-test="check-dialog"] ' + sel)
  async function openForm() {
    await waitFor(() => q('[data-test="check-table"] .el-table__body tr'))
    q('[data-test="check-new"]').click()
    await waitFor(() => dialog('input[name="checker"]'))
    input(dialog('input[name="checker"]'), '王工')
    input(dialog('textarea[name="notes"]'), '围挡已建')
    await flushPromises()
  }
  const picked = () => qa('[data-test="check-picked"] [data-picked]').map((el) => el.getAttribute('data-picked'))

  it('uploads the photos picked as attachments, sends their ids and shows them in the list', async () => {
    await mountAt(CheckTab, '/projects/7', ['project.read', 'project.dispatch'], server(), { projectId: 7, canAdd: true })
    await openForm()
    expect(q('[data-test="check-table"]').textContent).toContain('基础施工')
    // a pdf and an empty image are refused as they are picked; the two images are kept
    pick(dialog('[data-test="check-photo-upload"] input[type="file"]'), [image('现场1.jpg'), image('报告.pdf'), image('空.png', 0), image('围挡.png')])
    await flushPromises()
    expect(picked()).toEqual(['现场1.jpg', '围挡.png'])
    await waitFor(() => qa('.el-message').length >= 2)
    expect(qa('.el-message').map((el) => el.textContent.trim())).toEqual(expect.arrayContaining(['“报告.pdf”不是 jpg 或 png 图片', '照片“空.png”是空文件']))
    expect(calls.filter((c) => c.method === 'POST')).toEqual([])
    // one taken off again, one more picked
    q('[data-test="check-picked"] [data-remove="0"]').click()
    await flushPromises()
    pick(dialog('[data-test="check-photo-upload"] input[type="file"]'), [image('场地.JPG')])
    await flushPromises()
    expect(picked()).toEqual(['围挡.png', '场地.JPG'])

    q('[data-test="check-save"]').click()
    await waitFor(() => q('[data-test="check-photos-2"]'))
    expect(calls.filter((c) => c.method === 'POST').map((c) => [c.path, c.body])).toEqual([
      ['/api/projects/7/attachments', { file: '围挡.png' }],
      ['/api/projects/7/attachments', { file: '场地.JPG' }],
      ['/api/projects/7/checks', { on_date: today(), checker: '王工', progress: 30, notes: '围挡已建', problems: '', photo_ids: [31, 32] }],
    ])
    // the new check's photos in the list: one thumbnail each, downloaded as the project's attachment
    expect(qa('[data-test="check-photos-2"] [data-photo]').map((el) => el.getAttribute('data-photo'))).toEqual(['31', '32'])
    const img = q('[data-test="check-photos-2"] [data-photo="31"] img')
    expect([img.getAttribute('src'), img.getAttribute('title')]).toEqual(['/api/projects/7/attachments/31', '围挡.png'])
    expect(q('[data-test="check-photos-1"]')).toBeNull()
  })

  it('sends no photo_ids without photos, and offers no form to a reader', async () => {
    await mountAt(CheckTab, '/projects/7', ['project.read', 'project.dispatch'], server(), { projectId: 7, canAdd: true })
    await openForm()
    q('[data-test="check-save"]').click()
    await waitFor(() => calls.some((c) => c.method === 'POST'))
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([{ on_date: today(), checker: '王工', progress: 30, notes: '围挡已建', problems: '' }])
    mounted.unmount()
    mounted = null
    await mountAt(CheckTab, '/projects/7', ['project.read'], server(), { projectId: 7, canAdd: false })
    await waitFor(() => q('[data-test="check-table"] .el-table__body tr'))
    expect(q('[data-test="check-new"]')).toBeNull()
  })

  it('names a refused photo under the photos, and uploads only what is missing when saved again', async () => {
    let full = true
    await mountAt(CheckTab, '/projects/7', ['project.read', 'project.dispatch'], server({ refuse: (name) => full && name === 'b.png' }), { projectId: 7, canAdd: true })
    await openForm()
    pick(dialog('[data-test="check-photo-upload"] input[type="file"]'), [image('a.jpg'), image('b.png')])
    await flushPromises()
    q('[data-test="check-save"]').click()
    await waitFor(() => q('[data-field="photo_ids"] .el-form-item__error'))
    expect(text('[data-field="photo_ids"] .el-form-item__error')).toBe('照片“b.png”上传失败：最多上传10个附件')
    expect(calls.filter((c) => c.path.endsWith('/checks') && c.method === 'POST')).toEqual([])
    full = false
    q('[data-test="check-save"]').click()
    await waitFor(() => q('[data-test="check-photos-2"]'))
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.body.file || c.body.photo_ids)).toEqual(['a.jpg', 'b.png', 'b.png', [31, 32]])
  })

  it('takes nine photos at most', async () => {
    await mountAt(CheckTab, '/projects/7', ['project.read', 'project.dispatch'], server(), { projectId: 7, canAdd: true })
    await openForm()
    pick(dialog('[data-test="check-photo-upload"] input[type="file"]'), Array.from({ length: 10 }, (_, i) => image(`p${i + 1}.jpg`)))
    await flushPromises()
    expect(picked()).toHaveLength(9)
    await waitFor(() => qa('.el-message').some((el) => el.textContent.includes('每次检查最多 9 张照片')))
    expect(picked()[8]).toBe('p9.jpg')
    // no more to pick once nine are
    expect(dialog('[data-test="check-photo-upload"]')).toBeNull()
  })
})

describe('the 龙虎榜 PDF', { timeout: 20000 }, () => {
  it('downloads the ranking of the week shown, by bureau or by person', async () => {
    const saved = []
    const create = URL.createObjectURL
    URL.createObjectURL = vi.fn(() => 'blob:x')
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function () {
      saved.push(this.download)
    })
    try {
      await mountAt(Leaderboard, '/projects/leaderboard', ['project.read', 'project.stats'], (method, path, body, query) => {
        if (path === '/api/projects/settings') return [200, { weights: {} }]
        if (path === '/api/projects/leaderboard' && query.get('format') === 'pdf') return [200, { pdf: true }]
        if (path === '/api/projects/leaderboard') return [200, { week: query.get('week'), items: [] }]
      })
      await waitFor(() => q('[data-test="leaderboard-pdf"]'))
      expect(text('[data-test="leaderboard-pdf"]')).toBe('下载 PDF')
      const week = lastWeek(today())
      q('[data-test="leaderboard-pdf"]').click()
      await waitFor(() => saved.length === 1)
      q('[data-test="leaderboard-by"] input[value="person"]').click()
      await waitFor(() => calls.some((c) => c.query.by === 'person' && !c.query.format))
      q('[data-test="leaderboard-pdf"]').click()
      await waitFor(() => saved.length === 2)
      expect(calls.filter((c) => c.query.format === 'pdf').map((c) => [c.path, c.query])).toEqual([
        ['/api/projects/leaderboard', { week, by: 'dept', format: 'pdf' }],
        ['/api/projects/leaderboard', { week, by: 'person', format: 'pdf' }],
      ])
      expect(saved).toEqual([`leaderboard-${week}-dept.pdf`, `leaderboard-${week}-person.pdf`])
    } finally {
      click.mockRestore()
      URL.createObjectURL = create
    }
  })
})

describe('the sheet import', { timeout: 20000 }, () => {
  it('checks the projects\' sheet first, then imports its valid rows', async () => {
    await mountAt(ImportDialog, '/projects', ['project.read', 'project.write'], (method, path, body, query) => {
      if (path !== '/api/projects/import') return null
      if (query.get('dry_run')) return [200, { total: 3, valid: 2, invalid: 1, errors: [{ row: 4, column: '总投资', value: 'abc', reason: '不是金额' }] }]
      return [200, { total: 3, valid: 2, invalid: 1, written: true, created: 1, updated: 1, unchanged: 0 }]
    }, { modelValue: true, url: '/api/projects/import', title: '导入项目', tip: '先校验再导入。', writtenKey: 'project.import.written', test: 'project-import' })
    await waitFor(() => q('[data-test="project-import-upload"] input[type="file"]'))
    expect(q('[data-test="project-import-template"]')).toBeNull()
    pick(q('[data-test="project-import-upload"] input[type="file"]'), [new File(['名称\n'], '调度表.csv', { type: 'text/csv' })])
    await flushPromises()
    q('[data-test="project-import-check"]').click()
    await waitFor(() => q('[data-test="project-import-errors"]'))
    expect(text('[data-test="project-import-invalid"]')).toBe('无效 1 行')
    q('[data-test="project-import-skip"] input').click()
    await flushPromises()
    q('[data-test="project-import-confirm"]').click()
    await waitFor(() => q('[data-test="project-import-result"]'))
    expect(text('[data-test="project-import-result"]')).toContain('导入完成：新增 1 个，更新 1 个，无变化 0 个')
    expect(calls.map((c) => [c.method, c.path, c.query, c.body])).toEqual([
      ['POST', '/api/projects/import', { dry_run: '1' }, { file: '调度表.csv' }],
      ['POST', '/api/projects/import', { skip_invalid: '1' }, { file: '调度表.csv' }],
    ])
    expect(mounted.emitted('imported')).toHaveLength(1)
  })
})

describe('我的项目', { timeout: 20000 }, () => {
  it('reports a month of a project from its card', async () => {
    const project = { id: 3, no: 'XM2026-0003', name: '光电产业园', stage: 'started', total_investment: 60000, currency: 'CNY', plan_ytd: 1000, actual_ytd: 400 }
    await mountAt(MyProjects, '/projects/mine', ['project.read', 'project.report'], (method, path) => {
      if (method === 'GET' && path === '/api/projects') return [200, { items: [project], total: 1 }]
      if (method === 'PUT' && path.startsWith('/api/projects/3/invest/')) return [200, {}]
    })
    await waitFor(() => q('[data-test="my-project-report-3"]'))
    q('[data-test="my-project-report-3"]').click()
    await waitFor(() => q('[data-test="my-report-dialog"] input[name="actual"]'))
    expect(q('[data-test="my-report-dialog"]').textContent).toContain('光电产业园')
    q('[data-test="my-report-save"]').click()
    await waitFor(() => q('[data-field="actual"] .el-form-item__error'))
    expect(text('[data-field="actual"] .el-form-item__error')).toBe('请填写完成投资')
    const actual = q('[data-test="my-report-dialog"] input[name="actual"]')
    input(actual, '250')
    actual.dispatchEvent(new Event('change'))
    await flushPromises()
    q('[data-test="my-report-save"]').click()
    await waitFor(() => calls.filter((c) => c.path === '/api/projects').length === 2)
    expect(calls.filter((c) => c.method === 'PUT').map((c) => [c.path, c.body])).toEqual([[`/api/projects/3/invest/${lastMonth()}`, { actual: 250, funds: 0 }]])
  })
})
const lastMonth = () => {
  const [y, m] = today().split('-').map(Number)
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`
}

describe('跟进记录', { timeout: 20000 }, () => {
  it('asks the next step for its date, adds the follow-up and marks the step done', async () => {
    const rows = [{ id: 4, kind: 'visit', on_date: '2026-05-01', people: '张总', notes: '首次拜访', next_step: '寄送园区资料', next_date: '2026-05-03', next_done: false, user_name: '李四' }]
    await mountAt(FollowupTab, '/projects/7', ['project.read', 'project.write'], (method, path, body) => {
      if (method === 'GET' && path === '/api/projects/7/followups') return [200, { items: rows }]
      if (method === 'POST' && path === '/api/projects/7/followups') {
        rows.unshift({ id: 5, ...body, next_done: false, user_name: '王五' })
        return [201, { id: 5 }]
      }
      if (method === 'POST' && path === '/api/projects/followups/4/done') {
        rows.find((r) => r.id === 4).next_done = true
        return [204, null]
      }
    }, { projectId: 7, canWrite: true })
    await waitFor(() => q('[data-test="followup-done-4"]'))
    expect(q('[data-test="followup-table"]').textContent).toContain('寄送园区资料')
    q('[data-test="followup-new"]').click()
    await waitFor(() => q('[data-test="followup-dialog"] [data-field="notes"] textarea'))
    input(q('[data-test="followup-dialog"] [data-field="notes"] textarea'), ' 洽谈用地需求 ')
    input(q('[data-test="followup-dialog"] [data-field="next_step"] input'), '安排现场踏勘')
    await flushPromises()
    q('[data-test="followup-save"]').click()
    await waitFor(() => q('[data-test="followup-dialog"] [data-field="next_date"] .el-form-item__error'))
    expect(text('[data-test="followup-dialog"] [data-field="next_date"] .el-form-item__error')).toBe('填写了下一步，请选择时间')
    expect(calls.filter((c) => c.method === 'POST')).toEqual([])
    input(q('[data-test="followup-dialog"] [data-field="next_step"] input'), '')
    await flushPromises()
    q('[data-test="followup-save"]').click()
    await waitFor(() => q('[data-test="followup-done-4"]') && calls.filter((c) => c.method === 'GET' && c.path === '/api/projects/7/followups').length === 2)
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([{ kind: 'visit', on_date: today(), people: '', notes: '洽谈用地需求', next_step: '', next_date: null }])
    await waitFor(() => q('[data-test="followup-table"]').textContent.includes('洽谈用地需求'))
    q('[data-test="followup-done-4"]').click()
    await waitFor(() => !q('[data-test="followup-done-4"]'))
    expect(calls.some((c) => c.method === 'POST' && c.path === '/api/projects/followups/4/done')).toBe(true)
  })
})
