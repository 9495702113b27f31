/**
 * Continuous aggregates ("rollups") as the catalog describes them, and the
 * pure choice of which one can serve a chart: the coarsest whose buckets tile
 * the chart's buckets, whose group columns hold the split and filter columns,
 * and whose stored aggregates derive every measure exactly.
 */
import { alignsToLocalClock } from '../buckets'
import { zoneOffsetMs } from '../time-zone'
import type { TableRef } from './catalog'
import type { Aggregate, ChartSpec } from './chart'

/** What one column of a continuous aggregate stores. count with source null is count(*). */
export interface RollupColumn {
  column: string
  fn: 'sum' | 'count' | 'min' | 'max' | 'first' | 'last'
  source: string | null
}

export interface RollupInfo {
  view: TableRef
  hypertable: TableRef
  /** The raw time column the aggregate buckets. */
  timeColumn: string
  /** The aggregate's bucket column (its time_bucket(...) output). */
  bucketColumn: string
  bucketSeconds: number
  /** time_bucket's time zone argument, null when none (UTC). */
  timeZone: string | null
  /** time_bucket's origin in epoch ms, null for the default (2000-01-03 UTC). */
  originMs: number | null
  /** Raw columns it groups by, and their names in the aggregate. */
  groupColumns: { column: string; source: string }[]
  columns: RollupColumn[]
  materializedOnly: boolean
  /** Materialized up to (exclusive), epoch ms; null when nothing is materialized. */
  watermarkMs: number | null
}

/** time_bucket's default origin: Monday 2000-01-03 00:00 UTC. */
export const DEFAULT_ORIGIN_MS = Date.UTC(2000, 0, 3)
const DAY_SECONDS = 86_400

/** How a chart measure is rebuilt from a rollup's columns. */
export type Derivation =
  | { kind: 'avg'; sum: string; count: string }
  | { kind: 'sum' | 'min' | 'max' | 'count' | 'first' | 'last'; column: string }

export interface RollupChoice {
  rollup: RollupInfo
  measures: Derivation[]
  /** The rollup's count(*) column: rows per bucket. */
  rowCount: string
  /** Per measure, the stored min and max of its column (when the chart draws them). */
  ranges: { min: string; max: string }[] | null
}

export interface ChartShape {
  spec: ChartSpec
  bucketSeconds: number
  timeZone: string
  fromMs: number
  toMs: number
  /** Each bucket's min and max of every measure's column are drawn too. */
  minMax?: boolean
}

/** Why a rollup cannot serve a chart, or null when it can. */
export type Refusal = string

function stored(rollup: RollupInfo, fn: RollupColumn['fn'], source: string | null) {
  return rollup.columns.find((c) => c.fn === fn && c.source === source)?.column ?? null
}

function derive(rollup: RollupInfo, aggregate: Aggregate, source: string): Derivation | null {
  if (aggregate === 'avg') {
    const sum = stored(rollup, 'sum', source)
    const count = stored(rollup, 'count', source)
    return sum && count ? { kind: 'avg', sum, count } : null
  }
  const column = stored(rollup, aggregate, source)
  return column ? { kind: aggregate, column } : null
}

/**
 * Local midnights in the zone fall on the rollup's UTC bucket boundaries
 * throughout the range: every offset seen (sampled daily, at most 800 days,
 * then monthly) is a whole multiple of the bucket.
 */
function zoneTilesUtcBuckets(zone: string, bucketSeconds: number, from: number, to: number) {
  if (DAY_SECONDS % bucketSeconds !== 0) return false
  const span = to - from
  const step = span / DAY_SECONDS / 1000 > 800 ? 30 * DAY_SECONDS * 1000 : DAY_SECONDS * 1000
  // The offset in whole minutes, as a bucket boundary can only be whole minutes from UTC's.
  const offsetSeconds = (ms: number) => Math.round(zoneOffsetMs(ms, zone) / 60_000) * 60
  for (let t = from; t <= to + step; t += step) {
    if (offsetSeconds(Math.min(t, to)) % bucketSeconds !== 0) return false
  }
  return true
}

/** Null when the rollup can serve the chart; otherwise why not, in words. */
export function refusal(rollup: RollupInfo, chart: ChartShape): Refusal | null {
  const { spec } = chart
  const same = (a: TableRef, b: TableRef) => a.schema === b.schema && a.name === b.name
  if (!same(rollup.hypertable, spec.table)) return 'it aggregates another table'
  if (rollup.timeColumn !== spec.time.column) return `it buckets ${rollup.timeColumn}`
  if (chart.bucketSeconds % rollup.bucketSeconds !== 0) {
    return `its bucket does not divide the chart's`
  }
  const origin = rollup.originMs ?? DEFAULT_ORIGIN_MS
  if ((origin - DEFAULT_ORIGIN_MS) % (rollup.bucketSeconds * 1000) !== 0) {
    return 'its buckets start at another origin'
  }
  const localDays = chart.bucketSeconds % DAY_SECONDS === 0 && chart.timeZone !== 'UTC'
  // Chart buckets of an hour or more follow the display zone's wall clock (shared/buckets.ts).
  const localClock = alignsToLocalClock(chart.bucketSeconds) && chart.timeZone !== 'UTC'
  const rollupZone = rollup.timeZone ?? 'UTC'
  if (localClock && rollupZone !== chart.timeZone) {
    const tiles =
      rollupZone === 'UTC' &&
      zoneTilesUtcBuckets(chart.timeZone, rollup.bucketSeconds, chart.fromMs, chart.toMs)
    if (!tiles) {
      return localDays
        ? `its buckets do not start at midnight in ${chart.timeZone}`
        : `its buckets do not line up with the clock in ${chart.timeZone}`
    }
  }
  if (!localDays && rollupZone !== 'UTC' && rollup.bucketSeconds % DAY_SECONDS === 0) {
    return `its days start at midnight in ${rollupZone}`
  }
  if (rollupZone !== 'UTC' && rollup.bucketSeconds % DAY_SECONDS !== 0) {
    return `its buckets follow the clock in ${rollupZone}`
  }
  const grouped = new Set(rollup.groupColumns.map((g) => g.source))
  const columns = [spec.split, ...spec.filters.map((f) => f.column)]
  for (const c of columns) {
    if (!c) continue
    if (c.via || !grouped.has(c.column)) return `it is not grouped by ${c.column}`
  }
  if (!stored(rollup, 'count', null)) return 'it stores no count(*)'
  for (const m of spec.measures) {
    if (!derive(rollup, m.aggregate, m.column)) {
      return `${m.aggregate}(${m.column}) cannot be derived from its columns`
    }
    if (chart.minMax && !(stored(rollup, 'min', m.column) && stored(rollup, 'max', m.column))) {
      return `it stores no min and max of ${m.column}`
    }
  }
  return null
}

/** The coarsest rollup that can serve the chart, or null (then raw rows). */
export function chooseRollup(rollups: RollupInfo[], chart: ChartShape): RollupChoice | null {
  const usable = rollups
    .filter((r) => refusal(r, chart) === null)
    .sort((a, b) => b.bucketSeconds - a.bucketSeconds)
  const rollup = usable[0]
  if (!rollup) return null
  return {
    rollup,
    measures: chart.spec.measures.map((m) => derive(rollup, m.aggregate, m.column) as Derivation),
    rowCount: stored(rollup, 'count', null) as string,
    ranges: chart.minMax
      ? chart.spec.measures.map((m) => ({
          min: stored(rollup, 'min', m.column) as string,
          max: stored(rollup, 'max', m.column) as string,
        }))
      : null,
  }
}
