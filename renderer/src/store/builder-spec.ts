/**
 * The chart builder's edits of a chart spec, and the time column's extent in
 * epoch ms: pure, so every choice is tested without a browser.
 */
import type {
  CatalogList,
  ColumnRef,
  ColumnTimeRange,
  TableRef,
  TimeBound,
} from '../../../shared/domain/catalog'
import type { Aggregate, ChartSpec, TimeUnit } from '../../../shared/domain/chart'
import { QUICK_START_TABLE } from '../../../shared/domain/quick-start-preset'
import type { ChartExtent } from './chart-settings'

const DAY_MS = 86_400_000
const MS_PER_UNIT: Record<TimeUnit, number> = { s: 1000, ms: 1, us: 1 / 1000, ns: 1 / 1e6 }

/** A column reference as one string: the column, or "via→column". */
export function refKey(ref: ColumnRef): string {
  return ref.via === undefined ? ref.column : `${ref.via}→${ref.column}`
}

export const sameRef = (a: ColumnRef | null, b: ColumnRef | null) =>
  a !== null && b !== null && refKey(a) === refKey(b)

export const sameTable = (a: TableRef | null, b: TableRef | null) =>
  a !== null && b !== null && a.schema === b.schema && a.name === b.name

/** Ticks or unticks a measure; a new one is averaged. The spec's order follows the ticks. */
export function withMeasure(spec: ChartSpec, column: string, on: boolean): ChartSpec {
  const rest = spec.measures.filter((m) => m.column !== column)
  return { ...spec, measures: on ? [...rest, { column, aggregate: 'avg' }] : rest }
}

export function withAggregate(spec: ChartSpec, column: string, aggregate: Aggregate): ChartSpec {
  return {
    ...spec,
    measures: spec.measures.map((m) => (m.column === column ? { ...m, aggregate } : m)),
  }
}

export function withSplit(spec: ChartSpec, split: ColumnRef | null): ChartSpec {
  return { ...spec, split }
}

/** The filter on `ref` keeps these values; none removes it (a filter always has a value). */
export function withFilter(spec: ChartSpec, ref: ColumnRef, values: (string | null)[]): ChartSpec {
  const others = spec.filters.filter((f) => !sameRef(f.column, ref))
  if (values.length === 0) return { ...spec, filters: others }
  const at = spec.filters.findIndex((f) => sameRef(f.column, ref))
  const filter = { column: ref, values }
  const filters = [...others]
  filters.splice(at === -1 ? filters.length : at, 0, filter)
  return { ...spec, filters }
}

export function withTime(spec: ChartSpec, column: string, unit?: TimeUnit): ChartSpec {
  return { ...spec, time: unit ? { column, unit } : { column } }
}

function boundMs(bound: TimeBound | null, unit: TimeUnit | undefined, end: boolean) {
  if (!bound) return null
  switch (bound.kind) {
    case 'instant':
      return bound.ms
    case 'date': {
      const day = Date.parse(`${bound.value}T00:00:00Z`)
      // A day's readings run to its end.
      return Number.isNaN(day) ? null : end ? day + DAY_MS - 1 : day
    }
    case 'integer': {
      const value = Number(bound.value)
      return unit && Number.isFinite(value) ? value * MS_PER_UNIT[unit] : null
    }
  }
}

/**
 * The extent a range read gives, in ms; null when it could not be read
 * without a scan (or an integer column has no unit yet): "All data" is then
 * not offered, the other ranges are.
 */
export function extentOf(read: ColumnTimeRange, unit: TimeUnit | undefined): ChartExtent | null {
  const range = read.range
  if (!range) return null
  const first = boundMs(range.first, unit, false)
  const last = boundMs(range.last, unit, true)
  if ((range.first && first === null) || (range.last && last === null)) return null
  return { first, last }
}

/**
 * The quick start's sensor_data, where the catalog has both of its tables
 * (public first, as the quick start's own search path finds them).
 */
export function findQuickStart(catalog: CatalogList | null): TableRef | null {
  if (!catalog) return null
  const schemas = [...catalog.schemas].sort(
    (a, b) => Number(b.name === 'public') - Number(a.name === 'public'),
  )
  for (const schema of schemas) {
    const names = new Set(schema.relations.map((r) => r.name))
    if (names.has(QUICK_START_TABLE) && names.has('sensors')) {
      return { schema: schema.name, name: QUICK_START_TABLE }
    }
  }
  return null
}
