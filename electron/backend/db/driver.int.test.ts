/**
 * What every driver promises a load and a transaction, on every engine: one
 * COPY is all rows or none, whatever breaks it, and the engine is usable
 * afterwards. What only one driver does (pooling, TLS, a data folder's lock)
 * is tested beside it (pg/pg-driver.int.test.ts, embedded/embedded-driver.int.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ENGINES, hasTimescale, openEngine, type EngineHarness } from '../test-support/engines'
import { loadQuickStartReadings, sampleRows, sensorChunks } from '../test-support/sensor-rows'
import type { CopyProgress } from './copy-batches'
import type { CopyChunk, Driver } from './driver'

const columns = ['time', 'sensor_id', 'temperature', 'cpu']
const binary = (chunks: AsyncIterable<CopyChunk>) =>
  ({ table: 'sensor_data', columns, format: 'binary', chunks }) as const

describe.each(ENGINES)('driver on %s', (engine) => {
  let harness: EngineHarness
  let driver: Driver

  beforeAll(async () => {
    harness = await openEngine(engine)
    driver = harness.driver
    // The quick start's tables (sensor_data a hypertable where the engine has TimescaleDB), sensor 1.
    await loadQuickStartReadings(driver, [['a', 'floor']], [], hasTimescale(engine))
  })

  afterAll(async () => {
    await harness?.close()
  })

  const count = async () =>
    (await driver.query<{ n: number }>('SELECT count(*)::int AS n FROM sensor_data')).rows[0]?.n

  /** Sessions of this database left inside a transaction (none on a healthy engine). */
  const idleInTransaction = async () =>
    (
      await driver.query<{ state: string }>(
        `SELECT state FROM pg_stat_activity
          WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
      )
    ).rows

  it('streams binary COPY in one transaction', async () => {
    const result = await driver.copyIn(binary(sensorChunks(sampleRows(5000), 100)))
    expect(result.rows).toBe(5000)
    expect(await count()).toBe(5000)
    const { rows: stats } = await driver.query<{ min: number; max: number }>(
      'SELECT min(temperature) AS min, max(cpu) AS max FROM sensor_data',
    )
    expect(stats[0]).toEqual({ min: 20, max: 0.99 })
    await driver.query('DELETE FROM sensor_data')
  })

  it('loads in several COPY statements of one transaction, reporting what each has taken', async () => {
    const reports: CopyProgress[] = []
    // 200,000 rows (9 MB): more than one statement's worth, foreign key checks and all.
    const result = await driver.copyIn({
      ...binary(sensorChunks(sampleRows(200_000), 5000)),
      onProgress: (p) => reports.push(p),
    })
    expect(result.rows).toBe(200_000)
    expect(reports.length).toBeGreaterThan(1)
    expect(reports.map((r) => r.rows)).toEqual(
      [...reports.map((r) => r.rows)].sort((a, b) => a - b),
    )
    expect(reports.slice(0, -1).every((r) => !r.complete && r.rows < 200_000)).toBe(true)
    expect(reports.at(-1)).toMatchObject({ rows: 200_000, complete: true })
    expect(await count()).toBe(200_000)
    await driver.query('DELETE FROM sensor_data')
  })

  it('adds zero rows and leaves no transaction open when the source fails mid-stream', async () => {
    await expect(
      driver.copyIn(binary(sensorChunks(sampleRows(300_000), 20_000, 8))),
    ).rejects.toThrow('source broke mid-stream')
    expect(await count()).toBe(0)
    expect(await idleInTransaction()).toEqual([])
    // The engine is usable and not left inside a transaction.
    await driver.query('BEGIN')
    await driver.query('ROLLBACK')
  })

  it('adds zero rows when cancelled mid-stream', async () => {
    const controller = new AbortController()
    async function* slowThenCancel() {
      let n = 0
      for await (const chunk of sensorChunks(sampleRows(400_000), 20_000)) {
        if (++n === 10) controller.abort()
        yield chunk
      }
    }
    await expect(
      driver.copyIn(binary(slowThenCancel()), { signal: controller.signal }),
    ).rejects.toMatchObject({ code: 'cancelled' })
    expect(await count()).toBe(0)
  })

  it('adds zero rows when the engine rejects a row (foreign key) and says why', async () => {
    const error = await driver
      .copyIn(binary(sensorChunks(sampleRows(10, 999), 10)))
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'bad_data' })
    expect(String((error as Error).message)).toMatch(/foreign key/)
    expect(await count()).toBe(0)
  })

  it('reports a CSV error with its line number in the whole file, not the statement', async () => {
    const good = Array.from(
      { length: 150_000 },
      (_, i) => `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}Z,1,20.5,0.5`,
    )
    const lines = ['time,sensor_id,temperature,cpu', ...good, 'not-a-time,1,1,1']
    const statements: CopyProgress[] = []
    async function* csv() {
      // ~1.6 MB pieces: the bad line is in a later COPY statement than the first.
      for (let i = 0; i < lines.length; i += 50_000) {
        const part = lines.slice(i, i + 50_000)
        yield {
          bytes: new TextEncoder().encode(part.join('\n') + '\n'),
          rows: part.length - (i === 0 ? 1 : 0),
          lines: part.length,
        }
      }
    }
    const error = await driver
      .copyIn({
        table: 'sensor_data',
        columns,
        format: 'csv',
        header: true,
        chunks: csv(),
        onProgress: (p) => statements.push(p),
      })
      .catch((e: unknown) => e)
    expect(statements.length).toBeGreaterThan(0)
    expect(error).toMatchObject({ code: 'bad_data', detail: { line: lines.length } })
    expect(await count()).toBe(0)
  })

  it('runs the before hook inside the load: a failed load also undoes it', async () => {
    await driver.copyIn(binary(sensorChunks(sampleRows(50), 50)))
    const replace = (chunks: ReturnType<typeof sensorChunks>) =>
      driver.copyIn({
        ...binary(chunks),
        before: async (tx) => {
          await tx.query('DELETE FROM sensor_data WHERE sensor_id = $1', [1])
        },
      })
    await expect(replace(sensorChunks(sampleRows(300_000), 20_000, 3))).rejects.toThrow(
      'source broke mid-stream',
    )
    expect(await count()).toBe(50)
    expect((await replace(sensorChunks(sampleRows(7), 7))).rows).toBe(7)
    expect(await count()).toBe(7)
    await driver.query('DELETE FROM sensor_data')
  })

  it('rolls back a failed transaction completely', async () => {
    await expect(
      driver.transaction(async (tx) => {
        await tx.query("INSERT INTO sensors (type, location) VALUES ('x', 'y')")
        await tx.query('SELECT 1/0')
      }),
    ).rejects.toMatchObject({ code: 'bad_data' })
    const { rows } = await driver.query('SELECT type FROM sensors')
    expect(rows).toEqual([{ type: 'a' }])
  })
})
