import { AppError, cutText, type ErrorCode } from '../../../shared/errors'

/**
 * How much of each part of a server's error is kept, so that its message,
 * detail and hint all survive in the few KB the UI gets, and so that a
 * megabyte value quoted by the server never travels further than here.
 */
const SERVER_TEXT_CHARS = { message: 1500, detail: 1000, hint: 500, where: 500 }

/** The fields PostgreSQL puts in an ErrorResponse, as node-postgres and PGlite both expose them. */
export interface PgErrorFields {
  message: string
  code?: string
  detail?: string
  hint?: string
  where?: string
  severity?: string
  table?: string
  column?: string
  constraint?: string
  /** Where in the statement the error is: characters from 1, as text (as the protocol sends it). */
  position?: string
}

export function isPgError(error: unknown): error is PgErrorFields & Error {
  return (
    error instanceof Error &&
    typeof (error as { code?: unknown }).code === 'string' &&
    /^[0-9A-Z]{5}$/.test((error as unknown as { code: string }).code) &&
    // A socket's EPIPE also has five capital letters: system errors name their syscall.
    !('syscall' in error)
  )
}

/** The SQLSTATE an AppError made by fromServerError carries, if any. */
export function sqlstateOf(error: unknown): string | undefined {
  const sqlstate = error instanceof AppError ? error.detail?.sqlstate : undefined
  return typeof sqlstate === 'string' ? sqlstate : undefined
}

const byClass: Record<string, ErrorCode> = {
  '08': 'connection_lost',
  '22': 'bad_data',
  '23': 'bad_data',
  '28': 'auth_failed',
  '3D': 'unknown_database',
  '42': 'server_error',
  '53': 'server_error',
  '57': 'connection_lost',
}

/**
 * Turns an error raised by the server into one the user can act on. The
 * server's own message is kept (shown as text, never HTML) with its detail,
 * hint and COPY line where PostgreSQL gives them.
 */
export function fromServerError(error: PgErrorFields): AppError {
  const sqlstate = error.code ?? ''
  let code: ErrorCode = byClass[sqlstate.slice(0, 2)] ?? 'server_error'
  if (sqlstate === '42501') code = 'permission_denied'
  if (sqlstate === '57014') {
    code = /statement timeout/i.test(error.message) ? 'timeout' : 'cancelled'
  }
  if (sqlstate === '57P01' || sqlstate === '57P02' || sqlstate === '57P03') code = 'connection_lost'
  const parts = [cutText(error.message, SERVER_TEXT_CHARS.message)]
  if (error.detail) parts.push(cutText(error.detail, SERVER_TEXT_CHARS.detail))
  if (error.hint) parts.push(`Hint: ${cutText(error.hint, SERVER_TEXT_CHARS.hint)}`)
  if (code === 'timeout') {
    // The server's words say what happened, not what to do about it.
    parts.push(
      'The query ran longer than the statement timeout, so the server stopped it and nothing was changed. Try a shorter time range, or again when the database is less busy.',
    )
  }
  const detail: Record<string, string | number> = { sqlstate }
  const line = copyLineOf(error.where)
  if (line !== null) detail.line = line
  if (error.where) detail.where = cutText(error.where, SERVER_TEXT_CHARS.where)
  return new AppError(code, parts.join(' — '), detail)
}

/** "COPY sensor_data, line 3, column time: ..." -> 3 */
export function copyLineOf(where: string | undefined): number | null {
  if (!where) return null
  const match = /COPY [^,]+, line (\d+)/.exec(where)
  return match ? Number(match[1]) : null
}

export function cancelledError(): AppError {
  return new AppError('cancelled', 'Cancelled.')
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelledError()
}
