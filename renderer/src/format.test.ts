import { describe, expect, it } from 'vitest'
import { formatBytes, formatCount, formatTime } from './format'

describe('formatting', () => {
  it('shows sizes as pg_size_pretty does', () => {
    expect(formatBytes(0)).toBe('0 bytes')
    expect(formatBytes(1023)).toBe('1023 bytes')
    expect(formatBytes(8192)).toBe('8.0 kB')
    expect(formatBytes(1_482_752)).toBe('1.4 MB')
    expect(formatBytes(300 * 1024 ** 3)).toBe('300 GB')
    expect(formatBytes(-1)).toBe('unknown')
  })

  it('groups counts and writes times in local time to the second', () => {
    expect(formatCount(1234567)).toBe('1,234,567')
    const local = new Date(2026, 0, 2, 3, 4, 5).getTime()
    expect(formatTime(local)).toBe('2026-01-02 03:04:05')
  })
})
