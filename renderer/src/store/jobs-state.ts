import type { AppErrorData } from '../../../shared/errors'
import type {
  ChunkJobKind,
  ExportKind,
  RollupKind,
  JobDone,
  JobKind,
  JobProgress,
  JobSummary,
  LoadKind,
} from '../../../shared/domain/jobs'

export type JobStatus = 'running' | 'succeeded' | 'cancelled' | 'failed'

/** A job as the UI shows it: what was asked, how far it got, how it ended. */
export interface TrackedJob<K extends JobKind = JobKind> {
  jobId: string
  kind: K
  /**
   * A load: "Sample data" or the CSV file's name; a chunk job: its hypertable
   * (schema.name). Empty until the start call's reply names it.
   */
  title: string
  /**
   * A load: what createMissing did before it (e.g. "created table sensors");
   * a chunk job: the chunks it works through, oldest first.
   */
  prepared: string[]
  status: JobStatus
  progress: JobProgress | null
  summary: JobSummary | null
  error: AppErrorData | null
  cancelling: boolean
}

/** Sample data, CSV imports, console exports and rollup fills: the load panel's. */
export type LoadJob = TrackedJob<LoadKind | ExportKind | RollupKind>
/** Compressing or decompressing chunks: the hypertable's Compression tab's. */
export type ChunkJob = TrackedJob<ChunkJobKind>

/** An event of a job of kind K. */
export type EventOf<E extends { kind: JobKind }, K extends JobKind> = E & { kind: K }

/** Jobs kept for display; older ones are dropped. */
const KEEP = 12

function blank<K extends JobKind>(jobId: string, kind: K): TrackedJob<K> {
  return {
    jobId,
    kind,
    title: '',
    prepared: [],
    status: 'running',
    progress: null,
    summary: null,
    error: null,
    cancelling: false,
  }
}

function put<K extends JobKind>(
  jobs: Record<string, TrackedJob<K>>,
  job: TrackedJob<K>,
): Record<string, TrackedJob<K>> {
  const next = { ...jobs, [job.jobId]: job }
  const ids = Object.keys(next)
  for (const id of ids.slice(0, Math.max(0, ids.length - KEEP))) delete next[id]
  return next
}

/**
 * Events can arrive before the start call's reply (the backend pushes the
 * first progress at once), so any event creates the job's entry and the
 * reply fills in the rest.
 */
export function withStarted<K extends JobKind>(
  jobs: Record<string, TrackedJob<K>>,
  started: Pick<TrackedJob<K>, 'jobId' | 'kind' | 'title'> & { prepared?: string[] },
): Record<string, TrackedJob<K>> {
  const job = jobs[started.jobId] ?? blank(started.jobId, started.kind)
  return put(jobs, { ...job, title: started.title, prepared: started.prepared ?? [] })
}

export function withProgress<K extends JobKind>(
  jobs: Record<string, TrackedJob<K>>,
  progress: EventOf<JobProgress, K>,
): Record<string, TrackedJob<K>> {
  const job = jobs[progress.jobId] ?? blank(progress.jobId, progress.kind)
  // A late progress event must not turn a finished job back into a running one.
  if (job.status !== 'running') return jobs
  return put(jobs, { ...job, progress })
}

export function withDone<K extends JobKind>(
  jobs: Record<string, TrackedJob<K>>,
  done: EventOf<JobDone, K>,
): Record<string, TrackedJob<K>> {
  const job = jobs[done.jobId] ?? blank(done.jobId, done.kind)
  if (done.outcome === 'succeeded') {
    const progress = job.progress && {
      ...job.progress,
      done: job.progress.total,
      rows: done.summary.rows,
    }
    return put(jobs, { ...job, status: 'succeeded', summary: done.summary, progress })
  }
  return put(jobs, { ...job, status: done.outcome, error: done.error, cancelling: false })
}

export function withCancelling<K extends JobKind>(
  jobs: Record<string, TrackedJob<K>>,
  jobId: string,
): Record<string, TrackedJob<K>> {
  const job = jobs[jobId]
  if (!job || job.status !== 'running') return jobs
  return put(jobs, { ...job, cancelling: true })
}

/** The newest chunk job on a hypertable (its title is schema.name), if any. */
export function latestChunkJob(
  jobs: Record<string, ChunkJob>,
  title: string,
): ChunkJob | undefined {
  return Object.values(jobs)
    .filter((job) => job.title === title)
    .at(-1)
}
