import { describe, expect, it } from 'vitest'
import type { CallResult } from '../../shared/contract'
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../shared/ipc-channels'
import type { Backend } from '../backend/backend'
import type { EventListener } from '../backend/events'
import { silentLogger } from '../backend/log'
import { Redactor } from '../backend/redactor'
import { bindIpc, type IpcMainLike } from './ipc'
import { isAppUrl } from './security'

type IpcHandler = Parameters<IpcMainLike['handle']>[1]

function setup() {
  const calls: unknown[][] = []
  let handler: IpcHandler | undefined
  let listener: EventListener | undefined
  const sent: unknown[][] = []
  const backend: Backend = {
    dispatch: async (name, payload) => {
      calls.push([name, payload])
      return { ok: true, value: 'handled' }
    },
    subscribe: (l) => {
      listener = l
      return () => {}
    },
    redactor: new Redactor(),
    log: silentLogger,
    close: async () => {},
  }
  bindIpc({
    ipcMain: { handle: (channel, h) => channel === IPC_CALL_CHANNEL && (handler = h) },
    backend,
    isAllowedSender: (url) => isAppUrl(url),
    targets: () => [{ send: (...args: unknown[]) => sent.push(args) }],
  })
  const invoke = (url: string | null, ...args: unknown[]) =>
    handler!({ senderFrame: url === null ? null : { url } }, ...args) as Promise<
      CallResult<unknown>
    >
  return { calls, invoke, sent, emit: (...a: Parameters<EventListener>) => listener?.(...a) }
}

describe('bindIpc', () => {
  it('passes calls from the app frame to dispatch', async () => {
    const t = setup()
    expect(await t.invoke('app://bundle/index.html', 'app/info', {})).toEqual({
      ok: true,
      value: 'handled',
    })
    expect(t.calls).toEqual([['app/info', {}]])
  })

  it('refuses calls from any other frame before they reach the backend', async () => {
    const t = setup()
    for (const url of ['https://evil.example/', 'file:///tmp/x.html', null]) {
      const result = await t.invoke(url, 'connection/open', { target: { kind: 'embedded' } })
      expect(result).toEqual({
        ok: false,
        error: { name: 'AppError', code: 'forbidden', message: 'This page may not use the app.' },
      })
    }
    expect(t.calls).toEqual([])
  })

  it('forwards backend events to the windows on the event channel', () => {
    const t = setup()
    t.emit('connection/changed', { status: 'disconnected', target: null, server: null })
    expect(t.sent).toEqual([
      [
        IPC_EVENT_CHANNEL,
        'connection/changed',
        { status: 'disconnected', target: null, server: null },
      ],
    ])
  })
})
