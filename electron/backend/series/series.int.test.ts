import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DAY, bucketStarts } from '../../../shared/buckets'
import type { BucketedReply, BucketedRequestInput } from '../../../shared/domain/series'
import type { AppError } from '../../../shared/errors'
import type { Driver } from '../db/driver'
import type { TestBackend } from '../test-support/backend'
import {
  connectEngine,
  connectScratch,
  ENGINES,
  hasTimescale,
  SERVER_ENGINES,
  serverOf,
  TIMESCALE_ENGINES,
  type EngineName,
} from '../test-support/engines'
import {
  quickStartQueryText,
  withDateBin,
  withDollarPlaceholders,
} from '../test-support/quick-start-query'
import type { ScratchDatabase } from '../test-support/scratch-database'
import { loadQuickStartReadings, type SensorRow } from '../test-support/sensor-rows'
import { waitFor } from '../test-support/wait'

const H = 3_600_000
const BASE = Date.UTC(2026, 0, 10)
const END = BASE + 24 * H
/** No sensor reported in this hour; sensor 2 also missed [15 h, 16 h). */
const HOLE = { from: BASE + 10 * H, to: BASE + 11 * H }
const MARCH = { from: Date.UTC(2026, 2, 1), to: Date.UTC(2026, 2, 15) }

/** The quick start's four sensors, in its order, plus a second type-a sensor on the floor. */
const SENSORS: [type: string, location: string][] = [
  ['a', 'floor'],
  ['a', 'ceiling'],
  ['b', 'floor'],
  ['b', 'ceiling'],
  ['a', 'floor'],
]

function readings(): SensorRow[] {
  let seed = 42
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648
    return seed / 2_147_483_648
  }
  const rows: SensorRow[] = []
  for (let sensorId = 1; sensorId <= SENSORS.length; sensorId++) {
    // Irregular 37-second steps, shifted per sensor, so buckets hold several readings.
    for (let t = BASE + sensorId * 3000, i = 0; t < END; t += 37_000, i++) {
      if (t >= HOLE.from && t < HOLE.to) continue
      if (sensorId === 2 && t >= BASE + 15 * H && t < BASE + 16 * H) continue
      rows.push({
        time: t,
        sensorId,
        temperature: 20 + 5 * Math.sin(i / 50 + sensorId) + random(),
        cpu: random(),
      })
    }
  }
  // Hourly readings of sensor 3 across New York's spring-forward day (2026-03-08).
  for (let t = MARCH.from, i = 0; t < MARCH.to; t += H, i++) {
    rows.push({ time: t, sensorId: 3, temperature: i % 24, cpu: (i % 10) / 10 })
  }
  return rows
}

interface QuickStartRow {
  five_min: Date
  avg: number
}

interface Engine {
  t: TestBackend
  timescale: boolean
  /** The quick start's final query (floor, a), run on the engine at setup. */
  quickStart: QuickStartRow[]
  scratch: ScratchDatabase | null
  close(): Promise<void>
}

async function seed(driver: Driver, timescale: boolean): Promise<QuickStartRow[]> {
  await loadQuickStartReadings(driver, SENSORS, readings(), timescale)
  await driver.query('ANALYZE sensor_data')
  const query = withDollarPlaceholders(quickStartQueryText())
  // PostgreSQL without TimescaleDB has no time_bucket: the same statement with date_bin.
  const sql = timescale ? query : withDateBin(query)
  const { rows } = await driver.query<QuickStartRow>(sql, ['floor', 'a'])
  return rows
}

async function openChartEngine(name: EngineName): Promise<Engine> {
  const { t, scratch, close } = await connectEngine(name, 'charts')
  const timescale = hasTimescale(name)
  return { t, timescale, quickStart: await seed(t.driver(), timescale), scratch, close }
}

const engines: Partial<Record<EngineName, Engine>> = {}

beforeAll(async () => {
  const opened = await Promise.allSettled(ENGINES.map(openChartEngine))
  opened.forEach((result, i) => {
    if (result.status === 'fulfilled') engines[ENGINES[i]!] = result.value
  })
  const failed = opened.find((result) => result.status === 'rejected')
  if (failed) throw failed.reason
})

afterAll(async () => {
  await Promise.all(Object.values(engines).map((e) => e.close()))
})

function engine(kind: EngineName): Engine {
  const e = engines[kind]
  if (!e) throw new Error(`${kind} engine did not start`)
  return e
}

