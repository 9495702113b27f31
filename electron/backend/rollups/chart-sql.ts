/**
 * A chart's statement rewritten to read a continuous aggregate: the
 * aggregate's whole buckets inside the range (up to its watermark when it is
 * not real-time) and raw rows for the rest (the range's ragged ends, and what
 * is not materialized yet), both at the aggregate's bucket, then re-aggregated
 * into the chart's buckets: avg as sum of sums over sum of counts, min of
 * mins, max of maxes, sum of sums, count as sum of counts, first/last ordered
 * by bucket. The result has the columns of chartStatement, so the chart reads
 * it the same way.
 */
import { bucketLabel, bucketStarts } from '../../../shared/buckets'
import { relationLabel } from '../../../shared/domain/catalog'
import type { ChartRollupSource } from '../../../shared/domain/chart'
import type { Derivation, RollupChoice } from '../../../shared/domain/rollups'
import { conditionSql } from '../catalog/conditions'
import { qualified } from '../catalog/time-range'
import { quoteIdent } from '../db/driver'
import { Params } from '../db/params'
import {
  bucketExpr,
  describe,
  groupByBucket,
  type Statement,
  type StatementWindow,
} from '../series/chart-sql'
import type { ChartPlan } from '../series/plan'

const ROLLUP_ALIAS = 'r'

/** The aggregate's bucket boundaries around an instant: at or before, and at or after it. */
function boundaries(choice: RollupChoice, ms: number): { down: number; up: number } {
  const { bucketSeconds, timeZone } = choice.rollup
  // Two buckets from the one holding ms: its start, and the next (days vary with DST).
  const [start = ms, next = ms] = bucketStarts(
    ms,
    ms + 2 * bucketSeconds * 1000,
    bucketSeconds,
    timeZone ?? 'UTC',
  )
  return { down: start, up: start === ms ? ms : next }
}

/** [from, a) and [b, to) come from raw rows, [a, b) from the aggregate; null when it serves nothing. */
export function rollupSpan(
  choice: RollupChoice,
  fromMs: number,
  toMs: number,
): { a: number; b: number } | null {
  const { materializedOnly, watermarkMs } = choice.rollup
  if (materializedOnly && watermarkMs === null) return null
  const end = materializedOnly && watermarkMs !== null ? Math.min(toMs, watermarkMs) : toMs
  const a = boundaries(choice, fromMs).up
  const b = boundaries(choice, end).down
  return b > a ? { a, b } : null
}

/** The inner columns a measure needs, as [name, raw aggregate, stored column]. */
function innerColumns(d: Derivation, i: number, expr: string, time: string) {
  const columns: [string, string, string][] = []
  if (d.kind === 'avg') {
    columns.push([`s${i}`, `sum(${expr})`, d.sum], [`c${i}`, `count(${expr})`, d.count])
  } else {
    const ordered = d.kind === 'first' || d.kind === 'last' ? `, ${time}` : ''
    columns.push([`v${i}`, `${d.kind}(${expr}${ordered})`, d.column])
  }
  return columns
}

/**
 * Counts are summed as float8, exact below 2^53: sum(bigint) accumulates in
 * numeric, and that took a third of a rollup chart's time on the server. Sums
 * keep their stored type until summed, so a sum of sums stays exact.
 */
function outerMeasure(d: Derivation, i: number): string {
  switch (d.kind) {
    case 'avg':
      return `(sum(p.s${i})::float8 / nullif(sum(p.c${i}::float8), 0))`
    case 'count':
      return `sum(p.v${i}::float8)`
    case 'sum':
      return `sum(p.v${i})::float8`
    case 'min':
    case 'max':
      return `${d.kind}(p.v${i})::float8`
    case 'first':
    case 'last':
      return `${d.kind}(p.v${i}, p.t)::float8`
  }
}

export interface RollupStatement extends Statement {
  source: ChartRollupSource
}

