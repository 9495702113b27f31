import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { callNames } from '../../shared/contract'
import { createTestBackend, serverParams, type TestBackend } from './test-support/backend'

const pgInfo = inject('pg')
let t: TestBackend

beforeAll(async () => {
  t = await createTestBackend()
})

afterAll(async () => {
  await t?.close()
})

describe('the handler map through dispatch', () => {
  it('starts disconnected and says so when asked for server info', async () => {
    expect(await t.call('connection/state', {})).toMatchObject({ status: 'disconnected' })
    await expect(t.call('server/info', {})).rejects.toMatchObject({ code: 'not_connected' })
  })

  it('connects to the embedded TimescaleDB, announcing connecting then connected', async () => {
    const state = await t.call('connection/open', { target: { kind: 'embedded' } })
    expect(state.status).toBe('connected')
    expect(state.target).toMatchObject({
      kind: 'embedded',
      label: 'Embedded TimescaleDB',
      dataDir: t.dataDir,
    })
    expect(state.server?.timescaledb.installed).toMatch(/^2\.23/)
    const statuses = t.events
      .filter((e) => e.name === 'connection/changed')
      .map((e) => (e.payload as { status: string }).status)
    expect(statuses).toEqual(['connecting', 'connected'])
    const info = await t.call('server/info', {})
    expect(info.engine).toBe('embedded')
  })

  it('switches to a PostgreSQL server; the reply and events never carry the password', async () => {
    const state = await t.call('connection/open', {
      target: { kind: 'server', params: serverParams(pgInfo) },
    })
    expect(state.status).toBe('connected')
    expect(state.server?.engine).toBe('postgres')
    expect(state.server?.timescaledb.installed).toBeNull()
    expect(state.target).toMatchObject({ kind: 'server', host: pgInfo.host, port: pgInfo.port })
    expect(JSON.stringify(state)).not.toContain(pgInfo.password)
    expect(JSON.stringify(t.events)).not.toContain(pgInfo.password)
  })

  it('keeps the current connection when a new one fails, with a clear message', async () => {
    const error = await t
      .call('connection/open', {
        target: { kind: 'server', params: serverParams(pgInfo, { password: 'wrong-password' }) },
      })
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'auth_failed' })
    expect(String((error as Error).message)).not.toContain('wrong-password')
    expect(await t.call('connection/state', {})).toMatchObject({
      status: 'connected',
      target: { kind: 'server' },
    })
  })

  it('closes the connection', async () => {
    expect(await t.call('connection/close', {})).toMatchObject({ status: 'disconnected' })
    await expect(t.call('server/info', {})).rejects.toMatchObject({ code: 'not_connected' })
  })

  it('refuses unknown calls and invalid payloads as data, without stacks or echoed values', async () => {
    const unknown = await t.backend.dispatch('schema/drop-everything', {})
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown_call' } })
    const secret = 'a-very-secret-value'
    const bad = await t.backend.dispatch('connection/open', {
      target: { kind: 'server', params: { host: 'h', port: 'nope', password: secret } },
    })
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request' } })
    const text = JSON.stringify(bad)
    expect(text).not.toContain(secret)
    expect(text).not.toMatch(/\bat .*\.ts:\d+/)
    const extra = await t.backend.dispatch('app/info', { surprise: true })
    expect(extra).toMatchObject({ ok: false, error: { code: 'bad_request' } })
  })

  it('answers app/info with the host and the embedded data folder', async () => {
    expect(await t.call('app/info', {})).toMatchObject({ host: 'web', embeddedDataDir: t.dataDir })
  })

  it('routes every call in the contract to a handler', async () => {
    for (const name of callNames) {
      const result = await t.backend.dispatch(name, {})
      if (!result.ok) expect(result.error.code).not.toBe('unknown_call')
    }
  })

  it('never wrote the password to its log', () => {
    expect(t.logs.join('\n')).not.toContain(pgInfo.password)
  })
})
