import { readFileSync, writeFileSync } from 'node:fs'

const MB = 1024 * 1024

/**
 * This process's resident memory (RSS: the heap, buffers, WASM memory of the
 * embedded engine's worker thread, everything), and its peak since start().
 * On Linux the peak is the kernel's own high-water mark (VmHWM), reset through
 * /proc/self/clear_refs, so no spike between samples is missed; elsewhere it
 * is sampled every 10 ms.
 */
export class PeakRss {
  private baseline = 0
  private sampled = 0
  private timer: NodeJS.Timeout | null = null
  private readonly kernel = canResetHighWaterMark()

  /** Starts measuring from now; returns the RSS in MB at this moment. */
  start(): number {
    if (this.kernel) writeFileSync('/proc/self/clear_refs', '5')
    this.baseline = process.memoryUsage.rss()
    this.sampled = this.baseline
    this.timer ??= setInterval(() => {
      this.sampled = Math.max(this.sampled, process.memoryUsage.rss())
    }, 10)
    this.timer.unref()
    return this.baseline / MB
  }

  /** How far the RSS now is above the baseline, in MB (cheap; for stopping a runaway test early). */
  currentGrowthMb(): number {
    return (process.memoryUsage.rss() - this.baseline) / MB
  }

  /** The highest RSS since start(), above the baseline, in MB. */
  peakGrowthMb(): number {
    const peak = this.kernel ? highWaterMark() : Math.max(this.sampled, process.memoryUsage.rss())
    return (peak - this.baseline) / MB
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }
}

function highWaterMark(): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))
  return Number(match?.[1] ?? 0) * 1024
}

function canResetHighWaterMark(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5')
    return highWaterMark() > 0
  } catch {
    return false
  }
}
