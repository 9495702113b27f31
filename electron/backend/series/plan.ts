/**
 * A chart spec resolved against the catalog: every name looked up, quoted,
 * and turned into the SQL fragments the statement is assembled from. This is
 * where a renderer's word for a table or column stops: nothing reaches SQL
 * that the catalog entry does not hold. (A rollup planner can produce a plan
 * over a continuous aggregate instead: the statement only reads the plan.)
 */
import type { TableRef, TimeKind } from '../../../shared/domain/catalog'
import {
  measureLabel,
  timeUnitLabels,
  type ChartSpec,
  type Measure,
  type TimeUnit,
} from '../../../shared/domain/chart'
import { AppError } from '../../../shared/errors'
import type { EntryColumn } from '../catalog/columns'
import {
  findColumn,
  resolveSplittable,
  type CatalogEntry,
  type ResolvedColumn,
} from '../catalog/entry'
import type { ServerFeatures } from '../catalog/features'
import type { EntryForeignKey } from '../catalog/keys'
import { qualified } from '../catalog/time-range'
import { quoteIdent } from '../db/driver'

/** The alias of the charted relation in every statement. */
export const SOURCE_ALIAS = 'd'

export interface PlanTime {
  column: EntryColumn
  /** The column itself, e.g. d."observed_at": ranges compare it as it is, so indexes serve them. */
  raw: string
  kind: TimeKind
  /** For an integer column: what it counts since the epoch. */
  unit: TimeUnit | null
}

export interface PlanMeasure {
  measure: Measure
  column: EntryColumn
  expr: string
  label: string
}

export interface PlanColumn {
  resolved: ResolvedColumn
  /** d."station", or r0."region" for a column reached through a foreign key. */
  expr: string
}

export interface PlanFilter {
  column: PlanColumn
  values: (string | null)[]
}

export interface PlanJoin {
  fk: EntryForeignKey
  alias: string
  sql: string
}

export interface ChartPlan {
  table: TableRef
  /** The FROM item: the relation and its alias. */
  source: string
  joins: PlanJoin[]
  time: PlanTime
  measures: PlanMeasure[]
  split: PlanColumn | null
  filters: PlanFilter[]
  features: ServerFeatures
  /** How the time column is read and where drawing loses precision, in words. */
  notes: string[]
}

const shown = (name: string) => JSON.stringify(name.slice(0, 70))

function planTime(entry: CatalogEntry, spec: ChartSpec): PlanTime {
  const column = findColumn(entry, spec.time.column)
  const kind = column.time
  if (!kind) {
    throw new AppError(
      'invalid_input',
      `${shown(column.name)} is of type ${column.type.slice(0, 60)}, not a time: pick a timestamptz, timestamp or date column as the time column (or an integer one with its unit).`,
    )
  }
  const unit = kind === 'integer' ? (spec.time.unit ?? null) : null
  if (kind === 'integer' && !unit) {
    throw new AppError(
      'invalid_input',
      `${shown(column.name)} is an integer: say what it counts since 1970-01-01 UTC (seconds, milliseconds, microseconds or nanoseconds) to chart it as time.`,
    )
  }
  return { column, raw: `${SOURCE_ALIAS}.${quoteIdent(column.name)}`, kind, unit }
}

function planMeasure(entry: CatalogEntry, measure: Measure): PlanMeasure {
  const column = findColumn(entry, measure.column)
  if (!column.numeric) {
    throw new AppError(
      'invalid_input',
      `${shown(column.name)} is of type ${column.type.slice(0, 60)}: a measure must be a number (smallint, integer, bigint, real, double precision or numeric).`,
    )
  }
  return {
    measure,
    column,
    expr: `${SOURCE_ALIAS}.${quoteIdent(column.name)}`,
    label: measureLabel(measure),
  }
}

/** What the caption says about the time column. */
function timeNote(time: PlanTime): string | null {
  const name = time.column.name
  switch (time.kind) {
    case 'timestamp':
      return `${name} is a timestamp without time zone: its times are read as UTC.`
    case 'date':
      return `${name} is a date: each day starts at midnight in the chart's time zone, and buckets are a day or more.`
    case 'integer':
      return `${name} counts ${timeUnitLabels[time.unit ?? 's']} since 1970-01-01 UTC.`
    default:
      return null
  }
}

/** numeric beyond 15 digits does not survive double precision, which the chart draws. */
function precisionNote(m: PlanMeasure): string | null {
  if (m.column.baseType !== 'numeric') return null
  if (m.column.numericPrecision !== null && m.column.numericPrecision <= 15) return null
  return `${m.column.name} is ${m.column.type}: drawn as double precision, so digits beyond about 15 significant ones are rounded.`
}

/** Resolves a spec against its catalog entry; refuses what the catalog does not hold. */
export function planChart(entry: CatalogEntry, spec: ChartSpec): ChartPlan {
  const joins: PlanJoin[] = []
  const columnExpr = (resolved: ResolvedColumn): string => {
    const name = quoteIdent(resolved.column.name)
    const fk = resolved.via
    if (!fk) return `${SOURCE_ALIAS}.${name}`
    let join = joins.find((j) => j.fk === fk)
    if (!join) {
      const alias = `r${joins.length}`
      const local = quoteIdent(fk.columns[0] ?? '')
      const remote = quoteIdent(fk.referencedColumns[0] ?? '')
      join = {
        fk,
        alias,
        sql: `LEFT JOIN ${qualified(fk.references)} ${alias} ON ${alias}.${remote} = ${SOURCE_ALIAS}.${local}`,
      }
      joins.push(join)
    }
    return `${join.alias}.${name}`
  }
  const time = planTime(entry, spec)
  const measures = spec.measures.map((m) => planMeasure(entry, m))
  const splitResolved = spec.split ? resolveSplittable(entry, spec.split) : null
  const split = splitResolved ? { resolved: splitResolved, expr: columnExpr(splitResolved) } : null
  const filters = spec.filters.map((f) => {
    const resolved = resolveSplittable(entry, f.column)
    return { column: { resolved, expr: columnExpr(resolved) }, values: f.values }
  })
  const notes = [timeNote(time), ...measures.map(precisionNote)].filter(
    (n): n is string => n !== null,
  )
  return {
    table: entry.ref,
    source: `${qualified(entry.ref)} ${SOURCE_ALIAS}`,
    joins,
    time,
    measures,
    split,
    filters,
    features: entry.features,
    notes: [...new Set(notes)],
  }
}
