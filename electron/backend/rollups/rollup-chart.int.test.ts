/**
 * Same numbers: a chart read through a continuous aggregate equals the same
 * chart from raw rows (avg to 1e-9 relative; min, max, sum, count and rows
 * exact) on every engine with TimescaleDB, across the watermark, over ragged
 * range ends, for local days in a zone with a half-hour offset, and an
 * aggregate whose bucket does not divide the chart's is never read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ChartRequestSchema,
  type ChartReply,
  type ChartRequestInput,
} from '../../../shared/domain/chart'
import { queryChart } from '../series/chart'
import { ENGINES, hasTimescale, openEngine, type EngineHarness } from '../test-support/engines'

const FROM = Date.UTC(2026, 0, 2, 3, 7)
const TO = Date.UTC(2026, 0, 9, 17, 13)
const WATERMARK_1H = Date.UTC(2026, 0, 8)

const measures = (['avg', 'min', 'max', 'sum', 'count'] as const).map((aggregate) => ({
  column: 'temperature',
  aggregate,
}))

const FILTER_1_3 = [{ column: { column: 'sensor_id' }, values: ['1', '3'] }]

function request(extra: Partial<ChartRequestInput> = {}, filters: typeof FILTER_1_3 = []) {
  return ChartRequestSchema.parse({
    spec: {
      table: { schema: 'public', name: 'rsc' },
      time: { column: 'time' },
      measures,
      split: { column: 'sensor_id' },
      filters,
    },
    from: FROM,
    to: TO,
    bucket: 3600,
    pixels: 4000,
    ...extra,
  })
}

/** Every series, bucket by bucket: avg within 1e-9 relative, the rest exact. */
function expectSameNumbers(rollup: ChartReply, raw: ChartReply) {
  expect(rollup.rows).toBe(raw.rows)
  expect(rollup.points).toBe(raw.points)
  expect(Array.from(rollup.times)).toEqual(Array.from(raw.times))
  expect(rollup.series.map((s) => s.label)).toEqual(raw.series.map((s) => s.label))
  expect(rollup.coverage.map((c) => Array.from(c.counts))).toEqual(
    raw.coverage.map((c) => Array.from(c.counts)),
  )
  rollup.series.forEach((s, i) => {
    const other = raw.series[i]
    if (!other) throw new Error('series missing')
    const avg = s.label.includes('avg(')
    s.values.forEach((v, j) => {
      const r = other.values[j] ?? Number.NaN
      if (Number.isNaN(r)) expect(v).toBeNaN()
      else if (avg) expect(Math.abs(v - r)).toBeLessThanOrEqual(1e-9 * Math.abs(r))
      else expect(v).toBe(r)
    })
    expect(Array.from(s.min ?? [])).toEqual(Array.from(other.min ?? []))
    expect(Array.from(s.max ?? [])).toEqual(Array.from(other.max ?? []))
  })
}

