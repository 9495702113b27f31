import { bucketStarts, chooseBucket, DAY, type BucketChoice } from '../../../shared/buckets'
import type {
  BucketFunction,
  ChartReply,
  ChartRequest,
  ChartRollupSource,
} from '../../../shared/domain/chart'
import { AppError } from '../../../shared/errors'
import { lookupEntry } from '../catalog/entry'
import type { ServerFeatures } from '../catalog/features'
import type { Queryable } from '../db/driver'
import { throwIfAborted } from '../db/errors'
import { pickRollup, readChartRollups, type ChartRollups } from '../rollups/chart-source'
import { chooseKeys, type KeyChoice } from './chart-keys'
import { chartStatement, type Statement, type StatementWindow } from './chart-sql'
import { toColumns, type Columns } from './columns'
import { planChart, type ChartPlan } from './plan'

export function chooseFunction(fillGaps: boolean, features: ServerFeatures): BucketFunction {
  if (fillGaps) {
    if (!features.timescaledb) {
      throw new AppError(
        'invalid_input',
        'Fill gaps needs TimescaleDB (time_bucket_gapfill), which is not installed in this database. Untick "Fill gaps" or install the extension.',
      )
    }
    return 'time_bucket_gapfill'
  }
  if (features.timescaledb) return 'time_bucket'
  if (features.serverVersionNum < 140000) {
    throw new AppError(
      'invalid_input',
      'Charts need TimescaleDB (time_bucket) or PostgreSQL 14 or newer (date_bin). This server has neither.',
    )
  }
  return 'date_bin'
}

/** Beyond 2^53 a double no longer holds every integer. */
const EXACT_LIMIT = 2 ** 53

function largeValueNotes(plan: ChartPlan, columns: Columns): string[] {
  const notes: string[] = []
  plan.measures.forEach((m, i) => {
    const large = columns.series.some(
      (s) => s.measure === i && s.values.some((v) => Math.abs(v) >= EXACT_LIMIT),
    )
    if (large) {
      notes.push(
        `${m.label} reaches 2^53 or more: drawn as double precision, its last digits are rounded.`,
      )
    }
  })
  return notes
}

interface Built {
  statement: Statement
  rollup: ChartRollupSource | null
  rollupNote: string | null
}

interface Run extends Built {
  columns: Columns
}

/** The window's statement: over a continuous aggregate when one serves it, else raw rows. */
function build(
  plan: ChartPlan,
  rollups: ChartRollups,
  spec: ChartRequest['spec'],
  window: StatementWindow,
): Built {
  const pick = pickRollup(rollups, plan, spec, window)
  if (pick.statement) {
    return { statement: pick.statement, rollup: pick.statement.source, rollupNote: null }
  }
  return { statement: chartStatement(plan, window), rollup: null, rollupNote: pick.note }
}

async function run(
  db: Queryable,
  plan: ChartPlan,
  keys: KeyChoice,
  window: StatementWindow,
  built: Built,
  signal: AbortSignal | undefined,
): Promise<Run> {
  const { statement } = built
  const { rows } = await db.query<unknown[]>(statement.sql, statement.params, {
    signal,
    rowMode: 'array',
  })
  throwIfAborted(signal)
  const grid = bucketStarts(window.fromMs, window.toMs, window.bucketSeconds, window.timeZone)
  const columns = toColumns({
    rows,
    grid,
    keys: keys.keys,
    open: keys.restrict === null,
    maxKeys: keys.limit,
    measureLabels: plan.measures.map((m) => m.label),
    minMax: window.minMax,
    split: plan.split !== null,
  })
  return { ...built, columns }
}

/**
 * Any time-series table as a chart: each measure's aggregate per bucket and
 * split value, over a range, as columns. Names are resolved against the
 * catalog first (lookupEntry, planChart). In Auto mode a bucket finer than the
 * spacing of the rows (which would draw dots, not lines) is replaced once by
 * the tidy step at or above that spacing.
 */
export async function queryChart(
  db: Queryable,
  request: ChartRequest,
  signal?: AbortSignal,
): Promise<ChartReply> {
  const started = performance.now()
  const entry = await lookupEntry(db, request.spec.table, { signal })
  const plan = planChart(entry, request.spec)
  const bucketFunction = chooseFunction(request.fillGaps, entry.features)
  // Independent reads: on a pool they run side by side (one round trip, not two).
  const [keys, rollups] = await Promise.all([
    chooseKeys(db, entry, plan, signal),
    readChartRollups(db, entry, plan, request, signal),
  ])
  const range = { fromMs: request.from, toMs: request.to, timeZone: request.timeZone }
  // A date has no time of day: its buckets are a day or more.
  const minSeconds = plan.time.kind === 'date' ? DAY : 0
  const pinnedSeconds = request.bucket === 'auto' ? null : request.bucket
  let choice: BucketChoice | { seconds: number; reason: 'sparse' } = chooseBucket({
    ...range,
    pixels: request.pixels,
    pinnedSeconds,
    minSeconds,
  })
  const window = (bucketSeconds: number): StatementWindow => ({
    ...range,
    bucketSeconds,
    bucketFunction,
    minMax: request.minMax,
    keys: keys.restrict,
    settled: keys.settled,
  })

  let result: Run | null = null
  if (keys.keys.length > 0 || keys.restrict === null) {
    const first = window(choice.seconds)
    result = await run(db, plan, keys, first, build(plan, rollups, request.spec, first), signal)
    const spacing = result.columns.spacingMs
    if (request.bucket === 'auto' && spacing !== null && spacing >= 2 * choice.seconds * 1000) {
      const coarser = chooseBucket({
        ...range,
        pixels: request.pixels,
        minSeconds: Math.max(minSeconds, Math.ceil(spacing / 1000)),
      })
      if (coarser.seconds > choice.seconds) {
        choice = { seconds: coarser.seconds, reason: 'sparse' }
        const sparse = window(choice.seconds)
        const built = build(plan, rollups, request.spec, sparse)
        result = await run(db, plan, keys, sparse, built, signal)
      }
    }
  }
  const final = result ?? build(plan, rollups, request.spec, window(choice.seconds))
  const { statement } = final
  const columns: Columns = result?.columns ?? {
    times: new Float64Array(0),
    series: [],
    coverage: [],
    points: 0,
    rows: 0,
    omittedKeys: 0,
    spacingMs: null,
  }
  const notes = [...plan.notes, ...largeValueNotes(plan, columns)]
  if (keys.note) notes.push(keys.note)
  return {
    rollup: final.rollup,
    rollupNote: final.rollupNote,
    times: columns.times,
    series: columns.series,
    coverage: columns.coverage,
    bucketSeconds: choice.seconds,
    bucketReason: choice.reason,
    from: request.from,
    to: request.to,
    timeZone: request.timeZone,
    bucketFunction,
    sql: statement.sql,
    params: statement.params,
    description: statement.description,
    points: columns.points,
    rows: columns.rows,
    buckets: columns.times.length,
    omittedSeries: keys.omitted + columns.omittedKeys,
    moreSeries: keys.more,
    notes,
    queryMs: Math.round((performance.now() - started) * 10) / 10,
  }
}
