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
  'not_found',
  'conflict',
  'invalid_input',
  'bad_data',
  'server_error',
  'connection_lost',
  'engine_busy',
  'engine_error',
  'internal',
] as const

export type ErrorCode = (typeof errorCodes)[number]

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

  toData(): AppErrorData {
    const data: AppErrorData = { name: this.name, code: this.code, message: this.message }
    if (this.detail) data.detail = this.detail
    return data
  }

  static fromData(data: AppErrorData): AppError {
    const error = new AppError(data.code, data.message, data.detail)
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
