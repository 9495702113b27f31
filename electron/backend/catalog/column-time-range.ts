/**
 * catalog/time-range: the first and last time of any time column of a table,
 * for a chart's "All data". Read like the Database page's (time-range.ts):
 * through an index that leads with the column, or from chunk bounds when the
 * column is a hypertable's time dimension; never by a scan.
 */
import type { ColumnTimeRange } from '../../../shared/domain/catalog'
import { AppError } from '../../../shared/errors'
import type { Queryable } from '../db/driver'
import { findColumn, type CatalogEntry } from './entry'
import { readTimeRange } from './time-range'

async function isTimeDimension(db: Queryable, entry: CatalogEntry, column: string) {
  if (!entry.features.timescaledb) return false
  const { rows } = await db.query<{ found: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM timescaledb_information.dimensions
                     WHERE hypertable_schema = $1 AND hypertable_name = $2
                       AND column_name = $3 AND dimension_number = 1) AS found`,
    [entry.ref.schema, entry.ref.name, column],
  )
  return rows[0]?.found === true
}

export async function readColumnTimeRange(
  db: Queryable,
  entry: CatalogEntry,
  columnName: string,
): Promise<ColumnTimeRange> {
  const column = findColumn(entry, columnName)
  if (!column.time) {
    throw new AppError(
      'invalid_input',
      `${JSON.stringify(column.name.slice(0, 70))} is of type ${column.type.slice(0, 60)}, not a time column (timestamptz, timestamp, date or an integer hypertable time).`,
    )
  }
  // With an index the ends are two probes; the chunk lookup is only needed without one.
  const dimension = !column.leadsIndex && (await isTimeDimension(db, entry, column.name))
  return readTimeRange(db, entry.ref, column, dimension)
}
