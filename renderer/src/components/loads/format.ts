/** Formatting and parsing for the load dialogs: pure, so they are unit-tested. */
import type { JobProgress } from '../../../../shared/domain/jobs'
import { formatCount } from '../../format'

const units: readonly (readonly [ms: number, short: string, names: readonly string[]])[] = [
  [86_400_000, 'd', ['d', 'day', 'days']],
  [3_600_000, 'h', ['h', 'hr', 'hrs', 'hour', 'hours']],
  [60_000, 'min', ['m', 'min', 'mins', 'minute', 'minutes']],
  [1_000, 's', ['s', 'sec', 'secs', 'second', 'seconds']],
  [1, 'ms', ['ms', 'millisecond', 'milliseconds']],
]

/** "5 min", "10s", "1.5 h", "250 ms" -> milliseconds; a bare number is seconds. Null if unreadable. */
export function parseInterval(text: string): number | null {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text)
  if (!match) return null
  const value = Number(match[1])
  const unit = (match[2] ?? '').toLowerCase()
  const ms = unit === '' ? 1000 : units.find(([, , names]) => names.includes(unit))?.[0]
  if (ms === undefined) return null
  const result = value * ms
  return Number.isInteger(result) && result > 0 ? result : null
}

/** 300000 -> "5 min": the largest unit that divides the interval exactly. */
export function formatInterval(ms: number): string {
  for (const [size, short] of units) {
    if (ms >= size && ms % size === 0) return `${ms / size} ${short}`
  }
  return `${ms} ms`
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  const [size, unit] =
    bytes >= 1024 ** 3 ? [1024 ** 3, 'GB'] : bytes >= 1024 ** 2 ? [1024 ** 2, 'MB'] : [1024, 'KB']
  return `${(bytes / size).toFixed(1)} ${unit}`
}

/** 0.42 -> "0.4 s", 75 -> "1 min 15 s", 4000 -> "1 h 7 min". */
export function formatSeconds(seconds: number): string {
  if (seconds < 10) return `${(Math.round(seconds * 10) / 10).toFixed(1)} s`
  const s = Math.round(seconds)
  if (s < 60) return `${s} s`
  const m = Math.floor(s / 60)
  if (m < 60) return s % 60 === 0 ? `${m} min` : `${m} min ${s % 60} s`
  const h = Math.floor(m / 60)
  return m % 60 === 0 ? `${h} h` : `${h} h ${m % 60} min`
}

/**
 * "12,000 of 48,000 rows · 9,500 rows/s · 3.8 s left", counted as the server
 * takes the rows; once it has them all, the commit and ANALYZE are named
 * instead of a time left. Before that, a load may wait for others, and a CSV
 * import receives the whole file first.
 */
export function describeProgress(p: JobProgress, finished = false): string {
  if (p.phase === 'waiting') {
    const ahead = p.ahead ?? 1
    return `Waiting: ${formatCount(ahead)} other load${ahead === 1 ? '' : 's'} ahead on this server; this one starts when one finishes.`
  }
  // A CSV import receives the whole file before it loads any of it.
  const what = p.phase === 'receiving' ? 'Receiving the file: ' : ''
  return what + describeAmount(p, finished)
}

function describeAmount(p: JobProgress, finished: boolean): string {
  const amount =
    p.unit === 'rows'
      ? `${formatCount(p.done)} of ${formatCount(p.total)} rows`
      : `${formatBytes(p.done)} of ${formatBytes(p.total)} · ${formatCount(p.rows)} rows`
  const rate = `${formatCount(p.ratePerSecond)} rows/s`
  if (finished) return `${amount} · ${rate}`
  if (p.phase === 'finishing') return `${amount} · finishing on the server (commit, ANALYZE)…`
  const left =
    p.etaSeconds === null ? 'time left: estimating…' : `${formatSeconds(p.etaSeconds)} left`
  return `${amount} · ${rate} · ${left}`
}
