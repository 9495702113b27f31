import type { ProgressUpdate } from '../jobs'

/** Turns "n of total done" into what the progress bar shows: rate and time left. */
export class ProgressMeter {
  private started: number

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
  }

  elapsedMs(): number {
    return this.now() - this.started
  }

  update(done: number, rows: number): ProgressUpdate {
    const seconds = this.elapsedMs() / 1000
    const perSecond = seconds > 0 ? done / seconds : 0
    const remaining = Math.max(0, this.total - done)
    return {
      done,
      total: this.total,
      unit: this.unit,
      rows,
      ratePerSecond: this.unit === 'rows' ? perSecond : seconds > 0 ? rows / seconds : 0,
      etaSeconds: perSecond > 0 ? remaining / perSecond : null,
    }
  }
}
