/**
 * A bulk load runs as a series of COPY statements inside its one transaction,
 * each about half a second of the server's work. A statement's end is the
 * server's word that it has taken those rows: parsed, inserted, and (at the
 * end of the statement, where PostgreSQL fires them) its foreign-key checks
 * done. Counting rows sent instead runs ahead of the server by whatever the
 * socket holds and by every foreign-key check still queued, which on the
 * quick-start schema was half the load. Atomicity is unchanged: a failure or
 * a cancel in any statement rolls the whole transaction back.
 */
import { AppError } from '../../../shared/errors'

/** What the server has taken so far, reported after each COPY statement. */
export interface CopyProgress {
  rows: number
  /** Bytes of the source's chunks (tuples, or CSV text including its header). */
  bytes: number
  /** Every chunk of the source has been taken: what is left is the commit. */
  complete: boolean
}

export interface BatchBounds {
  initialBytes: number
  minBytes: number
  maxBytes: number
  /** The server time one statement should take. */
  targetMs: number
}

/**
 * How many bytes the next statement gets: aimed at `targetMs` from the pace of
 * the last one, at most doubling or halving per step so one odd batch (a
 * pause, a burst) does not swing it.
 */
export class CopyBatchSizer {
  private bytes: number

  constructor(private readonly bounds: BatchBounds) {
    this.bytes = bounds.initialBytes
  }

  get limit(): number {
    return this.bytes
  }

  record(bytes: number, ms: number): void {
    // A short last batch, or one too fast to time, says nothing about the pace.
    if (bytes < this.bytes / 2 || ms < 1) return
    const aimed = (bytes * this.bounds.targetMs) / ms
    const stepped = Math.min(this.bytes * 2, Math.max(this.bytes / 2, aimed))
    this.bytes = Math.round(Math.min(this.bounds.maxBytes, Math.max(this.bounds.minBytes, stepped)))
  }
}

/**
 * Server line numbers restart with each COPY statement; say them against the
 * whole file instead (`linesBefore`: the COPY lines of the earlier statements).
 */
export function offsetCopyLine(error: unknown, linesBefore: number): unknown {
  if (!(error instanceof AppError) || linesBefore === 0) return error
  const line = error.detail?.line
  if (typeof line !== 'number') return error
  const fixed = line + linesBefore
  const message = error.message.replace(`line ${line}`, `line ${fixed}`)
  return new AppError(error.code, message, { ...error.detail, line: fixed })
}
