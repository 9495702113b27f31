import type {
  CallResult,
  EventMap,
  EventName,
  ExplorerClient,
  RequestId,
} from '../../../shared/contract'
import type { CallMessage, ClientMessage, ServerMessage } from '../../../shared/messages'
import { decodeFrame, encodeFrame } from '../../../shared/wire'

const lost = {
  name: 'AppError',
  code: 'connection_lost' as const,
  message:
    'Lost contact with the TSDB Explorer web host. If you stopped it, start it again with `npm run web` and open the link it prints.',
}

const cancelledBeforeSending = {
  name: 'AppError',
  code: 'cancelled' as const,
  message: 'Cancelled.',
}

/**
 * The contract over the web host's WebSocket, for when there is no Electron
 * preload. Messages are shared/messages.ts, as the web host reads them. A call
 * is sent at once when the socket is open (so cancels follow their calls in
 * order), or queued until it opens.
 */
export function createWebSocketBridge(url: string): ExplorerClient {
  const socket = new WebSocket(url)
  socket.binaryType = 'arraybuffer'
  const pending = new Map<RequestId, (result: CallResult<unknown>) => void>()
  const queued: CallMessage[] = []
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>()
  const send = (message: ClientMessage) => socket.send(encodeFrame(message))

  socket.addEventListener('open', () => {
    for (const message of queued.splice(0)) send(message)
  })
  socket.addEventListener('message', (event: MessageEvent<ArrayBuffer>) => {
    const message = decodeFrame(event.data) as ServerMessage
    if (message.t === 'reply') {
      pending.get(message.id)?.(message.result)
      pending.delete(message.id)
    } else {
      for (const listener of listeners.get(message.name) ?? []) listener(message.payload)
    }
  })
  socket.addEventListener('close', () => {
    queued.length = 0
    for (const settle of pending.values()) settle({ ok: false, error: lost })
    pending.clear()
  })

  return {
    host: 'web',
    call(name, request, requestId) {
      if (socket.readyState > WebSocket.OPEN) return Promise.resolve({ ok: false, error: lost })
      return new Promise((resolve) => {
        pending.set(requestId, resolve as (result: CallResult<unknown>) => void)
        const message: CallMessage = { t: 'call', id: requestId, name, payload: request }
        if (socket.readyState === WebSocket.OPEN) send(message)
        else queued.push(message)
      })
    },
    cancel(requestId) {
      const at = queued.findIndex((message) => message.id === requestId)
      if (at >= 0) {
        // Never sent: nothing to cancel on the backend.
        queued.splice(at, 1)
        pending.get(requestId)?.({ ok: false, error: cancelledBeforeSending })
        pending.delete(requestId)
      } else if (pending.has(requestId) && socket.readyState === WebSocket.OPEN) {
        send({ t: 'cancel', id: requestId })
      }
    },
    on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void) {
      const set = listeners.get(event) ?? new Set()
      listeners.set(event, set)
      const wrapped = listener as (payload: unknown) => void
      set.add(wrapped)
      return () => set.delete(wrapped)
    },
  }
}

const TOKEN_KEY = 'tsdb-explorer-token'

/** The web host's session token, kept from the URL it printed (downloads carry it too). */
export function webHostToken(storage: Storage): string | null {
  return storage.getItem(TOKEN_KEY)
}

/**
 * The web host puts a session token in the URL it prints. Keep it for reloads,
 * then take it out of the address bar so it does not end up in screenshots.
 */
export function webSocketUrlFromLocation(location: Location, storage: Storage): string | null {
  const params = new URLSearchParams(location.search)
  const fromUrl = params.get('token')
  if (fromUrl) {
    storage.setItem(TOKEN_KEY, fromUrl)
    params.delete('token')
    const rest = params.toString()
    history.replaceState(null, '', `${location.pathname}${rest ? `?${rest}` : ''}${location.hash}`)
  }
  const token = fromUrl ?? storage.getItem(TOKEN_KEY)
  if (!token) return null
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws'
  return `${scheme}://${location.host}/ws?token=${encodeURIComponent(token)}`
}
