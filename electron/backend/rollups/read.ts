/**
 * Reads every continuous aggregate of a database (or of one hypertable): its
 * bucket (width, time zone, origin) from TimescaleDB's bucket-function
 * catalog, what it stores from its view definition, how far it is
 * materialized (cagg_watermark), its refresh policy, last refresh and size.
 * The same statement works on TimescaleDB 2.28 (native) and 2.23 (embedded):
 * both keep cagg_watermark and to_timestamp in _timescaledb_functions.
 */
import type { RollupDetail } from '../../../shared/domain/rollup-calls'
import type { ServerFeatures } from '../catalog/features'
import { catalogRead, quoteIdent, type Queryable, type QueryOptions } from '../db/driver'
import { parseViewDefinition } from './view-definition'

/** A continuous aggregate as the catalog lists it. */
export type RollupEntry = RollupDetail

interface RollupRow {
  view_schema: string
  view_name: string
  table_schema: string
  table_name: string
  materialized_only: boolean
  view_definition: string
  bucket_seconds: number | null
  time_zone: string | null
  origin_ms: number | null
  bucket_offset: string | null
  watermark_ms: number | null
  start_offset: string | null
  end_offset: string | null
  schedule: string | null
  last_refresh_ms: number | null
  bytes: number | null
}

const num = (v: number | string | null) => (v === null ? null : Number(v))

/** Whether a hypertable has any continuous aggregate: one cheap catalog probe per chart. */
export async function hasRollups(
  db: Queryable,
  table: { schema: string; name: string },
  options: QueryOptions = {},
): Promise<boolean> {
  const { rows } = await db.query<{ found: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM _timescaledb_catalog.continuous_agg ca
                      JOIN _timescaledb_catalog.hypertable h ON h.id = ca.raw_hypertable_id
                     WHERE h.schema_name = $1 AND h.table_name = $2) AS found`,
    [table.schema, table.name],
    options,
  )
  return rows[0]?.found === true
}

interface ReadOptions {
  orView?: boolean
  sizes?: boolean
}

export async function readRollups(
  db: Queryable,
  features: ServerFeatures,
  table: { schema: string; name: string } | null = null,
  /**
   * orView: also the aggregate named `table` itself (the Database page, on an aggregate);
   * sizes: false leaves bytes null (a chart does not need them, and they cost a call each).
   */
  { orView = false, sizes = true, ...options }: QueryOptions & ReadOptions = {},
): Promise<RollupEntry[]> {
  if (!features.timescaledb) return []
  const fn = (name: string) => `${quoteIdent(features.timescaleSchema ?? 'public')}.${name}`
  const internal = '_timescaledb_functions'
  const view = orView ? ' OR (ca.view_schema = $1 AND ca.view_name = $2)' : ''
  const where = table
    ? `\nWHERE (ca.hypertable_schema = $1 AND ca.hypertable_name = $2)${view}`
    : ''
  const { rows } = await db.query<RollupRow>(
    `SELECT ca.view_schema::text AS view_schema, ca.view_name::text AS view_name,
       ca.hypertable_schema::text AS table_schema, ca.hypertable_name::text AS table_name,
       ca.materialized_only, ca.view_definition,
       CASE WHEN date_part('month', bf.bucket_width::interval) = 0 AND date_part('year', bf.bucket_width::interval) = 0
            THEN extract(epoch FROM bf.bucket_width::interval)::float8 END AS bucket_seconds,
       bf.bucket_timezone::text AS time_zone,
       extract(epoch FROM bf.bucket_origin::timestamptz)::float8 * 1000 AS origin_ms,
       bf.bucket_offset::text AS bucket_offset,
       (SELECT CASE WHEN w > -210866803200000000 THEN extract(epoch FROM ${internal}.to_timestamp(w))::float8 * 1000 END
          FROM ${internal}.cagg_watermark(c.mat_hypertable_id) w) AS watermark_ms,
       j.config->>'start_offset' AS start_offset, j.config->>'end_offset' AS end_offset,
       j.schedule_interval::text AS schedule,
       extract(epoch FROM js.last_successful_finish)::float8 * 1000 AS last_refresh_ms,
       ${sizes ? `${fn('hypertable_approximate_size')}(format('%I.%I', ca.materialization_hypertable_schema, ca.materialization_hypertable_name)::regclass)::float8` : 'NULL::float8'} AS bytes
  FROM timescaledb_information.continuous_aggregates ca
  JOIN _timescaledb_catalog.continuous_agg c
    ON c.user_view_schema = ca.view_schema AND c.user_view_name = ca.view_name
  LEFT JOIN _timescaledb_catalog.continuous_aggs_bucket_function bf ON bf.mat_hypertable_id = c.mat_hypertable_id
  LEFT JOIN timescaledb_information.jobs j
    ON j.proc_name = 'policy_refresh_continuous_aggregate'
   AND (j.config->>'mat_hypertable_id')::int = c.mat_hypertable_id
  LEFT JOIN timescaledb_information.job_stats js ON js.job_id = j.job_id${where}
 ORDER BY 1, 2`,
    table ? [table.schema, table.name] : [],
    // One table's (a chart's) stays on the session as it is: no switch on the chart path.
    table ? options : catalogRead(options),
  )
  return rows.map(toEntry)
}

function toEntry(r: RollupRow): RollupEntry {
  const parsed = parseViewDefinition(r.view_definition)
  const bucketSeconds = num(r.bucket_seconds)
  const unusable =
    bucketSeconds === null
      ? 'its bucket is a number of months or years'
      : r.bucket_offset
        ? 'its buckets have an offset'
        : !parsed.bucketColumn || !parsed.timeColumn
          ? 'its time bucket could not be read'
          : null
  return {
    view: { schema: r.view_schema, name: r.view_name },
    hypertable: { schema: r.table_schema, name: r.table_name },
    timeColumn: parsed.timeColumn ?? '',
    bucketColumn: parsed.bucketColumn ?? '',
    bucketSeconds: bucketSeconds ?? 0,
    timeZone: r.time_zone,
    originMs: num(r.origin_ms),
    groupColumns: parsed.groupColumns,
    columns: parsed.columns,
    materializedOnly: r.materialized_only,
    watermarkMs: num(r.watermark_ms),
    unusable,
    policy: r.schedule
      ? { startOffset: r.start_offset, endOffset: r.end_offset, schedule: r.schedule }
      : null,
    lastRefreshMs: num(r.last_refresh_ms),
    bytes: num(r.bytes),
  }
}
