import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import WebSocket from 'ws'
import type { CallResult } from '../../../shared/contract'
import type { ClientMessage, ServerMessage } from '../../../shared/messages'
import { decodeFrame, encodeFrame } from '../../../shared/wire'
import type { Backend } from '../backend'
import { startWebHost, type WebHost } from '../web/server'
import { makeTempDir } from './backend'

/** One browser tab's connection to the web host, as the renderer's bridge makes it. */
export interface WebClient {
  /** A call under a fresh request id, or under `id` (to cancel it by). */
  call(name: string, payload: unknown, id?: string): Promise<CallResult<unknown>>
  /** Asks the backend to cancel this tab's call with that id. */
  cancel(id: string): void
  /** Closes the socket, as closing the tab does (calls in flight get no reply). */
  close(): void
}

/** The real loopback web host over a backend, and clients that connect like a page. */
export interface TestWebHost {
  host: WebHost
  connect(): Promise<WebClient>
  close(): Promise<void>
}

export async function startTestWebHost(backend: Backend): Promise<TestWebHost> {
  const rendererDir = join(await makeTempDir('renderer'), 'renderer')
  await mkdir(rendererDir)
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>x</title>')
  const host = await startWebHost({ backend, rendererDir })
  const url = new URL(host.url)
  const clients = new Set<WebSocket>()
  return {
    host,
    connect: async () => {
      const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws${url.search}`, {
        headers: { Origin: url.origin },
      })
      await new Promise<void>((resolve, reject) => {
        ws.once('open', () => resolve())
        ws.once('error', reject)
      })
      clients.add(ws)
      let nextId = 1
      const waiting = new Map<string, (result: CallResult<unknown>) => void>()
      const send = (message: ClientMessage) => ws.send(encodeFrame(message))
      ws.on('message', (data: Buffer) => {
        const message = decodeFrame(data) as ServerMessage
        if (message.t !== 'reply') return
        waiting.get(message.id)?.(message.result)
        waiting.delete(message.id)
      })
      return {
        call: (name, payload, id = `call-${nextId++}`) =>
          new Promise((resolve) => {
            waiting.set(id, resolve)
            send({ t: 'call', id, name, payload })
          }),
        cancel: (id) => send({ t: 'cancel', id }),
        close: () => {
          clients.delete(ws)
          ws.terminate()
        },
      }
    },
    close: async () => {
      for (const ws of clients) ws.terminate()
      await host.close()
      await rm(join(rendererDir, '..'), { recursive: true, force: true })
    },
  }
}

/** Fetches the host's downloads as a page does: with the page's token, or with a wrong one. */
export function hostDownloads(host: WebHost) {
  const url = new URL(host.url)
  const token = url.searchParams.get('token') ?? ''
  return {
    withToken: (path: string) => fetch(`${url.origin}${path}?token=${token}`),
    withWrongToken: (path: string) => fetch(`${url.origin}${path}?token=wrong`),
  }
}
