import type { SliceCreator } from '.'
import { call } from '../api/client'
import { startDownload } from '../api/download'
import { paramsFor } from './console-params'
import { withTab } from './console-tab'
import type { SqlTarget } from './console-run-slice'
import { withStarted } from './jobs-state'

export interface ConsoleExportSlice {
  /**
   * "Export CSV": the whole result of one statement, written by the backend
   * as a job (COPY … TO STDOUT on a server) into a file Electron's dialog
   * picks, or a download the web host offers the browser.
   */
  exportConsole(id: string, target: SqlTarget | null): Promise<void>
}

export const createConsoleExportSlice: SliceCreator<ConsoleExportSlice> = (set, get) => ({
  exportConsole: async (id, target) => {
    const tab = get().consoleTabs.find((t) => t.id === id)
    if (!tab) return
    const patch = (change: Parameters<typeof withTab>[2]) =>
      set((s) => ({ consoleTabs: withTab(s.consoleTabs, id, change) }))
    if (!target?.sql.trim()) {
      patch({ message: 'Nothing to export: put the cursor in a query, or select one.' })
      return
    }
    patch({ busy: 'export', message: null })
    try {
      const reply = await call('console/export', {
        consoleId: id,
        sql: target.sql,
        params: paramsFor(tab.sql, target, tab.params),
        settings: tab.settings,
      })
      patch({ busy: null })
      if (!reply.jobId) return // the save dialog was cancelled
      const title = reply.destination.kind === 'file' ? reply.destination.path : 'the result as CSV'
      set((s) => ({
        jobs: withStarted(s.jobs, { jobId: reply.jobId, kind: 'export', title }),
        consoleTabs: withTab(s.consoleTabs, id, { exportJobId: reply.jobId }),
      }))
      if (reply.destination.kind === 'download') startDownload(reply.destination.url)
    } catch (error) {
      patch({
        busy: null,
        message: `Could not export: ${error instanceof Error ? error.message : String(error)}`,
      })
    }
  },
})
