import type { SliceCreator } from '.'
import { call } from '../api/client'
import { withTab, type ConsoleOutput, type ConsoleTabState } from './console-tab'
import type { ResultPages } from './result-pages'

export interface ConsoleResultsSlice {
  /** The grid shows rows [first, last): reads the pages of the open result it lacks. */
  showConsoleRows(id: string, first: number, last: number): void
  /** Counts the open result's rows on the server (it moves the cursor to the end; no row is sent). */
  countConsoleRows(id: string): Promise<void>
  setConsoleOutput(id: string, output: ConsoleOutput): void
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))

/**
 * The open result of each tab, read a page at a time as its grid scrolls.
 * Page reads go with the result's own signal (ResultPages.signal): a new run,
 * the cursor closing or the tab closing stops them on the backend too.
 */
export const createConsoleResultsSlice: SliceCreator<ConsoleResultsSlice> = (set, get) => {
  const patch = (id: string, change: Parameters<typeof withTab>[2]) =>
    set((s) => ({ consoleTabs: withTab(s.consoleTabs, id, change) }))
  /** The grid draws again: pages arrived into the result it shows (not one replaced since). */
  const redraw = (id: string, held: ResultPages) =>
    patch(id, (t: ConsoleTabState) =>
      t.result?.pages === held ? { result: { ...t.result, version: t.result.version + 1 } } : {},
    )

  return {
    showConsoleRows: (id, first, last) => {
      const result = get().consoleTabs.find((t) => t.id === id)?.result
      if (!result?.resultId) return
      const { resultId, pages: held } = result
      const { signal } = held
      for (const page of held.claim(first, last)) {
        const offset = page * held.pageRows
        call('console/fetch', { consoleId: id, resultId, offset, limit: held.pageRows }, { signal })
          .then((got) => {
            held.put(page, got.rows, got.total)
            redraw(id, held)
          })
          .catch((error: unknown) => {
            // No redraw: the grid asks for a failed page again only when it scrolls.
            held.put(page, null, null)
            if (!signal.aborted) patch(id, { message: `Could not read rows: ${messageOf(error)}` })
          })
      }
    },

    countConsoleRows: async (id) => {
      const result = get().consoleTabs.find((t) => t.id === id)?.result
      if (!result?.resultId) return
      const held = result.pages
      try {
        const { total } = await call(
          'console/count',
          { consoleId: id, resultId: result.resultId },
          { signal: held.signal },
        )
        held.total = total
        redraw(id, held)
      } catch (error) {
        if (!held.signal.aborted) {
          patch(id, { message: `Could not count the rows: ${messageOf(error)}` })
        }
      }
    },

    setConsoleOutput: (id, output) => patch(id, { output }),
  }
}
