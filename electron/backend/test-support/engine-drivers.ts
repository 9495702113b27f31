import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { ServerParamsSchema } from '../../../shared/domain/connection'
import type { Driver } from '../db/driver'
import { openEmbeddedDriver } from '../db/embedded/embedded-driver'
import { openPgDriver } from '../db/pg/pg-driver'
import { ENGINE_WORKER_PATH, makeTempDir, serverParams } from './backend'
import type { TestServerInfo } from './postgres-server'
import { quickStartSchema } from './quick-start'
import { createScratchDatabase } from './scratch-database'

export type EngineName = 'postgres' | 'embedded'

export interface TestEngine {
  name: EngineName
  driver: Driver
  /** Whether TimescaleDB is installed (embedded: yes; the test PostgreSQL: no). */
  timescale: boolean
  close(): Promise<void>
}

/** A driver on a fresh database of either engine, for tests that must behave the same on both. */
export async function openTestEngine(name: EngineName, pg: TestServerInfo): Promise<TestEngine> {
  if (name === 'postgres') {
    const scratch = await createScratchDatabase(pg, 'engine')
    const driver = await openPgDriver({
      params: ServerParamsSchema.parse(serverParams(pg, { database: scratch.name })),
    })
    return {
      name,
      driver,
      timescale: false,
      close: async () => {
        await driver.close()
        await scratch.drop()
      },
    }
  }
  const dir = await makeTempDir('engine')
  const driver = await openEmbeddedDriver({
    dataDir: join(dir, 'data'),
    workerPath: ENGINE_WORKER_PATH,
  })
  return {
    name,
    driver,
    timescale: true,
    close: async () => {
      await driver.close()
      await rm(dir, { recursive: true, force: true })
    },
  }
}

/** The quick start's schema, made a hypertable where TimescaleDB is installed. */
export async function createQuickStartTables(engine: TestEngine): Promise<void> {
  for (const sql of quickStartSchema()) await engine.driver.query(sql)
  if (engine.timescale) await engine.driver.query("SELECT create_hypertable('sensor_data', 'time')")
  await engine.driver.query(
    "INSERT INTO sensors (type, location) VALUES ('a','floor'), ('a','ceiling'), ('b','floor'), ('b','ceiling')",
  )
}
