import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ENGINE_WORKER_PATH, makeTempDir } from '../../test-support/backend'
import { sampleRows, sensorChunks } from '../../test-support/sensor-rows'
import { quickStartSchema } from '../../test-support/quick-start'
import { openEmbeddedDriver, type EmbeddedDriver } from './embedded-driver'

let dir: string
let dataDir: string
let driver: EmbeddedDriver

beforeAll(async () => {
  dir = await makeTempDir('embedded-driver')
  dataDir = join(dir, 'data')
  driver = await openEmbeddedDriver({ dataDir, workerPath: ENGINE_WORKER_PATH })
  for (const sql of quickStartSchema()) await driver.query(sql)
  await driver.query("SELECT create_hypertable('sensor_data', 'time')")
  await driver.query("INSERT INTO sensors (type, location) VALUES ('a', 'floor')")
})

afterAll(async () => {
  await driver?.close()
  await rm(dir, { recursive: true, force: true })
})

describe('embedded TimescaleDB driver', () => {
  it('reports PostgreSQL 17 with TimescaleDB 2.23 installed, in database "postgres"', async () => {
    const info = await driver.info()
    expect(info.engine).toBe('embedded')
    expect(info.serverVersion).toMatch(/^17\./)
    expect(info.timescaledb.installed).toMatch(/^2\.23/)
    expect(info.database).toBe('postgres')
    expect(info.tls).toBeNull()
  })

  it('returns int8 as numbers and timestamptz as Dates, in object or array rows', async () => {
    const objects = await driver.query<{ n: number; t: Date }>(
      "SELECT 42::int8 AS n, '2026-01-01T00:00:00Z'::timestamptz AS t",
    )
    expect(objects.rows[0]?.n).toBe(42)
    expect(objects.rows[0]?.t).toEqual(new Date('2026-01-01T00:00:00Z'))
    const arrays = await driver.query<unknown[]>('SELECT $1::int AS a, $2::text AS b', [7, 'x'], {
      rowMode: 'array',
    })
    expect(arrays.rows[0]).toEqual([7, 'x'])
    expect(arrays.fields.map((f) => f.name)).toEqual(['a', 'b'])
  })

  it('refuses a second open of the same data folder', async () => {
    await expect(
      openEmbeddedDriver({ dataDir, workerPath: ENGINE_WORKER_PATH }),
    ).rejects.toMatchObject({ code: 'engine_busy' })
  })

  it('keeps its data across close and reopen', async () => {
    await driver.query("INSERT INTO sensors (type, location) VALUES ('kept', 'disk')")
    await driver.close()
    driver = await openEmbeddedDriver({ dataDir, workerPath: ENGINE_WORKER_PATH })
    const { rows } = await driver.query<{ type: string }>(
      "SELECT type FROM sensors WHERE location = 'disk'",
    )
    expect(rows).toEqual([{ type: 'kept' }])
    // After a reopen, COPY into the hypertable still goes through TimescaleDB.
    const result = await driver.copyIn({
      table: 'sensor_data',
      columns: ['time', 'sensor_id', 'temperature', 'cpu'],
      format: 'binary',
      chunks: sensorChunks(sampleRows(10), 10),
    })
    expect(result.rows).toBe(10)
  })
})
