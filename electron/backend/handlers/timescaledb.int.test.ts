import { access } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { ConnectionState } from '../../../shared/domain/connection'
import {
  createTestBackend,
  rejection,
  serverParams,
  type TestBackend,
} from '../test-support/backend'

/**
 * The embedded TimescaleDB as a profile, enabling TimescaleDB (for real, on
 * the embedded engine and, when TSDB_TEST_URL is set, on a real server), and
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

const tsdbUrl = process.env.TSDB_TEST_URL
describe.skipIf(!tsdbUrl)(
  'on a real TimescaleDB server (TSDB_TEST_URL; skipped when unset)',
  () => {
    it('enables TimescaleDB, and reports "permission denied" clearly for a user without rights', async () => {
      const { default: pgLib } = await import('pg')
      const admin = new pgLib.Client({ connectionString: tsdbUrl })
      await admin.connect()
      const suffix = Math.random().toString(36).slice(2, 8)
      const role = `tsdb_explorer_probe_${suffix}`
      const db = `tsdb_explorer_probe_${suffix}`
      const password = `pw-${suffix}-${Date.now()}`
      try {
        await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`)
        await admin.query(`CREATE DATABASE ${db}`)
        const url = new URL(tsdbUrl!)
        // As the admin, in a fresh database: enabling works.
        url.pathname = `/${db}`
        await t.call('connection/open', { target: { kind: 'url', url: url.toString() } })
        const enabled = await t.call('server/enable-timescaledb', {})
        expect(enabled.timescaledb.installed).toMatch(/^\d+\.\d+/)
        await t.call('connection/close', {})
        await admin.query(`DROP DATABASE ${db} WITH (FORCE)`)
        await admin.query(`CREATE DATABASE ${db}`)
        // As a user who may not create extensions: a clear "permission denied".
        url.username = role
        url.password = ''
        await t.call('connection/open', {
          target: { kind: 'url', url: url.toString(), password },
        })
        const error = await rejection(t.call('server/enable-timescaledb', {}))
        expect(error.code).toBe('permission_denied')
        expect(error.message).toMatch(new RegExp(`^Permission denied: user "${role}"`))
        await t.call('connection/close', {})
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`).catch(() => {})
        await admin.query(`DROP ROLE IF EXISTS ${role}`).catch(() => {})
        await admin.end()
      }
    })
  },
)

describe('embedded/reset is destructive', () => {
  it('refuses a call that does not confirm', async () => {
    const result = await t.backend.dispatch('embedded/reset', {})
    expect(result).toMatchObject({ ok: false, error: { code: 'bad_request' } })
  })
})
