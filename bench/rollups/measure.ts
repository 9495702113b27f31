/**
 * One engine's rollup case: a hypertable of readings (50 sensors), a 1 h
 * continuous aggregate filled by refresh_continuous_aggregate, and the "All
 * data" per-sensor avg chart through series/chart's code from raw rows and
 * through the rollup, each beside the same statement run bare, with the
 * largest difference between the two charts' values.
 */
import { ChartRequestSchema, type ChartReply } from '../../shared/domain/chart'
import type { Driver } from '../../electron/backend/db/driver'
import { queryChart } from '../../electron/backend/series/chart'
import { median, timed, type BareClient } from '../bare-clients'

export const SENSORS = 50
/** Every size spans the same 90 days, so "All data" draws 3 h buckets the 1 h rollup serves. */
const SPAN_SECONDS = 90 * 86_400
const START = Date.UTC(2025, 0, 1)
const stepSeconds = (rows: number) => SPAN_SECONDS / Math.ceil(rows / SENSORS)

export interface RollupTiming {
  engine: string
  rows: number
  source: 'raw rows' | 'rollup'
  /** Backend time of series/chart (statement(s) and decoding), median, ms. */
  chartMs: number
  /** The same statement by a bare client, median, ms. */
  bareMs: number
  bareClient: string
  statementSource: string
  /** Largest relative difference of any value from the raw chart's. */
  maxRelativeDiff: number
}

/** Rows in batches of one INSERT … SELECT per ~1M, so no statement runs for minutes. */
export async function seedReadings(driver: Driver, rows: number): Promise<void> {
  await driver.query('DROP TABLE IF EXISTS readings CASCADE')
  await driver.query(
    'CREATE TABLE readings (time timestamptz NOT NULL, sensor_id int NOT NULL, temperature float8)',
  )
  await driver.query(
    `SELECT create_hypertable('readings', 'time', chunk_time_interval => INTERVAL '7 days')`,
  )
  const steps = Math.ceil(rows / SENSORS)
  const step = stepSeconds(rows)
  const batch = Math.max(1, Math.floor(1_000_000 / SENSORS))
  for (let from = 0; from < steps; from += batch) {
    const to = Math.min(steps, from + batch)
    await driver.query(
      `INSERT INTO readings
         SELECT to_timestamp(${START / 1000} + s * ${step}), k,
                20 + 10 * sin(s / 500.0 + k) + (s % 7) * 0.125
           FROM generate_series(${from}, ${to - 1}) s, generate_series(1, ${SENSORS}) k`,
    )
  }
  await driver.query('ANALYZE readings')
}

export async function makeRollup(driver: Driver): Promise<void> {
  await driver.query(`CREATE MATERIALIZED VIEW readings_1h WITH (timescaledb.continuous) AS
    SELECT time_bucket('1 hour', time) AS bucket, sensor_id,
           sum(temperature) AS temperature_sum, count(temperature) AS temperature_count,
           min(temperature) AS temperature_min, max(temperature) AS temperature_max,
           count(*) AS rows
      FROM readings GROUP BY 1, 2 WITH NO DATA`)
  await driver.query(`CALL refresh_continuous_aggregate('readings_1h', NULL, NULL)`)
}

function maxDiff(a: ChartReply, b: ChartReply): number {
  let worst = 0
  a.series.forEach((s, i) => {
    const other = b.series[i]?.values
    s.values.forEach((v, j) => {
      const r = other?.[j] ?? Number.NaN
      if (Number.isNaN(v) && Number.isNaN(r)) return
      worst = Math.max(worst, Math.abs(v - r) / Math.max(Math.abs(r), 1e-300))
    })
  })
  return worst
}

export async function measureRollups(
  engine: string,
  driver: Driver,
  client: BareClient,
  rows: number,
  runs: number,
): Promise<RollupTiming[]> {
  const request = (useRollups: boolean) =>
    ChartRequestSchema.parse({
      spec: {
        table: { schema: 'public', name: 'readings' },
        time: { column: 'time' },
        measures: [{ column: 'temperature', aggregate: 'avg' }],
        split: { column: 'sensor_id' },
      },
      from: START,
      to: START + SPAN_SECONDS * 1000,
      pixels: 1200,
      useRollups,
    })
  const out: RollupTiming[] = []
  const replies: ChartReply[] = []
  for (const useRollups of [false, true]) {
    const source = useRollups ? 'rollup' : 'raw rows'
    let reply = await queryChart(driver, request(useRollups)) // warm-up
    const chartTimes: number[] = []
    const bareTimes: number[] = []
    await timed(`${source}: ${runs} runs`, async () => {
      for (let i = 0; i < runs; i++) {
        reply = await queryChart(driver, request(useRollups))
        chartTimes.push(reply.queryMs)
        bareTimes.push(await client.run(reply))
      }
    })
    replies.push(reply)
    out.push({
      engine,
      rows,
      source,
      chartMs: median(chartTimes),
      bareMs: median(bareTimes),
      bareClient: client.label,
      statementSource: reply.rollup ? reply.rollup.name : 'raw rows',
      maxRelativeDiff: 0,
    })
  }
  const [raw, rollup] = replies
  const last = out[1]
  if (raw && rollup && last) last.maxRelativeDiff = maxDiff(rollup, raw)
  return out
}
