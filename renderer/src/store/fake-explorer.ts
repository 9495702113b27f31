/**
 * A stand-in for window.explorer for store tests: records every call and
 * cancel, lets a test answer each call, and pushes events. Import it before
 * the store (it installs itself as window.explorer).
 */
import type { CallResult, EventMap, EventName, ExplorerClient } from '../../../shared/contract'
import type { ConnectionState } from '../../../shared/domain/connection'

export interface Sent {
  name: string
  request: unknown
  id: string
}
export const sent: Sent[] = []
export const cancels: string[] = []
export const answers = new Map<string, (result: CallResult<unknown>) => void>()
const listeners = new Map<string, ((payload: unknown) => void)[]>()
const fake: ExplorerClient = {
  host: 'web',
  call: (name, request, id) => {
    sent.push({ name, request, id })
    return new Promise((resolve) => answers.set(id, resolve as never))
  },
  cancel: (id) => cancels.push(id),
  on: (event, listener) => {
    listeners.set(event, [...(listeners.get(event) ?? []), listener as (p: unknown) => void])
    return () => {}
  },
}
Object.assign(globalThis, { window: { explorer: fake } })

export const connected = {
  status: 'connected',
  target: { kind: 'embedded', label: 'Embedded TimescaleDB' },
  server: { database: 'postgres', timescaledb: { installed: '2.23.0', available: '2.23.0' } },
} as ConnectionState

export const settle = () => new Promise((resolve) => setTimeout(resolve, 0))
export const named = (name: string) => sent.filter((s) => s.name === name)
export const lastOf = (name: string) => named(name).at(-1)!
export const answer = (call: Sent, value: unknown) => answers.get(call.id)!({ ok: true, value })
export const push = <E extends EventName>(event: E, payload: EventMap[E]) =>
  listeners.get(event)?.forEach((listener) => listener(payload))

/** Forgets what earlier tests sent and listened to. */
export function resetFake() {
  sent.length = 0
  cancels.length = 0
  listeners.clear()
}
