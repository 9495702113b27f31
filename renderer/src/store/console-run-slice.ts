import type { SliceCreator } from '.'
import type { ConsoleClosedEvent, StatementOutcome } from '../../../shared/domain/console'
import { call, on } from '../api/client'
import { paramsFor } from './console-params'
import { resultOf, withTab, type ConsoleResult, type ConsoleTabState } from './console-tab'
import { PAGE_ROWS } from './result-pages'
import { LatestRequest } from './query'

/** The part of the editor's text to run, and where it starts in it. */
export interface SqlTarget {
  sql: string
  offset: number
}

export interface ConsoleRunSlice {
  /** Goes up after each run: the history and (after DDL) the completions are read again. */
  consoleRuns: number
  consoleCatalogRevision: number
  /** Subscribes to console/closed (startup calls it once). */
  watchConsole(): void
  runConsole(id: string, target: SqlTarget | null): Promise<void>
  /** Stops the tab's running statement on the server (its call is cancelled by request id). */
  cancelConsole(id: string): void
  explainConsole(id: string, target: SqlTarget | null): Promise<void>
  finishConsoleTx(id: string, how: 'commit' | 'rollback'): Promise<void>
  /** The tab was closed: stops what it has in flight. */
  forgetConsoleTab(id: string): void
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))
/** Commands after which the editor's completions are read again. */
const DDL = new Set(['CREATE', 'ALTER', 'DROP', 'COMMENT', 'GRANT', 'REVOKE'])

const closedNote: Record<ConsoleClosedEvent['reason'], string> = {
  idle: 'This tab’s session was closed after 10 minutes without use',
  evicted: 'This tab’s session was closed to make room for another tab’s',
  connection_closed: 'This tab’s session ended with the connection',
}

/** The result with its cursor gone: its rows stay on screen, no more are read. */
function withoutCursor(result: ConsoleResult | null): ConsoleResult | null {
  result?.pages.close()
  return result && { ...result, resultId: null }
}

export const createConsoleRunSlice: SliceCreator<ConsoleRunSlice> = (set, get) => {
  /** Per tab: its run or explain in flight (one at a time). */
  const work = new Map<string, LatestRequest>()
  const requestOf = (id: string) => work.get(id) ?? work.set(id, new LatestRequest()).get(id)!

  const tab = (id: string) => get().consoleTabs.find((t) => t.id === id)
  const patch = (id: string, change: Parameters<typeof withTab>[2]) =>
    set((s) => ({ consoleTabs: withTab(s.consoleTabs, id, change) }))
  const nothingToRun = (id: string, target: SqlTarget | null): target is null => {
    if (target?.sql.trim()) return false
    patch(id, { message: 'Nothing to run: type a statement, or put the cursor in one.' })
    return true
  }
  const request = (t: ConsoleTabState, target: SqlTarget) => ({
    consoleId: t.id,
    sql: target.sql,
    params: paramsFor(t.sql, target, t.params),
    settings: t.settings,
  })

  const afterRun = (outcomes: StatementOutcome[]) =>
    set((s) => ({
      consoleRuns: s.consoleRuns + 1,
      consoleCatalogRevision: outcomes.some((o) => o.status === 'ok' && DDL.has(o.command))
        ? s.consoleCatalogRevision + 1
        : s.consoleCatalogRevision,
    }))

  return {
    consoleRuns: 0,
    consoleCatalogRevision: 0,

    watchConsole: () => {
      on('console/closed', ({ consoleId, reason, rolledBack }) => {
        patch(consoleId, (t) => ({
          tx: 'none',
          result: withoutCursor(t.result),
          note: `${closedNote[reason]}${rolledBack ? '; its open transaction was rolled back' : ''}. Run the statement again to read more.`,
        }))
      })
    },

    runConsole: async (id, target) => {
      const t = tab(id)
      if (!t || nothingToRun(id, target)) return
      const signal = requestOf(id).start()
      // The result before is replaced: its page reads stop (its cursor closes on the backend).
      t.result?.pages.close()
      patch(id, {
        busy: 'run',
        result: null,
        message: null,
        note: null,
        errorAt: null,
        output: 'results',
      })
      const started = performance.now()
      try {
        const reply = await call(
          'console/run',
          { ...request(t, target), pageSize: PAGE_ROWS },
          { signal },
        )
        if (signal.aborted) return
        const failed = reply.statements.find((o) => o.error)
        const position = failed?.error?.position
        patch(id, {
          busy: null,
          tx: reply.tx,
          outcomes: reply.statements,
          result: resultOf(reply.statements.at(-1)),
          errorAt: position === null || position === undefined ? null : target.offset + position,
          roundTripMs: Math.round(performance.now() - started),
        })
        afterRun(reply.statements)
      } catch (error) {
        if (signal.aborted) return
        patch(id, { busy: null, outcomes: null, result: null, message: messageOf(error) })
      }
    },

    cancelConsole: (id) => {
      const running = tab(id)?.busy
      if ((running !== 'run' && running !== 'explain') || !requestOf(id).cancel()) return
      patch(id, {
        busy: null,
        message: running === 'explain' ? 'Explain cancelled.' : 'Cancelled.',
      })
      // A cancelled statement fails an open transaction: read how the tab's session ended up
      // (the backend answers once the statement has stopped and its history is written).
      call('console/state', { consoleId: id })
        .then((state) => {
          patch(id, { tx: state.tx })
          set((s) => ({ consoleRuns: s.consoleRuns + 1 }))
        })
        .catch(() => {})
    },

    explainConsole: async (id, target) => {
      const t = tab(id)
      if (!t || nothingToRun(id, target)) return
      const signal = requestOf(id).start()
      patch(id, { busy: 'explain', message: null, errorAt: null })
      try {
        const plan = await call('console/explain', request(t, target), { signal })
        if (signal.aborted) return
        patch(id, { busy: null, explain: plan, output: 'explain' })
      } catch (error) {
        if (signal.aborted) return
        patch(id, { busy: null, message: `Could not explain: ${messageOf(error)}` })
      }
    },

    finishConsoleTx: async (id, how) => {
      patch(id, { busy: 'commit', message: null })
      try {
        const state = await call(how === 'commit' ? 'console/commit' : 'console/rollback', {
          consoleId: id,
        })
        patch(id, (t) => ({
          busy: null,
          tx: state.tx,
          // Ending the transaction closed its cursor.
          result: state.resultId === null ? withoutCursor(t.result) : t.result,
          note: how === 'commit' ? 'Committed.' : 'Rolled back.',
        }))
      } catch (error) {
        patch(id, { busy: null, message: messageOf(error) })
      }
    },

    forgetConsoleTab: (id) => {
      work.get(id)?.cancel()
      work.delete(id)
      tab(id)?.result?.pages.close()
    },
  }
}
