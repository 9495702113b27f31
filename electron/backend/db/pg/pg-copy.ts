import pg from 'pg'
import type { ServerParams } from '../../../../shared/domain/connection'
import { AppError } from '../../../../shared/errors'
import type { Logger } from '../../log'
import {
  type CopyIn,
  type CopyResult,
  type DriverCallOptions,
  type OwnSession,
  type OwnSessionOptions,
  type QueryOptions,
  type QueryResult,
  type Queryable,
} from '../driver'
import { cancelledError, throwIfAborted } from '../errors'
import { fromConnectError } from './connect-errors'
import { BatchedSource, copyBatches } from './pg-copy-batches'
import { ownSession } from './pg-own-session'
import { fromPgError } from './pg-errors'
import { Slots } from './slots'

/**
 * A rollback, or a COPY winding down after a cancel, takes moments on a live
 * server; waiting longer only delays dropping a session that is gone.
 */
export const SETTLE_TIMEOUT_MS = 10_000

export interface LoadSessionsOptions {
  config: pg.ClientConfig
  /** Without the password, for error messages. */
  params: Omit<ServerParams, 'password' | 'caCertPem'>
  log: Logger
  maxConcurrent: number
  /** Runs one statement on a session, cancelling it on the server if aborted. */
  run<R>(
    client: pg.ClientBase,
    sql: string,
    params: readonly unknown[],
    options: QueryOptions,
  ): Promise<QueryResult<R>>
}

/**
 * Loads on PostgreSQL. Each runs on a session of its own, outside the
 * interactive pool, so no number of loads can leave charts and lists without
 * a connection; at most `maxConcurrent` run at once, and the others wait
 * their turn and say so (CopyIn.waiting).
 */
export class LoadSessions {
  private readonly slots: Slots
  private readonly open = new Set<pg.Client>()

  constructor(private readonly options: LoadSessionsOptions) {
    this.slots = new Slots(options.maxConcurrent)
  }

  async copyIn(copy: CopyIn, options: DriverCallOptions): Promise<CopyResult> {
    return this.withSession(options.signal, copy.waiting, (session) => {
      const tx: Queryable = {
        query: <R>(sql: string, params: readonly unknown[] = [], o: QueryOptions = {}) =>
          this.options.run<R>(session, sql, params, { ...o, signal: o.signal ?? options.signal }),
      }
      return copyInSession(
        {
          client: session,
          tx,
          rollback: () => rollbackSession(session),
          drop: () => dropSession(session),
          log: this.options.log,
        },
        copy,
        options,
      )
    })
  }

  /** Maintenance (compressing chunks) in a load's place: its turn, its own session. */
  async withOwnSession<T>(
    work: (session: OwnSession) => Promise<T>,
    options: OwnSessionOptions,
  ): Promise<T> {
    const { signal } = options
    return this.withSession(signal, options.waiting, async (client) => {
      // As for a load: a cancel that gets no answer (a silent network) drops the session.
      const watchdog = afterAbort(signal, SETTLE_TIMEOUT_MS, () => dropSession(client))
      try {
        // Compressing one big chunk may rightly outlast a timeout set for interactive work.
        await this.options.run(client, 'SET statement_timeout = 0', [], signal ? { signal } : {})
        return await work(
          ownSession(client, signal, {
            run: this.options.run,
            rollback: () => rollbackSession(client),
            drop: () => dropSession(client),
          }),
        )
      } finally {
        watchdog()
      }
    })
  }

  private async withSession<T>(
    signal: AbortSignal | undefined,
    onWait: ((ahead: number) => void) | undefined,
    work: (client: pg.Client) => Promise<T>,
  ): Promise<T> {
    throwIfAborted(signal)
    const release = await this.slots.acquire({
      ...(signal ? { signal } : {}),
      ...(onWait ? { onWait } : {}),
    })
    let client: pg.Client | null = null
    try {
      client = await this.connect(signal)
      return await work(client)
    } finally {
      if (client) {
        this.open.delete(client)
        endSession(client)
      }
      release()
    }
  }

  /** Drops every load's session (the driver is closing; its jobs were cancelled first). */
  close(): void {
    for (const client of this.open) dropSession(client)
    this.open.clear()
  }

  private async connect(signal?: AbortSignal): Promise<pg.Client> {
    const client = new pg.Client(this.options.config)
    // An error between statements (the session killed, the network cut) must not be unhandled.
    client.on('error', (error) =>
      this.options.log.warn('a load’s database session closed', { reason: error.message }),
    )
    this.open.add(client)
    try {
      await client.connect()
      throwIfAborted(signal)
      return client
    } catch (error) {
      this.open.delete(client)
      dropSession(client)
      if (error instanceof AppError) throw error
      throw fromConnectError(error, this.options.params)
    }
  }
}

/** Returns false when the session could not roll back (it is gone): never reuse it. */
export async function rollbackSession(client: pg.ClientBase): Promise<boolean> {
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

/** Ends a load's session politely, and drops it if it has not gone within the settle time. */
function endSession(client: pg.Client): void {
  const timer = setTimeout(() => dropSession(client), SETTLE_TIMEOUT_MS)
  timer.unref()
  void client
    .end()
    .catch(() => {})
    .finally(() => clearTimeout(timer))
}

function dropSession(client: pg.Client): void {
  const stream = (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection
    ?.stream
  stream?.destroy()
  void client.end().catch(() => {})
}

export interface LoadSession {
  client: pg.ClientBase
  /** Statements inside the load (its `before` step): cancellable, with no read timeout. */
  tx: Queryable
  /** Returns false when the session could not roll back (it is gone). */
  rollback(): Promise<boolean>
  /** Drops the session at once (the server rolls back when it notices). */
  drop(): void
  log: Logger
}

/**
 * One load on a session of its own: BEGIN, the `before` step, the COPY
 * statements streamed with backpressure, COMMIT; any failure or cancel rolls
 * it all back.
 */
export async function copyInSession(
  session: LoadSession,
  copy: CopyIn,
  options: DriverCallOptions,
): Promise<CopyResult> {
  const { client } = session
  let watchdog = () => {}
  const source = new BatchedSource(copy.chunks)
  try {
    await client.query('BEGIN')
    // A bulk load is one long statement; a default timeout set for the role is for interactive work.
    await client.query('SET LOCAL statement_timeout = 0')
    // A cancelled COPY ends when the server answers its CopyFail; on a network
    // that has gone silent it never does. Then drop the session (the server
    // rolls back when it notices), so a cancel always finishes.
    watchdog = afterAbort(options.signal, SETTLE_TIMEOUT_MS, () => {
      session.log.warn('a cancelled load got no answer from the server; dropping its session')
      session.drop()
    })
    // Part of the load, so no read timeout either (a big DELETE may rightly take long).
    if (copy.before) await copy.before(session.tx)
    // A series of COPY statements, each the server's word on the rows it has taken.
    const rows = await copyBatches(client, copy, source, options.signal, fromPgError)
    throwIfAborted(options.signal)
    await client.query('COMMIT')
    return { rows }
  } catch (error) {
    if (!(await session.rollback())) session.drop()
    if (options.signal?.aborted) throw cancelledError()
    // The source's own failure (a bad CSV record, a bug) is not the server's: keep it as thrown.
    if (source.failed) throw source.failure
    throw fromPgError(error)
  } finally {
    watchdog()
  }
}

/** Runs `then` if `signal` aborts and the returned disposer is not called within `ms`. */
export function afterAbort(
  signal: AbortSignal | undefined,
  ms: number,
  then: () => void,
): () => void {
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
