import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rejection } from '../test-support/backend'
import { connectEngine, TIMESCALE_ENGINES, type ConnectedBackend } from '../test-support/engines'
import {
  chunkJobOutcome,
  compressedChunks,
  countsPerChunk,
  loadDailyChunks,
  enableCompression,
  QUICK_START_TABLE as table,
} from '../test-support/hypertable-fixture'

/**
 * Policies, drops and TimescaleDB's background jobs on native TimescaleDB
 * 2.28 and the embedded 2.23. Native runs policies in its own scheduler as
 * soon as they are added, so the ages here leave it nothing to do unless the
 * test runs the job itself.
 */
const DAYS = 8
const age = (amount: number, unit: 'days' | 'years' = 'days') => ({ amount, unit })

describe.each(TIMESCALE_ENGINES)('retention, policies and jobs on %s', (engine) => {
  let c: ConnectedBackend

  beforeAll(async () => {
    c = await connectEngine(engine, 'retention')
    await loadDailyChunks(c.t, DAYS)
    await enableCompression(c.t)
  })
  afterAll(async () => {
    await c?.close()
  })

  it('a compression policy added in the app shows in the jobs list; removed, it is gone', async () => {
    const status = await c.t.call('hypertables/compression-policy', {
      table,
      action: 'add',
      after: age(10, 'years'),
    })
    expect(status.policy).toMatchObject({ after: '10 years', scheduled: true })
    const jobId = status.policy?.jobId
    const { jobs, scheduler, note } = await c.t.call('hypertables/jobs', { table })
    expect(jobs).toEqual([
      expect.objectContaining({
        id: jobId,
        kind: 'compression',
        relation: { schema: 'public', name: 'sensor_data', kind: 'hypertable' },
        scheduled: true,
        scheduleInterval: expect.any(String),
      }),
    ])
    expect(scheduler).toBe(engine === 'embedded' ? 'none' : 'running')
    expect(note.length).toBeGreaterThan(20)
    // The whole list also holds TimescaleDB's own housekeeping.
    const all = await c.t.call('hypertables/jobs', {})
    expect(all.jobs.some((j) => j.kind === 'internal')).toBe(true)
    const twice = await rejection(
      c.t.call('hypertables/compression-policy', { table, action: 'add', after: age(3) }),
    )
    expect(twice).toMatchObject({ code: 'conflict' })
    const removed = await c.t.call('hypertables/compression-policy', { table, action: 'remove' })
    expect(removed.policy).toBeNull()
    expect((await c.t.call('hypertables/jobs', { table })).jobs).toEqual([])
  })

  it('Run now runs a policy; pause and resume change its schedule', async () => {
    const status = await c.t.call('hypertables/compression-policy', {
      table,
      action: 'add',
      after: age(3),
    })
    const jobId = status.policy?.jobId ?? 0
    const paused = await c.t.call('hypertables/job-schedule', { jobId, scheduled: false })
    expect(paused).toMatchObject({ id: jobId, scheduled: false })
    const run = await c.t.call('hypertables/job-run', { jobId })
    expect(run.job.id).toBe(jobId)
    expect(run.durationMs).toBeGreaterThanOrEqual(0)
    // The policy compressed every chunk that ended three days ago or earlier.
    const cutoff = Date.now() - 3 * 86_400_000
    const { chunks } = await c.t.call('hypertables/chunks', { table })
    for (const chunk of chunks) expect(chunk.compressed).toBe((chunk.end ?? 0) <= cutoff)
    expect(chunks.some((ch) => ch.compressed)).toBe(true)
    const resumed = await c.t.call('hypertables/job-schedule', { jobId, scheduled: true })
    expect(resumed.scheduled).toBe(true)
    await c.t.call('hypertables/compression-policy', { table, action: 'remove' })
    expect(await rejection(c.t.call('hypertables/job-run', { jobId: 999_999 }))).toMatchObject({
      code: 'not_found',
    })
  })

  it('a retention policy added in the app shows in the jobs list; removed, it is gone', async () => {
    expect((await c.t.call('hypertables/retention', { table })).policy).toBeNull()
    const added = await c.t.call('hypertables/retention-policy', {
      table,
      action: 'add',
      after: age(20, 'years'),
    })
    expect(added.policy).toMatchObject({ dropAfter: '20 years', scheduled: true })
    const { jobs } = await c.t.call('hypertables/jobs', { table })
    expect(jobs.map((j) => [j.id, j.kind])).toEqual([[added.policy?.jobId, 'retention']])
    const removed = await c.t.call('hypertables/retention-policy', { table, action: 'remove' })
    expect(removed.policy).toBeNull()
    expect((await c.t.call('hypertables/jobs', { table })).jobs).toEqual([])
  })

  it('drops exactly the chunks, rows and bytes the preview showed, and only when confirmed', async () => {
    // Compressed chunks and plain ones go alike: decompress the oldest first.
    const oldest = await c.t.call('hypertables/decompress', { table, olderThan: age(7) })
    expect(oldest.chunks).toHaveLength(1)
    expect((await chunkJobOutcome(c.t, oldest.jobId)).done.outcome).toBe('succeeded')
    const counted = await countsPerChunk(c.t)
    const total = [...counted.values()].reduce((a, b) => a + b, 0)
    const preview = await c.t.call('hypertables/drop-preview', { table, olderThan: age(5) })
    const cutoff = Date.now() - 5 * 86_400_000
    expect(Math.abs(preview.cutoff - cutoff)).toBeLessThan(60_000)
    const listed = (await c.t.call('hypertables/chunks', { table })).chunks
    const expected = listed.filter((ch) => (ch.end ?? 0) <= preview.cutoff)
    expect(preview.chunks).toEqual(expected)
    expect(expected.length).toBeGreaterThanOrEqual(2)
    const compressed = await compressedChunks(c.t)
    expect(new Set(expected.map((ch) => compressed.get(ch.name)))).toEqual(new Set([true, false]))
    expect(preview.rows).toBe(expected.reduce((n, ch) => n + (counted.get(ch.name) ?? 0), 0))
    expect(preview.bytes).toBe(expected.reduce((n, ch) => n + ch.totalBytes, 0))
    const names = preview.chunks.map((ch) => ch.name)
    const request = { table, olderThan: age(5), chunks: names }

    for (const confirmName of [
      '',
      'sensors',
      'SENSOR_DATA',
      'public.sensor_data',
      ' sensor_data',
    ]) {
      const refused = await rejection(
        c.t.call('hypertables/drop-chunks', { ...request, confirmName }),
      )
      expect(refused.message).toMatch(/^Nothing was dropped: type the table's name/)
    }
    const stale = await rejection(
      c.t.call('hypertables/drop-chunks', {
        ...request,
        chunks: names.slice(1),
        confirmName: 'sensor_data',
      }),
    )
    expect(stale).toMatchObject({ code: 'conflict' })
    expect(await countsPerChunk(c.t)).toEqual(counted)

    const dropped = await c.t.call('hypertables/drop-chunks', {
      ...request,
      confirmName: 'sensor_data',
    })
    expect(dropped).toEqual({ dropped: names, rows: preview.rows, bytes: preview.bytes })
    const after = await countsPerChunk(c.t)
    expect([...after.keys()]).toEqual([...counted.keys()].filter((n) => !names.includes(n)))
    const { rows } = await c.t.sql.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM sensor_data',
    )
    expect(rows[0]?.n).toBe(total - preview.rows)
    // Nothing is older now: the same preview is empty.
    const again = await c.t.call('hypertables/drop-preview', { table, olderThan: age(5) })
    expect(again).toMatchObject({ chunks: [], rows: 0, bytes: 0 })
  })

  it('a decompress of a few chunks still works after the drop', async () => {
    const started = await c.t.call('hypertables/decompress', { table })
    expect((await chunkJobOutcome(c.t, started.jobId)).done.outcome).toBe('succeeded')
    expect([...(await compressedChunks(c.t)).values()].every((v) => !v)).toBe(true)
  })

  it('ages do not apply to an integer time column; its chunks still list', async () => {
    await c.t.sql.query('CREATE TABLE ticks (t bigint NOT NULL, v float8)')
    await c.t.sql.query("SELECT create_hypertable('ticks', 't', chunk_time_interval => 1000)")
    await c.t.sql.query('INSERT INTO ticks SELECT g, g FROM generate_series(0, 2999) g')
    const ticks = { schema: 'public', name: 'ticks' }
    const { chunks, hypertable } = await c.t.call('hypertables/chunks', { table: ticks })
    expect(hypertable.integerTime).toBe(true)
    expect(chunks.map((ch) => [ch.startInt, ch.endInt, ch.start])).toEqual([
      ['0', '1000', null],
      ['1000', '2000', null],
      ['2000', '3000', null],
    ])
    const refused = await rejection(
      c.t.call('hypertables/drop-preview', { table: ticks, olderThan: age(1) }),
    )
    expect(refused.message).toMatch(/integer column \(t\)/)
  })

  it('quotes hostile names: a hypertable and columns with quotes, spaces and backslashes', async () => {
    await c.t.sql.query(
      `CREATE TABLE "we""ird 'ht\\" ("ti""me" timestamptz NOT NULL, "se'g\\" int, v float8)`,
    )
    await c.t.sql.query(
      `SELECT create_hypertable('"we""ird ''ht\\"', 'ti"me', chunk_time_interval => INTERVAL '1 day')`,
    )
    await c.t.sql.query(
      `INSERT INTO "we""ird 'ht\\" SELECT now() - g * INTERVAL '1 hour', g % 3, g FROM generate_series(1, 72) g`,
    )
    const weird = { schema: 'public', name: `we"ird 'ht\\` }
    const status = await c.t.call('hypertables/compression', { table: weird })
    expect(status.suggestion.orderBy).toEqual([{ column: 'ti"me', descending: true }])
    const enabled = await c.t.call('hypertables/enable-compression', {
      table: weird,
      segmentBy: [`se'g\\`],
      orderBy: [{ column: 'ti"me', descending: true }],
    })
    expect(enabled.status.enabled).toBe(true)
    const started = await c.t.call('hypertables/compress', { table: weird })
    expect((await chunkJobOutcome(c.t, started.jobId)).done.outcome).toBe('succeeded')
    const { chunks } = await c.t.call('hypertables/chunks', { table: weird })
    expect(chunks.length).toBeGreaterThanOrEqual(3)
    expect(chunks.every((ch) => ch.compressed)).toBe(true)
    const { rows } = await c.t.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "we""ird 'ht\\"`,
    )
    expect(rows[0]?.n).toBe(72)
  })
})

describe('on PostgreSQL without TimescaleDB', () => {
  let c: ConnectedBackend
  beforeAll(async () => {
    c = await connectEngine('postgres', 'no_tsdb')
  })
  afterAll(async () => {
    await c?.close()
  })

  it('says plainly that hypertables, compression and jobs are not available', async () => {
    const list = await c.t.call('hypertables/list', {})
    expect(list).toMatchObject({ timescaledb: null, api: null, hypertables: [] })
    expect(list.message).toMatch(/^TimescaleDB is not installed in this database/)
    // One at a time: a call started before the previous is awaited would reject unhandled.
    for (const call of [
      () => c.t.call('hypertables/chunks', { table }),
      () => c.t.call('hypertables/compression', { table }),
      () => c.t.call('hypertables/jobs', {}),
      () => c.t.call('hypertables/job-run', { jobId: 1 }),
    ]) {
      expect(await rejection(call())).toMatchObject({
        code: 'not_available',
        message: list.message,
      })
    }
  })
})
