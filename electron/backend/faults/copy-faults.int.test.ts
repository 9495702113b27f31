import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { DAY_MS } from '../../../shared/domain/ingest'
import type { TestBackend } from '../test-support/backend'
import type { FaultProxy } from '../test-support/fault-proxy'
import { jobDone, loadQuickStartDay, waitForProgress } from '../test-support/jobs'
import { serverOf, SERVER_ENGINES } from '../test-support/engines'
import type { ScratchDatabase } from '../test-support/scratch-database'
import { waitFor } from '../test-support/wait'
import {
  appSessions,
  connectThroughProxy,
  failureOf,
  idleInTransaction,
  readingsFingerprint,
  waitForQuietSessions,
} from './harness'

/**
 * A bulk load interrupted three ways while its COPY streams: the server kills
 * the loading session, the network (a proxy between app and server) cuts the
 * connection, and the user cancels the job. Each time the load must add
 * nothing and remove nothing (it replaces the readings in its range, in the
 * same transaction), leave no session idle in a transaction, tell the user
 * what happened, and the next call must work without reconnecting. On
 * PostgreSQL and on native TimescaleDB (a hypertable, so the COPY spans chunks).
 */
describe.each(SERVER_ENGINES)('faults mid-COPY on %s', (engine) => {
  const pg = serverOf(engine)
  const BASE = Date.UTC(2026, 0, 1)
  let scratch: ScratchDatabase
  let proxy: FaultProxy
  let t: TestBackend
  let close: () => Promise<void>

  beforeAll(async () => {
    ;({ t, scratch, proxy, close } = await connectThroughProxy(pg, 'copyfault'))
    // What must survive every failed load: a day of the quick start's readings.
    expect(await loadQuickStartDay(t, BASE)).toMatchObject({
      outcome: 'succeeded',
      summary: { rows: 1156 },
    })
  })

  afterAll(async () => {
    await close?.()
  })

  beforeEach(() => proxy.setMode('forward'))

  /** Replaces the baseline day and loads 30 more: ~10 million rows, so it is surely mid-COPY when hit. */
  const bigLoad = () =>
    t.call('ingest/start', {
      from: BASE,
      to: BASE + 30 * DAY_MS,
      intervalMs: 1_000,
      replaceExisting: true,
      seed: 2,
    })

  /** Starts the big load and waits until the server is running its COPY. */
  async function loadUntilCopying() {
    const before = await readingsFingerprint(scratch.admin)
    expect(before.rows).toBe(1156)
    const { jobId } = await bigLoad()
    await waitForProgress(t, jobId)
    const copying = await waitFor('the load’s COPY on the server', async () =>
      (await appSessions(scratch.admin, scratch.name)).find(
        (s) => s.state === 'active' && s.query.startsWith('COPY'),
      ),
    )
    return { before, jobId, copying }
  }

  /** What every interrupted load must leave: the table as it was, no open transaction, a working app. */
  async function expectNothingChanged(before: { rows: number; md5: string }) {
    await waitForQuietSessions(scratch.admin, scratch.name)
    expect(await readingsFingerprint(scratch.admin)).toEqual(before)
    expect(await idleInTransaction(scratch.admin, scratch.name)).toEqual([])
    // The next calls work on the same connection, no reconnect asked of the user.
    expect(await t.call('connection/state', {})).toMatchObject({ status: 'connected' })
    const sensors = await t.call('sensors/list', {})
    expect(sensors.map((s) => s.readings)).toEqual([289, 289, 289, 289])
  }

  describe('a bulk load interrupted mid-COPY adds nothing and loses nothing', () => {
    it('the server kills the loading session (pg_terminate_backend)', async () => {
      const { before, jobId, copying } = await loadUntilCopying()
      await scratch.admin.query('SELECT pg_terminate_backend($1)', [copying.pid])
      const error = failureOf(await jobDone(t, jobId))
      expect(error.code).toBe('connection_lost')
      // The server says why just before it closes, but a COPY write can meet the closed
      // socket first (EPIPE): then the reason is unknown to us, and the message says so.
      expect(error.message).toMatch(
        /terminating connection due to administrator command|the server closed it or the network dropped/,
      )
      await expectNothingChanged(before)
    })

    it('the network cuts the connection (proxy)', async () => {
      const { before, jobId } = await loadUntilCopying()
      proxy.cutAll()
      const error = failureOf(await jobDone(t, jobId))
      expect(error.code).toBe('connection_lost')
      expect(error.message).toMatch(/connection to the server was lost/i)
      expect(error.message).toMatch(/Nothing was (saved|committed)/)
      await expectNothingChanged(before)
    })

    it('the user cancels the job (jobs/cancel)', async () => {
      const { before, jobId } = await loadUntilCopying()
      expect(await t.call('jobs/cancel', { jobId })).toEqual({ cancelled: true })
      expect(await jobDone(t, jobId)).toMatchObject({
        outcome: 'cancelled',
        error: { code: 'cancelled', message: 'Cancelled. Nothing was saved.' },
      })
      await expectNothingChanged(before)
    })

    it('logs the faults without the password, and the app never crashed', () => {
      expect(t.logs.join('\n')).not.toContain(pg.password)
      expect(t.logs.some((line) => line.includes('job failed'))).toBe(true)
    })
  })
})
