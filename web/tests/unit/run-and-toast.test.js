// Running a move and saying how it went (utils/feedback.js runAndToast, and confirmAndRun after a
// confirmation): the success toasted, an error shown instead, and whether the move succeeded.
import { describe, it, expect, vi, beforeEach } from 'vitest'

vi.mock('element-plus', () => ({ ElMessage: vi.fn(), ElMessageBox: { confirm: vi.fn(async () => 'confirm') } }))
const { ElMessage, ElMessageBox } = await import('element-plus')
const { runAndToast, confirmAndRun } = await import('../../src/utils/feedback')

beforeEach(() => vi.clearAllMocks())

describe('runAndToast', () => {
  it('toasts the success and says so', async () => {
    const action = vi.fn(async () => ({}))
    expect(await runAndToast(action, '已关闭')).toBe(true)
    expect(action).toHaveBeenCalled()
    expect(ElMessage).toHaveBeenCalledWith(expect.objectContaining({ type: 'success', message: '已关闭' }))
  })
  it('shows the error instead, once', async () => {
    expect(await runAndToast(async () => Promise.reject(new Error('不行')), '已关闭')).toBe(false)
    expect(ElMessage).toHaveBeenCalledTimes(1)
    expect(ElMessage).toHaveBeenCalledWith(expect.objectContaining({ type: 'error', message: '不行' }))
  })
  it('runs after a confirmation, not without one', async () => {
    const action = vi.fn(async () => ({}))
    expect(await confirmAndRun('确定？', action, '好')).toBe(true)
    ElMessageBox.confirm.mockRejectedValueOnce('cancel')
    expect(await confirmAndRun('确定？', action, '好')).toBe(false)
    expect(action).toHaveBeenCalledTimes(1)
  })
})
