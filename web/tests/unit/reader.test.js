// The pieces of an enterprise user's reader (通知公告, 惠企政策): the drawer (components/
// ReaderDrawer.vue) and the list of attached files with their download links (FileLinks.vue).
import { describe, it, expect, afterEach } from 'vitest'
import { mount } from '@vue/test-utils'
import { h } from 'vue'
import { createPinia } from 'pinia'
import { i18n } from '../../src/i18n'
import FileLinks from '../../src/components/FileLinks.vue'
import ReaderDrawer from '../../src/components/ReaderDrawer.vue'
import { waitFor } from './page-helpers'

let mounted
afterEach(() => {
  if (mounted) mounted.unmount()
  mounted = null
  document.body.innerHTML = ''
})
const q = (sel) => document.querySelector(sel)

describe('FileLinks', () => {
  it('links each file to its address with its size, then the actions of the slot', () => {
    mounted = mount(FileLinks, {
      props: { files: [{ id: 4, name: '申报指南.pdf', size: 2048 }], href: (f) => `/api/x/${f.id}`, 'data-test': 'files' },
      slots: { actions: ({ file }) => h('button', { class: 'del' }, 'del ' + file.id) },
      global: { plugins: [i18n] },
      attachTo: document.body,
    })
    const a = q('[data-test="files"] li a')
    expect(a.getAttribute('href')).toBe('/api/x/4')
    expect(a.getAttribute('download')).toBe('申报指南.pdf')
    expect(q('[data-test="files"] li').textContent).toContain('2.0 KB')
    expect(q('[data-test="files"] li .del').textContent).toBe('del 4')
  })
})

describe('ReaderDrawer', () => {
  it('shows its title and content when open', async () => {
    mounted = mount(ReaderDrawer, {
      props: { modelValue: true, title: '关于申报的通知', 'data-test': 'reader' },
      slots: { default: () => h('p', { class: 'content' }, '正文') },
      global: { plugins: [createPinia(), i18n] },
      attachTo: document.body,
    })
    await waitFor(() => q('.content'))
    expect(document.body.textContent).toContain('关于申报的通知')
    expect(q('[data-test="reader"]')).not.toBe(null)
  })
})
