import { readFeatures } from '../catalog/features'
import type { Queryable, QueryOptions } from '../db/driver'
import { quickStartTables } from '../schema/tables'

export interface SeriesCapabilities {
  timescaledb: boolean
  serverVersionNum: number
  /** sensors and sensor_data both exist (on the search path, like the quick start's own SQL). */
  tables: boolean
}

/**
 * Read fresh each time, never cached: another page may install TimescaleDB or
 * create the tables at any moment.
 */
export async function readCapabilities(
  db: Queryable,
  options: QueryOptions = {},
): Promise<SeriesCapabilities> {
  const features = await readFeatures(db, options)
  const tables = await quickStartTables(db)
  return {
    timescaledb: features.timescaledb !== null,
    serverVersionNum: features.serverVersionNum,
    tables: tables.sensors && tables.sensorData,
  }
}
