import { mkdir, writeFile } from 'node:fs/promises'
import { request } from 'node:http'
import { connect } from 'node:net'
import { networkInterfaces } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { decodeFrame, encodeFrame } from '../../../shared/wire'
import { createTestBackend, makeTempDir, type TestBackend } from '../test-support/backend'
import { startWebHost, type WebHost } from './server'

let t: TestBackend
let host: WebHost
let origin: string
let token: string

beforeAll(async () => {
  const rendererDir = join(await makeTempDir('renderer'), 'renderer')
  await mkdir(rendererDir)
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>x</title>')
  t = await createTestBackend()
  host = await startWebHost({ backend: t.backend, rendererDir })
  const url = new URL(host.url)
  origin = url.origin
  token = url.searchParams.get('token') ?? ''
})

afterAll(async () => {
  await host?.close()
  await t?.close()
})

/** Opens a socket and resolves with it, or rejects with the HTTP status of the refusal. */
function open(path: string, headers: Record<string, string> = { Origin: origin }) {
  return new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}${path}`, { headers })
    ws.once('open', () => resolve(ws))
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)))
    ws.once('error', reject)
  })
}

function nextMessage(ws: WebSocket): Promise<Record<string, unknown>> {
  return new Promise((resolve) =>
    ws.once('message', (data: Buffer) => resolve(decodeFrame(data) as Record<string, unknown>)),
  )
}

describe('the loopback web host', () => {
  it('listens on 127.0.0.1 only and prints a URL carrying a long random token', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/)
  })

  it('serves the renderer with a strict CSP and refuses other hosts and methods', async () => {
    const page = await fetch(`${origin}/`)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect((await fetch(`${origin}/../../etc/passwd`)).status).toBe(404)
    expect((await fetch(`${origin}/`, { method: 'POST' })).status).toBe(405)
    // A DNS-rebound page reaches us under its own host name.
    const rebound = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: host.port, path: '/', headers: { Host: 'evil.example' } },
        (res) => resolve(res.statusCode ?? 0),
      )
      req.on('error', reject)
      req.end()
    })
    expect(rebound).toBe(421)
  })

  it('refuses a WebSocket without the token, with a wrong token, or from another origin', async () => {
    await expect(open('/ws')).rejects.toThrow('HTTP 401')
    // Change the last character to one it is not (a fixed 'x' would be no change 1 time in 64).
    const wrong = token.slice(0, -1) + (token.endsWith('x') ? 'y' : 'x')
    await expect(open(`/ws?token=${wrong}`)).rejects.toThrow('HTTP 401')
    await expect(open(`/ws?token=${token}`, { Origin: 'http://evil.example' })).rejects.toThrow(
      'HTTP 403',
    )
    await expect(open(`/ws?token=${token}`, {})).rejects.toThrow('HTTP 403')
  })

  it('carries calls and events over the socket for the right page', async () => {
    const ws = await open(`/ws?token=${token}`)
    ws.send(encodeFrame({ t: 'call', id: 'r1', name: 'app/info', payload: {} }))
    expect(await nextMessage(ws)).toMatchObject({
      t: 'reply',
      id: 'r1',
      result: { ok: true, value: { host: 'web' } },
    })
    ws.send(encodeFrame({ t: 'call', id: 'r2', name: 'connection/close', payload: {} }))
    const first = await nextMessage(ws)
    expect(first).toMatchObject({ t: 'event', name: 'connection/changed' })
    ws.close()
  })

  it('is not reachable on any other address of this machine', async () => {
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((i) => i !== undefined && !i.internal)
      .map((i) => i!.address)
      // Link-local IPv6 needs a zone to be reached at all; it proves nothing either way.
      .filter((address) => !address.startsWith('fe80:'))
    for (const address of ['::1', ...others]) {
      const outcome = await new Promise<string>((resolve) => {
        const socket = connect({ host: address, port: host.port })
        socket.once('connect', () => {
          socket.destroy()
          resolve('connected')
        })
        socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'))
      })
      expect(outcome, address).not.toBe('connected')
    }
    // The same probe does reach it on loopback, so the refusals above are real.
    const loopback = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port: host.port }, () => {
        socket.destroy()
        resolve(true)
      })
      socket.once('error', () => resolve(false))
    })
    expect(loopback).toBe(true)
  })

  it('refuses a WebSocket under another Host name, or from any other origin', async () => {
    await expect(
      open(`/ws?token=${token}`, { Origin: origin, Host: 'evil.example' }),
    ).rejects.toThrow('HTTP 421')
    for (const foreign of [
      'null',
      `http://127.0.0.1:${host.port + 1}`,
      `https://127.0.0.1:${host.port}`,
      `http://127.0.0.1.evil.example:${host.port}`,
      'file://',
    ]) {
      await expect(open(`/ws?token=${token}`, { Origin: foreign }), foreign).rejects.toThrow(
        'HTTP 403',
      )
    }
    // The token must be the token parameter: not another name, not the path.
    await expect(open(`/ws?Token=${token}`)).rejects.toThrow('HTTP 401')
    await expect(open(`/ws/${token}`)).rejects.toThrow('HTTP 404')
  })

  it('gives each run its own token: one host’s token does not open another', async () => {
    const other = await startWebHost({
      backend: t.backend,
      rendererDir: join(await makeTempDir('r2')),
    })
    try {
      const otherToken = new URL(other.url).searchParams.get('token')
      expect(otherToken).not.toBe(token)
      await expect(open(`/ws?token=${otherToken}`)).rejects.toThrow('HTTP 401')
    } finally {
      await other.close()
    }
  })

  it('lets no other origin read its pages (no CORS headers)', async () => {
    const page = await fetch(`${origin}/`, { headers: { Origin: 'http://evil.example' } })
    expect(page.headers.get('access-control-allow-origin')).toBeNull()
    expect(page.headers.get('referrer-policy')).toBe('no-referrer')
  })

  it('closes the socket on malformed frames and on frames larger than 16 MB', async () => {
    const malformed = await open(`/ws?token=${token}`)
    const closedMalformed = new Promise<number>((r) => malformed.once('close', (code) => r(code)))
    malformed.send(new Uint8Array([255, 255, 255, 255, 1, 2, 3]))
    expect(await closedMalformed).toBe(1007)

    const notACall = await open(`/ws?token=${token}`)
    const closedNotACall = new Promise<number>((r) => notACall.once('close', (code) => r(code)))
    notACall.send(encodeFrame({ t: 'reply', id: 'r1', result: { ok: true, value: 1 } }))
    expect(await closedNotACall).toBe(1008)

    // Request ids are the client's strings: 1-64 of [A-Za-z0-9_.-].
    for (const id of [1, '', 'x'.repeat(65), 'a b', null]) {
      const badId = await open(`/ws?token=${token}`)
      const closedBadId = new Promise<number>((r) => badId.once('close', (code) => r(code)))
      badId.send(encodeFrame({ t: 'call', id, name: 'app/info', payload: {} }))
      expect(await closedBadId, String(id)).toBe(1008)
    }

    const huge = await open(`/ws?token=${token}`)
    const closedHuge = new Promise<number>((r) => huge.once('close', (code) => r(code)))
    huge.send(new Uint8Array(16 * 1024 * 1024 + 1))
    expect(await closedHuge).toBe(1009)
  })

  it('closes the socket on frames that are not calls', async () => {
    const ws = await open(`/ws?token=${token}`)
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)))
    ws.send('plain text')
    expect(await closed).toBe(1003)
  })
})
