import { describe, expect, it } from 'vitest'
import type { CallResult } from '../../shared/contract'
import { IPC_CALL_CHANNEL, IPC_CANCEL_CHANNEL, IPC_EVENT_CHANNEL } from '../../shared/ipc-channels'
import { createBackend, type Backend } from '../backend/backend'
import { ClientCalls } from '../backend/client-calls'
import type { EventListener } from '../backend/events'
import { silentLogger } from '../backend/log'
import { Redactor } from '../backend/redactor'
import { bindIpc, type IpcMainEventLike, type IpcMainLike, type IpcSender } from './ipc'
import { isAppUrl } from './security'

type IpcHandler = Parameters<IpcMainLike['handle']>[1]
type IpcListener = Parameters<IpcMainLike['on']>[1]

/** A window's webContents as the binding sees it: an id, and 'destroyed' to fire. */
function fakeWindow(id: number) {
  const listeners = new Map<string, (() => void)[]>()
  const sender: IpcSender = {
    id,
    once: (event, listener) => listeners.set(event, [...(listeners.get(event) ?? []), listener]),
  }
  const fire = (event: 'destroyed' | 'render-process-gone') =>
    listeners.get(event)?.forEach((l) => l())
  return { sender, fire }
}

function bind(backend: Backend, devServerUrl?: string) {
  let handler: IpcHandler | undefined
  let cancelListener: IpcListener | undefined
  bindIpc({
    ipcMain: {
      handle: (channel, h) => channel === IPC_CALL_CHANNEL && (handler = h),
      on: (channel, l) => channel === IPC_CANCEL_CHANNEL && (cancelListener = l),
    },
    backend,
    isAllowedSender: (url) => isAppUrl(url, devServerUrl),
    targets: () => [],
  })
  const event = (url: string | null, sender: IpcSender): IpcMainEventLike => ({
    sender,
    senderFrame: url === null ? null : { url },
  })
  const main = fakeWindow(1).sender
  return {
    /** A call as the preload sends it: one message, under a request id. */
    invoke: (url: string | null, name: unknown, payload: unknown, id = 'r1', sender = main) =>
      handler!(event(url, sender), { t: 'call', id, name, payload }),
    /** A raw invoke, to send what the preload never would. */
    raw: (url: string, ...args: unknown[]) => handler!(event(url, main), ...args),
    cancel: (url: string, id: string, sender = main) =>
      cancelListener!(event(url, sender), { t: 'cancel', id }),
  }
}

/** A backend whose calls wait until their signal aborts (or `finish`), recording each. */
function waitingBackend() {
  const calls: unknown[][] = []
  const aborted: string[] = []
  /** Each call's client id, by its tag; and the clients released (what they held let go). */
  const clientOf = new Map<string, string>()
  const released: string[] = []
  const finishers: (() => void)[] = []
  let listener: EventListener | undefined
  const backend: Backend = {
    dispatch: () => Promise.reject(new Error('hosts use openClient')),
    openClient: () =>
      new ClientCalls(
        (name, payload, signal, client) =>
          new Promise<CallResult<unknown>>((resolve) => {
            calls.push([name, payload])
            clientOf.set(String((payload as { tag?: string }).tag), client)
            finishers.push(() => resolve({ ok: true, value: 'handled' }))
            signal.addEventListener('abort', () => {
              aborted.push(String((payload as { tag?: string }).tag))
              resolve({ ok: false, error: { name: 'AppError', code: 'cancelled', message: 'x' } })
            })
          }),
        (client) => released.push(client),
      ),
    subscribe: (l) => {
      listener = l
      return () => {}
    },
    redactor: new Redactor(),
    log: silentLogger,
    takeDownload: () => null,
    close: async () => {},
  }
  const finish = () => finishers.splice(0).forEach((f) => f())
  const emit = (...a: Parameters<EventListener>) => listener?.(...a)
  return { backend, calls, aborted, clientOf, released, finish, emit }
}

