import type { CallName, CallReply, CallRequest } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import { useStore } from '../store'
import { explorer } from './bridge'

export interface CallOptions {
  /** Skip the notification: the caller shows the error itself (e.g. inline in a form). */
  quiet?: boolean
  /** Title of the notification if the call fails. */
  failure?: string
}

/**
 * The one way the UI calls the backend. A failed call becomes a visible
 * notification here, in one place, and is thrown as an AppError for callers
 * that need to react.
 */
export async function call<N extends CallName>(
  name: N,
  request: CallRequest<N>,
  options: CallOptions = {},
): Promise<CallReply<N>> {
  let error: AppError
  try {
    const result = await explorer().call(name, request, crypto.randomUUID())
    if (result.ok) return result.value
    error = AppError.fromData(result.error)
  } catch (thrown) {
    error = new AppError('internal', thrown instanceof Error ? thrown.message : String(thrown))
  }
  if (!options.quiet && error.code !== 'cancelled') {
    useStore.getState().notify({
      kind: 'error',
      title: options.failure ?? `${name} failed`,
      message: error.message,
    })
  }
  throw error
}
