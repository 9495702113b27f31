import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type { CallResult, EventMap, EventName, ExplorerClient } from '../../shared/contract'
import { IPC_CALL_CHANNEL, IPC_CANCEL_CHANNEL, IPC_EVENT_CHANNEL } from '../../shared/ipc-channels'
import type { CallMessage, CancelMessage } from '../../shared/messages'

/**
 * The one object the renderer gets: three functions over three channels. No
 * ipcRenderer, no Node, no process.env crosses the bridge. An AbortSignal
 * cannot cross contextBridge either: calls carry a request id instead, and
 * the renderer's client turns its signal into cancel(requestId).
 */
const explorer = {
  host: 'electron',
  call: (name: string, request: unknown, requestId: string) =>
    ipcRenderer.invoke(IPC_CALL_CHANNEL, {
      t: 'call',
      id: requestId,
      name,
      payload: request,
    } satisfies CallMessage) as Promise<CallResult<never>>,
  cancel: (requestId: string) =>
    ipcRenderer.send(IPC_CANCEL_CHANNEL, { t: 'cancel', id: requestId } satisfies CancelMessage),
  on: <E extends EventName>(event: E, listener: (payload: EventMap[E]) => void) => {
    const relay = (_e: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (name === event) listener(payload as EventMap[E])
    }
    ipcRenderer.on(IPC_EVENT_CHANNEL, relay)
    return () => {
      ipcRenderer.off(IPC_EVENT_CHANNEL, relay)
    }
  },
} satisfies ExplorerClient

contextBridge.exposeInMainWorld('explorer', explorer)
