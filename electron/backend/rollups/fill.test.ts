import { describe, expect, it } from 'vitest'
import { fillWindows, MAX_WINDOWS } from './fill'

const HOUR = 3_600_000

describe('fillWindows', () => {
  it('covers first..last in whole buckets, oldest first, without gaps or overlaps', () => {
    const first = Date.UTC(2026, 0, 1, 0, 17)
    const last = Date.UTC(2026, 0, 3, 5, 42)
    const windows = fillWindows(first, last, 3600)
    expect(windows[0]?.[0]).toBe(Date.UTC(2026, 0, 1))
    expect(windows.at(-1)?.[1]).toBe(Date.UTC(2026, 0, 3, 6))
    windows.forEach(([from, to], i) => {
      expect(from % HOUR).toBe(0)
      expect(to % HOUR).toBe(0)
      expect(to).toBeGreaterThan(from)
      if (i > 0) expect(from).toBe(windows[i - 1]?.[1])
    })
  })

  it(`never makes more than ${MAX_WINDOWS} windows`, () => {
    const windows = fillWindows(Date.UTC(2020, 0, 1), Date.UTC(2026, 0, 1), 60)
    expect(windows.length).toBeLessThanOrEqual(MAX_WINDOWS)
    expect(windows.length).toBeGreaterThan(MAX_WINDOWS / 2)
  })

  it('one reading: one bucket', () => {
    const t = Date.UTC(2026, 0, 1, 12, 30)
    expect(fillWindows(t, t, 3600)).toEqual([[Date.UTC(2026, 0, 1, 12), Date.UTC(2026, 0, 1, 13)]])
  })
})
