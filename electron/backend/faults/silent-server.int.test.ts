import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { SslMode } from '../../../shared/domain/connection'
import { rejection, serverParams, type TestBackend } from '../test-support/backend'
import { startFaultProxy, type FaultProxy, type ProxyMode } from '../test-support/fault-proxy'
import { connectScratch } from '../test-support/engines'
import type { ScratchDatabase } from '../test-support/scratch-database'
import { waitFor } from '../test-support/wait'
import { connectTo } from './harness'

/**
 * Servers that never answer: one that accepts TCP and says nothing (a
 * firewall, a proxy, a wrong service), and one that agrees to TLS and then
 * goes silent mid-handshake. Connecting must fail within the configured
 * connect timeout with a message that says so, close its sockets, and leave
 * the connection the app already had untouched.
 */
const pg = inject('pg')
const TIMEOUT_S = 2
let scratch: ScratchDatabase
let proxy: FaultProxy
let t: TestBackend
let close: () => Promise<void>

beforeAll(async () => {
  proxy = await startFaultProxy({ host: pg.host, port: pg.port })
  // The connection the user already has, straight to the server.
  ;({ t, scratch, close } = await connectScratch(pg, 'silent'))
  await t.call('schema/setup', {})
})

afterAll(async () => {
  await close?.()
  await proxy?.close()
})

const cases: [ProxyMode, SslMode][] = [
  ['blackhole', 'disable'],
  ['blackhole', 'prefer'],
  ['blackhole', 'require'],
  ['stall-after-tls-request', 'prefer'],
  ['stall-after-tls-request', 'require'],
  ['stall-after-tls-request', 'verify-full'],
]

describe('a server that never answers', () => {
  it.each(cases)(
    '%s, sslmode=%s: connect fails within the connect timeout, and the current connection stays',
    async (mode, sslmode) => {
      proxy.setMode(mode)
      const params = serverParams(pg, {
        host: proxy.host,
        port: proxy.port,
        database: scratch.name,
        sslmode,
        connectTimeoutSeconds: TIMEOUT_S,
        ...(sslmode === 'verify-full' ? { caCertPem: pg.caCertPem } : {}),
      })
      for (const call of ['connection/test', 'connection/open'] as const) {
        const started = performance.now()
        const error = await rejection(t.call(call, { target: { kind: 'server', params } }))
        const waited = performance.now() - started
        expect(error.code, call).toBe('connect_timeout')
        expect(error.message, call).toBe(
          `No answer from 127.0.0.1:${proxy.port} within ${TIMEOUT_S} s. The host accepted the connection but the server never replied: check that it is PostgreSQL on that port, or a firewall or proxy in between.`,
        )
        // Not a speed target: proof that it neither hangs nor gives up before the timeout.
        expect(waited, call).toBeGreaterThanOrEqual(TIMEOUT_S * 1000 - 50)
        expect(waited, call).toBeLessThan(TIMEOUT_S * 1000 + 5000)
      }
      // Nothing left half-open at the silent end.
      await waitFor(
        'the app to close its sockets to the silent server',
        () => proxy.connections === 0,
      )
      // The connection the user had is still the current one, and works.
      const state = await t.call('connection/state', {})
      expect(state).toMatchObject({ status: 'connected', target: { port: pg.port } })
      expect(await t.call('sensors/list', {})).toEqual([])
    },
    30_000,
  )

  it('connects through the same proxy once it forwards again', async () => {
    proxy.setMode('forward')
    await connectTo(t, pg, {
      host: proxy.host,
      port: proxy.port,
      database: scratch.name,
      sslmode: 'require',
      connectTimeoutSeconds: TIMEOUT_S,
    })
    expect(await t.call('connection/state', {})).toMatchObject({
      status: 'connected',
      target: { port: proxy.port },
      server: { tls: { enabled: true } },
    })
    expect(await t.call('schema/status', {})).toMatchObject({ state: 'ready' })
  })
})
