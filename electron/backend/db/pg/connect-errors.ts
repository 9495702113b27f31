import { AppError } from '../../../../shared/errors'
import type { ServerParams } from '../../../../shared/domain/connection'
import { fromServerError, isPgError } from '../errors'

const untrustedCodes = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
])

type ConnectParams = Pick<ServerParams, 'host' | 'port' | 'user' | 'database' | 'sslmode'> & {
  connectTimeoutSeconds: number
  /** False when the attempt had no password at all (so a refusal means "enter one"). */
  passwordGiven?: boolean
}

function passwordRequired(params: ConnectParams): AppError {
  return new AppError(
    'password_required',
    `The server asks for a password for user "${params.user}", and none was given. Enter the password.`,
  )
}

/**
 * One message per way a connection can fail, each saying what went wrong and
 * what to do. Built only from the parameters we know are safe to repeat
 * (never the password) and the error's code.
 */
export function fromConnectError(error: unknown, params: ConnectParams): AppError {
  if (error instanceof AppError) return error
  const where = `${params.host}:${params.port}`
  const code = (error as { code?: unknown }).code
  const message = error instanceof Error ? error.message : String(error)

  if (params.passwordGiven === false && /client password must be a/i.test(message)) {
    return passwordRequired(params)
  }
  if (isPgError(error)) {
    if (error.code === '28P01' && params.passwordGiven === false) return passwordRequired(params)
    if (error.code === '28P01') {
      return new AppError(
        'auth_failed',
        `Password authentication failed for user "${params.user}". Check the password (and that the user exists).`,
      )
    }
    if (error.code === '28000' && /role .* does not exist/i.test(error.message)) {
      return new AppError(
        'unknown_user',
        `The server has no user named "${params.user}". Check the user name.`,
      )
    }
    if (error.code === '3D000') {
      return new AppError(
        'unknown_database',
        `The server has no database named "${params.database}". Check the database name, or create it first.`,
      )
    }
    if (error.code === '28000') {
      return new AppError('auth_failed', `The server refused the connection: ${error.message}`)
    }
    return fromServerError(error)
  }

  if (code === 'ECONNREFUSED') {
    return new AppError(
      'connection_refused',
      `Connection refused by ${where}. Is the server running and listening on that port?`,
    )
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') {
    return new AppError(
      'host_not_found',
      `Host "${params.host}" could not be found. Check the host name.`,
    )
  }
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EADDRNOTAVAIL') {
    return new AppError(
      'host_unreachable',
      `Host ${params.host} is unreachable from this machine. Check the address and your network or VPN.`,
    )
  }
  if (/timeout/i.test(message) && /connect/i.test(message)) {
    return new AppError(
      'connect_timeout',
      `No answer from ${where} within ${params.connectTimeoutSeconds} s. The host accepted the connection but the server never replied: check that it is PostgreSQL on that port, or a firewall or proxy in between.`,
    )
  }
  if (/does not support SSL/i.test(message)) {
    return new AppError(
      'tls_not_offered',
      `The server at ${where} does not offer TLS, but SSL mode "${params.sslmode}" requires it. Enable ssl on the server, or choose SSL mode "prefer" or "disable".`,
    )
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return new AppError(
      'tls_hostname',
      `The server's certificate is not valid for the host name "${params.host}". Connect using a name the certificate lists, or choose SSL mode "verify-ca" to check only the certificate chain.`,
    )
  }
  if (typeof code === 'string' && untrustedCodes.has(code)) {
    const why =
      code === 'CERT_HAS_EXPIRED'
        ? 'it has expired'
        : code === 'CERT_NOT_YET_VALID'
          ? 'it is not valid yet'
          : 'it is not signed by a trusted certificate authority'
    return new AppError(
      'tls_untrusted',
      `The server's certificate was rejected: ${why}. Pick the CA certificate that signed it, or choose SSL mode "require" to encrypt without verifying.`,
    )
  }
  if (typeof code === 'string' && (code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS'))) {
    return new AppError('tls_error', `TLS negotiation with ${where} failed (${code}).`)
  }
  if (/Connection terminated|ECONNRESET|EPIPE/i.test(`${message} ${String(code)}`)) {
    return new AppError(
      'connection_lost',
      `The connection to ${where} was closed before it was ready. Check the port and the server's logs.`,
    )
  }
  return new AppError(
    'connection_refused',
    `Could not connect to ${where} (${String(code ?? 'unknown error')}).`,
  )
}
