import type { Queryable, QueryOptions } from '../db/driver'
import { TIMESCALEDB_INSTALLED_SQL } from '../db/timescaledb'

export interface SeriesCapabilities {
  timescaledb: boolean
  serverVersionNum: number
  /** sensors and sensor_data both exist (on the search path, like the quick start's own SQL). */
  tables: boolean
}

/** What the server can do, as select-list columns (the series-keys statement carries them too). */
export const CAPABILITY_COLUMNS = `${TIMESCALEDB_INSTALLED_SQL} AS timescaledb,
       current_setting('server_version_num')::int AS version_num`

export interface CapabilityRow {
  timescaledb: string | null
  version_num: number
}

export function capabilitiesOf(
  row: CapabilityRow | undefined,
  tables: boolean,
): SeriesCapabilities {
  return {
    timescaledb: row?.timescaledb != null,
    serverVersionNum: Number(row?.version_num ?? 0),
    tables,
  }
}

interface Row extends CapabilityRow {
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
    `SELECT ${CAPABILITY_COLUMNS},
            to_regclass('sensor_data') IS NOT NULL AS data_table,
            to_regclass('sensors') IS NOT NULL AS sensors_table`,
    [],
    options,
  )
  const row = rows[0]
  return capabilitiesOf(row, row?.data_table === true && row.sensors_table === true)
}
