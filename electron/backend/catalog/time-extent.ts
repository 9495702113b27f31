/**
 * The first and last value of a time column, read from the ends of its index
 * instead of a scan of the table: `ORDER BY col LIMIT 1` each way, which the
 * planner serves from a btree index on the column, and on a hypertable from
 * the first and last chunk's index (ordered ChunkAppend). min()/max() ask
 * for the same thing, but only plain tables get that rewrite for certain.
 * Without any index on the column each end is a scan, so callers make sure
 * one exists (schema setup does for sensor_data).
 */
import { quoteIdent, type Queryable, type QueryOptions } from '../db/driver'

/**
 * A time column as the catalog names it (unquoted): the table as [name] or
 * [schema, name]. The caller has found it in the catalog; quoting happens
 * here, where the names meet the SQL.
 */
export interface TimeColumn {
  table: readonly [string] | readonly [string, string]
  column: string
  /**
   * What each end reads, an expression of the quoted column (e.g. its epoch
   * in ms); the column itself by default. The order stays on the column, so
   * the index still serves it.
   */
  select?: (quotedColumn: string) => string
}

export interface TimeExtent<T> {
  /** Null when the table holds no non-null value in the column. */
  first: T | null
  last: T | null
}

/** The one statement: two index probes, NULLs left out (an index keeps them at one end). */
export function timeExtentStatement(target: TimeColumn): string {
  const table = target.table.map(quoteIdent).join('.')
  const column = quoteIdent(target.column)
  const value = target.select ? target.select(column) : column
  const end = (direction: 'ASC' | 'DESC') =>
    `(SELECT ${value} FROM ${table} WHERE ${column} IS NOT NULL ORDER BY ${column} ${direction} LIMIT 1)`
  return `SELECT ${end('ASC')} AS first, ${end('DESC')} AS last`
}

/** First and last value as the driver parses the column's type (a Date for timestamptz). */
export async function readTimeExtent<T = Date>(
  db: Queryable,
  target: TimeColumn,
  options: QueryOptions = {},
): Promise<TimeExtent<T>> {
  const { rows } = await db.query<{ first: T | null; last: T | null }>(
    timeExtentStatement(target),
    [],
    options,
  )
  return { first: rows[0]?.first ?? null, last: rows[0]?.last ?? null }
}
