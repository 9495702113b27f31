import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { timescaleNotice } from '../../../shared/domain/schema'
import type { AppError } from '../../../shared/errors'
import { timeExtentStatement } from '../catalog/time-extent'
import { rejection } from '../test-support/backend'
import { ENGINES, hasTimescale, openEngine, type EngineHarness } from '../test-support/engines'
import { readQuickStart, type QuickStartSql } from '../test-support/quick-start'
import { sensorChunks, type SensorRow } from '../test-support/sensor-rows'

interface ColumnInfo {
  table_name: string
  column_name: string
  data_type: string
  max_length: number | null
  nullable: string
}

describe.each(ENGINES)('schema setup on %s', (engine) => {
  let e: EngineHarness
  let quickStart: QuickStartSql
  let timescale: boolean

  beforeAll(async () => {
    quickStart = readQuickStart()
    e = await openEngine(engine)
    timescale = (await e.driver.info()).timescaledb.installed !== null
    // The behaviour under test differs by engine only where TimescaleDB does.
    expect(timescale).toBe(hasTimescale(engine))
  })

  afterAll(async () => {
    await e?.close()
  })

  beforeEach(async () => {
    await e.dropTables('sensor_notes', 'sensor_data', 'sensors')
  })

  const columns = async () =>
    (
      await e.driver.query<ColumnInfo>(
        `SELECT table_name::text, column_name::text, data_type::text,
                character_maximum_length::int AS max_length, is_nullable::text AS nullable
         FROM information_schema.columns
         WHERE table_name IN ('sensors', 'sensor_data') AND table_schema = current_schema()
         ORDER BY table_name, ordinal_position`,
      )
    ).rows.map(
      (c) =>
        `${c.table_name}.${c.column_name} ${c.data_type}${c.max_length ? `(${c.max_length})` : ''}${c.nullable === 'NO' ? ' not null' : ''}`,
    )

  const indexes = async () =>
    (
      await e.driver.query<{ name: string }>(
        `SELECT indexname::text AS name FROM pg_indexes
         WHERE tablename IN ('sensors', 'sensor_data') AND schemaname = current_schema()
         ORDER BY 1`,
      )
    ).rows.map((r) => r.name)

  const conflictOf = async (promise: Promise<unknown>): Promise<AppError> => {
    const error = await rejection(promise)
    expect(error).toMatchObject({ code: 'schema_conflict' })
    return error
  }

  it('reports a missing schema, then creates exactly the quick start’s tables', async () => {
    const before = await e.call('schema/status', {})
    expect(before).toMatchObject({
      state: 'missing',
      tables: { sensors: 'missing', sensor_data: 'missing' },
      sensorData: null,
    })

    const result = await e.call('schema/setup', {})
    expect(result.actions).toEqual([
      'created table sensors',
      'created table sensor_data',
      ...(timescale
        ? ["made sensor_data a hypertable with create_hypertable('sensor_data', 'time')"]
        : []),
      'created index sensor_data_sensor_id_time_idx on sensor_data (sensor_id, time DESC)',
      // create_hypertable made the time index itself; a plain table gets the same one.
      ...(timescale ? [] : ['created index sensor_data_time_idx on sensor_data (time DESC)']),
    ])
    expect(await indexes()).toEqual([
      'sensor_data_sensor_id_time_idx',
      'sensor_data_time_idx',
      'sensors_pkey',
    ])
    expect(await columns()).toEqual([
      'sensor_data.time timestamp with time zone not null',
      'sensor_data.sensor_id integer',
      'sensor_data.temperature double precision',
      'sensor_data.cpu double precision',
      'sensors.id integer not null',
      'sensors.type character varying(50)',
      'sensors.location character varying(50)',
    ])
    const fk = await e.driver.query<{ def: string }>(
      `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint
       WHERE conrelid = 'sensor_data'::regclass AND contype = 'f'`,
    )
    expect(fk.rows.map((r) => r.def)).toEqual(['FOREIGN KEY (sensor_id) REFERENCES sensors(id)'])

    const status = result.status
    expect(status).toMatchObject({
      state: 'ready',
      tables: { sensors: 'present', sensor_data: 'present' },
      differences: [],
      sensorIndex: true,
      timeIndex: true,
      sensorData: { hypertable: timescale, chunks: timescale ? 0 : null, rowEstimate: 0 },
    })
    expect(status.sensorData?.totalBytes).toBeGreaterThan(0)
    if (timescale) {
      expect(timescaleNotice(status)).toBeNull()
    } else {
      // The test server has no TimescaleDB at all, so there is nothing to enable.
      expect(status.timescaledb).toEqual({ installed: null, available: null })
      expect(timescaleNotice(status)).toBe(
        'sensor_data is a regular PostgreSQL table because TimescaleDB is not installed in this database. ' +
          'Loads and charts still work (charts bucket with date_bin).',
      )
    }
  })

  it('is safe to run twice: the second run changes nothing', async () => {
    await e.call('schema/setup', {})
    const before = { columns: await columns(), indexes: await indexes() }
    const again = await e.call('schema/setup', {})
    expect(again.actions).toEqual([])
    expect(again.status.state).toBe('ready')
    expect({ columns: await columns(), indexes: await indexes() }).toEqual(before)
  })

  it('lets two setups at once agree: one creates, the other finds it done', async () => {
    const results = await Promise.all([e.call('schema/setup', {}), e.call('schema/setup', {})])
    expect(results.map((r) => r.actions.length > 0).sort()).toEqual([false, true])
    expect(results.every((r) => r.status.state === 'ready')).toBe(true)
  })

  it('recognises a schema made by the quick start’s own SQL, keeping its sensors', async () => {
    await e.driver.query(quickStart.createSensors)
    await e.driver.query(quickStart.createSensorData)
    // The quick start needs TimescaleDB for this one; without it the tables stay plain.
    if (timescale) await e.driver.query(quickStart.createHypertable)
    for (const [type, location] of quickStart.sensors) {
      await e.driver.query(quickStart.insertSensor, [type, location])
    }

    const before = await e.call('schema/status', {})
    expect(before).toMatchObject({
      state: 'ready',
      differences: [],
      sensorIndex: false,
      timeIndex: timescale,
      sensorData: { hypertable: timescale },
    })

    const result = await e.call('schema/setup', {})
    // Only the non-destructive additions: the per-sensor index, and the time index
    // that the quick start's create_hypertable made where TimescaleDB is there.
    expect(result.actions).toEqual([
      'created index sensor_data_sensor_id_time_idx on sensor_data (sensor_id, time DESC)',
      ...(timescale ? [] : ['created index sensor_data_time_idx on sensor_data (time DESC)']),
    ])
    expect(result.status).toMatchObject({ state: 'ready', sensorIndex: true, timeIndex: true })
    const sensors = await e.call('sensors/list', {})
    expect(sensors.map((s) => [s.id, s.type, s.location])).toEqual([
      [1, 'a', 'floor'],
      [2, 'a', 'ceiling'],
      [3, 'b', 'floor'],
      [4, 'b', 'ceiling'],
    ])
    expect((await e.call('schema/setup', {})).actions).toEqual([])
  })

  it('adds a missing time index to a table with readings without touching a row, and windows over all sensors use it', async () => {
    await e.call('schema/setup', {})
    await e.call('sensors/seed', {})
    // Twelve days of readings every 10 s from each of the four sensors: about 400,000 rows.
    const end = Date.UTC(2026, 0, 20)
    await e.driver.query(
      `INSERT INTO sensor_data (time, sensor_id, temperature, cpu)
       SELECT t, s, 20 + s, 0.5
       FROM generate_series($1::timestamptz - interval '12 days', $1::timestamptz - interval '10 s',
                            interval '10 s') AS t,
            generate_series(1, 4) AS s`,
      [new Date(end).toISOString()],
    )
    // As tables made before this index existed (or by the quick start's SQL without TimescaleDB) are.
    await e.driver.query('DROP INDEX sensor_data_time_idx')
    await e.driver.query('ANALYZE sensor_data')
    const rows = async () =>
      (
        await e.driver.query<{ n: number; versions: string }>(
          `SELECT count(*)::int AS n, sum(xmin::text::int8)::text AS versions FROM sensor_data`,
        )
      ).rows[0]
    const before = await rows()
    expect(before?.n).toBe(4 * 12 * 8640)
    expect(await e.call('schema/status', {})).toMatchObject({ state: 'ready', timeIndex: false })

    const result = await e.call('schema/setup', {})
    expect(result.actions).toEqual([
      'created index sensor_data_time_idx on sensor_data (time DESC)',
    ])
    expect(result.status.timeIndex).toBe(true)
    // The same row versions: an index was added, no row was rewritten.
    expect(await rows()).toEqual(before)

    // "Last 1 hour" over all sensors, as the chart asks for it: no scan of the whole table.
    const chart = await e.call('series/bucketed', {
      from: end - 3_600_000,
      to: end,
      pixels: 800,
    })
    expect(chart.rows).toBe(4 * 360)
    const plan = await e.driver.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN ${chart.sql}`,
      chart.params,
    )
    const text = plan.rows.map((r) => r['QUERY PLAN']).join('\n')
    expect(text).toMatch(/Index (Only )?Scan|Bitmap Index Scan/)
    expect(text).not.toMatch(/Seq Scan/)

    // "All data" reads the data's first and last time from the same index.
    expect(await e.call('series/extent', {})).toMatchObject({
      first: end - 12 * 86_400_000,
      last: end - 10_000,
    })
    const extentPlan = await e.driver.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN ${timeExtentStatement({ table: ['sensor_data'], column: 'time' })}`,
    )
    expect(extentPlan.rows.map((r) => r['QUERY PLAN']).join('\n')).not.toMatch(/Seq Scan/)
  })

  it('stops on a different sensors table, names the columns, and changes nothing', async () => {
    await e.driver.query(
      'CREATE TABLE sensors (id SERIAL PRIMARY KEY, type TEXT, location VARCHAR(50), name TEXT)',
    )
    await e.driver.query("INSERT INTO sensors (type, location, name) VALUES ('x', 'y', 'mine')")

    const error = await conflictOf(e.call('schema/setup', {}))
    expect(error.message).toBe(
      "Schema setup stopped: the existing sensors table differs from the quick start's schema: " +
        'sensors.type is text (expected character varying(50)); ' +
        "sensors.name (text) is not in the quick start's schema. " +
        'Nothing was changed. Rename or drop those tables yourself, or connect to another database.',
    )
    // Not even sensor_data, which did not exist, was created.
    expect(await columns()).toEqual([
      'sensors.id integer not null',
      'sensors.type text',
      'sensors.location character varying(50)',
      'sensors.name text',
    ])
    const rows = await e.driver.query('SELECT type, location, name FROM sensors')
    expect(rows.rows).toEqual([{ type: 'x', location: 'y', name: 'mine' }])

    const status = await e.call('schema/status', {})
    expect(status).toMatchObject({
      state: 'conflict',
      tables: { sensors: 'different', sensor_data: 'missing' },
      differences: [
        {
          table: 'sensors',
          column: 'type',
          expected: 'character varying(50)',
          actual: 'text',
        },
        { table: 'sensors', column: 'name', expected: null, actual: 'text' },
      ],
    })
  })

  it('stops on a different sensor_data: missing, retyped and nullable columns', async () => {
    await e.driver.query(quickStart.createSensors)
    await e.driver.query(
      'CREATE TABLE sensor_data (time TIMESTAMPTZ, sensor_id INTEGER, temperature INTEGER)',
    )
    const error = await conflictOf(e.call('schema/setup', {}))
    expect(error.message).toContain(
      'sensor_data.time is timestamp with time zone, nullable (expected timestamp with time zone NOT NULL); ' +
        'sensor_data.temperature is integer (expected double precision); ' +
        'sensor_data.cpu is missing (expected double precision).',
    )
    expect(await indexes()).toEqual(['sensors_pkey'])
    const nullable = await e.driver.query<{ n: string }>(
      `SELECT is_nullable::text AS n FROM information_schema.columns
       WHERE table_name = 'sensor_data' AND column_name = 'time'`,
    )
    expect(nullable.rows[0]?.n).toBe('YES')
  })

  it('stops when sensors is a view, not a table', async () => {
    await e.driver.query("CREATE VIEW sensors AS SELECT 1 AS id, 'a'::text AS type")
    try {
      const error = await conflictOf(e.call('schema/setup', {}))
      expect(error.message).toContain('sensors is a view, not a table')
    } finally {
      await e.driver.query('DROP VIEW sensors')
    }
  })

  it('reports chunks, size and an honest row estimate for sensor_data', async () => {
    await e.call('schema/setup', {})
    await e.call('sensors/seed', {})
    // 2,000 hourly readings: about twelve weeks, so several of TimescaleDB's 7-day chunks.
    const start = Date.UTC(2026, 0, 5)
    const rows: SensorRow[] = Array.from({ length: 2000 }, (_, i) => ({
      time: start + i * 3_600_000,
      sensorId: 1 + (i % 4),
      temperature: 20,
      cpu: 0.5,
    }))
    await e.driver.copyIn({
      table: 'sensor_data',
      columns: ['time', 'sensor_id', 'temperature', 'cpu'],
      format: 'binary',
      chunks: sensorChunks(rows, 500),
    })

    const loaded = await e.call('schema/status', {})
    expect(loaded.sensorData?.hypertable).toBe(timescale)
    if (timescale) {
      const chunks = await e.driver.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM show_chunks('sensor_data')",
      )
      expect(chunks.rows[0]?.n).toBeGreaterThanOrEqual(12)
      expect(loaded.sensorData?.chunks).toBe(chunks.rows[0]?.n)
    } else {
      expect(loaded.sensorData?.chunks).toBeNull()
    }
    expect(loaded.sensorData?.totalBytes).toBeGreaterThan(100_000)
    if (engine === 'embedded') {
      // No autovacuum in the embedded engine: the statistics say nothing until ANALYZE.
      expect(loaded.sensorData).toMatchObject({ rowEstimate: 0, notAnalyzed: true })
    }

    await e.driver.query('ANALYZE sensor_data')
    const analyzed = await e.call('schema/status', {})
    expect(analyzed.sensorData?.notAnalyzed).toBe(false)
    expect(analyzed.sensorData?.rowEstimate).toBeGreaterThanOrEqual(1980)
    expect(analyzed.sensorData?.rowEstimate).toBeLessThanOrEqual(2020)
  })

  // Only an engine with TimescaleDB has hypertables to convert to.
  const withTimescale = hasTimescale(engine) ? it : () => {}
  withTimescale(
    'keeps an honest row estimate, size and chunk count once every chunk is compressed',
    async () => {
      await e.call('schema/setup', {})
      await e.call('sensors/seed', {})
      const start = Date.UTC(2026, 0, 5)
      const rows: SensorRow[] = Array.from({ length: 4000 }, (_, i) => ({
        time: start + i * 1_800_000,
        sensorId: 1 + (i % 4),
        temperature: 20 + (i % 7),
        cpu: (i % 10) / 10,
      }))
      await e.driver.copyIn({
        table: 'sensor_data',
        columns: ['time', 'sensor_id', 'temperature', 'cpu'],
        format: 'binary',
        chunks: sensorChunks(rows, 1000),
      })
      await e.driver.query('ANALYZE sensor_data')
      const before = await e.call('schema/status', {})
      await e.driver.query(
        `ALTER TABLE sensor_data SET (timescaledb.compress, timescaledb.compress_segmentby = 'sensor_id')`,
      )
      await e.driver.query("SELECT compress_chunk(c) FROM show_chunks('sensor_data') c")
      await e.driver.query('ANALYZE sensor_data')
      const after = await e.call('schema/status', {})
      expect(after.sensorData?.chunks).toBe(before.sensorData?.chunks)
      expect(after.sensorData?.notAnalyzed).toBe(false)
      // Compressed chunks keep their rows in a companion table: the estimate must count them.
      expect(after.sensorData?.rowEstimate).toBeGreaterThanOrEqual(3900)
      expect(after.sensorData?.rowEstimate).toBeLessThanOrEqual(4100)
      expect(after.sensorData?.totalBytes).toBeGreaterThan(0)
    },
  )

  withTimescale(
    'converts a plain sensor_data (made before TimescaleDB) to a hypertable, keeping its rows',
    async () => {
      await e.driver.query(quickStart.createSensors)
      await e.driver.query(quickStart.createSensorData)
      await e.driver.query(quickStart.insertSensor, ['a', 'floor'])
      await e.driver.query(
        `INSERT INTO sensor_data SELECT t, 1, 20, 0.5
         FROM generate_series('2026-01-01'::timestamptz, '2026-01-31', interval '1 hour') t`,
      )
      const before = await e.call('schema/status', {})
      expect(before.state).toBe('convertible')
      expect(timescaleNotice(before)).toContain('Set up schema converts it to a hypertable')

      const result = await e.call('schema/setup', {})
      expect(result.actions).toEqual([
        'converted sensor_data to a hypertable, keeping its rows',
        'created index sensor_data_sensor_id_time_idx on sensor_data (sensor_id, time DESC)',
      ])
      expect(result.status).toMatchObject({
        state: 'ready',
        sensorData: { hypertable: true, chunks: 5 },
      })
      const count = await e.driver.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM sensor_data',
      )
      expect(count.rows[0]?.n).toBe(721)
    },
  )
})
