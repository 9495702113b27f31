import { describe, expect, it, vi } from 'vitest'
import { IPC_CALL_CHANNEL, IPC_CANCEL_CHANNEL, IPC_EVENT_CHANNEL } from '../../shared/ipc-channels'

/**
 * The preload needs Electron's contextBridge and ipcRenderer (no Electron
 * binary runs here): these stand-ins record what it exposes and what it sends.
 */
const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoked: [] as unknown[][],
  sent: [] as unknown[][],
  listeners: new Map<string, Set<(...args: unknown[]) => void>>(),
}))
vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api),
  },
  ipcRenderer: {
    invoke: (...args: unknown[]) => {
      electron.invoked.push(args)
      return Promise.resolve({ ok: true, value: null })
    },
    send: (...args: unknown[]) => electron.sent.push(args),
    on: (channel: string, listener: (...args: unknown[]) => void) => {
      const set = electron.listeners.get(channel) ?? new Set()
      set.add(listener)
      electron.listeners.set(channel, set)
    },
    off: (channel: string, listener: (...args: unknown[]) => void) =>
      electron.listeners.get(channel)?.delete(listener),
  },
}))

await import('./index')

interface Exposed {
  host: string
  call(name: string, request: unknown, requestId: string): Promise<unknown>
  cancel(requestId: string): void
  on(event: string, listener: (payload: unknown) => void): () => void
}

describe('the preload', () => {
  it('exposes one object, window.explorer, with host, call, cancel and on: no ipcRenderer, no Node', () => {
    expect([...electron.exposed.keys()]).toEqual(['explorer'])
    const api = electron.exposed.get('explorer') as Record<string, unknown>
    expect(Object.keys(api).sort()).toEqual(['call', 'cancel', 'host', 'on'])
    expect(api.host).toBe('electron')
    expect(typeof api.call).toBe('function')
    expect(typeof api.cancel).toBe('function')
    expect(typeof api.on).toBe('function')
  })

  it('sends calls on the one call channel, and cancels by request id on the cancel channel', async () => {
    const api = electron.exposed.get('explorer') as Exposed
    await api.call('app/info', {}, 'r-1')
    api.cancel('r-1')
    expect(electron.invoked).toEqual([
      [IPC_CALL_CHANNEL, { t: 'call', id: 'r-1', name: 'app/info', payload: {} }],
    ])
    expect(electron.sent).toEqual([[IPC_CANCEL_CHANNEL, { t: 'cancel', id: 'r-1' }]])
  })

  it('relays only the event asked for, and stops when unsubscribed', () => {
    const api = electron.exposed.get('explorer') as Exposed
    const heard: unknown[] = []
    const off = api.on('job/done', (payload) => heard.push(payload))
    const emit = (...args: unknown[]) => {
      for (const listener of electron.listeners.get(IPC_EVENT_CHANNEL) ?? []) {
        listener({ sender: 'ipc event object' }, ...args)
      }
    }
    emit('job/progress', { jobId: 'job-1' })
    emit('job/done', { jobId: 'job-1' })
    off()
    emit('job/done', { jobId: 'job-2' })
    // The renderer gets the payload alone, never Electron's event object.
    expect(heard).toEqual([{ jobId: 'job-1' }])
    expect(electron.listeners.get(IPC_EVENT_CHANNEL)?.size).toBe(0)
  })
})
