/**
 * The two pieces every query the store runs is built from (see
 * docs/architecture.md, "A cancellable query"): the request it has in flight,
 * and a subscription that runs it again when the state it depends on changes.
 */
import type { StoreApi } from 'zustand'

export type QueryStatus = 'idle' | 'loading' | 'ready' | 'error'

/**
 * The request one query has in flight. start() aborts the one before it (its
 * call is cancelled on the backend, and its statement on the server) and
 * returns the signal for the new one: pass it to call(), and drop the outcome
 * of a request whose signal was aborted, since a newer one will report.
 */
export class LatestRequest {
  private controller: AbortController | null = null

  start(): AbortSignal {
    this.controller?.abort()
    this.controller = new AbortController()
    return this.controller.signal
  }

  /** Stops the request in flight, if any; true when there was one. */
  cancel(): boolean {
    const running = this.controller !== null && !this.controller.signal.aborted
    this.controller?.abort()
    this.controller = null
    return running
  }
}

/**
 * Calls `then` whenever one of the values `inputs` picks from the state
 * changes (compared one by one with Object.is): the place that decides when a
 * query runs. `then` gets the new values and the ones before (null the first
 * time any state changes).
 */
export function whenChanged<S, T extends readonly unknown[]>(
  store: Pick<StoreApi<S>, 'subscribe' | 'getState'>,
  inputs: (state: S) => T,
  then: (now: T, before: T | null) => void,
): () => void {
  let last: T | null = null
  return store.subscribe(() => {
    const now = inputs(store.getState())
    const before = last
    if (before && now.length === before.length && now.every((v, i) => Object.is(v, before[i]))) {
      return
    }
    last = now
    then(now, before)
  })
}
