import { describe, expect, it } from 'vitest'
import {
  BUCKET_ORIGIN_MS,
  DAY,
  HOUR,
  MAX_PINNED_BUCKETS,
  MINUTE,
  TIDY_BUCKET_SECONDS,
  WEEK,
  bucketCount,
  bucketLabel,
  bucketShortLabel,
  bucketStarts,
  chooseBucket,
  parseBucketLabel,
  tidyAtLeast,
} from './buckets'

const T0 = Date.UTC(2026, 0, 5) // a Monday, midnight UTC
const H = 3_600_000
const D = 24 * H

describe('chooseBucket', () => {
  const auto = (rangeMs: number, pixels: number, fromMs = T0, timeZone = 'UTC') =>
    chooseBucket({ fromMs, toMs: fromMs + rangeMs, pixels, timeZone }).seconds

  it('divides the range by the pixels and rounds up to a tidy step', () => {
    expect(auto(24 * H, 1000)).toBe(5 * MINUTE) // 86.4 s per pixel
    expect(auto(24 * H, 288)).toBe(5 * MINUTE) // exactly 300 s per pixel, aligned
    expect(auto(H, 1000)).toBe(5) // 3.6 s
    expect(auto(H, 3600)).toBe(1)
    expect(auto(6 * H, 1000)).toBe(30) // 21.6 s
    expect(auto(7 * D, 1000)).toBe(15 * MINUTE) // 604.8 s
    expect(auto(30 * D, 1000)).toBe(HOUR) // 2592 s
    expect(auto(365 * D, 1000)).toBe(12 * HOUR) // 31536 s
    expect(auto(2 * 365 * D, 1000)).toBe(DAY) // 63072 s
    expect(auto(10 * 365 * D, 1000)).toBe(WEEK) // 315360 s
  })

  it('uses every tidy step for some range', () => {
    const seen = new Set<number>()
    for (const step of TIDY_BUCKET_SECONDS) {
      seen.add(auto(step * 1000 * 500, 500))
    }
    expect([...seen].sort((a, b) => a - b)).toEqual([...TIDY_BUCKET_SECONDS])
  })

  it('takes the next step when an unaligned range would need one bucket more than pixels', () => {
    // 288 five-minute buckets fit 24 h from midnight, but 24 h from 00:02 touches 289.
    expect(auto(24 * H, 288, T0 + 2 * 60_000)).toBe(15 * MINUTE)
  })

  it('never gives more buckets than pixels, for any range and width', () => {
    const ranges = [1, 999, 1000, 61_000, H, 13 * H, D, 9 * D, 400 * D, 40 * 365 * D]
    for (const range of ranges) {
      for (const pixels of [1, 2, 3, 17, 300, 1024, 5000]) {
        for (const from of [T0, T0 + 1234567, T0 - 37 * D + 11]) {
          for (const timeZone of ['UTC', 'America/New_York', 'Asia/Kolkata']) {
            const { seconds } = chooseBucket({ fromMs: from, toMs: from + range, pixels, timeZone })
            expect(bucketCount(from, from + range, seconds, timeZone)).toBeLessThanOrEqual(pixels)
          }
        }
      }
    }
  })

  it('goes beyond 7 days in whole weeks when a decade does not fit', () => {
    const { seconds } = chooseBucket({
      fromMs: T0,
      toMs: T0 + 20 * 365 * D,
      pixels: 300,
      timeZone: 'UTC',
    })
    expect(seconds % WEEK).toBe(0)
    expect(seconds).toBeGreaterThan(WEEK)
    expect(bucketCount(T0, T0 + 20 * 365 * D, seconds, 'UTC')).toBeLessThanOrEqual(300)
  })

  it('handles edge ranges: a millisecond, one pixel, nothing at all', () => {
    expect(auto(1, 1000)).toBe(1)
    expect(auto(1, 1)).toBe(1)
    expect(chooseBucket({ fromMs: T0, toMs: T0, pixels: 100, timeZone: 'UTC' }).seconds).toBe(1)
    expect(auto(D, 1)).toBe(DAY) // a whole aligned day in one bucket
  })

  it('keeps a pinned width, past the pixels too, up to MAX_PINNED_BUCKETS', () => {
    const day = { fromMs: T0, toMs: T0 + D, timeZone: 'UTC' }
    expect(chooseBucket({ ...day, pixels: 1000, pinnedSeconds: 300 })).toEqual({
      seconds: 300,
      reason: 'pinned',
    })
    expect(chooseBucket({ ...day, pixels: 100, pinnedSeconds: 300 })).toEqual({
      seconds: 300,
      reason: 'pixels',
    })
    // The case: 5 minutes over 30 days on 950 pixels stays 5 minutes (8,640 buckets).
    const month = { fromMs: T0, toMs: T0 + 30 * D, timeZone: 'UTC' }
    expect(chooseBucket({ ...month, pixels: 950, pinnedSeconds: 300 })).toEqual({
      seconds: 300,
      reason: 'pixels',
    })
    // One second over 30 days is 2.6M buckets: too many to draw, so Auto's width, and why.
    expect(chooseBucket({ ...month, pixels: 950, pinnedSeconds: 1 })).toEqual({
      seconds: HOUR,
      reason: 'limit',
    })
    expect(bucketCount(month.fromMs, month.toMs, 100, 'UTC')).toBeLessThanOrEqual(
      MAX_PINNED_BUCKETS,
    )
    expect(chooseBucket({ ...month, pixels: 950, pinnedSeconds: 100 }).reason).toBe('pixels')
    // A pinned width coarser than needed stays.
    expect(chooseBucket({ ...day, pixels: 1000, pinnedSeconds: DAY }).seconds).toBe(DAY)
  })

  it('respects a lower bound such as the spacing of the readings', () => {
    const choice = chooseBucket({
      fromMs: T0,
      toMs: T0 + H,
      pixels: 1000,
      timeZone: 'UTC',
      minSeconds: 60,
    })
    expect(choice).toEqual({ seconds: MINUTE, reason: 'auto' })
  })
})

