import { createServer, connect, type Server } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFaultProxy, type FaultProxy } from './fault-proxy'

let echo: Server
let proxy: FaultProxy

beforeAll(async () => {
  echo = createServer((socket) => socket.pipe(socket))
  await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r))
  const address = echo.address()
  proxy = await startFaultProxy({
    host: '127.0.0.1',
    port: typeof address === 'object' && address ? address.port : 0,
  })
})

afterAll(async () => {
  await proxy.close()
  await new Promise<void>((r) => echo.close(() => r()))
})

/** Sends bytes through the proxy; resolves with what came back within `ms`, and whether it closed. */
function exchange(payload: Buffer, ms = 150) {
  return new Promise<{ reply: Buffer; closed: boolean }>((resolve) => {
    const socket = connect(proxy.port, proxy.host)
    const chunks: Buffer[] = []
    let closed = false
    socket.on('data', (d: Buffer) => chunks.push(d))
    socket.on('close', () => (closed = true))
    socket.on('error', () => {})
    socket.write(payload)
    setTimeout(() => {
      socket.destroy()
      resolve({ reply: Buffer.concat(chunks), closed })
    }, ms)
  })
}

describe('fault proxy', () => {
  it('forwards both ways, with latency when asked', async () => {
    proxy.setMode('forward')
    expect((await exchange(Buffer.from('hello'))).reply.toString()).toBe('hello')
    proxy.setLatency(300)
    expect((await exchange(Buffer.from('slow'), 150)).reply.toString()).toBe('')
    expect((await exchange(Buffer.from('slow'), 900)).reply.toString()).toBe('slow')
    proxy.setLatency(0)
  })

  it('accepts and never answers in blackhole mode', async () => {
    proxy.setMode('blackhole')
    expect(await exchange(Buffer.from('anyone?'))).toEqual({
      reply: Buffer.alloc(0),
      closed: false,
    })
  })

  it('says yes to the TLS request, then nothing', async () => {
    proxy.setMode('stall-after-tls-request')
    const sslRequest = Buffer.alloc(8)
    sslRequest.writeInt32BE(8, 0)
    sslRequest.writeInt32BE(80877103, 4)
    expect((await exchange(sslRequest)).reply.toString()).toBe('S')
  })

  it('freezes open and new connections without closing them, and thaws', async () => {
    proxy.setMode('forward')
    const socket = connect(proxy.port, proxy.host)
    const received: string[] = []
    socket.on('data', (d: Buffer) => received.push(d.toString()))
    await new Promise<void>((r) => socket.once('connect', () => r()))
    socket.write('before')
    await new Promise((r) => setTimeout(r, 150))
    proxy.freeze()
    socket.write('during')
    expect((await exchange(Buffer.from('new one'))).reply.toString()).toBe('')
    expect(socket.destroyed).toBe(false)
    proxy.freeze(false)
    socket.write('after')
    await new Promise((r) => setTimeout(r, 150))
    socket.destroy()
    expect(received.join('')).toBe('beforeafter')
  })

  it('cuts every connection after a number of upstream bytes', async () => {
    proxy.setMode('forward')
    const cut = proxy.cutAfterUpstreamBytes(10)
    const result = exchange(Buffer.alloc(64, 1), 200)
    await cut
    expect((await result).closed).toBe(true)
  })
})
