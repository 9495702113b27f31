import type { Cell, ConsoleNotice } from '../../../shared/domain/console'
import { AppError } from '../../../shared/errors'
import type { EmbeddedDriver } from '../db/embedded/embedded-driver'
import type { EmbeddedStatementRunner } from '../db/embedded/statement-reply'
import type { PgErrorFields } from '../db/errors'
import {
  MAX_NOTICES,
  noticeOf,
  type ConsoleIO,
  type RawResult,
  type RunOptions,
  type TxStatus,
} from './io'

/** The server error the engine reported, thrown the way node-postgres throws one. */
export class EmbeddedServerError extends Error implements PgErrorFields {
  code?: string
  detail?: string
  hint?: string
  where?: string
  position?: string

  constructor(fields: PgErrorFields) {
    super(fields.message)
    this.name = 'EmbeddedServerError'
    Object.assign(this, fields)
  }
}

/**
 * The console on the embedded engine, which has one session for the whole
 * app: every statement runs while the console holds that session
 * (`exclusive`), so other calls wait rather than land inside a console
 * transaction. Statements cannot be interrupted there.
 */
export class EmbeddedConsoleIO implements ConsoleIO {
  readonly engine = 'embedded' as const
  private notices: ConsoleNotice[] = []
  private status: TxStatus = 'I'
  private runner: EmbeddedStatementRunner | null = null

  constructor(private readonly driver: EmbeddedDriver) {}

  get alive(): boolean {
    return true
  }

  get txStatus(): TxStatus {
    return this.status
  }

  takeNotices(): ConsoleNotice[] {
    const notices = this.notices
    this.notices = []
    return notices
  }

  async exclusive<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    // Nested calls (a script holding the session) run on the runner already held.
    if (this.runner) return work()
    return this.driver.exclusive(async (runner) => {
      this.runner = runner
      try {
        return await work()
      } finally {
        this.runner = null
      }
    }, signal)
  }

  run(sql: string, values: readonly Cell[] = [], options: RunOptions = {}): Promise<RawResult> {
    return this.exclusive(async () => {
      if (options.signal?.aborted) throw new AppError('cancelled', 'Cancelled.')
      const runner = this.runner as EmbeddedStatementRunner
      const reply = await runner(sql, values, options.maxRows)
      this.status = reply.txStatus
      for (const n of reply.notices) {
        if (this.notices.length < MAX_NOTICES) this.notices.push(noticeOf(n))
      }
      if (reply.error) throw new EmbeddedServerError(reply.error)
      return {
        fields: reply.fields,
        rows: reply.rows,
        command: reply.command ?? '',
        more: reply.more,
      }
    }, options.signal)
  }

  /** The engine belongs to the app; the console only lets go of it. */
  async close(): Promise<void> {}
}
