import type { Queryable, QueryOptions } from '../db/driver'
import { TIMESCALEDB_INSTALLED_SQL } from '../db/timescaledb'

/** What the server can do, as the catalog reads and the chart statements need it. */
export interface ServerFeatures {
  /** The installed TimescaleDB version in this database, or null. */
  timescaledb: string | null
  /** The schema TimescaleDB's functions live in (usually public), or null. */
  timescaleSchema: string | null
  serverVersionNum: number
}

/** Select-list columns for ServerFeatures, so other statements can carry them too. */
export const FEATURE_COLUMNS = `${TIMESCALEDB_INSTALLED_SQL} AS ts_version,
       (SELECT en.nspname FROM pg_extension e JOIN pg_namespace en ON en.oid = e.extnamespace
         WHERE e.extname = 'timescaledb') AS ts_schema,
       current_setting('server_version_num')::int AS version_num`

export interface FeatureRow {
  ts_version: string | null
  ts_schema: string | null
  version_num: number | string
}

export function featuresOf(row: FeatureRow | undefined): ServerFeatures {
  return {
    timescaledb: row?.ts_version ?? null,
    timescaleSchema: row?.ts_schema ?? null,
    serverVersionNum: Number(row?.version_num ?? 0),
  }
}

/** Read fresh each time: another window may install TimescaleDB at any moment. */
export async function readFeatures(
  db: Queryable,
  options: QueryOptions = {},
): Promise<ServerFeatures> {
  const { rows } = await db.query<FeatureRow>(`SELECT ${FEATURE_COLUMNS}`, [], options)
  return featuresOf(rows[0])
}
