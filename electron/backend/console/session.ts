import {
  type ConsolePage,
  type ConsoleRunReply,
  type ConsoleRunRequest,
  type ConsoleState,
  type StatementOutcome,
  type TxState,
} from '../../../shared/domain/console'
import { Mutex } from '../mutex'
import { TypeNames } from './columns'
import { cursorFor, openCursor, runForward } from './execute'
import type { ConsoleIO } from './io'
import { consoleErrorOf, consoleFailure, planScript, type PlannedStatement } from './plan'
import {
  bufferedPage,
  cursorPage,
  cursorTotal,
  requireResult,
  type CursorResult,
  type OpenResult,
} from './results'
import { TransactionKeeper } from './transaction'

/** What a run reports about each statement, for the history. */
export type StatementRecord = { sql: string; outcome: StatementOutcome }

/**
 * One console tab's session: its statements run one at a time, its open
 * result (a cursor, or the rows of a statement that cannot use one), and
 * its transaction. Engine-agnostic: the ConsoleIO is a dedicated PostgreSQL
 * session or the embedded engine's one.
 */
export class ConsoleSession {
  private open: OpenResult | null = null
  readonly tx: TransactionKeeper
  readonly types = new TypeNames()
  private readonly mutex = new Mutex()
  private nextId = 1
  /** Work to finish after a reply went out, still holding the session (the embedded engine's WITH HOLD commit). */
  private afterReply: (() => Promise<void>) | null = null
  lastUsed = Date.now()
  busy = 0

  constructor(readonly io: ConsoleIO) {
    this.tx = new TransactionKeeper(io)
  }

  get txState(): TxState {
    return this.tx.state
  }

  get holdsWork(): boolean {
    return this.busy > 0 || this.tx.state !== 'none'
  }

  get hasResult(): boolean {
    return this.open !== null
  }

