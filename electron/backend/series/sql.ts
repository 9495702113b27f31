/**
 * The statements behind the Charts view. Values always travel as parameters;
 * the only text spliced in is ours (column names from a fixed map, casts,
 * time_bucket's origin).
 */
import { alignsToLocalDays, bucketLabel } from '../../../shared/buckets'
import {
  MAX_SERIES,
  type BucketedReply,
  type GroupBy,
  type Metric,
  type SqlParam,
} from '../../../shared/domain/series'
import { CAPABILITY_COLUMNS } from './capabilities'

export interface Statement {
  sql: string
  params: SqlParam[]
}

/** Collects parameters in order and hands back their typed placeholders. */
class Params {
  readonly values: SqlParam[] = []

  add(value: SqlParam, cast: string): string {
    this.values.push(value)
    return `$${this.values.length}::${cast}`
  }
}

const metricColumn: Record<Metric, string> = {
  temperature: 'd.temperature',
  cpu: 'd.cpu',
}

const keyColumn: Record<GroupBy, string> = {
  sensor: 'd.sensor_id',
  location: 's.location',
  type: 's.type',
}

export type BucketFunction = BucketedReply['bucketFunction']

export interface BucketedSpec {
  metric: Metric
  groupBy: GroupBy
  fromMs: number
  toMs: number
  bucketSeconds: number
  timeZone: string
  bucketFunction: BucketFunction
  minMax: boolean
  /** Only these sensors (null: no restriction). */
  sensorIds: number[] | null
  /** Location / type filters on the joined sensors row (groupings other than sensor). */
  locations: string[] | null
  types: string[] | null
  /** Only these groups (when there were more than MAX_SERIES). */
  groupKeys: string[] | null
}

/** Column positions of a bucketed row (array row mode). */
export const COL = { bucket: 0, key: 1, avg: 2, min: 3, max: 4 } as const
export const countColumn = (minMax: boolean) => (minMax ? 5 : 3)

function bucketExpression(spec: BucketedSpec, p: Params, from: string, to: string): string {
  const width = p.add(bucketLabel(spec.bucketSeconds), 'interval')
  // Whole days start at the user's local midnight; shorter buckets follow UTC.
  const tz = alignsToLocalDays(spec.bucketSeconds) ? p.add(spec.timeZone, 'text') : null
  switch (spec.bucketFunction) {
    case 'time_bucket':
      return tz ? `time_bucket(${width}, d.time, ${tz})` : `time_bucket(${width}, d.time)`
    case 'time_bucket_gapfill':
      return tz
        ? `time_bucket_gapfill(${width}, d.time, ${tz}, ${from}, ${to})`
        : `time_bucket_gapfill(${width}, d.time, ${from}, ${to})`
    case 'date_bin':
      // date_bin with time_bucket's default origin gives the same buckets; for
      // days it bins local wall-clock time so DST days stay 23 or 25 hours.
      return tz
        ? `date_bin(${width}, d.time AT TIME ZONE ${tz}, TIMESTAMP '2000-01-03') AT TIME ZONE ${tz}`
        : `date_bin(${width}, d.time, TIMESTAMPTZ '2000-01-03 00:00:00+00')`
  }
}

/** avg (and min/max) of the metric per bucket and series, with the rows behind each. */
export function bucketedStatement(spec: BucketedSpec): Statement {
  const p = new Params()
  const from = p.add(new Date(spec.fromMs).toISOString(), 'timestamptz')
  const to = p.add(new Date(spec.toMs).toISOString(), 'timestamptz')
  const bucket = bucketExpression(spec, p, from, to)
  const value = metricColumn[spec.metric]
  const fill = (aggregate: string) =>
    spec.bucketFunction === 'time_bucket_gapfill' ? `locf(${aggregate})` : aggregate
  // Epoch milliseconds as float8: turning ~1,000 timestamptz texts into Dates
  // per call costs node-postgres more than the rest of the reply. Gap-filling
  // needs time_bucket_gapfill as a top-level grouping expression, so it keeps it.
  const gapfill = spec.bucketFunction === 'time_bucket_gapfill'
  const select = [
    gapfill ? `${bucket} AS bucket` : `extract(epoch FROM ${bucket})::float8 * 1000 AS bucket_ms`,
    `${keyColumn[spec.groupBy]} AS series_key`,
    `${fill(`avg(${value})`)} AS avg_value`,
  ]
  if (spec.minMax) {
    select.push(`${fill(`min(${value})`)} AS min_value`, `${fill(`max(${value})`)} AS max_value`)
  }
  select.push('count(*) AS row_count')

  const where = [`d.time >= ${from}`, `d.time < ${to}`]
  if (spec.sensorIds) where.push(`d.sensor_id = ANY(${p.add(spec.sensorIds, 'int[]')})`)
  if (spec.locations) where.push(`s.location = ANY(${p.add(spec.locations, 'text[]')})`)
  if (spec.types) where.push(`s.type = ANY(${p.add(spec.types, 'text[]')})`)
  if (spec.groupKeys) {
    where.push(`${keyColumn[spec.groupBy]} = ANY(${p.add(spec.groupKeys, 'text[]')})`)
  }
  const join = spec.groupBy === 'sensor' ? '' : '\nJOIN sensors s ON s.id = d.sensor_id'
  const sql = `SELECT ${select.join(',\n       ')}
FROM sensor_data d${join}
WHERE ${where.join('\n  AND ')}
GROUP BY 1, 2
ORDER BY 1, 2`
  return { sql, params: p.values }
}

export interface KeyFilters {
  locations: string[]
  types: string[]
  sensorIds: number[]
}

function sensorConditions(filters: KeyFilters, p: Params): string {
  const where: string[] = []
  if (filters.locations.length > 0)
    where.push(`s.location = ANY(${p.add(filters.locations, 'text[]')})`)
  if (filters.types.length > 0) where.push(`s.type = ANY(${p.add(filters.types, 'text[]')})`)
  if (filters.sensorIds.length > 0) where.push(`s.id = ANY(${p.add(filters.sensorIds, 'int[]')})`)
  return where.length > 0 ? `\nWHERE ${where.join(' AND ')}` : ''
}

/**
 * The series a chart will have, from the small sensors table: at most
 * MAX_SERIES, each row carrying how many matched in all and what the server
 * can do (which bucketing function to use), one round trip fewer.
 */
export function seriesKeysStatement(groupBy: GroupBy, filters: KeyFilters): Statement {
  const p = new Params()
  const where = sensorConditions(filters, p)
  if (groupBy === 'sensor') {
    return {
      sql: `SELECT s.id, s.type, s.location, count(*) OVER () AS total,
       ${CAPABILITY_COLUMNS}
FROM sensors s${where}
ORDER BY s.id
LIMIT ${MAX_SERIES}`,
      params: p.values,
    }
  }
  const column = groupBy === 'location' ? 's.location' : 's.type'
  return {
    sql: `SELECT k.series_key, count(*) OVER () AS total,
       ${CAPABILITY_COLUMNS}
FROM (SELECT DISTINCT ${column} AS series_key FROM sensors s${where}) k
ORDER BY k.series_key
LIMIT ${MAX_SERIES}`,
    params: p.values,
  }
}
