import type { SliceCreator } from '.'
import type { ImportTarget } from '../../../shared/domain/csv-import'
import type { SampleDataSpecInput } from '../../../shared/domain/ingest'
import { AppError } from '../../../shared/errors'
import { call, on } from '../api/client'
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
  /** Subscribes to job/progress and job/done (startup calls it once); every other part reads the slice. */
  watchJobs(): void
  /** Starts generating sample data; resolves with the job id, or throws the AppError. */
  startSampleData(spec: SampleDataSpecInput): Promise<string>
  /** Starts a CSV import and streams the file; resolves when the last piece is sent. */
  startImport(file: File, columns: ImportTarget[]): Promise<void>
  cancelJob(jobId: string): Promise<void>
  /** Forgets the finished active job (its outcome has been read). */
  dismissActiveJob(): void
}

export const createJobsSlice: SliceCreator<JobsSlice> = (set, get) => ({
  jobs: {},
  activeJobId: null,
  dataVersion: 0,

  watchJobs: () => {
    on('job/progress', (progress) => set((s) => ({ jobs: withProgress(s.jobs, progress) })))
    on('job/done', (done) =>
      set((s) => ({ jobs: withDone(s.jobs, done), dataVersion: s.dataVersion + 1 })),
    )
  },

  startSampleData: async (spec) => {
    const { jobId, prepared } = await call('ingest/start', spec)
    set((s) => ({
      jobs: withStarted(s.jobs, { jobId, kind: 'ingest', title: 'Sample data', prepared }),
      activeJobId: jobId,
      dataVersion: prepared.length > 0 ? s.dataVersion + 1 : s.dataVersion,
    }))
    return jobId
  },

  startImport: async (file, columns) => {
    if (file.size === 0) {
      throw new AppError('invalid_input', `${file.name} is empty: there is nothing to import.`)
    }
    const { jobId } = await call('import/start', {
      fileName: file.name.slice(0, 255) || 'readings.csv',
      totalBytes: file.size,
      columns,
      // Times in the file without an offset are wall clocks in the display zone.
      timeZone: get().timeZone,
    })
    set((s) => ({
      jobs: withStarted(s.jobs, { jobId, kind: 'import', title: file.name }),
      activeJobId: jobId,
    }))
    try {
      // One piece at a time: each call resolves when the backend has room (backpressure).
      for await (const piece of filePieces(file)) {
        if (get().jobs[jobId]?.status !== 'running') return
        await call('import/chunk', { jobId, bytes: piece.bytes, last: piece.last })
      }
    } catch (error) {
      // The backend refuses pieces once the import has ended; job/done says why.
      if (error instanceof AppError) return
      // The file could not be read (moved, changed, permissions): stop the import.
      await call('jobs/cancel', { jobId }).catch(() => {})
      get().reportFailure(`Could not read ${file.name}`, error)
    }
  },

  cancelJob: async (jobId) => {
    const job = get().jobs[jobId]
    if (!job || job.status !== 'running') return
    set((s) => ({ jobs: withCancelling(s.jobs, jobId) }))
    try {
      await call('jobs/cancel', { jobId })
    } catch (error) {
      get().reportFailure('Could not cancel', error)
    }
  },

  dismissActiveJob: () => {
    const job = get().activeJobId ? get().jobs[get().activeJobId!] : undefined
    if (job && job.status !== 'running') set({ activeJobId: null })
  },
})
