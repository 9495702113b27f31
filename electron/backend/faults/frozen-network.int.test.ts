import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { DAY_MS } from '../../../shared/domain/ingest'
import { READ_GRACE_MS } from '../db/pg/pg-config'
import { rejection, type TestBackend } from '../test-support/backend'
import type { FaultProxy } from '../test-support/fault-proxy'
import { jobDone, loadQuickStartDay, waitForProgress } from '../test-support/jobs'
import { AUTO_WRITE, run, runOk } from '../test-support/console'
import type { ScratchDatabase } from '../test-support/scratch-database'
import {
  connectThroughProxy,
  idleInTransaction,
  readingsFingerprint,
  waitForQuietSessions,
} from './harness'

/**
 * The network goes silent under an open connection (a VPN drops, a NAT
 * forgets the flow): nothing comes back, nothing is closed. The server's
 * statement timeout cannot help, since the server never hears from us, and
 * TCP would take many minutes to notice. The app must give up on its own a
 * little after the statement timeout, drop that session, and work again once
 * the network does; a load caught in it must still be cancellable.
 */
const pg = inject('pg')
const BASE = Date.UTC(2026, 0, 1)
const TIMEOUT_MS = 1000
let scratch: ScratchDatabase
let proxy: FaultProxy
let t: TestBackend
let close: () => Promise<void>

beforeAll(async () => {
  ;({ t, scratch, proxy, close } = await connectThroughProxy(pg, 'frozen', {
    backend: { statementTimeoutMs: TIMEOUT_MS },
  }))
  expect(await loadQuickStartDay(t, BASE)).toMatchObject({ outcome: 'succeeded' })
})

afterAll(async () => {
  proxy?.freeze(false)
  await close?.()
})

describe('the network goes silent under an open connection', () => {
  it('a call gives up a little after the statement timeout and says why; the next works once the network does', async () => {
    proxy.freeze()
    const started = performance.now()
    const error = await rejection(t.call('sensors/list', {}))
    const waited = performance.now() - started
    expect(error.code).toBe('connection_lost')
    expect(error.message).toBe(
      `The server stopped answering: nothing came back within ${(TIMEOUT_MS + READ_GRACE_MS) / 1000} s. The network or the server may be down. Nothing was committed; try again.`,
    )
    // Not a speed target: proof that it neither hangs nor gives up before the server could answer.
    expect(waited).toBeGreaterThanOrEqual(TIMEOUT_MS + READ_GRACE_MS - 50)
    expect(waited).toBeLessThan(TIMEOUT_MS + READ_GRACE_MS + 5000)

    proxy.freeze(false)
    const sensors = await t.call('sensors/list', {})
    expect(sensors.map((s) => s.readings)).toEqual([289, 289, 289, 289])
    expect(await t.call('connection/state', {})).toMatchObject({ status: 'connected' })
  }, 30_000)

  it('a load caught in it can be cancelled, and leaves the table as it was', async () => {
    const before = await readingsFingerprint(scratch.admin)
    const { jobId } = await t.call('ingest/start', {
      from: BASE,
      to: BASE + 30 * DAY_MS,
      intervalMs: 1_000,
      replaceExisting: true,
    })
    await waitForProgress(t, jobId)
    proxy.freeze()
    // A load has no statement timeout (it may rightly run for hours): the user decides.
    expect(await t.call('jobs/cancel', { jobId })).toEqual({ cancelled: true })
    expect(await jobDone(t, jobId, 30_000)).toMatchObject({
      outcome: 'cancelled',
      error: { code: 'cancelled' },
    })
    proxy.freeze(false)
    await waitForQuietSessions(scratch.admin, scratch.name)
    expect(await readingsFingerprint(scratch.admin)).toEqual(before)
    expect(await idleInTransaction(scratch.admin, scratch.name)).toEqual([])
    expect((await t.call('sensors/list', {})).length).toBe(4)
  }, 60_000)

  it("a console tab's statement gives up a little after the tab's timeout; the tab's next run gets a new session", async () => {
    const settings = { ...AUTO_WRITE, statementTimeoutMs: TIMEOUT_MS }
    await runOk(t.call, 'SELECT 1', { tab: 'frozen', settings })
    proxy.freeze()
    const started = performance.now()
    const reply = await run(t.call, 'SELECT count(*) FROM sensor_data', { tab: 'frozen', settings })
    const waited = performance.now() - started
    expect(reply.statements[0]?.error).toMatchObject({ code: 'connection_lost' })
    expect(reply.statements[0]?.error?.message).toMatch(
      `nothing came back within ${(TIMEOUT_MS + READ_GRACE_MS) / 1000} s`,
    )
    expect(reply.tx).toBe('none')
    expect(waited).toBeGreaterThanOrEqual(TIMEOUT_MS + READ_GRACE_MS - 50)
    expect(waited).toBeLessThan(TIMEOUT_MS + READ_GRACE_MS + 5000)
    proxy.freeze(false)
    const next = await runOk(t.call, 'SELECT count(*) FROM sensors', { tab: 'frozen', settings })
    expect(next.rows).toEqual([['4']])
  }, 30_000)
})
