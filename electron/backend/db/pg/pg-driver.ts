import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { setImmediate } from 'node:timers/promises'
import { TLSSocket } from 'node:tls'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import type { ServerInfo, ServerParams, TlsInfo } from '../../../../shared/domain/connection'
import { AppError } from '../../../../shared/errors'
import { silentLogger, type Logger } from '../../log'
import { BINARY_COPY_HEADER, BINARY_COPY_TRAILER } from '../copy-binary'
import {
  copyStatement,
  type CopyChunk,
  type CopyIn,
  type CopyResult,
  type Driver,
  type DriverCallOptions,
  type QueryOptions,
  type QueryResult,
  type Queryable,
} from '../driver'
import { cancelledError, fromServerError, isPgError, throwIfAborted } from '../errors'
import { readServerInfo } from '../server-info'
import { fromConnectError } from './connect-errors'
import { planTls, type TlsPlan } from './tls'

export interface PgDriverOptions {
  params: ServerParams
  /** Applied to every pooled session right after it connects. */
  statementTimeoutMs?: number
  applicationName?: string
  log?: Logger
}

export const DEFAULT_STATEMENT_TIMEOUT_MS = 60_000
/**
 * How much longer than the statement timeout we wait for any reply. The
 * server stops a statement itself at the timeout and says so; silence past
 * that means the network or the server is gone (TCP alone takes many
 * minutes to notice a network that drops everything).
 */
export const READ_GRACE_MS = 5_000
/**
 * A rollback, or a COPY winding down after a cancel, takes moments on a live
 * server; waiting longer only delays dropping a session that is gone.
 */
const SETTLE_TIMEOUT_MS = 10_000

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

/** Opens a pool to a user's server, honouring sslmode as libpq defines it. */
export async function openPgDriver(options: PgDriverOptions): Promise<PgDriver> {
  const plan = planTls(options.params)
  const { password, caCertPem: _ca, ...safe } = options.params
  // What error messages may be built from: never the password itself.
  const described = { ...safe, passwordGiven: !!password }
  try {
    return await connectWith(options, plan)
  } catch (error) {
    if (plan.fallbackToPlain && /does not support SSL/i.test(messageOf(error))) {
      try {
        return await connectWith(options, {
          ssl: false,
          fallbackToPlain: false,
          verifiesChain: false,
          verifiesHost: false,
        })
      } catch (plainError) {
        throw fromConnectError(plainError, described)
      }
    }
    throw fromConnectError(error, described)
  }
}

async function connectWith(options: PgDriverOptions, plan: TlsPlan): Promise<PgDriver> {
  const { params } = options
  const log = options.log ?? silentLogger
  const statementTimeoutMs = options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS
  const pool = new pg.Pool({
    host: params.host,
    port: params.port,
    database: params.database,
    user: params.user,
    password: params.password ?? '',
    ssl: plan.ssl,
    connectionTimeoutMillis: params.connectTimeoutSeconds * 1000,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    idleTimeoutMillis: 30_000,
    max: 8,
    application_name: options.applicationName ?? 'TSDB Explorer',
    types: typeParsers,
  })
  // An idle client dying (server restart, pg_terminate_backend, network cut)
  // must never take the process down; the pool drops it and the next call reconnects.
  pool.on('error', (error) => {
    log.warn('idle database connection closed', { reason: messageOf(error) })
  })
  pool.on('connect', (client) => {
    client
      .query(`SET statement_timeout = ${Math.max(0, Math.trunc(statementTimeoutMs))}`)
      .catch((error: unknown) =>
        log.warn('could not set statement_timeout', { reason: messageOf(error) }),
      )
  })
  let client: pg.PoolClient | undefined
  try {
    client = await pool.connect()
    const tls = tlsInfoOf(client, plan)
    client.release()
    client = undefined
    const { password: _password, caCertPem: _ca, ...safeParams } = params
    const readTimeoutMs = statementTimeoutMs > 0 ? statementTimeoutMs + READ_GRACE_MS : 0
    const driver = new PgDriver(pool, tls, log, safeParams, readTimeoutMs)
    await driver.info()
    return driver
  } catch (error) {
    client?.release(true)
    await pool.end().catch(() => {})
    throw error
  }
}