describe.each(ENGINES)('charts through rollups (%s)', (engine) => {
  let h: EngineHarness
  const chart = (r: ReturnType<typeof request>) => queryChart(h.driver, r)
  const both = async (extra: Partial<ChartRequestInput>, filters: typeof FILTER_1_3 = []) => {
    const rollup = await chart(request(extra, filters))
    const raw = await chart(request({ ...extra, useRollups: false }, filters))
    expect(raw.rollup).toBeNull()
    expect(raw.sql).not.toContain('rsc_')
    expect(rollup.points).toBeGreaterThan(10)
    return { rollup, raw }
  }

  beforeAll(async () => {
    h = await openEngine(engine)
    if (!hasTimescale(engine)) return
    const q = (sql: string) => h.driver.query(sql)
    await h.dropTables('rsc')
    await q('CREATE TABLE rsc (time timestamptz NOT NULL, sensor_id int, temperature float8)')
    await q(`SELECT create_hypertable('rsc', 'time', chunk_time_interval => INTERVAL '2 days')`)
    // Every 7 minutes (never on a bucket edge for long), values exact in binary, some NULL.
    await q(`INSERT INTO rsc
               SELECT t, 1 + i % 3, CASE WHEN i % 11 = 0 THEN NULL ELSE (i % 37) * 0.25 - 3 END
                 FROM generate_series(timestamptz '2026-01-01', '2026-01-11', '7 min')
                      WITH ORDINALITY AS g(t, i)`)
    await q('ANALYZE rsc')
    const cagg = (name: string, bucket: string) =>
      q(`CREATE MATERIALIZED VIEW ${name} WITH (timescaledb.continuous) AS
           SELECT ${bucket} AS bucket, sensor_id,
                  sum(temperature) AS t_sum, count(temperature) AS t_count,
                  min(temperature) AS t_min, max(temperature) AS t_max, count(*) AS n
             FROM rsc GROUP BY 1, 2 WITH NO DATA`)
    await cagg('rsc_1h', `time_bucket('1 hour', time)`)
    await cagg('rsc_15m', `time_bucket('15 minutes', time)`)
    await cagg('rsc_25m', `time_bucket('25 minutes', time)`)
    await cagg('rsc_kday', `time_bucket('1 day', time, 'Asia/Kolkata')`)
    await q(`CALL refresh_continuous_aggregate('rsc_1h', NULL, '2026-01-08')`)
    await q(`CALL refresh_continuous_aggregate('rsc_15m', NULL, '2026-01-05')`)
    await q(`CALL refresh_continuous_aggregate('rsc_25m', NULL, NULL)`)
    await q(`CALL refresh_continuous_aggregate('rsc_kday', NULL, '2026-01-07 18:30+00')`)
    await q(`ALTER MATERIALIZED VIEW rsc_15m SET (timescaledb.materialized_only = false)`)
  })
  afterAll(async () => {
    await h?.close()
  })

  it.runIf(!hasTimescale(engine))('reads raw rows without TimescaleDB', async () => {
    const q = (sql: string) => h.driver.query(sql)
    await h.dropTables('rsc')
    await q('CREATE TABLE rsc (time timestamptz NOT NULL, sensor_id int, temperature float8)')
    await q(`INSERT INTO rsc VALUES ('2026-01-03 10:00+00', 1, 2.5)`)
    const reply = await chart(request())
    expect(reply.rollup).toBeNull()
    expect(reply.rollupNote).toBeNull()
  })

  it.runIf(hasTimescale(engine))(
    'hourly buckets across the watermark: the coarsest aggregate plus raw rows after it',
    async () => {
      const { rollup, raw } = await both({ bucket: 7200, minMax: true })
      expect(rollup.rollup).toEqual({
        name: 'public.rsc_1h',
        bucketSeconds: 3600,
        materializedToMs: WATERMARK_1H,
        realTime: false,
      })
      expect(rollup.sql).toContain('FROM "public"."rsc_1h" r')
      expect(rollup.sql).toContain('UNION ALL')
      expectSameNumbers(rollup, raw)
    },
  )

  it.runIf(hasTimescale(engine))(
    'a range on the aggregate’s bucket edges, before its watermark, reads it alone',
    async () => {
      const { rollup, raw } = await both({
        from: Date.UTC(2026, 0, 2),
        to: Date.UTC(2026, 0, 7),
        bucket: 3 * 3600,
      })
      expect(rollup.rollup?.name).toBe('public.rsc_1h')
      expect(rollup.sql).not.toContain('UNION ALL')
      expectSameNumbers(rollup, raw)
    },
  )

  it.runIf(hasTimescale(engine))(
    'a real-time aggregate includes rows after its watermark',
    async () => {
      const { rollup, raw } = await both({ bucket: 1800 })
      expect(rollup.rollup).toMatchObject({ name: 'public.rsc_15m', realTime: true })
      expectSameNumbers(rollup, raw)
    },
  )

  it.runIf(hasTimescale(engine))('day buckets in Asia/Kolkata (+05:30)', async () => {
    const { rollup, raw } = await both({ bucket: 86_400, timeZone: 'Asia/Kolkata' })
    expect(rollup.rollup?.name).toBe('public.rsc_kday')
    expectSameNumbers(rollup, raw)
    // UTC hours do not tile Kolkata days; Berlin days read the hourly aggregate.
    const berlin = await both({ bucket: 86_400, timeZone: 'Europe/Berlin' })
    expect(berlin.rollup.rollup?.name).toBe('public.rsc_1h')
    expectSameNumbers(berlin.rollup, berlin.raw)
  })

  it.runIf(hasTimescale(engine))(
    'filters on a group column, and an aggregate whose bucket does not divide the chart is not used',
    async () => {
      const { rollup, raw } = await both({ bucket: 3600 }, FILTER_1_3)
      expect(rollup.series.map((s) => s.key)).toEqual([
        '1',
        '1',
        '1',
        '1',
        '1',
        '3',
        '3',
        '3',
        '3',
        '3',
      ])
      expect(rollup.rollup?.name).toBe('public.rsc_1h')
      expectSameNumbers(rollup, raw)
      const twenty = await chart(request({ bucket: 1200 }))
      expect(twenty.rollup).toBeNull()
      expect(twenty.rollupNote).toContain('rsc_25m: its bucket does not divide')
      expect(twenty.sql).not.toContain('rsc_')
      const fifty = await both({ bucket: 3000 })
      expect(fifty.rollup.rollup?.name).toBe('public.rsc_25m')
      expectSameNumbers(fifty.rollup, fifty.raw)
    },
  )

  it.runIf(hasTimescale(engine))('first and last are not derived from a rollup', async () => {
    const reply = await chart(
      request({
        spec: {
          table: { schema: 'public', name: 'rsc' },
          time: { column: 'time' },
          measures: [{ column: 'temperature', aggregate: 'last' }],
        },
      }),
    )
    expect(reply.rollup).toBeNull()
    expect(reply.rollupNote).toContain('last(temperature) cannot be derived')
  })
})
