/**
 * "Speed up this chart": the continuous aggregate that would serve a chart —
 * the coarsest tidy bucket (at most an hour, so zooming in keeps using it)
 * that tiles the chart's buckets, grouped by its split and filter columns,
 * with sum, count, min and max of every measure's column and count(*) — and
 * the SQL that makes it. Every name comes from the catalog and is quoted.
 */
import { bucketShortLabel, HOUR, TIDY_BUCKET_SECONDS } from '../../../shared/buckets'
import type { RollupProposal } from '../../../shared/domain/rollup-calls'
import { refusal, type RollupColumn, type RollupInfo } from '../../../shared/domain/rollups'
import type { z } from 'zod'
import type { RollupProposeRequestSchema } from '../../../shared/domain/rollup-calls'
import { AppError } from '../../../shared/errors'
import { lookupEntry } from '../catalog/entry'
import { qualified } from '../catalog/time-range'
import { quoteIdent, type Queryable } from '../db/driver'
import { planChart } from '../series/plan'

export type ProposeRequest = z.output<typeof RollupProposeRequestSchema>

export const NEEDS_TIMESCALE =
  'Rollups (continuous aggregates) need TimescaleDB, which this database does not have.'

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`
const interval = (seconds: number) => `INTERVAL '${seconds} seconds'`

/** Whether a name is taken in a schema by any relation. */
async function taken(db: Queryable, schema: string, name: string, signal?: AbortSignal) {
  const { rows } = await db.query(
    `SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relname = $2`,
    [schema, name],
    { signal },
  )
  return rows.length > 0
}

async function timeDimension(db: Queryable, schema: string, name: string, signal?: AbortSignal) {
  const { rows } = await db.query<{ column_name: string }>(
    `SELECT column_name::text AS column_name FROM timescaledb_information.dimensions
      WHERE hypertable_schema = $1 AND hypertable_name = $2 ORDER BY dimension_number LIMIT 1`,
    [schema, name],
    { signal },
  )
  return rows[0]?.column_name ?? null
}

/** The proposal for a chart; `name` overrides the suggested one (which must then be free). */
export async function proposeRollup(
  db: Queryable,
  request: ProposeRequest,
  name: string | null = null,
  signal?: AbortSignal,
): Promise<RollupProposal> {
  const { spec } = request
  const entry = await lookupEntry(db, spec.table, { signal })
  if (!entry.features.timescaledb) throw new AppError('invalid_input', NEEDS_TIMESCALE)
  const plan = planChart(entry, spec)
  const table = entry.ref
  const dimension = await timeDimension(db, table.schema, table.name, signal)
  if (
    dimension === null ||
    dimension !== plan.time.column.name ||
    plan.time.kind !== 'timestamptz'
  ) {
    throw new AppError(
      'invalid_input',
      `A rollup needs a hypertable charted by its time dimension (a timestamptz column): ${table.name} ${dimension ? `is partitioned by ${dimension}` : 'is not a hypertable'}.`,
    )
  }
  const refs = [spec.split, ...spec.filters.map((f) => f.column)].filter((c) => c !== null)
  if (refs.some((c) => c.via)) {
    throw new AppError(
      'invalid_input',
      'A rollup groups by the table’s own columns: split and filter by a column of this table, not one reached through a foreign key.',
    )
  }
  if (spec.measures.some((m) => m.aggregate === 'first' || m.aggregate === 'last')) {
    throw new AppError(
      'invalid_input',
      'first and last cannot be rebuilt from a rollup: pick avg, min, max, sum or count.',
    )
  }
  const groups = [...new Set(refs.map((c) => c.column))]
  const sources = [...new Set(spec.measures.map((m) => m.column))]
  const used = new Set([...groups, dimension])
  const alias = (wanted: string) => {
    let out = wanted.slice(0, 60)
    for (let i = 2; used.has(out); i++) out = `${wanted.slice(0, 57)}_${i}`
    used.add(out)
    return out
  }
  const bucketColumn = alias('bucket')
  const columns: RollupColumn[] = []
  for (const source of sources) {
    for (const fn of ['sum', 'count', 'min', 'max'] as const) {
      columns.push({ column: alias(`${source}_${fn}`), fn, source })
    }
  }
  columns.push({ column: alias('rows'), fn: 'count', source: null })

  const now = Date.now()
  const shape = {
    spec,
    bucketSeconds: request.bucketSeconds,
    timeZone: request.timeZone,
    fromMs: now - 366 * 86_400_000,
    toMs: now,
  }
  const stub = (bucketSeconds: number): RollupInfo => ({
    view: table,
    hypertable: table,
    timeColumn: dimension,
    bucketColumn,
    bucketSeconds,
    timeZone: null,
    originMs: null,
    groupColumns: groups.map((g) => ({ column: g, source: g })),
    columns,
    materializedOnly: true,
    watermarkMs: null,
  })
  const bucketSeconds = [...TIDY_BUCKET_SECONDS]
    .reverse()
    .find((s) => s <= HOUR && refusal(stub(s), shape) === null)
  if (bucketSeconds === undefined) {
    throw new AppError(
      'invalid_input',
      `No tidy bucket of an hour or less fits this chart's ${request.bucketSeconds} s buckets in ${request.timeZone}.`,
    )
  }
  let viewName =
    name ?? `${table.name.slice(0, 50)}_${bucketShortLabel(bucketSeconds).replace(' ', '')}`
  if (name === null) {
    for (let i = 2; await taken(db, table.schema, viewName, signal); i++) {
      viewName = `${table.name.slice(0, 48)}_${bucketShortLabel(bucketSeconds).replace(' ', '')}_${i}`
    }
  } else if (await taken(db, table.schema, viewName, signal)) {
    throw new AppError('conflict', `${table.schema}.${viewName} exists already: pick another name.`)
  }
  const view = { schema: table.schema, name: viewName }
  const q = quoteIdent
  const select = [
    `time_bucket(${interval(bucketSeconds)}, ${q(dimension)}) AS ${q(bucketColumn)}`,
    ...groups.map(q),
    ...columns.map((c) => `${c.fn}(${c.source === null ? '*' : q(c.source)}) AS ${q(c.column)}`),
  ]
  const groupBy = Array.from({ length: groups.length + 1 }, (_, i) => i + 1).join(', ')
  const create = `CREATE MATERIALIZED VIEW ${qualified(view)} WITH (timescaledb.continuous) AS
SELECT ${select.join(',\n       ')}
  FROM ${qualified(table)}
 GROUP BY ${groupBy}
WITH NO DATA`
  const policy = `SELECT add_continuous_aggregate_policy(${literal(qualified(view))}::regclass,
  start_offset => ${interval(Math.max(3 * 86_400, 4 * bucketSeconds))},
  end_offset => ${interval(bucketSeconds)},
  schedule_interval => ${interval(Math.max(60, bucketSeconds))})`
  return {
    view,
    bucketSeconds,
    groupColumns: groups,
    aggregates: columns.map((c) => `${c.fn}(${c.source ?? '*'})`),
    sql: [create, policy],
  }
}
