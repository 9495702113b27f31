import { TLSSocket } from 'node:tls'
import pg from 'pg'
import type { ServerParams, TlsInfo } from '../../../../shared/domain/connection'
import type { Logger } from '../../log'
import { messageOf } from './pg-errors'
import { fromConnectError } from './connect-errors'
import type { TlsPlan } from './tls'

const INT8_OID = 20

/** int8 as a number when it fits (counts, sizes); as text when it would lose digits. */
function parseInt8(text: string): number | string {
  const value = Number(text)
  return Number.isSafeInteger(value) ? value : text
}

const typeParsers = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary'
      ? parseInt8
      : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
}

/** One session's settings: the pool's, and those of each load's own session. */
export function clientConfig(
  params: ServerParams,
  plan: TlsPlan,
  applicationName: string,
): pg.ClientConfig {
  return {
    host: params.host,
    port: params.port,
    database: params.database,
    user: params.user,
    password: params.password ?? '',
    ssl: plan.ssl,
    connectionTimeoutMillis: params.connectTimeoutSeconds * 1000,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    application_name: applicationName,
    types: typeParsers,
  }
}

/** The pool interactive calls share; each of its sessions gets the statement timeout. */
export function interactivePool(
  config: pg.ClientConfig,
  max: number,
  statementTimeoutMs: number,
  log: Logger,
): pg.Pool {
  const pool = new pg.Pool({
    ...config,
    idleTimeoutMillis: 30_000,
    max,
    // Before the pool hands a new session out, so our first statement never queues
    // behind this one (pool.query sends its statement as soon as it gets the client:
    // node-postgres deprecates a second query on a busy client). @types/pg says void;
    // pg-pool awaits the promise, and a rejection fails the checkout.
    // eslint-disable-next-line @typescript-eslint/no-misused-promises
    onConnect: async (client: pg.ClientBase) => {
      await client.query(`SET statement_timeout = ${Math.max(0, Math.trunc(statementTimeoutMs))}`)
    },
  })
  // An idle client dying (server restart, pg_terminate_backend, network cut)
  // must never take the process down; the pool drops it and the next call reconnects.
  pool.on('error', (error) => {
    log.warn('idle database connection closed', { reason: messageOf(error) })
  })
  return pool
}

export function tlsInfoOf(client: pg.ClientBase, plan: TlsPlan): TlsInfo {
  const stream = (client as unknown as { connection?: { stream?: unknown } }).connection?.stream
  if (stream instanceof TLSSocket) {
    return {
      enabled: true,
      protocol: stream.getProtocol() ?? null,
      certificateVerified: plan.verifiesChain && stream.authorized,
      hostnameVerified: plan.verifiesHost && stream.authorized,
    }
  }
  return { enabled: false, protocol: null, certificateVerified: false, hostnameVerified: false }
}

/** Opens one session with these settings, failing with the message its failure calls for. */
export async function connectClient(
  config: pg.ClientConfig,
  params: Parameters<typeof fromConnectError>[1],
): Promise<pg.Client> {
  const client = new pg.Client(config)
  try {
    await client.connect()
  } catch (error) {
    await client.end().catch(() => {})
    throw fromConnectError(error, params)
  }
  return client
}
export interface PgDriverOptions {
  params: ServerParams
  /** Applied to every pooled session right after it connects. */
  statementTimeoutMs?: number
  applicationName?: string
  /** How long an interactive call waits for one of the pool's connections before saying the app is busy. */
  poolWaitMs?: number
  log?: Logger
}

/** Interactive calls (charts, lists, schema) share this many connections. */
export const POOL_SIZE = 8
/** Loads run on connections of their own, at most this many at once; the others wait their turn. */
export const MAX_CONCURRENT_LOADS = 4
export const DEFAULT_POOL_WAIT_MS = 30_000

export const DEFAULT_STATEMENT_TIMEOUT_MS = 60_000
/**
 * How much longer than the statement timeout we wait for any reply. The
 * server stops a statement itself at the timeout and says so; silence past
 * that means the network or the server is gone (TCP alone takes many
 * minutes to notice a network that drops everything).
 */
export const READ_GRACE_MS = 5_000