describe('bucketStarts', () => {
  it('aligns sub-day buckets to the UTC origin like time_bucket', () => {
    const starts = bucketStarts(T0 + 7 * 60_000, T0 + 21 * 60_000, 5 * MINUTE, 'Europe/Paris')
    expect(starts).toEqual([5, 10, 15, 20].map((m) => T0 + m * 60_000))
    expect((T0 - BUCKET_ORIGIN_MS) % (3 * H)).toBe(0)
  })

  it('starts buckets of an hour or more on the display zone’s wall clock (30-minute offsets too)', () => {
    const kolkata = 'Asia/Kolkata'
    const from = Date.UTC(2026, 0, 10, 0, 0)
    const starts = bucketStarts(from, from + 2 * D, 12 * HOUR, kolkata).map((t) =>
      new Date(t).toISOString(),
    )
    // 00:00 and 12:00 in Kolkata are 18:30Z and 06:30Z, not 00:00Z and 12:00Z.
    expect(starts).toEqual([
      '2026-01-09T18:30:00.000Z',
      '2026-01-10T06:30:00.000Z',
      '2026-01-10T18:30:00.000Z',
      '2026-01-11T06:30:00.000Z',
      '2026-01-11T18:30:00.000Z',
    ])
    expect(
      bucketStarts(from, from + 3 * H, HOUR, kolkata).map((t) => new Date(t).toISOString()),
    ).toEqual([
      '2026-01-09T23:30:00.000Z',
      '2026-01-10T00:30:00.000Z',
      '2026-01-10T01:30:00.000Z',
      '2026-01-10T02:30:00.000Z',
    ])
    // Under an hour: UTC's grid, as before.
    expect(bucketStarts(from, from + H, 30 * MINUTE, kolkata)).toEqual([from, from + 30 * 60_000])
    expect(bucketCount(from, from + 2 * D, 12 * HOUR, kolkata)).toBe(5)
  })

  it('keeps 3-hour buckets on New York’s wall clock across the spring DST jump', () => {
    const ny = 'America/New_York'
    // 2026-03-08: 02:00 EST jumps to 03:00 EDT. Local 00:00, 03:00, 06:00 are 05:00Z, 07:00Z, 10:00Z.
    const from = Date.UTC(2026, 2, 8, 5)
    const starts = bucketStarts(from, from + 6 * H, 3 * HOUR, ny).map((t) =>
      new Date(t).toISOString(),
    )
    expect(starts).toEqual([
      '2026-03-08T05:00:00.000Z',
      '2026-03-08T07:00:00.000Z',
      '2026-03-08T10:00:00.000Z',
    ])
  })

  it('starts day buckets at local midnight, across a DST change (23-hour day)', () => {
    const tz = 'America/New_York'
    // 2026-03-08 is the spring-forward day in New York.
    const from = Date.UTC(2026, 2, 7, 12)
    const starts = bucketStarts(from, Date.UTC(2026, 2, 10, 12), DAY, tz)
    expect(starts.map((t) => new Date(t).toISOString())).toEqual([
      '2026-03-07T05:00:00.000Z',
      '2026-03-08T05:00:00.000Z',
      '2026-03-09T04:00:00.000Z',
      '2026-03-10T04:00:00.000Z',
    ])
    expect(bucketCount(from, Date.UTC(2026, 2, 10, 12), DAY, tz)).toBe(4)
  })

  it('starts week buckets on Monday local midnight, like time_bucket with a time zone', () => {
    const starts = bucketStarts(
      Date.UTC(2026, 2, 8, 12),
      Date.UTC(2026, 2, 20),
      WEEK,
      'America/New_York',
    )
    expect(starts.map((t) => new Date(t).toISOString())).toEqual([
      '2026-03-02T05:00:00.000Z',
      '2026-03-09T04:00:00.000Z',
      '2026-03-16T04:00:00.000Z',
    ])
  })

  it('counts exactly what it lists', () => {
    for (const seconds of [1, 300, 3 * HOUR, DAY, 2 * WEEK]) {
      const from = T0 + 12345
      const to = from + 45 * D
      if (bucketCount(from, to, seconds, 'Asia/Kolkata') > 100_000) continue
      expect(bucketStarts(from, to, seconds, 'Asia/Kolkata')).toHaveLength(
        bucketCount(from, to, seconds, 'Asia/Kolkata'),
      )
    }
  })

  it('is empty for an empty range', () => {
    expect(bucketStarts(T0, T0, 60, 'UTC')).toEqual([])
    expect(bucketCount(T0, T0 - 1, 60, 'UTC')).toBe(0)
  })
})

describe('labels', () => {
  it('names widths the way PostgreSQL reads intervals, and parses them back', () => {
    const labels = TIDY_BUCKET_SECONDS.map(bucketLabel)
    expect(labels).toEqual([
      '1 second',
      '5 seconds',
      '10 seconds',
      '30 seconds',
      '1 minute',
      '5 minutes',
      '15 minutes',
      '30 minutes',
      '1 hour',
      '3 hours',
      '6 hours',
      '12 hours',
      '1 day',
      '7 days',
    ])
    for (const s of [...TIDY_BUCKET_SECONDS, 90, 14 * DAY]) {
      expect(parseBucketLabel(bucketLabel(s))).toBe(s)
    }
    expect(parseBucketLabel('5 fortnights')).toBeNull()
    expect(bucketShortLabel(300)).toBe('5 min')
    expect(bucketShortLabel(WEEK)).toBe('7 d')
  })

  it('rounds up to a tidy step', () => {
    expect(tidyAtLeast(61)).toBe(5 * MINUTE)
    expect(tidyAtLeast(60)).toBe(MINUTE)
    expect(tidyAtLeast(8 * DAY)).toBe(2 * WEEK)
  })
})
