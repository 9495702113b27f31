/**
 * `npm run bench -- rollups`: the "All data" per-sensor chart from raw rows
 * against through a 1 h continuous aggregate, same values — on native
 * TimescaleDB with 10M readings (100M with --huge) and the embedded engine
 * with 1M. Targets: ≥ 20x faster at 10M, ≤ 150 ms at any size.
 */
import type { Driver } from '../../electron/backend/db/driver'
import { parseArgs } from '../args'
import { writeResults } from '../results'
import { driverClient, fmt, psqlClient, timed, type BareClient } from '../bare-clients'
import { withEmbeddedDriver, withNativeTimescale, withServerDriver } from '../servers'
import { makeRollup, measureRollups, seedReadings, type RollupTiming } from './measure'

interface Options {
  rows: number
  embeddedRows: number
  runs: number
  skip: Set<'native' | 'embedded'>
}

const USAGE = `npm run bench -- rollups [options]
  --rows N            readings on native TimescaleDB (default 10000000)
  --huge              100,000,000 readings on native TimescaleDB
  --embedded-rows N   readings on the embedded engine (default 1000000)
  --runs N            timed runs per case (default 5, after one warm-up)
  --quick             1M native, 100k embedded, 3 runs
  --skip native|embedded   (repeatable)`

const parseOptions = (args: string[]) =>
  parseArgs<Options, 'native' | 'embedded'>(
    args,
    { rows: 10_000_000, embeddedRows: 1_000_000, runs: 5, skip: new Set() },
    {
      usage: USAGE,
      numbers: { '--rows': 'rows', '--embedded-rows': 'embeddedRows', '--runs': 'runs' },
      presets: {
        '--huge': { rows: 100_000_000 },
        '--quick': { rows: 1_000_000, embeddedRows: 100_000, runs: 3 },
      },
      skippable: ['native', 'embedded'],
    },
  )

async function runOn(
  engine: string,
  driver: Driver,
  client: BareClient,
  rows: number,
  runs: number,
) {
  await timed(`load ${rows.toLocaleString('en')} readings`, () => seedReadings(driver, rows))
  await timed('create and fill the 1 h rollup', () => makeRollup(driver))
  return measureRollups(engine, driver, client, rows, runs)
}

async function nativeBench(o: Options): Promise<RollupTiming[]> {
  console.log('Native TimescaleDB (PostgreSQL 15)')
  return withNativeTimescale((server) =>
    withServerDriver(server, { timescaledb: true }, (driver) =>
      runOn('timescaledb', driver, psqlClient(server), o.rows, o.runs),
    ),
  )
}

async function embeddedBench(o: Options): Promise<RollupTiming[]> {
  console.log('Embedded TimescaleDB (WASM)')
  return withEmbeddedDriver('bench-rollups', (driver) =>
    runOn('embedded', driver, driverClient(driver), o.embeddedRows, o.runs),
  )
}

function report(results: RollupTiming[]): void {
  console.log(
    '\nengine        rows         source     series/chart   bare statement   max rel. diff',
  )
  for (const r of results) {
    console.log(
      `${r.engine.padEnd(13)} ${r.rows.toLocaleString('en').padStart(12)} ${r.source.padEnd(9)} ${fmt(r.chartMs)}   ${fmt(r.bareMs)} (${r.bareClient})   ${r.source === 'rollup' ? r.maxRelativeDiff.toExponential(1) : ''}`,
    )
  }
  for (const engine of new Set(results.map((r) => r.engine))) {
    const raw = results.find((r) => r.engine === engine && r.source === 'raw rows')
    const rollup = results.find((r) => r.engine === engine && r.source === 'rollup')
    if (!raw || !rollup) continue
    const speedup = raw.chartMs / rollup.chartMs
    console.log(
      `${engine}: ${speedup.toFixed(1)}x faster through ${rollup.statementSource} (target ≥ 20x at 10M); ` +
        `${rollup.chartMs.toFixed(1)} ms (target ≤ 150 ms); values within ${rollup.maxRelativeDiff.toExponential(1)} (target ≤ 1e-9)`,
    )
  }
}

export async function rollupsBench(args: string[]): Promise<void> {
  const o = parseOptions(args)
  const started = new Date()
  const results: RollupTiming[] = []
  if (!o.skip.has('native')) results.push(...(await nativeBench(o)))
  if (!o.skip.has('embedded')) results.push(...(await embeddedBench(o)))
  report(results)
  await writeResults('rollups', started, {
    suite: 'rollups',
    startedAt: started.toISOString(),
    options: { ...o, skip: [...o.skip] },
    results,
  })
}
