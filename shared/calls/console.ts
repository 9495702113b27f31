/** The SQL console (issue 18). Every call names its tab; a tab's session is its own. */
import {
  ConsoleFetchSchema,
  ConsoleRefSchema,
  ConsoleResultRefSchema,
  ConsoleRunSchema,
  ConsoleStatementSchema,
  ConsoleTabsSchema,
  HistoryQuerySchema,
  SnippetDeleteSchema,
  SnippetSaveSchema,
  type ConsoleCompletions,
  type ConsoleExplainReply,
  type ConsoleExportReply,
  type ConsolePage,
  type ConsoleRunReply,
  type ConsoleState,
  type ConsoleTabs,
  type HistoryEntry,
  type Snippet,
} from '../domain/console'
import { define, noArgs } from './define'

export const consoleCalls = {
  /** Runs the statements of `sql` in order, stopping at the first that fails. */
  'console/run': define<ConsoleRunReply>()(ConsoleRunSchema),
  /** A page of the tab's open result, from row `offset`. */
  'console/fetch': define<ConsolePage>()(ConsoleFetchSchema),
  /** Counts the open result's rows (the server reads to its end; nothing is sent). */
  'console/count': define<{ total: number }>()(ConsoleResultRefSchema),
  'console/close-result': define<ConsoleState>()(ConsoleResultRefSchema),
  'console/state': define<ConsoleState>()(ConsoleRefSchema),
  'console/commit': define<ConsoleState>()(ConsoleRefSchema),
  'console/rollback': define<ConsoleState>()(ConsoleRefSchema),
  /** The tab was closed: its session ends, an open transaction is rolled back. */
  'console/close': define<{ rolledBack: boolean }>()(ConsoleRefSchema),
  /** EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) of one statement, rolled back after. */
  'console/explain': define<ConsoleExplainReply>()(ConsoleStatementSchema),
  /** Starts a job writing one statement's whole result as CSV (a file in Electron, a download in the web host). */
  'console/export': define<ConsoleExportReply>()(ConsoleStatementSchema),
  'console/history': define<HistoryEntry[]>()(HistoryQuerySchema),
  'console/snippets': define<Snippet[]>()(noArgs),
  'console/snippet-save': define<Snippet>()(SnippetSaveSchema),
  'console/snippet-delete': define<{ id: string }>()(SnippetDeleteSchema),
  'console/tabs': define<ConsoleTabs>()(noArgs),
  'console/tabs-save': define<ConsoleTabs>()(ConsoleTabsSchema),
  /** Schemas, tables, columns and functions for the editor's completion (bounded). */
  'console/completions': define<ConsoleCompletions>()(noArgs),
} as const
