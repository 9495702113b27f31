/** The connection form's draft as plain data and pure functions (no store, no backend). */
import {
  formatConnectionUrl,
  parseConnectionString,
  type ConnectionFields,
} from '../../../shared/connection-string'
import {
  DEFAULT_CONNECT_TIMEOUT_SECONDS,
  describeTls,
  type ConnectionTargetInput,
  type ServerInfo,
  type ServerParamsInput,
  type SslMode,
} from '../../../shared/domain/connection'
import type { Profile } from '../../../shared/domain/profiles'
import { AppError } from '../../../shared/errors'

/**
 * What the connection form shows, minus its secrets: the password, and the
 * URL as typed (it may carry one), never enter the store. The form keeps
 * them in its inputs and hands them to the action that submits (FormSecrets),
 * which sends them and keeps nothing.
 */
export interface ConnectionDraft {
  /** The saved server profile the form was filled from, if any. */
  profileId: string | null
  profileName: string
  host: string
  /** As typed, so an empty or half-typed port stays editable. */
  port: string
  database: string
  user: string
  sslmode: SslMode
  connectTimeoutSeconds: number
  caCertPem?: string
  caCertName?: string
  /** Changed since it was loaded from the profile (then Connect uses the fields, not the profile). */
  dirty: boolean
  passwordSaved: boolean
}

/** What the form says under its buttons. */
export interface FormMessage {
  kind: 'error' | 'info' | 'success'
  text: string
  /** Set when the user should type the password now. */
  askPassword?: boolean
}

/** The URL field as the store knows it: the URL the fields make, and what parsing a typed one found. */
export interface DraftUrl {
  /** The fields as a URL (shown while the fields were edited last). */
  text: string
  /** A URL was typed after the fields: Connect sends it as typed (the backend parses it again). */
  editedLast: boolean
  problem: string | null
  /** Settings read but not acted on, said plainly. */
  notes: string[]
}

/** What the form's inputs hold and the store never does. */
export interface FormSecrets {
  password?: string
  /** The URL as typed, when it was edited last. */
  typedUrl?: string
}

export const emptyDraft: ConnectionDraft = {
  profileId: null,
  profileName: '',
  host: 'localhost',
  port: '5432',
  database: 'postgres',
  user: 'postgres',
  sslmode: 'prefer',
  connectTimeoutSeconds: DEFAULT_CONNECT_TIMEOUT_SECONDS,
  dirty: false,
  passwordSaved: false,
}

export function draftFields(draft: ConnectionDraft): ConnectionFields {
  const port = Number(draft.port)
  return {
    host: draft.host,
    port: Number.isInteger(port) && port > 0 ? port : 5432,
    database: draft.database,
    user: draft.user,
    sslmode: draft.sslmode,
    connectTimeoutSeconds: draft.connectTimeoutSeconds,
  }
}

/** The URL field as the fields make it (after the fields were edited, or a profile picked). */
export const urlOf = (draft: ConnectionDraft): DraftUrl => ({
  text: formatConnectionUrl(draftFields(draft)),
  editedLast: false,
  problem: null,
  notes: [],
})

export function draftFromProfile(profile: Profile): ConnectionDraft {
  const p = profile.params!
  const draft: ConnectionDraft = {
    profileId: profile.id,
    profileName: profile.name,
    host: p.host,
    port: String(p.port),
    database: p.database,
    user: p.user,
    sslmode: p.sslmode,
    connectTimeoutSeconds: p.connectTimeoutSeconds,
    dirty: false,
    passwordSaved: profile.passwordSaved,
  }
  if (p.caCertPem) draft.caCertPem = p.caCertPem
  if (p.caCertName) draft.caCertName = p.caCertName
  return draft
}

export type ParsedUrl =
  | { ok: true; fields: Partial<ConnectionDraft>; password?: string; notes: string[] }
  | { ok: false; problem: string }

