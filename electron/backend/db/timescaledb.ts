import { AppError } from '../../../shared/errors'
import { sqlstateOf } from './errors'

export const ENABLE_TIMESCALEDB_SQL = 'CREATE EXTENSION IF NOT EXISTS timescaledb'

/** SQL expressions: the installed TimescaleDB version in this database, or null. */
export const TIMESCALEDB_INSTALLED_SQL = `(SELECT extversion FROM pg_extension WHERE extname = 'timescaledb')`
/** The version the server could install, or null when its files are not there. */
export const TIMESCALEDB_AVAILABLE_SQL = `(SELECT default_version FROM pg_available_extensions WHERE name = 'timescaledb')`

/**
 * A SQL expression (TimescaleDB installed): the estimated rows of `relation`
 * (an expression giving its oid). A plain table's statistics count them; a
 * hypertable's parent holds none, so its chunks' do: each chunk's row store
 * from its statistics, a compressed chunk's columnstore from what compression
 * recorded. (TimescaleDB 2.23's approximate_row_count counts every compressed
 * chunk's rows once per chunk: 13x the truth on 13 chunks.)
 */
export function rowEstimateSql(relation: string): string {
  return `(WITH rel AS (
      SELECT c.oid, c.reltuples, c.relname::text AS name, n.nspname::text AS schema
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.oid = (${relation}))
    SELECT CASE WHEN EXISTS (
        SELECT 1 FROM timescaledb_information.hypertables h, rel
         WHERE h.hypertable_schema = rel.schema AND h.hypertable_name = rel.name) THEN (
        SELECT coalesce(sum(greatest(cl.reltuples, 0) + coalesce(s.numrows_pre_compression, 0)), 0)
          FROM rel, show_chunks(rel.oid) AS chunk
          JOIN pg_class cl ON cl.oid = chunk
          JOIN pg_namespace ns ON ns.oid = cl.relnamespace
          LEFT JOIN _timescaledb_catalog.chunk ch
                 ON ch.schema_name = ns.nspname AND ch.table_name = cl.relname
          LEFT JOIN _timescaledb_catalog.compression_chunk_size s ON s.chunk_id = ch.id)
      ELSE (SELECT greatest(reltuples, 0) FROM rel) END::float8)`
}

/**
 * TimescaleDB's loader refuses CREATE EXTENSION in a session that already
 * loaded its library (e.g. after DROP EXTENSION): it must be the first
 * command of a fresh session.
 */
export function needsFreshSession(error: unknown): boolean {
  return (
    error instanceof Error &&
    sqlstateOf(error) === '42710' &&
    /already been loaded/i.test(error.message)
  )
}

/** Why enabling failed, in words that say what to do. */
export function explainEnableError(
  error: unknown,
  who: { user: string; database: string },
): AppError {
  const message = error instanceof Error ? error.message : String(error)
  const sqlstate = sqlstateOf(error)
  if (sqlstate === '42501' || (error instanceof AppError && error.code === 'permission_denied')) {
    return new AppError(
      'permission_denied',
      `Permission denied: user "${who.user}" may not create the timescaledb extension in database "${who.database}". Ask a superuser (or the database owner, where TimescaleDB is a trusted extension) to run CREATE EXTENSION timescaledb there, or connect as one. The server said: ${message}`,
    )
  }
  if (/must be preloaded|shared_preload_libraries/i.test(message)) {
    return new AppError(
      'server_error',
      'TimescaleDB is installed on the server but not loaded: add timescaledb to shared_preload_libraries in postgresql.conf, restart the server, then try again.',
    )
  }
  if (
    sqlstate === '58P01' ||
    /is not available|could not open extension control file/i.test(message)
  ) {
    return new AppError(
      'not_found',
      'TimescaleDB is not installed on this server, so it cannot be enabled here. Install TimescaleDB on the server (or use a server that has it), then try again.',
    )
  }
  if (error instanceof AppError) {
    return new AppError(error.code, `Could not enable TimescaleDB: ${message}`, error.detail)
  }
  return new AppError('server_error', `Could not enable TimescaleDB: ${message}`)
}
