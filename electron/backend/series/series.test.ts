import { describe, expect, it } from 'vitest'
import { DAY } from '../../../shared/buckets'
import type { ChartSpec } from '../../../shared/domain/chart'
import { quickStartSpec } from '../../../shared/domain/quick-start-preset'
import { toEntryColumn, type RawColumn } from '../catalog/columns'
import type { CatalogEntry } from '../catalog/entry'
import { chartStatement, type StatementWindow } from './chart-sql'
import { mergeTimes, toColumns } from './columns'
import { planChart } from './plan'
import { dayAtOrAfter } from './time-window'

const T0 = Date.UTC(2026, 0, 10)
const M5 = 300_000

function column(n: string, b: string, extra: Partial<RawColumn> = {}) {
  return toEntryColumn({ n, t: b, b, e: false, nn: false, k: 1, li: false, ...extra })
}

const features = { timescaledb: '2.23.0', timescaleSchema: 'public', serverVersionNum: 170005 }

/** The quick start's two tables as the catalog describes them. */
const sensorData: CatalogEntry = {
  ref: { schema: 'public', name: 'sensor_data' },
  oid: 1,
  relkind: 'r',
  columns: [
    column('time', 'timestamptz'),
    column('sensor_id', 'int4'),
    column('temperature', 'float8'),
    column('cpu', 'float8'),
  ],
  foreignKeys: [
    {
      name: 'sensor_data_sensor_id_fkey',
      columns: ['sensor_id'],
      references: { schema: 'public', name: 'sensors' },
      referencedColumns: ['id'],
      referencedTableColumns: [
        column('id', 'int4', { li: true }),
        column('type', 'varchar'),
        column('location', 'varchar'),
      ],
      referencedTableSmall: true,
    },
  ],
  features,
}

const window: StatementWindow = {
  fromMs: T0,
  toMs: T0 + 3_600_000,
  bucketSeconds: 300,
  timeZone: 'Europe/Paris',
  bucketFunction: 'time_bucket',
  minMax: false,
  keys: null,
  settled: new Set(),
}

const quickStart = (choice: Partial<Parameters<typeof quickStartSpec>[0]> = {}) =>
  quickStartSpec(
    {
      metric: 'cpu',
      groupBy: 'sensor',
      filters: { locations: [], types: [], sensorIds: [] },
      ...choice,
    },
    'public',
  )

const statement = (spec: ChartSpec, w: Partial<StatementWindow> = {}, entry = sensorData) =>
  chartStatement(planChart(entry, spec), { ...window, ...w })

