import { createServer, type Server, type Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import {
  DEFAULT_CONNECT_TIMEOUT_SECONDS,
  ServerParamsSchema,
  type ServerParamsInput,
} from '../../../shared/domain/connection'
import type { AppError } from '../../../shared/errors'
import { openPgDriver } from '../db/pg/pg-driver'
import {
  createTestBackend,
  rejection,
  serverParams,
  type TestBackend,
} from '../test-support/backend'
import { freePort } from '../test-support/free-port'
import { startTestPostgres, type TestServer } from '../test-support/postgres-server'

/**
 * Every way a connection can fail (issue 3, item 3) and every SSL mode (item 2),
 * through dispatch as a host calls it, against real PostgreSQL servers: the
 * shared one (scram, TLS with a throwaway CA) and one started here without TLS.
 */
const pg = inject('pg')
const canary = pg.password
let t: TestBackend
let plain: TestServer
let silent: Server
let silentPort: number
const silentSockets = new Set<Socket>()

beforeAll(async () => {
  t = await createTestBackend()
  plain = await startTestPostgres({ tls: false })
  // Accepts TCP and never says a word: what a firewall, a proxy or a wrong service looks like.
  silent = createServer((socket) => {
    silentSockets.add(socket)
    socket.on('error', () => {})
    socket.on('close', () => silentSockets.delete(socket))
  })
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
  silentPort = (silent.address() as { port: number }).port
})

afterAll(async () => {
  for (const socket of silentSockets) socket.destroy()
  await new Promise<void>((resolve) => silent?.close(() => resolve()))
  await t?.close()
  await plain?.destroy()
})

const test = async (overrides: Partial<ServerParamsInput>, server = pg) => {
  const info = await t.call('connection/test', {
    target: { kind: 'server', params: serverParams(server, overrides) },
  })
  expect(JSON.stringify(info)).not.toContain(canary)
  return info
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await rejection(promise)
  expect(error.message).not.toContain(canary)
  return error
}

describe('connection errors a user can act on, each with its own message', () => {
  it('wrong password', async () => {
    const error = await failure(test({ password: `${canary}-wrong` }))
    expect(error.code).toBe('auth_failed')
    expect(error.message).toMatch(/Password authentication failed for user "postgres"/)
    expect(error.message).not.toContain('-wrong')
  })

  it('unknown user, where the server says so (trust auth)', async () => {
    const error = await failure(test({ user: 'nobody_here', database: pg.trustDatabase }))
    expect(error.code).toBe('unknown_user')
    expect(error.message).toBe('The server has no user named "nobody_here". Check the user name.')
  })

  it('unknown user under scram: the server hides it, and the message says so honestly', async () => {
    const error = await failure(test({ user: 'nobody_here' }))
    expect(error.code).toBe('auth_failed')
    expect(error.message).toMatch(/and that the user exists/)
  })

  it('unknown database', async () => {
    const error = await failure(test({ database: 'no_such_db' }))
    expect(error.code).toBe('unknown_database')
    expect(error.message).toMatch(/no database named "no_such_db"/)
  })

  it('connection refused on a closed port', async () => {
    const port = await freePort()
    const error = await failure(test({ port }))
    expect(error.code).toBe('connection_refused')
    expect(error.message).toBe(
      `Connection refused by 127.0.0.1:${port}. Is the server running and listening on that port?`,
    )
  })

  it('a host name that does not resolve', async () => {
    const error = await failure(test({ host: 'no-such-host.invalid' }))
    expect(error.code).toBe('host_not_found')
    expect(error.message).toMatch(/"no-such-host\.invalid" could not be found/)
  })

  it(
    'a server that accepts TCP but never answers fails within the connect timeout',
    { timeout: 15_000 },
    async () => {
      for (const sslmode of ['disable', 'require'] as const) {
        const error = await failure(test({ port: silentPort, sslmode, connectTimeoutSeconds: 1 }))
        expect(error.code).toBe('connect_timeout')
        expect(error.message).toMatch(/No answer from 127\.0\.0\.1:\d+ within 1 s/)
      }
    },
  )

  it('the connect timeout is 10 s by default, and a URL connect_timeout is honoured', async () => {
    expect(DEFAULT_CONNECT_TIMEOUT_SECONDS).toBe(10)
    const { password: _p, connectTimeoutSeconds: _c, ...rest } = serverParams(pg)
    expect(ServerParamsSchema.parse(rest).connectTimeoutSeconds).toBe(10)
    const error = await failure(
      t.call('connection/test', {
        target: {
          kind: 'url',
          url: `postgresql://postgres@127.0.0.1:${silentPort}/postgres?connect_timeout=2`,
        },
      }),
    )
    expect(error.message).toMatch(/within 2 s/)
  }, 15_000)

  it.each(['require', 'verify-ca', 'verify-full'] as const)(
    'TLS required by the client (%s) but not offered by the server',
    async (sslmode) => {
      const error = await failure(
        test({ sslmode, caCertPem: pg.caCertPem, password: plain.password }, plain),
      )
      expect(error.code).toBe('tls_not_offered')
      expect(error.message).toMatch(/does not offer TLS, but SSL mode "[a-z-]+" requires it/)
    },
  )

  it('certificate not trusted: signed by a CA other than the one picked', async () => {
    const error = await failure(test({ sslmode: 'verify-ca', caCertPem: pg.otherCaCertPem }))
    expect(error.code).toBe('tls_untrusted')
    expect(error.message).toMatch(/not signed by a trusted certificate authority/)
  })

  it('certificate not trusted: no CA picked, and the built-in roots do not know it', async () => {
    for (const sslmode of ['verify-ca', 'verify-full'] as const) {
      const error = await failure(test({ sslmode, host: 'localhost' }))
      expect(error.code).toBe('tls_untrusted')
    }
  })

  it('host name mismatch under verify-full (certificate is for "localhost" only)', async () => {
    const error = await failure(
      test({ sslmode: 'verify-full', host: '127.0.0.1', caCertPem: pg.caCertPem }),
    )
    expect(error.code).toBe('tls_hostname')
    expect(error.message).toMatch(/not valid for the host name "127\.0\.0\.1"/)
  })

  it('malformed URL, parsed by the backend; the password in it is never repeated', async () => {
    for (const url of [
      `postgres://postgres:${canary}@127.0.0.1:notaport/postgres`,
      `postgres://postgres:${canary}@@127.0.0.1/postgres`,
      `postgresql://postgres:${canary}@127.0.0.1/postgres?sslmode=sometimes`,
      `dbname=postgres password=${canary} user`,
    ]) {
      const error = await failure(t.call('connection/test', { target: { kind: 'url', url } }))
      expect(error.code).toBe('malformed_url')
    }
  })

  it('a URL without a user is refused before connecting', async () => {
    const error = await failure(
      t.call('connection/test', {
        target: { kind: 'url', url: 'postgresql://127.0.0.1/postgres' },
      }),
    )
    expect(error).toMatchObject({
      code: 'malformed_url',
      message: expect.stringMatching(/no user/),
    })
  })

  it('a good URL connects, with the password from the URL or from the Password field', async () => {
    const base = `postgresql://postgres@127.0.0.1:${pg.port}/postgres?sslmode=disable`
    const withPassword = base.replace('postgres@', `postgres:${encodeURIComponent(canary)}@`)
    expect(
      await t.call('connection/test', { target: { kind: 'url', url: withPassword } }),
    ).toMatchObject({ engine: 'postgres', user: 'postgres' })
    expect(
      await t.call('connection/test', { target: { kind: 'url', url: base, password: canary } }),
    ).toMatchObject({ engine: 'postgres' })
    const keyValue = `host=127.0.0.1 port=${pg.port} dbname=postgres user=postgres password='${canary}' sslmode=require`
    const info = await t.call('connection/test', { target: { kind: 'url', url: keyValue } })
    expect(info.tls).toMatchObject({ enabled: true, certificateVerified: false })
  })

  it('no password where the server wants one: asks for it', async () => {
    const { password: _p, ...noPassword } = serverParams(pg)
    const error = await failure(
      t.call('connection/test', { target: { kind: 'server', params: noPassword } }),
    )
    expect(error.code).toBe('password_required')
    expect(error.message).toMatch(/Enter the password/)
  })
})

describe('SSL modes mean what libpq says, and the negotiated TLS is reported', () => {
  it('disable: plain text even though the server offers TLS', async () => {
    expect((await test({ sslmode: 'disable' })).tls).toEqual({
      enabled: false,
      protocol: null,
      certificateVerified: false,
      hostnameVerified: false,
    })
  })

  it('prefer: TLS when offered, not verified', async () => {
    const info = await test({ sslmode: 'prefer' })
    expect(info.tls).toMatchObject({ enabled: true, certificateVerified: false })
    expect(info.tls?.protocol).toMatch(/^TLSv1\.[23]$/)
  })

  it('prefer: plain text when the server has no TLS', async () => {
    const info = await test({ sslmode: 'prefer', password: plain.password }, plain)
    expect(info.tls).toMatchObject({ enabled: false })
  })

  it('require: encrypted without verifying (even a certificate from an unknown CA)', async () => {
    const info = await test({ sslmode: 'require', host: '127.0.0.1' })
    expect(info.tls).toMatchObject({
      enabled: true,
      certificateVerified: false,
      hostnameVerified: false,
    })
  })

  it('require with a CA picked: the chain is verified, as libpq does', async () => {
    const info = await test({ sslmode: 'require', caCertPem: pg.caCertPem })
    expect(info.tls).toMatchObject({ certificateVerified: true, hostnameVerified: false })
    await failure(test({ sslmode: 'require', caCertPem: pg.otherCaCertPem }))
  })

  it('verify-ca: chain verified, host name not checked (127.0.0.1 is not in the certificate)', async () => {
    const info = await test({ sslmode: 'verify-ca', host: '127.0.0.1', caCertPem: pg.caCertPem })
    expect(info.tls).toMatchObject({
      enabled: true,
      certificateVerified: true,
      hostnameVerified: false,
    })
  })

  it('verify-full: chain and host name verified', async () => {
    const info = await test({ sslmode: 'verify-full', host: 'localhost', caCertPem: pg.caCertPem })
    expect(info.tls).toMatchObject({
      enabled: true,
      certificateVerified: true,
      hostnameVerified: true,
    })
  })

  it('the server agrees: pg_stat_ssl shows TLS for require and none for disable', async () => {
    for (const [sslmode, expected] of [
      ['require', true],
      ['disable', false],
    ] as const) {
      const driver = await openPgDriver({
        params: ServerParamsSchema.parse(serverParams(pg, { sslmode })),
      })
      const { rows } = await driver.query<{ ssl: boolean }>(
        'SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()',
      )
      await driver.close()
      expect(rows[0]?.ssl).toBe(expected)
    }
  })
})

describe('connection/test leaves the current connection alone', () => {
  it('tests a server while connected elsewhere, then connects for real', async () => {
    await t.call('connection/open', {
      target: { kind: 'server', params: serverParams(pg, { sslmode: 'disable' }) },
    })
    await test({ sslmode: 'require' })
    const state = await t.call('connection/state', {})
    expect(state).toMatchObject({ status: 'connected', server: { tls: { enabled: false } } })
    await t.call('connection/close', {})
  })
})

describe('the password never leaks', () => {
  it('is in no log line, no event, no reply', () => {
    expect(t.logs.join('\n')).not.toContain(canary)
    expect(JSON.stringify(t.events)).not.toContain(canary)
  })
})
