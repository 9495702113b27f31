import { createServer, connect, type Server, type Socket } from 'node:net'

/**
 * A TCP proxy between the app and a real server that misbehaves on request:
 * adds latency, answers nothing, stalls after the TLS request, freezes the
 * connections it carries, or cuts every connection (optionally once a number
 * of bytes has gone upstream).
 */
export type ProxyMode =
  /** Forward both ways (with the configured latency). */
  | 'forward'
  /** Accept connections and never send a byte back. */
  | 'blackhole'
  /** Answer PostgreSQL's SSLRequest with "S" (go ahead), then never speak again. */
  | 'stall-after-tls-request'

export interface FaultProxy {
  host: string
  port: number
  /** Connections currently open through the proxy. */
  readonly connections: number
  /** Bytes forwarded from clients to the server since start. */
  readonly bytesUp: number
  setMode(mode: ProxyMode): void
  /** Delay added to every forwarded piece, each direction. */
  setLatency(ms: number): void
  /**
   * Stops forwarding on every connection, open or new, both ways, without
   * closing any: a network that silently drops everything. false resumes.
   */
  freeze(frozen?: boolean): void
  /** Destroys every open connection, as a network cut would. */
  cutAll(): void
  /** Cuts every connection once this many more bytes have gone upstream. */
  cutAfterUpstreamBytes(bytes: number): Promise<void>
  close(): Promise<void>
}

const SSL_REQUEST_CODE = 80877103

export async function startFaultProxy(target: { host: string; port: number }): Promise<FaultProxy> {
  let mode: ProxyMode = 'forward'
  let latency = 0
  let frozen = false
  let bytesUp = 0
  const sockets = new Set<Socket>()
  const cutWatchers: { at: number; resolve: () => void }[] = []

  const track = (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => socket.destroy())
  }

  const cutAll = () => {
    for (const socket of sockets) socket.destroy()
  }

  /** Writes in order, each piece after `latency` ms. */
  const delayedWriter = (to: Socket) => {
    let chain = Promise.resolve()
    return (data: Buffer) => {
      if (latency === 0) return void to.write(data)
      const wait = latency
      chain = chain.then(
        () =>
          new Promise<void>((resolve) =>
            setTimeout(() => {
              if (!to.destroyed) to.write(data)
              resolve()
            }, wait),
          ),
      )
    }
  }

  const server: Server = createServer((client) => {
    track(client)
    if (mode === 'blackhole') {
      client.on('data', () => {})
      return
    }
    if (mode === 'stall-after-tls-request') {
      client.once('data', (data: Buffer) => {
        if (data.length >= 8 && data.readInt32BE(4) === SSL_REQUEST_CODE) client.write('S')
      })
      return
    }
    const upstream = connect(target.port, target.host)
    track(upstream)
    const toServer = delayedWriter(upstream)
    const toClient = delayedWriter(client)
    client.on('data', (data: Buffer) => {
      if (frozen) return
      bytesUp += data.length
      toServer(data)
      for (const watcher of cutWatchers.filter((w) => bytesUp >= w.at)) {
        cutWatchers.splice(cutWatchers.indexOf(watcher), 1)
        cutAll()
        watcher.resolve()
      }
    })
    upstream.on('data', (data: Buffer) => {
      if (!frozen) toClient(data)
    })
    client.on('close', () => upstream.destroy())
    upstream.on('close', () => client.destroy())
  })

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0

  return {
    host: '127.0.0.1',
    port,
    get connections() {
      return sockets.size
    },
    get bytesUp() {
      return bytesUp
    },
    setMode: (m) => (mode = m),
    setLatency: (ms) => (latency = ms),
    freeze: (on = true) => (frozen = on),
    cutAll,
    cutAfterUpstreamBytes: (bytes) =>
      new Promise<void>((resolve) => cutWatchers.push({ at: bytesUp + bytes, resolve })),
    close: async () => {
      cutAll()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
