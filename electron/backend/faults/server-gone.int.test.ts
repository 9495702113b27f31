import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { DAY_MS } from '../../../shared/domain/ingest'
import { createTestBackend, rejection, type TestBackend } from '../test-support/backend'
import { jobDone, loadQuickStartDay } from '../test-support/jobs'
import { startTestPostgres, type TestServer } from '../test-support/postgres-server'
import { connectScratch } from '../test-support/engines'
import type { ScratchDatabase } from '../test-support/scratch-database'
import { waitFor } from '../test-support/wait'
import {
  APP_NAME,
  appSessions,
  connectTo,
  idleInTransaction,
  readingsFingerprint,
  whileLocked,
} from './harness'

/**
 * The server takes the app's sessions away: it kills idle pooled ones, kills
 * one mid-statement, and is stopped and started again. The app must not
 * crash, must say plainly what is wrong while the server is gone, and must
 * work again afterwards without being restarted or reconnected by the user.
 */
const shared = inject('pg')
const BASE = Date.UTC(2026, 0, 1)

async function seedReadings(t: TestBackend) {
  expect(await loadQuickStartDay(t, BASE)).toMatchObject({ outcome: 'succeeded' })
}

describe('the server kills the app’s sessions', () => {
  let scratch: ScratchDatabase
  let t: TestBackend
  let close: () => Promise<void>

  beforeAll(async () => {
    ;({ t, scratch, close } = await connectScratch(shared, 'killed'))
    await seedReadings(t)
  })

  afterAll(async () => {
    await close?.()
  })

  it('idle pooled connections killed by pg_terminate_backend: no crash, the next call works', async () => {
    // Several calls at once leave several idle sessions in the pool.
    await Promise.all([t.call('sensors/list', {}), t.call('series/extent', {})])
    const idle = await waitFor('idle pooled sessions', async () => {
      const sessions = (await appSessions(scratch.admin, scratch.name)).filter(
        (s) => s.state === 'idle',
      )
      return sessions.length > 0 && sessions
    })
    const { rows } = await scratch.admin.query<{ killed: boolean }>(
      'SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity WHERE application_name = $1 AND datname = $2',
      [APP_NAME, scratch.name],
    )
    expect(rows.length).toBeGreaterThanOrEqual(idle.length)
    await waitFor('the killed sessions to be gone', async () =>
      (await appSessions(scratch.admin, scratch.name)).every(
        (s) => !idle.some((i) => i.pid === s.pid),
      ),
    )
    // The pool heard each idle session die, logged it, and carried on. Wait for every one:
    // a client whose death the pool has not read yet is still handed out.
    await waitFor(
      'the pool to notice',
      () =>
        t.logs.filter((line) => line.includes('idle database connection closed')).length >=
        idle.length,
    )
    expect(await t.call('connection/state', {})).toMatchObject({ status: 'connected' })
    const sensors = await t.call('sensors/list', {})
    expect(sensors.map((s) => s.readings)).toEqual([289, 289, 289, 289])
    expect(await t.call('series/extent', {})).toMatchObject({ first: BASE, last: BASE + DAY_MS })
  })

  it('a session killed while its statement runs: the call says so, the next works', async () => {
    // Holding a lock keeps the app's statement running long enough to be killed.
    await whileLocked(shared, scratch.name, 'ACCESS EXCLUSIVE', async () => {
      const listing = rejection(t.call('sensors/list', {}))
      const waiting = await waitFor('the app’s statement to wait on the lock', async () =>
        (await appSessions(scratch.admin, scratch.name)).find((s) => s.wait_event_type === 'Lock'),
      )
      await scratch.admin.query('SELECT pg_terminate_backend($1)', [waiting.pid])
      const error = await listing
      // The server's own words say what happened; the next call shows nothing else is needed.
      expect(error.code).toBe('connection_lost')
      expect(error.message).toBe('terminating connection due to administrator command')
    })
    expect((await t.call('sensors/list', {})).length).toBe(4)
    expect(await idleInTransaction(scratch.admin, scratch.name)).toEqual([])
  })

  it('never logs the password while all this happens', () => {
    expect(t.logs.join('\n')).not.toContain(shared.password)
  })
})

describe('the server is stopped and started again', () => {
  let server: TestServer
  let t: TestBackend

  beforeAll(async () => {
    // A server of our own: stopping the shared one would break every other file.
    server = await startTestPostgres({ tls: false })
    t = await createTestBackend()
    await connectTo(t, server, { connectTimeoutSeconds: 5 })
    await seedReadings(t)
  })

  afterAll(async () => {
    await t?.close()
    await server?.destroy()
  })

  it('fails with a clear message while it is down, and works after, with no restart of the app', async () => {
    // A fresh admin session each time: the server restarts in between.
    const fingerprint = async () => {
      const client = new pg.Client({
        host: server.host,
        port: server.port,
        user: server.user,
        password: server.password,
        database: server.database,
      })
      await client.connect()
      try {
        return await readingsFingerprint(client)
      } finally {
        await client.end()
      }
    }
    const before = await fingerprint()
    expect(before.rows).toBe(1156)

    await server.pause()
    for (const name of ['sensors/list', 'series/extent', 'schema/status', 'server/info'] as const) {
      const error = await rejection(t.call(name, {}))
      expect(error.code, name).toBe('connection_refused')
      expect(error.message, name).toBe(
        `Connection refused by 127.0.0.1:${server.port}. Is the server running and listening on that port?`,
      )
      expect(error.message).not.toContain(server.password)
    }
    // A load started while the server is down fails at once, with the same message.
    const refused = await rejection(
      t.call('ingest/start', { from: BASE, to: BASE + DAY_MS, intervalMs: 60_000 }),
    )
    expect(refused.code).toBe('connection_refused')

    await server.resume()
    const sensors = await t.call('sensors/list', {})
    expect(sensors.map((s) => s.readings)).toEqual([289, 289, 289, 289])
    expect(await t.call('connection/state', {})).toMatchObject({ status: 'connected' })
    expect(await fingerprint()).toEqual(before)
    // And work that writes goes through again.
    const { jobId } = await t.call('ingest/start', {
      from: BASE + DAY_MS + 300_000,
      to: BASE + 2 * DAY_MS,
      intervalMs: 300_000,
      seed: 3,
    })
    expect(await jobDone(t, jobId)).toMatchObject({ outcome: 'succeeded', summary: { rows: 1152 } })
    expect(t.logs.join('\n')).not.toContain(server.password)
  })
})
