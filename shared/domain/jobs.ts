import { z } from 'zod'
import type { AppErrorData } from '../errors'

export const JobIdSchema = z.string().regex(/^job-[0-9a-z-]{1,64}$/, 'Not a job id')

/** Loads: sample data and CSV import. */
export type LoadKind = 'ingest' | 'import'
/** Work on a hypertable's chunks, one chunk at a time. */
export type ChunkJobKind = 'compress' | 'decompress'
/** Writing a console result to a file. */
export type ExportKind = 'export'
/** Filling a new continuous aggregate's history, window by window. */
export type RollupKind = 'rollup'
export type JobKind = LoadKind | ExportKind | RollupKind | ChunkJobKind

export function isLoadKind(kind: JobKind): kind is LoadKind {
  return kind === 'ingest' || kind === 'import'
}

export function isChunkJobKind(kind: JobKind): kind is ChunkJobKind {
  return kind === 'compress' || kind === 'decompress'
}

/**
 * What a load is doing: a CSV import first receives the whole file (into a
 * temporary file), then loads it; a load may wait for others to finish first.
 * While loading, `done` counts what the server has taken (not what was sent);
 * finishing: the server has every row, and the commit and ANALYZE are left.
 */
export type JobPhase = 'receiving' | 'waiting' | 'loading' | 'finishing'

/** Pushed a few times per second while a job runs. */
export interface JobProgress {
  jobId: string
  kind: JobKind
  /** Absent: loading. */
  phase?: JobPhase
  /** While waiting: how many loads run or wait ahead of this one. */
  ahead?: number
  /** Units done so far (rows for generated data, bytes for CSV, chunks for compression). */
  done: number
  total: number
  unit: 'rows' | 'bytes' | 'chunks' | 'windows'
  rows: number
  ratePerSecond: number
  /** Null while estimating, and while finishing. */
  etaSeconds: number | null
  elapsedMs: number
  /** What is being worked on now, where it has a name (the chunk being compressed). */
  item?: string
}

export interface JobSummary {
  rows: number
  durationMs: number
  rowsPerSecond: number
  /** TimescaleDB chunks overlapping the loaded range (null without a hypertable). */
  chunksTouched: number | null
  /** Chunks the load created (null without a hypertable). */
  chunksCreated?: number | null
  /** Sample loads: foreign keys checked once for the load, or per row by the server. */
  keyCheck?: 'once' | 'per-row'
  /** Compression jobs: the chunks' total size before and after (bytes). */
  bytesBefore?: number | null
  bytesAfter?: number | null
}

/** Pushed once when a job ends, however it ends. */
export type JobDone =
  | { jobId: string; kind: JobKind; outcome: 'succeeded'; summary: JobSummary }
  | { jobId: string; kind: JobKind; outcome: 'cancelled' | 'failed'; error: AppErrorData }
