import { cancelledError } from '../errors'

export interface SlotWait {
  signal?: AbortSignal
  /** Give up after this long (none: wait as long as it takes). */
  timeoutMs?: number
  /** The error to give up with. */
  timedOut?: () => Error
  /** Called when the caller has to wait, and again as the queue moves: how many are ahead (running or waiting). */
  onWait?: (ahead: number) => void
}

interface Waiter {
  grant(): void
  onWait?: (ahead: number) => void
}

/**
 * A fixed number of slots handed out in arrival order: at most `size` holders
 * at once, the others queue, can give up (signal or timeout), and are told how
 * many are ahead of them.
 */
export class Slots {
  private used = 0
  private readonly queue: Waiter[] = []

  constructor(readonly size: number) {}

  get inUse(): number {
    return this.used
  }

  /** Resolves with the function that gives the slot back (call it exactly once). */
  acquire(wait: SlotWait = {}): Promise<() => void> {
    if (wait.signal?.aborted) return Promise.reject(cancelledError())
    if (this.used < this.size && this.queue.length === 0) {
      this.used++
      return Promise.resolve(this.releaser())
    }
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined
      const leave = (error: Error) => {
        const at = this.queue.indexOf(waiter)
        if (at < 0) return
        this.queue.splice(at, 1)
        cleanup()
        reject(error)
        this.tellPositions(at)
      }
      const onAbort = () => leave(cancelledError())
      const cleanup = () => {
        clearTimeout(timer)
        wait.signal?.removeEventListener('abort', onAbort)
      }
      const waiter: Waiter = {
        grant: () => {
          cleanup()
          resolve(this.releaser())
        },
        ...(wait.onWait ? { onWait: wait.onWait } : {}),
      }
      this.queue.push(waiter)
      wait.signal?.addEventListener('abort', onAbort, { once: true })
      if (wait.timeoutMs !== undefined) {
        timer = setTimeout(
          () => leave(wait.timedOut?.() ?? new Error('timed out waiting')),
          wait.timeoutMs,
        )
      }
      wait.onWait?.(this.used + this.queue.length - 1)
    })
  }

  private releaser(): () => void {
    let released = false
    return () => {
      if (released) return
      released = true
      const next = this.queue.shift()
      // The slot passes straight to the next in line; the count stays the same.
      if (next) {
        next.grant()
        this.tellPositions(0)
      } else this.used--
    }
  }

  private tellPositions(from: number): void {
    for (let i = from; i < this.queue.length; i++) this.queue[i]!.onWait?.(this.used + i)
  }
}
