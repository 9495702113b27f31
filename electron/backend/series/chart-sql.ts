/**
 * The chart's one statement, assembled from a plan (plan.ts): every measure's
 * aggregate per bucket and split value, with the rows behind each. Names come
 * quoted from the plan; values always travel as parameters; the only text
 * spliced in is ours (aggregate names, casts, time_bucket's origin).
 */
import { alignsToLocalClock, bucketLabel } from '../../../shared/buckets'
import type { BucketFunction, SqlParam, TimeUnit } from '../../../shared/domain/chart'
import { relationLabel } from '../../../shared/domain/catalog'
import { conditionSql } from '../catalog/conditions'
import { Params } from '../db/params'
import { dayAtOrAfter } from './time-window'
import type { ChartPlan, PlanMeasure, PlanTime } from './plan'

export interface Statement {
  sql: string
  params: SqlParam[]
  /** What the statement computes, in words (Show SQL, Explain). */
  description: string
}

export interface StatementWindow {
  fromMs: number
  toMs: number
  bucketSeconds: number
  timeZone: string
  bucketFunction: BucketFunction
  minMax: boolean
  /** Only these split values (null: every one). */
  keys: string[] | null
  /** Filters (by index in the plan) settled by the keys, left out of the WHERE clause. */
  settled: ReadonlySet<number>
}

/** Column positions of a row (array row mode): bucket, key, then per measure value [min, max], count. */
export function measureColumn(index: number, minMax: boolean): number {
  return 2 + index * (minMax ? 3 : 1)
}
export function countColumn(measures: number, minMax: boolean): number {
  return 2 + measures * (minMax ? 3 : 1)
}

const UNITS_PER_SECOND: Record<TimeUnit, string> = {
  s: '1',
  ms: '1000',
  us: '1000000',
  ns: '1000000000',
}
/** Units per millisecond, as a fraction num/den so nanoseconds stay exact in BigInt. */
const UNITS_PER_MS: Record<TimeUnit, [bigint, bigint]> = {
  s: [1n, 1000n],
  ms: [1n, 1n],
  us: [1000n, 1n],
  ns: [1_000_000n, 1n],
}

/** The integer value at or after an instant: ceil(ms × units per ms). */
function integerAtOrAfter(ms: number, unit: TimeUnit): string {
  const [num, den] = UNITS_PER_MS[unit]
  const scaled = BigInt(ms) * num
  const q = scaled / den
  return String(q * den < scaled ? q + 1n : q)
}

/** The time as timestamptz: what buckets are computed on. */
export function instantExpr(time: PlanTime, zone: () => string): string {
  switch (time.kind) {
    case 'timestamptz':
      return time.raw
    case 'timestamp':
      return `(${time.raw} AT TIME ZONE 'UTC')`
    case 'date':
      return `(${time.raw}::timestamp AT TIME ZONE ${zone()})`
    case 'integer':
      return `to_timestamp(${time.raw}::float8 / ${UNITS_PER_SECOND[time.unit ?? 's']})`
  }
}

interface RangeSql {
  conditions: string[]
  /** The bounds' placeholders when they are timestamptz already (gap filling reuses them). */
  instants: [string, string] | null
}

/** [from, to) on the column as it is, so an index or chunk exclusion serves it. */
export function rangeConditions(
  time: PlanTime,
  w: Pick<StatementWindow, 'fromMs' | 'toMs' | 'timeZone'>,
  p: Params,
): RangeSql {
  const iso = (ms: number) => new Date(ms).toISOString()
  let from: string
  let to: string
  switch (time.kind) {
    case 'timestamptz':
      from = p.add(iso(w.fromMs), 'timestamptz')
      to = p.add(iso(w.toMs), 'timestamptz')
      break
    case 'timestamp':
      // Wall-clock times read as UTC: compare with the UTC wall clock.
      from = p.add(iso(w.fromMs).slice(0, -1), 'timestamp')
      to = p.add(iso(w.toMs).slice(0, -1), 'timestamp')
      break
    case 'date':
      from = p.add(dayAtOrAfter(w.fromMs, w.timeZone), 'date')
      to = p.add(dayAtOrAfter(w.toMs, w.timeZone), 'date')
      break
    case 'integer':
      from = p.add(integerAtOrAfter(w.fromMs, time.unit ?? 's'), 'bigint')
      to = p.add(integerAtOrAfter(w.toMs, time.unit ?? 's'), 'bigint')
      break
  }
  return {
    conditions: [`${time.raw} >= ${from}`, `${time.raw} < ${to}`],
    instants: time.kind === 'timestamptz' ? [from, to] : null,
  }
}

export function bucketExpr(
  time: PlanTime,
  w: StatementWindow,
  p: Params,
  zone: () => string,
  gapfillRange: () => [string, string],
): string {
  const instant = instantExpr(time, zone)
  const width = p.add(bucketLabel(w.bucketSeconds), 'interval')
  // An hour or more follows the display zone's wall clock (days start at its midnight);
  // shorter buckets follow UTC.
  const tz = alignsToLocalClock(w.bucketSeconds) ? zone() : null
  switch (w.bucketFunction) {
    case 'time_bucket':
      return tz ? `time_bucket(${width}, ${instant}, ${tz})` : `time_bucket(${width}, ${instant})`
    case 'time_bucket_gapfill': {
      const [from, to] = gapfillRange()
      return tz
        ? `time_bucket_gapfill(${width}, ${instant}, ${tz}, ${from}, ${to})`
        : `time_bucket_gapfill(${width}, ${instant}, ${from}, ${to})`
    }
    case 'date_bin':
      // date_bin with time_bucket's default origin gives the same buckets; from an
      // hour up it bins local wall-clock time, so DST days stay 23 or 25 hours.
      return tz
        ? `date_bin(${width}, ${instant} AT TIME ZONE ${tz}, TIMESTAMP '2000-01-03') AT TIME ZONE ${tz}`
        : `date_bin(${width}, ${instant}, TIMESTAMPTZ '2000-01-03 00:00:00+00')`
  }
}