const floorA: BucketedRequestInput = {
  metric: 'cpu',
  from: BASE,
  to: END,
  bucket: 300,
  pixels: 2000,
  groupBy: 'location',
  filters: { locations: ['floor'], types: ['a'] },
  timeZone: 'UTC',
}

/** Index of a bucket (epoch ms) in the reply's times (epoch seconds). */
function indexOf(reply: BucketedReply, ms: number): number {
  return reply.times.indexOf(ms / 1000)
}

function nonGaps(values: Float64Array): number {
  return values.reduce((n, v) => (Number.isNaN(v) ? n : n + 1), 0)
}

/** avg over the same rows in another statement: equal up to summation order. */
function expectSameAverage(actual: number | undefined, expected: number) {
  expect(actual).toBeDefined()
  expect(Math.abs((actual ?? Number.NaN) - expected)).toBeLessThanOrEqual(
    Math.abs(expected) * 1e-12,
  )
}

describe.each(ENGINES)('series on %s', (kind) => {
  it("matches the quick start's own time_bucket query for location 'floor' and type 'a'", async () => {
    const { t, quickStart, timescale } = engine(kind)
    expect(quickStart.length).toBeGreaterThan(200)
    for (const groupBy of ['location', 'type'] as const) {
      const reply = await t.call('series/bucketed', { ...floorA, groupBy })
      expect(reply.bucketSeconds).toBe(300)
      expect(reply.bucketFunction).toBe(timescale ? 'time_bucket' : 'date_bin')
      expect(reply.series.map((s) => s.label)).toEqual([groupBy === 'location' ? 'floor' : 'a'])
      const avg = reply.series[0]?.avg ?? new Float64Array()
      // The same buckets: every quick-start bucket is ours with the same value, and no more.
      expect(nonGaps(avg)).toBe(quickStart.length)
      for (const row of quickStart) {
        const i = indexOf(reply, new Date(row.five_min).getTime())
        expect(i).toBeGreaterThanOrEqual(0)
        expectSameAverage(avg[i], row.avg)
      }
    }
  })

  it('gives one series per sensor, labelled type · location (#id)', async () => {
    const { t } = engine(kind)
    const reply = await t.call('series/bucketed', { ...floorA, groupBy: 'sensor' })
    expect(reply.series.map((s) => s.label)).toEqual(['a · floor (#1)', 'a · floor (#5)'])
    const all = await t.call('series/bucketed', { ...floorA, groupBy: 'sensor', filters: {} })
    expect(all.series).toHaveLength(5)
    const picked = await t.call('series/bucketed', {
      ...floorA,
      groupBy: 'sensor',
      filters: { sensorIds: [2, 4] },
    })
    expect(picked.series.map((s) => s.key)).toEqual(['2', '4'])
  })

  it('keeps gaps as gaps: every bucket of the range is present, empty ones are NaN', async () => {
    const { t } = engine(kind)
    const reply = await t.call('series/bucketed', { ...floorA, minMax: true })
    expect(reply.times).toBeInstanceOf(Float64Array)
    expect(reply.times.length).toBe(288)
    expect(reply.buckets).toBe(288)
    for (let i = 1; i < reply.times.length; i++) {
      expect((reply.times[i] ?? 0) - (reply.times[i - 1] ?? 0)).toBe(300)
    }
    const s = reply.series[0]
    if (!s?.min || !s.max) throw new Error('min/max columns missing')
    for (let ms = HOLE.from; ms < HOLE.to; ms += 300_000) {
      const i = indexOf(reply, ms)
      expect(Number.isNaN(s.avg[i] ?? 0)).toBe(true)
      expect(Number.isNaN(s.min[i] ?? 0)).toBe(true)
      expect(Number.isNaN(s.max[i] ?? 0)).toBe(true)
    }
    expect(reply.points).toBe(288 - 12)
    for (let i = 0; i < reply.times.length; i++) {
      if (Number.isNaN(s.avg[i] ?? Number.NaN)) continue
      expect(s.min[i]).toBeLessThanOrEqual(s.avg[i] ?? Number.NaN)
      expect(s.max[i]).toBeGreaterThanOrEqual(s.avg[i] ?? Number.NaN)
    }
  })

  it('sends values as parameters, never spliced into the SQL', async () => {
    const { t } = engine(kind)
    const reply = await t.call('series/bucketed', floorA)
    expect(reply.sql).not.toContain('floor')
    expect(reply.sql).not.toContain('2026')
    expect(reply.params).toContainEqual(['floor'])
    expect(reply.params).toContainEqual(['a'])
    expect(reply.params[0]).toBe(new Date(BASE).toISOString())
    expect(reply.sql).toContain(engine(kind).timescale ? 'time_bucket(' : 'date_bin(')
  })

  it('in Auto never gives a series more points than pixels; a pinned width is kept past them', async () => {
    const { t } = engine(kind)
    const reply = await t.call('series/bucketed', { ...floorA, bucket: 'auto', pixels: 100 })
    expect(reply.bucketSeconds).toBe(15 * 60)
    expect(reply.bucketReason).toBe('auto')
    expect(reply.times.length).toBeLessThanOrEqual(100)
    // The user's 1 minute stays 1 minute: every minute of the range, drawn past the 100 pixels.
    const pinned = await t.call('series/bucketed', { ...floorA, bucket: 60, pixels: 100 })
    expect(pinned.bucketReason).toBe('pixels')
    expect(pinned.bucketSeconds).toBe(60)
    expect(pinned.times.length).toBe((END - BASE) / 60_000)
    expect(pinned.points).toBeGreaterThan(100)
  })

  it('in Auto widens a bucket finer than the spacing of the readings', async () => {
    const { t } = engine(kind)
    // One hour over 1000 pixels asks for 5-second buckets; sensor 1 reads every 37 s.
    const reply = await t.call('series/bucketed', {
      ...floorA,
      groupBy: 'sensor',
      filters: { sensorIds: [1] },
      bucket: 'auto',
      from: BASE + 2 * H,
      to: BASE + 3 * H,
      pixels: 1000,
    })
    expect(reply.bucketReason).toBe('sparse')
    expect(reply.bucketSeconds).toBe(60)
  })

  it('starts day buckets at local midnight in the user time zone, across DST', async () => {
    const { t } = engine(kind)
    const timeZone = 'America/New_York'
    const reply = await t.call('series/bucketed', {
      metric: 'temperature',
      from: MARCH.from,
      to: MARCH.to,
      bucket: DAY,
      pixels: 500,
      filters: { sensorIds: [3] },
      timeZone,
    })
    const expected = bucketStarts(MARCH.from, MARCH.to, DAY, timeZone)
    expect([...reply.times].map((s) => s * 1000)).toEqual(expected)
    expect(reply.params).toContain(timeZone)
    // The 23-hour day: its readings are the local hours 0..22 minus the skipped 2 a.m.
    const march8 = indexOf(reply, Date.parse('2026-03-08T05:00:00Z'))
    const march9 = indexOf(reply, Date.parse('2026-03-09T04:00:00Z'))
    expect(march9 - march8).toBe(1)
    // Hourly temperature is (hour of UTC day); New York's 03-08 runs 05:00Z..03:59Z next day.
    const hours = Array.from({ length: 23 }, (_, h) => (5 + h) % 24)
    expect(reply.series[0]?.avg[march8]).toBeCloseTo(
      hours.reduce((a, b) => a + b, 0) / hours.length,
      9,
    )
  })

  it('starts 12-hour buckets at local 00:00 and 12:00 in Asia/Kolkata (a 30-minute offset)', async () => {
    const { t, timescale } = engine(kind)
    const timeZone = 'Asia/Kolkata'
    const reply = await t.call('series/bucketed', {
      ...floorA,
      groupBy: 'sensor',
      filters: { sensorIds: [1] },
      bucket: 12 * 3600,
      timeZone,
    })
    expect(reply.bucketSeconds).toBe(12 * 3600)
    const starts = [...reply.times].map((s) => new Date(s * 1000).toISOString())
    // 00:00 and 12:00 in Kolkata: 18:30Z and 06:30Z.
    expect(starts).toEqual([
      '2026-01-09T18:30:00.000Z',
      '2026-01-10T06:30:00.000Z',
      '2026-01-10T18:30:00.000Z',
    ])
    // The database's own answer, bucketing by hand on Kolkata's wall clock.
    const bucket = timescale
      ? `time_bucket('12 hours', time, 'Asia/Kolkata')`
      : `date_bin('12 hours', time AT TIME ZONE 'Asia/Kolkata', TIMESTAMP '2000-01-03') AT TIME ZONE 'Asia/Kolkata'`
    const { rows } = await t
      .driver()
      .query<{ b: Date; avg: number }>(
        `SELECT ${bucket} AS b, avg(cpu) AS avg FROM sensor_data WHERE sensor_id = 1 AND time >= $1 AND time < $2 GROUP BY 1 ORDER BY 1`,
        [new Date(BASE).toISOString(), new Date(END).toISOString()],
      )
    expect(rows.map((r) => new Date(r.b).toISOString())).toEqual(starts)
    rows.forEach((r, i) => expect(reply.series[0]?.avg[i]).toBeCloseTo(Number(r.avg), 12))
  })

  it('answers cancelled for the requests whose signal aborts, and the others in full', async () => {
    const { t } = engine(kind)
    // What the renderer's charts slice does when a newer range supersedes a request.
    const first = new AbortController()
    const second = new AbortController()
    const calls = [
      t.call('series/bucketed', floorA, { signal: first.signal }),
      t.call('series/bucketed', { ...floorA, bucket: 600 }, { signal: second.signal }),
      t.call('series/bucketed', { ...floorA, bucket: 900 }),
      t.call('series/bucketed', floorA),
    ] as const
    first.abort()
    second.abort()
    const [a, b, c, other] = await Promise.allSettled(calls)
    for (const superseded of [a, b]) {
      expect(superseded.status).toBe('rejected')
      if (superseded.status === 'rejected') {
        expect((superseded.reason as AppError).code).toBe('cancelled')
      }
    }
    expect(c.status === 'fulfilled' && c.value.bucketSeconds).toBe(900)
    expect(other.status === 'fulfilled' && other.value.bucketSeconds).toBe(300)
  })

  it('reports the extent and the filter choices', async () => {
    const { t, timescale } = engine(kind)
    const extent = await t.call('series/extent', {})
    expect(extent.tables).toBe(true)
    expect(extent.first).toBe(BASE + 3000)
    expect(extent.last).toBe(MARCH.to - H)
    expect(extent.rowEstimate).toBeGreaterThan(10_000)
    const filters = await t.call('series/filters', {})
    expect(filters.locations).toEqual(['ceiling', 'floor'])
    expect(filters.types).toEqual(['a', 'b'])
    expect(filters.sensors.map((s) => s.label)).toContain('b · ceiling (#4)')
    expect(filters.timescaledb).toBe(timescale)
  })

  it('fills gaps with time_bucket_gapfill and locf only where TimescaleDB is installed', async () => {
    const { t, timescale } = engine(kind)
    const request = { ...floorA, fillGaps: true }
    if (!timescale) {
      await expect(t.call('series/bucketed', request)).rejects.toMatchObject({
        code: 'invalid_input',
        message: expect.stringContaining('TimescaleDB'),
      })
      return
    }
    const reply = await t.call('series/bucketed', request)
    expect(reply.bucketFunction).toBe('time_bucket_gapfill')
    expect(reply.sql).toContain('locf(avg(d."cpu")::float8)')
    const avg = reply.series[0]?.avg ?? new Float64Array()
    const before = avg[indexOf(reply, HOLE.from - 300_000)]
    expect(before).not.toBeNaN()
    for (let ms = HOLE.from; ms < HOLE.to; ms += 300_000) {
      expect(avg[indexOf(reply, ms)]).toBe(before)
    }
    // Filled buckets hold no readings.
    const plain = await t.call('series/bucketed', floorA)
    expect(reply.rows).toBe(plain.rows)

    // A range reaching two hours before the first and past the last reading: nothing is
    // invented there. The last value is the last real reading's bucket, as without filling.
    const wider = { ...request, from: BASE - 2 * H, to: END + 2 * H }
    const [filled, unfilled] = await Promise.all([
      t.call('series/bucketed', wider),
      t.call('series/bucketed', { ...wider, fillGaps: false }),
    ])
    const values = filled.series[0]?.avg ?? new Float64Array()
    const real = unfilled.series[0]?.avg ?? new Float64Array()
    const lastIndex = (v: Float64Array) => v.findLastIndex((x) => !Number.isNaN(x))
    const firstIndex = (v: Float64Array) => v.findIndex((x) => !Number.isNaN(x))
    expect(lastIndex(real)).toBeGreaterThan(0)
    expect(lastIndex(values)).toBe(lastIndex(real))
    expect(firstIndex(values)).toBe(firstIndex(real))
    expect((filled.times[lastIndex(values)] ?? 0) * 1000).toBeLessThan(END)
    expect(values[lastIndex(values)]).toBe(real[lastIndex(real)])
  })
})

