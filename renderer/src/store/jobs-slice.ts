import type { SliceCreator } from '.'
import type { ImportTarget } from '../../../shared/domain/csv-import'
import type { SampleDataSpecInput } from '../../../shared/domain/ingest'
import { AppError } from '../../../shared/errors'
import { call, on } from '../api/client'
import { filePieces } from '../components/loads/csv-file'
import type { Age, HypertableRef } from '../../../shared/domain/hypertables'
import { isChunkJobKind, type ChunkJobKind, type JobKind } from '../../../shared/domain/jobs'
import {
  withCancelling,
  withDone,
  withProgress,
  withStarted,
  type ChunkJob,
  type EventOf,
  type LoadJob,
} from './jobs-state'

export interface JobsSlice {
  /** Loads (sample data, CSV imports) and console exports: what the load panel shows. */
  jobs: Record<string, LoadJob>
  /** Compressing and decompressing chunks: what a hypertable's Compression tab shows. */
  chunkJobs: Record<string, ChunkJob>
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
  /** Starts compressing (or decompressing) a hypertable's chunks older than an age (null: all). */
  startChunkJob(kind: ChunkJobKind, table: HypertableRef, olderThan: Age | null): Promise<void>
  /** Cancels a load or a chunk job (the one jobs/cancel). */
  cancelJob(jobId: string): Promise<void>
  /** Forgets the finished active job (its outcome has been read). */
  dismissActiveJob(): void
}

const isLoad = <E extends { kind: JobKind }>(event: E): event is EventOf<E, LoadJob['kind']> =>
  !isChunkJobKind(event.kind)
const isChunkJob = <E extends { kind: JobKind }>(event: E): event is EventOf<E, ChunkJobKind> =>
  isChunkJobKind(event.kind)

export const createJobsSlice: SliceCreator<JobsSlice> = (set, get) => ({
  jobs: {},
  chunkJobs: {},
  activeJobId: null,
  dataVersion: 0,

  watchJobs: () => {
    on('job/progress', (progress) => {
      if (isChunkJob(progress)) set((s) => ({ chunkJobs: withProgress(s.chunkJobs, progress) }))
      else if (isLoad(progress)) set((s) => ({ jobs: withProgress(s.jobs, progress) }))
    })
    on('job/done', (done) => {
      if (isChunkJob(done))
        set((s) => ({ chunkJobs: withDone(s.chunkJobs, done), dataVersion: s.dataVersion + 1 }))
      else if (isLoad(done))
        set((s) => ({
          jobs: withDone(s.jobs, done),
          // An export reads; a load (or a cancelled one's createMissing step) may have changed data.
          dataVersion: done.kind === 'export' ? s.dataVersion : s.dataVersion + 1,
        }))
    })
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

  startChunkJob: async (kind, table, olderThan) => {
    try {
      const name = kind === 'compress' ? 'hypertables/compress' : 'hypertables/decompress'
      const { jobId, chunks } = await call(name, { table, olderThan })
      const title = `${table.schema}.${table.name}`
      set((s) => ({
        chunkJobs: withStarted(s.chunkJobs, { jobId, kind, title, prepared: chunks }),
      }))
    } catch (error) {
      get().reportFailure(
        kind === 'compress' ? 'Could not compress the chunks' : 'Could not decompress the chunks',
        error,
      )
    }
  },

  cancelJob: async (jobId) => {
    const load = get().jobs[jobId]
    const chunkJob = get().chunkJobs[jobId]
    if ((load ?? chunkJob)?.status !== 'running') return
    set((s) =>
      load
        ? { jobs: withCancelling(s.jobs, jobId) }
        : { chunkJobs: withCancelling(s.chunkJobs, jobId) },
    )
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
