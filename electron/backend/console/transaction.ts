import type { ConsoleNotice, ConsoleSettings, TxState } from '../../../shared/domain/console'
import { AppError } from '../../../shared/errors'
import type { ConsoleIO } from './io'

/**
 * Who opened the session's transaction: `auto` — the console, for one
 * statement in auto-commit mode (BEGIN READ ONLY, or a cursor's); `manual` —
 * the console, because Auto-commit is off; `statement` — the user's own BEGIN.
 */
type Origin = 'auto' | 'manual' | 'statement' | null

const SAVEPOINT = 'tsdb_console_read'

export const EMBEDDED_NO_MANUAL =
  'The embedded engine has one session, shared with the rest of the app, so it cannot keep a transaction open between runs: keep Auto-commit on. To run several statements in one transaction, put BEGIN … COMMIT in one script and use Run all.'

/** The transaction rules of a console tab, for either engine. */
export class TransactionKeeper {
  private origin: Origin = null
  /** Whether the open transaction (manual or the user's) is read-only. */
  private readOnly: boolean | null = null
  private appliedTimeoutMs: number | null = null
  /** The timeout was SET inside a transaction, which a rollback undoes. */
  private timeoutInTransaction = false

  constructor(private readonly io: ConsoleIO) {}

  /** What the user sees: a transaction opened for one statement or cursor is not theirs. */
  get state(): TxState {
    if (this.io.txStatus === 'I' || this.origin === 'auto' || !this.io.alive) return 'none'
    return this.io.txStatus === 'E' ? 'failed' : 'open'
  }

  /** Refuses settings that do not fit the open transaction, before anything runs. */
  check(settings: ConsoleSettings): void {
    if (this.io.engine === 'embedded' && !settings.autoCommit) {
      throw new AppError('invalid_input', EMBEDDED_NO_MANUAL)
    }
    if (this.state === 'none') return
    if (settings.readOnly && this.readOnly !== true) {
      throw new AppError(
        'invalid_input',
        'A read-write transaction is open in this tab. Commit or roll it back before running with Read-only on.',
      )
    }
    if (settings.autoCommit && this.origin === 'manual') {
      throw new AppError(
        'invalid_input',
        'A transaction is open in this tab. Commit or roll it back before turning Auto-commit on.',
      )
    }
  }

  /** Sets the tab's statement timeout on its session (PostgreSQL; the embedded engine has no timer). */
  async applyTimeout(ms: number): Promise<void> {
    if (this.io.engine !== 'postgres' || this.appliedTimeoutMs === ms || this.io.txStatus === 'E')
      return
    await this.io.run(`SET statement_timeout = ${Math.trunc(ms)}`)
    this.appliedTimeoutMs = ms
    this.timeoutInTransaction = this.io.txStatus !== 'I'
    this.io.setReadTimeout?.(ms)
  }

  private async begin(readOnly: boolean, origin: Origin): Promise<void> {
    await this.io.run(readOnly ? 'BEGIN READ ONLY' : 'BEGIN')
    this.origin = origin
    this.readOnly = readOnly
  }

  /**
   * Runs one statement inside the transaction its settings call for: the one
   * open; a new one when Auto-commit is off; BEGIN READ ONLY … COMMIT around it
   * in read-only auto-commit; a transaction for a cursor, left open while the
   * result is (`keptOpen`).
   */
  async around<B extends { keptOpen?: boolean }>(
    settings: ConsoleSettings,
    what: 'cursor' | 'statement',
    work: () => Promise<B>,
  ): Promise<B> {
    if (this.io.txStatus !== 'I') return work()
    if (!settings.autoCommit) {
      await this.begin(settings.readOnly, 'manual')
      return work()
    }
    if (what === 'statement' && !settings.readOnly) return work()
    await this.begin(settings.readOnly, 'auto')
    const body = await work()
    if (!body.keptOpen) await this.endOwnCursorTransaction('COMMIT')
    return body
  }

