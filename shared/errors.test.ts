import { describe, expect, it } from 'vitest'
import { AppError, cutText, MAX_ERROR_DETAIL_CHARS, MAX_ERROR_MESSAGE_CHARS } from './errors'

describe('cutText', () => {
  it('leaves short text alone and says where long text was cut', () => {
    expect(cutText('short', 10)).toBe('short')
    expect(cutText('x'.repeat(10), 10)).toBe('x'.repeat(10))
    expect(cutText('x'.repeat(20_971_595), 5)).toBe('xxxxx… [cut: 20,971,595 characters in all]')
  })

  it('never ends on half of a character outside the BMP', () => {
    const cut = cutText('ab😀cd', 3)
    expect(cut).toBe('ab… [cut: 6 characters in all]')
    expect(encodeURIComponent(cut)).toContain('ab')
  })
})

describe('AppError across a boundary', () => {
  const huge = 'y'.repeat(20 * 1024 * 1024)

  it('sends a few KB of message and of each detail, whatever it holds', () => {
    const data = new AppError('server_error', huge, { where: huge, line: 3, ok: true }).toData()
    expect(data.message.length).toBeLessThan(MAX_ERROR_MESSAGE_CHARS + 50)
    expect(data.message).toMatch(/… \[cut: 20,971,520 characters in all\]$/)
    expect(String(data.detail?.where).length).toBeLessThan(MAX_ERROR_DETAIL_CHARS + 50)
    expect(data.detail).toMatchObject({ line: 3, ok: true })
  })

  it('is cut again when rebuilt from data that another host made', () => {
    const error = AppError.fromData({ name: 'AppError', code: 'internal', message: huge })
    expect(error.message.length).toBeLessThan(MAX_ERROR_MESSAGE_CHARS + 50)
  })
})
