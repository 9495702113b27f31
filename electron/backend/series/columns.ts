/**
 * Rows of (bucket, series, avg[, min, max], count) into the columns the chart
 * draws: one Float64Array of bucket times covering the whole range, and one
 * per series with NaN where a bucket has no readings, so a gap is a gap.
 */
import type { BucketedSeries } from '../../../shared/domain/series'
import { COL, countColumn } from './sql'

export interface SeriesKey {
  key: string
  label: string
}

export interface Columns {
  /** Epoch seconds. */
  times: Float64Array
  series: BucketedSeries[]
  points: number
  rows: number
  /**
   * Median distance between consecutive buckets that hold readings, in ms
   * (null when too few): a bucket finer than this draws dots, not lines.
   */
  spacingMs: number | null
}

/** Where a bucket row's time went; the driver gives a Date (pg and PGlite alike). */
function epochMs(value: unknown): number {
  if (value instanceof Date) return value.getTime()
  if (typeof value === 'string' || typeof value === 'number') return new Date(value).getTime()
  throw new Error(`Unexpected bucket value ${String(value)}`)
}

function num(value: unknown): number {
  if (value === null || value === undefined) return Number.NaN
  return typeof value === 'number' ? value : Number(value)
}

export function keyOf(value: unknown): string {
  return value === null || value === undefined ? '' : String(value)
}

/**
 * The range's bucket starts, plus any the server produced that the grid lacks
 * (a zone rule Intl and the server disagree on): a server bucket within an
 * hour of an empty grid slot takes that slot instead of opening a false gap.
 */
export function mergeTimes(grid: number[], fromServer: Set<number>): number[] {
  const gridSet = new Set(grid)
  const extra = [...fromServer].filter((t) => !gridSet.has(t))
  if (extra.length === 0) return grid
  const kept = new Set(grid)
  for (const t of extra) {
    let nearest: number | null = null
    for (const g of kept) {
      if (fromServer.has(g) || Math.abs(g - t) > 3_600_000) continue
      if (nearest === null || Math.abs(g - t) < Math.abs(nearest - t)) nearest = g
    }
    if (nearest !== null) kept.delete(nearest)
    kept.add(t)
  }
  return [...kept].sort((a, b) => a - b)
}

export function toColumns(
  rows: unknown[][],
  grid: number[],
  keys: SeriesKey[],
  minMax: boolean,
): Columns {
  const countAt = countColumn(minMax)
  const serverTimes = new Set<number>()
  for (const row of rows) serverTimes.add(epochMs(row[COL.bucket]))
  const timesMs = mergeTimes(grid, serverTimes)
  const index = new Map<number, number>()
  timesMs.forEach((t, i) => index.set(t, i))
  const n = timesMs.length

  interface Builder {
    avg: Float64Array
    min: Float64Array | null
    max: Float64Array | null
    /** Buckets that hold readings (gap-filled ones do not). */
    filled: Uint8Array
    /** The first and last bucket that holds readings (-1: none). */
    first: number
    last: number
  }
  const builders = new Map<string, Builder>()
  for (const k of keys) {
    builders.set(k.key, {
      avg: new Float64Array(n).fill(Number.NaN),
      min: minMax ? new Float64Array(n).fill(Number.NaN) : null,
      max: minMax ? new Float64Array(n).fill(Number.NaN) : null,
      filled: new Uint8Array(n),
      first: -1,
      last: -1,
    })
  }
  let totalRows = 0
  for (const row of rows) {
    const b = builders.get(keyOf(row[COL.key]))
    const i = index.get(epochMs(row[COL.bucket]))
    if (!b || i === undefined) continue
    b.avg[i] = num(row[COL.avg])
    if (b.min && b.max) {
      b.min[i] = num(row[COL.min])
      b.max[i] = num(row[COL.max])
    }
    const count = num(row[countAt])
    if (count > 0) {
      totalRows += count
      b.filled[i] = 1
      if (b.first < 0 || i < b.first) b.first = i
      if (i > b.last) b.last = i
    }
  }

  let points = 0
  const spacings: number[] = []
  const series: BucketedSeries[] = []
  for (const k of keys) {
    const b = builders.get(k.key)
    if (!b || b.first < 0) continue
    points += keepBetween(b, b.first, b.last)
    let previous = -1
    for (let i = 0; i < n; i++) {
      if (!b.filled[i]) continue
      if (previous >= 0) spacings.push((timesMs[i] ?? 0) - (timesMs[previous] ?? 0))
      previous = i
    }
    const s: BucketedSeries = { key: k.key, label: k.label, avg: b.avg }
    if (b.min && b.max) {
      s.min = b.min
      s.max = b.max
    }
    series.push(s)
  }

  const times = new Float64Array(n)
  for (let i = 0; i < n; i++) times[i] = (timesMs[i] ?? 0) / 1000
  return { times, series, points, rows: totalRows, spacingMs: median(spacings) }
}

/**
 * Gap filling (locf) carries the last reading forward to the end of the range,
 * past the series' last reading, as if the sensor still reported it. Only the
 * buckets from its first to its last reading keep values; returns how many do.
 */
function keepBetween(
  b: { avg: Float64Array; min: Float64Array | null; max: Float64Array | null },
  first: number,
  last: number,
): number {
  let points = 0
  for (let i = 0; i < b.avg.length; i++) {
    if (i >= first && i <= last) {
      if (!Number.isNaN(b.avg[i] ?? Number.NaN)) points++
      continue
    }
    b.avg[i] = Number.NaN
    if (b.min) b.min[i] = Number.NaN
    if (b.max) b.max[i] = Number.NaN
  }
  return points
}

function median(values: number[]): number | null {
  if (values.length < 3) return null
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? null
}
