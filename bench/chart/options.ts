/** Command-line options of `npm run bench -- chart`. */

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

export function parseArgs(args: string[]): ChartOptions {
  const o: ChartOptions = {
    pgRows: 10_000_000,
    tsdbRows: 10_000_000,
    embeddedRows: 1_000_000,
    runs: 5,
    renderRuns: 20,
    skip: new Set(),
  }
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]
    const value = () => {
      const v = Number(args[++i])
      if (!Number.isFinite(v) || v < 1) throw new Error(`${arg} needs a positive number\n${USAGE}`)
      return Math.floor(v)
    }
    if (arg === '--pg-rows') o.pgRows = value()
    else if (arg === '--tsdb-rows') o.tsdbRows = value()
    else if (arg === '--embedded-rows') o.embeddedRows = value()
    else if (arg === '--runs') o.runs = value()
    else if (arg === '--render-runs') o.renderRuns = value()
    else if (arg === '--quick')
      Object.assign(o, { pgRows: 1_000_000, tsdbRows: 1_000_000, embeddedRows: 100_000, runs: 3 })
    else if (arg === '--skip') {
      const what = args[++i]
      if (
        what !== 'postgres' &&
        what !== 'timescaledb' &&
        what !== 'embedded' &&
        what !== 'render'
      ) {
        throw new Error(USAGE)
      }
      o.skip.add(what)
    } else throw new Error(`Unknown option ${arg}\n${USAGE}`)
  }
  return o
}
