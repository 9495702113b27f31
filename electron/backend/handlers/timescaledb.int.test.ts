import { randomBytes } from 'node:crypto'
import { access } from 'node:fs/promises'
import pgLib from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { ConnectionState } from '../../../shared/domain/connection'
import {
  createTestBackend,
  rejection,
  serverParams,
  type TestBackend,
} from '../test-support/backend'
import { buildNativeTimescale, startNativeTimescale } from '../test-support/native-timescale'
import { createScratchDatabase } from '../test-support/scratch-database'

/**
 * The embedded TimescaleDB as a profile, enabling TimescaleDB (for real, on
 * the embedded engine and on native TimescaleDB: available but not created,
 * a user without the right, a server that does not preload it), and
 * resetting the embedded engine's data.
 */
const pg = inject('pg')
let t: TestBackend

beforeAll(async () => {
  t = await createTestBackend()
})

afterAll(async () => {
  await t?.close()
})

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  )

describe('the embedded TimescaleDB', () => {
  it('connects as the built-in profile', async () => {
    const state = await t.call('connection/open', {
      target: { kind: 'profile', profileId: 'embedded' },
    })
    expect(state).toMatchObject({
      status: 'connected',
      target: { kind: 'embedded', label: 'Embedded TimescaleDB', profileId: 'embedded' },
      server: { engine: 'embedded', tls: null },
    })
    expect(state.server?.timescaledb.installed).toMatch(/^2\.23/)
  })

  it('enables TimescaleDB after it was dropped (a fresh session creates it)', async () => {
    await t.session.require().query('DROP EXTENSION timescaledb')
    const before = await t.call('server/info', {})
    expect(before.timescaledb.installed).toBeNull()
    expect(before.timescaledb.available).toMatch(/^2\.23/)
    t.events.length = 0
    const after = await t.call('server/enable-timescaledb', {})
    expect(after.timescaledb.installed).toMatch(/^2\.23/)
    const { rows } = await t.session
      .require()
      .query<{ extversion: string }>(
        "SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'",
      )
    expect(rows[0]?.extversion).toMatch(/^2\.23/)
    // Every window hears about it: the last state carries the installed version.
    const states = t.events.filter((e) => e.name === 'connection/changed')
    const last = states.at(-1)?.payload as ConnectionState
    expect(last).toMatchObject({ status: 'connected', target: { kind: 'embedded' } })
    expect(last.server?.timescaledb.installed).toMatch(/^2\.23/)
  })

  it('enabling when it is already there changes nothing', async () => {
    const info = await t.call('server/enable-timescaledb', {})
    expect(info.timescaledb.installed).toMatch(/^2\.23/)
  })

  it('reset deletes everything in the data folder and reopens the engine', async () => {
    await t.session.require().query('CREATE TABLE reset_probe (x int)')
    await t.session.require().query('INSERT INTO reset_probe VALUES (1)')
    const state = await t.call('embedded/reset', { confirm: true })
    expect(state).toMatchObject({ status: 'connected', target: { kind: 'embedded' } })
    const { rows } = await t.session
      .require()
      .query<{ found: string | null }>("SELECT to_regclass('reset_probe')::text AS found")
    expect(rows[0]?.found).toBeNull()
    expect(state.server?.timescaledb.installed).toMatch(/^2\.23/)
    const statuses = t.events
      .filter((e) => e.name === 'connection/changed')
      .map((e) => (e.payload as ConnectionState).status)
    expect(statuses.slice(-3)).toEqual(['disconnected', 'connecting', 'connected'])
  })

  it('reset while connected to another server deletes the folder and keeps that connection', async () => {
    await t.session.require().query('CREATE TABLE reset_probe_2 (x int)')
    await t.call('connection/open', { target: { kind: 'server', params: serverParams(pg) } })
    expect(await exists(t.dataDir)).toBe(true)
    const state = await t.call('embedded/reset', { confirm: true })
    expect(state).toMatchObject({ status: 'connected', target: { kind: 'server' } })
    expect(await exists(t.dataDir)).toBe(false)
    await t.call('connection/open', { target: { kind: 'embedded' } })
    const { rows } = await t.session
      .require()
      .query<{ found: string | null }>("SELECT to_regclass('reset_probe_2')::text AS found")
    expect(rows[0]?.found).toBeNull()
  })

  it('connection/test on the embedded engine answers from the open engine', async () => {
    const info = await t.call('connection/test', { target: { kind: 'embedded' } })
    expect(info).toMatchObject({ engine: 'embedded', tls: null })
  })
})

