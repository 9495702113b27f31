import { isoWithOffset, localWallToInstant } from '../../shared/time-zone'

const UNITS = ['kB', 'MB', 'GB', 'TB', 'PB']

/** Sizes the way PostgreSQL's pg_size_pretty shows them (units of 1024). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return 'unknown'
  if (bytes < 1024) return `${bytes} bytes`
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024
    unit++
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${UNITS[unit]}`
}

/**
 * 1234567 -> "1,234,567" whatever the machine's locale, so screenshots and
 * tests agree; rates and other fractions are rounded to whole counts.
 */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US')
}

/**
 * An epoch-ms time to the second, "2026-01-01 00:59:00": in the display zone
 * when one is given, else the OS's.
 */
export function formatTime(ms: number, timeZone?: string): string {
  if (timeZone) return isoWithOffset(ms, timeZone).slice(0, 19).replace('T', ' ')
  const d = new Date(ms)
  const pad = (n: number) => String(n).padStart(2, '0')
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
  )
}

/**
 * Epoch ms -> the value of an <input type="datetime-local"> (local time), to
 * the second, or to the minute for an input without a step of 1.
 */
export function toLocalInput(
  ms: number,
  precision: 'second' | 'minute' = 'second',
  timeZone?: string,
): string {
  const text = formatTime(ms, timeZone).replace(' ', 'T')
  return precision === 'second' ? text : text.slice(0, 16)
}

/**
 * A datetime-local value -> epoch ms, or null when empty or invalid: a wall
 * clock in the display zone when one is given, else the OS's.
 */
export function fromLocalInput(value: string, timeZone?: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/.exec(value)
  if (!match) return null
  const [, y, mo, d, h, mi, s, frac] = match
  const fields = [
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h),
    Number(mi),
    Number(s ?? 0),
    Number((frac ?? '0').padEnd(3, '0')),
  ] as const
  if (timeZone) {
    const wall = Date.UTC(...fields)
    return Number.isNaN(wall) ? null : localWallToInstant(wall, timeZone)
  }
  const date = new Date(...fields)
  return Number.isNaN(date.getTime()) ? null : date.getTime()
}
