import { describe, expect, it } from 'vitest'
import type { JobProgress } from '../../../../shared/domain/jobs'
import {
  describeProgress,
  formatBytes,
  formatInterval,
  formatSeconds,
  parseInterval,
} from './format'

describe('intervals', () => {
  it.each([
    ['5 min', 300_000],
    ['5min', 300_000],
    ['10 s', 10_000],
    ['10', 10_000],
    ['1 h', 3_600_000],
    ['1.5 hours', 5_400_000],
    ['250 ms', 250],
    ['2 days', 172_800_000],
  ])('reads %s', (text, ms) => {
    expect(parseInterval(text)).toBe(ms)
  })

  it.each(['', 'five', '5 parsecs', '-1 s', '0 s', '0.5 ms'])('refuses %j', (text) => {
    expect(parseInterval(text)).toBeNull()
  })

  it('writes the largest exact unit, and reads back what it wrote', () => {
    for (const ms of [300_000, 10_000, 1_000, 30_000, 3_600_000, 86_400_000, 90_000, 1_500]) {
      expect(parseInterval(formatInterval(ms))).toBe(ms)
    }
    expect(formatInterval(300_000)).toBe('5 min')
    expect(formatInterval(90_000)).toBe('90 s')
  })
})

describe('display', () => {
  it('formats sizes and durations for people', () => {
    expect(formatBytes(512)).toBe('512 B')
    expect(formatBytes(1536)).toBe('1.5 KB')
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB')
    expect(formatSeconds(0.42)).toBe('0.4 s')
    expect(formatSeconds(42)).toBe('42 s')
    expect(formatSeconds(75)).toBe('1 min 15 s')
    expect(formatSeconds(4020)).toBe('1 h 7 min')
  })
})

describe('a load in progress', () => {
  const p: JobProgress = {
    jobId: 'job-1',
    kind: 'ingest',
    done: 12_000,
    total: 48_000,
    unit: 'rows',
    rows: 12_000,
    ratePerSecond: 9_500,
    etaSeconds: 3.8,
    phase: 'loading',
    elapsedMs: 1300,
  }

  it('says rows taken, the rate and the time left while loading', () => {
    expect(describeProgress(p)).toBe('12,000 of 48,000 rows · 9,500 rows/s · 3.8 s left')
    expect(describeProgress({ ...p, etaSeconds: null })).toBe(
      '12,000 of 48,000 rows · 9,500 rows/s · time left: estimating…',
    )
  })

  it('names the commit and ANALYZE once the server has every row, not "0.0 s left"', () => {
    expect(describeProgress({ ...p, done: 48_000, etaSeconds: null, phase: 'finishing' })).toBe(
      '48,000 of 48,000 rows · finishing on the server (commit, ANALYZE)…',
    )
    expect(describeProgress({ ...p, done: 48_000, phase: 'finishing' }, true)).toBe(
      '48,000 of 48,000 rows · 9,500 rows/s',
    )
  })
})
