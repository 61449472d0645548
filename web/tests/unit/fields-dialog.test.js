// The dialogs whose form is a field list (components/FieldsDialog.vue, FormFields.vue and
// useDialogForm): one item a field with its label, input and data-field, filled again on each
// opening, the slot of a field replacing its input, and the server's field error under its field.
import { describe, it, expect, vi, afterEach } from 'vitest'
import { mount } from '@vue/test-utils'
import { h, reactive } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import { i18n, setAppLocale } from '../../src/i18n'
import { configureHttp } from '../../src/api/http'
import FormFields from '../../src/components/FormFields.vue'
import CarrierDialog from '../../src/views/freight/CarrierDialog.vue'
import { waitFor, json } from './page-helpers'

let mounted
afterEach(() => {
  if (mounted) mounted.unmount()
  mounted = null
  document.body.innerHTML = ''
})
const q = (sel) => document.querySelector(sel)
const qa = (sel) => [...document.querySelectorAll(sel)]

describe('FormFields', () => {
  it('renders an item for each shown field, the slot of a field instead of its input', () => {
    const form = reactive({ name: 'a', kind: 'x', notes: '', hidden: '' })
    mounted = mount(FormFields, {
      props: {
        form,
        errors: {},
        fields: [
          { key: 'name', label: '名称', required: true, attrs: { name: 'name', maxlength: 50 } },
          { key: 'kind', label: '类型', type: 'radio', options: [{ value: 'x', label: 'X' }, { value: 'y', label: 'Y' }] },
          { key: 'hidden', label: '隐藏', show: false },
          { key: 'notes', label: '备注', type: 'textarea' },
          { key: 'custom', label: '自定义' },
        ],
      },
      slots: { custom: () => h('span', { class: 'mine' }, 'slot') },
      global: { plugins: [i18n] },
      attachTo: document.body,
    })
    expect(qa('[data-field]').map((e) => e.getAttribute('data-field'))).toEqual(['name', 'kind', 'notes', 'custom'])
    expect(q('[data-field="name"] input').getAttribute('name')).toBe('name')
    expect(qa('[data-field="kind"] .el-radio').map((e) => e.textContent.trim())).toEqual(['X', 'Y'])
    expect(q('[data-field="notes"] textarea')).not.toBe(null)
    expect(q('[data-field="custom"] .mine').textContent).toBe('slot')
  })
})

describe('a field-list dialog (登记承运企业)', { timeout: 20000 }, () => {
  it('fills the form from the row, puts the field error under its field, then saves, closes and emits the answer', async () => {
    setAppLocale('zh-CN')
    configureHttp({ onUnauthorized: vi.fn(), onPasswordChange: vi.fn(), onError: vi.fn() })
    const calls = []
    let answer = json(400, { error: { code: 'invalid', message: '名称重复', field: 'name' } })
    globalThis.fetch = vi.fn(async (url, init) => {
      calls.push({ method: init.method, path: new URL(String(url), 'http://x').pathname, body: JSON.parse(init.body) })
      return answer
    })
    const pinia = createPinia()
    setActivePinia(pinia)
    const saved = [], updates = []
    mounted = mount(CarrierDialog, {
      props: { modelValue: false, carrier: { id: 3, name: '顺达', contact: '王', phone: '', notes: '' }, onSaved: (c) => saved.push(c), 'onUpdate:modelValue': (v) => updates.push(v) },
      global: { plugins: [pinia, i18n] },
      attachTo: document.body,
    })
    await mounted.setProps({ modelValue: true })
    await waitFor(() => q('[data-test="freight-carrier-dialog"] [data-field="name"] input'))
    expect(q('[data-field="name"] input').value).toBe('顺达')
    expect(document.body.textContent).toContain('修改')
    q('[data-test="freight-carrier-save"]').click()
    await waitFor(() => q('[data-field="name"] .el-form-item__error'))
    expect(q('[data-field="name"] .el-form-item__error').textContent).toContain('名称重复')
    expect(calls[0]).toEqual({ method: 'PATCH', path: '/api/freight/carriers/3', body: { name: '顺达', contact: '王', notes: '' } })
    answer = json(200, { id: 3, name: '顺达' })
    q('[data-test="freight-carrier-save"]').click()
    await waitFor(() => saved.length === 1)
    expect(saved[0]).toEqual({ id: 3, name: '顺达' })
    expect(updates).toEqual([false])
  })
})
