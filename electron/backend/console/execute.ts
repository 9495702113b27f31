import type { StatementOutcome } from '../../../shared/domain/console'
import { MAX_FORWARD_ROWS } from '../../../shared/domain/console'
import type { TypeNames } from './columns'
import { cutCells } from './columns'
import { countOfTag, type ConsoleIO } from './io'
import type { PlannedStatement } from './plan'
import type { OpenResult } from './results'

/** What a statement's outcome shows of its rows. */
export type Body = Omit<
  StatementOutcome,
  'start' | 'end' | 'durationMs' | 'notices' | 'status' | 'error'
>

export interface ExecuteContext {
  io: ConsoleIO
  types: TypeNames
  newId(): number
}

/** A statement's first rows, and the result left open to read further (null: nothing left, or not kept). */
export interface Executed {
  body: Body
  open: OpenResult | null
}

export interface CursorName {
  name: string
  prefix: string
}

/** A cursor of our own for a query: scrollable when kept; WITH HOLD on the embedded engine (it outlives the transaction). */
export function cursorFor(engine: ConsoleIO['engine'], id: number, scroll: boolean): CursorName {
  const name = `tsdb_console_${id}`
  const hold = engine === 'embedded' ? 'WITH HOLD ' : ''
  return { name, prefix: `DECLARE ${name} ${scroll ? 'SCROLL' : 'NO SCROLL'} CURSOR ${hold}FOR ` }
}

/** Declares the query as a cursor and reads its first page; keeps it open when there is more and `keep`. */
export async function openCursor(
  { io, types, newId }: ExecuteContext,
  statement: PlannedStatement,
  cursor: CursorName,
  pageSize: number,
  keep: boolean,
  signal?: AbortSignal,
): Promise<Executed> {
  await io.run(cursor.prefix + statement.bound.sql, statement.bound.values, { signal })
  const page = await io.run(`FETCH FORWARD ${pageSize} FROM ${cursor.name}`, [], { signal })
  const columns = await types.columns(io, page.fields ?? [])
  const complete = page.rows.length < pageSize
  const body: Body = {
    command: statement.kind.command,
    columns,
    rows: cutCells(page.rows),
    rowCount: complete ? page.rows.length : null,
    resultId: null,
    scrollable: true,
    truncated: !complete && !keep,
  }
  if (complete || !keep) {
    await io.run(`CLOSE ${cursor.name}`)
    return { body, open: null }
  }
  const id = `r${newId()}`
  const open: OpenResult = {
    kind: 'cursor',
    id,
    cursor: cursor.name,
    columns,
    position: page.rows.length,
    total: null,
    holdable: io.engine === 'embedded',
    failure: null,
  }
  return { body: { ...body, resultId: id }, open }
}

/**
 * A statement that cannot be a cursor (INSERT … RETURNING, EXPLAIN, SHOW…):
 * read forward, at most MAX_FORWARD_ROWS kept in memory for paging.
 */
export async function runForward(
  { io, types, newId }: ExecuteContext,
  statement: PlannedStatement,
  pageSize: number,
  keep: boolean,
  signal?: AbortSignal,
): Promise<Executed> {
  const raw = await io.run(statement.bound.sql, statement.bound.values, {
    maxRows: MAX_FORWARD_ROWS,
    signal,
  })
  const command = raw.command.split(' ')[0] || statement.kind.command
  if (!raw.fields) {
    const rowCount = countOfTag(raw.command)
    return {
      body: {
        command,
        columns: null,
        rows: [],
        rowCount,
        resultId: null,
        scrollable: false,
        truncated: false,
      },
      open: null,
    }
  }
  const columns = await types.columns(io, raw.fields)
  const rows = cutCells(raw.rows)
  const kept = rows.length > pageSize && keep
  const id = kept ? `r${newId()}` : null
  return {
    body: {
      command,
      columns,
      rows: rows.slice(0, pageSize),
      rowCount: raw.more ? null : rows.length,
      resultId: id,
      scrollable: kept,
      truncated: raw.more || (rows.length > pageSize && !keep),
    },
    open: id ? { kind: 'buffer', id, columns, rows } : null,
  }
}
