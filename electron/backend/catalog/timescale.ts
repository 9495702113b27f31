/**
 * Every read of TimescaleDB's own catalog in one place: which relations are
 * hypertables and continuous aggregates (joined into the catalog's relation
 * statement), compression sizes and chunk bounds. Only the
 * timescaledb_information views and the extension's size functions, whose
 * columns used here are the same in TimescaleDB 2.23 (embedded) and 2.28.
 */
import type { CompressionInfo, TimeBound } from '../../../shared/domain/catalog'
import { quoteIdent, type Queryable, type QueryOptions } from '../db/driver'
import type { ServerFeatures } from './features'

/** The extension's schema, quoted, to call its functions whatever the search path. */
function fn(features: ServerFeatures, name: string): string {
  return `${quoteIdent(features.timescaleSchema ?? 'public')}.${name}`
}

/**
 * The relation statement's TimescaleDB part: joins (on c = pg_class, n =
 * pg_namespace) and select-list columns, or plain NULLs without the extension.
 */
export function timescaleRelationSql(features: ServerFeatures): { joins: string; select: string } {
  if (!features.timescaledb) {
    return {
      joins: '',
      select: `NULL::text AS dim_column, NULL::text AS dim_type, NULL::text AS chunk_interval,
       NULL::int AS dimensions, NULL::int AS chunks, NULL::bool AS compression,
       NULL::text AS source_schema, NULL::text AS source_name,
       false AS is_hypertable, false AS is_cagg, NULL::float8 AS ts_rows, NULL::float8 AS ts_bytes`,
    }
  }
  const matOid = `to_regclass(format('%I.%I', ca.materialization_hypertable_schema, ca.materialization_hypertable_name))`
  return {
    joins: `
LEFT JOIN timescaledb_information.hypertables h
       ON h.hypertable_schema = n.nspname AND h.hypertable_name = c.relname
LEFT JOIN timescaledb_information.dimensions d
       ON d.hypertable_schema = n.nspname AND d.hypertable_name = c.relname AND d.dimension_number = 1
LEFT JOIN timescaledb_information.continuous_aggregates ca
       ON ca.view_schema = n.nspname AND ca.view_name = c.relname`,
    select: `d.column_name::text AS dim_column, d.column_type::text AS dim_type,
       COALESCE(d.time_interval::text, d.integer_interval::text) AS chunk_interval,
       h.num_dimensions::int AS dimensions, h.num_chunks::int AS chunks,
       h.compression_enabled AS compression,
       ca.hypertable_schema::text AS source_schema, ca.hypertable_name::text AS source_name,
       h.hypertable_name IS NOT NULL AS is_hypertable, ca.view_name IS NOT NULL AS is_cagg,
       CASE WHEN h.hypertable_name IS NOT NULL THEN ${fn(features, 'approximate_row_count')}(c.oid)
            WHEN ca.view_name IS NOT NULL THEN ${fn(features, 'approximate_row_count')}(${matOid})
       END::float8 AS ts_rows,
       CASE WHEN h.hypertable_name IS NOT NULL THEN ${fn(features, 'hypertable_approximate_size')}(c.oid)
            WHEN ca.view_name IS NOT NULL THEN ${fn(features, 'hypertable_approximate_size')}(${matOid})
       END::float8 AS ts_bytes`,
  }
}

/** The columns timescaleRelationSql selects. */
export interface TimescaleRelationRow {
  dim_column: string | null
  dim_type: string | null
  chunk_interval: string | null
  dimensions: number | null
  chunks: number | null
  compression: boolean | null
  source_schema: string | null
  source_name: string | null
  is_hypertable: boolean
  is_cagg: boolean
  ts_rows: number | null
  ts_bytes: number | null
}

interface CompressionRow {
  compressed: number | string | null
  before: number | string | null
  after: number | string | null
}

/** Compression on or off, and the compressed chunks' sizes before and after. */
export async function readCompression(
  db: Queryable,
  features: ServerFeatures,
  relOid: number,
  enabled: boolean,
  options: QueryOptions = {},
): Promise<CompressionInfo> {
  if (!enabled) return { enabled, compressedChunks: 0, beforeBytes: null, afterBytes: null }
  const { rows } = await db.query<CompressionRow>(
    `SELECT number_compressed_chunks AS compressed,
            before_compression_total_bytes AS before,
            after_compression_total_bytes AS after
       FROM ${fn(features, 'hypertable_compression_stats')}($1::oid::regclass)`,
    [relOid],
    options,
  )
  const row = rows[0]
  const n = (v: number | string | null | undefined) => (v == null ? null : Number(v))
  return {
    enabled,
    compressedChunks: n(row?.compressed) ?? 0,
    beforeBytes: n(row?.before),
    afterBytes: n(row?.after),
  }
}

interface ChunkBoundsRow {
  first_ms: number | null
  last_ms: number | null
  first_int: string | number | null
  last_int: string | number | null
}

/**
 * The first chunk's start and the last chunk's end: where the data can be,
 * from chunk metadata alone (for a hypertable whose time column no index leads).
 */
export async function readChunkBounds(
  db: Queryable,
  table: { schema: string; name: string },
  integer: boolean,
  options: QueryOptions = {},
): Promise<{ first: TimeBound | null; last: TimeBound | null }> {
  const { rows } = await db.query<ChunkBoundsRow>(
    `SELECT extract(epoch FROM min(range_start))::float8 * 1000 AS first_ms,
            extract(epoch FROM max(range_end))::float8 * 1000 AS last_ms,
            min(range_start_integer)::text AS first_int,
            max(range_end_integer)::text AS last_int
       FROM timescaledb_information.chunks
      WHERE hypertable_schema = $1 AND hypertable_name = $2`,
    [table.schema, table.name],
    options,
  )
  const row = rows[0]
  if (integer) {
    const bound = (v: string | number | null | undefined): TimeBound | null =>
      v == null ? null : { kind: 'integer', value: String(v) }
    return { first: bound(row?.first_int), last: bound(row?.last_int) }
  }
  const bound = (v: number | null | undefined): TimeBound | null =>
    v == null ? null : { kind: 'instant', ms: Number(v) }
  return { first: bound(row?.first_ms), last: bound(row?.last_ms) }
}
