import { bucketStarts, chooseBucket, type BucketChoice } from '../../../shared/buckets'
import {
  sensorLabel,
  type BucketedReply,
  type BucketedRequest,
} from '../../../shared/domain/series'
import { AppError } from '../../../shared/errors'
import type { Queryable } from '../db/driver'
import { sqlstateOf, throwIfAborted } from '../db/errors'
import {
  capabilitiesOf,
  readCapabilities,
  type CapabilityRow,
  type SeriesCapabilities,
} from './capabilities'
import { keyOf, toColumns, type Columns, type SeriesKey } from './columns'
import {
  bucketedStatement,
  seriesKeysStatement,
  type BucketFunction,
  type BucketedSpec,
  type Statement,
} from './sql'

export const TABLES_MISSING =
  'The quick-start tables (sensors and sensor_data) do not exist in this database yet. Set them up on the Sensors page, or generate sample data.'

/** Turns "relation does not exist" into advice; everything else passes through. */
export function explainMissingTables(error: unknown): unknown {
  if (sqlstateOf(error) === '42P01') {
    return new AppError('schema_missing', TABLES_MISSING)
  }
  return error
}

function chooseFunction(request: BucketedRequest, caps: SeriesCapabilities): BucketFunction {
  if (request.fillGaps) {
    if (!caps.timescaledb) {
      throw new AppError(
        'invalid_input',
        'Fill gaps needs TimescaleDB (time_bucket_gapfill), which is not installed in this database. Untick "Fill gaps" or install the extension.',
      )
    }
    return 'time_bucket_gapfill'
  }
  if (caps.timescaledb) return 'time_bucket'
  if (caps.serverVersionNum < 140000) {
    throw new AppError(
      'invalid_input',
      'Charts need TimescaleDB (time_bucket) or PostgreSQL 14 or newer (date_bin). This server has neither.',
    )
  }
  return 'date_bin'
}

interface KeySet {
  /** Known when at least one series matched (the keys statement carries them). */
  caps: SeriesCapabilities | null
  keys: SeriesKey[]
  omitted: number
  /** Restrictions to put on the bucketed statement. */
  sensorIds: number[] | null
  groupKeys: string[] | null
}

interface KeyRow extends CapabilityRow {
  id?: number
  type?: string | null
  location?: string | null
  series_key?: string | null
  total: number
}

async function loadKeys(
  db: Queryable,
  request: BucketedRequest,
  signal: AbortSignal | undefined,
): Promise<KeySet> {
  const { filters, groupBy } = request
  const statement = seriesKeysStatement(groupBy, filters)
  const { rows } = await db.query<KeyRow>(statement.sql, statement.params, { signal })
  const first = rows[0]
  const total = Number(first?.total ?? 0)
  const omitted = Math.max(0, total - rows.length)
  const caps = first ? capabilitiesOf(first, true) : null
  if (groupBy === 'sensor') {
    const keys = rows.map((r) => ({
      key: keyOf(r.id),
      label: sensorLabel({ id: Number(r.id), type: r.type ?? null, location: r.location ?? null }),
    }))
    const filtered =
      filters.locations.length + filters.types.length + filters.sensorIds.length > 0 || omitted > 0
    return {
      caps,
      keys,
      omitted,
      sensorIds: filtered ? rows.map((r) => Number(r.id)) : null,
      groupKeys: null,
    }
  }
  const keys = rows.map((r) => ({ key: keyOf(r.series_key), label: r.series_key ?? '(none)' }))
  const groupKeys =
    omitted > 0 ? rows.flatMap((r) => (r.series_key == null ? [] : [r.series_key])) : null
  return { caps, keys, omitted, sensorIds: null, groupKeys }
}

interface Run {
  statement: Statement
  columns: Columns
}

async function runBucketed(
  db: Queryable,
  spec: BucketedSpec,
  keys: SeriesKey[],
  timeZone: string,
  signal: AbortSignal | undefined,
): Promise<Run> {
  const statement = bucketedStatement(spec)
  const { rows } = await db.query<unknown[]>(statement.sql, statement.params, {
    signal,
    rowMode: 'array',
  })
  throwIfAborted(signal)
  const grid = bucketStarts(spec.fromMs, spec.toMs, spec.bucketSeconds, timeZone)
  return { statement, columns: toColumns(rows, grid, keys, spec.minMax) }
}

/**
 * The quick start's final query, generalised: the average of a metric per
 * bucket and series, over a range, as columns. In Auto mode a bucket finer
 * than the spacing of the readings (which would draw dots, not lines) is
 * replaced once by the tidy step at or above that spacing.
 */
export async function queryBucketed(
  db: Queryable,
  request: BucketedRequest,
  signal?: AbortSignal,
): Promise<BucketedReply> {
  const started = performance.now()
  // A missing table fails here with 42P01, which the handler explains.
  const keySet = await loadKeys(db, request, signal)
  const caps = keySet.caps ?? (await readCapabilities(db, { signal }))
  if (!caps.tables) throw new AppError('schema_missing', TABLES_MISSING)
  const bucketFunction = chooseFunction(request, caps)
  const range = { fromMs: request.from, toMs: request.to, timeZone: request.timeZone }
  let choice: BucketChoice | { seconds: number; reason: 'sparse' } = chooseBucket({
    ...range,
    pixels: request.pixels,
    pinnedSeconds: request.bucket === 'auto' ? null : request.bucket,
  })
  const grouped = request.groupBy !== 'sensor'
  const { locations, types, sensorIds } = request.filters
  const spec = (bucketSeconds: number): BucketedSpec => ({
    metric: request.metric,
    groupBy: request.groupBy,
    ...range,
    bucketSeconds,
    bucketFunction,
    minMax: request.minMax,
    // Per sensor, the filters were already resolved to ids from the sensors table.
    sensorIds: grouped ? (sensorIds.length > 0 ? sensorIds : null) : keySet.sensorIds,
    locations: grouped && locations.length > 0 ? locations : null,
    types: grouped && types.length > 0 ? types : null,
    groupKeys: keySet.groupKeys,
  })

  let run: Run | null = null
  if (keySet.keys.length > 0) {
    run = await runBucketed(db, spec(choice.seconds), keySet.keys, request.timeZone, signal)
    const spacing = run.columns.spacingMs
    if (request.bucket === 'auto' && spacing !== null && spacing >= 2 * choice.seconds * 1000) {
      const coarser = chooseBucket({
        ...range,
        pixels: request.pixels,
        minSeconds: Math.ceil(spacing / 1000),
      })
      if (coarser.seconds > choice.seconds) {
        choice = { seconds: coarser.seconds, reason: 'sparse' }
        run = await runBucketed(db, spec(choice.seconds), keySet.keys, request.timeZone, signal)
      }
    }
  }
  const statement = run?.statement ?? bucketedStatement(spec(choice.seconds))
  const columns = run?.columns ?? {
    times: new Float64Array(0),
    series: [],
    points: 0,
    rows: 0,
  }
  return {
    times: columns.times,
    series: columns.series,
    bucketSeconds: choice.seconds,
    bucketReason: choice.reason,
    from: request.from,
    to: request.to,
    timeZone: request.timeZone,
    bucketFunction,
    sql: statement.sql,
    params: statement.params,
    points: columns.points,
    rows: columns.rows,
    buckets: columns.times.length,
    omittedSeries: keySet.omitted,
    queryMs: Math.round((performance.now() - started) * 10) / 10,
  }
}
