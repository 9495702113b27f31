import { catalogRead, type Queryable } from '../db/driver'

/**
 * TimescaleDB chunks of sensor_data whose time range overlaps [from, to], and
 * the total number of chunks; null where sensor_data is not a hypertable.
 */
export async function chunkCounts(
  db: Queryable,
  from: number,
  to: number,
): Promise<{ overlapping: number; total: number } | null> {
  // Catalog reads: on a server with LLVM, JIT would compile the chunks view's plan first.
  const { rows: ext } = await db.query(
    "SELECT 1 FROM pg_extension WHERE extname = 'timescaledb'",
    [],
    catalogRead(),
  )
  if (ext.length === 0) return null
  const { rows } = await db.query<{ overlapping: number; total: number; hyper: boolean }>(
    `SELECT count(*) FILTER (WHERE range_end > $1 AND range_start <= $2)::int AS overlapping,
            count(*)::int AS total,
            EXISTS (SELECT 1 FROM timescaledb_information.hypertables
                     WHERE hypertable_name = 'sensor_data') AS hyper
       FROM timescaledb_information.chunks
      WHERE hypertable_name = 'sensor_data'`,
    [new Date(from).toISOString(), new Date(to).toISOString()],
    catalogRead(),
  )
  const row = rows[0]
  if (!row?.hyper) return null
  return { overlapping: row.overlapping, total: row.total }
}

/**
 * Refreshes the planner's statistics after a load, so row estimates (the
 * Sensors page's) are known at once: the embedded engine has no autovacuum to
 * do it later. Best effort — a load that committed has succeeded regardless.
 */
export async function analyzeSensorData(db: Queryable): Promise<void> {
  try {
    await db.query('ANALYZE sensor_data')
  } catch {
    // e.g. not the table's owner: PostgreSQL keeps its older statistics.
  }
}