  /** Follows the server: a statement may have begun or ended a transaction itself. */
  afterStatement(): void {
    if (this.io.txStatus === 'I') this.ended()
    else if (this.origin === null) {
      this.origin = 'statement'
      this.readOnly = false
    }
  }

  /** After a failed statement: a transaction the console opened for it alone is rolled back. */
  async afterFailure(): Promise<void> {
    if (this.origin === 'auto') await this.endOwnCursorTransaction('ROLLBACK')
    this.afterStatement()
  }

  /** Ends a transaction the console opened in auto-commit mode (a failed one can only roll back). */
  async endOwnCursorTransaction(verb: 'COMMIT' | 'ROLLBACK'): Promise<void> {
    if (this.origin !== 'auto') return
    if (this.io.alive && this.io.txStatus !== 'I') {
      await this.io.run(this.io.txStatus === 'E' ? 'ROLLBACK' : verb)
    }
    this.ended()
  }

  /** Commit or Rollback from the user. */
  async finish(verb: 'COMMIT' | 'ROLLBACK'): Promise<void> {
    if (this.io.alive && this.io.txStatus !== 'I') await this.io.run(verb)
    this.ended()
  }

  /**
   * The embedded engine cannot leave a transaction open after a script: the
   * rest of the app would run inside it. Rolls it back and says so.
   */
  async endScript(): Promise<ConsoleNotice | null> {
    if (this.io.engine !== 'embedded' || this.origin === 'auto' || this.io.txStatus === 'I')
      return null
    await this.io.run('ROLLBACK')
    this.ended()
    return {
      severity: 'WARNING',
      message:
        'The transaction this script opened was rolled back: the embedded engine cannot keep one open between runs. End it with COMMIT in the same script.',
    }
  }

  /**
   * Runs a read of a cursor that lives in the user's transaction inside a
   * savepoint, so a cancelled or failed read does not doom that transaction.
   */
  async guarded<T>(inTransaction: boolean, work: () => Promise<T>): Promise<T> {
    if (!inTransaction || this.origin === 'auto' || this.io.txStatus !== 'T') return work()
    await this.io.run(`SAVEPOINT ${SAVEPOINT}`)
    try {
      const result = await work()
      await this.io.run(`RELEASE SAVEPOINT ${SAVEPOINT}`)
      return result
    } catch (error) {
      if (this.io.alive) {
        await this.io.run(`ROLLBACK TO SAVEPOINT ${SAVEPOINT}`).catch(() => {})
        await this.io.run(`RELEASE SAVEPOINT ${SAVEPOINT}`).catch(() => {})
      }
      throw error
    }
  }

  /**
   * Runs work whose effects must not stay (EXPLAIN ANALYZE, an export): in a
   * transaction, or a savepoint of the open one, that is rolled back after.
   */
  async discarding<T>(settings: ConsoleSettings, work: () => Promise<T>): Promise<T> {
    if (this.io.txStatus === 'E') return work()
    const inTransaction = this.io.txStatus === 'T'
    await this.io.run(
      inTransaction ? `SAVEPOINT ${SAVEPOINT}` : settings.readOnly ? 'BEGIN READ ONLY' : 'BEGIN',
    )
    try {
      return await work()
    } finally {
      if (this.io.alive) {
        if (inTransaction) {
          await this.io.run(`ROLLBACK TO SAVEPOINT ${SAVEPOINT}`).catch(() => {})
          await this.io.run(`RELEASE SAVEPOINT ${SAVEPOINT}`).catch(() => {})
        } else await this.io.run('ROLLBACK').catch(() => {})
      }
    }
  }

  private ended(): void {
    // A SET inside a transaction that may have rolled back may be undone: set it again next time.
    if (this.timeoutInTransaction && this.origin !== 'auto') {
      this.appliedTimeoutMs = null
      this.timeoutInTransaction = false
    }
    this.origin = null
    this.readOnly = null
  }
}
