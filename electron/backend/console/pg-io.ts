import type { Writable } from 'node:stream'
import type pg from 'pg'
import Cursor from 'pg-cursor'
import { to as copyTo } from 'pg-copy-streams'
import type { Cell, ConsoleNotice } from '../../../shared/domain/console'
import { AppError } from '../../../shared/errors'
import { READ_GRACE_MS } from '../db/pg/pg-config'
import type { PgDriver } from '../db/pg/pg-driver'
import { drained } from '../export/sink'
import type { Logger } from '../log'
import {
  MAX_NOTICES,
  noticeOf,
  type ConsoleIO,
  type CopyOutOptions,
  type RawResult,
  type RunOptions,
  type TxStatus,
} from './io'

/** Every value as PostgreSQL's text output: what psql prints, and no precision lost. */
const asText = (value: string) => value
export const TEXT_TYPES = { getTypeParser: () => asText } as unknown as pg.CustomTypesConfig

/** Rows read from a forward-only portal per round trip. */
const PORTAL_BATCH = 1000

interface Internals {
  processID?: number
  _txStatus?: string
}

/** A console tab's own node-postgres session. */
export class PgConsoleIO implements ConsoleIO {
  readonly engine = 'postgres' as const
  private notices: ConsoleNotice[] = []
  private ended = false
  /** Give up on a statement after this long without its reply (0: never); see setReadTimeout. */
  private readTimeoutMs = 0

  static async open(driver: PgDriver, log: Logger): Promise<PgConsoleIO> {
    const client = await driver.openDedicatedClient({
      types: TEXT_TYPES,
      application_name: 'TSDB Explorer console',
    })
    return new PgConsoleIO(client, driver, log)
  }

  private constructor(
    private readonly client: pg.Client,
    private readonly driver: PgDriver,
    private readonly log: Logger,
  ) {
    client.on('notice', (n) => {
      if (this.notices.length < MAX_NOTICES) this.notices.push(noticeOf(n))
    })
    // A session killed between statements must not crash the process.
    client.on('error', (error) => {
      this.ended = true
      log.warn('console session closed', { reason: error.message })
    })
    client.on('end', () => (this.ended = true))
  }

  get alive(): boolean {
    return !this.ended
  }

  get txStatus(): TxStatus {
    const status = (this.client as unknown as Internals)._txStatus
    return status === 'T' || status === 'E' ? status : 'I'
  }

  get pid(): number | null {
    return (this.client as unknown as Internals).processID ?? null
  }

  takeNotices(): ConsoleNotice[] {
    const notices = this.notices
    this.notices = []
    return notices
  }

  exclusive<T>(work: () => Promise<T>): Promise<T> {
    return work()
  }

  /** Stops what the session runs, on the server. */
  async cancel(): Promise<void> {
    if (this.alive) await this.driver.cancelBackend(this.client)
  }

  private async whileCancellable<T>(signal: AbortSignal | undefined, work: () => Promise<T>) {
    if (signal?.aborted) throw new AppError('cancelled', 'Cancelled.')
    const onAbort = () => void this.cancel()
    signal?.addEventListener('abort', onAbort, { once: true })
    try {
      return await work()
    } finally {
      signal?.removeEventListener('abort', onAbort)
    }
  }

  /**
   * The server stops a statement itself at the tab's timeout and says so;
   * silence well past it means the network or the server is gone (TCP takes
   * many minutes to notice): then the session is dropped.
   */
  setReadTimeout(statementTimeoutMs: number): void {
    this.readTimeoutMs = statementTimeoutMs > 0 ? statementTimeoutMs + READ_GRACE_MS : 0
  }

  run(sql: string, values: readonly Cell[] = [], options: RunOptions = {}): Promise<RawResult> {
    this.throwIfEnded()
    return this.whileCancellable(options.signal, () =>
      this.watched(() =>
        options.maxRows === undefined
          ? this.runAll(sql, values)
          : this.runSome(sql, values, options.maxRows),
      ),
    )
  }

