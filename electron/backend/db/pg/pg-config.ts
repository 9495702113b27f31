import { TLSSocket } from 'node:tls'
import pg from 'pg'
import type { ServerParams, TlsInfo } from '../../../../shared/domain/connection'
import type { Logger } from '../../log'
import { messageOf } from './pg-errors'
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
