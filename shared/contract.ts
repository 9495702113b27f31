/**
 * The IPC contract: every call the renderer can make, with the zod schema its
 * request must pass and the type of its reply, and every event the backend
 * pushes. Both hosts (Electron's ipcMain and the loopback web host) carry
 * exactly this, and the backend's handler map must implement all of it.
 * The calls are defined per domain in ./calls/ and joined here.
 */
import type { z } from 'zod'
import type { AppErrorData } from './errors'
import type { HostKind } from './domain/app'
import type { ConnectionState } from './domain/connection'
import type { ConsoleClosedEvent } from './domain/console'
import type { JobDone, JobProgress } from './domain/jobs'
import { consoleCalls } from './calls/console'
import { exploreCalls } from './calls/explore'
import { hypertableCalls } from './calls/hypertables'
import { quickStartCalls } from './calls/quick-start'

export const calls = {
  ...quickStartCalls,
  ...hypertableCalls,
  ...consoleCalls,
  ...exploreCalls,
} as const

export type Calls = typeof calls
export type CallName = keyof Calls
/** What a caller sends (defaults may be omitted). */
export type CallRequest<N extends CallName> = z.input<Calls[N]['request']>
/** What a handler receives, after zod has parsed and defaulted it. */
export type ParsedRequest<N extends CallName> = z.output<Calls[N]['request']>
export type CallReply<N extends CallName> = Calls[N]['reply']

export const callNames = Object.keys(calls) as CallName[]

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.hasOwn(calls, name)
}

/** Every reply crosses the boundary in this envelope; errors are data, not exceptions. */
export type CallResult<T> = { ok: true; value: T } | { ok: false; error: AppErrorData }

/** Events the backend pushes to every window / tab. */
export interface EventMap {
  'connection/changed': ConnectionState
  'job/progress': JobProgress
  'job/done': JobDone
  'console/closed': ConsoleClosedEvent
}
export type EventName = keyof EventMap
export const eventNames: readonly EventName[] = [
  'connection/changed',
  'job/progress',
  'job/done',
  'console/closed',
]

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (eventNames as readonly string[]).includes(name)
}

/** A call's id, chosen by the client: unique among its calls in flight (1-64 of [A-Za-z0-9_.-]). */
export type RequestId = string

/**
 * The one object the renderer talks to, implemented by the preload and by the
 * web bridge. The renderer's api/client.ts wraps it as call(name, request, { signal }).
 */
export interface ExplorerClient {
  readonly host: HostKind
  /** Sends a call under the caller's request id; resolves with its reply envelope. */
  call<N extends CallName>(
    name: N,
    request: CallRequest<N>,
    requestId: RequestId,
  ): Promise<CallResult<CallReply<N>>>
  /** Asks the backend to abort the call with this id; its reply then says cancelled. */
  cancel(requestId: RequestId): void
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void
}
