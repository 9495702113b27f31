/**
 * TimescaleDB's background jobs: policies (compression, retention, reorder),
 * continuous aggregate refreshes, its own housekeeping and user jobs. Not the
 * app's jobs (loads, compression runs), which are in jobs.ts.
 */
import { z } from 'zod'
import { HypertableRefSchema } from './hypertables'

export const BackgroundJobIdSchema = z.number().int().min(1).max(2_147_483_647)

export const BackgroundJobsRequestSchema = z.strictObject({
  /** Only the jobs of this hypertable (or of continuous aggregates on it). */
  table: HypertableRefSchema.optional(),
})

export const RunBackgroundJobSchema = z.strictObject({ jobId: BackgroundJobIdSchema })

export const ScheduleBackgroundJobSchema = z.strictObject({
  jobId: BackgroundJobIdSchema,
  /** false pauses the job (the scheduler skips it), true resumes it. */
  scheduled: z.boolean(),
})

export type BackgroundJobKind =
  'compression' | 'retention' | 'refresh' | 'reorder' | 'internal' | 'custom'

export interface BackgroundJob {
  id: number
  /** TimescaleDB's name for it, e.g. "Columnstore Policy [1000]". */
  name: string
  kind: BackgroundJobKind
  /** The procedure it runs, schema-qualified. */
  proc: string
  /** What it works on: a hypertable, or the continuous aggregate whose data it refreshes. */
  relation: { schema: string; name: string; kind: 'hypertable' | 'continuous_aggregate' } | null
  scheduleInterval: string
  /** false: paused. */
  scheduled: boolean
  /** TimescaleDB's job status: Scheduled, Running, Paused. */
  status: string | null
  lastRunStatus: string | null
  lastRunStarted: number | null
  lastSuccess: number | null
  lastDuration: string | null
  nextStart: number | null
  runs: number
  successes: number
  failures: number
  /** The most recent failure on record, with its message as the server gave it. */
  lastError: { message: string; at: number | null } | null
  /** The job's settings as JSON text (cut to a sane length). */
  config: string | null
}

/**
 * Who runs the jobs on schedule. 'running': TimescaleDB's scheduler is running
 * for this database; 'not_running': the server has none (no background
 * workers); 'none': the embedded engine, which has no background workers at
 * all, so jobs run only with "Run now".
 */
export type SchedulerState = 'running' | 'not_running' | 'none'

export interface BackgroundJobList {
  scheduler: SchedulerState
  /** What the scheduler state means for these jobs, in a sentence. */
  note: string
  jobs: BackgroundJob[]
}

export interface BackgroundJobRun {
  job: BackgroundJob
  durationMs: number
}
