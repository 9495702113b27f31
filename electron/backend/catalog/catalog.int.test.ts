import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CatalogList, CatalogRelation } from '../../../shared/domain/catalog'
import type { TestBackend } from '../test-support/backend'
import { rejection } from '../test-support/backend'
import { ENGINES } from '../test-support/engines'
import { connectExploreEngine, type ExploreEngine } from '../test-support/explore-engine'
import { HOSTILE_COLUMNS, HOSTILE_TABLE, STATIONS } from '../test-support/explore-fixtures'

function relation(list: CatalogList, schema: string, name: string): CatalogRelation {
  const found = list.schemas.find((s) => s.name === schema)?.relations.find((r) => r.name === name)
  if (!found) throw new Error(`${schema}.${name} is not in the catalog`)
  return found
}

const table = (name: string) => ({ schema: 'public', name })

describe.each(ENGINES)('catalog on %s', (engine) => {
  let connected: ExploreEngine
  let t: TestBackend
  let timescale: boolean

  beforeAll(async () => {
    connected = await connectExploreEngine(engine, 'catalog')
    ;({ t, timescale } = connected)
    await t.sql.query('CREATE VIEW eu_hosts AS SELECT * FROM hosts WHERE region = $$eu$$')
    await t.sql.query('CREATE MATERIALIZED VIEW host_names AS SELECT id, name FROM hosts')
    await t.sql.query('CREATE SCHEMA "Other Schema"')
    await t.sql.query('CREATE TABLE "Other Schema".notes (id int, body text)')
    await t.sql.query('CREATE SCHEMA empty_one')
    await t.sql.query('CREATE TABLE ticks (at bigint NOT NULL, reading double precision)')
    if (timescale) {
      await t.sql.query(
        "SELECT create_hypertable('ticks', 'at', chunk_time_interval => 86400000::bigint)",
      )
      await t.sql.query(`CREATE MATERIALIZED VIEW weather_hourly WITH (timescaledb.continuous) AS
        SELECT time_bucket('1 hour', observed_at) AS bucket, station, avg(temp_c) AS temp_c
          FROM weather GROUP BY 1, 2 WITH NO DATA`)
    } else {
      await t.sql.query('CREATE INDEX ticks_at ON ticks (at)')
    }
    await t.sql.query(
      'INSERT INTO ticks SELECT g::bigint * 60000, g FROM generate_series(1700000000, 1700000999) g',
    )
  })

  afterAll(async () => {
    await connected?.close()
  })

  it('lists schemas, then every kind of relation, with columns and types', async () => {
    const list = await t.call('catalog/list', {})
    expect(list.timescaledb === null).toBe(!timescale)
    const names = list.schemas.map((s) => s.name)
    expect(names).toEqual(expect.arrayContaining(['public', 'Other Schema', 'empty_one']))
    // Nothing of PostgreSQL's or TimescaleDB's own.
    for (const hidden of ['pg_catalog', 'information_schema', 'pg_toast']) {
      expect(names).not.toContain(hidden)
    }
    expect(names.filter((n) => /timescaledb/.test(n))).toEqual([])
    expect(list.schemas.find((s) => s.name === 'empty_one')?.relations).toEqual([])

    const weather = relation(list, 'public', 'weather')
    expect(weather.kind).toBe(timescale ? 'hypertable' : 'table')
    expect(weather.columns.map((c) => [c.name, c.type])).toEqual([
      ['observed_at', 'timestamp with time zone'],
      ['station', 'text'],
      ['temp_c', 'real'],
      ['humidity', 'smallint'],
      ['pressure', 'numeric(6,1)'],
    ])
    expect(weather.columns.filter((c) => c.numeric).map((c) => c.name)).toEqual([
      'temp_c',
      'humidity',
      'pressure',
    ])
    expect(weather.columns.find((c) => c.name === 'station')?.splittable).toBe(true)
    expect(weather.defaultTimeColumn).toBe('observed_at')
    // 4 stations × 432 ten-minute slots, less the south station's 12 missed readings.
    expect(weather.rowEstimate).toBeGreaterThan(1600)
    expect(weather.rowEstimate).toBeLessThan(1800)
    expect(weather.totalBytes).toBeGreaterThan(8192)

    expect(relation(list, 'public', 'eu_hosts').kind).toBe('view')
    expect(relation(list, 'public', 'eu_hosts').totalBytes).toBeNull()
    expect(relation(list, 'public', 'host_names').kind).toBe('materialized_view')
    // Never analysed: the list says unknown rather than 0 (its sizes come from pg_class alone).
    expect(relation(list, 'Other Schema', 'notes')).toMatchObject({
      kind: 'table',
      rowEstimate: null,
      totalBytes: null,
    })
    expect(relation(list, 'public', 'local_readings').columns[0]?.time).toBe('timestamp')

    const hostile = relation(list, 'public', HOSTILE_TABLE)
    expect(hostile.columns.map((c) => c.name)).toEqual(Object.values(HOSTILE_COLUMNS))
    expect(hostile.defaultTimeColumn).toBe(HOSTILE_COLUMNS.time)
  })

  it('marks hypertables with their time dimension, chunk interval and chunks', async () => {
    const list = await t.call('catalog/list', {})
    const weather = relation(list, 'public', 'weather')
    const ticks = relation(list, 'public', 'ticks')
    if (!timescale) {
      expect(weather.hypertable).toBeNull()
      expect(ticks.defaultTimeColumn).toBeNull()
      return
    }
    const { rows } = await t.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM timescaledb_information.chunks WHERE hypertable_name = 'weather'`,
    )
    expect(weather.hypertable).toEqual({
      timeColumn: 'observed_at',
      timeType: 'timestamp with time zone',
      chunkInterval: '1 day',
      dimensions: 1,
      chunks: rows[0]?.n,
      compression: false,
    })
    expect(rows[0]?.n).toBe(3)
    // An integer-time hypertable is listed, its dimension the default time column.
    expect(ticks.kind).toBe('hypertable')
    expect(ticks.hypertable?.timeType).toBe('bigint')
    expect(ticks.hypertable?.chunkInterval).toBe('86400000')
    expect(ticks.defaultTimeColumn).toBe('at')
    const hourly = relation(list, 'public', 'weather_hourly')
    expect(hourly.kind).toBe('continuous_aggregate')
    expect(hourly.source).toEqual({ schema: 'public', name: 'weather' })
  })

  it('filters by name, case-insensitively, on the server', async () => {
    const list = await t.call('catalog/list', { filter: 'WEATH' })
    const found = list.schemas.flatMap((s) => s.relations.map((r) => r.name))
    expect(found).toEqual(timescale ? ['weather', 'weather_hourly'] : ['weather'])
    const bySchema = await t.call('catalog/list', { filter: 'other schema' })
    expect(bySchema.schemas.map((s) => [s.name, s.relations.map((r) => r.name)])).toEqual([
      ['Other Schema', ['notes']],
    ])
  })

  it('describes keys, indexes and the first and last time read through the index', async () => {
    const metrics = await t.call('catalog/describe', { table: table('metrics') })
    expect(metrics.foreignKeys).toHaveLength(1)
    expect(metrics.foreignKeys[0]).toMatchObject({
      columns: ['host_id'],
      references: { schema: 'public', name: 'hosts' },
      referencedColumns: ['id'],
    })
    expect(metrics.foreignKeys[0]?.referencedTableColumns.map((c) => c.name)).toEqual([
      'id',
      'name',
      'region',
    ])
    // One table is described with its exact size, read from its files.
    const notes = await t.call('catalog/describe', {
      table: { schema: 'Other Schema', name: 'notes' },
    })
    expect(notes.totalBytes).toEqual(expect.any(Number))
    const hosts = await t.call('catalog/describe', { table: table('hosts') })
    expect(hosts.primaryKey).toEqual(['id'])
    expect(hosts.indexes).toEqual([
      expect.objectContaining({ name: 'hosts_pkey', primary: true, unique: true, columns: ['id'] }),
    ])
    expect(hosts.timeRange).toBeNull()

    const weather = await t.call('catalog/describe', { table: table('weather') })
    expect(weather.indexes.map((i) => i.name)).toContain('weather_station_time')
    expect(weather.indexes.find((i) => i.name === 'weather_station_time')?.columns).toEqual([
      'station',
      'observed_at',
    ])
    expect(weather.timeRange).toEqual({
      column: 'observed_at',
      first: { kind: 'instant', ms: Date.UTC(2026, 0, 10) },
      last: { kind: 'instant', ms: Date.UTC(2026, 0, 12, 23, 50) },
      source: 'index',
    })
    expect(weather.compression === null).toBe(!timescale)

    // Wall-clock times read as UTC.
    const local = await t.call('catalog/describe', { table: table('local_readings') })
    expect(local.timeRange?.first).toEqual({ kind: 'instant', ms: Date.UTC(2026, 2, 7) })
    expect(local.timeRange?.last).toEqual({ kind: 'instant', ms: Date.UTC(2026, 2, 8, 23, 55) })
  })

  it('says why there is no time range rather than scan a table without a time index', async () => {
    const hostile = await t.call('catalog/describe', { table: table(HOSTILE_TABLE) })
    expect(hostile.name).toBe(HOSTILE_TABLE)
    expect(hostile.timeRange).toBeNull()
    expect(hostile.timeRangeNote).toContain('No index leads with Time Stamp')
  })

  it('reads the time range of any time column a chart picks (catalog/time-range)', async () => {
    const range = (name: string, column: string) =>
      t.call('catalog/time-range', { table: table(name), column })
    expect(await range('weather', 'observed_at')).toEqual({
      range: {
        column: 'observed_at',
        first: { kind: 'instant', ms: Date.UTC(2026, 0, 10) },
        last: { kind: 'instant', ms: Date.UTC(2026, 0, 12, 23, 50) },
        source: 'index',
      },
      note: null,
    })
    expect((await range('local_readings', 'taken_at')).range?.last).toEqual({
      kind: 'instant',
      ms: Date.UTC(2026, 2, 8, 23, 55),
    })
    // No index leads with it: said, not scanned.
    const hostile = await range(HOSTILE_TABLE, HOSTILE_COLUMNS.time)
    expect(hostile.range).toBeNull()
    expect(hostile.note).toContain('No index leads with Time Stamp')
    // Only time columns, only columns the table has.
    expect((await rejection(range('weather', 'station'))).code).toBe('invalid_input')
    expect((await rejection(range('weather', 'nope'))).message).toContain('has no column "nope"')
  })

  it('reads an integer time range as integers', async () => {
    const ticks = await t.call('catalog/describe', { table: table('ticks') })
    if (!timescale) {
      expect(ticks.timeRange).toBeNull()
      return
    }
    expect(ticks.timeRange).toEqual({
      column: 'at',
      first: { kind: 'integer', value: String(1_700_000_000 * 60_000) },
      last: { kind: 'integer', value: String(1_700_000_999 * 60_000) },
      source: 'index',
    })
  })

  it('reports compression on or off with sizes before and after', async () => {
    if (!timescale) return
    await t.sql.query(
      `ALTER TABLE metrics SET (timescaledb.compress, timescaledb.compress_segmentby = 'host_id')`,
    )
    await t.sql.query(
      `SELECT compress_chunk(c) FROM show_chunks('metrics', older_than => timestamptz '2026-02-01 12:00+00') c`,
    )
    const metrics = await t.call('catalog/describe', { table: table('metrics') })
    expect(metrics.hypertable?.compression).toBe(true)
    expect(metrics.compression?.enabled).toBe(true)
    expect(metrics.compression?.compressedChunks).toBe(2)
    expect(metrics.compression?.beforeBytes).toBeGreaterThan(0)
    expect(metrics.compression?.afterBytes).toBeGreaterThan(0)
    // The time range still comes without a scan, compressed chunks and all.
    expect(metrics.timeRange?.first).toEqual({ kind: 'instant', ms: Date.UTC(2026, 1, 1) })
  })

  it('refuses names the catalog does not hold, and shows them as text', async () => {
    const unknown = await rejection(
      t.call('catalog/describe', {
        table: { schema: 'public', name: 'nope"; DROP TABLE hosts; --' },
      }),
    )
    expect(unknown.code).toBe('not_found')
    expect(unknown.message).toContain('public.nope"; DROP TABLE hosts; --')
    const tooLong = await rejection(
      t.call('catalog/describe', { table: { schema: 'public', name: 'x'.repeat(64) } }),
    )
    expect(tooLong.code).toBe('bad_request')
    // A system table is not the user's data.
    const system = await rejection(
      t.call('catalog/describe', { table: { schema: 'pg_catalog', name: 'pg_class' } }),
    )
    expect(system.code).toBe('not_found')
    const { rows } = await t.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM hosts')
    expect(rows[0]?.n).toBe(3)
  })

  describe('split values', () => {
    const values = (column: { column: string; via?: string }, name = 'weather', search = '') =>
      t.call('catalog/values', { table: table(name), column, search })

    it('reads an indexed column with a loose index scan, in order', async () => {
      const all = await values({ column: 'station' })
      expect(all).toEqual({
        values: [...STATIONS].sort().map((s) => ({ value: s, label: s })),
        source: 'index',
        complete: true,
        total: 4,
        note: null,
      })
      const some = await values({ column: 'station' }, 'weather', 'no')
      expect(some.values.map((v) => v.value)).toEqual(['north'])
      const few = await t.call('catalog/values', {
        table: table('weather'),
        column: { column: 'station' },
        limit: 2,
      })
      expect(few.values.map((v) => v.value)).toEqual(['east', 'north'])
      expect(few.complete).toBe(false)
    })

    it('reads a foreign key from the referenced table, labelled by its text columns', async () => {
      const hosts = await values({ column: 'host_id' }, 'metrics')
      expect(hosts.source).toBe('foreign_key')
      expect(hosts.values).toEqual([
        { value: '1', label: 'alpha · eu (#1)' },
        { value: '2', label: 'beta · us (#2)' },
        { value: '3', label: 'gamma · eu (#3)' },
      ])
      const beta = await values({ column: 'host_id' }, 'metrics', 'be')
      expect(beta.values.map((v) => v.value)).toEqual(['2'])
      const regions = await values({ via: 'host_id', column: 'region' }, 'metrics')
      expect(regions.values.map((v) => v.value)).toEqual(['eu', 'us'])
      expect(regions.complete).toBe(true)
    })

    it("falls back to the statistics' most common values without an index", async () => {
      const metric = await values({ column: 'metric' }, 'metrics')
      expect(metric.source).toBe('statistics')
      expect(metric.values.map((v) => v.value)).toEqual(['cpu', 'disk', 'mem'])
      expect(metric.complete).toBe(true)
      expect(metric.note).toContain('most common values')
    })

    it('handles hostile names and refuses columns that cannot split', async () => {
      const split = await values({ column: HOSTILE_COLUMNS.split }, HOSTILE_TABLE)
      expect(split.values.map((v) => v.value)).toEqual(['from', 'where'])
      const group = await values({ column: HOSTILE_COLUMNS.group }, HOSTILE_TABLE)
      expect(group.source).toBe('statistics')
      expect(group.values.map((v) => v.value)).toEqual(['1', '2'])
      const real = await rejection(values({ column: 'temp_c' }))
      expect(real.code).toBe('invalid_input')
      const missing = await rejection(values({ column: 'no such "column"' }))
      expect(missing.code).toBe('invalid_input')
      expect(missing.message).toContain('no such \\"column\\"')
      const notKey = await rejection(values({ via: 'station', column: 'name' }))
      expect(notKey.code).toBe('invalid_input')
    })
  })
})
