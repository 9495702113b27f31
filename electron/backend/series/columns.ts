/**
 * Rows of (bucket, split value, each measure's value [min, max], count) into
 * the columns the chart draws: one Float64Array of bucket times covering the
 * whole range, one per series with NaN where a bucket has no rows (so a gap
 * is a gap), and each split value's row counts for the coverage heatmap.
 */
import type { ChartSeries, CoverageRow } from '../../../shared/domain/chart'
import { valueText } from '../catalog/values'
import { countColumn, measureColumn } from './chart-sql'

export interface SeriesKey {
  key: string
  label: string
}

export interface ColumnsInput {
  /** Rows in array mode, as chartStatement's columns. */
  rows: unknown[][]
  /** The range's bucket starts, epoch ms. */
  grid: number[]
  /** The split values known beforehand, in order ([{ key: '', ... }] without a split). */
  keys: SeriesKey[]
  /** Take split values the keys do not list (no restriction was put on the statement)... */
  open: boolean
  /** ...up to this many split values in all. */
  maxKeys: number
  measureLabels: string[]
  minMax: boolean
  split: boolean
}

export interface Columns {
  /** Epoch seconds. */
  times: Float64Array
  series: ChartSeries[]
  coverage: CoverageRow[]
  points: number
  rows: number
  /** Split values in the data beyond maxKeys. */
  omittedKeys: number
  /**
   * Median distance between consecutive buckets that hold rows, in ms (null
   * when too few): a bucket finer than this draws dots, not lines.
   */
  spacingMs: number | null
}

/** Where a bucket row's time went; the driver gives a Date or a number (bucket_ms). */
function epochMs(value: unknown): number {
  if (value instanceof Date) return value.getTime()
  if (typeof value === 'string' || typeof value === 'number') {
    return typeof value === 'number' ? value : new Date(value).getTime()
  }
  throw new Error(`Unexpected bucket value ${String(value)}`)
}

function num(value: unknown): number {
  if (value === null || value === undefined) return Number.NaN
  return typeof value === 'number' ? value : Number(value)
}

const compareKeys = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** A split value as a key: its text, '' for NULL (and for no split). */
export function keyOf(value: unknown): string {
  return valueText(value) ?? ''
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

interface Group {
  key: SeriesKey
  counts: Float64Array
  values: Float64Array[]
  min: Float64Array[]
  max: Float64Array[]
}

function seriesLabel(input: ColumnsInput, key: SeriesKey, measure: number): string {
  const measureName = input.measureLabels[measure] ?? ''
  if (!input.split) return measureName
  return input.measureLabels.length > 1 ? `${key.label} · ${measureName}` : key.label
}

export function toColumns(input: ColumnsInput): Columns {
  const { rows, minMax } = input
  const measures = input.measureLabels.length
  const countAt = countColumn(measures, minMax)
  const serverTimes = new Set<number>()
  for (const row of rows) serverTimes.add(epochMs(row[0]))
  const timesMs = mergeTimes(input.grid, serverTimes)
  const index = new Map<number, number>()
  timesMs.forEach((t, i) => index.set(t, i))
  const n = timesMs.length
  const column = () => new Float64Array(n).fill(Number.NaN)

  const groups = new Map<string, Group>()
  const open = (key: SeriesKey) => {
    const group: Group = {
      key,
      counts: new Float64Array(n),
      values: Array.from({ length: measures }, column),
      min: minMax ? Array.from({ length: measures }, column) : [],
      max: minMax ? Array.from({ length: measures }, column) : [],
    }
    groups.set(key.key, group)
    return group
  }
  for (const key of input.keys) open(key)
  const rowKeys = rows.map((row) => keyOf(row[1]))
  let omittedKeys = 0
  if (input.open) {
    // The statement has no ORDER BY, so which values beyond the known ones are
    // kept must not depend on row order: the first ones in key order.
    const extra = [...new Set(rowKeys.filter((key) => !groups.has(key)))].sort(compareKeys)
    const room = Math.max(0, input.maxKeys - groups.size)
    for (const key of extra.slice(0, room)) open({ key, label: key === '' ? '(none)' : key })
    omittedKeys = Math.max(0, extra.length - room)
  }
  let totalRows = 0
  rows.forEach((row, r) => {
    const group = groups.get(rowKeys[r] ?? '')
    if (!group) return
    const i = index.get(epochMs(row[0]))
    if (i === undefined) return
    for (let m = 0; m < measures; m++) {
      const at = measureColumn(m, minMax)
      group.values[m]![i] = num(row[at])
      if (minMax) {
        group.min[m]![i] = num(row[at + 1])
        group.max[m]![i] = num(row[at + 2])
      }
    }
    const count = num(row[countAt])
    if (count > 0) {
      totalRows += count
      group.counts[i] = count
    }
  })

  // Known split values first, in their order; others the data brought, in key order.
  const known = new Set(input.keys.map((k) => k.key))
  const extra = [...groups.values()]
    .filter((g) => !known.has(g.key.key))
    .sort((a, b) => compareKeys(a.key.key, b.key.key))
  const ordered = [...input.keys.map((k) => groups.get(k.key) as Group), ...extra]

  const spacings: number[] = []
  const series: ChartSeries[] = []
  const coverage: CoverageRow[] = []
  let points = 0
  for (const g of ordered) {
    coverage.push({ key: g.key.key, label: g.key.label, counts: g.counts })
    let previous = -1
    let first = -1
    for (let i = 0; i < n; i++) {
      if (!(g.counts[i]! > 0)) continue
      if (previous >= 0) spacings.push(timesMs[i]! - timesMs[previous]!)
      else first = i
      previous = i
    }
    for (let m = 0; m < measures; m++) {
      const values = g.values[m]!
      keepBetween(values, g.min[m], g.max[m], first, previous)
      const drawn = values.reduce((k, v) => (Number.isNaN(v) ? k : k + 1), 0)
      if (drawn === 0) continue
      points += drawn
      const s: ChartSeries = {
        key: g.key.key,
        label: seriesLabel(input, g.key, m),
        measure: m,
        values,
      }
      if (minMax) {
        s.min = g.min[m]
        s.max = g.max[m]
      }
      series.push(s)
    }
  }

  const times = new Float64Array(n)
  for (let i = 0; i < n; i++) times[i] = timesMs[i]! / 1000
  return {
    times,
    series,
    coverage,
    points,
    rows: totalRows,
    omittedKeys,
    spacingMs: median(spacings),
  }
}

/**
 * Gap filling (locf) carries the last reading forward to the end of the range,
 * past the series' last row, as if it still reported. Only the buckets from
 * its first to its last row keep values (first < 0: none does).
 */
function keepBetween(
  values: Float64Array,
  min: Float64Array | undefined,
  max: Float64Array | undefined,
  first: number,
  last: number,
): void {
  for (let i = 0; i < values.length; i++) {
    if (first >= 0 && i >= first && i <= last) continue
    values[i] = Number.NaN
    if (min) min[i] = Number.NaN
    if (max) max[i] = Number.NaN
  }
}

function median(values: number[]): number | null {
  if (values.length < 3) return null
  // A typed array sorts numerically without a comparator: ~10x faster for a chart's 36,000.
  const sorted = Float64Array.from(values).sort()
  return sorted[Math.floor(sorted.length / 2)] ?? null
}
