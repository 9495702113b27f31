/**
 * The two indexes the quick start's queries need on sensor_data: (sensor_id,
 * time DESC) for per-sensor charts and the sensor list, and (time DESC) for
 * time windows over all sensors and for reading the data's first and last
 * time. create_hypertable makes the time index itself; on plain PostgreSQL
 * setup makes it, or a "last hour" over all sensors scans the whole table.
 */
import { SENSOR_INDEX_NAME, TIME_INDEX_NAME } from '../../../shared/domain/schema'
import type { Queryable } from '../db/driver'

export interface SensorDataIndexes {
  /** A valid index whose keys start with (sensor_id, time). */
  sensorTime: boolean
  /** A valid index whose first key is time. */
  time: boolean
}

// Valid, not partial, not on an expression; the column names come from the catalog.
const INDEXES_SQL = `
  WITH t AS (SELECT to_regclass('sensor_data') AS oid),
       col AS (SELECT a.attname, a.attnum FROM pg_attribute a, t
               WHERE a.attrelid = t.oid AND a.attname IN ('sensor_id', 'time'))
  SELECT
    EXISTS (SELECT 1 FROM pg_index i, t
            WHERE i.indrelid = t.oid AND i.indisvalid AND i.indpred IS NULL AND i.indnkeyatts >= 2
              AND i.indkey[0] = (SELECT attnum FROM col WHERE attname = 'sensor_id')
              AND i.indkey[1] = (SELECT attnum FROM col WHERE attname = 'time')) AS sensor_time,
    EXISTS (SELECT 1 FROM pg_index i, t
            WHERE i.indrelid = t.oid AND i.indisvalid AND i.indpred IS NULL
              AND i.indkey[0] = (SELECT attnum FROM col WHERE attname = 'time')) AS time`

/** Which of the two indexes sensor_data has (both false when it does not exist). */
export async function readSensorDataIndexes(db: Queryable): Promise<SensorDataIndexes> {
  const { rows } = await db.query<{ sensor_time: boolean; time: boolean }>(INDEXES_SQL)
  return { sensorTime: rows[0]?.sensor_time === true, time: rows[0]?.time === true }
}

const CREATE = {
  sensorTime: `CREATE INDEX ${SENSOR_INDEX_NAME} ON sensor_data (sensor_id, time DESC)`,
  // The name and shape create_hypertable gives its default index.
  time: `CREATE INDEX ${TIME_INDEX_NAME} ON sensor_data (time DESC)`,
}

/**
 * Creates whichever of the two is missing (inside the caller's transaction).
 * An index never changes a row; it only takes a moment on a large table.
 * Returns what it did, in setup's words.
 */
export async function createMissingIndexes(db: Queryable): Promise<string[]> {
  const have = await readSensorDataIndexes(db)
  const done: string[] = []
  if (!have.sensorTime) {
    await db.query(CREATE.sensorTime)
    done.push(`created index ${SENSOR_INDEX_NAME} on sensor_data (sensor_id, time DESC)`)
  }
  if (!have.time) {
    await db.query(CREATE.time)
    done.push(`created index ${TIME_INDEX_NAME} on sensor_data (time DESC)`)
  }
  return done
}
