import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BucketedReply, BucketedRequestInput } from '../../../shared/domain/series'
import { rejection } from '../test-support/backend'
import { connectEngine, TIMESCALE_ENGINES, type ConnectedBackend } from '../test-support/engines'
import {
  chunkJobOutcome,
  compressedChunks,
  countsPerChunk,
  DAY,
  loadDailyChunks,
  QUICK_START_COMPRESSION,
  QUICK_START_TABLE as table,
} from '../test-support/hypertable-fixture'
import { lookupHypertable } from './catalog'
import { readChunks } from './chunks'
import { chunkActionSql, compressionPolicySql, enableCompressionSql } from './compression-sql'

/**
 * Chunks and compression of the quick-start hypertable, on native
 * TimescaleDB 2.28 and the embedded 2.23: the chunk list, compression status
 * and suggested settings, enabling compression, compressing and
 * decompressing as jobs (chart values unchanged), and a cancelled job.
 */
const DAYS = 8

describe.each(TIMESCALE_ENGINES)('hypertable chunks and compression on %s', (engine) => {
  let c: ConnectedBackend
  let range: { from: number; to: number }
  const chart = (): BucketedRequestInput => ({
    from: range.from,
    to: range.to,
    bucket: 3600,
    pixels: 2000,
    groupBy: 'sensor',
    minMax: true,
    timeZone: 'UTC',
  })

  beforeAll(async () => {
    c = await connectEngine(engine, 'hypertables')
    range = await loadDailyChunks(c.t, DAYS)
  })
  afterAll(async () => {
    await c?.close()
  })

  const expectSameChart = (before: BucketedReply, after: BucketedReply) => {
    expect(after.rows).toBe(before.rows)
    expect([...after.times]).toEqual([...before.times])
    expect(after.series.map((s) => s.label)).toEqual(before.series.map((s) => s.label))
    after.series.forEach((series, i) => {
      const old = before.series[i]
      for (const key of ['avg', 'min', 'max'] as const) {
        const a = series[key] ?? new Float64Array()
        const b = old?.[key] ?? new Float64Array()
        expect(a.length).toBe(b.length)
        a.forEach((v, j) => {
          const w = b[j] ?? Number.NaN
          if (Number.isNaN(w)) expect(v).toBeNaN()
          else expect(Math.abs(v - w)).toBeLessThanOrEqual(Math.abs(w) * 1e-12)
        })
      }
    })
  }

  it('lists the hypertable and its one-day chunks with ranges, sizes and rows', async () => {
    const list = await c.t.call('hypertables/list', {})
    expect(list.api).toBe('columnstore')
    expect(list.hypertables).toEqual([
      expect.objectContaining({
        schema: 'public',
        name: 'sensor_data',
        timeColumn: 'time',
        timeType: 'timestamp with time zone',
        integerTime: false,
        chunkInterval: '1 day',
        chunks: DAYS,
        compressionEnabled: false,
      }),
    ])
    const { chunks, total } = await c.t.call('hypertables/chunks', { table })
    expect(total).toBe(DAYS)
    expect(chunks.map((ch) => ch.start)).toEqual(
      Array.from({ length: DAYS }, (_, i) => range.from + i * DAY),
    )
    const counted = await countsPerChunk(c.t)
    for (const chunk of chunks) {
      expect(chunk.end).toBe((chunk.start ?? 0) + DAY)
      expect(chunk.compressed).toBe(false)
      expect(chunk.tableBytes).toBeGreaterThan(0)
      expect(chunk.indexBytes).toBeGreaterThan(0)
      expect(chunk.totalBytes).toBe(chunk.tableBytes + chunk.indexBytes + chunk.toastBytes)
      // The load analysed the table: each chunk's estimate is its count.
      expect(chunk.rows).toBe(counted.get(chunk.name))
      expect(chunk.beforeBytes).toBeNull()
    }
    const window = await c.t.call('hypertables/chunks', {
      table,
      from: range.from + DAY + 1,
      to: range.from + 3 * DAY,
    })
    expect(window.chunks.map((ch) => ch.start)).toEqual([range.from + DAY, range.from + 2 * DAY])
  })

  it('suggests segmenting by the foreign key or the chart split, newest first, with its SQL', async () => {
    const status = await c.t.call('hypertables/compression', { table })
    expect(status).toMatchObject({
      api: 'columnstore',
      enabled: false,
      totalChunks: DAYS,
      compressedChunks: 0,
      policy: null,
      suggestion: {
        segmentBy: ['sensor_id'],
        orderBy: [{ column: 'time', descending: true }],
      },
    })
    expect(status.suggestion.reason).toMatch(/foreign key to sensors/)
    expect(status.suggestion.sql).toBe(
      `ALTER TABLE "public"."sensor_data" SET (\n  timescaledb.enable_columnstore = true,\n  timescaledb.segmentby = '"sensor_id"',\n  timescaledb.orderby = '"time" DESC'\n)`,
    )
    expect(status.columns.map((col) => col.name)).toEqual([
      'time',
      'sensor_id',
      'temperature',
      'cpu',
    ])
    const bySplit = await c.t.call('hypertables/compression', {
      table,
      split: { column: 'location', via: 'sensor_id' },
    })
    expect(bySplit.suggestion.segmentBy).toEqual(['sensor_id'])
    expect(bySplit.suggestion.reason).toMatch(/chart's split/)
    const wrong = await rejection(
      c.t.call('hypertables/compression', { table, split: { column: 'nope' } }),
    )
    expect(wrong).toMatchObject({ code: 'invalid_input' })
  })

  it('shows the statement without running it, then enables compression', async () => {
    const settings = QUICK_START_COMPRESSION
    const dry = await c.t.call('hypertables/enable-compression', { ...settings, dryRun: true })
    expect(dry.ran).toBe(false)
    expect(dry.status.enabled).toBe(false)
    const refused = await rejection(
      c.t.call('hypertables/enable-compression', { ...settings, segmentBy: ['no_such'] }),
    )
    expect(refused.code).toBe('invalid_input')
    const twice = await rejection(
      c.t.call('hypertables/enable-compression', { ...settings, segmentBy: ['time'] }),
    )
    expect(twice.message).toMatch(/appear once/)
    const done = await c.t.call('hypertables/enable-compression', settings)
    expect(done).toMatchObject({ ran: true, sql: dry.sql })
    expect(done.status).toMatchObject({
      enabled: true,
      segmentBy: 'sensor_id',
      orderBy: '"time" DESC',
    })
  })

  it('compresses every chunk as a job, one progress step per chunk; the chart is unchanged', async () => {
    const before = await c.t.call('series/bucketed', chart())
    expect(before.rows).toBe(DAYS * 288 * 4)
    const counted = await countsPerChunk(c.t)
    const started = await c.t.call('hypertables/compress', { table })
    expect(started.chunks).toHaveLength(DAYS)
    const { done, progress } = await chunkJobOutcome(c.t, started.jobId)
    expect(done).toMatchObject({ kind: 'compress', outcome: 'succeeded' })
    if (done.outcome !== 'succeeded') return
    expect(done.summary).toMatchObject({ rows: DAYS * 288 * 4, chunksTouched: DAYS })
    expect(done.summary.bytesAfter).toBeLessThan(done.summary.bytesBefore ?? 0)
    expect(progress.map((p) => p.done)).toEqual([
      ...Array.from({ length: DAYS }, (_, i) => i),
      DAYS,
    ])
    expect(progress.map((p) => p.item).slice(0, DAYS)).toEqual(started.chunks)
    expect(progress.every((p) => p.unit === 'chunks' && p.total === DAYS)).toBe(true)
    expect([...(await compressedChunks(c.t)).values()]).toEqual(Array(DAYS).fill(true))
    expectSameChart(before, await c.t.call('series/bucketed', chart()))
    expect(await countsPerChunk(c.t)).toEqual(counted)

    const status = await c.t.call('hypertables/compression', { table })
    expect(status.compressedChunks).toBe(DAYS)
    expect(status.ratio).toBeGreaterThan(1)
    expect(status.beforeBytes).toBeGreaterThan(status.afterBytes ?? Infinity)
    const { chunks } = await c.t.call('hypertables/chunks', { table })
    for (const chunk of chunks) {
      expect(chunk.compressed).toBe(true)
      expect(chunk.rows).toBe(counted.get(chunk.name))
      expect(chunk.afterBytes).toBeGreaterThan(0)
      expect(chunk.beforeBytes).toBeGreaterThan(chunk.afterBytes ?? Infinity)
    }
  })

  it('decompresses the chunks older than an age; the chart is still unchanged', async () => {
    const before = await c.t.call('series/bucketed', chart())
    const started = await c.t.call('hypertables/decompress', {
      table,
      olderThan: { amount: 3, unit: 'days' },
    })
    // Chunks ending at least three days ago: all but the newest three (or four, by the clock).
    const cutoff = Date.now() - 3 * DAY
    const old = (await c.t.call('hypertables/chunks', { table })).chunks.filter(
      (ch) => (ch.end ?? 0) <= cutoff,
    )
    expect(started.chunks).toEqual(old.map((ch) => ch.name))
    const { done } = await chunkJobOutcome(c.t, started.jobId)
    expect(done.outcome).toBe('succeeded')
    const state = await compressedChunks(c.t)
    for (const [name, compressed] of state) expect(compressed).toBe(!started.chunks.includes(name))
    expectSameChart(before, await c.t.call('series/bucketed', chart()))
    // Decompressed chunks were analysed: their estimates are their counts again.
    const counted = await countsPerChunk(c.t)
    for (const chunk of (await c.t.call('hypertables/chunks', { table })).chunks) {
      expect(chunk.rows).toBe(counted.get(chunk.name))
    }
  })

  it('a job cancelled between chunks leaves every chunk whole and says how many it did', async () => {
    await c.t.call('hypertables/decompress', { table }).then((s) => chunkJobOutcome(c.t, s.jobId))
    const counted = await countsPerChunk(c.t)
    const before = await c.t.call('series/bucketed', chart())
    // Cancel through the contract the moment the second chunk is announced.
    const unsubscribe = c.t.backend.subscribe((name, payload) => {
      const p = payload as { jobId?: string; done?: number; kind?: string }
      if (name === 'job/progress' && p.kind === 'compress' && p.done === 2) {
        void c.t.backend.dispatch('jobs/cancel', { jobId: p.jobId })
      }
    })
    try {
      const started = await c.t.call('hypertables/compress', { table })
      const { done } = await chunkJobOutcome(c.t, started.jobId)
      expect(done.outcome).toBe('cancelled')
      if (done.outcome !== 'cancelled') return
      expect(done.error.message).toBe(
        `Cancelled: 2 of ${DAYS} chunks compressed, the other ${DAYS - 2} left as they were. Every chunk is whole: compressed or not, never half.`,
      )
      expect(done.error.detail).toEqual({ done: 2, total: DAYS })
      const state = [...(await compressedChunks(c.t)).values()]
      expect(state).toEqual([true, true, ...Array(DAYS - 2).fill(false)])
      expect(await countsPerChunk(c.t)).toEqual(counted)
      expectSameChart(before, await c.t.call('series/bucketed', chart()))
    } finally {
      unsubscribe()
    }
  })

  it('the compression names (what servers before 2.18 know) are accepted too', async () => {
    await c.t.call('hypertables/decompress', { table }).then((s) => chunkJobOutcome(c.t, s.jobId))
    const driver = c.t.driver()
    const ht = await lookupHypertable(driver, table)
    const ts = { ...ht.ts, api: 'compression' as const }
    const sql = enableCompressionSql(
      'compression',
      ht.qualified,
      ['sensor_id'],
      [{ column: 'time', descending: true }],
    )
    expect(sql).toContain('timescaledb.compress,')
    await driver.query(sql)
    const { chunks } = await readChunks(driver, ht, { olderThan: '5 days' })
    expect(chunks.length).toBeGreaterThan(0)
    for (const chunk of chunks) await driver.query(chunkActionSql(ts, 'compress'), [chunk.oid])
    const compressed = (chunk: string) => compressedChunks(c.t).then((m) => m.get(chunk))
    for (const chunk of chunks) expect(await compressed(chunk.name)).toBe(true)
    await driver.query(chunkActionSql(ts, 'decompress'), [chunks[0]?.oid])
    expect(await compressed(chunks[0]?.name ?? '')).toBe(false)
    await driver.query(compressionPolicySql(ts, 'add'), [ht.oid, '10 years'])
    expect((await c.t.call('hypertables/compression', { table })).policy?.after).toBe('10 years')
    await driver.query(compressionPolicySql(ts, 'remove'), [ht.oid])
    expect((await c.t.call('hypertables/compression', { table })).policy).toBeNull()
  })

  it('refuses names that are not hypertables, and compressing without compression enabled', async () => {
    expect(
      await rejection(
        c.t.call('hypertables/chunks', { table: { schema: 'public', name: 'sensors' } }),
      ),
    ).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/is not a hypertable/),
    })
    expect(
      await rejection(
        c.t.call('hypertables/chunks', { table: { schema: 'public', name: 'nope' } }),
      ),
    ).toMatchObject({ code: 'not_found' })
    await c.t.sql.query('CREATE TABLE plain_ht (time timestamptz NOT NULL, v float8)')
    await c.t.sql.query("SELECT create_hypertable('plain_ht', 'time')")
    const refused = await rejection(
      c.t.call('hypertables/compress', { table: { schema: 'public', name: 'plain_ht' } }),
    )
    expect(refused.message).toMatch(/Compression is not enabled on "plain_ht"/)
  })
})
