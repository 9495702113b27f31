import { z } from 'zod'
import type { ExplainResult } from '../sql/explain'
import type { ExportReply } from './export'

/** The SQL console: requests, replies and limits shared by the backend and the UI. */

export const MAX_SCRIPT_CHARS = 1_000_000
export const MAX_PARAM_CHARS = 100_000
export const MAX_PAGE_ROWS = 5000
export const DEFAULT_PAGE_ROWS = 500
/** A cell longer than this is cut (Export CSV has every character). */
export const MAX_CELL_CHARS = 10_000
/** Statements that cannot use a scrollable cursor (INSERT … RETURNING, EXPLAIN…) keep at most this many rows. */
export const MAX_FORWARD_ROWS = 10_000
export const MAX_STATEMENT_TIMEOUT_MS = 24 * 3600 * 1000

export const ConsoleIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Not a console tab id')
const ResultIdSchema = z.string().regex(/^r[0-9]{1,12}$/, 'Not a result id')

export const ConsoleSettingsSchema = z.strictObject({
  /** Every statement runs inside BEGIN READ ONLY. */
  readOnly: z.boolean(),
  /** Off: statements run in one open transaction until Commit or Rollback. */
  autoCommit: z.boolean(),
  /** 0: none. */
  statementTimeoutMs: z.number().int().min(0).max(MAX_STATEMENT_TIMEOUT_MS),
})
export type ConsoleSettings = z.output<typeof ConsoleSettingsSchema>

export const ParamValueSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.enum(['text', 'number', 'timestamp']),
    value: z.string().max(MAX_PARAM_CHARS),
  }),
  z.strictObject({ type: z.literal('null') }),
])

const ParamsSchema = z
  .record(z.string().max(200), ParamValueSchema)
  .refine((r) => Object.keys(r).length <= 200, 'At most 200 parameters')
  .default({})

const StatementRequest = {
  consoleId: ConsoleIdSchema,
  sql: z.string().min(1).max(MAX_SCRIPT_CHARS),
  params: ParamsSchema,
  settings: ConsoleSettingsSchema,
}

export const ConsoleRunSchema = z.strictObject({
  ...StatementRequest,
  pageSize: z.number().int().min(1).max(MAX_PAGE_ROWS).default(DEFAULT_PAGE_ROWS),
})
export type ConsoleRunRequest = z.output<typeof ConsoleRunSchema>
/** Explain and export take exactly one statement. */
export const ConsoleStatementSchema = z.strictObject(StatementRequest)
export type ConsoleStatementRequest = z.output<typeof ConsoleStatementSchema>

export const ConsoleRefSchema = z.strictObject({ consoleId: ConsoleIdSchema })
export const ConsoleResultRefSchema = z.strictObject({
  consoleId: ConsoleIdSchema,
  resultId: ResultIdSchema,
})
export const ConsoleFetchSchema = z.strictObject({
  consoleId: ConsoleIdSchema,
  resultId: ResultIdSchema,
  offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  limit: z.number().int().min(1).max(MAX_PAGE_ROWS),
})

export type Cell = string | null

export interface ResultColumn {
  name: string
  typeOid: number
  /** As format_type() names it: "timestamp with time zone", "double precision", … */
  typeName: string
}

export interface ConsoleNotice {
  severity: string
  message: string
  detail?: string
  hint?: string
}

/** The console tab's transaction: none, open (Commit / Rollback), or failed (only Rollback helps). */
export type TxState = 'none' | 'open' | 'failed'

export interface ConsoleErrorInfo {
  code: string
  message: string
  sqlstate: string | null
  /** Offset into the request's sql where the server says the error is. */
  position: number | null
}

export interface StatementOutcome {
  /** Offsets of the statement in the request's sql. */
  start: number
  end: number
  command: string
  status: 'ok' | 'error' | 'cancelled'
  /** Null when the statement returns no rows (a command). */
  columns: ResultColumn[] | null
  /** The first page. */
  rows: Cell[][]
  /** Rows affected by a command; rows in the result once its end is known. */
  rowCount: number | null
  /** Open cursor to read further pages from; null when every row is here or the cursor was closed. */
  resultId: string | null
  /** Pages can be read in any order (a scrollable cursor); false: forward only. */
  scrollable: boolean
  /** Rows were left out: a forward-only result past MAX_FORWARD_ROWS, or a result closed by a later statement. */
  truncated: boolean
  durationMs: number
  notices: ConsoleNotice[]
  error: ConsoleErrorInfo | null
}

export interface ConsoleRunReply {
  statements: StatementOutcome[]
  tx: TxState
  engine: 'postgres' | 'embedded'
}

export interface ConsolePage {
  rows: Cell[][]
  offset: number
  /** Rows in the whole result, once known. */
  total: number | null
}

export interface ConsoleState {
  tx: TxState
  /** The open result, if any. */
  resultId: string | null
}

export interface ConsoleExplainReply extends ExplainResult {
  durationMs: number
  notices: ConsoleNotice[]
}

export type ConsoleExportReply = ExportReply

/** What the SQL editor completes: schema → table or view → its columns, and function names. */
export interface ConsoleCompletions {
  schemas: Record<string, Record<string, string[]>>
  functions: string[]
}

/** Pushed when the backend closes a tab's session on its own (idle, or to make room). */
export interface ConsoleClosedEvent {
  consoleId: string
  reason: 'idle' | 'evicted' | 'connection_closed'
  /** An open transaction was rolled back. */
  rolledBack: boolean
}

// History, snippets and tabs: per connection profile.

export const HistoryQuerySchema = z.strictObject({
  search: z.string().max(200).default(''),
  limit: z.number().int().min(1).max(500).default(100),
})

export interface HistoryEntry {
  id: string
  at: number
  sql: string
  durationMs: number
  rows: number | null
  outcome: 'ok' | 'error' | 'cancelled'
  message?: string
}

export const MAX_SNIPPET_CHARS = 100_000
export const SnippetSaveSchema = z.strictObject({
  id: z.uuid().optional(),
  name: z.string().trim().min(1).max(100),
  sql: z.string().min(1).max(MAX_SNIPPET_CHARS),
})
export const SnippetDeleteSchema = z.strictObject({ id: z.uuid() })

export interface Snippet {
  id: string
  name: string
  sql: string
  /** One of the quick start's statements: always offered, cannot be changed. */
  starter: boolean
  updatedAt: number
}

export const MAX_TABS = 30
export const MAX_TAB_SQL_CHARS = 200_000
export const ConsoleTabSchema = z.strictObject({
  id: ConsoleIdSchema,
  title: z.string().trim().min(1).max(100),
  sql: z.string().max(MAX_TAB_SQL_CHARS),
  settings: ConsoleSettingsSchema,
})
export type ConsoleTab = z.output<typeof ConsoleTabSchema>
export const ConsoleTabsSchema = z.strictObject({
  tabs: z.array(ConsoleTabSchema).max(MAX_TABS),
  activeId: ConsoleIdSchema.nullable(),
})
export type ConsoleTabs = z.output<typeof ConsoleTabsSchema>
