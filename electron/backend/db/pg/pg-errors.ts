import { AppError } from '../../../../shared/errors'
import { fromServerError, isPgError } from '../errors'

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** Errors that mean the session itself is gone, so the client must not return to the pool. */
export function isConnectionLevel(error: unknown): boolean {
  if (error instanceof AppError) return error.code === 'connection_lost'
  if (isPgError(error)) {
    // A FATAL error ends the session even when its SQLSTATE is not a connection
    // class: TimescaleDB's "must be preloaded" is XX000 FATAL.
    const fatal = error.severity === 'FATAL' || error.severity === 'PANIC'
    return fatal || error.code?.startsWith('08') === true || error.code === '57P01'
  }
  const code = (error as { code?: unknown }).code
  return (
    /Connection terminated|Client has encountered a connection error|not queryable/i.test(
      messageOf(error),
    ) ||
    code === 'ECONNRESET' ||
    code === 'EPIPE'
  )
}

export function lostConnection(): AppError {
  return new AppError(
    'connection_lost',
    'The connection to the server was lost (the server closed it or the network dropped). Nothing was committed; try again.',
  )
}

export function isReadTimeout(error: unknown): boolean {
  return error instanceof Error && error.message === 'Query read timeout'
}

export function serverSilent(waitedMs: number): AppError {
  return new AppError(
    'connection_lost',
    `The server stopped answering: nothing came back within ${waitedMs / 1000} s. The network or the server may be down. Nothing was committed; try again.`,
  )
}

export function fromPgError(error: unknown): AppError {
  if (error instanceof AppError) return error
  if (isPgError(error) && !error.code?.startsWith('08')) return fromServerError(error)
  if (isConnectionLevel(error)) return lostConnection()
  return new AppError('server_error', messageOf(error))
}

/**
 * Every interactive connection is taken by the app's own other calls: a wait
 * for the app, not for the server, so it must not read as a network problem.
 */
export function appBusy(
  server: { host: string; port: number },
  poolSize: number,
  waitedMs: number,
): AppError {
  return new AppError(
    'busy',
    `The app is busy: all ${poolSize} of its connections to ${server.host}:${server.port} are in use by other calls (charts, lists, schema), and none came free within ${waitedMs / 1000} s. Nothing was run; try again in a moment.`,
  )
}
