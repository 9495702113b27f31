/**
 * The backend as the product runs it, for measuring: the built web host in a
 * process of its own (its RSS is the backend's), called over its WebSocket the
 * way the renderer calls it.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import WebSocket from 'ws'
import type { CallName, CallReply, CallRequest, CallResult } from '../../shared/contract'
import { decodeFrame, encodeFrame } from '../../shared/wire'
import { ROOT, startWebHostProcess, type WebHostProcess } from '../../e2e/support/web-host'

export interface HostClient {
  call<N extends CallName>(name: N, request: CallRequest<N>): Promise<CallReply<N>>
  /** Events the host pushed, by name. */
  on(listener: (name: string, payload: unknown) => void): () => void
  /** The web host process's resident memory (Linux: /proc), in bytes. */
  rss(): number | null
  origin: string
  token: string
  close(): Promise<void>
}

function buildIfMissing(): void {
  const needed = ['out/main/web.js', 'out/main/engine-worker.js', 'out/renderer/index.html']
  if (needed.every((file) => existsSync(join(ROOT, file)))) return
  console.log('Building the app (electron-vite build)…')
  const cli = join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js')
  const result = spawnSync(process.execPath, [cli, 'build'], { cwd: ROOT, stdio: 'inherit' })
  if (result.status !== 0) throw new Error('electron-vite build failed')
}

function rssOf(pid: number | undefined): number | null {
  if (!pid || process.platform !== 'linux') return null
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1]
  return kb ? Number(kb) * 1024 : null
}

export async function startHost(): Promise<HostClient> {
  buildIfMissing()
  const host: WebHostProcess = await startWebHostProcess()
  const url = new URL(host.url)
  const token = url.searchParams.get('token') ?? ''
  const ws = new WebSocket(`ws://${url.host}/ws?token=${token}`, {
    headers: { Origin: url.origin },
  })
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  let nextId = 1
  const waiting = new Map<number, (result: CallResult<unknown>) => void>()
  const listeners = new Set<(name: string, payload: unknown) => void>()
  ws.on('message', (data: Buffer) => {
    const message = decodeFrame(data) as
      | { t: 'reply'; id: number; result: CallResult<unknown> }
      | { t: 'event'; name: string; payload: unknown }
    if (message.t === 'reply') waiting.get(message.id)?.(message.result)
    else for (const listener of listeners) listener(message.name, message.payload)
  })
  return {
    origin: url.origin,
    token,
    call: (name, request) => {
      const id = nextId++
      return new Promise((resolve, reject) => {
        waiting.set(id, (result) => {
          waiting.delete(id)
          if (result.ok) resolve(result.value as CallReply<typeof name>)
          else reject(new Error(`${name}: ${result.error.message}`))
        })
        ws.send(encodeFrame({ t: 'call', id, name, payload: request }))
      })
    },
    on: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    rss: () => rssOf(host.pid),
    close: async () => {
      ws.close()
      await host.stop()
    },
  }
}
