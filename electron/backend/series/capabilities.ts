import type { Queryable, QueryOptions } from '../db/driver'

export interface SeriesCapabilities {
  timescaledb: boolean
  serverVersionNum: number
  /** sensors and sensor_data both exist (on the search path, like the quick start's own SQL). */
  tables: boolean
}

interface Row {
  timescaledb: string | null
  version_num: number
  data_table: boolean
  sensors_table: boolean
}

/**
 * Read fresh each time, never cached: another page may install TimescaleDB or
 * create the tables at any moment. (series/bucketed reads the same facts in its
 * series-keys statement and calls this only when no series matched.)
 */
export async function readCapabilities(
  db: Queryable,
  options: QueryOptions = {},
): Promise<SeriesCapabilities> {
  const { rows } = await db.query<Row>(
    `SELECT (SELECT extversion FROM pg_extension WHERE extname = 'timescaledb') AS timescaledb,
            current_setting('server_version_num')::int AS version_num,
            to_regclass('sensor_data') IS NOT NULL AS data_table,
            to_regclass('sensors') IS NOT NULL AS sensors_table`,
    [],
    options,
  )
  const row = rows[0]
  return {
    timescaledb: row?.timescaledb != null,
    serverVersionNum: Number(row?.version_num ?? 0),
    tables: row?.data_table === true && row.sensors_table === true,
  }
}
