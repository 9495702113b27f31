/**
 * Calendar arithmetic in an IANA time zone with nothing but Intl, so the
 * backend (Node) and the renderer (Chromium) agree on where local days start.
 */

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    formatters.set(timeZone, f)
  }
  return f
}

/** True when Intl knows the zone (PostgreSQL's own list is checked by the server). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone)
    return true
  } catch {
    return false
  }
}

export interface LocalDate {
  year: number
  /** 1..12 */
  month: number
  day: number
}

interface WallClock extends LocalDate {
  hour: number
  minute: number
  second: number
}

/** en-US with hourCycle h23, month first: "12/31/2025, 23:05:09". */
const WALL_CLOCK = /^(\d+)\/(\d+)\/(\d+), (\d+):(\d+):(\d+)$/

const utcZones = new Map<string, boolean>()

/** Whether Intl resolves the zone to UTC itself ('UTC', 'Etc/UTC', 'GMT', ...). */
function isUtc(timeZone: string): boolean {
  let utc = utcZones.get(timeZone)
  if (utc === undefined) {
    utc = ['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT'].includes(
      formatter(timeZone).resolvedOptions().timeZone,
    )
    utcZones.set(timeZone, utc)
  }
  return utc
}

function wallClock(epochMs: number, timeZone: string): WallClock {
  // formatToParts costs microseconds, and a chart asks for thousands of bucket starts.
  if (isUtc(timeZone)) {
    const d = new Date(epochMs)
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
    }
  }
  const f = formatter(timeZone)
  const date = new Date(epochMs)
  // format() and a pattern: a third of formatToParts' time. The parts stay as the fallback.
  const m = WALL_CLOCK.exec(f.format(date))
  if (m) {
    const [month, day, year, hour, minute, second] = m.slice(1).map(Number)
    return { year: year!, month: month!, day: day!, hour: hour!, minute: minute!, second: second! }
  }
  const parts: Record<string, number> = {}
  for (const part of f.formatToParts(date)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value)
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  }
}

/** The zone's offset from UTC at an instant, in ms (east positive). */
export function zoneOffsetMs(epochMs: number, timeZone: string): number {
  const w = wallClock(epochMs, timeZone)
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second)
  // Intl drops the milliseconds; compare whole seconds.
  return asUtc - Math.floor(epochMs / 1000) * 1000
}

/** The calendar date an instant falls on in the zone. */
export function localDateOf(epochMs: number, timeZone: string): LocalDate {
  const { year, month, day } = wallClock(epochMs, timeZone)
  return { year, month, day }
}

/**
 * The instant local midnight starts the given date. Where midnight does not
 * exist (a DST jump at 00:00) this is the first instant of that day.
 */
export function localMidnight(date: LocalDate, timeZone: string): number {
  const guess = Date.UTC(date.year, date.month - 1, date.day)
  // Local midnight lies within 14 hours of UTC midnight; the offsets around it
  // are the only ones it can have.
  const offsets = [-14, 0, 14].map((h) => zoneOffsetMs(guess + h * 3_600_000, timeZone))
  const candidates = [...new Set(offsets.map((o) => guess - o))].sort((a, b) => a - b)
  let firstOfDay: number | null = null
  for (const t of candidates) {
    const w = wallClock(t, timeZone)
    if (w.year !== date.year || w.month !== date.month || w.day !== date.day) continue
    if (w.hour === 0 && w.minute === 0 && w.second === 0) return t
    firstOfDay ??= t
  }
  return firstOfDay ?? guess - zoneOffsetMs(guess, timeZone)
}

/** Whole days from 1970-01-01 to the date, on the proleptic Gregorian calendar. */
export function dayNumber(date: LocalDate): number {
  return Math.round(Date.UTC(date.year, date.month - 1, date.day) / 86_400_000)
}

/** The calendar date `days` after 1970-01-01. */
export function dateOfDayNumber(days: number): LocalDate {
  const d = new Date(days * 86_400_000)
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }
}

/**
 * The instant a local wall-clock time (given as if it were UTC, in ms) falls
 * on in the zone. An ambiguous time (clocks turned back) is its first
 * instant; a time that does not exist (clocks turned forward) is read with
 * the offset before the change, as PostgreSQL reads it.
 */
export function localWallToInstant(wallMs: number, timeZone: string): number {
  const offsets = [-14, 0, 14].map((h) => zoneOffsetMs(wallMs + h * 3_600_000, timeZone))
  const candidates = [...new Set(offsets.map((o) => wallMs - o))].sort((a, b) => a - b)
  for (const t of candidates) if (t + zoneOffsetMs(t, timeZone) === wallMs) return t
  return wallMs - zoneOffsetMs(wallMs - 14 * 3_600_000, timeZone)
}

/** The local wall-clock time of an instant in the zone, as if it were UTC, in ms. */
export function instantToLocalWall(epochMs: number, timeZone: string): number {
  return epochMs + zoneOffsetMs(epochMs, timeZone)
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0')

/** ISO 8601 with the zone's offset at that instant: "2026-01-10T05:30:00.000+05:30". */
export function isoWithOffset(epochMs: number, timeZone: string): string {
  const offsetMin = Math.round(zoneOffsetMs(epochMs, timeZone) / 60_000)
  const wall = new Date(epochMs + offsetMin * 60_000).toISOString().slice(0, -1)
  const sign = offsetMin < 0 ? '-' : '+'
  return `${wall}${sign}${pad(Math.trunc(offsetMin / 60))}:${pad(offsetMin % 60)}`
}
