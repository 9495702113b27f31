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

interface ReadOptions {
  orView?: boolean
  sizes?: boolean
  policy?: boolean
}

export async function readRollups(
  db: Queryable,
  features: ServerFeatures,
  table: { schema: string; name: string } | null = null,
  /**
   * orView: also the aggregate named `table` itself (the Database page, on an aggregate);
   * sizes: false leaves bytes null (a chart does not need them, and they cost a call each);
   * policy: false leaves the refresh policy and last refresh out (a chart does not need
   * them, and planning timescaledb_information.jobs took 7 ms of every chart).
   */
  { orView = false, sizes = true, policy = true, ...options }: QueryOptions & ReadOptions = {},
): Promise<RollupEntry[]> {
  if (!features.timescaledb) return []
  const fn = (name: string) => `${quoteIdent(features.timescaleSchema ?? 'public')}.${name}`
  const internal = '_timescaledb_functions'
  const view = orView ? ' OR (c.user_view_schema = $1 AND c.user_view_name = $2)' : ''
  const where = table ? `\nWHERE (h.schema_name = $1 AND h.table_name = $2)${view}` : ''
  const policyColumns = policy
    ? `j.config->>'start_offset' AS start_offset, j.config->>'end_offset' AS end_offset,
       j.schedule_interval::text AS schedule,
       extract(epoch FROM js.last_successful_finish)::float8 * 1000 AS last_refresh_ms`
    : `NULL::text AS start_offset, NULL::text AS end_offset, NULL::text AS schedule,
       NULL::float8 AS last_refresh_ms`
  const policyJoins = policy
    ? `
  LEFT JOIN timescaledb_information.jobs j
    ON j.proc_name = 'policy_refresh_continuous_aggregate'
   AND (j.config->>'mat_hypertable_id')::int = c.mat_hypertable_id
  LEFT JOIN timescaledb_information.job_stats js ON js.job_id = j.job_id`
    : ''
  // TimescaleDB's own catalog tables rather than timescaledb_information.continuous_aggregates:
  // the same columns (its view_definition is the direct view's), planned in a fraction of the time.
  const { rows } = await db.query<RollupRow>(
    `SELECT c.user_view_schema::text AS view_schema, c.user_view_name::text AS view_name,
       h.schema_name::text AS table_schema, h.table_name::text AS table_name,
       c.materialized_only,
       pg_get_viewdef(format('%I.%I', c.direct_view_schema, c.direct_view_name)::regclass) AS view_definition,
       CASE WHEN date_part('month', bf.bucket_width::interval) = 0 AND date_part('year', bf.bucket_width::interval) = 0
            THEN extract(epoch FROM bf.bucket_width::interval)::float8 END AS bucket_seconds,
       bf.bucket_timezone::text AS time_zone,
       extract(epoch FROM bf.bucket_origin::timestamptz)::float8 * 1000 AS origin_ms,
       bf.bucket_offset::text AS bucket_offset,
       (SELECT CASE WHEN w > -210866803200000000 THEN extract(epoch FROM ${internal}.to_timestamp(w))::float8 * 1000 END
          FROM ${internal}.cagg_watermark(c.mat_hypertable_id) w) AS watermark_ms,
       ${policyColumns},
       ${sizes ? `${fn('hypertable_approximate_size')}(format('%I.%I', m.schema_name, m.table_name)::regclass)::float8` : 'NULL::float8'} AS bytes
  FROM _timescaledb_catalog.continuous_agg c
  JOIN _timescaledb_catalog.hypertable h ON h.id = c.raw_hypertable_id
  JOIN _timescaledb_catalog.hypertable m ON m.id = c.mat_hypertable_id
  LEFT JOIN _timescaledb_catalog.continuous_aggs_bucket_function bf ON bf.mat_hypertable_id = c.mat_hypertable_id${policyJoins}${where}
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