const APP = 'app://bundle/index.html'
const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('bindIpc', () => {
  it('passes calls from the app frame to the backend', async () => {
    const b = waitingBackend()
    const ipc = bind(b.backend)
    const reply = ipc.invoke(APP, 'app/info', {})
    await settle()
    b.finish()
    expect(await reply).toEqual({ ok: true, value: 'handled' })
    expect(b.calls).toEqual([['app/info', {}]])
  })

  it('refuses calls and cancels from any other frame before they reach the backend', async () => {
    const b = waitingBackend()
    const ipc = bind(b.backend)
    for (const url of ['https://evil.example/', 'file:///tmp/x.html', null]) {
      const result = await ipc.invoke(url, 'connection/open', { target: { kind: 'embedded' } })
      expect(result).toEqual({
        ok: false,
        error: { name: 'AppError', code: 'forbidden', message: 'This page may not use the app.' },
      })
    }
    expect(b.calls).toEqual([])
    const reply = ipc.invoke(APP, 'app/info', { tag: 'mine' })
    await settle()
    ipc.cancel('https://evil.example/', 'r1')
    expect(b.aborted).toEqual([])
    b.finish()
    expect(await reply).toMatchObject({ ok: true })
  })

  it('refuses what is not a call message, and ids outside 1-64 of [A-Za-z0-9_.-]', async () => {
    const b = waitingBackend()
    const ipc = bind(b.backend)
    for (const args of [
      ['app/info', {}],
      [{ t: 'cancel', id: 'r1' }],
      [{ t: 'call', id: 'x'.repeat(65), name: 'app/info', payload: {} }],
      [{ t: 'call', id: 'a b', name: 'app/info', payload: {} }],
      [{ t: 'call', id: 7, name: 'app/info', payload: {} }],
    ]) {
      expect(await ipc.raw(APP, ...args)).toMatchObject({
        ok: false,
        error: { code: 'bad_request' },
      })
    }
    expect(b.calls).toEqual([])
  })

  it("cancels a call by its id from the window that made it, never another window's", async () => {
    const b = waitingBackend()
    const ipc = bind(b.backend)
    const other = fakeWindow(2).sender
    const mine = ipc.invoke(APP, 'series/extent', { tag: 'mine' }, 'r1')
    const theirs = ipc.invoke(APP, 'series/extent', { tag: 'theirs' }, 'r1', other)
    await settle()
    ipc.cancel(APP, 'r1')
    expect(await mine).toMatchObject({ ok: false, error: { code: 'cancelled' } })
    expect(b.aborted).toEqual(['mine'])
    b.finish()
    expect(await theirs).toEqual({ ok: true, value: 'handled' })
  })

  it('aborts every call of a window, and releases what it held, when it is destroyed or its renderer dies', async () => {
    for (const how of ['destroyed', 'render-process-gone'] as const) {
      const b = waitingBackend()
      const ipc = bind(b.backend)
      const window = fakeWindow(3)
      const replies = [
        ipc.invoke(APP, 'series/bucketed', { tag: 'a' }, 'r1', window.sender),
        ipc.invoke(APP, 'series/extent', { tag: 'b' }, 'r2', window.sender),
      ]
      const survivor = ipc.invoke(APP, 'series/extent', { tag: 'other window' }, 'r1')
      await settle()
      window.fire(how)
      for (const reply of replies) {
        expect(await reply, how).toMatchObject({ ok: false, error: { code: 'cancelled' } })
      }
      expect(b.aborted.sort(), how).toEqual(['a', 'b'])
      // What the window held beyond its calls (its console tabs' sessions) is released, once.
      window.fire(how === 'destroyed' ? 'render-process-gone' : 'destroyed')
      expect(b.released, how).toEqual([b.clientOf.get('a')])
      expect(b.clientOf.get('b'), how).toBe(b.clientOf.get('a'))
      expect(b.clientOf.get('other window'), how).not.toBe(b.clientOf.get('a'))
      b.finish()
      expect(await survivor, how).toEqual({ ok: true, value: 'handled' })
    }
  })

  it('forwards backend events to the windows on the event channel', () => {
    const b = waitingBackend()
    const sent: unknown[][] = []
    bindIpc({
      ipcMain: { handle: () => {}, on: () => {} },
      backend: b.backend,
      isAllowedSender: () => true,
      targets: () => [{ send: (...args: unknown[]) => sent.push(args) }],
    })
    b.emit('connection/changed', { status: 'disconnected', target: null, server: null })
    expect(sent).toEqual([
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
    const backend = createBackend({
      host: 'electron',
      version: 'test',
      embeddedDataDir: '/nonexistent/never-opened',
      engineWorkerPath: '/nonexistent/worker.mjs',
      log: silentLogger,
    })
    return bind(backend, devServerUrl).invoke
  }

  it('zod-parses every payload from the app frame: wrong types, missing fields, huge strings', async () => {
    const invoke = bindReal()
    for (const payload of [
      { target: { kind: 'server', params: { host: 42 } } },
      { target: {} },
      { target: { kind: 'url', url: 'x'.repeat(1_000_000) } },
      null,
      'connection/open',
    ]) {
      const result = await invoke(APP, 'connection/open', payload)
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
      expect(await invoke(APP, name, {})).toMatchObject({
        ok: false,
        error: { code: name === 42 ? 'bad_request' : 'unknown_call' },
      })
    }
    expect(await invoke(APP, 'app/info', {})).toMatchObject({
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
