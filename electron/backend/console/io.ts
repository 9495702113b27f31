import type { Writable } from 'node:stream'
import type { Cell, ConsoleNotice } from '../../../shared/domain/console'
import type { FieldInfo } from '../db/driver'

/** What the server said about its session after a statement: idle, in a transaction, in a failed one. */
export type TxStatus = 'I' | 'T' | 'E'

export interface RawResult {
  /** Null when the statement returns no rows (no row description). */
  fields: FieldInfo[] | null
  /** Values as PostgreSQL's text output, as psql shows them. */
  rows: Cell[][]
  /** The command tag: "SELECT 2", "INSERT 0 1", "MOVE 10", … */
  command: string
  /** The statement had more rows than were read. */
  more: boolean
}

export interface CopyOutOptions {
  signal?: AbortSignal | undefined
  /** Each piece of output, as it goes to the sink. */
  onChunk?: (chunk: Buffer) => void
}

export interface RunOptions {
  /** Read at most this many rows and drop the rest; all rows when absent. */
  maxRows?: number
  signal?: AbortSignal
}

/**
 * One console session at the level of single statements, for either engine:
 * a dedicated node-postgres client, or the embedded engine's one session.
 */
export interface ConsoleIO {
  readonly engine: 'postgres' | 'embedded'
  /** Runs one statement with text parameters. Server errors are thrown as they come (SQLSTATE, position). */
  run(sql: string, values?: readonly Cell[], options?: RunOptions): Promise<RawResult>
  /** As the server reported after the last statement. */
  readonly txStatus: TxStatus
  /** False once the session is gone (connection lost, closed). */
  readonly alive: boolean
  /** Notices since the last call. */
  takeNotices(): ConsoleNotice[]
  /**
   * Holds the session for `work`: on the embedded engine nothing else of the
   * app runs until it settles; a dedicated client is ours anyway.
   */
  exclusive<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T>
  /** Tells the session the statement timeout in force, so it can tell a slow statement from a dead network. */
  setReadTimeout?(statementTimeoutMs: number): void
  /** Streams `COPY … TO STDOUT` into `sink` (PostgreSQL only); resolves with the rows copied. */
  copyOut?(sql: string, sink: Writable, options?: CopyOutOptions): Promise<number>
  /** Ends the session; the server rolls back whatever is open. */
  close(): Promise<void>
}

export const MAX_NOTICES = 100
const MAX_NOTICE_CHARS = 2000

export function noticeOf(n: {
  severity?: string
  message?: string
  detail?: string
  hint?: string
}): ConsoleNotice {
  const notice: ConsoleNotice = {
    severity: String(n.severity ?? 'NOTICE'),
    message: String(n.message ?? '').slice(0, MAX_NOTICE_CHARS),
  }
  if (n.detail) notice.detail = String(n.detail).slice(0, MAX_NOTICE_CHARS)
  if (n.hint) notice.hint = String(n.hint).slice(0, MAX_NOTICE_CHARS)
  return notice
}

/** "INSERT 0 5" -> 5, "MOVE 10" -> 10, "CREATE TABLE" -> null. */
export function countOfTag(tag: string): number | null {
  const last = tag.split(' ').at(-1) ?? ''
  return /^\d+$/.test(last) ? Number(last) : null
}
