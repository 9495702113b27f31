import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { JobDone } from '../../../shared/domain/jobs'
import { toAppError } from '../dispatch'
import { JobRegistry } from '../jobs'
import { silentLogger } from '../log'
import { Redactor } from '../redactor'
import type { TestBackend } from '../test-support/backend'
import { connectEngine, ENGINES, hasTimescale } from '../test-support/engines'
import { jobDone } from '../test-support/jobs'
import { sampleRows, sensorChunks } from '../test-support/sensor-rows'
import { createQuickStartTables } from '../test-support/quick-start'
import { SENSOR_DATA_COLUMNS } from './load-sample-data'

// A load whose session the server terminates mid-COPY (pg_terminate_backend), whose
// connection the network cuts, or that the user cancels: see faults/copy-faults.int.test.ts.

describe.each(ENGINES)('a source that fails mid-stream, at job level (%s)', (engine) => {
  let t: TestBackend
  let close: () => Promise<unknown>
  let idleInTransaction: () => Promise<number>

  beforeAll(async () => {
    const env = await connectEngine(engine, 'loadfail')
    ;({ t, close } = env)
    await createQuickStartTables(t.sql, { hypertable: hasTimescale(engine) })
    const scratch = env.scratch
    idleInTransaction = scratch
      ? async () =>
          (
            await scratch.admin.query<{ n: number }>(
              "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND state LIKE 'idle in transaction%'",
              [scratch.name],
            )
          ).rows[0]!.n
      : // One session: a transaction left open after the failed COPY would still hold its xid.
        async () =>
          (await t.sql.query<{ x: string | null }>('SELECT txid_current_if_assigned()::text AS x'))
            .rows[0]!.x === null
            ? 0
            : 1
  })

  afterAll(async () => {
    await close?.()
  })

  const rows = async () =>
    (await t.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM sensor_data')).rows[0]!.n

  it('a generated source that throws after several chunks ends the job as failed, with zero rows', async () => {
    // The app's own registry and the session's driver; only the source is the test's.
    const jobs = new JobRegistry({
      emit: (name, payload) => t.events.push({ name, payload }),
      log: silentLogger,
      toAppError: (error) => toAppError(error, { log: silentLogger, redactor: new Redactor() }),
    })
    const jobId = jobs.start('ingest', async (job) => {
      const result = await t.driver().copyIn(
        {
          table: 'sensor_data',
          columns: SENSOR_DATA_COLUMNS,
          format: 'binary',
          chunks: sensorChunks(sampleRows(200_000), 10_000, 12),
        },
        { signal: job.signal },
      )
      return { rows: result.rows, durationMs: 0, rowsPerSecond: 0, chunksTouched: null }
    })
    const done = await jobDone(t, jobId)
    expect(done).toMatchObject({ outcome: 'failed', error: { code: 'internal' } })
    if (done.outcome === 'failed') expect(done.error.message).toContain('source broke mid-stream')
    expect(await rows()).toBe(0)
    expect(await idleInTransaction()).toBe(0)
  })

  it('a CSV whose source finds an unknown sensor deep in the file fails at that line, adding nothing, and releases the upload', async () => {
    const good = (i: number) =>
      `2026-03-01T${String(Math.floor(i / 3600) % 24).padStart(2, '0')}:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z,${(i % 4) + 1},20.5,0.5`
    const lines = ['time,sensor_id,temperature,cpu']
    for (let i = 0; i < 200_000; i++)
      lines.push(i === 100_000 ? good(i).replace(/,\d,/, ',77,') : good(i))
    const bytes = new TextEncoder().encode(`${lines.join('\n')}\n`)
    const { jobId } = await t.call('import/start', {
      fileName: 'big.csv',
      totalBytes: bytes.byteLength,
      columns: ['time', 'sensor_id', 'temperature', 'cpu'],
    })
    const piece = 256 * 1024
    let refused: unknown = null
    for (let i = 0; i < bytes.byteLength && !refused; i += piece) {
      await t
        .call('import/chunk', {
          jobId,
          bytes: bytes.slice(i, i + piece),
          last: i + piece >= bytes.byteLength,
        })
        .catch((error: unknown) => (refused = error))
    }
    const done: JobDone = await jobDone(t, jobId)
    expect(done).toMatchObject({
      outcome: 'failed',
      error: { code: 'bad_data', detail: { line: 100_002 } },
    })
    if (done.outcome === 'failed') {
      expect(done.error.message).toBe(
        'Line 100002: there is no sensor with id 77 (add it on the Sensors page, or fix the file). Nothing was imported.',
      )
    }
    // The upload learns at once that the import has ended, not after the idle timeout.
    expect(refused).toMatchObject({ code: 'not_found' })
    expect(await rows()).toBe(0)
    expect(await idleInTransaction()).toBe(0)
  })
})
