/**
 * The query half of `npm run bench -- chart`: seeding the quick start's schema,
 * the cases, and timing series/bucketed against the same statement run bare.
 */
import { performance } from 'node:perf_hooks'
import { QUICK_START_SENSORS } from '../../shared/domain/sensors'
import { BucketedRequestSchema, type BucketedRequestInput } from '../../shared/domain/series'
import { decodeFrame, encodeFrame } from '../../shared/wire'
import type { Driver } from '../../electron/backend/db/driver'
import { setUpSchema } from '../../electron/backend/schema/setup'
import { queryBucketed } from '../../electron/backend/series/bucketed'
import { seedQuickStartSensors } from '../../electron/backend/sensors/repository'
import { explainMs, fmt, median, type BareClient } from '../bare-clients'

const STEP_SECONDS = 10
const END = Date.UTC(2026, 0, 1)

/**
 * The schema as the app's "Set up schema" makes it (a hypertable where
 * TimescaleDB is, the indexes it adds), the quick start's four sensors, and
 * readings every 10 s per sensor, ending at END.
 */
export async function seed(driver: Driver, rows: number): Promise<void> {
  await setUpSchema(driver)
  await driver.transaction((tx) => seedQuickStartSensors(tx))
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
  /** An absolute target for our call, ms, besides the ratio to the bare statement. */
  targetMs?: number
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
    {
      // "Last 1 hour", every sensor: served by the time index, not a scan of the table.
      name: 'last 1 h, all sensors',
      request: { ...base, from: END - 3_600_000 },
      targetMs: 100,
    },
  ]
}

export interface QueryResult {
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
  targetMs: number | null
  /** encodeFrame + decodeFrame of the reply (the web host's transport), for context. */
  wireMs: number
  runs: number
}

export async function measureQueries(
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
      targetMs: c.targetMs ?? null,
      wireMs: median(wire),
      runs,
    }
    results.push(result)
    printQuery(result)
  }
  return results
}

/**
 * The target compares our call with the bare statement as a client runs it
 * (psql \timing on PostgreSQL, the driver alone on the embedded engine): both
 * pay planning, transfer and parsing. EXPLAIN ANALYZE, also printed, is the
 * server's execution alone, which no client can match on small queries.
 */
function printQuery(r: QueryResult): void {
  const verdict = r.clientRatio <= 1.15 ? 'ok' : 'OVER TARGET'
  const absolute =
    r.targetMs === null
      ? ''
      : ` (target ≤ ${r.targetMs} ms: ${r.oursMs <= r.targetMs ? 'ok' : 'OVER TARGET'})`
  console.log(
    `  ${r.case}\n` +
      `    ours ${fmt(r.oursMs)}${absolute} | ${r.clientLabel} ${fmt(r.clientMs)} -> ${r.clientRatio.toFixed(2)}x (target ≤ 1.15x: ${verdict})` +
      ` | EXPLAIN ANALYZE ${fmt(r.serverMs)} -> ${r.ratio.toFixed(2)}x (server only)\n` +
      `    bucket ${r.bucket}, ${r.series} series × ${r.buckets} buckets; web host framing ${r.wireMs.toFixed(2)} ms`,
  )
}
