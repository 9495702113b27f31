import type pg from 'pg'
import type { ServerInfo, ServerParams, TlsInfo } from '../../../../shared/domain/connection'
import { AppError } from '../../../../shared/errors'
import { silentLogger, type Logger } from '../../log'
import {
  type CopyIn,
  type CopyResult,
  type Driver,
  type DriverCallOptions,
  type OwnSession,
  type OwnSessionOptions,
  type QueryOptions,
  type QueryResult,
  type Queryable,
} from '../driver'
import { cancelledError, throwIfAborted } from '../errors'
import { readServerInfo } from '../server-info'
import { backendKeyOf, sendCancelRequest } from './cancel-request'
import { fromConnectError } from './connect-errors'
import { LoadSessions, rollbackSession } from './pg-copy'
import {
  appBusy,
  fromPgError,
  isConnectionLevel,
  isReadTimeout,
  messageOf,
  serverSilent,
} from './pg-errors'
import { Slots } from './slots'
import { matchJit } from './pg-jit'
import {
  clientConfig,
  connectClient,
  interactivePool,
  DEFAULT_POOL_WAIT_MS,
  DEFAULT_STATEMENT_TIMEOUT_MS,
  MAX_CONCURRENT_LOADS,
  POOL_SIZE,
  READ_GRACE_MS,
  tlsInfoOf,
  type PgDriverOptions,
} from './pg-config'
import { PLAIN_TLS_PLAN, planTls, type TlsPlan } from './tls'

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
        return await connectWith(options, PLAIN_TLS_PLAN)
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
  // Loads open their own sessions with the same settings, outside the pool.
  const config = clientConfig(params, plan, options.applicationName ?? 'TSDB Explorer')
  // One more than the interactive slots: room for a pg_cancel_backend when all are busy.
  const pool = interactivePool(config, POOL_SIZE + 1, statementTimeoutMs, log)
  let client: pg.PoolClient | undefined
  try {
    client = await pool.connect()
    const tls = tlsInfoOf(client, plan)
    client.release()
    client = undefined
    const { password: _password, caCertPem: _ca, ...safeParams } = params
    const readTimeoutMs = statementTimeoutMs > 0 ? statementTimeoutMs + READ_GRACE_MS : 0
    const driver = new PgDriver(pool, config, tls, log, safeParams, {
      readTimeoutMs,
      poolWaitMs: options.poolWaitMs ?? DEFAULT_POOL_WAIT_MS,
    })
    await driver.info()
    return driver
  } catch (error) {
    client?.release(true)
    await pool.end().catch(() => {})
    throw error
  }
}

type SafeParams = Omit<ServerParams, 'password' | 'caCertPem'>

interface Checkout {
  client: pg.PoolClient
  release(destroy?: boolean): void
}

export class PgDriver implements Driver {
  readonly engine = 'postgres' as const
  private closed = false
  private readonly interactive = new Slots(POOL_SIZE)
  private readonly loads: LoadSessions

  constructor(
    private readonly pool: pg.Pool,
    /** How to open a session of its own, for a load or a console tab (the pool's settings). */
    private readonly config: pg.ClientConfig,
    private readonly tls: TlsInfo,
    private readonly log: Logger,
    /** The parameters without the password or certificate, for error messages. */
    private readonly params: SafeParams,
    /** Interactive statements give up after readTimeoutMs without a reply (0: never), and wait poolWaitMs for a connection. */
    private readonly timeouts: { readTimeoutMs: number; poolWaitMs: number },
  ) {
    this.loads = new LoadSessions({
      config,
      params,
      log,
      maxConcurrent: MAX_CONCURRENT_LOADS,
      // A load's own statements (its `before` step) cancel on the server, with no read timeout.
      run: (client, sql, values, options) => this.run(client, sql, values, options, 0),
    })
  }

  /**
   * A pooled session for interactive work. Too long a wait for one says the app is busy (its own
   * other calls hold them); only opening a new connection is subject to the connect timeout.
   */
  private async checkout(signal?: AbortSignal): Promise<Checkout> {
    if (this.closed) throw new AppError('not_connected', 'This connection has been closed.')
    const releaseSlot = await this.interactive.acquire({
      ...(signal ? { signal } : {}),
      timeoutMs: this.timeouts.poolWaitMs,
      timedOut: () => appBusy(this.params, POOL_SIZE, this.timeouts.poolWaitMs),
    })
    let client: pg.PoolClient
    try {
      client = await this.pool.connect()
    } catch (error) {
      releaseSlot()
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
        releaseSlot()
      },
    }
  }

  /** One statement: cancelled on the server if aborted; no reply in `readTimeoutMs` fails (0: never). */
  private async run<R>(
    client: pg.ClientBase,
    sql: string,
    params: readonly unknown[],
    options: QueryOptions,
    readTimeoutMs = this.timeouts.readTimeoutMs,
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

  /** Stops what a session runs (a cancelled call, a console's Cancel): see sendCancelRequest. */
  async cancelBackend(client: pg.ClientBase): Promise<void> {
    const key = backendKeyOf(client)
    if (!key) return
    try {
      await sendCancelRequest(this.params, key)
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
    const { client, release } = await this.checkout(options.signal)
    let destroy = false
    try {
      await matchJit(client, options.catalogRead === true, (text) =>
        this.run(client, text, [], { signal: options.signal }),
      )
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
    const { client, release } = await this.checkout(options.signal)
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
      destroy = isConnectionLevel(error) || !(await rollbackSession(client))
      if (options.signal?.aborted) throw cancelledError()
      throw fromPgError(error)
    } finally {
      // As in query(): a cancel may still land on this session.
      release(destroy || options.signal?.aborted === true)
    }
  }

  /** On a session of its own, outside the interactive pool (see LoadSessions). */
  async copyIn(copy: CopyIn, options: DriverCallOptions = {}): Promise<CopyResult> {
    return this.ownSessions().copyIn(copy, options)
  }

  /** As a load does: a session outside the interactive pool, in a load's turn. */
  async withOwnSession<T>(work: (s: OwnSession) => Promise<T>, options: OwnSessionOptions = {}) {
    return this.ownSessions().withOwnSession(work, options)
  }

  private ownSessions(): LoadSessions {
    if (this.closed) throw new AppError('not_connected', 'This connection has been closed.')
    return this.loads
  }

  /** A session of its own outside the pool (a console tab's cursor or transaction); the caller ends it. */
  openDedicatedClient(overrides: Pick<pg.ClientConfig, 'types' | 'application_name'>) {
    if (this.closed) throw new AppError('not_connected', 'This connection has been closed.')
    return connectClient({ ...this.config, ...overrides }, this.params)
  }

  info(): Promise<ServerInfo> {
    return readServerInfo(this, 'postgres', this.tls)
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    this.loads.close()
    await this.pool.end()
  }
}
