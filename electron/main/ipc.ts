import type { CallResult } from '../../shared/contract'
import { IPC_CALL_CHANNEL, IPC_CANCEL_CHANNEL, IPC_EVENT_CHANNEL } from '../../shared/ipc-channels'
import { isClientMessage } from '../../shared/messages'
import type { Backend } from '../backend/backend'
import type { ClientCalls } from '../backend/client-calls'

/** The window (webContents) a message came from: its calls are cancelled when it goes away. */
export interface IpcSender {
  readonly id: number
  once(event: 'destroyed' | 'render-process-gone', listener: () => void): void
}

export interface IpcMainEventLike {
  sender: IpcSender
  senderFrame: { url: string } | null
}

/** The parts of ipcMain and a window we use (structural, so the binding is unit-testable). */
export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: IpcMainEventLike, ...args: unknown[]) => Promise<CallResult<unknown>>,
  ): void
  on(channel: string, listener: (event: IpcMainEventLike, ...args: unknown[]) => void): void
}

export interface EventTarget {
  send(channel: string, ...args: unknown[]): void
}

const forbidden: CallResult<unknown> = {
  ok: false,
  error: { name: 'AppError', code: 'forbidden', message: 'This page may not use the app.' },
}

const notACall: CallResult<unknown> = {
  ok: false,
  error: { name: 'AppError', code: 'bad_request', message: 'Not a call message.' },
}

/**
 * Binds the backend's handler map to ipcMain. The sender frame must be the
 * app's own; the payload is zod-parsed by dispatch; the reply is always an
 * envelope with errors as {name, code, message}. Each window has its own
 * calls by request id: a cancel aborts one of them, and all of them are
 * aborted when the window is destroyed or its renderer process dies.
 */
export function bindIpc(options: {
  ipcMain: IpcMainLike
  backend: Backend
  isAllowedSender: (url: string) => boolean
  targets: () => EventTarget[]
}): () => void {
  const clients = new Map<number, ClientCalls>()
  const clientOf = (sender: IpcSender): ClientCalls => {
    let client = clients.get(sender.id)
    if (!client) {
      const calls = options.backend.openClient()
      const gone = () => {
        calls.close()
        if (clients.get(sender.id) === calls) clients.delete(sender.id)
      }
      sender.once('destroyed', gone)
      sender.once('render-process-gone', gone)
      clients.set(sender.id, calls)
      client = calls
    }
    return client
  }
  const allowed = (event: IpcMainEventLike): boolean => {
    const url = event.senderFrame?.url ?? ''
    if (options.isAllowedSender(url)) return true
    options.backend.log.warn('refused a call from a frame that is not the app', {
      origin: safeOrigin(url),
    })
    return false
  }

  options.ipcMain.handle(IPC_CALL_CHANNEL, async (event, message) => {
    if (!allowed(event)) return forbidden
    if (!isClientMessage(message) || message.t !== 'call') return notACall
    return clientOf(event.sender).call(message.id, message.name, message.payload)
  })
  options.ipcMain.on(IPC_CANCEL_CHANNEL, (event, message) => {
    if (!allowed(event) || !isClientMessage(message) || message.t !== 'cancel') return
    clientOf(event.sender).cancel(message.id)
  })
  return options.backend.subscribe((name, payload) => {
    for (const target of options.targets()) target.send(IPC_EVENT_CHANNEL, name, payload)
  })
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin
  } catch {
    return '(invalid url)'
  }
}
