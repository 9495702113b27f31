import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CallResult } from '../../../shared/contract'
import { MAX_CSV_RECORD_BYTES } from '../../../shared/domain/csv-import'
import type { TestBackend } from '../test-support/backend'
import { CSV_HEADER, oneLongLine, readingsCsv } from '../test-support/csv-stream'
import { connectEngine, ENGINES, hasTimescale } from '../test-support/engines'
import { jobDone } from '../test-support/jobs'
import { PeakRss } from '../test-support/peak-rss'
import { createQuickStartTables } from '../test-support/quick-start'
import { startTestWebHost, type TestWebHost, type WebClient } from '../test-support/web-client'

const GB = 1024 * 1024 * 1024
const LIMIT_MB = 100
/**
 * The embedded engine takes CSV at about 27,000 rows/s here, so its run has
 * 1M lines (35 s); TSDB_TEST_EMBEDDED_CSV_LINES=5000000 runs the full 5M (3 min).
 */
const linesFor = (engine: string) =>
  engine === 'embedded' ? Number(process.env.TSDB_TEST_EMBEDDED_CSV_LINES ?? 1_000_000) : 5_000_000

/**
 * Imports through the real web host, as a page does: import/start, then the
 * file in 1 MB import/chunk calls, each awaited. Memory is this process's RSS
 * (it holds the web host, the backend and the embedded engine's worker thread),
 * its peak read from the kernel. The 1 GB line is generated as it is sent, not
 * written to disk; the 5M-line file likewise.
 */
describe.each(ENGINES)('bounded memory for any CSV file (%s)', (engine) => {
  let t: TestBackend
  let close: () => Promise<void>
  let web: TestWebHost
  let client: WebClient
  const rss = new PeakRss()
  const rows = async () =>
    (await t.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM sensor_data')).rows[0]!.n

  beforeAll(async () => {
    ;({ t, close } = await connectEngine(engine, 'importmem'))
    await createQuickStartTables(t.sql, { hypertable: hasTimescale(engine) })
    await t.sql.query(
      "INSERT INTO sensors (type, location) VALUES ('a','floor'), ('a','ceiling'), ('b','floor'), ('b','ceiling')",
    )
    web = await startTestWebHost(t.backend)
    client = await web.connect()
    // Warm up (JIT, the engine's buffers, the socket) so the baseline is the steady state.
    rss.start()
    const warm = await upload('warm.csv', 40_000, readingsCsv(10_000))
    expect(warm.sent).toBe(true)
    expect(await jobDone(t, warm.jobId)).toMatchObject({ outcome: 'succeeded' })
    await t.sql.query('DELETE FROM sensor_data')
  })

  afterAll(async () => {
    rss.stop()
    await web?.close()
    await close?.()
  })

  const ok = <T>(result: CallResult<unknown>): T => {
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
    return result.value as T
  }

  /**
   * Sends the pieces until the last one, the backend refuses one (the import
   * ended), or memory has clearly run away (so a regression fails fast
   * instead of taking the machine's memory with it).
   */
  async function upload(fileName: string, totalBytes: number, pieces: Iterable<Uint8Array>) {
    const { jobId } = ok<{ jobId: string }>(
      await client.call('import/start', {
        fileName,
        totalBytes,
        columns: ['time', 'sensor_id', 'temperature', 'cpu'],
      }),
    )
    let sentBytes = 0
    let sent = false
    let ranAway = false
    const iterator = pieces[Symbol.iterator]()
    let next = iterator.next()
    while (!next.done) {
      const following = iterator.next()
      const result = await client.call('import/chunk', {
        jobId,
        bytes: next.value,
        last: following.done === true,
      })
      if (!result.ok) break
      sentBytes += next.value.byteLength
      if (rss.currentGrowthMb() > 4 * LIMIT_MB) {
        ranAway = true
        await client.call('jobs/cancel', { jobId })
        break
      }
      next = following
      sent = next.done === true
    }
    return { jobId, sentBytes, sent, ranAway }
  }

  it('refuses a 1 GB single line at the record limit, adding nothing, in bounded memory', async () => {
    const before = await rows()
    rss.start()
    const result = await upload('one-line.csv', CSV_HEADER.length + GB, oneLongLine(GB))
    const done = await jobDone(t, result.jobId)
    const grew = rss.peakGrowthMb()
    expect(result.ranAway).toBe(false)
    expect(done).toMatchObject({
      outcome: 'failed',
      error: { code: 'bad_data', detail: { line: 2 } },
    })
    if (done.outcome === 'failed') {
      expect(done.error.message).toBe(
        'Line 2: this line is longer than 1 MiB, the most one line of a CSV file may hold (is it a CSV file of readings, one per line?). Nothing was imported.',
      )
    }
    // Refused as soon as the line passed the limit, not after the whole gigabyte.
    expect(result.sentBytes).toBeLessThan(MAX_CSV_RECORD_BYTES + 8 * 1024 * 1024)
    expect(grew).toBeLessThan(LIMIT_MB)
    expect(await rows()).toBe(before)
  })

  const LINES = linesFor(engine)
  it(`imports a ${LINES.toLocaleString('en')}-line file in bounded memory`, async () => {
    rss.start()
    const result = await upload('readings.csv', LINES * 36, readingsCsv(LINES))
    expect(result).toMatchObject({ sent: true, ranAway: false })
    const done = await jobDone(t, result.jobId, 900_000)
    const grew = rss.peakGrowthMb()
    expect(done).toMatchObject({ outcome: 'succeeded', summary: { rows: LINES } })
    expect(await rows()).toBe(LINES)
    expect(grew).toBeLessThan(LIMIT_MB)
  }, 900_000)
})
