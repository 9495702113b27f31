import { readdir, rm } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CallResult } from '../../../shared/contract'
import { makeTempDir, type TestBackend } from '../test-support/backend'
import { CSV_HEADER } from '../test-support/csv-stream'
import { connectEngine, ENGINES, hasTimescale } from '../test-support/engines'
import { jobDone } from '../test-support/jobs'
import { createQuickStartTables } from '../test-support/quick-start'
import { waitFor } from '../test-support/wait'
import { startTestWebHost, type TestWebHost, type WebClient } from '../test-support/web-client'

const encoder = new TextEncoder()
/**
 * Long enough that a client blocked behind the stalled upload would wait
 * seconds (until the stall is noticed), far above BLOCKED_MS; an answer that
 * was never blocked takes milliseconds, even on a busy 2-core machine.
 */
const IDLE_MS = 8_000
const BLOCKED_MS = 2_500
const columns = ['time', 'sensor_id', 'temperature', 'cpu']

const row = (i: number) =>
  `${new Date(Date.UTC(2025, 2, 1) + i * 1000).toISOString()},${(i % 4) + 1},20.5,0.5\n`

/**
 * One tab's upload stalls (the tab closes, or the page stops sending) or
 * trickles in a row at a time, while another tab works. Through the real web
 * host, each tab a socket of its own.
 */
describe.each(ENGINES)('a stalled client cannot block the others (%s)', (engine) => {
  let t: TestBackend
  let close: () => Promise<void>
  let web: TestWebHost
  let spoolDir: string
  const rows = async () =>
    (await t.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM sensor_data')).rows[0]!.n
  const spooled = () => readdir(spoolDir)

  beforeAll(async () => {
    spoolDir = await makeTempDir('tsdb-spool')
    ;({ t, close } = await connectEngine(engine, 'stalled', {
      backend: { importSpoolDir: spoolDir, uploadIdleMs: IDLE_MS },
    }))
    await createQuickStartTables(t.sql, { hypertable: hasTimescale(engine) })
    await t.sql.query(
      "INSERT INTO sensors (type, location) VALUES ('a','floor'), ('a','ceiling'), ('b','floor'), ('b','ceiling')",
    )
    web = await startTestWebHost(t.backend)
  })

  afterAll(async () => {
    await web?.close()
    await close?.()
    await rm(spoolDir, { recursive: true, force: true })
  })

  const ok = <T>(result: CallResult<unknown>): T => {
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
    return result.value as T
  }

  async function startImport(client: WebClient, totalBytes: number): Promise<string> {
    const reply = await client.call('import/start', { fileName: 'slow.csv', totalBytes, columns })
    return ok<{ jobId: string }>(reply).jobId
  }

  const send = async (client: WebClient, jobId: string, text: string, last = false) =>
    ok(await client.call('import/chunk', { jobId, bytes: encoder.encode(text), last }))

  /** Another tab's schema/status, timed; each answer must come long before a blocked one could. */
  async function otherTabAnswers(other: WebClient, forMs: number): Promise<number[]> {
    const times: number[] = []
    const until = performance.now() + forMs
    while (performance.now() < until) {
      const started = performance.now()
      ok(await other.call('schema/status', {}))
      times.push(performance.now() - started)
      await new Promise((r) => setTimeout(r, 100))
    }
    return times
  }

  it('a tab that closes mid-upload: the others are answered at once; the import is abandoned, nothing added, its temporary file removed', async () => {
    const before = await rows()
    const tab = await web.connect()
    const other = await web.connect()
    const jobId = await startImport(tab, 10_000_000)
    await send(tab, jobId, CSV_HEADER + row(0) + row(1))
    // Half a line, then the tab goes away.
    await send(tab, jobId, row(2).slice(0, 10))
    tab.close()
    await waitFor('the upload to be spooled', async () => (await spooled()).length === 1)
    const times = await otherTabAnswers(other, IDLE_MS - 1000)
    expect(Math.max(...times)).toBeLessThan(BLOCKED_MS)
    const done = await jobDone(t, jobId, IDLE_MS + 30_000)
    expect(done).toMatchObject({
      outcome: 'failed',
      error: { code: 'cancelled', message: expect.stringContaining('The upload stopped arriving') },
    })
    expect(await spooled()).toEqual([])
    expect(await rows()).toBe(before)
    other.close()
  })

  it('a tab that trickles a row at a time: the others are answered at once; the import completes', async () => {
    const before = await rows()
    const tab = await web.connect()
    const other = await web.connect()
    const trickled = 12
    const jobId = await startImport(tab, CSV_HEADER.length + trickled * 40)
    const trickle = (async () => {
      await send(tab, jobId, CSV_HEADER)
      for (let i = 0; i < trickled; i++) {
        await new Promise((r) => setTimeout(r, 300))
        await send(tab, jobId, row(100 + i), i === trickled - 1)
      }
    })()
    const times = await otherTabAnswers(other, 2500)
    await trickle
    expect(times.length).toBeGreaterThan(5)
    expect(Math.max(...times)).toBeLessThan(BLOCKED_MS)
    expect(await jobDone(t, jobId)).toMatchObject({
      outcome: 'succeeded',
      summary: { rows: trickled },
    })
    expect(await rows()).toBe(before + trickled)
    expect(await spooled()).toEqual([])
    tab.close()
    other.close()
  })

  it.each([
    ['fails on a bad line', `${row(200)}not-a-time,1,2,3\n`, 'failed'],
    ['fails on an unknown sensor', `${row(300)}${row(301).replace(',2,', ',42,')}`, 'failed'],
    ['is cancelled mid-upload', row(400), 'cancelled'],
  ] as const)(
    'removes its temporary file when an import %s, adding nothing',
    async (_case, text, outcome) => {
      const before = await rows()
      const tab = await web.connect()
      const jobId = await startImport(tab, 1000)
      await send(tab, jobId, CSV_HEADER + text, outcome !== 'cancelled')
      if (outcome === 'cancelled') {
        await waitFor('the upload to be spooled', async () => (await spooled()).length === 1)
        ok(await tab.call('jobs/cancel', { jobId }))
      }
      expect(await jobDone(t, jobId)).toMatchObject({ outcome })
      expect(await spooled()).toEqual([])
      expect(await rows()).toBe(before)
      tab.close()
    },
  )
})
