import type { Cell, ConsolePage, ResultColumn } from '../../../shared/domain/console'
import { AppError } from '../../../shared/errors'
import { cutCells } from './columns'
import { countOfTag, type ConsoleIO } from './io'

/** A result read through a server-side scrollable cursor: any page, in any order. */
export interface CursorResult {
  kind: 'cursor'
  id: string
  /** The cursor's name (ours, a plain identifier). */
  cursor: string
  columns: ResultColumn[]
  /** The row the cursor sits on (0: before the first); -1 when not known. */
  position: number
  total: number | null
  /** WITH HOLD (the embedded engine): it lives outside any transaction. */
  holdable: boolean
  /** Set when the engine failed while finishing the cursor after its first page. */
  failure: AppError | null
}

/** The rows of a statement that cannot use a cursor, kept (at most MAX_FORWARD_ROWS). */
export interface BufferedResult {
  kind: 'buffer'
  id: string
  columns: ResultColumn[]
  rows: Cell[][]
}

export type OpenResult = CursorResult | BufferedResult

export function bufferedPage(result: BufferedResult, offset: number, limit: number): ConsolePage {
  return {
    rows: result.rows.slice(offset, offset + limit),
    offset,
    total: result.rows.length,
  }
}

/** Reads `limit` rows from row `offset` (0-based), moving the cursor first when it is elsewhere. */
export async function cursorPage(
  io: ConsoleIO,
  result: CursorResult,
  offset: number,
  limit: number,
  signal?: AbortSignal,
): Promise<ConsolePage> {
  if (result.total !== null && offset >= result.total) {
    return { rows: [], offset, total: result.total }
  }
  if (result.position !== offset) {
    result.position = -1
    await io.run(`MOVE ABSOLUTE ${offset} FROM ${result.cursor}`, [], { signal })
  }
  const page = await io.run(`FETCH FORWARD ${limit} FROM ${result.cursor}`, [], { signal })
  if (page.rows.length < limit) {
    result.total = offset + page.rows.length
    result.position = -1
  } else result.position = offset + page.rows.length
  return { rows: cutCells(page.rows), offset, total: result.total }
}

/** Counts the rows of a cursor's result by moving to its end (the server reads them; none is sent). */
export async function cursorTotal(
  io: ConsoleIO,
  result: CursorResult,
  signal?: AbortSignal,
): Promise<number> {
  if (result.total !== null) return result.total
  let before = result.position
  if (before < 0) {
    await io.run(`MOVE ABSOLUTE 0 FROM ${result.cursor}`, [], { signal })
    before = 0
  }
  result.position = -1
  const moved = await io.run(`MOVE FORWARD ALL FROM ${result.cursor}`, [], { signal })
  result.total = before + (countOfTag(moved.command) ?? 0)
  return result.total
}

export function requireResult(open: OpenResult | null, resultId: string): OpenResult {
  if (!open || open.id !== resultId) {
    throw new AppError(
      'not_found',
      'This result is no longer open (the tab ran another statement, was committed or rolled back, or sat idle). Run the statement again.',
    )
  }
  if (open.kind === 'cursor' && open.failure) throw open.failure
  return open
}
