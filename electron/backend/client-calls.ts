import { randomUUID } from 'node:crypto'
import type { CallResult } from '../../shared/contract'
import { AppError } from '../../shared/errors'

/** Who calls when no window or tab does (tests, the bench): Backend.dispatch. */
export const LOCAL_CLIENT = 'local'

export type Run = (
  name: unknown,
  payload: unknown,
  signal: AbortSignal,
  client: string,
) => Promise<CallResult<unknown>>

/** How many cancels for ids not (yet) running are remembered. */
const EARLY_CANCELS = 64

/**
 * The calls of one client (an Electron window, a web-host tab), in flight by
 * the request id the client gave them. cancel(id) aborts that call's signal;
 * close() aborts every call (the window closed, the socket dropped). Each
 * client has its own ids and its own calls: one client never cancels another's.
 */
export class ClientCalls {
  /** This client's id, as handlers see it (ctx.client): what it owns is released on close(). */
  readonly id: string = randomUUID()
  private readonly inFlight = new Map<string, AbortController>()
  /** Cancels that arrived before their call; a client never reuses an id. */
  private readonly early = new Set<string>()
  private closed = false

  /** `onClose` releases what the client held beyond its calls (its console tabs' sessions). */
  constructor(
    private readonly run: Run,
    private readonly onClose: (client: string) => void = () => {},
  ) {}

  async call(id: string, name: unknown, payload: unknown): Promise<CallResult<unknown>> {
    if (this.inFlight.has(id)) {
      const error = new AppError('bad_request', 'A call with this request id is still running.')
      return { ok: false, error: error.toData() }
    }
    const controller = new AbortController()
    if (this.closed || this.early.delete(id)) controller.abort()
    this.inFlight.set(id, controller)
    try {
      return await this.run(name, payload, controller.signal, this.id)
    } finally {
      this.inFlight.delete(id)
    }
  }

  /** Aborts the call with this id; false when none is running (finished, or not yet arrived). */
  cancel(id: string): boolean {
    const controller = this.inFlight.get(id)
    if (controller) {
      controller.abort()
      return true
    }
    this.early.add(id)
    if (this.early.size > EARLY_CANCELS) this.early.delete(this.early.values().next().value!)
    return false
  }

  /** The client went away: abort everything it started, and anything it would still send. */
  close(): void {
    if (this.closed) return
    this.closed = true
    for (const controller of this.inFlight.values()) controller.abort()
    this.onClose(this.id)
  }

  get running(): number {
    return this.inFlight.size
  }
}
