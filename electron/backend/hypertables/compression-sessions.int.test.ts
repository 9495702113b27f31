import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CallResult } from '../../../shared/contract'
import { MAX_CONCURRENT_LOADS, POOL_SIZE } from '../db/pg/pg-config'
import { appSessions, idleInTransaction } from '../faults/harness'
import { connectScratch, serverOf, type ConnectedBackend } from '../test-support/engines'
import {
  compressedChunks,
  loadDailyChunks,
  enableCompression,
  QUICK_START_TABLE as table,
} from '../test-support/hypertable-fixture'
import { jobDone, progressOf } from '../test-support/jobs'
import type { ScratchDatabase } from '../test-support/scratch-database'
import { waitFor } from '../test-support/wait'

const JOBS = POOL_SIZE
const CHARTS = 40

/**
 * Compression jobs run on sessions of their own, in a load's turn, never on
 * the pooled connections charts and lists share. As many compress jobs as the
 * pool has connections, all held up on a lock another session keeps on the
 * chunks (EXCLUSIVE: readers pass, compression waits), while the user charts.
 * Only on native TimescaleDB: the embedded engine is one session for everyone.
 */
describe('compression jobs cannot starve interactive calls (timescaledb)', () => {
  let c: ConnectedBackend
  let scratch: ScratchDatabase
  let range: { from: number; to: number }

  beforeAll(async () => {
    c = await connectScratch(serverOf('timescaledb'), 'compresspool')
    scratch = c.scratch!
    range = await loadDailyChunks(c.t, 4)
    await enableCompression(c.t)
  })
  afterAll(async () => {
    await c?.close()
  })

  it(`${JOBS} compress jobs at once: charts still answer; jobs past the limit wait and say so; all end with every chunk compressed`, async () => {
    const locker = new pg.Client({ ...serverOf('timescaledb'), database: scratch.name })
    await locker.connect()
    let ids: string[] = []
    try {
      await locker.query('BEGIN')
      const { rows } = await locker.query<{ chunk: string }>(
        "SELECT format('%I.%I', chunk_schema, chunk_name) AS chunk FROM timescaledb_information.chunks WHERE hypertable_name = 'sensor_data'",
      )
      for (const { chunk } of rows) await locker.query(`LOCK TABLE ${chunk} IN EXCLUSIVE MODE`)

      const started = await Promise.all(
        Array.from({ length: JOBS }, () => c.t.call('hypertables/compress', { table })),
      )
      ids = started.map((s) => s.jobId)
      const compressing = async () =>
        (await appSessions(scratch.admin, scratch.name)).filter(
          (s) => s.wait_event_type === 'Lock' && /convert_to_columnstore/.test(s.query),
        )
      await waitFor('the first jobs to wait on the lock', async () =>
        (await compressing()).length === MAX_CONCURRENT_LOADS ? true : null,
      )
      const waiting = () =>
        ids.filter((id) => progressOf(c.t, id).some((p) => p.phase === 'waiting'))
      await waitFor('the other jobs to say that they wait', () =>
        waiting().length === JOBS - MAX_CONCURRENT_LOADS ? true : null,
      )

      const chart = { from: range.from, to: range.to, pixels: 600, bucket: 3600, timeZone: 'UTC' }
      const replies: [string, CallResult<unknown>][] = await Promise.all([
        ...Array.from({ length: CHARTS }, async (_, i): Promise<[string, CallResult<unknown>]> => [
          `chart ${i}`,
          await c.t.backend.dispatch('series/bucketed', chart),
        ]),
        (async (): Promise<[string, CallResult<unknown>]> => [
          'hypertables/chunks',
          await c.t.backend.dispatch('hypertables/chunks', { table }),
        ])(),
        (async (): Promise<[string, CallResult<unknown>]> => [
          'hypertables/jobs',
          await c.t.backend.dispatch('hypertables/jobs', {}),
        ])(),
      ])
      for (const [what, reply] of replies) {
        expect(reply.ok ? 'ok' : `${reply.error.code}: ${reply.error.message}`, what).toBe('ok')
      }
      expect((await compressing()).length).toBe(MAX_CONCURRENT_LOADS)
    } finally {
      await locker.query('ROLLBACK').catch(() => {})
      await locker.end()
    }
    for (const id of ids) {
      const done = await jobDone(c.t, id)
      expect(done.outcome === 'succeeded' ? 'succeeded' : JSON.stringify(done)).toBe('succeeded')
    }
    expect([...(await compressedChunks(c.t)).values()]).toEqual([true, true, true, true])
    expect(await idleInTransaction(scratch.admin, scratch.name)).toEqual([])
  })
})
