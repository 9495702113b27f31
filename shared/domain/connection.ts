import { z } from 'zod'

export const sslModes = ['disable', 'prefer', 'require', 'verify-ca', 'verify-full'] as const
export type SslMode = (typeof sslModes)[number]

export const DEFAULT_CONNECT_TIMEOUT_SECONDS = 10

/** What a user fills in to reach their own server. The password travels only inward. */
export const ServerParamsSchema = z.strictObject({
  host: z.string().trim().min(1, 'Host is required').max(255),
  port: z.number().int().min(1).max(65535).default(5432),
  database: z.string().min(1, 'Database is required').max(63),
  user: z.string().min(1, 'User is required').max(63),
  password: z.string().max(1024).optional(),
  sslmode: z.enum(sslModes).default('prefer'),
  /** PEM text of a CA certificate the user picked; never a path taken from a pasted string. */
  caCertPem: z
    .string()
    .max(256 * 1024)
    .optional(),
  caCertName: z.string().max(255).optional(),
  connectTimeoutSeconds: z.number().int().min(1).max(300).default(DEFAULT_CONNECT_TIMEOUT_SECONDS),
})
export type ServerParams = z.output<typeof ServerParamsSchema>
export type ServerParamsInput = z.input<typeof ServerParamsSchema>

/** The embedded TimescaleDB's profile: always present, always first. */
export const EMBEDDED_PROFILE_ID = 'embedded'

const caCertFields = {
  caCertPem: ServerParamsSchema.shape.caCertPem,
  caCertName: ServerParamsSchema.shape.caCertName,
}

export const ConnectionTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('embedded') }),
  z.strictObject({ kind: z.literal('server'), params: ServerParamsSchema }),
  /**
   * A pasted URL or key=value string, parsed by the backend with the same
   * code as the form. The password field, when given, wins over one in the URL;
   * the CA certificate is the file the user picked, never a path from the string.
   */
  z.strictObject({
    kind: z.literal('url'),
    url: z.string().max(4096),
    password: ServerParamsSchema.shape.password,
    ...caCertFields,
  }),
  /** A saved profile; the password is the saved one unless given here (asked at connect time). */
  z.strictObject({
    kind: z.literal('profile'),
    profileId: z.string().min(1).max(100),
    password: ServerParamsSchema.shape.password,
  }),
])
export type ConnectionTarget = z.output<typeof ConnectionTargetSchema>
export type ConnectionTargetInput = z.input<typeof ConnectionTargetSchema>

export interface TimescaleInfo {
  /** Version of the extension installed in the current database, or null. */
  installed: string | null
  /** Version the server could install with CREATE EXTENSION, or null. */
  available: string | null
}

export interface TlsInfo {
  enabled: boolean
  protocol: string | null
  /** Whether the server certificate chain was verified against a trusted CA. */
  certificateVerified: boolean
  /** Whether the server's host name was checked against its certificate. */
  hostnameVerified: boolean
}

export interface ServerInfo {
  engine: 'embedded' | 'postgres'
  /** e.g. "17.5" */
  serverVersion: string
  serverVersionNum: number
  timescaledb: TimescaleInfo
  tls: TlsInfo | null
  database: string
  user: string
}

/** A connection as the renderer may see it: no password, ever. */
export interface TargetSummary {
  kind: 'embedded' | 'server'
  label: string
  profileId?: string
  host?: string
  port?: number
  database?: string
  user?: string
  sslmode?: SslMode
  /** Where the embedded engine keeps its data. */
  dataDir?: string
}

export type ConnectionStatus = 'disconnected' | 'connecting' | 'connected'

export interface ConnectionState {
  status: ConnectionStatus
  target: TargetSummary | null
  server: ServerInfo | null
}

export const EMBEDDED_LABEL = 'Embedded TimescaleDB'

/** "on (TLSv1.3) · certificate verified · host name verified", or "off". */
export function describeTls(tls: TlsInfo | null): string {
  if (!tls) return 'not used (the engine runs inside the app)'
  if (!tls.enabled) return 'off (not encrypted)'
  const parts = [`on (${tls.protocol ?? 'unknown protocol'})`]
  parts.push(
    tls.certificateVerified ? 'certificate verified' : 'certificate not verified (encrypted only)',
  )
  if (tls.certificateVerified) {
    parts.push(tls.hostnameVerified ? 'host name verified' : 'host name not checked')
  }
  return parts.join(' · ')
}

/** "Embedded TimescaleDB 2.23 · PostgreSQL 17.5" — the status bar's one line. */
export function describeServer(target: TargetSummary, server: ServerInfo): string {
  const pgPart = `PostgreSQL ${server.serverVersion}`
  const tsVersion = server.timescaledb.installed
  if (target.kind === 'embedded') {
    return `${EMBEDDED_LABEL} ${shortVersion(tsVersion)} · ${pgPart}`.replace('  ', ' ')
  }
  const where = `${target.label}`
  const ts = tsVersion ? `TimescaleDB ${shortVersion(tsVersion)}` : 'TimescaleDB not installed'
  return `${where} · ${ts} · ${pgPart}`
}

/** "2.23.0-dev" -> "2.23" */
export function shortVersion(version: string | null): string {
  if (!version) return ''
  const match = /^(\d+)\.(\d+)/.exec(version)
  return match ? `${match[1]}.${match[2]}` : version
}
