/**
 * Which split values a chart draws: at most the series limit, in key order,
 * found the way catalog/values finds them (never a scan of the charted
 * table), and whether the statement must be restricted to them.
 */
import { MAX_SERIES } from '../../../shared/domain/chart'
import type { EntryColumn } from '../catalog/columns'
import type { Condition } from '../catalog/conditions'
import { foreignKeyOf, type CatalogEntry } from '../catalog/entry'
import { readSplitValues } from '../catalog/values'
import type { Queryable } from '../db/driver'
import type { SeriesKey } from './columns'
import type { ChartPlan } from './plan'

export interface KeyChoice {
  keys: SeriesKey[]
  /** Put `split = ANY(keys)` on the statement (null: every value the data has). */
  restrict: string[] | null
  /** Filters (by index in the plan) the keys settle, so the statement leaves them out. */
  settled: Set<number>
  /** Values left out beyond the limit, when known. */
  omitted: number
  /** More values may exist than are drawn (how many unknown). */
  more: boolean
  /** How many split values one chart may draw: the series limit over the measures. */
  limit: number
  note: string | null
}

const sameColumn = (a: { column: EntryColumn; via: unknown }, b: typeof a) =>
  a.column === b.column && a.via === b.via

export async function chooseKeys(
  db: Queryable,
  entry: CatalogEntry,
  plan: ChartPlan,
  signal: AbortSignal | undefined,
): Promise<KeyChoice> {
  const limit = Math.max(1, Math.floor(MAX_SERIES / plan.measures.length))
  const none: KeyChoice = {
    keys: [{ key: '', label: '' }],
    restrict: null,
    settled: new Set(),
    omitted: 0,
    more: false,
    limit,
    note: null,
  }
  const split = plan.split
  if (!split) return none
  const resolved = split.resolved
  const ownKey = resolved.via ? null : foreignKeyOf(entry, resolved.column.name)
  const settled = new Set<number>()
  const conditions: Condition[] = []

  if (ownKey) {
    // Split by a foreign key column: filters on it or through it become
    // conditions on the referenced table, and the chart reads only those keys.
    const keyColumn = ownKey.referencedTableColumns.find(
      (c) => c.name === ownKey.referencedColumns[0],
    )
    plan.filters.forEach((f, i) => {
      const r = f.column.resolved
      if (r.via === ownKey) conditions.push({ column: r.column, values: f.values })
      else if (sameColumn(r, resolved) && keyColumn) {
        conditions.push({ column: keyColumn, values: f.values })
      } else return
      settled.add(i)
    })
  } else {
    // A filter on the split column itself names the keys outright.
    const own = plan.filters.findIndex((f) => sameColumn(f.column.resolved, resolved))
    const filter = plan.filters[own]
    if (filter) {
      const keys = filter.values.map((v) => ({ key: v ?? '', label: v ?? '(none)' }))
      return {
        ...none,
        keys: keys.slice(0, limit),
        restrict: null,
        omitted: Math.max(0, keys.length - limit),
      }
    }
    if (resolved.via) {
      plan.filters.forEach((f) => {
        if (f.column.resolved.via === resolved.via) {
          conditions.push({ column: f.column.resolved.column, values: f.values })
        }
      })
    }
  }

  const found = await readSplitValues(db, entry, resolved, {
    search: '',
    limit,
    conditions,
    signal,
  })
  const keys = found.values.map((v) => ({ key: v.value ?? '', label: v.label }))
  const omitted = found.total !== null ? Math.max(0, found.total - keys.length) : 0
  // Nothing listed (no statistics yet): take what the data has, up to the limit.
  const open = keys.length === 0 && found.source === 'statistics'
  const restrict = open || (found.complete && settled.size === 0) ? null : keys.map((k) => k.key)
  return {
    keys,
    restrict,
    settled,
    omitted,
    more: !found.complete && found.total === null,
    limit,
    note: found.source === 'statistics' && !found.complete ? found.note : null,
  }
}
