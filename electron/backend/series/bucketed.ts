/**
 * series/bucketed: the quick start's chart as it was asked for before the
 * chart builder, now a preset of the generic chart (quickStartSpec +
 * queryChart). Kept only until the Charts view speaks series/chart itself.
 */
import type { BucketedReply, BucketedRequest } from '../../../shared/domain/series'
import { quickStartSpec } from '../../../shared/domain/quick-start-preset'
import { AppError } from '../../../shared/errors'
import type { Queryable } from '../db/driver'
import { sqlstateOf } from '../db/errors'
import { queryChart } from './chart'

export const TABLES_MISSING =
  'The quick-start tables (sensors and sensor_data) do not exist in this database yet. Set them up on the Sensors page, or generate sample data.'

/** Turns "relation does not exist" into advice; everything else passes through. */
export function explainMissingTables(error: unknown): unknown {
  if (sqlstateOf(error) === '42P01') {
    return new AppError('schema_missing', TABLES_MISSING)
  }
  return error
}

/** The schema sensor_data is in, as the search path finds it (like the quick start's SQL). */
async function quickStartSchemaOf(db: Queryable, signal?: AbortSignal): Promise<string> {
  const { rows } = await db.query<{ schema: string }>(
    `SELECT n.nspname AS schema FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.oid = to_regclass('sensor_data') AND to_regclass('sensors') IS NOT NULL`,
    [],
    { signal },
  )
  const schema = rows[0]?.schema
  if (!schema) throw new AppError('schema_missing', TABLES_MISSING)
  return schema
}

export async function queryBucketed(
  db: Queryable,
  request: BucketedRequest,
  signal?: AbortSignal,
): Promise<BucketedReply> {
  const started = performance.now()
  const { metric, groupBy, filters, ...window } = request
  const spec = quickStartSpec({ metric, groupBy, filters }, await quickStartSchemaOf(db, signal))
  const reply = await queryChart(db, { spec, ...window, useRollups: true }, signal)
  return {
    times: reply.times,
    series: reply.series.map((s) => ({
      key: s.key,
      label: s.label,
      avg: s.values,
      ...(s.min && s.max ? { min: s.min, max: s.max } : {}),
    })),
    bucketSeconds: reply.bucketSeconds,
    bucketReason: reply.bucketReason,
    from: reply.from,
    to: reply.to,
    timeZone: reply.timeZone,
    bucketFunction: reply.bucketFunction,
    sql: reply.sql,
    params: reply.params,
    points: reply.points,
    rows: reply.rows,
    buckets: reply.buckets,
    omittedSeries: reply.omittedSeries,
    queryMs: Math.round((performance.now() - started) * 10) / 10,
  }
}
