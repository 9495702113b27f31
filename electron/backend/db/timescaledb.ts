import { AppError } from '../../../shared/errors'
import { sqlstateOf } from './errors'

export const ENABLE_TIMESCALEDB_SQL = 'CREATE EXTENSION IF NOT EXISTS timescaledb'

/** SQL expressions: the installed TimescaleDB version in this database, or null. */
export const TIMESCALEDB_INSTALLED_SQL = `(SELECT extversion FROM pg_extension WHERE extname = 'timescaledb')`
/** The version the server could install, or null when its files are not there. */
export const TIMESCALEDB_AVAILABLE_SQL = `(SELECT default_version FROM pg_available_extensions WHERE name = 'timescaledb')`

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