describe('chartStatement', () => {
  it('puts every value in a parameter and quotes every name', () => {
    const { sql, params } = statement(
      quickStart({
        groupBy: 'location',
        filters: { locations: ["floor'; DROP TABLE sensors; --"], types: ['a'], sensorIds: [] },
      }),
    )
    expect(sql).not.toContain('floor')
    expect(sql).not.toContain('DROP')
    expect(params).toEqual([
      new Date(T0).toISOString(),
      new Date(T0 + 3_600_000).toISOString(),
      '5 minutes',
      ["floor'; DROP TABLE sensors; --"],
      ['a'],
    ])
    expect(sql).toContain(
      'extract(epoch FROM time_bucket($3::interval, d."time"))::float8 * 1000 AS bucket_ms',
    )
    expect(sql).toContain('FROM "public"."sensor_data" d')
    expect(sql).toContain('LEFT JOIN "public"."sensors" r0 ON r0."id" = d."sensor_id"')
    expect(sql).toContain('r0."location" AS series_key')
    expect(sql).toContain('r0."location" = ANY($4)')
  })

  it('groups by the bucket itself (its epoch computed per group, not per row), unsorted', () => {
    expect(statement(quickStart()).sql).toMatch(
      /GROUP BY time_bucket\(\$3::interval, d\."time"\), d\."sensor_id"$/,
    )
    expect(statement({ ...quickStart(), split: null }).sql).toMatch(
      /GROUP BY time_bucket\(\$3::interval, d\."time"\)$/,
    )
    // time_bucket_gapfill must be a top-level grouping expression of its own.
    const gaps = statement(quickStart(), { bucketFunction: 'time_bucket_gapfill' })
    expect(gaps.sql).toMatch(/GROUP BY 1, 2\nORDER BY 1, 2$/)
  })

  it('reads per sensor without joining sensors', () => {
    const { sql } = statement(quickStart())
    expect(sql).not.toContain('JOIN')
    expect(sql).toContain('d."sensor_id" AS series_key')
    expect(sql).toContain('avg(d."cpu")::float8 AS m0')
  })

  it('leaves out filters the keys settle, and their join', () => {
    const spec = quickStart({ filters: { locations: ['floor'], types: [], sensorIds: [] } })
    const { sql, params } = statement(spec, { keys: ['1', '5'], settled: new Set([0]) })
    expect(sql).not.toContain('JOIN')
    expect(sql).toContain('d."sensor_id" = ANY($4)')
    expect(params[3]).toEqual(['1', '5'])
  })

  it('passes the time zone only for buckets of whole days', () => {
    expect(statement(quickStart()).params).not.toContain('Europe/Paris')
    const days = statement(quickStart(), { bucketSeconds: DAY })
    expect(days.sql).toContain('time_bucket($3::interval, d."time", $4::text)')
    expect(days.params).toContain('Europe/Paris')
    const bin = statement(quickStart(), { bucketSeconds: DAY, bucketFunction: 'date_bin' })
    expect(bin.sql).toContain(
      `date_bin($3::interval, d."time" AT TIME ZONE $4::text, TIMESTAMP '2000-01-03') AT TIME ZONE $4::text`,
    )
    const sub = statement(quickStart(), { bucketFunction: 'date_bin' })
    expect(sub.sql).toContain(
      `date_bin($3::interval, d."time", TIMESTAMPTZ '2000-01-03 00:00:00+00')`,
    )
  })

  it('fills gaps with locf over the queried range', () => {
    const { sql } = statement(quickStart(), {
      minMax: true,
      bucketFunction: 'time_bucket_gapfill',
    })
    expect(sql).toContain(
      'time_bucket_gapfill($3::interval, d."time", $1::timestamptz, $2::timestamptz) AS bucket',
    )
    expect(sql).toContain('locf(avg(d."cpu")::float8) AS m0')
    expect(sql).toContain('locf(min(d."cpu")::float8) AS m0_min')
    expect(sql).toContain('locf(max(d."cpu")::float8) AS m0_max')
  })

  const hostile: CatalogEntry = {
    ref: { schema: 'Sché ma', name: 'weird "table"; drop' },
    oid: 2,
    relkind: 'r',
    columns: [
      column('Time Stamp', 'timestamp'),
      column('va"lue', 'numeric', { t: 'numeric' }),
      column('select', 'text'),
      column('day', 'date'),
      column('at', 'int8'),
    ],
    foreignKeys: [],
    features: { ...features, timescaledb: null },
  }

  it('quotes hostile names and reads a timestamp without time zone as UTC', () => {
    const spec: ChartSpec = {
      table: hostile.ref,
      time: { column: 'Time Stamp' },
      measures: [
        { column: 'va"lue', aggregate: 'first' },
        { column: 'va"lue', aggregate: 'last' },
      ],
      split: { column: 'select' },
      filters: [{ column: { column: 'select' }, values: ['from', null] }],
    }
    const plan = planChart(hostile, spec)
    const { sql, params, description } = chartStatement(plan, window)
    expect(sql).toContain('FROM "Sché ma"."weird ""table""; drop" d')
    expect(sql).toContain(`time_bucket($3::interval, (d."Time Stamp" AT TIME ZONE 'UTC'))`)
    expect(sql).toContain('d."Time Stamp" >= $1::timestamp')
    expect(params.slice(0, 2)).toEqual(['2026-01-10T00:00:00.000', '2026-01-10T01:00:00.000'])
    // Without TimescaleDB's first() and last(): the same by ordered array_agg.
    expect(sql).toContain('(array_agg(d."va""lue" ORDER BY d."Time Stamp"))[1]::float8 AS m0')
    expect(sql).toContain('(array_agg(d."va""lue" ORDER BY d."Time Stamp" DESC))[1]::float8')
    expect(sql).toContain('(d."select" = ANY($4) OR d."select" IS NULL)')
    expect(plan.notes).toEqual([
      'Time Stamp is a timestamp without time zone: its times are read as UTC.',
      'va"lue is numeric: drawn as double precision, so digits beyond about 15 significant ones are rounded.',
    ])
    expect(description).toBe(
      'first(va"lue), last(va"lue) of Sché ma.weird "table"; drop by select per 5 minutes of Time Stamp (time_bucket)',
    )
  })

  it('compares dates with local days and integers with exact bounds in their unit', () => {
    const base = { table: hostile.ref, measures: [{ column: 'va"lue', aggregate: 'avg' as const }] }
    const days = chartStatement(
      planChart(hostile, { ...base, time: { column: 'day' }, split: null, filters: [] }),
      {
        ...window,
        bucketSeconds: DAY,
        fromMs: Date.UTC(2026, 0, 9, 23),
        toMs: Date.UTC(2026, 0, 12, 23),
      },
    )
    expect(days.params.slice(0, 2)).toEqual(['2026-01-10', '2026-01-13'])
    expect(days.sql).toContain(
      'time_bucket($4::interval, (d."day"::timestamp AT TIME ZONE $3::text), $3::text)',
    )
    const ns = chartStatement(
      planChart(hostile, { ...base, time: { column: 'at', unit: 'ns' }, split: null, filters: [] }),
      { ...window, fromMs: T0 + 1 },
    )
    expect(ns.params.slice(0, 2)).toEqual([
      `${BigInt(T0 + 1) * 1_000_000n}`,
      `${BigInt(T0 + 3_600_000) * 1_000_000n}`,
    ])
    expect(ns.sql).toContain('to_timestamp(d."at"::float8 / 1000000000)')
    const s = chartStatement(
      planChart(hostile, { ...base, time: { column: 'at', unit: 's' }, split: null, filters: [] }),
      { ...window, fromMs: T0 + 1 },
    )
    // Half-open in milliseconds: the first whole second at or after it.
    expect(s.params[0]).toBe(String(T0 / 1000 + 1))
  })

  it('refuses what the catalog does not allow', () => {
    const spec: ChartSpec = {
      table: hostile.ref,
      time: { column: 'at' },
      measures: [{ column: 'va"lue', aggregate: 'avg' }],
      split: null,
      filters: [],
    }
    expect(() => planChart(hostile, spec)).toThrow(/integer: say what it counts/)
    expect(() => planChart(hostile, { ...spec, time: { column: 'select' } })).toThrow(/not a time/)
    expect(() =>
      planChart(hostile, {
        ...spec,
        time: { column: 'day' },
        measures: [{ column: 'select', aggregate: 'avg' }],
      }),
    ).toThrow(/must be a number/)
    expect(() =>
      planChart(hostile, { ...spec, time: { column: 'day' }, split: { column: 'va"lue' } }),
    ).toThrow(/split and filter by/)
    expect(() => planChart(hostile, { ...spec, time: { column: 'nope"; --' } })).toThrow(
      /has no column "nope\\"; --"/,
    )
    expect(() =>
      planChart(hostile, {
        ...spec,
        time: { column: 'day' },
        split: { via: 'select', column: 'x' },
      }),
    ).toThrow(/not a single-column foreign key/)
  })
})

