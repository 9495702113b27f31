import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PlanNode } from '../../../shared/domain/explain'
import type { ChartRequestInput } from '../../../shared/domain/chart'
import {
  connectEngine,
  ENGINES,
  hasTimescale,
  type ConnectedBackend,
} from '../test-support/engines'
import {
  chunkJobOutcome,
  DAY,
  loadDailyChunks,
  enableCompression,
  QUICK_START_TABLE as table,
} from '../test-support/hypertable-fixture'
import { jobDone } from '../test-support/jobs'

/**
 * "Explain" on the quick-start chart: EXPLAIN (ANALYZE, BUFFERS) of its
 * statement as a tree, chunks scanned and excluded marked, on every engine.
 */
const DAYS = 8

function walk(node: PlanNode, visit: (n: PlanNode) => void): void {
  visit(node)
  for (const child of node.children) walk(child, visit)
}

describe.each(ENGINES)('explain on %s', (engine) => {
  let c: ConnectedBackend
  let range: { from: number; to: number }
  // The quick start's chart through the chart builder's spec: temperature per sensor.
  const chart = (from: number): ChartRequestInput => ({
    spec: {
      table,
      time: { column: 'time' },
      measures: [{ column: 'temperature', aggregate: 'avg' }],
      split: { column: 'sensor_id' },
    },
    from,
    to: range.to,
    bucket: 3600,
    pixels: 1000,
    timeZone: 'UTC',
  })

  beforeAll(async () => {
    c = await connectEngine(engine, 'explain')
    if (hasTimescale(engine)) {
      range = await loadDailyChunks(c.t, DAYS)
      await enableCompression(c.t)
      const started = await c.t.call('hypertables/compress', {
        table,
        olderThan: { amount: 5, unit: 'days' },
      })
      await chunkJobOutcome(c.t, started.jobId)
    } else {
      await c.t.call('schema/setup', {})
      await c.t.call('sensors/seed', {})
      const to = Date.now() - (Date.now() % DAY)
      range = { from: to - DAYS * DAY, to }
      const { jobId } = await c.t.call('ingest/start', {
        from: range.from,
        to: range.to - 300_000,
        intervalMs: 300_000,
        seed: 1,
      })
      await jobDone(c.t, jobId)
    }
  })
  afterAll(async () => {
    await c?.close()
  })

  it("explains the chart's own statement with actual rows, times and buffers", async () => {
    const request = chart(range.to - 2 * DAY)
    const reply = await c.t.call('series/chart', request)
    const explained = await c.t.call('series/explain', { chart: request })
    expect(explained.sql).toBe(reply.sql)
    expect(explained.params).toEqual(reply.params)
    expect(explained.executionMs).toBeGreaterThan(0)
    expect(explained.planningMs).toBeGreaterThanOrEqual(0)
    expect(explained.truncated).toBe(false)
    expect(explained.root.actualRows).toBeGreaterThan(0)
    expect(explained.root.loops).toBe(1)
    let scans = 0
    walk(explained.root, (n) => {
      if (n.relation !== null) scans += 1
      expect(n.type.length).toBeGreaterThan(0)
    })
    expect(scans).toBeGreaterThan(0)
    expect(explained.hypertables).toHaveLength(hasTimescale(engine) ? 1 : 0)
  })

  if (!hasTimescale(engine)) return

  it('marks the chunks a two-day chart scans and those it excludes', async () => {
    const { chunks } = await c.t.call('hypertables/chunks', { table })
    const explained = await c.t.call('series/explain', { chart: chart(range.to - 2 * DAY) })
    const [ht] = explained.hypertables
    expect(ht).toMatchObject({ schema: 'public', name: 'sensor_data', totalChunks: DAYS })
    const names = chunks.map((ch) => ch.name)
    expect(ht?.scanned).toEqual(names.slice(-2))
    expect(ht?.excluded).toEqual(names.slice(0, -2))
    const marked = new Set<string>()
    walk(explained.root, (n) => {
      if (n.chunk?.state === 'scanned') marked.add(n.chunk.chunk)
    })
    expect([...marked].sort()).toEqual(names.slice(-2).sort())
  })

  it('marks compressed chunks, down to the scan of their compressed data', async () => {
    const { chunks } = await c.t.call('hypertables/chunks', { table })
    const compressed = chunks.filter((ch) => ch.compressed).map((ch) => ch.name)
    expect(compressed.length).toBeGreaterThan(0)
    const explained = await c.t.call('series/explain', { chart: chart(range.from) })
    expect(explained.hypertables[0]?.scanned.sort()).toEqual(chunks.map((ch) => ch.name).sort())
    expect(explained.hypertables[0]?.excluded).toEqual([])
    const readingCompressedData: string[] = []
    walk(explained.root, (n) => {
      if (n.chunk && n.relation?.startsWith('compress_hyper_')) {
        expect(n.chunk.compressed).toBe(true)
        readingCompressedData.push(n.chunk.chunk)
      }
    })
    expect(readingCompressedData.sort()).toEqual([...compressed].sort())
  })
})
