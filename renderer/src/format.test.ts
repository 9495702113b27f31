import { describe, expect, it } from 'vitest'
import { formatBytes, formatCount, formatTime, fromLocalInput, toLocalInput } from './format'

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

  it('round-trips local date-time input values', () => {
    const ms = new Date(2026, 0, 2, 3, 4, 5).getTime()
    expect(toLocalInput(ms)).toBe('2026-01-02T03:04:05')
    expect(fromLocalInput('2026-01-02T03:04:05')).toBe(ms)
    expect(fromLocalInput('2026-01-02T03:04')).toBe(ms - 5000)
    expect(fromLocalInput('not a date')).toBeNull()
  })

  it('cuts date-time input values to the minute for inputs without seconds', () => {
    const ms = new Date(2026, 0, 2, 3, 4, 5).getTime()
    expect(toLocalInput(ms, 'minute')).toBe('2026-01-02T03:04')
  })

  it('reads and writes times in a display zone other than the OS’s', () => {
    const ms = Date.UTC(2026, 0, 2, 3, 4, 5)
    expect(formatTime(ms, 'Asia/Kolkata')).toBe('2026-01-02 08:34:05')
    expect(toLocalInput(ms, 'minute', 'Asia/Kolkata')).toBe('2026-01-02T08:34')
    expect(fromLocalInput('2026-01-02T08:34:05', 'Asia/Kolkata')).toBe(ms)
    expect(fromLocalInput('2026-01-02T03:04:05', 'UTC')).toBe(ms)
  })
})