/** The aggregate of a measure; first and last are TimescaleDB's, or ordered array_agg without it. */
function aggregateExpr(m: PlanMeasure, time: PlanTime, timescale: boolean): string {
  const v = m.expr
  switch (m.measure.aggregate) {
    case 'first':
      return timescale ? `first(${v}, ${time.raw})` : `(array_agg(${v} ORDER BY ${time.raw}))[1]`
    case 'last':
      return timescale
        ? `last(${v}, ${time.raw})`
        : `(array_agg(${v} ORDER BY ${time.raw} DESC))[1]`
    default:
      return `${m.measure.aggregate}(${v})`
  }
}

export function describe(plan: ChartPlan, w: StatementWindow): string {
  const measures = plan.measures.map((m) => m.label).join(', ')
  const split = plan.split ? ` by ${plan.split.resolved.column.name}` : ''
  const via = plan.split?.resolved.via ? ` (through ${plan.split.resolved.via.columns[0]})` : ''
  return `${measures} of ${relationLabel(plan.table)}${split}${via} per ${bucketLabel(w.bucketSeconds)} of ${plan.time.column.name} (${w.bucketFunction})`
}

/**
 * Grouped by the bucket itself, not by ordinal 1 (its epoch): extract(epoch)
 * returns numeric, and as a grouping key it was computed for every row rather
 * than every group, which doubled the time of a raw chart. No ORDER BY: the
 * chart places rows by bucket and key (toColumns), and sorting tens of
 * thousands of rows was a sixth of a rollup chart's time.
 */
export function groupByBucket(bucket: string, split: string | null): string {
  return split ? `GROUP BY ${bucket}, ${split}` : `GROUP BY ${bucket}`
}

/** The plan and window as one statement: the step a rollup planner can replace the source of. */
export function chartStatement(plan: ChartPlan, w: StatementWindow): Statement {
  const p = new Params()
  const range = rangeConditions(plan.time, w, p)
  let zoneParam: string | null = null
  const zone = () => (zoneParam ??= p.add(w.timeZone, 'text'))
  const gapfillRange = (): [string, string] =>
    range.instants ?? [
      p.add(new Date(w.fromMs).toISOString(), 'timestamptz'),
      p.add(new Date(w.toMs).toISOString(), 'timestamptz'),
    ]
  const bucket = bucketExpr(plan.time, w, p, zone, gapfillRange)
  const gapfill = w.bucketFunction === 'time_bucket_gapfill'
  const fill = (aggregate: string) => (gapfill ? `locf(${aggregate})` : aggregate)
  const timescale = plan.features.timescaledb !== null
  // Epoch milliseconds as float8: turning ~1,000 timestamptz texts into Dates
  // per call costs node-postgres more than the rest of the reply. Gap-filling
  // needs time_bucket_gapfill as a top-level grouping expression, so it keeps it.
  const select = [
    gapfill ? `${bucket} AS bucket` : `extract(epoch FROM ${bucket})::float8 * 1000 AS bucket_ms`,
    plan.split ? `${plan.split.expr} AS series_key` : `NULL::text AS series_key`,
  ]
  plan.measures.forEach((m, i) => {
    select.push(`${fill(`${aggregateExpr(m, plan.time, timescale)}::float8`)} AS m${i}`)
    if (w.minMax) {
      select.push(`${fill(`min(${m.expr})::float8`)} AS m${i}_min`)
      select.push(`${fill(`max(${m.expr})::float8`)} AS m${i}_max`)
    }
  })
  select.push('count(*) AS row_count')

  const where = [...range.conditions]
  const through = new Set(plan.split?.resolved.via ? [plan.split.resolved.via] : [])
  plan.filters.forEach((f, i) => {
    if (w.settled.has(i)) return
    where.push(conditionSql(f.column.expr, f.values, p))
    if (f.column.resolved.via) through.add(f.column.resolved.via)
  })
  if (plan.split && w.keys) where.push(conditionSql(plan.split.expr, w.keys, p))
  // Only the joins a kept column reads: filters settled by the keys need none.
  const joins = plan.joins.filter((j) => through.has(j.fk)).map((j) => `\n${j.sql}`)
  const groupBy = gapfill
    ? plan.split
      ? 'GROUP BY 1, 2\nORDER BY 1, 2'
      : 'GROUP BY 1\nORDER BY 1'
    : groupByBucket(bucket, plan.split?.expr ?? null)
  const sql = `SELECT ${select.join(',\n       ')}
FROM ${plan.source}${joins.join('')}
WHERE ${where.join('\n  AND ')}
${groupBy}`
  return { sql, params: p.values, description: describe(plan, w) }
}
