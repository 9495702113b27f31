import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CallResult } from '../../../shared/contract'
import { DAY_MS } from '../../../shared/domain/ingest'
import type { JobProgress } from '../../../shared/domain/jobs'
import { MAX_CONCURRENT_LOADS } from '../db/pg/pg-config'
import type { TestBackend } from '../test-support/backend'
import { connectEngine, SERVER_ENGINES, serverOf } from '../test-support/engines'
import { jobDone, loadQuickStartDay, progressOf, quickStartDayChart } from '../test-support/jobs'
import type { ScratchDatabase } from '../test-support/scratch-database'
import { waitFor } from '../test-support/wait'
import { appSessions, idleInTransaction, whileLocked } from './harness'

const BASE = Date.UTC(2026, 0, 1)
const LOADS = 8
const CHARTS = 40

/**
 * As many loads as the interactive pool has connections, all held up (another
 * session holds sensor_data in SHARE mode, which stops writers only), while
 * the user charts and lists sensors. Before, the loads took all eight pooled
 * connections and every interactive call failed after 10 s with "No answer
 * from 127.0.0.1:… firewall or proxy".
 */
describe.each(SERVER_ENGINES)('loads cannot starve interactive calls (%s)', (engine) => {
  let t: TestBackend
  let scratch: ScratchDatabase
  let close: () => Promise<void>

  beforeAll(async () => {
    const env = await connectEngine(engine, 'starve')
    ;({ t, close } = env)
    scratch = env.scratch!
    expect(await loadQuickStartDay(t, BASE)).toMatchObject({ outcome: 'succeeded' })
  })

  afterAll(async () => {
    await close?.()
  })

  const chart = quickStartDayChart(BASE)

  it(`${LOADS} loads at once: charts and sensors/list still answer; loads past the limit wait and say so; all succeed`, async () => {
    const jobIds = await whileLocked(serverOf(engine), scratch.name, 'SHARE', async () => {
      const started = await Promise.all(
        Array.from({ length: LOADS }, (_, i) =>
          t.call('ingest/start', {
            from: BASE + (i + 2) * DAY_MS,
            to: BASE + (i + 3) * DAY_MS - 1,
            intervalMs: 300_000,
            seed: i,
          }),
        ),
      )
      const ids = started.map((s) => s.jobId)
      const copying = async () =>
        (await appSessions(scratch.admin, scratch.name)).filter(
          (s) => s.wait_event_type === 'Lock' && s.query.startsWith('COPY'),
        )
      // The limit's worth of loads reach their COPY (and wait on the lock); the rest queue.
      await waitFor('the first loads to wait on the lock', async () =>
        (await copying()).length === MAX_CONCURRENT_LOADS ? true : null,
      )
      const waiting = () =>
        ids.filter((id) => progressOf(t, id).some((p: JobProgress) => p.phase === 'waiting'))
      await waitFor('the other loads to say that they wait', () =>
        waiting().length === LOADS - MAX_CONCURRENT_LOADS ? true : null,
      )
      for (const id of waiting()) {
        const said = progressOf(t, id).find((p) => p.phase === 'waiting')
        expect(said?.ahead).toBeGreaterThanOrEqual(MAX_CONCURRENT_LOADS)
      }

      // Meanwhile: every interactive call succeeds.
      const replies: [string, CallResult<unknown>][] = await Promise.all([
        ...Array.from({ length: CHARTS }, async (_, i) => {
          const reply = await t.backend.dispatch('series/bucketed', chart)
          return [`chart ${i}`, reply] as [string, CallResult<unknown>]
        }),
        ...(['sensors/list', 'series/extent', 'schema/status', 'server/info'] as const).map(
          async (name) =>
            [name, await t.backend.dispatch(name, {})] as [string, CallResult<unknown>],
        ),
      ])
      for (const [what, reply] of replies) {
        expect(reply.ok ? 'ok' : `${reply.error.code}: ${reply.error.message}`, what).toBe('ok')
      }
      expect((await copying()).length).toBe(MAX_CONCURRENT_LOADS)
      return ids
    })
    for (const id of jobIds) {
      expect(await jobDone(t, id)).toMatchObject({ outcome: 'succeeded', summary: { rows: 1152 } })
    }
    const sensors = await t.call('sensors/list', {})
    expect(sensors.reduce((n, s) => n + s.readings, 0)).toBe(1156 + LOADS * 1152)
    expect(await idleInTransaction(scratch.admin, scratch.name)).toEqual([])
  })
})
