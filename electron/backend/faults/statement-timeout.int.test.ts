import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { DAY_MS } from '../../../shared/domain/ingest'
import type { JobDone } from '../../../shared/domain/jobs'
import { rejection, type TestBackend } from '../test-support/backend'
import { jobDone, loadQuickStartDay, quickStartDayChart } from '../test-support/jobs'
import { connectScratch } from '../test-support/engines'
import type { ScratchDatabase } from '../test-support/scratch-database'
import { waitFor } from '../test-support/wait'
import { appSessions, idleInTransaction, waitForQuietSessions, whileLocked } from './harness'

/**
 * A query that runs too long is stopped by the statement timeout the app sets
 * on every pooled session: the user is told why and what to do, the statement
 * is gone from the server, and the next call works. A long query is made the
 * realistic way: another session holds sensor_data locked while the app
 * charts and counts. (A query the user cancels — a chart superseded by a
 * newer one — is in series/series.int.test.ts, checked the same way.)
 */
const shared = inject('pg')
const BASE = Date.UTC(2026, 0, 1)
const TIMEOUT_MS = 1000
let scratch: ScratchDatabase
let t: TestBackend
let close: () => Promise<void>

beforeAll(async () => {
  ;({ t, scratch, close } = await connectScratch(shared, 'timeout', {
    backend: { statementTimeoutMs: TIMEOUT_MS },
  }))
  expect(await loadQuickStartDay(t, BASE)).toMatchObject({ outcome: 'succeeded' })
})

afterAll(async () => {
  await close?.()
})

const chart = quickStartDayChart(BASE)

describe('the statement timeout', () => {
  it('stops a query held up by a lock: clear message, gone from pg_stat_activity, next call works', async () => {
    await whileLocked(shared, scratch.name, 'ACCESS EXCLUSIVE', async () => {
      const calls = [
        ['sensors/list', rejection(t.call('sensors/list', {}))],
        ['series/extent', rejection(t.call('series/extent', {}))],
        ['series/bucketed', rejection(t.call('series/bucketed', chart))],
      ] as const
      for (const [name, failed] of calls) {
        const error = await failed
        expect(error.code, name).toBe('timeout')
        expect(error.message, name).toMatch(/^canceling statement due to statement timeout — /)
        expect(error.message, name).toMatch(/Try a shorter time range/)
      }
      // Stopped on the server, not merely given up on: nothing of ours still waits on the lock.
      await waitForQuietSessions(scratch.admin, scratch.name)
      expect(
        (await appSessions(scratch.admin, scratch.name)).filter(
          (s) => s.wait_event_type === 'Lock',
        ),
      ).toEqual([])
      expect(await idleInTransaction(scratch.admin, scratch.name)).toEqual([])
      // The lock is still held: the app keeps answering other things meanwhile.
      expect(await t.call('connection/state', {})).toMatchObject({ status: 'connected' })
    })
    const sensors = await t.call('sensors/list', {})
    expect(sensors.map((s) => s.readings)).toEqual([289, 289, 289, 289])
    const reply = await t.call('series/bucketed', chart)
    expect(reply.series).toHaveLength(4)
    expect(reply.rows).toBe(1152)
  })

  it('does not apply to a bulk load: a load held up longer than the timeout completes', async () => {
    const { jobId, totalRows } = await whileLocked(shared, scratch.name, 'SHARE', async () => {
      const started = await t.call('ingest/start', {
        from: BASE + 2 * DAY_MS,
        to: BASE + 3 * DAY_MS,
        intervalMs: 60_000,
        seed: 2,
      })
      await waitFor('the load’s COPY to wait on the lock', async () =>
        (await appSessions(scratch.admin, scratch.name)).find(
          (s) => s.wait_event_type === 'Lock' && s.query.startsWith('COPY'),
        ),
      )
      // Twice the interactive timeout later, the load is still waiting, not cancelled.
      await new Promise((r) => setTimeout(r, 2 * TIMEOUT_MS))
      const ended = t.events.find(
        (e) => e.name === 'job/done' && (e.payload as JobDone).jobId === started.jobId,
      )
      expect(ended?.payload, 'the load ended while it waited').toBeUndefined()
      return started
    })
    expect(await jobDone(t, jobId)).toMatchObject({
      outcome: 'succeeded',
      summary: { rows: totalRows },
    })
    const { rows } = await scratch.admin.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM sensor_data',
    )
    expect(rows[0]?.n).toBe(1156 + totalRows)
    expect(await idleInTransaction(scratch.admin, scratch.name)).toEqual([])
  })
})
