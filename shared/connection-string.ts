/**
 * libpq connection strings (the `postgresql://` URL and the `key=value` forms),
 * read with @databases/pg-connection-string so they mean what they mean to psql,
 * and written back as a URL that never carries the password.
 *
 * Used by the renderer (the form keeps URL and fields in sync) and by the
 * backend (a pasted URL is parsed again there before anything connects).
 * Nothing here reads a file or the environment: `sslrootcert` and friends are
 * reported as notes, never opened, and PG* environment variables are ignored.
 */
import parseLibpq from '@databases/pg-connection-string'
import { DEFAULT_CONNECT_TIMEOUT_SECONDS, sslModes, type SslMode } from './domain/connection'
import { AppError } from './errors'

export const DEFAULT_PORT = 5432

/** The parts of a connection a string can carry, with libpq's defaults filled in. */
export interface ConnectionFields {
  host: string
  port: number
  database: string
  user: string
  sslmode: SslMode
  connectTimeoutSeconds: number
}

export interface ParsedConnectionString {
  fields: ConnectionFields
  /** Present only when the string carried one. */
  password?: string
  /** Settings we read but do not act on, said plainly (e.g. sslrootcert is not opened). */
  notes: string[]
}

const URL_SCHEMES = ['postgresql://', 'postgres://']

export function looksLikeUrl(text: string): boolean {
  const t = text.trimStart().toLowerCase()
  return URL_SCHEMES.some((scheme) => t.startsWith(scheme))
}

function malformed(message: string): AppError {
  return new AppError('malformed_url', message)
}

/**
 * The library follows the URI grammar more strictly than libpq in two places:
 * a bracketed IPv6 host (`[2001:db8::1]`) and unencoded `/ : @ , ?` inside
 * query values (`?host=/var/run`, `?sslrootcert=/etc/ca.pem`). libpq accepts
 * both, so percent-encode just those before handing the string over. It is
 * also laxer in places libpq refuses (`[]`, `[::1]z`) or accepts (`host:/`, an
 * empty port), so the host list is checked here as libpq's URI regress cases do.
 */
function normaliseUrl(url: string): string {
  const schemeEnd = url.indexOf('://') + 3
  const scheme = url.slice(0, schemeEnd).toLowerCase()
  const rest = url.slice(schemeEnd)
  const queryAt = rest.indexOf('?')
  const beforeQuery = queryAt === -1 ? rest : rest.slice(0, queryAt)
  const query = queryAt === -1 ? '' : rest.slice(queryAt + 1)
  const slashAt = beforeQuery.indexOf('/')
  const authority = slashAt === -1 ? beforeQuery : beforeQuery.slice(0, slashAt)
  const path = slashAt === -1 ? '' : beforeQuery.slice(slashAt)
  // The password may hold any character: only what follows the last @ is hosts.
  const at = authority.lastIndexOf('@')
  const hosts = authority
    .slice(at + 1)
    .split(',')
    .map(normaliseHost)
    .join(',')
  const encodedQuery = query.replace(/[/:@,?]/g, (c) => encodeURIComponent(c))
  return `${scheme}${authority.slice(0, at + 1)}${hosts}${path}${queryAt === -1 ? '' : `?${encodedQuery}`}`
}

/** One `host[:port]` of a URL: brackets checked and encoded, an empty port dropped (libpq's default). */
function normaliseHost(entry: string): string {
  if (!entry.startsWith('[')) return entry.endsWith(':') ? entry.slice(0, -1) : entry
  const close = entry.indexOf(']')
  if (close === -1) {
    throw malformed(
      'An IPv6 address in the URL must end with "]" (for example postgresql://[::1]:5432/db).',
    )
  }
  const address = entry.slice(1, close)
  if (!address) throw malformed('The IPv6 address between "[" and "]" is empty.')
  const port = entry.slice(close + 1)
  if (port !== '' && !port.startsWith(':')) {
    throw malformed('After an IPv6 address in brackets only ":port" may follow.')
  }
  return `${encodeURIComponent(`[${address}]`)}${port === ':' ? '' : port}`
}

/** Settings that change nothing here, and what we say about them. */
const noted: Record<string, string> = {
  sslrootcert:
    'sslrootcert names a file; the app never opens files named in a connection string. Pick the CA certificate file instead.',
  sslcert: 'Client certificates (sslcert) are not supported; the setting is ignored.',
  sslkey: 'Client certificates (sslkey) are not supported; the setting is ignored.',
  sslpassword: 'Client certificates (sslpassword) are not supported; the setting is ignored.',
  sslcrl: 'sslcrl is not supported; the setting is ignored.',
  passfile: 'passfile is ignored: enter the password instead.',
  service: 'Service files (service) are not read; the setting is ignored.',
  hostaddr: 'hostaddr is ignored: the host name is used.',
  options: 'Server options (options) are ignored.',
  target_session_attrs: 'target_session_attrs is ignored.',
  gssencmode: 'GSSAPI encryption (gssencmode) is not supported; the setting is ignored.',
  channel_binding: 'channel_binding is ignored (SCRAM is used as the server asks).',
}

/**
 * Reads a URL or key=value string. Throws AppError('malformed_url') with a
 * message that never repeats any part of the input (it may hold a password).
 */
