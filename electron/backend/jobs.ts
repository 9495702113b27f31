import { randomUUID } from 'node:crypto'
import type { JobKind, JobProgress, JobSummary } from '../../shared/domain/jobs'
import { AppError } from '../../shared/errors'
import type { Emit } from './events'
import type { Logger } from './log'

export type ProgressUpdate = Omit<JobProgress, 'jobId' | 'kind' | 'elapsedMs'>

export interface JobContext {
  id: string
  signal: AbortSignal
  /** Reports progress; pushed at most every `intervalMs` unless `force`d. */
  progress(update: ProgressUpdate, force?: boolean): void
}

/**
 * Thrown by a job that was cancelled to say what the cancel left behind, when
 * that is not "nothing" (compression stops between chunks, keeping those done).
 */
export class JobCancelled extends AppError {
  constructor(message: string, detail?: AppError['detail']) {
    super('cancelled', message, detail)
  }
}

export interface JobRegistryOptions {
  emit: Emit
  log: Logger
  /** How often progress may be pushed; a few times per second by default. */
  intervalMs?: number
  toAppError(error: unknown): AppError
}

interface RunningJob {
  kind: JobKind
  controller: AbortController
  done: Promise<void>
}

/**
 * Long work as jobs: start returns an id at once, progress and the outcome are
 * pushed as events carrying that id, and cancel aborts through the job's
 * AbortController.
 */
export class JobRegistry {
  private readonly jobs = new Map<string, RunningJob>()
  private readonly intervalMs: number

  constructor(private readonly options: JobRegistryOptions) {
    this.intervalMs = options.intervalMs ?? 250
  }

  start(kind: JobKind, run: (ctx: JobContext) => Promise<JobSummary>): string {
    const id = `job-${randomUUID()}`
    const controller = new AbortController()
    const started = performance.now()
    let lastPush = Number.NEGATIVE_INFINITY
    const ctx: JobContext = {
      id,
      signal: controller.signal,
      progress: (update, force = false) => {
        const now = performance.now()
        if (!force && now - lastPush < this.intervalMs) return
        lastPush = now
        this.options.emit('job/progress', {
          ...update,
          jobId: id,
          kind,
          elapsedMs: Math.round(now - started),
        })
      },
    }
    const done = this.execute(id, kind, ctx, run).finally(() => this.jobs.delete(id))
    this.jobs.set(id, { kind, controller, done })
    return id
  }

  private async execute(
    id: string,
    kind: JobKind,
    ctx: JobContext,
    run: (ctx: JobContext) => Promise<JobSummary>,
  ): Promise<void> {
    // Let start() return the id before any event about it can be pushed.
    await Promise.resolve()
    try {
      const summary = await run(ctx)
      this.options.emit('job/done', { jobId: id, kind, outcome: 'succeeded', summary })
    } catch (error) {
      const appError = !ctx.signal.aborted
        ? this.options.toAppError(error)
        : error instanceof JobCancelled
          ? error
          : new AppError('cancelled', 'Cancelled. Nothing was saved.')
      if (!ctx.signal.aborted)
        this.options.log.warn('job failed', { id, kind, code: appError.code })
      this.options.emit('job/done', {
        jobId: id,
        kind,
        outcome: ctx.signal.aborted ? 'cancelled' : 'failed',
        error: appError.toData(),
      })
    }
  }

  /** Returns false when no such job is running (already finished, or never existed). */
  cancel(id: string): boolean {
    const job = this.jobs.get(id)
    if (!job) return false
    job.controller.abort()
    return true
  }

  get runningIds(): string[] {
    return [...this.jobs.keys()]
  }

  /** Waits until every job running now has finished, without cancelling any. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.jobs.values()].map((job) => job.done))
  }

  /** Cancels every job and waits for each to wind down (rollback included). */
  async cancelAll(): Promise<void> {
    const all = [...this.jobs.values()]
    for (const job of all) job.controller.abort()
    await Promise.allSettled(all.map((job) => job.done))
  }
}
