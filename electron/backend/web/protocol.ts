import type { CallResult, EventName } from '../../../shared/contract'

/** Messages over the web host's WebSocket, framed with shared/wire. */
export type ClientMessage = { t: 'call'; id: number; name: string; payload: unknown }

export type ServerMessage =
  | { t: 'reply'; id: number; result: CallResult<unknown> }
  | { t: 'event'; name: EventName; payload: unknown }

export function isClientMessage(value: unknown): value is ClientMessage {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return v.t === 'call' && Number.isSafeInteger(v.id) && typeof v.name === 'string'
}
