import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import { contentSecurityPolicy } from '../../../shared/csp'
import { decodeFrame, encodeFrame } from '../../../shared/wire'
import { isClientMessage, type ServerMessage } from '../../../shared/messages'
import type { Backend } from '../backend'
import { readStaticFile } from './static-files'

export const LOOPBACK = '127.0.0.1'
const MAX_MESSAGE_BYTES = 16 * 1024 * 1024
const DOWNLOADS = '/downloads/'

export interface WebHostOptions {
  backend: Backend
  /** The built renderer (out/renderer). */
  rendererDir: string
  /** 0 picks a free port. */
  port?: number
}

export interface WebHost {
  /** The URL to open, including the session token. */
  url: string
  port: number
  close(): Promise<void>
}

/**
 * Serves the built renderer and carries the IPC contract over a WebSocket, on
 * loopback only. Only a page from this server (Origin check) holding this run's
 * random token may open the socket; the Host header is checked too, so a
 * DNS-rebound page cannot reach us under another name.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = randomBytes(24).toString('base64url')
  const sockets = new Set<WebSocket>()
  let port = 0
  const allowedHosts = () => new Set([`${LOOPBACK}:${port}`, `localhost:${port}`])
  const allowedOrigins = () => new Set([...allowedHosts()].map((h) => `http://${h}`))

  const server = createServer((req, res) => {
    void serveHttp(req, res)
  })

  async function serveHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHosts().has(req.headers.host ?? '')) return refuse(res, 421, 'Misdirected request')
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Method not allowed')
    const url = new URL(req.url ?? '/', `http://${LOOPBACK}`)
    const path = url.pathname
    if (path.startsWith(DOWNLOADS)) return serveDownload(path.slice(DOWNLOADS.length), url, res)
    const file = await readStaticFile(options.rendererDir, path)
    if (!file) return refuse(res, 404, 'Not found')
    res.writeHead(200, {
      'Content-Type': file.contentType,
      'Content-Security-Policy': contentSecurityPolicy({
        connectSrc: [`ws://${LOOPBACK}:${port}`, `ws://localhost:${port}`],
      }),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cache-Control': path.startsWith('/assets/') ? 'max-age=3600' : 'no-store',
    })
    res.end(req.method === 'HEAD' ? undefined : file.body)
  }

  /**
   * A console export, streamed as the browser downloads it: the same token as
   * the socket, and a one-time id the backend offered moments before.
   */
  function serveDownload(id: string, url: URL, res: ServerResponse): void {
    if (!sameToken(url.searchParams.get('token'), token)) return refuse(res, 401, 'Unauthorized')
    const download = /^[A-Za-z0-9_-]{1,64}$/.test(id) ? options.backend.takeDownload(id) : null
    if (!download) return refuse(res, 404, 'This download has expired or was already taken.')
    res.writeHead(200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${download.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    })
    download.attach(res)
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES })

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const verdict = checkUpgrade(req)
    if (verdict) {
      socket.write(`HTTP/1.1 ${verdict}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
      socket.destroy()
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws))
  })

  function checkUpgrade(req: IncomingMessage): string | null {
    if (!allowedHosts().has(req.headers.host ?? '')) return '421 Misdirected Request'
    const url = new URL(req.url ?? '/', `http://${LOOPBACK}`)
    if (url.pathname !== '/ws') return '404 Not Found'
    if (!allowedOrigins().has(req.headers.origin ?? '')) return '403 Forbidden'
    if (!sameToken(url.searchParams.get('token'), token)) return '401 Unauthorized'
    return null
  }

  function attach(ws: WebSocket): void {
    sockets.add(ws)
    // This tab's calls by request id: it can cancel its own, never another tab's.
    const calls = options.backend.openClient()
    const send = (message: ServerMessage) => {
      if (ws.readyState === ws.OPEN) ws.send(encodeFrame(message))
    }
    const unsubscribe = options.backend.subscribe((name, payload) =>
      send({ t: 'event', name, payload }),
    )
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (!isBinary) return ws.close(1003, 'Binary frames only')
      let message: unknown
      try {
        message = decodeFrame(data)
      } catch {
        return ws.close(1007, 'Malformed frame')
      }
      if (!isClientMessage(message)) return ws.close(1008, 'Not a call')
      if (message.t === 'cancel') return void calls.cancel(message.id)
      void calls
        .call(message.id, message.name, message.payload)
        .then((result) => send({ t: 'reply', id: message.id, result }))
    })
    ws.on('close', () => {
      // The tab went away (closed, reloaded, network dropped): stop what it started.
      calls.close()
      unsubscribe()
      sockets.delete(ws)
    })
    ws.on('error', () => ws.terminate())
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, LOOPBACK, () => {
      server.off('error', reject)
      resolve()
    })
  })
  port = (server.address() as AddressInfo).port

  return {
    url: `http://${LOOPBACK}:${port}/?token=${token}`,
    port,
    close: async () => {
      for (const ws of sockets) ws.close(1001, 'Server shutting down')
      wss.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

function sameToken(given: string | null, expected: string): boolean {
  if (!given) return false
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

function refuse(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' })
  res.end(text)
}
