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

declare const quoted: unique symbol
/** An identifier checked against the catalog and quoted (optionally schema-qualified). */
export type QuotedName = string & { readonly [quoted]: true }

/** Quotes each part ("schema"."table") of a name the caller has already found in the catalog. */
export function quotedName(...parts: [string, ...string[]]): QuotedName {
  return parts.map(quoteIdent).join('.') as QuotedName
}

export interface TimeColumn {
  table: QuotedName
  column: QuotedName
}

export interface TimeExtent<T> {
  /** Null when the table holds no non-null value in the column. */
  first: T | null
  last: T | null
}

/** The one statement: two index probes, NULLs left out (an index keeps them at one end). */
export function timeExtentStatement({ table, column }: TimeColumn): string {
  const end = (direction: 'ASC' | 'DESC') =>
    `(SELECT ${column} FROM ${table} WHERE ${column} IS NOT NULL ORDER BY ${column} ${direction} LIMIT 1)`
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
