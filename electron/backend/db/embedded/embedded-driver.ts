import { mkdir } from 'node:fs/promises'
import { Worker } from 'node:worker_threads'
import type { ServerInfo } from '../../../../shared/domain/connection'
import { AppError } from '../../../../shared/errors'
import { silentLogger, type Logger } from '../../log'
import { CopyBatchSizer, offsetCopyLine } from '../copy-batches'
import { EMBEDDED_COPY_BATCHES, copyPieces } from './copy-pieces'
import { frameBinaryCopy } from '../copy-binary'
import {
  copyStatement,
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
import { cancelledError, fromServerError, throwIfAborted, type PgErrorFields } from '../errors'
import { readServerInfo } from '../server-info'
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock'
import type { EmbeddedStatementReply, EmbeddedStatementRunner } from './statement-reply'
import { Mutex } from '../../mutex'

export interface EmbeddedDriverOptions {
  dataDir: string
  /** The engine-worker script (source .mjs in tests, bundled .js in the app). */
  workerPath: string
  /** A ready-made initial data folder a new (empty) one starts as a copy of; initdb without. */
  templateDir?: string
  /** TimescaleDB's files trimmed for a faster start (extension-bundle.mjs); the package's without. */
  extensionDir?: string
  log?: Logger
}

/** How the engine started: which TimescaleDB bundle it unpacked, and why not the trimmed one. */
export interface EmbeddedStartInfo {
  extensionBundle: 'trimmed' | 'package'
  reason?: string
}

type Reply =
  { id: number; ok: true; result: unknown } | { id: number; ok: false; error: PgErrorFields }

interface Pending {
  resolve(value: unknown): void
  reject(error: unknown): void
}

export async function openEmbeddedDriver(options: EmbeddedDriverOptions): Promise<EmbeddedDriver> {
  await mkdir(options.dataDir, { recursive: true })
  const lock = await acquireDataDirLock(options.dataDir)
  const driver = new EmbeddedDriver(options, lock)
  try {
    await driver.start()
    return driver
  } catch (error) {
    await driver.close()
    throw error
  }
}

export class EmbeddedDriver implements Driver {
  readonly engine = 'embedded' as const
  private readonly worker: Worker
  private readonly pending = new Map<number, Pending>()
  private readonly mutex = new Mutex()
  private readonly log: Logger
  private nextId = 1
  private dead: AppError | null = null
  private closing: Promise<void> | null = null
  private started: EmbeddedStartInfo | null = null

  constructor(
    private readonly options: EmbeddedDriverOptions,
    private readonly lock: DataDirLock,
  ) {
    this.log = options.log ?? silentLogger
    // The folders go with the spawn so that the worker copies the template while it loads PGlite.
    this.worker = new Worker(options.workerPath, {
      workerData: { dataDir: options.dataDir, templateDir: options.templateDir },
    })
    this.worker.on('message', (reply: Reply) => this.settle(reply))
    this.worker.on('error', (error) => this.fail(`The embedded engine crashed: ${error.message}`))
    this.worker.on('exit', (code) => {
      if (!this.closing) this.fail(`The embedded engine stopped unexpectedly (exit code ${code}).`)
    })
  }

  get dataDir(): string {
    return this.options.dataDir
  }

  private settle(reply: Reply): void {
    const pending = this.pending.get(reply.id)
    if (!pending) return
    this.pending.delete(reply.id)
    if (reply.ok) pending.resolve(reply.result)
    else pending.reject(fromServerError(reply.error))
  }

  private fail(message: string): void {
    this.dead = new AppError('engine_error', message)
    this.log.error('embedded engine failure', { message })
    for (const pending of this.pending.values()) pending.reject(this.dead)
    this.pending.clear()
  }

  private send<T>(message: Record<string, unknown>, transfer: ArrayBuffer[] = []): Promise<T> {
    if (this.dead) return Promise.reject(this.dead)
    const id = this.nextId++
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject })
      this.worker.postMessage({ ...message, id }, transfer)
    })
  }

  /** How the engine started; null before it has. */
  get startInfo(): EmbeddedStartInfo | null {
    return this.started
  }

  async start(): Promise<void> {
    try {
      const started = await this.send<EmbeddedStartInfo | null>({
        op: 'init',
        dataDir: this.options.dataDir,
        templateDir: this.options.templateDir,
        extensionDir: this.options.extensionDir,
      })
      this.started = started ?? { extensionBundle: 'package' }
      if (this.started.reason && this.options.extensionDir) {
        this.log.warn('embedded engine started without its trimmed TimescaleDB bundle', {
          reason: this.started.reason,
        })
      }
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      throw new AppError(
        'engine_error',
        `The embedded TimescaleDB could not start with its data in ${this.options.dataDir}: ${reason}`,
      )
    }
  }

  /** One statement, straight to the engine; callers hold the mutex. */
  private async raw<R>(
    sql: string,
    params: readonly unknown[],
    options: QueryOptions,
  ): Promise<QueryResult<R>> {
    throwIfAborted(options.signal)
    const result = await this.send<QueryResult<R>>({
      op: 'query',
      sql,
      params,
      rowMode: options.rowMode ?? 'object',
    })
    // WASM cannot be interrupted mid-statement; the statement ran to the end,
    // but a caller that gave up must not receive its result.
    throwIfAborted(options.signal)
    return result
  }

  query<R = Record<string, unknown>>(
    sql: string,
    params: readonly unknown[] = [],
    options: QueryOptions = {},
  ): Promise<QueryResult<R>> {
    return this.mutex.run(() => this.raw<R>(sql, params, options), options.signal)
  }

  transaction<T>(work: (tx: Queryable) => Promise<T>, options: DriverCallOptions = {}): Promise<T> {
    return this.mutex.run(async () => {
      await this.raw('BEGIN', [], {})
      try {
        const tx: Queryable = {
          query: <R>(sql: string, params: readonly unknown[] = [], o: QueryOptions = {}) =>
            this.raw<R>(sql, params, { ...o, signal: o.signal ?? options.signal }),
        }
        const result = await work(tx)
        throwIfAborted(options.signal)
        await this.raw('COMMIT', [], {})
        return result
      } catch (error) {
        await this.raw('ROLLBACK', [], {}).catch(() => {})
        if (options.signal?.aborted) throw cancelledError()
        throw error
      }
    }, options.signal)
  }

  /** One session here: the work's statements take their turns with everyone else's. */
  withOwnSession<T>(
    work: (session: OwnSession) => Promise<T>,
    options: OwnSessionOptions = {},
  ): Promise<T> {
    throwIfAborted(options.signal)
    const bind = (o: DriverCallOptions = {}) => ({ ...o, signal: o.signal ?? options.signal })
    return work({
      query: (sql, params, o) => this.query(sql, params, bind(o)),
      transaction: (w, o) => this.transaction(w, bind(o)),
    })
  }

  copyIn(copy: CopyIn, options: DriverCallOptions = {}): Promise<CopyResult> {
    return this.mutex.run(async () => {
      await this.raw('BEGIN', [], {})
      let rows = 0
      let bytesTaken = 0
      // Server line numbers restart with each piece; report them against the whole file.
      let linesBefore = 0
      let first = true
      const sizer = new CopyBatchSizer(EMBEDDED_COPY_BATCHES)
      try {
        if (copy.before) {
          await copy.before({
            query: <R>(sql: string, params: readonly unknown[] = [], o: QueryOptions = {}) =>
              this.raw<R>(sql, params, { ...o, signal: o.signal ?? options.signal }),
          })
        }
        for await (const piece of copyPieces(copy.chunks, sizer)) {
          throwIfAborted(options.signal)
          const header = first && copy.format === 'csv' && (copy.header ?? false)
          const size = piece.bytes.byteLength
          const bytes = copy.format === 'binary' ? frameBinaryCopy(piece.bytes) : piece.bytes
          const started = performance.now()
          try {
            const result = await this.send<{ rowCount: number }>(
              { op: 'copy', sql: copyStatement(copy, "'/dev/blob'", header), bytes },
              [bytes.buffer as ArrayBuffer],
            )
            rows += result.rowCount
          } catch (error) {
            throw offsetCopyLine(error, linesBefore)
          }
          sizer.record(size, performance.now() - started)
          bytesTaken += size
          linesBefore += piece.lines
          first = false
          copy.onProgress?.({ rows, bytes: bytesTaken, complete: piece.last === true })
        }
        throwIfAborted(options.signal)
        // Nothing to load at all: still say the source is done.
        if (first) copy.onProgress?.({ rows, bytes: bytesTaken, complete: true })
        await this.raw('COMMIT', [], {})
        return { rows }
      } catch (error) {
        await this.raw('ROLLBACK', [], {}).catch(() => {})
        if (options.signal?.aborted) throw cancelledError()
        throw error
      }
    }, options.signal)
  }

  /**
   * Runs `work` with the one session to itself: nothing else reaches the
   * engine until it settles. The SQL console uses it to run statements at the
   * protocol level and to keep a script's statements together.
   */
  exclusive<T>(
    work: (run: EmbeddedStatementRunner) => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    return this.mutex.run(
      () =>
        work((sql, params, maxRows) =>
          this.send<EmbeddedStatementReply>({ op: 'console', sql, params, maxRows }),
        ),
      signal,
    )
  }

  info(): Promise<ServerInfo> {
    return readServerInfo(this, 'embedded', null)
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      try {
        if (!this.dead) await this.send({ op: 'close' })
      } catch (error) {
        this.log.warn('embedded engine did not close cleanly', {
          reason: error instanceof Error ? error.message : String(error),
        })
      } finally {
        await this.worker.terminate()
        await this.lock.release()
        this.dead ??= new AppError('not_connected', 'The embedded engine has been closed.')
      }
    })()
    return this.closing
  }
}
