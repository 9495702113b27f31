import type {
  CallName,
  CallReply,
  CallRequest,
  EventMap,
  EventName,
  ExplorerClient,
} from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import { explorer } from './bridge'

export interface CallOptions {
  /**
   * Aborting it cancels the call: the backend aborts its handler (and the
   * server its statement), and call() throws AppError 'cancelled' at once.
   */
  signal?: AbortSignal
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))

const cancelled = () => new AppError('cancelled', 'Cancelled.')

/** A call that was cancelled (superseded, or its view left): nothing to tell anyone. */
export const isCancelled = (error: unknown): boolean =>
  error instanceof AppError && error.code === 'cancelled'

/**
 * The one way the renderer calls the backend: resolves with the reply, or
 * throws an AppError (the backend's, or 'internal' when there is no backend).
 * It knows nothing of the store; the store decides what a failure shows.
 */
export function call<N extends CallName>(
  name: N,
  request: CallRequest<N>,
  { signal }: CallOptions = {},
): Promise<CallReply<N>> {
  if (signal?.aborted) return Promise.reject(cancelled())
  return new Promise((resolve, reject) => {
    let client: ExplorerClient
    try {
      client = explorer()
    } catch (error) {
      // No backend at all: say so as an AppError like any other failure.
      reject(new AppError('internal', messageOf(error)))
      return
    }
    // Per call, so two windows (or a reload) never share one.
    const id = crypto.randomUUID()
    const onAbort = () => {
      client.cancel(id)
      reject(cancelled())
    }
    signal?.addEventListener('abort', onAbort, { once: true })
    client.call(name, request, id).then(
      (result) => {
        signal?.removeEventListener('abort', onAbort)
        if (result.ok) resolve(result.value)
        else reject(AppError.fromData(result.error))
      },
      (error: unknown) => {
        signal?.removeEventListener('abort', onAbort)
        reject(new AppError('internal', messageOf(error)))
      },
    )
  })
}

/** Listens to a backend event; returns the unsubscribe. */
export function on<E extends EventName>(
  event: E,
  listener: (payload: EventMap[E]) => void,
): () => void {
  return explorer().on(event, listener)
}
