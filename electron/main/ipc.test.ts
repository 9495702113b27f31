import { describe, expect, it } from 'vitest'
import type { CallResult } from '../../shared/contract'
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../shared/ipc-channels'
import { createBackend, type Backend } from '../backend/backend'
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
    openClient: () => {
      throw new Error('not used')
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

describe('bindIpc with the real backend behind it', () => {
  function bindReal(devServerUrl?: string) {
    let handler: IpcHandler | undefined
    const backend = createBackend({
      host: 'electron',
      version: 'test',
      embeddedDataDir: '/nonexistent/never-opened',
      engineWorkerPath: '/nonexistent/worker.mjs',
      log: silentLogger,
    })
    bindIpc({
      ipcMain: { handle: (channel, h) => channel === IPC_CALL_CHANNEL && (handler = h) },
      backend,
      isAllowedSender: (url) => isAppUrl(url, devServerUrl),
      targets: () => [],
    })
    return (url: string, ...args: unknown[]) =>
      handler!({ senderFrame: { url } }, ...args) as Promise<CallResult<unknown>>
  }

  it('zod-parses every payload from the app frame: wrong types, missing fields, huge strings', async () => {
    const invoke = bindReal()
    const app = 'app://bundle/index.html'
    for (const payload of [
      { target: { kind: 'server', params: { host: 42 } } },
      { target: {} },
      { target: { kind: 'url', url: 'x'.repeat(1_000_000) } },
      null,
      'connection/open',
    ]) {
      const result = await invoke(app, 'connection/open', payload)
      expect(result).toMatchObject({ ok: false, error: { code: 'bad_request' } })
      if (!result.ok) {
        expect(Object.keys(result.error).sort()).toEqual(['code', 'message', 'name'])
        expect(result.error.message).not.toContain('xxxxxxxxxx')
      }
    }
  })

  it('refuses unknown call names, and passes real calls through', async () => {
    const invoke = bindReal()
    for (const name of ['nope', '__proto__', 'connection/drop', 42]) {
      expect(await invoke('app://bundle/index.html', name, {})).toMatchObject({
        ok: false,
        error: { code: 'unknown_call' },
      })
    }
    expect(await invoke('app://bundle/index.html', 'app/info', {})).toMatchObject({
      ok: true,
      value: { host: 'electron' },
    })
  })

  it('checks the sender before anything else, in development too', async () => {
    const invoke = bindReal('http://localhost:5173')
    expect(await invoke('http://localhost:5173/', 'app/info', {})).toMatchObject({ ok: true })
    for (const url of ['http://localhost:5174/', 'https://evil.example/', 'about:blank']) {
      // Even a malformed payload from a foreign frame is refused as forbidden, never parsed.
      expect(await invoke(url, 'connection/open', { target: 'x'.repeat(1000) })).toEqual({
        ok: false,
        error: { name: 'AppError', code: 'forbidden', message: 'This page may not use the app.' },
      })
    }
  })
})
