import type { CallResult, EventMap, EventName, ExplorerClient } from '../../../shared/contract'
import { decodeFrame, encodeFrame } from '../../../shared/wire'

type ServerMessage =
  | { t: 'reply'; id: number; result: CallResult<unknown> }
  | { t: 'event'; name: EventName; payload: unknown }

const lost = {
  name: 'AppError',
  code: 'connection_lost' as const,
  message:
    'Lost contact with the TSDB Explorer web host. If you stopped it, start it again with `npm run web` and open the link it prints.',
}

/** The contract over the web host's WebSocket, for when there is no Electron preload. */
export function createWebSocketBridge(url: string): ExplorerClient {
  const socket = new WebSocket(url)
  socket.binaryType = 'arraybuffer'
  const pending = new Map<number, (result: CallResult<unknown>) => void>()
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>()
  let nextId = 1
  let closed = false
  const opened = new Promise<void>((resolve) => socket.addEventListener('open', () => resolve()))

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
    closed = true
    for (const settle of pending.values()) settle({ ok: false, error: lost })
    pending.clear()
  })

  return {
    host: 'web',
    async call(name, request) {
      if (!closed)
        await Promise.race([opened, new Promise((r) => socket.addEventListener('close', r))])
      if (closed) return { ok: false, error: lost }
      const id = nextId++
      return new Promise((resolve) => {
        pending.set(id, resolve as (result: CallResult<unknown>) => void)
        socket.send(encodeFrame({ t: 'call', id, name, payload: request }))
      })
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
