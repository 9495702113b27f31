/**
 * `npm run bench -- hypertables`: compressing the quick-start hypertable on
 * native TimescaleDB, ours (the app's compress job through the handler map,
 * one chunk per transaction) beside psql running compress_chunk over every
 * chunk in one statement, with rows/s and the ratio; then the same charts on
 * the uncompressed and the compressed data, side by side.
 */
import type { TestServerInfo } from '../../electron/backend/test-support/postgres-server'
import { parseArgs } from '../args'
import { writeResults } from '../results'
import { psql, psqlClient, psqlTiming, timed } from '../bare-clients'
import { withNativeTimescale, withServerDriver } from '../servers'
import { measureQueries, seed, type QueryResult } from '../chart/queries'
import { compressWithApp, type CompressRun } from './ours'

const COMPRESS_ALL = "SELECT count(compress_chunk(c)) FROM show_chunks('sensor_data') c"
const DECOMPRESS_ALL = "SELECT count(decompress_chunk(c)) FROM show_chunks('sensor_data') c"

interface Options {
  rows: number
  runs: number
}

const USAGE = `npm run bench -- hypertables [options]
  --rows N    rows in the quick-start hypertable (default 10000000)
  --runs N    timed runs per chart (default 5, after one warm-up)
  --quick     1M rows, 3 runs: a smoke run`

const parseOptions = (args: string[]) =>
  parseArgs<Options>(
    args,
    { rows: 10_000_000, runs: 5 },
    {
      usage: USAGE,
      numbers: { '--rows': 'rows', '--runs': 'runs' },
      presets: { '--quick': { rows: 1_000_000, runs: 3 } },
    },
  )

interface Sizes {
  before: number
  after: number
  chunks: number
}

async function compressionSizes(server: TestServerInfo): Promise<Sizes> {
  const stdout = await psql(server, [
    '-At',
    '-c',
    `SELECT before_compression_total_bytes, after_compression_total_bytes, number_compressed_chunks
       FROM hypertable_compression_stats('sensor_data')`,
  ])
  const [before, after, chunks] = stdout.trim().split('|').map(Number)
  return { before: before ?? 0, after: after ?? 0, chunks: chunks ?? 0 }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`

function printCompress(label: string, seconds: number, rows: number, sizes: Sizes): void {
  console.log(
    `  ${label.padEnd(34)} ${seconds.toFixed(1).padStart(7)} s  ${Math.round(rows / seconds)
      .toLocaleString('en')
      .padStart(
        11,
      )} rows/s  ${sizes.chunks} chunks  ${mb(sizes.before)} -> ${mb(sizes.after)} (${(sizes.before / sizes.after).toFixed(1)}x)`,
  )
}

function printCharts(plain: QueryResult[], compressed: QueryResult[]): void {
  console.log(
    '\nThe same charts, uncompressed | compressed (ours; psql \\timing of the same statement)',
  )
  plain.forEach((p, i) => {
    const c = compressed[i]
    if (!c) return
    console.log(
      `  ${p.case}\n    ours ${p.oursMs.toFixed(1)} ms | ${c.oursMs.toFixed(1)} ms (${(c.oursMs / p.oursMs).toFixed(2)}x)` +
        `   psql ${p.clientMs.toFixed(1)} ms | ${c.clientMs.toFixed(1)} ms`,
    )
  })
}

export async function hypertablesBench(args: string[]): Promise<void> {
  const o = parseOptions(args)
  const startedAt = new Date()
  console.log(`Native TimescaleDB, quick-start hypertable, ${o.rows.toLocaleString('en')} rows`)
  await withNativeTimescale((server) =>
    withServerDriver(server, { timescaledb: true }, async (driver) => {
      await timed('load', () => seed(driver, o.rows))
      const client = psqlClient(server)
      console.log('\nCharts on uncompressed chunks')
      const plain = await measureQueries('uncompressed', driver, client, o.rows, o.runs)

      console.log('\nCompressing every chunk')
      const first: CompressRun = await compressWithApp(server, true)
      const firstSizes = await compressionSizes(server)
      printCompress('ours, first time (after the load)', first.seconds, first.rows, firstSizes)
      console.log('\nCharts on compressed chunks')
      const compressed = await measureQueries('compressed', driver, client, o.rows, o.runs)

      // Side by side from the same state: every chunk freshly decompressed.
      console.log('\nSide by side, each from freshly decompressed chunks')
      await timed('decompress', () => psqlTiming(server, DECOMPRESS_ALL))
      const psqlMs = await psqlTiming(server, COMPRESS_ALL)
      const psqlSizes = await compressionSizes(server)
      printCompress('psql: compress_chunk over all', psqlMs / 1000, o.rows, psqlSizes)
      await timed('decompress', () => psqlTiming(server, DECOMPRESS_ALL))
      const ours: CompressRun = await compressWithApp(server, false)
      const oursSizes = await compressionSizes(server)
      printCompress('ours (compress job, chunk by chunk)', ours.seconds, ours.rows, oursSizes)
      console.log(`  ours / psql: ${(ours.seconds / (psqlMs / 1000)).toFixed(2)}x the time`)
      printCharts(plain, compressed)

      const result = {
        suite: 'hypertables',
        startedAt: startedAt.toISOString(),
        options: o,
        compress: {
          first: { ...first, rowsPerSecond: first.rows / first.seconds, ...firstSizes },
          ours: { ...ours, rowsPerSecond: ours.rows / ours.seconds, ...oursSizes },
          psql: { seconds: psqlMs / 1000, rowsPerSecond: o.rows / (psqlMs / 1000), ...psqlSizes },
        },
        charts: { uncompressed: plain, compressed },
      }
      await writeResults('hypertables', startedAt, result)
    }),
  )
}