  private async watched<T>(work: () => Promise<T>): Promise<T> {
    const limit = this.readTimeoutMs
    if (limit === 0) return work()
    let silent = false
    const timer = setTimeout(() => {
      silent = true
      this.ended = true
      this.log.warn('a console statement got no answer; dropping its session', { waitedMs: limit })
      const stream = (this.client as unknown as { connection?: { stream?: { destroy(): void } } })
        .connection?.stream
      stream?.destroy()
    }, limit)
    try {
      return await work()
    } catch (error) {
      if (silent) {
        throw new AppError(
          'connection_lost',
          `The server stopped answering: nothing came back within ${limit / 1000} s. The network or the server may be down; this tab's open transaction, if any, is lost. Run the statement again.`,
        )
      }
      throw error
    } finally {
      clearTimeout(timer)
    }
  }

  private async runAll(sql: string, values: readonly Cell[]): Promise<RawResult> {
    const result = await this.client.query({ text: sql, values: [...values], rowMode: 'array' })
    return {
      fields: result.fields?.length ? result.fields.map(fieldOf) : null,
      rows: result.rows as Cell[][],
      command: tagOf(result),
      more: false,
    }
  }

  /** Through a portal, reading at most `maxRows`, so a huge RETURNING never sits in memory. */
  private async runSome(sql: string, values: readonly Cell[], maxRows: number): Promise<RawResult> {
    const cursor = this.client.query(
      new Cursor(sql, [...values], { rowMode: 'array', types: TEXT_TYPES }),
    )
    const rows: Cell[][] = []
    let more = false
    try {
      for (;;) {
        const batch = (await cursor.read(
          Math.min(PORTAL_BATCH, maxRows + 1 - rows.length),
        )) as Cell[][]
        rows.push(...batch)
        if (batch.length === 0) break
        if (rows.length > maxRows) {
          rows.length = maxRows
          more = true
          break
        }
      }
    } finally {
      await cursor.close().catch(() => {})
    }
    const result = (cursor as unknown as { _result: pg.QueryResult })._result
    return {
      fields: result.fields?.length ? result.fields.map(fieldOf) : null,
      rows,
      command: more ? `SELECT ${rows.length}` : tagOf(result),
      more,
    }
  }

  /**
   * Streams COPY's output into `sink` with backpressure. If the sink fails or
   * the caller aborts, the server is told to stop and the rest of the stream
   * is read and dropped, so the session stays usable (its transaction too).
   */
  async copyOut(sql: string, sink: Writable, options: CopyOutOptions = {}): Promise<number> {
    this.throwIfEnded()
    const { signal, onChunk } = options
    const stream = this.client.query(copyTo(sql))
    let stopped: Error | null = null
    const stop = (reason: Error) => {
      if (stopped) return
      stopped = reason
      void this.cancel()
    }
    const onAbort = () => stop(new AppError('cancelled', 'Cancelled.'))
    const onSinkError = (error: Error) => stop(error)
    const onSinkClose = () => stop(new AppError('cancelled', 'The download was stopped.'))
    signal?.addEventListener('abort', onAbort, { once: true })
    if (signal?.aborted) onAbort()
    sink.on('error', onSinkError)
    sink.on('close', onSinkClose)
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        if (stopped || sink.destroyed) continue
        onChunk?.(chunk)
        if (!sink.write(chunk)) await drained(sink)
      }
    } catch (error) {
      throw stopped ?? error
    } finally {
      signal?.removeEventListener('abort', onAbort)
      sink.off('error', onSinkError)
      sink.off('close', onSinkClose)
    }
    if (stopped) throw stopped
    return stream.rowCount
  }

  private throwIfEnded(): void {
    if (this.ended) {
      throw new AppError(
        'connection_lost',
        'The console session was closed; run the statement again.',
      )
    }
  }

  async close(): Promise<void> {
    if (this.ended) return
    this.ended = true
    await this.client.end().catch((error: unknown) =>
      this.log.warn('closing a console session failed', {
        reason: error instanceof Error ? error.message : String(error),
      }),
    )
  }
}

function fieldOf(f: pg.FieldDef) {
  return { name: f.name, dataTypeID: f.dataTypeID }
}

function tagOf(result: Pick<pg.QueryResult, 'command' | 'rowCount'>): string {
  const command = result.command ?? ''
  return result.rowCount === null || result.rowCount === undefined
    ? command
    : `${command} ${result.rowCount}`
}
