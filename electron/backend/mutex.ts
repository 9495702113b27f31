import { cancelledError } from './db/errors'

/**
 * A FIFO lock. The embedded engine is a single session, so a transaction must
 * own it from BEGIN to COMMIT; waiting callers can give up through a signal.
 */
export class Mutex {
  private tail: Promise<void> = Promise.resolve()

  async run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const previous = this.tail
    let unlock!: () => void
    this.tail = new Promise<void>((resolve) => (unlock = resolve))
    try {
      await abortable(previous, signal)
      return await work()
    } finally {
      // Release only after our predecessor finished, even if we gave up waiting.
      void previous.then(unlock)
    }
  }
}

function abortable(wait: Promise<void>, signal?: AbortSignal): Promise<void> {
  if (!signal) return wait
  if (signal.aborted) return Promise.reject(cancelledError())
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(cancelledError())
    signal.addEventListener('abort', onAbort, { once: true })
    void wait.then(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    })
  })
}
