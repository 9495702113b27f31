/**
 * Which time_bucket width a chart uses, and where its buckets start. Shared by
 * the backend (which decides) and the renderer (which predicts, to know when a
 * resize or zoom needs a new query).
 */
import {
  dateOfDayNumber,
  dayNumber,
  instantToLocalWall,
  localDateOf,
  localMidnight,
  localWallToInstant,
} from './time-zone'

export const SECOND = 1
export const MINUTE = 60
export const HOUR = 3600
export const DAY = 86_400
export const WEEK = 7 * DAY

/** The tidy widths, finest first, in seconds. Beyond the last: whole multiples of it. */
export const TIDY_BUCKET_SECONDS = [
  1,
  5,
  10,
  30,
  MINUTE,
  5 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  WEEK,
] as const

/** time_bucket's default origin (a Monday): buckets align to it on the display zone's wall clock. */
export const BUCKET_ORIGIN_MS = Date.UTC(2000, 0, 3)
const ORIGIN_DAY = dayNumber({ year: 2000, month: 1, day: 3 })

/** Buckets of whole days start at local midnight in the display zone. */
export function alignsToLocalDays(seconds: number): boolean {
  return seconds % DAY === 0
}

/**
 * Buckets of an hour or more follow the display zone's wall clock (12 hours in
 * Asia/Kolkata start at 00:00 and 12:00 there, not 05:30 and 17:30); shorter
 * ones follow UTC.
 */
export function alignsToLocalClock(seconds: number): boolean {
  return seconds >= HOUR
}

/** Index of the bucket holding an instant (bucket 0 starts at the origin). */
function bucketIndex(epochMs: number, seconds: number, timeZone: string): number {
  if (alignsToLocalDays(seconds)) {
    const days = dayNumber(localDateOf(epochMs, timeZone)) - ORIGIN_DAY
    return Math.floor(days / (seconds / DAY))
  }
  const at = alignsToLocalClock(seconds) ? instantToLocalWall(epochMs, timeZone) : epochMs
  return Math.floor((at - BUCKET_ORIGIN_MS) / (seconds * 1000))
}

function bucketStart(index: number, seconds: number, timeZone: string): number {
  if (alignsToLocalDays(seconds)) {
    const date = dateOfDayNumber(ORIGIN_DAY + index * (seconds / DAY))
    return localMidnight(date, timeZone)
  }
  const start = BUCKET_ORIGIN_MS + index * seconds * 1000
  return alignsToLocalClock(seconds) ? localWallToInstant(start, timeZone) : start
}

/** How many buckets overlap the half-open range [fromMs, toMs). */
export function bucketCount(fromMs: number, toMs: number, seconds: number, timeZone: string) {
  if (!(toMs > fromMs)) return 0
  return bucketIndex(toMs - 1, seconds, timeZone) - bucketIndex(fromMs, seconds, timeZone) + 1
}

/** The start (epoch ms) of every bucket overlapping [fromMs, toMs), oldest first. */
export function bucketStarts(
  fromMs: number,
  toMs: number,
  seconds: number,
  timeZone: string,
): number[] {
  if (!(toMs > fromMs)) return []
  const first = bucketIndex(fromMs, seconds, timeZone)
  const last = bucketIndex(toMs - 1, seconds, timeZone)
  const starts: number[] = []
  for (let i = first; i <= last; i++) starts.push(bucketStart(i, seconds, timeZone))
  return starts
}

export interface BucketChoiceInput {
  fromMs: number
  toMs: number
  /** Width of the plot area in CSS pixels: no series may carry more points. */
  pixels: number
  timeZone: string
  /** A width the user pinned, or null for Auto. */
  pinnedSeconds?: number | null
  /** Never finer than this (e.g. the spacing of the readings). */
  minSeconds?: number
}

/**
 * The most buckets a pinned width may give: beyond the plot's pixels it is
 * still drawn (uPlot draws 10^5 points in a few ms), but not without end.
 */
export const MAX_PINNED_BUCKETS = 100_000

export interface BucketChoice {
  seconds: number
  /**
   * auto: the range over the pixels, rounded up to a tidy step; pinned: as the
   * user asked; pixels: as the user asked, more buckets than the plot has
   * pixels (drawn all the same); limit: the pinned width would give more than
   * MAX_PINNED_BUCKETS, so the auto width is used.
   */
  reason: 'auto' | 'pinned' | 'pixels' | 'limit'
}

/**
 * The visible range divided by the plot's pixel width, rounded up to a tidy
 * step; the step grows until the range's buckets fit in the pixels, also
 * beyond 7 days (in whole weeks). A pinned width is the user's: it is kept,
 * even past the pixels, up to MAX_PINNED_BUCKETS.
 */
export function chooseBucket(input: BucketChoiceInput): BucketChoice {
  const { fromMs, toMs, timeZone } = input
  const pixels = Math.max(1, Math.floor(input.pixels))
  const fits = (s: number, room = pixels) => bucketCount(fromMs, toMs, s, timeZone) <= room
  const pinned = input.pinnedSeconds ?? null
  if (pinned !== null && pinned >= (input.minSeconds ?? 0)) {
    if (fits(pinned)) return { seconds: pinned, reason: 'pinned' }
    if (fits(pinned, MAX_PINNED_BUCKETS)) return { seconds: pinned, reason: 'pixels' }
  }
  const reason = pinned !== null ? 'limit' : 'auto'
  const rangeSeconds = Math.max(0, toMs - fromMs) / 1000
  const floor = Math.max(rangeSeconds / pixels, input.minSeconds ?? 0)
  for (const step of TIDY_BUCKET_SECONDS) {
    if (step >= floor && fits(step)) return { seconds: step, reason }
  }
  let weeks = Math.max(2, Math.ceil(floor / WEEK))
  while (!fits(weeks * WEEK)) weeks++
  return { seconds: weeks * WEEK, reason }
}

/** The smallest tidy step at or above `seconds` (whole weeks beyond 7 days). */
export function tidyAtLeast(seconds: number): number {
  for (const step of TIDY_BUCKET_SECONDS) if (step >= seconds) return step
  return Math.ceil(seconds / WEEK) * WEEK
}

const units = [
  { seconds: DAY, one: 'day', short: 'd' },
  { seconds: HOUR, one: 'hour', short: 'h' },
  { seconds: MINUTE, one: 'minute', short: 'min' },
  { seconds: SECOND, one: 'second', short: 's' },
] as const

function split(seconds: number) {
  const unit = units.find((u) => seconds % u.seconds === 0) ?? units[3]
  return { count: seconds / unit.seconds, unit }
}

/** "5 minutes", "1 hour", "7 days": also a valid PostgreSQL interval literal. */
export function bucketLabel(seconds: number): string {
  const { count, unit } = split(seconds)
  return `${count} ${unit.one}${count === 1 ? '' : 's'}`
}

/** "5 min", "1 h", "7 d". */
export function bucketShortLabel(seconds: number): string {
  const { count, unit } = split(seconds)
  return `${count} ${unit.short}`
}

/** The inverse of bucketLabel: "5 minutes" -> 300; null when it is not one. */
export function parseBucketLabel(text: string): number | null {
  const match = /^\s*(\d+)\s+(second|minute|hour|day)s?\s*$/i.exec(text)
  if (!match?.[1] || !match[2]) return null
  const unit = units.find((u) => u.one === match[2]?.toLowerCase())
  return unit ? Number(match[1]) * unit.seconds : null
}
