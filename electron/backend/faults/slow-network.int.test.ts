import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { DAY_MS } from '../../../shared/domain/ingest'
import type { BucketedRequestInput } from '../../../shared/domain/series'
import { createTestBackend, type TestBackend } from '../test-support/backend'
import { startFaultProxy, type FaultProxy } from '../test-support/fault-proxy'
import { jobDone } from '../test-support/jobs'
import { createScratchDatabase, type ScratchDatabase } from '../test-support/scratch-database'
import { connectTo, idleInTransaction, readingsFingerprint } from './harness'

/**
 * A slow network (every piece of traffic delayed, both ways, TLS on): set-up,
 * a sample-data load, a CSV import and charts all complete, and give exactly
 * what the same calls give over a direct connection.
 */
const pg = inject('pg')
const BASE = Date.UTC(2026, 0, 1)
const LATENCY_MS = 40
let scratch: ScratchDatabase
let proxy: FaultProxy
/** Through the slow proxy. */
let slow: TestBackend
/** Straight to the server, for the reference answers. */
let direct: TestBackend

beforeAll(async () => {
  scratch = await createScratchDatabase(pg, 'slownet')
  proxy = await startFaultProxy({ host: pg.host, port: pg.port })
  proxy.setLatency(LATENCY_MS)
  slow = await createTestBackend()
  await connectTo(slow, pg, {
    host: proxy.host,
    port: proxy.port,
    database: scratch.name,
    sslmode: 'require',
  })
  direct = await createTestBackend()
  await connectTo(direct, pg, { database: scratch.name })
})

afterAll(async () => {
  await slow?.close()
  await direct?.close()
  await proxy?.close()
  await scratch?.drop()
})

describe(`a slow network (${LATENCY_MS} ms added each way, TLS)`, () => {
  it('sets up the schema and loads sample data completely', async () => {
    expect(await slow.call('connection/state', {})).toMatchObject({
      status: 'connected',
      server: { tls: { enabled: true } },
    })
    await slow.call('schema/setup', {})
    await slow.call('sensors/seed', {})
    const { jobId, totalRows } = await slow.call('ingest/start', {
      from: BASE,
      to: BASE + 2 * DAY_MS,
      intervalMs: 30_000,
      seed: 11,
    })
    expect(totalRows).toBe((2 * 2880 + 1) * 4)
    expect(await jobDone(slow, jobId)).toMatchObject({
      outcome: 'succeeded',
      summary: { rows: totalRows },
    })
    expect((await readingsFingerprint(scratch.admin)).rows).toBe(totalRows)
    expect(await idleInTransaction(scratch.admin, scratch.name)).toEqual([])
  })

  it('imports a CSV file sent in pieces', async () => {
    const lines = ['time,sensor_id,temperature,cpu']
    for (let i = 0; i < 2000; i++) {
      const time = new Date(BASE + 3 * DAY_MS + i * 60_000).toISOString()
      lines.push(`${time},${(i % 4) + 1},${20 + (i % 7)},${(i % 10) / 10}`)
    }
    const bytes = new TextEncoder().encode(`${lines.join('\n')}\n`)
    const { jobId } = await slow.call('import/start', {
      fileName: 'slow.csv',
      totalBytes: bytes.byteLength,
      columns: ['time', 'sensor_id', 'temperature', 'cpu'],
    })
    const piece = 8192
    for (let i = 0; i < bytes.byteLength; i += piece) {
      await slow.call('import/chunk', {
        jobId,
        bytes: bytes.slice(i, i + piece),
        last: i + piece >= bytes.byteLength,
      })
    }
    expect(await jobDone(slow, jobId)).toMatchObject({
      outcome: 'succeeded',
      summary: { rows: 2000 },
    })
    const { rows } = await scratch.admin.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM sensor_data WHERE time >= $1',
      [new Date(BASE + 3 * DAY_MS).toISOString()],
    )
    expect(rows[0]?.n).toBe(2000)
  })

  it.each<[string, BucketedRequestInput]>([
    ['per sensor, hourly', { from: BASE, to: BASE + 2 * DAY_MS, pixels: 800, bucket: 3600 }],
    [
      'per location, auto bucket, min/max',
      { from: BASE, to: BASE + 4 * DAY_MS, pixels: 1200, groupBy: 'location', minMax: true },
    ],
    [
      'one type, daily buckets in a time zone',
      {
        from: BASE - DAY_MS,
        to: BASE + 5 * DAY_MS,
        pixels: 400,
        bucket: 86_400,
        filters: { types: ['a'] },
        timeZone: 'America/New_York',
      },
    ],
  ])('charts %s: the same answer as over a direct connection', async (_name, request) => {
    const [over, reference] = await Promise.all([
      slow.call('series/bucketed', request),
      direct.call('series/bucketed', request),
    ])
    const { queryMs: _a, ...got } = over
    const { queryMs: _b, ...want } = reference
    expect(got).toEqual(want)
    expect(over.points).toBeGreaterThan(0)
  })

  it('lists sensors and the data extent as a direct connection does', async () => {
    expect(await slow.call('sensors/list', {})).toEqual(await direct.call('sensors/list', {}))
    expect(await slow.call('series/extent', {})).toEqual(await direct.call('series/extent', {}))
    expect(await slow.call('series/extent', {})).toMatchObject({
      first: BASE,
      last: BASE + 3 * DAY_MS + 1999 * 60_000,
    })
  })
})
