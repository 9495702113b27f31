import type {
  ConsoleExplainReply,
  ConsoleSettings,
  ConsoleTab,
  ConsoleTabs,
  ResultColumn,
  StatementOutcome,
  TxState,
} from '../../../shared/domain/console'
import type { ConnectionState } from '../../../shared/domain/connection'
import type { ParamDraft } from './console-params'
import { ResultPages } from './result-pages'

/** What a tab shows under its editor. */
export type ConsoleOutput = 'results' | 'explain' | 'chart'

/** The open result of a tab's last run: its columns and the pages the renderer holds. */
export interface ConsoleResult {
  columns: ResultColumn[]
  /** Mutable page cache; `version` goes up whenever it changes, so views draw again. */
  pages: ResultPages
  version: number
  /** The backend's cursor to read more pages from; null when every row is here or it was closed. */
  resultId: string | null
  /** Rows were left out (a forward-only result cut at its limit). */
  truncated: boolean
}

/** A console tab: what is saved (id, title, SQL, settings) and what its last run showed. */
export interface ConsoleTabState extends ConsoleTab {
  busy: 'run' | 'explain' | 'export' | 'commit' | null
  tx: TxState
  params: Record<string, ParamDraft>
  /** Each statement of the last run (the first failure stops a script). */
  outcomes: StatementOutcome[] | null
  result: ConsoleResult | null
  /** Where in the editor's text the server says the last error is. */
  errorAt: number | null
  explain: ConsoleExplainReply | null
  output: ConsoleOutput
  /** A failure of the call itself (not of a statement), or what Cancel did. */
  message: string | null
  /** News from the backend: the tab's session was closed. */
  note: string | null
  exportJobId: string | null
  /** The last run's round trip as the UI saw it, ms. */
  roundTripMs: number | null
}

export const DEFAULT_TIMEOUT_MS = 60_000

/** A server's console is read-only until the user turns it off; the embedded engine is the user's own. */
export function defaultSettings(connection: ConnectionState): ConsoleSettings {
  return {
    readOnly: connection.target?.kind === 'server',
    autoCommit: true,
    statementTimeoutMs: DEFAULT_TIMEOUT_MS,
  }
}

export function tabState(saved: ConsoleTab): ConsoleTabState {
  return {
    ...saved,
    busy: null,
    tx: 'none',
    params: {},
    outcomes: null,
    result: null,
    errorAt: null,
    explain: null,
    output: 'results',
    message: null,
    note: null,
    exportJobId: null,
    roundTripMs: null,
  }
}

/** "Query N" with the first N not taken. */
export function nextTitle(tabs: readonly ConsoleTab[]): string {
  const taken = new Set(tabs.map((t) => t.title))
  let n = 1
  while (taken.has(`Query ${n}`)) n++
  return `Query ${n}`
}

/** A title from a statement's first words, for a tab opened from the history or a snippet. */
export function titleOf(sql: string, fallback: string): string {
  const words = sql
    .replace(/--[^\n]*/g, ' ')
    .trim()
    .split(/\s+/)
    .slice(0, 4)
    .join(' ')
  return (words.length > 40 ? `${words.slice(0, 39)}…` : words) || fallback
}

export function savedTabs(tabs: readonly ConsoleTabState[], activeId: string | null): ConsoleTabs {
  return {
    tabs: tabs.map(({ id, title, sql, settings }) => ({ id, title, sql, settings })),
    activeId,
  }
}

/** The result view of a run's last statement, when it returned rows. */
export function resultOf(outcome: StatementOutcome | undefined): ConsoleResult | null {
  if (!outcome?.columns || outcome.status !== 'ok') return null
  return {
    columns: outcome.columns,
    // Without a cursor to read from, the rows here are all there will be.
    pages: new ResultPages(
      outcome.rows,
      outcome.resultId ? outcome.rowCount : (outcome.rowCount ?? outcome.rows.length),
    ),
    version: 0,
    resultId: outcome.resultId,
    truncated: outcome.truncated,
  }
}

/** What connection the tabs belong to: tabs are kept per profile, like the backend keeps them. */
export function tabsOwner(connection: ConnectionState): string | null {
  const target = connection.status === 'connected' ? connection.target : null
  if (!target) return null
  return `${target.kind}:${target.profileId ?? target.label}`
}

/** The tabs with one changed (the same array when that tab is gone). */
export function withTab(
  tabs: ConsoleTabState[],
  id: string,
  patch: Partial<ConsoleTabState> | ((tab: ConsoleTabState) => Partial<ConsoleTabState>),
): ConsoleTabState[] {
  const at = tabs.findIndex((t) => t.id === id)
  const tab = tabs[at]
  if (!tab) return tabs
  const next = [...tabs]
  next[at] = { ...tab, ...(typeof patch === 'function' ? patch(tab) : patch) }
  return next
}