describe('enabling TimescaleDB on a PostgreSQL without it', () => {
  it('says plainly that TimescaleDB is not installed on the server', async () => {
    await t.call('connection/open', { target: { kind: 'server', params: serverParams(pg) } })
    const info = await t.call('server/info', {})
    expect(info.timescaledb).toEqual({ installed: null, available: null })
    const error = await rejection(t.call('server/enable-timescaledb', {}))
    expect(error.code).toBe('not_found')
    expect(error.message).toMatch(/^TimescaleDB is not installed on this server/)
    expect(await t.call('connection/state', {})).toMatchObject({ status: 'connected' })
  })

  it('needs a connection', async () => {
    await t.call('connection/close', {})
    expect(await rejection(t.call('server/enable-timescaledb', {}))).toMatchObject({
      code: 'not_connected',
    })
  })
})

const tsdb = inject('tsdb')

describe('on native TimescaleDB (TSDB_TEST_URL: an external server instead)', () => {
  it('enables TimescaleDB in a database where it is available but not created', async () => {
    const scratch = await createScratchDatabase(tsdb, 'enable', { timescaledb: false })
    try {
      await t.call('connection/open', {
        target: { kind: 'server', params: serverParams(tsdb, { database: scratch.name }) },
      })
      const before = await t.call('server/info', {})
      expect(before.timescaledb).toEqual({
        installed: null,
        available: expect.stringMatching(/^2\./),
      })
      const after = await t.call('server/enable-timescaledb', {})
      expect(after.timescaledb.installed).toBe(before.timescaledb.available)
      const { rows } = await scratch.admin.query<{ extversion: string }>(
        "SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'",
      )
      expect(rows[0]?.extversion).toBe(after.timescaledb.installed)
      await t.call('connection/close', {})
    } finally {
      await scratch.drop()
    }
  })

  it('reports "permission denied" clearly for a user who may not create it', async () => {
    const scratch = await createScratchDatabase(tsdb, 'denied', { timescaledb: false })
    const suffix = randomBytes(4).toString('hex')
    const role = `tsdb_explorer_probe_${suffix}`
    const password = `pw-${suffix}-${Date.now()}`
    try {
      await scratch.admin.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`)
      await t.call('connection/open', {
        target: {
          kind: 'server',
          params: serverParams(tsdb, { database: scratch.name, user: role, password }),
        },
      })
      const error = await rejection(t.call('server/enable-timescaledb', {}))
      expect(error.code).toBe('permission_denied')
      expect(error.message).toMatch(new RegExp(`^Permission denied: user "${role}"`))
      expect(error.message).not.toContain(password)
      const { rows } = await scratch.admin.query(
        "SELECT 1 FROM pg_extension WHERE extname = 'timescaledb'",
      )
      expect(rows).toEqual([])
      await t.call('connection/close', {})
    } finally {
      await scratch.drop()
      await dropRole(role)
    }
  })

  it('says "not loaded" on a server started without shared_preload_libraries', async () => {
    const bin = inject('tsdbBin') || (await buildNativeTimescale())
    const server = await startNativeTimescale({ bin, preload: false })
    try {
      await t.call('connection/open', { target: { kind: 'server', params: serverParams(server) } })
      const before = await t.call('server/info', {})
      expect(before.timescaledb).toEqual({
        installed: null,
        available: expect.stringMatching(/^2\./),
      })
      const error = await rejection(t.call('server/enable-timescaledb', {}))
      expect(error.message).toBe(
        'TimescaleDB is installed on the server but not loaded: add timescaledb to shared_preload_libraries in postgresql.conf, restart the server, then try again.',
      )
      expect(await t.call('connection/state', {})).toMatchObject({ status: 'connected' })
      expect((await t.call('server/info', {})).timescaledb.installed).toBeNull()
      await t.call('connection/close', {})
    } finally {
      await server.destroy()
    }
  })
})

async function dropRole(role: string): Promise<void> {
  const admin = new pgLib.Client({
    host: tsdb.host,
    port: tsdb.port,
    user: tsdb.user,
    password: tsdb.password,
    database: tsdb.database,
  })
  await admin.connect()
  await admin.query(`DROP ROLE IF EXISTS ${role}`).catch(() => {})
  await admin.end()
}

describe('embedded/reset is destructive', () => {
  it('refuses a call that does not confirm', async () => {
    const result = await t.backend.dispatch('embedded/reset', {})
    expect(result).toMatchObject({ ok: false, error: { code: 'bad_request' } })
  })
})
