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

const count = async () =>
  (await driver.query<{ n: number }>('SELECT count(*)::int AS n FROM sensor_data')).rows[0]?.n

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

  it('bulk-loads binary COPY into the hypertable, across several /dev/blob pieces', async () => {
    const rows = sampleRows(2500)
    const result = await driver.copyIn({
      table: 'sensor_data',
      columns: ['time', 'sensor_id', 'temperature', 'cpu'],
      format: 'binary',
      chunks: sensorChunks(rows, 100),
    })
    expect(result.rows).toBe(2500)
    expect(await count()).toBe(2500)
    const { rows: stats } = await driver.query<{ min: number; max: number }>(
      'SELECT min(temperature) AS min, max(cpu) AS max FROM sensor_data',
    )
    expect(stats[0]).toEqual({ min: 20, max: 0.99 })
    await driver.query('DELETE FROM sensor_data')
  })

  it('leaves zero rows when the source fails mid-stream', async () => {
    await expect(
      driver.copyIn({
        table: 'sensor_data',
        columns: ['time', 'sensor_id', 'temperature', 'cpu'],
        format: 'binary',
        chunks: sensorChunks(sampleRows(300_000), 20_000, 8),
      }),
    ).rejects.toThrow('source broke mid-stream')
    expect(await count()).toBe(0)
    // The engine is usable and not left inside a transaction.
    await driver.query('BEGIN')
    await driver.query('ROLLBACK')
  })

  it('leaves zero rows when cancelled mid-stream', async () => {
    const controller = new AbortController()
    async function* slowThenCancel() {
      let n = 0
      for await (const chunk of sensorChunks(sampleRows(400_000), 20_000)) {
        if (++n === 10) controller.abort()
        yield chunk
      }
    }
    await expect(
      driver.copyIn(
        {
          table: 'sensor_data',
          columns: ['time', 'sensor_id', 'temperature', 'cpu'],
          format: 'binary',
          chunks: slowThenCancel(),
        },
        { signal: controller.signal },
      ),
    ).rejects.toMatchObject({ code: 'cancelled' })
    expect(await count()).toBe(0)
  })

  it('reports a CSV error with its line number in the whole file, not the piece', async () => {
    const good = Array.from(
      { length: 150_000 },
      (_, i) => `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}Z,1,20.5,0.5`,
    )
    const lines = ['time,sensor_id,temperature,cpu', ...good, 'not-a-time,1,1,1']
    async function* csv() {
      // ~1.6 MB pieces: the bad line lands in a later /dev/blob piece.
      for (let i = 0; i < lines.length; i += 50_000) {
        const part = lines.slice(i, i + 50_000)
        yield { bytes: new TextEncoder().encode(part.join('\n') + '\n'), rows: part.length }
      }
    }
    const error = await driver
      .copyIn({
        table: 'sensor_data',
        columns: ['time', 'sensor_id', 'temperature', 'cpu'],
        format: 'csv',
        header: true,
        chunks: csv(),
      })
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'bad_data', detail: { line: lines.length } })
    expect(await count()).toBe(0)
  })

  it('runs the before hook inside the load: a failed load also undoes it', async () => {
    const columns = ['time', 'sensor_id', 'temperature', 'cpu']
    await driver.copyIn({
      table: 'sensor_data',
      columns,
      format: 'binary',
      chunks: sensorChunks(sampleRows(50), 50),
    })
    const replace = (chunks: ReturnType<typeof sensorChunks>) =>
      driver.copyIn({
        table: 'sensor_data',
        columns,
        format: 'binary',
        chunks,
        before: async (tx) => {
          await tx.query('DELETE FROM sensor_data WHERE sensor_id = $1', [1])
        },
      })
    await expect(replace(sensorChunks(sampleRows(300_000), 20_000, 3))).rejects.toThrow(
      'source broke',
    )
    expect(await count()).toBe(50)
    expect((await replace(sensorChunks(sampleRows(7), 7))).rows).toBe(7)
    expect(await count()).toBe(7)
    await driver.query('DELETE FROM sensor_data')
  })

  it('rolls a failed transaction back completely', async () => {
    await expect(
      driver.transaction(async (tx) => {
        await tx.query("INSERT INTO sensors (type, location) VALUES ('b', 'ceiling')")
        await tx.query('SELECT 1/0')
      }),
    ).rejects.toMatchObject({ code: 'bad_data' })
    const { rows } = await driver.query<{ n: number }>('SELECT count(*)::int AS n FROM sensors')
    expect(rows[0]?.n).toBe(1)
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
