/**
 * Every read of TimescaleDB's own catalog in one place: which relations are
 * hypertables and continuous aggregates (joined into the catalog's relation
 * statement), compression sizes and chunk bounds. Only the
 * timescaledb_information views and the extension's size functions, whose
 * columns used here are the same in TimescaleDB 2.23 (embedded) and 2.28.
 */
import type { CompressionInfo, TimeBound } from '../../../shared/domain/catalog'
import { catalogRead, quoteIdent, type Queryable, type QueryOptions } from '../db/driver'
import type { ServerFeatures } from './features'

/** The extension's schema, quoted, to call its functions whatever the search path. */
function fn(features: ServerFeatures, name: string): string {
  return `${quoteIdent(features.timescaleSchema ?? 'public')}.${name}`
}

/** What TimescaleDB says of one relation: a hypertable, or a continuous aggregate. */
export interface TimescaleFacts {
  kind: 'hypertable' | 'continuous_aggregate'
  dimColumn: string | null
  dimType: string | null
  chunkInterval: string | null
  dimensions: number
  chunks: number
  compression: boolean
  /** A continuous aggregate's hypertable. */
  source: { schema: string; name: string } | null
  /** approximate_row_count (of the materialization, for an aggregate). */
  rows: number | null
  /** hypertable_approximate_size: hypertable_size reads every chunk (about 100 ms each on 2.28). */
  bytes: number | null
}

export const factsKey = (schema: string, name: string) => `${schema}\u0000${name}`

interface FactsRow {
  schema: string
  name: string
  kind: 'hypertable' | 'continuous_aggregate'
  dim_column: string | null
  dim_type: string | null
  chunk_interval: string | null
  dimensions: number | null
  chunks: number | null
  compression: boolean | null
  source_schema: string | null
  source_name: string | null
  rows: number | null
  bytes: number | null
}

/**
 * Every hypertable and continuous aggregate (or the one named), keyed by
 * factsKey: one small statement over timescaledb_information, merged with the
 * catalog's relations in code rather than joined into their statement (the
 * views cost the join more than they cost alone).
 */
export async function readTimescaleFacts(
  db: Queryable,
  features: ServerFeatures,
  only: { schema: string; name: string } | null,
  options: QueryOptions = {},
): Promise<Map<string, TimescaleFacts>> {
  const facts = new Map<string, TimescaleFacts>()
  if (!features.timescaledb) return facts
  const rows = fn(features, 'approximate_row_count')
  const size = fn(features, 'hypertable_approximate_size')
  const ht = `format('%I.%I', h.hypertable_schema, h.hypertable_name)::regclass`
  const mat = `format('%I.%I', ca.materialization_hypertable_schema, ca.materialization_hypertable_name)::regclass`
  const match = (schema: string, name: string) =>
    only ? `WHERE ${schema} = $1 AND ${name} = $2` : ''
  const { rows: found } = await db.query<FactsRow>(
    `SELECT h.hypertable_schema::text AS schema, h.hypertable_name::text AS name, 'hypertable' AS kind,
       d.column_name::text AS dim_column, d.column_type::text AS dim_type,
       COALESCE(d.time_interval::text, d.integer_interval::text) AS chunk_interval,
       h.num_dimensions::int AS dimensions, h.num_chunks::int AS chunks,
       h.compression_enabled AS compression, NULL::text AS source_schema, NULL::text AS source_name,
       ${rows}(${ht})::float8 AS rows, ${size}(${ht})::float8 AS bytes
  FROM timescaledb_information.hypertables h
  LEFT JOIN timescaledb_information.dimensions d
         ON d.hypertable_schema = h.hypertable_schema AND d.hypertable_name = h.hypertable_name
        AND d.dimension_number = 1
  ${match('h.hypertable_schema', 'h.hypertable_name')}
UNION ALL
SELECT ca.view_schema::text, ca.view_name::text, 'continuous_aggregate',
       NULL, NULL, NULL, NULL, NULL, ca.compression_enabled,
       ca.hypertable_schema::text, ca.hypertable_name::text,
       ${rows}(${mat})::float8, ${size}(${mat})::float8
  FROM timescaledb_information.continuous_aggregates ca
  ${match('ca.view_schema', 'ca.view_name')}`,
    only ? [only.schema, only.name] : [],
    catalogRead(options),
  )
  for (const r of found) {
    facts.set(factsKey(r.schema, r.name), {
      kind: r.kind,
      dimColumn: r.dim_column,
      dimType: r.dim_type,
      chunkInterval: r.chunk_interval,
      dimensions: Number(r.dimensions ?? 1),
      chunks: Number(r.chunks ?? 0),
      compression: r.compression === true,
      source:
        r.source_schema && r.source_name ? { schema: r.source_schema, name: r.source_name } : null,
      rows: r.rows === null ? null : Number(r.rows),
      bytes: r.bytes === null ? null : Number(r.bytes),
    })
  }
  return facts
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
    catalogRead(options),
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
    catalogRead(options),
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
