import type { SliceCreator } from '.'
import type { RowsCursor, RowsPage } from '../../../shared/domain/raw-rows'
import { call } from '../api/client'
import { csvCell } from '../components/charts/chart-data'
import { formatCount } from '../format'
import { LatestRequest } from './query'

/** Rows per page: each page is one bounded statement and one bounded reply. */
const PAGE_ROWS = 10_000
/** A raw export stops here and says so: beyond it a file is better made with psql's \copy. */
export const MAX_EXPORT_ROWS = 2_000_000

export type CsvMode = 'buckets' | 'raw'

export interface RawExport {
  status: 'idle' | 'running' | 'done' | 'error'
  rows: number
  message: string | null
}

/** "Export CSV": the buckets as plotted, or the raw rows of the range shown, page by page. */
export interface ChartExportSlice {
  csvMode: CsvMode
  rawExport: RawExport
  setCsvMode(mode: CsvMode): void
  /** The raw rows of the range the chart shows, as CSV pieces; null when stopped or failed. */
  exportRawRows(): Promise<string[] | null>
  cancelRawExport(): void
}

const idle: RawExport = { status: 'idle', rows: 0, message: null }

export const createChartExportSlice: SliceCreator<ChartExportSlice> = (set, get) => {
  const running = new LatestRequest()
  return {
    csvMode: 'buckets',
    rawExport: idle,
    setCsvMode: (csvMode) => set({ csvMode }),
    cancelRawExport: () => {
      if (running.cancel()) set({ rawExport: { ...get().rawExport, status: 'idle' } })
    },
    exportRawRows: async () => {
      const { chartSpec: spec, chartReply: shown, timeZone } = get()
      if (!spec || !shown) return null
      const signal = running.start()
      const parts: string[] = []
      let rows = 0
      let cursor: RowsCursor | null = null
      set({ rawExport: { status: 'running', rows: 0, message: null } })
      try {
        do {
          const page: RowsPage = await call(
            'series/rows',
            { spec, from: shown.from, to: shown.to, timeZone, cursor, limit: PAGE_ROWS },
            { signal },
          )
          if (parts.length === 0) parts.push(`${page.columns.map(csvCell).join(',')}\r\n`)
          const lines = page.rows.map((r) => r.map((v) => (v === null ? '' : csvCell(v))).join(','))
          if (lines.length > 0) parts.push(`${lines.join('\r\n')}\r\n`)
          rows += page.rows.length
          cursor = page.next
          set({ rawExport: { status: 'running', rows, message: null } })
        } while (cursor && rows < MAX_EXPORT_ROWS)
        const message = cursor
          ? `Stopped at ${formatCount(rows)} rows: narrow the range (or use psql's \\copy) for the rest.`
          : `Exported ${formatCount(rows)} rows.`
        set({ rawExport: { status: 'done', rows, message } })
        return parts
      } catch (error) {
        if (signal.aborted) return null
        const message = error instanceof Error ? error.message : String(error)
        set({
          rawExport: { status: 'error', rows, message: `Could not export the rows: ${message}` },
        })
        return null
      }
    },
  }
}