  /** Runs `work` alone on this tab and holds the engine for it. */
  serial<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    return this.alone(() => this.io.exclusive(work, signal), signal)
  }

  /**
   * Runs `work` alone on this tab; each statement takes the engine in turn,
   * so on the embedded engine the rest of the app can run between them.
   */
  alone<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    return this.mutex.run(async () => {
      this.busy++
      try {
        return await work()
      } finally {
        this.busy--
        this.lastUsed = Date.now()
      }
    }, signal)
  }

  run(
    request: ConsoleRunRequest,
    signal?: AbortSignal,
    record?: (records: StatementRecord[]) => Promise<void>,
  ): Promise<ConsoleRunReply> {
    const plan = planScript(request.sql, request.params)
    return new Promise<ConsoleRunReply>((resolve, reject) => {
      this.serial(async () => {
        await this.closeResult()
        this.tx.check(request.settings)
        await this.tx.applyTimeout(request.settings.statementTimeoutMs)
        const statements: StatementOutcome[] = []
        for (const [i, statement] of plan.entries()) {
          const last = i === plan.length - 1
          const outcome = await this.runStatement(statement, request, last, signal)
          statements.push(outcome)
          if (outcome.status !== 'ok') break
        }
        const notice = await this.tx.endScript()
        if (notice) statements.at(-1)?.notices.push(notice)
        await record?.(
          statements.map((outcome, i) => ({
            sql: (plan[i] as PlannedStatement).span.text,
            outcome,
          })),
        )
        resolve({ statements, tx: this.tx.state, engine: this.io.engine })
        const after = this.afterReply
        this.afterReply = null
        await after?.()
      }, signal).catch(reject)
    })
  }

  private async runStatement(
    statement: PlannedStatement,
    request: ConsoleRunRequest,
    last: boolean,
    signal?: AbortSignal,
  ): Promise<StatementOutcome> {
    const started = performance.now()
    const where = { start: statement.span.start, end: statement.span.end }
    const context = { io: this.io, types: this.types, newId: () => this.nextId++ }
    const cursor = cursorFor(this.io.engine, this.nextId++, last)
    let prefix = ''
    try {
      const body = statement.kind.cursorable
        ? await this.tx.around(request.settings, 'cursor', async () => {
            prefix = cursor.prefix
            const done = await openCursor(
              context,
              statement,
              cursor,
              request.pageSize,
              last,
              signal,
            )
            return { ...done.body, keptOpen: this.adopt(done.open) }
          })
        : await this.tx.around(request.settings, 'statement', async () => {
            const done = await runForward(context, statement, request.pageSize, last, signal)
            this.adopt(done.open)
            return { ...done.body, keptOpen: false }
          })
      this.tx.afterStatement()
      const { keptOpen: _kept, ...shown } = body
      return { ...where, ...shown, ...this.finish(started), status: 'ok', error: null }
    } catch (error) {
      if (this.open?.kind === 'cursor' && this.open.cursor === cursor.name) this.open = null
      await this.tx.afterFailure().catch(() => {})
      if (!this.io.alive) this.open = null
      return {
        ...where,
        command: statement.kind.command,
        columns: null,
        rows: [],
        rowCount: null,
        resultId: null,
        scrollable: false,
        truncated: false,
        ...this.finish(started),
        ...consoleErrorOf(error, statement, prefix),
      }
    }
  }

  /**
   * Keeps a statement's open result. A WITH HOLD cursor (the embedded engine)
   * keeps its rows at COMMIT, which reads them all: the first page goes out
   * first, and the next read waits for the commit.
   */
  private adopt(open: OpenResult | null): boolean {
    if (!open) return false
    this.open = open
    if (open.kind === 'cursor' && open.holdable) {
      this.afterReply = () =>
        this.tx.endOwnCursorTransaction('COMMIT').catch((error: unknown) => {
          open.failure = consoleFailure(error)
        })
    }
    return true
  }

  private finish(started: number) {
    return {
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      notices: this.io.takeNotices(),
    }
  }

  fetch(
    resultId: string,
    offset: number,
    limit: number,
    signal?: AbortSignal,
  ): Promise<ConsolePage> {
    return this.serial(async () => {
      const open = requireResult(this.open, resultId)
      if (open.kind === 'buffer') return bufferedPage(open, offset, limit)
      return this.onCursor(open, () => cursorPage(this.io, open, offset, limit, signal))
    }, signal)
  }

  total(resultId: string, signal?: AbortSignal): Promise<number> {
    return this.serial(async () => {
      const open = requireResult(this.open, resultId)
      if (open.kind === 'buffer') return open.rows.length
      return this.onCursor(open, () => cursorTotal(this.io, open, signal))
    }, signal)
  }

  /** A failed read closes the result but keeps the tab's own transaction usable. */
  private async onCursor<T>(result: CursorResult, work: () => Promise<T>): Promise<T> {
    try {
      return await this.tx.guarded(!result.holdable, work)
    } catch (error) {
      this.open = null
      if (this.io.alive && this.io.txStatus !== 'E') {
        await this.io.run(`CLOSE ${result.cursor}`).catch(() => {})
      }
      await this.tx.endOwnCursorTransaction('ROLLBACK').catch(() => {})
      throw consoleFailure(error)
    }
  }

  /** Closes the open result; a transaction opened only for it ends (committed). */
  async closeResult(): Promise<void> {
    const open = this.open
    this.open = null
    if (open?.kind === 'cursor' && this.io.alive && this.io.txStatus !== 'E') {
      await this.io.run(`CLOSE ${open.cursor}`).catch(() => {})
    }
    await this.tx.endOwnCursorTransaction('COMMIT')
  }

  closeResultById(resultId: string): Promise<void> {
    return this.serial(async () => {
      if (this.open?.id === resultId) await this.closeResult()
    })
  }

  finishTransaction(verb: 'COMMIT' | 'ROLLBACK'): Promise<ConsoleState> {
    return this.serial(async () => {
      await this.closeResult()
      await this.tx.finish(verb)
      return this.state()
    })
  }

  state(): ConsoleState {
    return { tx: this.tx.state, resultId: this.open?.id ?? null }
  }

  /**
   * Ends the session and says whether a transaction was lost. A dedicated
   * session is stopped and closed at once (the server rolls back); on the
   * embedded engine the tab's cursor is closed in turn, since the session
   * goes on serving the app.
   */
  async close(stopRunning: () => Promise<void>): Promise<{ rolledBack: boolean }> {
    const rolledBack = this.tx.state !== 'none'
    if (this.io.engine === 'embedded') {
      await this.serial(() => this.closeResult()).catch(() => {})
    } else {
      if (this.busy > 0) await stopRunning().catch(() => {})
      this.open = null
    }
    await this.io.close()
    return { rolledBack }
  }
}
