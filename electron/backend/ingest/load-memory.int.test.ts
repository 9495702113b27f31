import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { TestBackend } from '../test-support/backend'
import { connectScratch } from '../test-support/engines'
import type { ScratchDatabase } from '../test-support/scratch-database'
import { jobDone } from '../test-support/jobs'
import { quickStartSchema } from '../test-support/quick-start'
import { READING_TUPLE_BYTES } from './sample-generator'

const pg = inject('pg')
const MB = 1024 * 1024
const ROWS = 4_000_000
const SENSORS = 4

/**
 * Streams a few million generated rows into the real PostgreSQL through the
 * handler and samples this process's memory as it goes. The rows are ~180 MB
 * of COPY data: a load that buffered them (no backpressure, or a copy of the
 * whole stream) would grow by about that much; a streaming one stays near flat.
 * Not a timing test: only memory is asserted.
 */
describe('memory over a large load (postgres)', () => {
  let t: TestBackend
  let scratch: ScratchDatabase
  let close: () => Promise<void>

  beforeAll(async () => {
    ;({ t, scratch, close } = await connectScratch(pg, 'loadmem'))
    // No foreign key, so the server takes rows as fast as we can send them:
    // that is where a missing backpressure would show.
    await scratch.admin.query(quickStartSchema()[0]!)
    await scratch.admin.query(
      'CREATE TABLE sensor_data (time TIMESTAMPTZ NOT NULL, sensor_id INTEGER, temperature DOUBLE PRECISION, cpu DOUBLE PRECISION)',
    )
    await scratch.admin.query(
      "INSERT INTO sensors (type, location) VALUES ('a','floor'), ('a','ceiling'), ('b','floor'), ('b','ceiling')",
    )
  })

  afterAll(async () => {
    await close?.()
  })

  it('stays within a fixed bound whatever the row count', async () => {
    const from = Date.UTC(2026, 0, 1)
    const steps = ROWS / SENSORS
    // Warm up (JIT, pools, buffers) so the baseline is the steady state.
    const warm = await t.call('ingest/start', { from, to: from + 9_999_000, intervalMs: 1000 })
    await jobDone(t, warm.jobId)
    await scratch.admin.query('TRUNCATE sensor_data')

    const baseline = process.memoryUsage()
    let peakRss = baseline.rss
    let peakHeap = baseline.heapUsed
    let peakBuffers = baseline.arrayBuffers
    let samples = 0
    const sampler = setInterval(() => {
      const now = process.memoryUsage()
      peakRss = Math.max(peakRss, now.rss)
      peakHeap = Math.max(peakHeap, now.heapUsed)
      peakBuffers = Math.max(peakBuffers, now.arrayBuffers)
      samples++
    }, 25)
    try {
      const { jobId, totalRows } = await t.call('ingest/start', {
        from,
        to: from + (steps - 1) * 1000,
        intervalMs: 1000,
        seed: 9,
      })
      expect(totalRows).toBe(ROWS)
      expect(await jobDone(t, jobId, 600_000)).toMatchObject({
        outcome: 'succeeded',
        summary: { rows: ROWS },
      })
    } finally {
      clearInterval(sampler)
    }
    const { rows } = await scratch.admin.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM sensor_data',
    )
    expect(rows[0]!.n).toBe(ROWS)

    const streamBytes = ROWS * READING_TUPLE_BYTES
    expect(streamBytes).toBeGreaterThan(170 * MB)
    expect(samples).toBeGreaterThan(5)
    // Bounds well under the data's size, well over what streaming needs (seen: RSS +20 MB,
    // heap +10 MB, buffers +8 MB; with the source read far ahead: buffers +60 MB).
    expect((peakRss - baseline.rss) / MB).toBeLessThan(100)
    expect((peakHeap - baseline.heapUsed) / MB).toBeLessThan(64)
    expect((peakBuffers - baseline.arrayBuffers) / MB).toBeLessThan(32)
  })
})
