// Attachment rules on the client (src/utils/attachment.js): extension, size and count checks that
// mirror the server's, sizes for display, who sees upload and delete.
import { describe, it, expect } from 'vitest'
import { fileExt, checkFile, fmtSize, attachmentUrl, canUpload, canDelete, ATTACHMENT_MAX_BYTES } from '../../src/utils/attachment'

const f = (name, size = 100) => ({ name, size })
const STAFF = ['ticket.read', 'ticket.create', 'ticket.triage', 'ticket.handle', 'ticket.rate']

describe('attachment checks', () => {
  it('reads extensions case-insensitively and ignores dot files', () => {
    expect(fileExt('用地申请书.PDF')).toBe('pdf')
    expect(fileExt('a.tar.zip')).toBe('zip')
    expect(fileExt('.bashrc')).toBe('')
    expect(fileExt('noext')).toBe('')
    expect(fileExt('trailing.')).toBe('')
    expect(fileExt(null)).toBe('')
  })

  it('accepts the allowed types within the limits', () => {
    for (const n of ['a.pdf', 'b.png', 'c.jpg', 'd.jpeg', 'e.gif', 'f.doc', 'g.docx', 'h.xls', 'i.xlsx', 'j.txt', 'k.zip']) {
      expect(checkFile(f(n))).toBeNull()
    }
    expect(checkFile(f('max.pdf', ATTACHMENT_MAX_BYTES))).toBeNull()
  })

  it('names the reason for a refusal', () => {
    expect(checkFile(f('setup.exe')).key).toBe('attachment.badType')
    expect(checkFile(f('invoice.pdf.exe')).key).toBe('attachment.badType')
    expect(checkFile(f('big.pdf', ATTACHMENT_MAX_BYTES + 1))).toEqual({ key: 'attachment.tooBig', params: { max: '20 MB' } })
    expect(checkFile(f('empty.txt', 0)).key).toBe('attachment.emptyFile')
    expect(checkFile(f('x.pdf'), 10)).toEqual({ key: 'attachment.tooMany', params: { n: 10 } })
    expect(checkFile(f('x.pdf'), 9)).toBeNull()
    expect(checkFile(null).key).toBe('attachment.emptyFile')
  })

  it('formats sizes and builds the download address', () => {
    expect(fmtSize(0)).toBe('0 B')
    expect(fmtSize(1023)).toBe('1023 B')
    expect(fmtSize(1536)).toBe('1.5 KB')
    expect(fmtSize(20 * 1024 * 1024)).toBe('20.0 MB')
    expect(attachmentUrl(12, 3)).toBe('/api/tickets/12/attachments/3')
  })
})

describe('who uploads and deletes', () => {
  const open = { id: 1, status: 'in_progress', dept_id: 5 }
  const ent = { perms: ['ticket.read', 'ticket.create', 'ticket.rate'], role: 'enterprise' }
  const center = { perms: STAFF, role: 'staff', deptKind: 'service_center' }
  const dept = { perms: STAFF, role: 'staff', deptKind: 'other' }
  const leader = { perms: ['ticket.read', 'ticket.stats', 'ticket.escalate'], role: 'leader' }

  it('shows upload to the enterprise, the center and a handling department while open', () => {
    expect(canUpload(open, ent)).toBe(true)
    expect(canUpload(open, center)).toBe(true)
    expect(canUpload(open, dept)).toBe(true)
    expect(canUpload({ ...open, dept_id: null, status: 'received' }, dept)).toBe(false)
    expect(canUpload(open, leader)).toBe(false)
    for (const status of ['closed', 'rejected', 'merged']) expect(canUpload({ ...open, status }, ent)).toBe(false)
    expect(canUpload({ ...open, status: 'resolved' }, ent)).toBe(true)
    expect(canUpload(null, ent)).toBe(false)
  })

  it('lets only the uploader delete, while the request is open', () => {
    expect(canDelete(open, { mine: true })).toBe(true)
    expect(canDelete(open, { mine: false })).toBe(false)
    expect(canDelete({ ...open, status: 'closed' }, { mine: true })).toBe(false)
  })
})
