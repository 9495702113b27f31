import type { ProgressUpdate } from '../jobs'

/** Time left is judged on at least this much recent history. */
const MIN_WINDOW_MS = 2000

interface Sample {
  at: number
  done: number
}

/** Turns "n of total done" into what the progress bar shows: rate and time left. */
export class ProgressMeter {
  private started: number
  /** (elapsed ms, done) at each update while loading, oldest first. */
  private samples: Sample[] = [{ at: 0, done: 0 }]

  constructor(
    private readonly total: number,
    private readonly unit: 'rows' | 'bytes',
    private readonly now: () => number = () => performance.now(),
  ) {
    this.started = now()
  }

  /** Counts from now, e.g. once a load that had to wait for its turn starts. */
  restart(): void {
    this.started = this.now()
    this.samples = [{ at: 0, done: 0 }]
  }

  elapsedMs(): number {
    return this.now() - this.started
  }

  /**
   * `done` and `rows` as the server has taken them (see db/copy-batches.ts).
   * The rate is the whole load's so far, which is what its final figure will
   * be. Time left goes by the pace since the first quarter of the time so
   * far: a slow start (a first chunk to create, a warming cache) should not
   * make the rest look longer, and a longer window rides out a busy moment.
   * Finishing (the server has every row): no time left to estimate.
   */
  update(done: number, rows: number, phase: 'loading' | 'finishing' = 'loading'): ProgressUpdate {
    const at = this.elapsedMs()
    const seconds = at / 1000
    const perSecond = seconds > 0 ? done / seconds : 0
    let etaSeconds: number | null = null
    if (phase === 'loading') {
      this.samples.push({ at, done })
      const pace = this.recentPace(at, done)
      if (pace > 0) etaSeconds = Math.max(0, this.total - done) / pace
    }
    return {
      done,
      total: this.total,
      unit: this.unit,
      rows,
      ratePerSecond: this.unit === 'rows' ? perSecond : seconds > 0 ? rows / seconds : 0,
      etaSeconds,
      phase,
    }
  }

  /** Units per second since the latest sample in the first quarter of the elapsed time (or 2 s ago). */
  private recentPace(at: number, done: number): number {
    const since = at - Math.max(MIN_WINDOW_MS, (at * 3) / 4)
    let from = this.samples[0]!
    for (const sample of this.samples) {
      if (sample.at > since) break
      from = sample
    }
    const ms = at - from.at
    return ms > 0 ? ((done - from.done) * 1000) / ms : 0
  }
}
