import { describe, expect, it } from 'vitest'
import { DAY } from '../../../shared/buckets'
import { mergeTimes, toColumns } from './columns'
import { bucketedStatement, seriesKeysStatement, type BucketedSpec } from './sql'

const T0 = Date.UTC(2026, 0, 10)
const M5 = 300_000

const spec: BucketedSpec = {
  metric: 'cpu',
  groupBy: 'sensor',
  fromMs: T0,
  toMs: T0 + 3_600_000,
  bucketSeconds: 300,
  timeZone: 'Europe/Paris',
  bucketFunction: 'time_bucket',
  minMax: false,
  sensorIds: null,
  locations: null,
  types: null,
  groupKeys: null,
}

describe('bucketedStatement', () => {
  it('puts every value in a parameter', () => {
    const { sql, params } = bucketedStatement({
      ...spec,
      groupBy: 'location',
      locations: ["floor'; DROP TABLE sensors; --"],
      types: ['a'],
      sensorIds: [1, 2],
    })
    expect(sql).not.toContain('floor')
    expect(sql).not.toContain('DROP')
    expect(params).toEqual([
      new Date(T0).toISOString(),
      new Date(T0 + 3_600_000).toISOString(),
      '5 minutes',
      [1, 2],
      ["floor'; DROP TABLE sensors; --"],
      ['a'],
    ])
    expect(sql).toContain(
      'extract(epoch FROM time_bucket($3::interval, d.time))::float8 * 1000 AS bucket_ms',
    )
    expect(sql).toContain('JOIN sensors s ON s.id = d.sensor_id')
    expect(sql).toContain('s.location AS series_key')
  })

  it('reads per sensor without joining sensors', () => {
    const { sql } = bucketedStatement(spec)
    expect(sql).not.toContain('JOIN')
    expect(sql).toContain('d.sensor_id AS series_key')
    expect(sql).toContain('avg(d.cpu) AS avg_value')
  })

  it('passes the time zone only for buckets of whole days', () => {
    expect(bucketedStatement(spec).params).not.toContain('Europe/Paris')
    const days = bucketedStatement({ ...spec, bucketSeconds: DAY })
    expect(days.sql).toContain('time_bucket($3::interval, d.time, $4::text)')
    expect(days.params).toContain('Europe/Paris')
    const bin = bucketedStatement({ ...spec, bucketSeconds: DAY, bucketFunction: 'date_bin' })
    expect(bin.sql).toContain(
      "date_bin($3::interval, d.time AT TIME ZONE $4::text, TIMESTAMP '2000-01-03') AT TIME ZONE $4::text",
    )
    const sub = bucketedStatement({ ...spec, bucketFunction: 'date_bin' })
    expect(sub.sql).toContain(
      "date_bin($3::interval, d.time, TIMESTAMPTZ '2000-01-03 00:00:00+00')",
    )
  })

  it('fills gaps with locf over the queried range', () => {
    const { sql } = bucketedStatement({
      ...spec,
      minMax: true,
      bucketFunction: 'time_bucket_gapfill',
    })
    expect(sql).toContain(
      'time_bucket_gapfill($3::interval, d.time, $1::timestamptz, $2::timestamptz)',
    )
    expect(sql).toContain('locf(avg(d.cpu)) AS avg_value')
    expect(sql).toContain('locf(min(d.cpu)) AS min_value')
    expect(sql).toContain('locf(max(d.cpu)) AS max_value')
  })

  it('lists at most MAX_SERIES series keys, with the total', () => {
    const { sql, params } = seriesKeysStatement('type', {
      locations: ['floor'],
      types: [],
      sensorIds: [3],
    })
    expect(sql).toContain('SELECT DISTINCT s.type AS series_key')
    expect(sql).toContain('LIMIT 64')
    expect(params).toEqual([['floor'], [3]])
  })
})

describe('toColumns', () => {
  const grid = Array.from({ length: 6 }, (_, i) => T0 + i * M5)
  const keys = [
    { key: '1', label: 'a · floor (#1)' },
    { key: '2', label: 'a · ceiling (#2)' },
    { key: '3', label: 'b · floor (#3)' },
  ]

  it('makes columns over every bucket of the range, NaN where there are no readings', () => {
    const rows = [
      [new Date(T0), 1, 0.5, 4],
      [new Date(T0 + M5), 1, 0.7, 4],
      [new Date(T0 + 4 * M5), 1, 0.9, 3],
      [new Date(T0 + M5), 2, 1.5, 2],
    ]
    const c = toColumns(rows, grid, keys, false)
    expect([...c.times]).toEqual(grid.map((t) => t / 1000))
    expect(c.series.map((s) => s.key)).toEqual(['1', '2'])
    expect([...(c.series[0]?.avg ?? [])]).toEqual([0.5, 0.7, NaN, NaN, 0.9, NaN])
    expect([...(c.series[1]?.avg ?? [])]).toEqual([NaN, 1.5, NaN, NaN, NaN, NaN])
    expect(c.points).toBe(4)
    expect(c.rows).toBe(13)
  })

  it('keeps gap-filled values only between the first and the last reading of each series', () => {
    // What time_bucket_gapfill + locf sends: every bucket, counts 0 where it filled.
    const rows = [
      [new Date(T0), 1, null, null, null, 0],
      [new Date(T0 + M5), 1, 0.5, 0.4, 0.6, 2],
      [new Date(T0 + 2 * M5), 1, 0.5, 0.4, 0.6, 0],
      [new Date(T0 + 3 * M5), 1, 0.7, 0.7, 0.7, 1],
      [new Date(T0 + 4 * M5), 1, 0.7, 0.7, 0.7, 0],
      [new Date(T0 + 5 * M5), 1, 0.7, 0.7, 0.7, 0],
    ]
    const c = toColumns(rows, grid, keys, true)
    const s = c.series[0]
    expect([...(s?.avg ?? [])]).toEqual([NaN, 0.5, 0.5, 0.7, NaN, NaN])
    expect([...(s?.min ?? [])]).toEqual([NaN, 0.4, 0.4, 0.7, NaN, NaN])
    expect([...(s?.max ?? [])]).toEqual([NaN, 0.6, 0.6, 0.7, NaN, NaN])
    expect(c.points).toBe(3)
    expect(c.rows).toBe(3)
  })

  it('carries min and max when asked', () => {
    const c = toColumns([[new Date(T0), '3', 2, 1, 3, 5]], grid, keys, true)
    expect(c.series[0]?.min?.[0]).toBe(1)
    expect(c.series[0]?.max?.[0]).toBe(3)
    expect(c.rows).toBe(5)
  })

  it('measures how far apart the readings are', () => {
    const long = Array.from({ length: 10 }, (_, i) => T0 + i * M5)
    const rows = [0, 2, 4, 6].map((i) => [new Date(T0 + i * M5), 1, 1, 1])
    expect(toColumns(rows, long, keys, false).spacingMs).toBe(2 * M5)
  })

  it('keeps a server bucket the grid lacks, in place of the empty slot near it', () => {
    const odd = T0 + 2 * M5 + 60_000
    expect(mergeTimes(grid, new Set([T0, odd]))).toEqual([
      T0,
      T0 + M5,
      odd,
      T0 + 3 * M5,
      T0 + 4 * M5,
      T0 + 5 * M5,
    ])
    // Far from any slot: added, nothing replaced.
    expect(mergeTimes(grid, new Set([T0 + 30 * M5 + 7]))).toHaveLength(7)
  })
})
