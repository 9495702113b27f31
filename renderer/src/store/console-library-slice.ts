import type { SliceCreator, Store } from '.'
import type { ConsoleCompletions, HistoryEntry, Snippet } from '../../../shared/domain/console'
import { call } from '../api/client'
import { tabsOwner } from './console-tab'
import { LatestRequest, whenChanged } from './query'

export type ConsoleSide = 'history' | 'snippets'

export interface ConsoleLibrarySlice {
  consoleSide: ConsoleSide
  consoleHistory: HistoryEntry[]
  consoleHistorySearch: string
  consoleSnippets: Snippet[]
  /** What the editor completes; empty until read. */
  consoleCompletions: ConsoleCompletions
  setConsoleSide(side: ConsoleSide): void
  searchConsoleHistory(text: string): void
  /** Opens SQL (from the history or a snippet) in a new tab, and runs it if asked. */
  openConsoleSql(sql: string, run: boolean): void
  saveConsoleSnippet(name: string, sql: string): Promise<void>
  deleteConsoleSnippet(id: string): Promise<void>
  /** Copies a cell or a row (as tab-separated text) to the clipboard. */
  copyText(text: string): Promise<void>
}

const noCompletions: ConsoleCompletions = { schemas: {}, functions: [] }

/** The SQL page's profile while it is shown (null otherwise): what every read here depends on. */
const shownFor = (s: Store) => (s.view === 'sql' ? tabsOwner(s.connection) : null)

export const createConsoleLibrarySlice: SliceCreator<ConsoleLibrarySlice> = (set, get, store) => {
  const history = new LatestRequest()
  const snippets = new LatestRequest()
  const completions = new LatestRequest()

  whenChanged(
    store,
    (s) => [shownFor(s), s.consoleHistorySearch, s.consoleRuns] as const,
    ([owner, search]) => {
      if (owner === null) return void history.cancel()
      const signal = history.start()
      call('console/history', { search, limit: 200 }, { signal })
        .then((entries) => signal.aborted || set({ consoleHistory: entries }))
        .catch((error: unknown) => get().reportFailure('Could not read the SQL history', error))
    },
  )

  const readSnippets = () => {
    const signal = snippets.start()
    call('console/snippets', {}, { signal })
      .then((list) => signal.aborted || set({ consoleSnippets: list }))
      .catch((error: unknown) => get().reportFailure('Could not read the snippets', error))
  }
  whenChanged(
    store,
    (s) => [shownFor(s)] as const,
    ([owner]) => {
      if (owner === null) snippets.cancel()
      else readSnippets()
    },
  )

  // The editor's completions: read for each connection, and again after DDL or a load.
  // (Issue 15's catalog/list and catalog/describe will supply tables and columns once on main.)
  whenChanged(
    store,
    (s) => [shownFor(s), s.consoleCatalogRevision, s.dataVersion] as const,
    ([owner], before) => {
      if (before && owner !== before[0]) set({ consoleCompletions: noCompletions })
      if (owner === null) return void completions.cancel()
      const signal = completions.start()
      call('console/completions', {}, { signal })
        .then((got) => signal.aborted || set({ consoleCompletions: got }))
        .catch((error: unknown) => get().reportFailure('Could not read names to complete', error))
    },
  )

  return {
    consoleSide: 'snippets',
    consoleHistory: [],
    consoleHistorySearch: '',
    consoleSnippets: [],
    consoleCompletions: noCompletions,

    setConsoleSide: (side) => set({ consoleSide: side }),

    searchConsoleHistory: (text) => set({ consoleHistorySearch: text.slice(0, 200) }),

    openConsoleSql: (sql, run) => {
      const id = get().addConsoleTab(sql)
      if (id && run) void get().runConsole(id, { sql, offset: 0 })
    },

    saveConsoleSnippet: async (name, sql) => {
      try {
        await call('console/snippet-save', { name, sql })
        get().notify({ kind: 'success', title: 'Snippet saved', message: name })
        readSnippets()
      } catch (error) {
        get().reportFailure('Could not save the snippet', error)
      }
    },

    deleteConsoleSnippet: async (id) => {
      try {
        await call('console/snippet-delete', { id })
        readSnippets()
      } catch (error) {
        get().reportFailure('Could not delete the snippet', error)
      }
    },

    copyText: async (text) => {
      try {
        await navigator.clipboard.writeText(text)
        get().notify({
          kind: 'info',
          title: 'Copied',
          message: text.length > 80 ? `${text.slice(0, 80)}…` : text || '(empty)',
        })
      } catch (error) {
        get().reportFailure('Could not copy to the clipboard', error)
      }
    },
  }
}
