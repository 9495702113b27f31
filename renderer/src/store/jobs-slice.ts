import type { SliceCreator } from '.'
import type { ImportTarget } from '../../../shared/domain/csv-import'
import type { SampleDataSpecInput } from '../../../shared/domain/ingest'
import { AppError } from '../../../shared/errors'
import { explorer } from '../api/bridge'
import { call } from '../api/client'
import { filePieces } from '../components/loads/csv-file'
import { withCancelling, withDone, withProgress, withStarted, type LoadJob } from './jobs-state'

export interface JobsSlice {
  jobs: Record<string, LoadJob>
  /** The load this window started last: the one the load panel and dialog show. */
  activeJobId: string | null
  /**
   * Goes up whenever rows or tables may have changed (a load ended, or its
   * createMissing step made the schema): views that show counts watch it.
   */
  dataVersion: number
  /** Subscribes to job/progress and job/done once; every other part reads the slice. */
  watchJobs(): void
  /** Starts generating sample data; resolves with the job id, or throws the AppError. */
  startSampleData(spec: SampleDataSpecInput): Promise<string>
  /** Starts a CSV import and streams the file; resolves when the last piece is sent. */
  startImport(file: File, columns: ImportTarget[]): Promise<void>
  cancelJob(jobId: string): Promise<void>
  /** Forgets the finished active job (its outcome has been read). */
  dismissActiveJob(): void
}

let watching = false

export const createJobsSlice: SliceCreator<JobsSlice> = (set, get) => ({
  jobs: {},
  activeJobId: null,
  dataVersion: 0,

  watchJobs: () => {
    if (watching) return
    let client: ReturnType<typeof explorer>
    try {
      client = explorer()
    } catch {
      // No backend to listen to (the page was opened without its token); startup says so.
      return
    }
    watching = true
    client.on('job/progress', (progress) => set((s) => ({ jobs: withProgress(s.jobs, progress) })))
    client.on('job/done', (done) =>
      set((s) => ({ jobs: withDone(s.jobs, done), dataVersion: s.dataVersion + 1 })),
    )
  },

  startSampleData: async (spec) => {
    get().watchJobs()
    const { jobId, prepared } = await call('ingest/start', spec, { quiet: true })
    set((s) => ({
      jobs: withStarted(s.jobs, { jobId, kind: 'ingest', title: 'Sample data', prepared }),
      activeJobId: jobId,
      dataVersion: prepared.length > 0 ? s.dataVersion + 1 : s.dataVersion,
    }))
    return jobId
  },

  startImport: async (file, columns) => {
    get().watchJobs()
    if (file.size === 0) {
      throw new AppError('invalid_input', `${file.name} is empty: there is nothing to import.`)
    }
    const { jobId } = await call(
      'import/start',
      { fileName: file.name.slice(0, 255) || 'readings.csv', totalBytes: file.size, columns },
      { quiet: true },
    )
    set((s) => ({
      jobs: withStarted(s.jobs, { jobId, kind: 'import', title: file.name }),
      activeJobId: jobId,
    }))
    try {
      // One piece at a time: each call resolves when the backend has room (backpressure).
      for await (const piece of filePieces(file)) {
        if (get().jobs[jobId]?.status !== 'running') return
        await call('import/chunk', { jobId, bytes: piece.bytes, last: piece.last }, { quiet: true })
      }
    } catch (error) {
      // The backend refuses pieces once the import has ended; job/done says why.
      if (error instanceof AppError) return
      // The file could not be read (moved, changed, permissions): stop the import.
      await call('jobs/cancel', { jobId }, { quiet: true }).catch(() => {})
      get().notify({
        kind: 'error',
        title: `Could not read ${file.name}`,
        message: error instanceof Error ? error.message : String(error),
      })
    }
  },

  cancelJob: async (jobId) => {
    const job = get().jobs[jobId]
    if (!job || job.status !== 'running') return
    set((s) => ({ jobs: withCancelling(s.jobs, jobId) }))
    await call('jobs/cancel', { jobId }).catch(() => {})
  },

  dismissActiveJob: () => {
    const job = get().activeJobId ? get().jobs[get().activeJobId!] : undefined
    if (job && job.status !== 'running') set({ activeJobId: null })
  },
})