function tlsInfoOf(client: pg.PoolClient, plan: TlsPlan): TlsInfo {
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

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** Errors that mean the session itself is gone, so the client must not return to the pool. */
function isConnectionLevel(error: unknown): boolean {
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

function lostConnection(): AppError {
  return new AppError(
    'connection_lost',
    'The connection to the server was lost (the server closed it or the network dropped). Nothing was committed; try again.',
  )
}

/** Runs `then` if `signal` aborts and the returned disposer is not called within `ms`. */
function afterAbort(signal: AbortSignal | undefined, ms: number, then: () => void): () => void {
  if (!signal) return () => {}
  let timer: NodeJS.Timeout | undefined
  const onAbort = () => (timer = setTimeout(then, ms))
  if (signal.aborted) onAbort()
  else signal.addEventListener('abort', onAbort, { once: true })
  return () => {
    signal.removeEventListener('abort', onAbort)
    clearTimeout(timer)
  }
}

function isReadTimeout(error: unknown): boolean {
  return error instanceof Error && error.message === 'Query read timeout'
}

function serverSilent(waitedMs: number): AppError {
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

interface Checkout {
  client: pg.PoolClient
  release(destroy?: boolean): void
}

export class PgDriver implements Driver {
  readonly engine = 'postgres' as const
  private closed = false

  constructor(
    private readonly pool: pg.Pool,
    private readonly tls: TlsInfo,
    private readonly log: Logger,
    /** The parameters without the password or certificate, for error messages. */
    private readonly params: Omit<ServerParams, 'password' | 'caCertPem'>,
    /** Interactive statements give up after this long without a reply (0: never). */
    private readonly readTimeoutMs = 0,
  ) {}

  private async checkout(): Promise<Checkout> {
    if (this.closed) throw new AppError('not_connected', 'This connection has been closed.')
    let client: pg.PoolClient
    try {
      client = await this.pool.connect()
    } catch (error) {
      throw fromConnectError(error, this.params)
    }
    // While checked out the pool's idle listener is detached; a session killed
    // between our statements would otherwise be an unhandled 'error' event.
    let dead = false
    const onError = (error: Error) => {
      dead = true
      this.log.warn('database session closed while in use', { reason: error.message })
    }
    client.on('error', onError)
    return {
      client,
      release: (destroy = false) => {
        client.off('error', onError)
        client.release(destroy || dead ? true : undefined)
      },
    }
  }

  /**
   * Runs one statement on a checked-out client, cancelling it on the server if
   * aborted, and giving up after `readTimeoutMs` without a reply (0: never).
   */
  private async run<R>(
    client: pg.PoolClient,
    sql: string,
    params: readonly unknown[],
    options: QueryOptions,
    readTimeoutMs = this.readTimeoutMs,
  ): Promise<QueryResult<R>> {
    const { signal } = options
    throwIfAborted(signal)
    const onAbort = () => void this.cancelBackend(client)
    signal?.addEventListener('abort', onAbort, { once: true })
    try {
      const result = await client.query({
        text: sql,
        values: params as unknown[],
        ...(options.rowMode === 'array' ? { rowMode: 'array' as const } : {}),
        ...(readTimeoutMs > 0 ? { query_timeout: readTimeoutMs } : {}),
      })
      return {
        rows: result.rows as R[],
        fields: (result.fields ?? []).map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })),
        rowCount: result.rowCount ?? result.rows.length,
      }
    } catch (error) {
      if (signal?.aborted) throw cancelledError()
      if (isReadTimeout(error)) throw serverSilent(readTimeoutMs)
      throw error
    } finally {
      signal?.removeEventListener('abort', onAbort)
    }
  }

  /** Asks the server to stop the statement, so a superseded query does not keep running. */
  private async cancelBackend(client: pg.PoolClient): Promise<void> {
    const pid = (client as unknown as { processID?: number }).processID
    if (!pid) return
    try {
      await this.pool.query('SELECT pg_cancel_backend($1)', [pid])
    } catch (error) {
      this.log.warn('could not cancel a running statement', { reason: messageOf(error) })
    }
  }

  async query<R = Record<string, unknown>>(
    sql: string,
    params: readonly unknown[] = [],
    options: QueryOptions = {},
  ): Promise<QueryResult<R>> {
    throwIfAborted(options.signal)
    const { client, release } = await this.checkout()
    let destroy = false
    try {
      return await this.run<R>(client, sql, params, options)
    } catch (error) {
      destroy = isConnectionLevel(error)
      throw fromPgError(error)
    } finally {
      // A cancel sent for this session may land after the statement ended, on
      // whatever the pool runs there next: never reuse a session we cancelled.
      release(destroy || options.signal?.aborted === true)
    }
  }

  async transaction<T>(
    work: (tx: Queryable) => Promise<T>,
    options: DriverCallOptions = {},
  ): Promise<T> {
    throwIfAborted(options.signal)
    const { client, release } = await this.checkout()
    let destroy = false
    try {
      await this.run(client, 'BEGIN', [], {})
      const tx: Queryable = {
        query: <R>(sql: string, params: readonly unknown[] = [], o: QueryOptions = {}) =>
          this.run<R>(client, sql, params, { ...o, signal: o.signal ?? options.signal }),
      }
      const result = await work(tx)
      throwIfAborted(options.signal)
      await this.run(client, 'COMMIT', [], {})
      return result
    } catch (error) {
      destroy = isConnectionLevel(error) || !(await this.rollback(client))
      if (options.signal?.aborted) throw cancelledError()
      throw fromPgError(error)
    } finally {
      release(destroy)
    }
  }

  /** Returns false when the session could not roll back (it is gone): never reuse it. */
  private async rollback(client: pg.PoolClient): Promise<boolean> {
    try {
      const rollback: pg.QueryConfig & { query_timeout: number } = {
        text: 'ROLLBACK',
        query_timeout: SETTLE_TIMEOUT_MS,
      }
      await client.query(rollback)
      return true
    } catch {
      return false
    }
  }

  async copyIn(copy: CopyIn, options: DriverCallOptions = {}): Promise<CopyResult> {
    throwIfAborted(options.signal)
    let watchdog = () => {}
    const { client, release } = await this.checkout()
    let destroy = false
    const sourceFailure: { error?: unknown } = {}
    try {
      await client.query('BEGIN')
      // A bulk load is one long statement; the session's default timeout is for interactive work.
      await client.query('SET LOCAL statement_timeout = 0')
      // A cancelled COPY ends when the server answers its CopyFail; on a network
      // that has gone silent it never does. Then drop the session (the server
      // rolls back when it notices), so a cancel always finishes.
      watchdog = afterAbort(options.signal, SETTLE_TIMEOUT_MS, () => {
        this.log.warn('a cancelled load got no answer from the server; dropping its session')
        void client.end().catch(() => {})
      })
      if (copy.before) {
        // Part of the load, so no read timeout either (a big DELETE may rightly take long).
        await copy.before({
          query: <R>(sql: string, params: readonly unknown[] = [], o: QueryOptions = {}) =>
            this.run<R>(client, sql, params, { ...o, signal: o.signal ?? options.signal }, 0),
        })
      }
      const stream = client.query(copyFrom(copyStatement(copy, 'STDIN', copy.header ?? false)))
      const source = Readable.from(framed(copy, sourceFailure), {
        objectMode: true,
        highWaterMark: 2,
      })
      await pipeline(source, stream, options.signal ? { signal: options.signal } : {})
      throwIfAborted(options.signal)
      await client.query('COMMIT')
      return { rows: stream.rowCount }
    } catch (error) {
      destroy = isConnectionLevel(error) || !(await this.rollback(client))
      if (options.signal?.aborted) throw cancelledError()
      // The source's own failure (a bad CSV record, a bug) is not the server's: keep it as thrown.
      if ('error' in sourceFailure) throw sourceFailure.error
      throw fromPgError(error)
    } finally {
      watchdog()
      release(destroy)
    }
  }

  info(): Promise<ServerInfo> {
    return readServerInfo(this, 'postgres', this.tls)
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await this.pool.end()
  }
}

/**
 * The byte stream COPY receives: binary framing around the tuples, or the CSV
 * as given. While the kernel takes socket writes at once, Node reports them
 * done on the next tick, so a source that never waits (the generator) would
 * run the whole load without letting the event loop turn: yield to it between
 * chunks.
 */
async function* framed(copy: CopyIn, failure: { error?: unknown }): AsyncGenerator<Uint8Array> {
  if (copy.format === 'binary') yield BINARY_COPY_HEADER
  const chunks = copy.chunks[Symbol.asyncIterator]()
  for (;;) {
    let next: IteratorResult<CopyChunk>
    try {
      next = await chunks.next()
    } catch (error) {
      failure.error = error
      throw error
    }
    if (next.done) break
    if (next.value.bytes.byteLength > 0) yield next.value.bytes
    await setImmediate()
  }
  if (copy.format === 'binary') yield BINARY_COPY_TRAILER
}