export function parseConnectionString(text: string): ParsedConnectionString {
  const input = text.trim()
  if (!input) throw malformed('Enter a connection URL (postgresql://…) or key=value settings.')
  if (input.includes('\u0000') || (looksLikeUrl(input) && /%00/.test(input))) {
    // libpq refuses it too ("forbidden value %00"): C strings end there.
    throw malformed('The connection string contains a NUL character (%00), which is not allowed.')
  }
  let unknownSetting = false
  let config: ReturnType<typeof parseLibpq>
  const libpqText = looksLikeUrl(input) ? normaliseUrl(input) : input
  try {
    config = parseLibpq(libpqText, {
      env: {},
      invalidOptionMode: 'error',
      unrecognisedOptionMode: () => {
        unknownSetting = true
      },
    })
  } catch (error) {
    throw malformed(describeLibraryError(error, looksLikeUrl(input)))
  }
  if (unknownSetting) {
    throw malformed(
      "The connection string has a setting libpq does not know. Check the spelling of each key, and quote values that contain spaces (password='a b').",
    )
  }

  const notes: string[] = []
  const hosts = config.host.filter((h) => h !== '')
  if (hosts.length > 1 || config.port.length > 1) {
    throw malformed('The connection string lists several hosts; enter one host to connect to.')
  }
  let host = hosts[0] ?? 'localhost'
  if (host.startsWith('/') || /^[A-Za-z]:[\\/]/.test(host)) {
    throw malformed(
      'The connection string names a Unix socket folder as host; enter a host name or IP address (e.g. localhost).',
    )
  }
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1)
  const port = config.port[0] ?? DEFAULT_PORT
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw malformed('The port must be a number from 1 to 65535.')
  }

  let sslmode: SslMode = 'prefer'
  switch (config.sslmode) {
    case undefined:
      break
    case 'allow':
      sslmode = 'prefer'
      notes.push('sslmode=allow is treated as "prefer" (TLS when the server offers it).')
      break
    case 'no-verify':
      sslmode = 'require'
      notes.push('sslmode=no-verify is treated as "require" (encrypted, not verified).')
      break
    default:
      sslmode = config.sslmode
  }
  let connectTimeoutSeconds = DEFAULT_CONNECT_TIMEOUT_SECONDS
  if (config.connect_timeout !== undefined) {
    connectTimeoutSeconds = Math.min(config.connect_timeout, 300)
    if (config.connect_timeout > 300) notes.push('connect_timeout is capped at 300 seconds.')
  }
  const settings = config as unknown as Record<string, unknown>
  for (const [key, note] of Object.entries(noted)) {
    const value = settings[key]
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue
    notes.push(
      key === 'sslrootcert' && value === 'system'
        ? 'sslrootcert=system: the trusted certificate authorities built into the app are used unless you pick a CA certificate.'
        : note,
    )
  }

  const user = config.user ?? ''
  const parsed: ParsedConnectionString = {
    fields: {
      host,
      port,
      // libpq's rule: the database defaults to the user name.
      database: config.dbname ?? user,
      user,
      sslmode,
      connectTimeoutSeconds,
    },
    notes,
  }
  if (config.password !== undefined) parsed.password = config.password
  return parsed
}

function describeLibraryError(error: unknown, isUrl: boolean): string {
  const message = error instanceof Error ? error.message : ''
  if (error instanceof URIError) {
    return 'A % in the URL must start a percent-encoded character (for example %40 for @).'
  }
  // These name only a setting (never its value), so they are safe to repeat.
  const setting = /^Expected "([a-z_]+)" to be (an integer|one of .*)$/.exec(message)
  if (setting) {
    if (setting[1] === 'sslmode') return `sslmode must be one of: ${sslModes.join(', ')}.`
    if (setting[1] === 'port') return 'The port must be a number from 1 to 65535.'
    return `The setting "${setting[1]}" must be ${setting[2]}.`
  }
  if (!isUrl && /^Expected either a Connection URI/.test(message)) {
    return 'Enter a URL starting with postgresql:// or postgres://, or key=value settings such as host=localhost dbname=tsdb user=postgres.'
  }
  if (isUrl) {
    return 'The URL could not be read: a character with a special meaning (@ : / ? & =) is out of place. In the user name and password, percent-encode such characters (@ is %40, : is %3A, / is %2F).'
  }
  return "The key=value settings could not be read: write each as key=value, separated by spaces, and quote values with spaces (password='a b')."
}

/** libpq's URL for the fields, without the password. */
export function formatConnectionUrl(fields: ConnectionFields): string {
  const user = fields.user ? `${encodeURIComponent(fields.user)}@` : ''
  const host = fields.host.includes(':')
    ? `[${fields.host}]`
    : encodeURIComponent(fields.host || 'localhost')
  const database = fields.database ? `/${encodeURIComponent(fields.database)}` : ''
  const query = [`sslmode=${fields.sslmode}`]
  if (fields.connectTimeoutSeconds !== DEFAULT_CONNECT_TIMEOUT_SECONDS) {
    query.push(`connect_timeout=${fields.connectTimeoutSeconds}`)
  }
  return `postgresql://${user}${host}:${fields.port}${database}?${query.join('&')}`
}
