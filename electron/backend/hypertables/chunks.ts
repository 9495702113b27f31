/**
 * A hypertable's chunks: time range, size on disk (table, indexes, TOAST),
 * estimated rows and compression, from TimescaleDB's catalog views and size
 * functions. Never a scan of the data.
 */
import { MAX_CHUNKS, type ChunkInfo } from '../../../shared/domain/hypertables'
import { catalogRead, type Queryable, type QueryOptions } from '../db/driver'
import { tsFunction, type Hypertable } from './catalog'

export interface ChunkFilter {
  /** Only chunks overlapping [from, to), epoch ms. */
  from?: number | undefined
  to?: number | undefined
  /** Only chunks entirely older than now() minus this interval (show_chunks' older_than). */
  olderThan?: string | undefined
  compressed?: boolean | undefined
  /** At most this many (the newest); MAX_CHUNKS unless said. */
  limit?: number | undefined
}

/** A chunk as the backend works on it: its oid for statements, besides what is shown. */
export interface Chunk extends ChunkInfo {
  oid: number
}

interface ChunkRow {
  oid: number | string
  schema: string
  name: string
  start_ms: number | null
  end_ms: number | null
  start_int: string | null
  end_int: string | null
  compressed: boolean
  table_bytes: number | string | null
  index_bytes: number | string | null
  toast_bytes: number | string | null
  total_bytes: number | string | null
  rows: number | null
  before_bytes: number | string | null
  after_bytes: number | string | null
  total: number | string
  cutoff_ms: number | null
}

const num = (v: number | string | null | undefined) => (v == null ? null : Number(v))

function chunkOf(row: ChunkRow): Chunk {
  return {
    oid: Number(row.oid),
    schema: row.schema,
    name: row.name,
    start: num(row.start_ms),
    end: num(row.end_ms),
    startInt: row.start_int,
    endInt: row.end_int,
    compressed: row.compressed,
    tableBytes: num(row.table_bytes) ?? 0,
    indexBytes: num(row.index_bytes) ?? 0,
    toastBytes: num(row.toast_bytes) ?? 0,
    totalBytes: num(row.total_bytes) ?? 0,
    rows: row.rows == null ? null : Math.round(Number(row.rows)),
    beforeBytes: num(row.before_bytes),
    afterBytes: num(row.after_bytes),
  }
}

/**
 * The statement behind every chunk list. Rows are estimated as the
 * row-estimate of the whole table is (db/timescaledb.ts rowEstimateSql): the
 * chunk's statistics plus the rows compression recorded for it; unknown
 * (null) when neither exists yet.
 */
function chunksSql(ht: Hypertable, filter: ChunkFilter): { sql: string; params: unknown[] } {
  const params: unknown[] = [ht.oid, ht.summary.schema, ht.summary.name]
  const add = (value: unknown) => `$${params.push(value)}`
  const showChunks = tsFunction(ht.ts, 'show_chunks')
  const cutoff =
    filter.olderThan === undefined ? null : `now() - ${add(filter.olderThan)}::interval`
  const picked =
    cutoff === null
      ? `${showChunks}($1::oid::regclass)`
      : `${showChunks}($1::oid::regclass, older_than => ${cutoff})`
  const where: string[] = []
  if (filter.from !== undefined) {
    where.push(`ch.range_end > to_timestamp(${add(filter.from)}::float8 / 1000)`)
  }
  if (filter.to !== undefined) {
    where.push(`ch.range_start < to_timestamp(${add(filter.to)}::float8 / 1000)`)
  }
  if (filter.compressed !== undefined) {
    where.push(`ch.is_compressed = ${add(filter.compressed)}::bool`)
  }
  const sql = `WITH picked AS (SELECT sc::oid AS oid FROM ${picked} AS sc),
info AS (
  SELECT cl.oid::int8 AS oid, ch.chunk_schema::text AS schema, ch.chunk_name::text AS name,
         extract(epoch FROM ch.range_start)::float8 * 1000 AS start_ms,
         extract(epoch FROM ch.range_end)::float8 * 1000 AS end_ms,
         ch.range_start_integer::text AS start_int, ch.range_end_integer::text AS end_int,
         ch.is_compressed AS compressed,
         sz.table_bytes, sz.index_bytes, sz.toast_bytes, sz.total_bytes,
         CASE WHEN cl.reltuples < 0 AND cs.numrows_pre_compression IS NULL THEN NULL
              ELSE greatest(cl.reltuples, 0) + coalesce(cs.numrows_pre_compression, 0)
         END::float8 AS rows,
         st.before_compression_total_bytes AS before_bytes,
         st.after_compression_total_bytes AS after_bytes
    FROM picked p
    JOIN pg_class cl ON cl.oid = p.oid
    JOIN pg_namespace ns ON ns.oid = cl.relnamespace
    JOIN timescaledb_information.chunks ch
      ON ch.hypertable_schema = $2 AND ch.hypertable_name = $3
     AND ch.chunk_schema = ns.nspname AND ch.chunk_name = cl.relname
    LEFT JOIN _timescaledb_catalog.chunk cc
           ON cc.schema_name = ns.nspname AND cc.table_name = cl.relname
    LEFT JOIN _timescaledb_catalog.compression_chunk_size cs ON cs.chunk_id = cc.id
    LEFT JOIN ${tsFunction(ht.ts, 'chunks_detailed_size')}($1::oid::regclass) sz
           ON sz.chunk_schema = ns.nspname AND sz.chunk_name = cl.relname
    LEFT JOIN ${tsFunction(ht.ts, 'chunk_compression_stats')}($1::oid::regclass) st
           ON st.chunk_schema = ns.nspname AND st.chunk_name = cl.relname
          AND st.compression_status = 'Compressed'
   ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''})
SELECT info.*, count(*) OVER () AS total,
       ${cutoff === null ? 'NULL::float8' : `extract(epoch FROM ${cutoff})::float8 * 1000`} AS cutoff_ms
  FROM info
 ORDER BY start_ms DESC NULLS LAST, start_int::numeric DESC NULLS LAST
 LIMIT ${Math.max(1, Math.trunc(filter.limit ?? MAX_CHUNKS))}`
  return { sql, params }
}

export interface ChunkRead {
  /** Oldest first. */
  chunks: Chunk[]
  total: number
  /** now() minus olderThan, as the server computed it (epoch ms); null without olderThan. */
  cutoff: number | null
}

export async function readChunks(
  db: Queryable,
  ht: Hypertable,
  filter: ChunkFilter = {},
  options: QueryOptions = {},
): Promise<ChunkRead> {
  const { sql, params } = chunksSql(ht, filter)
  const { rows } = await db.query<ChunkRow>(sql, params, catalogRead(options))
  return {
    chunks: rows.map(chunkOf).reverse(),
    total: Number(rows[0]?.total ?? 0),
    cutoff: num(rows[0]?.cutoff_ms),
  }
}

/** What the renderer is shown of a chunk (the oid stays in the backend). */
export function chunkInfo(chunk: Chunk): ChunkInfo {
  const { oid: _oid, ...info } = chunk
  return info
}

export function sumOf(chunks: Chunk[], pick: (chunk: Chunk) => number | null): number {
  return chunks.reduce((total, chunk) => total + (pick(chunk) ?? 0), 0)
}
