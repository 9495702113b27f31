/**
 * Which continuous aggregate, if any, a chart reads: the table's usable ones
 * are read once per chart call (watermarks move), and for each bucket width
 * the coarsest that serves the chart is chosen (shared/domain/rollups.ts).
 * Without one the chart reads raw rows, and the reply says why.
 */
import { relationLabel } from '../../../shared/domain/catalog'
import type { ChartRequest } from '../../../shared/domain/chart'
import { chooseRollup, refusal, type ChartShape } from '../../../shared/domain/rollups'
import type { CatalogEntry } from '../catalog/entry'
import type { Queryable } from '../db/driver'
import type { StatementWindow } from '../series/chart-sql'
import type { ChartPlan } from '../series/plan'
import { rollupStatement, type RollupStatement } from './chart-sql'
import { readRollups, type RollupEntry } from './read'

export interface ChartRollups {
  /** The table's continuous aggregates a chart could read. */
  usable: RollupEntry[]
  /** Why none could, when that is known before the bucket is. */
  note: string | null
}

const NONE: ChartRollups = { usable: [], note: null }

export async function readChartRollups(
  db: Queryable,
  entry: CatalogEntry,
  plan: ChartPlan,
  request: ChartRequest,
  signal: AbortSignal | undefined,
): Promise<ChartRollups> {
  if (!entry.features.timescaledb || plan.time.kind !== 'timestamptz') return NONE
  // Without sizes and policies the read plans in ~1 ms: no probe for "has any" first.
  const all = await readRollups(db, entry.features, entry.ref, {
    signal,
    sizes: false,
    policy: false,
  })
  if (all.length === 0) return NONE
  if (!request.useRollups) return { usable: [], note: 'Rollups are switched off: raw rows.' }
  if (request.fillGaps) {
    return { usable: [], note: 'Fill gaps reads raw rows (time_bucket_gapfill), not rollups.' }
  }
  const usable = all.filter((r) => r.unusable === null)
  const note =
    usable.length === 0
      ? `No rollup can serve charts: ${all.map((r) => `${r.view.name}: ${r.unusable ?? ''}`).join('; ')}.`
      : null
  return { usable, note }
}

export interface RollupPick {
  statement: RollupStatement | null
  note: string | null
}

/** The statement over the coarsest usable aggregate for this window, or why there is none. */
export function pickRollup(
  rollups: ChartRollups,
  plan: ChartPlan,
  spec: ChartRequest['spec'],
  w: StatementWindow,
): RollupPick {
  if (rollups.usable.length === 0) return { statement: null, note: rollups.note }
  const shape: ChartShape = {
    spec,
    bucketSeconds: w.bucketSeconds,
    timeZone: w.timeZone,
    fromMs: w.fromMs,
    toMs: w.toMs,
    minMax: w.minMax,
  }
  const choice = chooseRollup(rollups.usable, shape)
  if (!choice) {
    const why = rollups.usable.map((r) => `${r.view.name}: ${refusal(r, shape) ?? ''}`)
    return { statement: null, note: `No rollup serves this chart (${why.join('; ')}).` }
  }
  const statement = rollupStatement(plan, w, choice)
  const name = relationLabel(choice.rollup.view)
  return {
    statement,
    note: statement ? null : `${name} holds no whole bucket of this range yet: raw rows.`,
  }
}
