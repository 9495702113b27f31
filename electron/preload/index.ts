import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type { CallResult, EventMap, EventName, ExplorerClient } from '../../shared/contract'
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../shared/ipc-channels'

/**
 * The one object the renderer gets: two functions over two channels. No
 * ipcRenderer, no Node, no process.env crosses the bridge.
 */
const explorer = {
  host: 'electron',
  call: (name: string, request: unknown) =>
    ipcRenderer.invoke(IPC_CALL_CHANNEL, name, request) as Promise<CallResult<never>>,
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
