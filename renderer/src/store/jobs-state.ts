import type { AppErrorData } from '../../../shared/errors'
import type { JobDone, JobKind, JobProgress, JobSummary } from '../../../shared/domain/jobs'

export type JobStatus = 'running' | 'succeeded' | 'cancelled' | 'failed'

/** A load as the UI shows it: what was asked, how far it got, how it ended. */
export interface LoadJob {
  jobId: string
  kind: JobKind
  /** "Sample data" or the CSV file's name; empty until the start call's reply names it. */
  title: string
  /** What createMissing did before the load (e.g. "created table sensors"). */
  prepared: string[]
  status: JobStatus
  progress: JobProgress | null
  summary: JobSummary | null
  error: AppErrorData | null
  cancelling: boolean
}

/** Jobs kept for display; older ones are dropped. */
const KEEP = 12

function blank(jobId: string, kind: JobKind): LoadJob {
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

function put(jobs: Record<string, LoadJob>, job: LoadJob): Record<string, LoadJob> {
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
export function withStarted(
  jobs: Record<string, LoadJob>,
  started: Pick<LoadJob, 'jobId' | 'kind' | 'title'> & { prepared?: string[] },
): Record<string, LoadJob> {
  const job = jobs[started.jobId] ?? blank(started.jobId, started.kind)
  return put(jobs, { ...job, title: started.title, prepared: started.prepared ?? [] })
}

export function withProgress(
  jobs: Record<string, LoadJob>,
  progress: JobProgress,
): Record<string, LoadJob> {
  const job = jobs[progress.jobId] ?? blank(progress.jobId, progress.kind)
  // A late progress event must not turn a finished job back into a running one.
  if (job.status !== 'running') return jobs
  return put(jobs, { ...job, progress })
}

export function withDone(jobs: Record<string, LoadJob>, done: JobDone): Record<string, LoadJob> {
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

export function withCancelling(
  jobs: Record<string, LoadJob>,
  jobId: string,
): Record<string, LoadJob> {
  const job = jobs[jobId]
  if (!job || job.status !== 'running') return jobs
  return put(jobs, { ...job, cancelling: true })
}
