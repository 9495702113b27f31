/** Command-line options of `npm run bench -- chart`. */
import { parseArgs } from '../args'

export interface ChartOptions {
  pgRows: number
  tsdbRows: number
  embeddedRows: number
  runs: number
  renderRuns: number
  skip: Set<'postgres' | 'timescaledb' | 'embedded' | 'render'>
}

const USAGE = `npm run bench -- chart [options]
  --pg-rows N         rows in PostgreSQL (default 10000000)
  --tsdb-rows N       rows in native TimescaleDB (default 10000000)
  --embedded-rows N   rows in the embedded TimescaleDB (default 1000000)
  --runs N            timed runs per query (default 5, after one warm-up)
  --render-runs N     timed chart renders (default 20)
  --quick             1M / 1M / 100k rows, 3 runs: a smoke run
  --skip postgres|timescaledb|embedded|render   (repeatable)`

export function parseChartArgs(args: string[]): ChartOptions {
  const defaults: ChartOptions = {
    pgRows: 10_000_000,
    tsdbRows: 10_000_000,
    embeddedRows: 1_000_000,
    runs: 5,
    renderRuns: 20,
    skip: new Set(),
  }
  return parseArgs(args, defaults, {
    usage: USAGE,
    numbers: {
      '--pg-rows': 'pgRows',
      '--tsdb-rows': 'tsdbRows',
      '--embedded-rows': 'embeddedRows',
      '--runs': 'runs',
      '--render-runs': 'renderRuns',
    },
    presets: {
      '--quick': { pgRows: 1_000_000, tsdbRows: 1_000_000, embeddedRows: 100_000, runs: 3 },
    },
    skippable: ['postgres', 'timescaledb', 'embedded', 'render'],
  })
}
