import { z } from 'zod'
import type { AppErrorData } from '../errors'

export const JobIdSchema = z.string().regex(/^job-[0-9a-z-]{1,64}$/, 'Not a job id')

export type JobKind = 'ingest' | 'import'

/** Pushed a few times per second while a job runs. */
export interface JobProgress {
  jobId: string
  kind: JobKind
  /** Units done so far (rows for generated data, bytes for CSV). */
  done: number
  total: number
  unit: 'rows' | 'bytes'
  rows: number
  ratePerSecond: number
  etaSeconds: number | null
  elapsedMs: number
}

export interface JobSummary {
  rows: number
  durationMs: number
  rowsPerSecond: number
  /** TimescaleDB chunks overlapping the loaded range (null without a hypertable). */
  chunksTouched: number | null
  /** Chunks the load created (null without a hypertable). */
  chunksCreated?: number | null
}

/** Pushed once when a job ends, however it ends. */
export type JobDone =
  | { jobId: string; kind: JobKind; outcome: 'succeeded'; summary: JobSummary }
  | { jobId: string; kind: JobKind; outcome: 'cancelled' | 'failed'; error: AppErrorData }
