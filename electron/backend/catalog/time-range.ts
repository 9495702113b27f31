/**
 * A table's first and last time without reading the table: one probe at
 * each end of an index that leads with the time column (readTimeExtent, the
 * one reader of a time column's ends, also behind series/extent), or, for a
 * hypertable without one, its chunks' bounds. Nothing here may scan the
 * whole table.
 */
import type { ColumnTimeRange, TableRef, TimeBound, TimeKind } from '../../../shared/domain/catalog'
import { quoteIdent, type Queryable, type QueryOptions } from '../db/driver'
import type { EntryColumn } from './columns'
import { readTimeExtent } from './time-extent'
import { readChunkBounds } from './timescale'

/** "schema"."table" of a table found in the catalog. */
export function qualified(table: TableRef): string {
  return `${quoteIdent(table.schema)}.${quoteIdent(table.name)}`
}

/** SQL turning a time value into what TimeBound carries (the ORDER BY stays on the column). */
function boundSql(column: string, kind: TimeKind): string {
  switch (kind) {
    case 'timestamptz':
    case 'timestamp':
      // A timestamp without time zone's epoch is its wall-clock time read as UTC.
      return `extract(epoch FROM ${column})::float8 * 1000`
    case 'date':
      return `to_char(${column}, 'YYYY-MM-DD')`
    case 'integer':
      return `${column}::text`
  }
}

function toBound(value: unknown, kind: TimeKind): TimeBound | null {
  if (value === null || value === undefined) return null
  if (kind === 'date') return { kind: 'date', value: String(value) }
  if (kind === 'integer') return { kind: 'integer', value: String(value) }
  const ms = Number(value)
  return Number.isFinite(ms) ? { kind: 'instant', ms } : null
}

export async function readTimeRange(
  db: Queryable,
  table: TableRef,
  column: EntryColumn,
  /** The column is a hypertable's time dimension: its chunks' bounds can stand in for an index. */
  timeDimension: boolean,
  options: QueryOptions = {},
): Promise<ColumnTimeRange> {
  const kind = column.time
  if (!kind) return { range: null, note: `${column.name} is not a time column.` }
  if (column.leadsIndex) {
    const { first, last } = await readTimeExtent<unknown>(
      db,
      {
        table: [table.schema, table.name],
        column: column.name,
        select: (col) => boundSql(col, kind),
      },
      options,
    )
    return {
      range: {
        column: column.name,
        first: toBound(first, kind),
        last: toBound(last, kind),
        source: 'index',
      },
      note: null,
    }
  }
  if (timeDimension) {
    const bounds = await readChunkBounds(db, table, kind === 'integer', options)
    return { range: { column: column.name, ...bounds, source: 'chunks' }, note: null }
  }
  return {
    range: null,
    note: `No index leads with ${column.name}: its first and last time would take a read of the whole table, so they are not shown. An index on (${column.name}) would give them at once.`,
  }
}