/** The chart over the chosen aggregate; null when its span inside the range is empty. */
export function rollupStatement(
  plan: ChartPlan,
  w: StatementWindow,
  choice: RollupChoice,
): RollupStatement | null {
  const span = rollupSpan(choice, w.fromMs, w.toMs)
  if (!span) return null
  const { rollup } = choice
  const p = new Params()
  const iso = (ms: number) => p.add(new Date(ms).toISOString(), 'timestamptz')
  const stored = (column: string) => `${ROLLUP_ALIAS}.${quoteIdent(column)}`
  const groupOf = (source: string) =>
    rollup.groupColumns.find((g) => g.source === source)?.column ?? source

  let zoneParam: string | null = null
  const zone = () => (zoneParam ??= p.add(w.timeZone, 'text'))
  // The chart's bucket of an aggregate's bucket start: the aggregate's buckets nest in the chart's.
  const chartBucketOf = (t: string) =>
    bucketExpr({ ...plan.time, raw: t }, w, p, zone, () => {
      throw new Error('A rollup never serves a gap-filled chart')
    })
  const rollupCols = [
    `${stored(rollup.bucketColumn)} AS t`,
    `${chartBucketOf(stored(rollup.bucketColumn))} AS b`,
  ]
  const rawCols: string[] = []
  const outer: string[] = []
  // Only when raw rows are read: a parameter the statement does not use has no type.
  let rawBucket: string | null = null
  const rawBucketExpr = () => {
    const width = p.add(bucketLabel(rollup.bucketSeconds), 'interval')
    return rollup.timeZone
      ? `time_bucket(${width}, ${plan.time.raw}, ${p.add(rollup.timeZone, 'text')})`
      : `time_bucket(${width}, ${plan.time.raw})`
  }
  if (plan.split) {
    rollupCols.push(`${stored(groupOf(plan.split.resolved.column.name))} AS k`)
    rawCols.push(`${plan.split.expr} AS k`)
  }
  choice.measures.forEach((d, i) => {
    const m = plan.measures[i]
    if (!m) return
    const range = choice.ranges?.[i]
    const columns = innerColumns(d, i, m.expr, plan.time.raw)
    if (range) {
      columns.push([`lo${i}`, `min(${m.expr})`, range.min], [`hi${i}`, `max(${m.expr})`, range.max])
    }
    for (const [name, raw, column] of columns) {
      rollupCols.push(`${stored(column)} AS ${name}`)
      rawCols.push(`${raw} AS ${name}`)
    }
    outer.push(`${outerMeasure(d, i)} AS m${i}`)
    if (w.minMax)
      outer.push(`min(p.lo${i})::float8 AS m${i}_min`, `max(p.hi${i})::float8 AS m${i}_max`)
  })
  rollupCols.push(`${stored(choice.rowCount)} AS n`)
  rawCols.push('count(*) AS n')

  const conditions = (own: boolean): string[] => {
    const out: string[] = []
    plan.filters.forEach((f, i) => {
      if (w.settled.has(i)) return
      const expr = own ? stored(groupOf(f.column.resolved.column.name)) : f.column.expr
      out.push(conditionSql(expr, f.values, p))
    })
    if (plan.split && w.keys) {
      const expr = own ? stored(groupOf(plan.split.resolved.column.name)) : plan.split.expr
      out.push(conditionSql(expr, w.keys, p))
    }
    return out
  }
  const parts = [
    `SELECT ${rollupCols.join(', ')}
  FROM ${qualified(rollup.view)} ${ROLLUP_ALIAS}
  WHERE ${[`${stored(rollup.bucketColumn)} >= ${iso(span.a)}`, `${stored(rollup.bucketColumn)} < ${iso(span.b)}`, ...conditions(true)].join(' AND ')}`,
  ]
  for (const [from, to] of [
    [w.fromMs, span.a],
    [span.b, w.toMs],
  ] as const) {
    if (to <= from) continue
    const where = [`${plan.time.raw} >= ${iso(from)}`, `${plan.time.raw} < ${iso(to)}`]
    rawBucket ??= rawBucketExpr()
    const group = plan.split ? `${rawBucket}, ${plan.split.expr}` : rawBucket
    parts.push(`SELECT ${[`${rawBucket} AS t`, `${chartBucketOf(rawBucket)} AS b`, ...rawCols].join(', ')}
  FROM ${plan.source}
  WHERE ${[...where, ...conditions(false)].join(' AND ')}
  GROUP BY ${group}`)
  }

  const select = [
    'extract(epoch FROM p.b)::float8 * 1000 AS bucket_ms',
    plan.split ? 'p.k AS series_key' : 'NULL::text AS series_key',
    ...outer,
    'sum(p.n::float8) AS row_count',
  ]
  // OFFSET 0 keeps the parts a subquery of their own. Without it TimescaleDB
  // aggregates the aggregate's chunks one by one and then combines them, which
  // for a few stored rows per chart bucket only adds work (1 h into 3 h: the
  // statement's server time 62 against 74 ms).
  const sql = `SELECT ${select.join(',\n       ')}
FROM (
  ${parts.join('\n  UNION ALL\n  ')}
  OFFSET 0
) p
${groupByBucket('p.b', plan.split ? 'p.k' : null)}`
  const source: ChartRollupSource = {
    name: relationLabel(rollup.view),
    bucketSeconds: rollup.bucketSeconds,
    materializedToMs: rollup.watermarkMs,
    realTime: !rollup.materializedOnly,
  }
  return {
    sql,
    params: p.values,
    description: `${describe(plan, w)}, from the continuous aggregate ${source.name}`,
    source,
  }
}
