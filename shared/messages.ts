/**
 * The messages that carry the contract between a client (a window, a tab) and
 * the backend, on either host: Electron's IPC carries call and cancel as they
 * are (the reply is invoke's return value), the web host's WebSocket carries
 * all four, framed with shared/wire. No zod here: the preload bundles this.
 */
import type { CallResult, EventName, RequestId } from './contract'

/** A call, under an id the client chose; a cancel with that id aborts it. */
export interface CallMessage {
  t: 'call'
  id: RequestId
  name: string
  payload: unknown
}

/** Asks the backend to abort the client's call with this id (it then replies cancelled). */
export interface CancelMessage {
  t: 'cancel'
  id: RequestId
}

export interface ReplyMessage {
  t: 'reply'
  id: RequestId
  result: CallResult<unknown>
}

export interface EventMessage {
  t: 'event'
  name: EventName
  payload: unknown
}

export type ClientMessage = CallMessage | CancelMessage
export type ServerMessage = ReplyMessage | EventMessage

const REQUEST_ID = /^[\w.-]{1,64}$/

export function isRequestId(value: unknown): value is RequestId {
  return typeof value === 'string' && REQUEST_ID.test(value)
}

/** The shape only; the call's name and payload are checked by dispatch. */
export function isClientMessage(value: unknown): value is ClientMessage {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  if (!isRequestId(v.id)) return false
  return v.t === 'cancel' || (v.t === 'call' && typeof v.name === 'string')
}
