/**
 * Errors cross every process boundary as plain data: a stable code the UI can
 * act on, a class-like name, and a message written for the user. Never a stack
 * trace, never a secret.
 */
export const errorCodes = [
  // Contract level
  'bad_request',
  'unknown_call',
  'forbidden',
  // Session
  'not_connected',
  'cancelled',
  'timeout',
  // Connecting
  'malformed_url',
  'auth_failed',
  'unknown_user',
  'unknown_database',
  'connection_refused',
  'host_unreachable',
  'host_not_found',
  'connect_timeout',
  'tls_not_offered',
  'tls_untrusted',
  'tls_hostname',
  'tls_error',
  'secrets_unavailable',
  'password_required',
  // Working with data
  'permission_denied',
  'schema_conflict',
  'schema_missing',
  /** The server lacks what the call needs (TimescaleDB for chunks, compression, jobs). */
  'not_available',
  'not_found',
  'conflict',
  'invalid_input',
  'bad_data',
  'server_error',
  'connection_lost',
  'engine_busy',
  /** Every connection the app may use is taken by its own other work. */
  'busy',
  'engine_error',
  'internal',
] as const

export type ErrorCode = (typeof errorCodes)[number]

/**
 * The most characters of an error message that cross to the renderer; each
 * detail value gets MAX_ERROR_DETAIL_CHARS. A server's text (or a file's value
 * quoted in it) can be megabytes; the UI needs its beginning.
 */
export const MAX_ERROR_MESSAGE_CHARS = 4000
export const MAX_ERROR_DETAIL_CHARS = 1000

/** `text`, or its first `max` characters and a note that it was cut and how long it was. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text
  // Never end on half of a surrogate pair.
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max
  return `${text.slice(0, end)}… [cut: ${text.length.toLocaleString('en')} characters in all]`
}

function cutDetail(detail: AppErrorData['detail']): AppErrorData['detail'] {
  if (!detail) return detail
  const cut: NonNullable<AppErrorData['detail']> = {}
  for (const [key, value] of Object.entries(detail)) {
    cut[key] = typeof value === 'string' ? cutText(value, MAX_ERROR_DETAIL_CHARS) : value
  }
  return cut
}

export interface AppErrorData {
  name: string
  code: ErrorCode
  message: string
  /** Optional structured detail safe to show, e.g. a CSV line number. */
  detail?: Record<string, string | number | boolean | null>
}

export class AppError extends Error {
  readonly code: ErrorCode
  readonly detail: AppErrorData['detail']

  constructor(code: ErrorCode, message: string, detail?: AppErrorData['detail']) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.detail = detail
  }

  /** As it crosses a process boundary: plain data, its text cut to a few KB. */
  toData(): AppErrorData {
    const data: AppErrorData = {
      name: this.name,
      code: this.code,
      message: cutText(this.message, MAX_ERROR_MESSAGE_CHARS),
    }
    if (this.detail) data.detail = cutDetail(this.detail)
    return data
  }

  /** Rebuilt on the other side; cut again, so no host can hand the UI more. */
  static fromData(data: AppErrorData): AppError {
    const error = new AppError(
      data.code,
      cutText(data.message, MAX_ERROR_MESSAGE_CHARS),
      cutDetail(data.detail),
    )
    error.name = data.name
    return error
  }
}

export function isAppErrorData(value: unknown): value is AppErrorData {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return (
    typeof v.name === 'string' &&
    typeof v.message === 'string' &&
    typeof v.code === 'string' &&
    (errorCodes as readonly string[]).includes(v.code)
  )
}
