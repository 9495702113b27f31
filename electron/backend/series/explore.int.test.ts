/**
 * The chart builder on tables unlike the quick start, on every engine: each
 * chart must equal the same query written by hand in SQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DAY, HOUR, bucketStarts } from '../../../shared/buckets'
import type { ChartReply, ChartSpecInput } from '../../../shared/domain/chart'
import type { TestBackend } from '../test-support/backend'
import { rejection } from '../test-support/backend'
import { ENGINES } from '../test-support/engines'
import { connectExploreEngine, type ExploreEngine } from '../test-support/explore-engine'
import { HOSTILE_COLUMNS, HOSTILE_TABLE } from '../test-support/explore-fixtures'

const WEATHER = { from: Date.UTC(2026, 0, 10), to: Date.UTC(2026, 0, 13) }
const METRICS = { from: Date.UTC(2026, 1, 1), to: Date.UTC(2026, 1, 2) }
const LOCAL = { from: Date.UTC(2026, 2, 7), to: Date.UTC(2026, 2, 9) }
const HOSTILE = { from: Date.UTC(2026, 0, 10), to: Date.UTC(2026, 0, 10, 6) }
const EVENTS_FROM = Date.UTC(2026, 0, 10)

const q = (name: string) => `"${name.replaceAll('"', '""')}"`
const table = (name: string) => ({ schema: 'public', name })

/** Rows of a hand-written query: bucket start (epoch ms), split value, then values. */
type HandRow = [number, string, ...number[]]

