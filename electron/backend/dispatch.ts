import type { z } from 'zod'
import { calls, isCallName, type CallResult } from '../../shared/contract'
import { AppError } from '../../shared/errors'
import { LOCAL_CLIENT } from './client-calls'
import { cancelledError } from './db/errors'
import { withSignal } from './db/with-signal'
import type { CallContext, HandlerContext, HandlerMap } from './handlers/types'

const MAX_MESSAGE = 600

/** A signal nobody aborts, for callers with no way to cancel (tests, the bench). */
const never = new AbortController().signal

/**
 * The single entry for every call from any host: the name must be in the
 * contract, the payload must pass the call's zod schema, and whatever happens
 * the reply is an envelope whose error carries no stack and no secret.
 *
 * `signal` is the call's: the handler gets it as ctx.signal (and ctx.db()
 * applies it to every statement). A call cancelled before it starts never
 * reaches its handler; one cancelled while running replies `cancelled`,
 * whatever error the abort made the handler throw. `client` is the window or
 * tab that called (ctx.client).
 */
export async function dispatch(
  handlers: HandlerMap,
  ctx: HandlerContext,
  name: unknown,
  payload: unknown,
  signal: AbortSignal = never,
  client: string = LOCAL_CLIENT,
): Promise<CallResult<unknown>> {
  const fail = (error: AppError): CallResult<unknown> => {
    const data = error.toData()
    data.message = ctx.redactor.redact(data.message)
    return { ok: false, error: data }
  }
  if (!isCallName(name)) {
    const shown = typeof name === 'string' ? `"${name.slice(0, 60)}"` : typeof name
    return fail(new AppError('unknown_call', `Unknown call ${shown}.`))
  }
  const parsed = calls[name].request.safeParse(payload)
  if (!parsed.success) {
    return fail(new AppError('bad_request', describeInvalid(name, parsed.error)))
  }
  if (signal.aborted) return fail(cancelledError())
  const call: CallContext = {
    ...ctx,
    signal,
    client,
    db: () => withSignal(ctx.session.require(), signal),
  }
  try {
    const handler = handlers[name] as (request: unknown, c: CallContext) => Promise<unknown>
    const value = await handler(parsed.data, call)
    return { ok: true, value }
  } catch (error) {
    return fail(signal.aborted ? cancelledError() : toAppError(error, ctx))
  }
}

export function toAppError(
  error: unknown,
  ctx: Pick<HandlerContext, 'log' | 'redactor'>,
): AppError {
  if (error instanceof AppError) return error
  // Anything else is our bug; the user gets a short honest message, the log gets the rest.
  const message = error instanceof Error ? error.message : String(error)
  ctx.log.error('unexpected error in a handler', {
    message,
    stack: error instanceof Error ? error.stack : undefined,
  })
  return new AppError('internal', `Unexpected error: ${message.slice(0, MAX_MESSAGE)}`)
}

/** Names the fields that failed, never echoing the values sent (they may be secrets or huge). */
function describeInvalid(name: string, error: z.ZodError): string {
  const issues = error.issues.slice(0, 5).map((issue) => {
    const path = issue.path.map((p) => String(p).slice(0, 40)).join('.') || '(request)'
    return `${path}: ${issue.message.slice(0, 120)}`
  })
  const more = error.issues.length > 5 ? ` (and ${error.issues.length - 5} more)` : ''
  return `Invalid request for ${name}: ${issues.join('; ')}${more}`.slice(0, MAX_MESSAGE)
}
