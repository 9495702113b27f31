import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ChartSpec } from '../../../shared/domain/chart'
import { makeTempDir } from '../test-support/backend'
import { connectEngine, SERVER_ENGINES, type ConnectedBackend } from '../test-support/engines'
import { startWebHost } from '../web/server'
import { jobDone, progressOf } from '../test-support/jobs'

/**
 * "Export CSV" as raw rows of a million readings to a browser that stops
 * reading: the export must wait for it with one page in hand, never read the
 * rest into memory (raw-export.int.test.ts has the rest of the export's tests).
 */
/** What the heap holds alive, garbage collected first (so garbage of earlier work is not counted). */
function liveHeap(): number {
  setFlagsFromString('--expose-gc')
  ;(runInNewContext('gc') as () => void)()
  return process.memoryUsage().heapUsed
}

describe.each(SERVER_ENGINES)('Export CSV as raw rows of a big table on %s', (engine) => {
  let c: ConnectedBackend
  const ROWS = 1_000_000
  const spec = (schema: string): ChartSpec => ({
    table: { schema, name: 'export_big' },
    time: { column: 'time' },
    measures: [{ column: 'value', aggregate: 'avg' }],
    split: null,
    filters: [],
  })
  beforeAll(async () => {
    c = await connectEngine(engine, 'raw_export_big')
    await c.t.sql.query(`CREATE TABLE export_big (time timestamptz NOT NULL, value float8)`)
    await c.t.sql.query(
      `INSERT INTO export_big SELECT timestamptz '2026-01-01 00:00:00+00' + g * interval '1 second', g / 8.0
         FROM generate_series(1, ${ROWS}) g`,
    )
  })
  afterAll(async () => {
    await c?.close()
  })

  it('a browser that stops reading holds the export, not the backend: memory stays bounded; a cancel cuts the download off', async () => {
    c.t.ctx.chooseExportFile = undefined
    const rendererDir = join(await makeTempDir('renderer'), 'renderer')
    await mkdir(rendererDir)
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>x</title>')
    const host = await startWebHost({ backend: c.t.backend, rendererDir })
    try {
      const heap = liveHeap()
      const reply = await c.t.call('series/export', {
        spec: spec('public'),
        from: Date.UTC(2026, 0, 1),
        to: Date.UTC(2026, 1, 1),
        fileName: 'big.csv',
      })
      if (reply.destination?.kind !== 'download' || !reply.jobId) throw new Error('no download')
      const origin = new URL(host.url).origin
      const token = new URL(host.url).searchParams.get('token') ?? ''
      const response = await fetch(`${origin}${reply.destination.url}?token=${token}`)
      const reader = response.body!.getReader()
      const first = await reader.read()
      expect(new TextDecoder().decode(first.value).startsWith('time,value\r\n')).toBe(true)
      // The reader pauses: the socket's buffers fill and the export waits for them.
      await new Promise((resolve) => setTimeout(resolve, 1000))
      const progress = progressOf(c.t, reply.jobId).map((p) => p.rows)
      expect(progress.at(-1) ?? 0).toBeLessThan(ROWS / 2)
      // 1M rows held in memory would be well over 100 MB of strings.
      expect(liveHeap() - heap).toBeLessThan(100 * 1024 * 1024)
      expect(c.t.ctx.jobs.cancel(reply.jobId)).toBe(true)
      const jobId = reply.jobId
      const ended = await jobDone(c.t, jobId)
      expect(ended.outcome).toBe('cancelled')
      // The download breaks off: the browser marks it failed, it never looks complete.
      const rest = (async () => {
        for (;;) if ((await reader.read()).done) return 'ended'
      })()
      await expect(rest).rejects.toThrow()
    } finally {
      await host.close()
    }
  })
})