describe.each(SERVER_ENGINES)('series on a server (%s)', (kind) => {
  it('cancels a superseded statement on the server: it is gone from pg_stat_activity', async () => {
    const { t, scratch } = engine(kind)
    if (!scratch) throw new Error('no scratch database')
    const admin = scratch.admin
    // Inside the admin's transaction the statistics views are a snapshot: refresh it per look.
    const fresh = () => admin.query('SELECT pg_stat_clear_snapshot()')
    const active = async () => {
      await fresh()
      const { rows } = await admin.query<{ pid: number; query: string }>(
        `SELECT pid, query FROM pg_stat_activity
          WHERE datname = $1 AND state = 'active' AND pid <> pg_backend_pid()
            AND query LIKE '%"sensor_data" d%'`,
        [scratch.name],
      )
      return rows
    }
    // Hold the table so the chart's statement stays running on the server. (Each engine,
    // through the web host's cancel message and within 1 s: web/cancel.int.test.ts.)
    await admin.query('BEGIN')
    await admin.query('LOCK TABLE sensor_data IN ACCESS EXCLUSIVE MODE')
    let second: Promise<BucketedReply> | undefined
    try {
      const superseded = new AbortController()
      const first = t.call('series/bucketed', floorA, { signal: superseded.signal })
      const firstPid = await waitFor(
        'the first chart running on the server',
        async () => (await active())[0]?.pid ?? null,
      )
      superseded.abort()
      second = t.call('series/bucketed', { ...floorA, bucket: 900 })
      await expect(first).rejects.toMatchObject({ code: 'cancelled' })
      // Gone: not merely ignored by us, but no longer running (nor even connected) on the server.
      await waitFor('the first chart gone from pg_stat_activity', async () => {
        await fresh()
        const { rows } = await admin.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [
          firstPid,
        ])
        return rows.length === 0 ? true : null
      })
      const secondPid = await waitFor(
        'the second chart running on the server',
        async () => (await active())[0]?.pid ?? null,
      )
      expect(secondPid).not.toBe(firstPid)
    } finally {
      await admin.query('COMMIT')
    }
    const reply = await second
    expect(reply?.bucketSeconds).toBe(900)
    expect(reply?.series).toHaveLength(1)
  })

  it('says the quick-start tables are missing instead of a server error', async () => {
    const { t, close } = await connectScratch(serverOf(kind), 'charts_empty')
    try {
      expect(await t.call('series/extent', {})).toEqual({
        tables: false,
        first: null,
        last: null,
        rowEstimate: null,
      })
      expect((await t.call('series/filters', {})).tables).toBe(false)
      await expect(t.call('series/bucketed', floorA)).rejects.toMatchObject({
        code: 'schema_missing',
        message: expect.stringContaining('Sensors page'),
      })
    } finally {
      await close()
    }
  })
})

