/**
 * What the chart builder offers for one table, from its catalog detail: the
 * time columns, the numeric measures, and the split-by / filter columns of the
 * table and of the tables its single-column foreign keys reference. Pure, so
 * the builder's choices are tested without a browser.
 */
import type {
  CatalogColumn,
  ColumnRef,
  TableDetail,
  TimeKind,
} from '../../../shared/domain/catalog'
import type { ChartSpec } from '../../../shared/domain/chart'
import { refKey } from './builder-spec'

export interface SplitOption {
  /** A stable key for a <select>: the column, or "via→column". */
  value: string
  ref: ColumnRef
  /** "station", or "sensor_id → sensors.location". */
  label: string
  type: string
}

export interface TimeOption {
  column: string
  kind: TimeKind
  type: string
}

export interface BuilderOptions {
  time: TimeOption[]
  measures: CatalogColumn[]
  splits: SplitOption[]
  /** The default time column (the time dimension, or the only time-like column). */
  defaultTime: string | null
}

export function builderOptions(detail: TableDetail): BuilderOptions {
  const time = detail.columns.flatMap((c) =>
    c.time ? [{ column: c.name, kind: c.time, type: c.type }] : [],
  )
  const splits: SplitOption[] = detail.columns
    .filter((c) => c.splittable)
    .map((c) => ({ value: c.name, ref: { column: c.name }, label: c.name, type: c.type }))
  for (const fk of detail.foreignKeys) {
    const via = fk.columns[0]
    if (fk.columns.length !== 1 || via === undefined) continue
    for (const c of fk.referencedTableColumns) {
      if (!c.splittable || fk.referencedColumns.includes(c.name)) continue
      const ref = { via, column: c.name }
      splits.push({
        value: refKey(ref),
        ref,
        label: `${via} → ${fk.references.name}.${c.name}`,
        type: c.type,
      })
    }
  }
  return {
    time,
    measures: detail.columns.filter((c) => c.numeric),
    splits,
    defaultTime: detail.defaultTimeColumn,
  }
}

/** Whether a table can be charted at all: a time column and a number to draw. */
export function chartable(detail: Pick<TableDetail, 'columns'>): boolean {
  return detail.columns.some((c) => c.time) && detail.columns.some((c) => c.numeric)
}

/**
 * The builder's first chart of a table: its default time column and its
 * first reading (a number that is not the time, a key, or an integer that
 * could be an id), averaged, no split, no filters.
 */
export function defaultSpec(detail: TableDetail): ChartSpec | null {
  const options = builderOptions(detail)
  const time = options.defaultTime ?? options.time.find((t) => t.kind !== 'integer')?.column
  const keys = new Set([...detail.primaryKey, ...detail.foreignKeys.flatMap((fk) => fk.columns)])
  const candidates = options.measures.filter((c) => c.name !== time && !keys.has(c.name))
  const measure = candidates.find((c) => !c.splittable) ?? candidates[0]
  if (!time || !measure) return null
  return {
    table: { schema: detail.schema, name: detail.name },
    time: { column: time },
    measures: [{ column: measure.name, aggregate: 'avg' }],
    split: null,
    filters: [],
  }
}
