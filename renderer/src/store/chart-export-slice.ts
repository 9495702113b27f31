import type { SliceCreator } from '.'
import { call } from '../api/client'
import { startDownload } from '../api/download'
import { formatCount } from '../format'
import type { LoadJob } from './jobs-state'
import { withStarted } from './jobs-state'

export type CsvMode = 'buckets' | 'raw'

/** "Export CSV" as raw rows: the backend's export job for it, once started. */
export interface RawExport {
  jobId: string | null
  /** The start call is on its way (Electron: its save dialog is open). */
  starting: boolean
  /** Why the export could not start. */
  error: string | null
}

/** "Export CSV": the buckets as plotted (written here), or the raw rows of the range (a job). */
export interface ChartExportSlice {
  csvMode: CsvMode
  rawExport: RawExport
  setCsvMode(mode: CsvMode): void
  /**
   * Starts the backend's export job for the raw rows of the range the chart
   * shows: it streams them through a cursor into the file Electron's dialog
   * picks, or into the download the web host offers, which starts here.
   */
  exportRawRows(fileName: string): Promise<void>
  /** Stops the running export (jobs/cancel): no file is kept. */
  cancelRawExport(): Promise<void>
}

const idle: RawExport = { jobId: null, starting: false, error: null }

export const createChartExportSlice: SliceCreator<ChartExportSlice> = (set, get) => ({
  csvMode: 'buckets',
  rawExport: idle,
  setCsvMode: (csvMode) => set({ csvMode }),
  cancelRawExport: async () => {
    const { jobId } = get().rawExport
    if (jobId) await get().cancelJob(jobId)
  },
  exportRawRows: async (fileName) => {
    const { chartSpec: spec, chartReply: shown, timeZone } = get()
    if (!spec || !shown || get().rawExport.starting) return
    set({ rawExport: { jobId: null, starting: true, error: null } })
    try {
      const reply = await call('series/export', {
        spec,
        from: shown.from,
        to: shown.to,
        timeZone,
        fileName,
      })
      if (!reply.jobId) return set({ rawExport: idle }) // the save dialog was dismissed
      const title = reply.destination.kind === 'file' ? reply.destination.path : fileName
      set((s) => ({
        jobs: withStarted(s.jobs, { jobId: reply.jobId, kind: 'export', title }),
        rawExport: { jobId: reply.jobId, starting: false, error: null },
      }))
      if (reply.destination.kind === 'download') startDownload(reply.destination.url)
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      set({ rawExport: { jobId: null, starting: false, error: message } })
    }
  },
})

/** What "Export CSV" says about a raw export: running (with rows so far) or how it ended. */
export function rawExportStatus(
  raw: RawExport,
  job: LoadJob | undefined,
): { running: boolean; text: string | null } {
  if (raw.starting) return { running: true, text: 'Exporting… 0 rows' }
  if (raw.error) return { running: false, text: `Could not export the rows: ${raw.error}` }
  if (!job) return { running: false, text: null }
  switch (job.status) {
    case 'running':
      return { running: true, text: `Exporting… ${formatCount(job.progress?.rows ?? 0)} rows` }
    case 'succeeded':
      return { running: false, text: `Exported ${formatCount(job.summary?.rows ?? 0)} rows.` }
    case 'cancelled':
      return { running: false, text: 'Export stopped: no file was kept.' }
    case 'failed':
      return {
        running: false,
        text: `Could not export the rows: ${job.error?.message ?? 'the export failed.'}`,
      }
  }
}