describe.each(TIMESCALE_ENGINES)('the same chart without TimescaleDB and on %s', (kind) => {
  it('gives the same buckets and values from time_bucket and from date_bin', async () => {
    const base = {
      ...floorA,
      groupBy: 'sensor' as const,
      filters: {},
      minMax: true,
      bucket: 'auto' as const,
      pixels: 700,
    }
    for (const request of [
      base,
      { ...base, from: MARCH.from, to: MARCH.to, timeZone: 'America/New_York', bucket: DAY },
      { ...base, from: BASE, to: MARCH.to, timeZone: 'Asia/Kolkata', pixels: 40 },
    ]) {
      const a = await engine('postgres').t.call('series/bucketed', request)
      const b = await engine(kind).t.call('series/bucketed', request)
      expect(a.bucketFunction).toBe('date_bin')
      expect(b.bucketFunction).toBe('time_bucket')
      expect(a.bucketSeconds).toBe(b.bucketSeconds)
      expect([...a.times]).toEqual([...b.times])
      expect(a.series.map((s) => s.label)).toEqual(b.series.map((s) => s.label))
      expect(a.rows).toBe(b.rows)
      a.series.forEach((s, i) => {
        const other = b.series[i]
        s.avg.forEach((v, j) => {
          if (Number.isNaN(v)) expect(other?.avg[j]).toBeNaN()
          else expectSameAverage(other?.avg[j], v)
        })
        expect([...(s.min ?? [])]).toEqual([...(other?.min ?? [])])
        expect([...(s.max ?? [])]).toEqual([...(other?.max ?? [])])
      })
    }
  })
})