describe('dayAtOrAfter', () => {
  it('gives the first local day starting at or after an instant', () => {
    expect(dayAtOrAfter(Date.UTC(2026, 0, 10), 'UTC')).toBe('2026-01-10')
    expect(dayAtOrAfter(Date.UTC(2026, 0, 10, 0, 0, 1), 'UTC')).toBe('2026-01-11')
    // Midnight in Paris is 23:00 UTC the day before.
    expect(dayAtOrAfter(Date.UTC(2026, 0, 9, 23), 'Europe/Paris')).toBe('2026-01-10')
  })
})

describe('toColumns', () => {
  const grid = Array.from({ length: 6 }, (_, i) => T0 + i * M5)
  const keys = [
    { key: '1', label: 'a · floor (#1)' },
    { key: '2', label: 'a · ceiling (#2)' },
    { key: '3', label: 'b · floor (#3)' },
  ]
  const base = {
    grid,
    keys,
    open: false,
    maxKeys: 64,
    measureLabels: ['avg(cpu)'],
    minMax: false,
    split: true,
  }

  it('makes columns over every bucket of the range, NaN where there are no rows', () => {
    const rows = [
      [T0, 1, 0.5, 4],
      [T0 + M5, 1, 0.7, 4],
      [new Date(T0 + 4 * M5), 1, 0.9, 3],
      [T0 + M5, 2, 1.5, 2],
    ]
    const c = toColumns({ ...base, rows })
    expect([...c.times]).toEqual(grid.map((t) => t / 1000))
    expect(c.series.map((s) => s.key)).toEqual(['1', '2'])
    expect([...(c.series[0]?.values ?? [])]).toEqual([0.5, 0.7, NaN, NaN, 0.9, NaN])
    expect([...(c.series[1]?.values ?? [])]).toEqual([NaN, 1.5, NaN, NaN, NaN, NaN])
    expect(c.points).toBe(4)
    expect(c.rows).toBe(13)
    // Coverage has every key, the silent one too.
    expect(c.coverage.map((r) => [r.key, [...r.counts]])).toEqual([
      ['1', [4, 4, 0, 0, 3, 0]],
      ['2', [0, 2, 0, 0, 0, 0]],
      ['3', [0, 0, 0, 0, 0, 0]],
    ])
  })

  it('keeps gap-filled values only between the first and the last row of each series', () => {
    // What time_bucket_gapfill + locf sends: every bucket, counts 0 where it filled.
    const rows = [
      [new Date(T0), 1, null, null, null, 0],
      [new Date(T0 + M5), 1, 0.5, 0.4, 0.6, 2],
      [new Date(T0 + 2 * M5), 1, 0.5, 0.4, 0.6, 0],
      [new Date(T0 + 3 * M5), 1, 0.7, 0.7, 0.7, 1],
      [new Date(T0 + 4 * M5), 1, 0.7, 0.7, 0.7, 0],
      [new Date(T0 + 5 * M5), 1, 0.7, 0.7, 0.7, 0],
    ]
    const c = toColumns({ ...base, rows, minMax: true })
    const s = c.series[0]
    expect([...(s?.values ?? [])]).toEqual([NaN, 0.5, 0.5, 0.7, NaN, NaN])
    expect([...(s?.min ?? [])]).toEqual([NaN, 0.4, 0.4, 0.7, NaN, NaN])
    expect([...(s?.max ?? [])]).toEqual([NaN, 0.6, 0.6, 0.7, NaN, NaN])
    expect(c.points).toBe(3)
    expect(c.rows).toBe(3)
  })

  it('carries min and max, and names series by value and measure when there are several', () => {
    const c = toColumns({
      ...base,
      rows: [[T0, '3', 2, 1, 3, 20, 10, 30, 5]],
      minMax: true,
      measureLabels: ['avg(cpu)', 'avg(temperature)'],
    })
    expect(c.series.map((s) => s.label)).toEqual([
      'b · floor (#3) · avg(cpu)',
      'b · floor (#3) · avg(temperature)',
    ])
    expect(c.series[1]?.min?.[0]).toBe(10)
    expect(c.series[1]?.max?.[0]).toBe(30)
    expect(c.rows).toBe(5)
  })

  it('takes values the keys do not list when open, up to the limit', () => {
    const rows = [
      [T0, 'z', 1, 1],
      [T0, null, 2, 1],
      [T0, 'y', 3, 1],
    ]
    const c = toColumns({ ...base, keys: [], open: true, maxKeys: 2, rows })
    // The first values in key order, whatever order the rows came in.
    expect(c.series.map((s) => s.label)).toEqual(['(none)', 'y'])
    expect(c.omittedKeys).toBe(1)
    const reversed = toColumns({ ...base, keys: [], open: true, maxKeys: 2, rows: rows.reverse() })
    expect(reversed.series.map((s) => s.label)).toEqual(['(none)', 'y'])
  })

  it('measures how far apart the rows are', () => {
    const long = Array.from({ length: 10 }, (_, i) => T0 + i * M5)
    const rows = [0, 2, 4, 6].map((i) => [T0 + i * M5, 1, 1, 1])
    expect(toColumns({ ...base, grid: long, rows }).spacingMs).toBe(2 * M5)
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
