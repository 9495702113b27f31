/**
 * Which hypertables there are, and the one a request names, read from
 * pg_catalog and timescaledb_information. Every later statement uses the oid
 * and the quoted names found here, never the renderer's text.
 */
import type {
  CompressionApi,
  HypertableList,
  HypertableRef,
  HypertableSummary,
} from '../../../shared/domain/hypertables'
import { AppError } from '../../../shared/errors'
import { catalogRead, quoteIdent, type Queryable, type QueryOptions } from '../db/driver'

export interface TimescaleFeatures {
  version: string
  /** The extension's schema (usually public), to call its functions whatever the search path. */
  schema: string
  api: CompressionApi
}

const FEATURES_SQL = `SELECT e.extversion AS version, n.nspname::text AS schema,
       EXISTS (SELECT 1 FROM pg_proc p
                WHERE p.pronamespace = e.extnamespace AND p.proname = 'convert_to_columnstore')
         AS columnstore
  FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
 WHERE e.extname = 'timescaledb'`

export const NO_TIMESCALEDB =
  'TimescaleDB is not installed in this database, so it has no hypertables: chunks, compression, retention and background jobs are not available here. Enable TimescaleDB on the Server panel (where the server has it), or connect to a TimescaleDB server.'

/** The installed TimescaleDB and the API names it knows, or null without it. */
export async function readTimescale(
  db: Queryable,
  options: QueryOptions = {},
): Promise<TimescaleFeatures | null> {
  const { rows } = await db.query<{ version: string; schema: string; columnstore: boolean }>(
    FEATURES_SQL,
    [],
    options,
  )
  const row = rows[0]
  if (!row) return null
  return {
    version: row.version,
    schema: row.schema,
    api: row.columnstore ? 'columnstore' : 'compression',
  }
}

export async function requireTimescale(
  db: Queryable,
  options: QueryOptions = {},
): Promise<TimescaleFeatures> {
  const ts = await readTimescale(db, options)
  if (!ts) throw new AppError('not_available', NO_TIMESCALEDB)
  return ts
}

/** A TimescaleDB function or procedure, schema-qualified and quoted. */
export function tsFunction(ts: TimescaleFeatures, name: string): string {
  return `${quoteIdent(ts.schema)}.${quoteIdent(name)}`
}

export interface Hypertable {
  summary: HypertableSummary
  oid: number
  ts: TimescaleFeatures
  /** "schema"."name", quoted from the catalog's own spelling. */
  qualified: string
}

interface HypertableRow {
  oid: number | string
  schema: string
  name: string
  chunks: number | null
  compression: boolean | null
  time_column: string | null
  time_type: string | null
  chunk_interval: string | null
}

const INTEGER_TYPES = new Set(['smallint', 'integer', 'bigint'])

const HYPERTABLES_SQL = `SELECT c.oid::int8 AS oid, h.hypertable_schema::text AS schema,
       h.hypertable_name::text AS name, h.num_chunks::int AS chunks,
       h.compression_enabled AS compression,
       d.column_name::text AS time_column, d.column_type::text AS time_type,
       coalesce(d.time_interval::text, d.integer_interval::text) AS chunk_interval
  FROM timescaledb_information.hypertables h
  JOIN pg_namespace n ON n.nspname = h.hypertable_schema
  JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = h.hypertable_name
  LEFT JOIN timescaledb_information.dimensions d
         ON d.hypertable_schema = h.hypertable_schema
        AND d.hypertable_name = h.hypertable_name AND d.dimension_number = 1`

function summaryOf(row: HypertableRow): HypertableSummary {
  const timeType = row.time_type ?? ''
  return {
    schema: row.schema,
    name: row.name,
    timeColumn: row.time_column ?? '',
    timeType,
    integerTime: INTEGER_TYPES.has(timeType),
    chunkInterval: row.chunk_interval,
    chunks: Number(row.chunks ?? 0),
    compressionEnabled: row.compression === true,
  }
}

export async function listHypertables(
  db: Queryable,
  options: QueryOptions = {},
): Promise<HypertableList> {
  const ts = await readTimescale(db, options)
  if (!ts) return { timescaledb: null, api: null, hypertables: [], message: NO_TIMESCALEDB }
  const { rows } = await db.query<HypertableRow>(
    `${HYPERTABLES_SQL} ORDER BY 2, 3 LIMIT 5000`,
    [],
    catalogRead(options),
  )
  return {
    timescaledb: ts.version,
    api: ts.api,
    hypertables: rows.map(summaryOf),
    message: rows.length === 0 ? 'This database has no hypertables yet.' : null,
  }
}

const shown = (ref: HypertableRef) => `"${ref.schema.slice(0, 63)}"."${ref.name.slice(0, 63)}"`

/** Why a name is not a hypertable: no such table, or a table of another kind. */
async function notAHypertable(
  db: Queryable,
  ref: HypertableRef,
  options: QueryOptions,
): Promise<AppError> {
  const { rows } = await db.query<{ relkind: string }>(
    `SELECT c.relkind::text AS relkind FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2`,
    [ref.schema, ref.name],
    options,
  )
  if (rows.length === 0) {
    return new AppError(
      'not_found',
      `There is no table ${shown(ref)} in this database. It may have been dropped or renamed: refresh the list.`,
    )
  }
  return new AppError(
    'invalid_input',
    `${shown(ref)} is not a hypertable: chunks, compression and retention apply to hypertables only.`,
  )
}

/** The hypertable a request names, looked up in the catalog, or a clear error. */
export async function lookupHypertable(
  db: Queryable,
  ref: HypertableRef,
  options: QueryOptions = {},
): Promise<Hypertable> {
  const ts = await requireTimescale(db, options)
  const { rows } = await db.query<HypertableRow>(
    `${HYPERTABLES_SQL} WHERE h.hypertable_schema = $1 AND h.hypertable_name = $2`,
    [ref.schema, ref.name],
    catalogRead(options),
  )
  const row = rows[0]
  if (!row) throw await notAHypertable(db, ref, options)
  return {
    summary: summaryOf(row),
    oid: Number(row.oid),
    ts,
    qualified: `${quoteIdent(row.schema)}.${quoteIdent(row.name)}`,
  }
}

/** Ages ("older than 7 days") need a time column; an integer one has no calendar. */
export function requireTimeAxis(ht: Hypertable): void {
  if (ht.summary.integerTime) {
    throw new AppError(
      'invalid_input',
      `${shown(ht.summary)} is partitioned by an integer column (${ht.summary.timeColumn.slice(0, 63)}), so "older than" an age does not apply to it.`,
    )
  }
}