/** What a typed URL or key=value string means for the fields. */
export function parseDraftUrl(text: string): ParsedUrl {
  try {
    const parsed = parseConnectionString(text)
    const f = parsed.fields
    return {
      ok: true,
      fields: {
        host: f.host,
        port: String(f.port),
        database: f.database,
        user: f.user,
        sslmode: f.sslmode,
        connectTimeoutSeconds: f.connectTimeoutSeconds,
      },
      notes: parsed.notes,
      ...(parsed.password !== undefined ? { password: parsed.password } : {}),
    }
  } catch (error) {
    return { ok: false, problem: error instanceof Error ? error.message : String(error) }
  }
}

export function labelOf(draft: ConnectionDraft): string {
  return `${draft.user}@${draft.host}:${draft.port}/${draft.database}`
}

/** The fields as request params, or what is missing. */
export function serverParams(draft: ConnectionDraft): ServerParamsInput | string {
  const missing = (
    [
      ['Host', draft.host],
      ['Database', draft.database],
      ['User', draft.user],
    ] as const
  )
    .filter(([, value]) => !value.trim())
    .map(([name]) => name)
  if (missing.length > 0) {
    return `Fill in ${missing.join(', ')} (or paste a connection URL).`
  }
  const port = Number(draft.port)
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    return 'The port must be a number from 1 to 65535.'
  }
  return {
    host: draft.host.trim(),
    port,
    database: draft.database,
    user: draft.user,
    sslmode: draft.sslmode,
    connectTimeoutSeconds: draft.connectTimeoutSeconds,
  }
}

/** The CA certificate, as request params take it. */
export function caOf(draft: ConnectionDraft): { caCertPem?: string; caCertName?: string } {
  if (!draft.caCertPem) return {}
  return {
    caCertPem: draft.caCertPem,
    ...(draft.caCertName ? { caCertName: draft.caCertName } : {}),
  }
}

/** What to connect to, as the backend will resolve it; a string says what is incomplete. */
export function draftTarget(
  draft: ConnectionDraft,
  url: DraftUrl,
  { password, typedUrl }: FormSecrets,
): { target: ConnectionTargetInput; label: string } | string {
  const withPassword = password ? { password } : {}
  if (draft.profileId && !draft.dirty) {
    return {
      target: { kind: 'profile', profileId: draft.profileId, ...withPassword },
      label: draft.profileName,
    }
  }
  if (url.editedLast && typedUrl?.trim()) {
    // The backend parses the URL again; a malformed one comes back as a clear error.
    return {
      target: { kind: 'url', url: typedUrl.trim(), ...withPassword, ...caOf(draft) },
      label: labelOf(draft),
    }
  }
  const params = serverParams(draft)
  if (typeof params === 'string') return params
  return {
    target: { kind: 'server', params: { ...params, ...withPassword, ...caOf(draft) } },
    label: labelOf(draft),
  }
}

const MAX_CA_BYTES = 256 * 1024

/** A picked CA certificate file's text, or why it is not one. */
export async function readCaCert(file: File): Promise<{ pem: string } | { problem: string }> {
  if (file.size > MAX_CA_BYTES)
    return { problem: `${file.name} is too large for a CA certificate.` }
  const pem = await file.text()
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    return {
      problem: `${file.name} is not a PEM certificate (it has no "-----BEGIN CERTIFICATE-----").`,
    }
  }
  return { pem }
}

/** "Connection works: PostgreSQL 17.5 · TimescaleDB not installed · TLS on (TLSv1.3) · …" */
export function describeTest(info: ServerInfo): string {
  const ts = info.timescaledb
  const timescale = ts.installed
    ? `TimescaleDB ${ts.installed}`
    : `TimescaleDB not installed${ts.available ? ` (${ts.available} available)` : ''}`
  return `Connection works: PostgreSQL ${info.serverVersion} · ${timescale} · TLS ${describeTls(info.tls)}`
}

/** The server wants a (right) password: the form asks for it. */
export const needsPassword = (error: unknown) =>
  error instanceof AppError && (error.code === 'password_required' || error.code === 'auth_failed')
