import type { CallResult } from '../../shared/contract'
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../shared/ipc-channels'
import type { Backend } from '../backend/backend'

/** The parts of ipcMain and a window we use (structural, so the sender check is unit-testable). */
export interface IpcMainLike {
  handle(
    channel: string,
    listener: (
      event: { senderFrame: { url: string } | null },
      ...args: unknown[]
    ) => Promise<CallResult<unknown>>,
  ): void
}

export interface EventTarget {
  send(channel: string, ...args: unknown[]): void
}

/**
 * Binds the backend's handler map to ipcMain. The sender frame must be the
 * app's own; the payload is zod-parsed by dispatch; the reply is always an
 * envelope with errors as {name, code, message}.
 */
export function bindIpc(options: {
  ipcMain: IpcMainLike
  backend: Backend
  isAllowedSender: (url: string) => boolean
  targets: () => EventTarget[]
}): () => void {
  options.ipcMain.handle(IPC_CALL_CHANNEL, async (event, name, payload) => {
    const url = event.senderFrame?.url ?? ''
    if (!options.isAllowedSender(url)) {
      options.backend.log.warn('refused a call from a frame that is not the app', {
        origin: safeOrigin(url),
      })
      return {
        ok: false,
        error: { name: 'AppError', code: 'forbidden', message: 'This page may not use the app.' },
      }
    }
    return options.backend.dispatch(name, payload)
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