describe.each(ENGINES)('chart builder on %s', (engine) => {
  let connected: ExploreEngine
  let t: TestBackend
  let timescale: boolean

  /** A bucket as the hand-written queries compute it: time_bucket, or date_bin without TimescaleDB. */
  const bucket = (width: string, column: string, timestamp = false) =>
    timescale
      ? `time_bucket('${width}', ${column})`
      : `date_bin('${width}', ${column}, ${timestamp ? 'timestamp' : 'timestamptz'} '2000-01-03 00:00:00+00')`

  async function hand(sql: string): Promise<HandRow[]> {
    const { rows } = await t.sql.query<unknown[]>(sql, [], { rowMode: 'array' })
    return rows.map(
      ([b, k, ...v]) => [Number(b), k === null ? '' : String(k), ...v.map(Number)] as HandRow,
    )
  }

  /**
   * Every value the chart draws is the hand query's (to 1e-9), and every row
   * of the hand query is drawn: measure i of the chart is column i of the row.
   */
  function expectSame(reply: ChartReply, rows: HandRow[], measures: number) {
    expect(rows.length).toBeGreaterThan(0)
    const expected = new Map(rows.map((r) => [`${r[0]}|${r[1]}`, r.slice(2) as number[]]))
    let drawn = 0
    for (const s of reply.series) {
      s.values.forEach((v, i) => {
        if (Number.isNaN(v)) return
        drawn++
        const row = expected.get(`${(reply.times[i] ?? 0) * 1000}|${s.key}`)
        expect(row, `bucket ${reply.times[i]} of ${s.key}`).toBeDefined()
        const want = row?.[s.measure] ?? Number.NaN
        expect(Math.abs(v - want)).toBeLessThanOrEqual(Math.max(1e-9, Math.abs(want) * 1e-9))
      })
    }
    expect(drawn).toBe(rows.length * measures)
    // Coverage: the rows behind each bucket, as the hand query's last column counts them.
    for (const r of rows) {
      const i = reply.times.indexOf(r[0] / 1000)
      const counts = reply.coverage.find((c) => c.key === r[1])?.counts
      expect(counts?.[i]).toBe(r[r.length - 1])
    }
  }

  const chart = (
    spec: ChartSpecInput,
    window: Record<string, unknown> & { from: number; to: number },
  ) => t.call('series/chart', { spec, pixels: 2000, timeZone: 'UTC', ...window })

  beforeAll(async () => {
    connected = await connectExploreEngine(engine, 'explore')
    ;({ t, timescale } = connected)
    await t.sql.query('CREATE TABLE daily (day date NOT NULL, city text, rain numeric)')
    await t.sql.query(`INSERT INTO daily
      SELECT d::date, c, (extract(day FROM d) * k)::numeric / 3
        FROM generate_series(date '2026-01-01', date '2026-01-31', interval '1 day') d,
             unnest(ARRAY['Oslo', 'Lima']) WITH ORDINALITY ct(c, k)`)
    await t.sql.query('CREATE TABLE events (at bigint NOT NULL, kind text, size bigint)')
    if (timescale) {
      await t.sql.query(
        "SELECT create_hypertable('events', 'at', chunk_time_interval => 3600000::bigint)",
      )
    }
    await t.sql.query(`INSERT INTO events
      SELECT ${EVENTS_FROM}::bigint + g * 7000, CASE WHEN g % 3 = 0 THEN 'big' ELSE 'small' END,
             CASE WHEN g % 3 = 0 THEN 1152921504606846976 + g ELSE g END
        FROM generate_series(0, 2000) g`)
  })

  afterAll(async () => {
    await connected?.close()
  })

  it('(a) weather: measures of three types, split by station, filtered to two', async () => {
    const reply = await chart(
      {
        table: table('weather'),
        time: { column: 'observed_at' },
        measures: [
          { column: 'temp_c', aggregate: 'avg' },
          { column: 'pressure', aggregate: 'max' },
          { column: 'humidity', aggregate: 'sum' },
        ],
        split: { column: 'station' },
        filters: [{ column: { column: 'station' }, values: ['north', 'south'] }],
      },
      { ...WEATHER, bucket: HOUR },
    )
    expect(reply.bucketFunction).toBe(timescale ? 'time_bucket' : 'date_bin')
    expect(reply.series.map((s) => s.label)).toEqual([
      'north · avg(temp_c)',
      'north · max(pressure)',
      'north · sum(humidity)',
      'south · avg(temp_c)',
      'south · max(pressure)',
      'south · sum(humidity)',
    ])
    // numeric(6,1) and smallint survive double precision: nothing to say.
    expect(reply.notes).toEqual([])
    const rows = await hand(`
      SELECT extract(epoch FROM ${bucket('1 hour', 'observed_at')}) * 1000, station,
             avg(temp_c), max(pressure), sum(humidity), count(*)
        FROM weather WHERE station IN ('north', 'south') GROUP BY 1, 2`)
    expectSame(reply, rows, 3)
    // The south station's two silent hours are gaps, and the coverage shows them.
    const south = reply.coverage.find((c) => c.key === 'south')?.counts
    const at = (ms: number) => reply.times.indexOf(ms / 1000)
    expect(south?.[at(Date.UTC(2026, 0, 11, 4))]).toBe(0)
    expect(south?.[at(Date.UTC(2026, 0, 11, 5))]).toBe(0)
    expect(south?.[at(Date.UTC(2026, 0, 11, 6))]).toBe(6)
    expect(reply.coverage.map((c) => c.key)).toEqual(['north', 'south'])
  })

  it('(a) weather: first and last by time, as DISTINCT ON finds them', async () => {
    const reply = await chart(
      {
        table: table('weather'),
        time: { column: 'observed_at' },
        measures: [
          { column: 'temp_c', aggregate: 'first' },
          { column: 'temp_c', aggregate: 'last' },
        ],
        split: { column: 'station' },
      },
      { ...WEATHER, bucket: 6 * HOUR },
    )
    const edge = (order: 'ASC' | 'DESC') => `
      SELECT DISTINCT ON (b, station) b, station, temp_c::float8
        FROM (SELECT extract(epoch FROM ${bucket('6 hours', 'observed_at')}) * 1000 AS b, *
                FROM weather) w
       ORDER BY b, station, observed_at ${order}`
    const firsts = await hand(edge('ASC'))
    const lasts = new Map((await hand(edge('DESC'))).map((r) => [`${r[0]}|${r[1]}`, r[2]]))
    const counts = new Map(
      (
        await hand(
          `SELECT extract(epoch FROM ${bucket('6 hours', 'observed_at')}) * 1000, station, count(*) FROM weather GROUP BY 1, 2`,
        )
      ).map((r) => [`${r[0]}|${r[1]}`, r[2]]),
    )
    const rows = firsts.map(
      (r) =>
        [r[0], r[1], r[2], lasts.get(`${r[0]}|${r[1]}`), counts.get(`${r[0]}|${r[1]}`)] as HandRow,
    )
    expect(reply.series).toHaveLength(8)
    expectSame(reply, rows, 2)
  })

  it('(b) a narrow table: split by host through its foreign key, one metric', async () => {
    const reply = await chart(
      {
        table: table('metrics'),
        time: { column: 'ts' },
        measures: [{ column: 'value' }],
        split: { column: 'host_id' },
        filters: [{ column: { column: 'metric' }, values: ['cpu'] }],
      },
      { ...METRICS, bucket: 15 * 60, minMax: true },
    )
    expect(reply.series.map((s) => s.label)).toEqual([
      'alpha · eu (#1)',
      'beta · us (#2)',
      'gamma · eu (#3)',
    ])
    const rows = await hand(`
      SELECT extract(epoch FROM ${bucket('15 minutes', 'ts')}) * 1000, host_id, avg(value), count(*)
        FROM metrics WHERE metric = 'cpu' GROUP BY 1, 2`)
    expectSame(reply, rows, 1)
    const s = reply.series[0]
    if (!s?.min || !s.max) throw new Error('min/max missing')
    expect(s.min[0]).toBeLessThanOrEqual(s.values[0] ?? Number.NaN)
    expect(s.max[0]).toBeGreaterThanOrEqual(s.values[0] ?? Number.NaN)
  })

  it('(b) split by a column of the referenced table, filtered through it', async () => {
    const spec: ChartSpecInput = {
      table: table('metrics'),
      time: { column: 'ts' },
      measures: [{ column: 'value', aggregate: 'max' }],
      split: { via: 'host_id', column: 'region' },
      filters: [
        { column: { column: 'metric' }, values: ['mem', 'disk'] },
        { column: { via: 'host_id', column: 'name' }, values: ['alpha', 'beta'] },
      ],
    }
    const reply = await chart(spec, { ...METRICS, bucket: HOUR })
    expect(reply.series.map((s) => s.label)).toEqual(['eu', 'us'])
    expect(reply.sql).toContain('LEFT JOIN "public"."hosts" r0 ON r0."id" = d."host_id"')
    const rows = await hand(`
      SELECT extract(epoch FROM ${bucket('1 hour', 'm.ts')}) * 1000, h.region, max(m.value), count(*)
        FROM metrics m JOIN hosts h ON h.id = m.host_id
       WHERE m.metric IN ('mem', 'disk') AND h.name IN ('alpha', 'beta') GROUP BY 1, 2`)
    expectSame(reply, rows, 1)

    // Split by host with a filter through the key: the keys settle it, no join.
    const byHost = await chart(
      {
        ...spec,
        split: { column: 'host_id' },
        filters: [{ column: { via: 'host_id', column: 'region' }, values: ['us'] }],
      },
      { ...METRICS, bucket: HOUR },
    )
    expect(byHost.series.map((s) => s.label)).toEqual(['beta · us (#2)'])
    expect(byHost.sql).not.toContain('JOIN')
    const beta = await hand(`
      SELECT extract(epoch FROM ${bucket('1 hour', 'ts')}) * 1000, host_id, max(value), count(*)
        FROM metrics WHERE host_id = 2 GROUP BY 1, 2`)
    expectSame(byHost, beta, 1)
  })

  it('(c) timestamp without time zone: read as UTC, and the caption says so', async () => {
    const reply = await chart(
      {
        table: table('local_readings'),
        time: { column: 'taken_at' },
        measures: [{ column: 'level' }],
        split: { column: 'line' },
      },
      { ...LOCAL, bucket: HOUR },
    )
    expect(reply.notes).toEqual([
      'taken_at is a timestamp without time zone: its times are read as UTC.',
    ])
    expect(reply.params.slice(0, 2)).toEqual(['2026-03-07T00:00:00.000', '2026-03-09T00:00:00.000'])
    const rows = await hand(`
      SELECT extract(epoch FROM ${bucket('1 hour', 'taken_at', true)}) * 1000, line, avg(level), count(*)
        FROM local_readings GROUP BY 1, 2`)
    expectSame(reply, rows, 1)
  })

  it('quotes hostile table and column names, and still equals the hand query', async () => {
    const c = HOSTILE_COLUMNS
    const reply = await chart(
      {
        table: table(HOSTILE_TABLE),
        time: { column: c.time },
        measures: [
          { column: c.value, aggregate: 'max' },
          { column: c.unicode, aggregate: 'count' },
        ],
        split: { column: c.group },
        filters: [{ column: { column: c.split }, values: ['where'] }],
      },
      { ...HOSTILE, bucket: 30 * 60 },
    )
    expect(reply.sql).toContain(`FROM "public".${q(HOSTILE_TABLE)} d`)
    expect(reply.sql).toContain('d."va""lue"')
    expect(reply.description).toContain(`of public.${HOSTILE_TABLE} by Group`)
    const rows = await hand(`
      SELECT extract(epoch FROM ${bucket('30 minutes', q(c.time))}) * 1000, ${q(c.group)},
             max(${q(c.value)}), count(${q(c.unicode)}), count(*)
        FROM ${q(HOSTILE_TABLE)} WHERE ${q(c.split)} = 'where' GROUP BY 1, 2`)
    expect(reply.series.map((s) => s.label)).toEqual(['2 · max(va"lue)', '2 · count(Größe °C)'])
    expectSame(reply, rows, 2)
  })

  it('charts a date column in local days', async () => {
    const timeZone = 'America/New_York'
    const reply = await chart(
      {
        table: table('daily'),
        time: { column: 'day' },
        measures: [{ column: 'rain', aggregate: 'sum' }],
        split: { column: 'city' },
      },
      {
        from: Date.UTC(2026, 0, 5, 5),
        to: Date.UTC(2026, 0, 12, 5),
        bucket: 'auto',
        timeZone,
      },
    )
    expect(reply.bucketSeconds).toBe(DAY)
    expect([...reply.times].map((s) => s * 1000)).toEqual(
      bucketStarts(Date.UTC(2026, 0, 5, 5), Date.UTC(2026, 0, 12, 5), DAY, timeZone),
    )
    expect(reply.notes[0]).toContain('day is a date')
    // Each local day holds that date's row: 7 days from the 5th.
    const oslo = reply.series.find((s) => s.key === 'Oslo')
    expect([...(oslo?.values ?? [])]).toEqual([5, 6, 7, 8, 9, 10, 11].map((d) => d / 3))
    expect(reply.series.find((s) => s.key === 'Lima')?.values[0]).toBeCloseTo(10 / 3, 12)
  })

  it('charts integer time in the unit the user names, and says when precision is lost', async () => {
    const spec: ChartSpecInput = {
      table: table('events'),
      time: { column: 'at' },
      measures: [{ column: 'size', aggregate: 'max' }],
      split: { column: 'kind' },
    }
    const window = { from: EVENTS_FROM, to: EVENTS_FROM + 4 * 3_600_000, bucket: 600 }
    const missing = await rejection(chart(spec, window))
    expect(missing.code).toBe('invalid_input')
    expect(missing.message).toContain('milliseconds')
    const reply = await chart({ ...spec, time: { column: 'at', unit: 'ms' } }, window)
    expect(reply.notes).toEqual([
      'at counts milliseconds since 1970-01-01 UTC.',
      'max(size) reaches 2^53 or more: drawn as double precision, its last digits are rounded.',
      // Never analysed and no index on kind: the chart takes the values the rows have.
      'No statistics on kind yet and no index leads with it: run ANALYZE on events, or create an index on (kind), to list its values.',
    ])
    expect(reply.series.map((s) => s.label)).toEqual(['big', 'small'])
    const rows = await hand(`
      SELECT (at / 600000) * 600000, kind, max(size)::float8, count(*)
        FROM events WHERE at < ${EVENTS_FROM + 4 * 3_600_000} GROUP BY 1, 2`)
    expectSame(reply, rows, 1)
    // The same rows counted in seconds: a thousand times later, not a single row.
    const seconds = await chart({ ...spec, time: { column: 'at', unit: 's' } }, window)
    expect(seconds.rows).toBe(0)
  })

  it('fills gaps on any table where TimescaleDB is installed', async () => {
    const spec: ChartSpecInput = {
      table: table('weather'),
      time: { column: 'observed_at' },
      measures: [{ column: 'temp_c' }],
      split: { column: 'station' },
      filters: [{ column: { column: 'station' }, values: ['south'] }],
    }
    const window = { ...WEATHER, bucket: HOUR, fillGaps: true }
    if (!timescale) {
      expect((await rejection(chart(spec, window))).code).toBe('invalid_input')
      return
    }
    const reply = await chart(spec, window)
    expect(reply.bucketFunction).toBe('time_bucket_gapfill')
    const values = reply.series[0]?.values ?? new Float64Array()
    const at = (ms: number) => reply.times.indexOf(ms / 1000)
    expect(values[at(Date.UTC(2026, 0, 11, 4))]).toBe(values[at(Date.UTC(2026, 0, 11, 3))])
    expect(reply.coverage[0]?.counts[at(Date.UTC(2026, 0, 11, 4))]).toBe(0)
  })

  it('refuses names the catalog does not hold and changes nothing', async () => {
    const base: ChartSpecInput = {
      table: table('weather'),
      time: { column: 'observed_at' },
      measures: [{ column: 'temp_c' }],
    }
    const window = { ...WEATHER }
    const badTable = await rejection(
      chart({ ...base, table: table('weather; DROP TABLE hosts') }, window),
    )
    expect(badTable.code).toBe('not_found')
    const badColumn = await rejection(
      chart({ ...base, measures: [{ column: 'temp_c) FROM hosts; --' }] }, window),
    )
    expect(badColumn.code).toBe('invalid_input')
    const notNumber = await rejection(chart({ ...base, measures: [{ column: 'station' }] }, window))
    expect(notNumber.message).toContain('must be a number')
    const { rows } = await t.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM hosts')
    expect(rows[0]?.n).toBe(3)
  })
})
