/**
 * Sensors as the quick start defines them, plus what a user wants to know
 * about each: how many readings it has and when the last one arrived.
 * Every value travels as a parameter; identifiers are fixed strings.
 */
import {
  QUICK_START_SENSORS,
  type Sensor,
  type SensorDeleted,
  type SensorFields,
  type SensorRef,
  type SeedResult,
} from '../../../shared/domain/sensors'
import { AppError } from '../../../shared/errors'
import type { Driver, Queryable } from '../db/driver'
import { sqlstateOf } from '../db/errors'
import { SCHEMA_LOCK_KEY } from '../schema/setup'
import { quickStartTables } from '../schema/tables'

interface SensorRow {
  id: number
  type: string | null
  location: string | null
  readings: number | string
  last_time: Date | string | null
}

function schemaMissing(): AppError {
  return new AppError(
    'schema_missing',
    'The sensors table does not exist in this database yet. Click "Set up schema" on the Sensors page first.',
  )
}

/** Which of the two tables exist; a missing sensors table is an error for every sensor call. */
async function tablesPresent(db: Queryable): Promise<{ sensorData: boolean }> {
  const tables = await quickStartTables(db)
  if (!tables.sensors) throw schemaMissing()
  return { sensorData: tables.sensorData }
}

/**
 * The sensors with their reading counts. One grouped pass over sensor_data
 * serves every sensor; a sensor_data not created yet means no readings.
 * With `byId`, $1 picks one sensor (and the index on sensor_id its readings).
 */
function sensorsSql(sensorData: boolean, byId: boolean): string {
  const where = byId ? 'WHERE s.id = $1' : ''
  if (!sensorData) {
    return `SELECT s.id, s.type, s.location, 0::int8 AS readings, NULL::timestamptz AS last_time
            FROM sensors s ${where} ORDER BY s.id`
  }
  return `SELECT s.id, s.type, s.location,
                 coalesce(r.readings, 0)::int8 AS readings, r.last_time
          FROM sensors s
          LEFT JOIN (SELECT d.sensor_id, count(*) AS readings, max(d.time) AS last_time
                     FROM sensor_data d ${byId ? 'WHERE d.sensor_id = $1' : ''}
                     GROUP BY d.sensor_id) r ON r.sensor_id = s.id
          ${where}
          ORDER BY s.id`
}

function toSensor(row: SensorRow): Sensor {
  return {
    id: Number(row.id),
    type: row.type,
    location: row.location,
    readings: Number(row.readings),
    lastReadingAt: row.last_time === null ? null : new Date(row.last_time).getTime(),
  }
}

/** Every sensor, by id, with its number of readings and the time of its newest one. */
export async function listSensors(db: Queryable): Promise<Sensor[]> {
  const { sensorData } = await tablesPresent(db)
  const { rows } = await db.query<SensorRow>(sensorsSql(sensorData, false))
  return rows.map(toSensor)
}

/** One sensor, or a not_found error naming its id (the caller has checked the tables). */
async function readSensor(db: Queryable, id: number, sensorData: boolean): Promise<Sensor> {
  const { rows } = await db.query<SensorRow>(sensorsSql(sensorData, true), [id])
  if (!rows[0]) throw notFound(id)
  return toSensor(rows[0])
}

async function insertSensor(db: Queryable, type: string, location: string): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    'INSERT INTO sensors (type, location) VALUES ($1, $2) RETURNING id',
    [type, location],
  )
  const id = rows[0]?.id
  if (id === undefined) throw new AppError('internal', 'The new sensor was not returned.')
  return Number(id)
}

function notFound(id: number): AppError {
  return new AppError('not_found', `Sensor ${id} does not exist (it may have just been deleted).`)
}

export async function addSensor(db: Queryable, fields: SensorFields): Promise<Sensor> {
  const { sensorData } = await tablesPresent(db)
  const id = await insertSensor(db, fields.type, fields.location)
  return readSensor(db, id, sensorData)
}

export async function updateSensor(
  db: Queryable,
  id: number,
  fields: SensorFields,
): Promise<Sensor> {
  const { sensorData } = await tablesPresent(db)
  const { rowCount } = await db.query('UPDATE sensors SET type = $2, location = $3 WHERE id = $1', [
    id,
    fields.type,
    fields.location,
  ])
  if (rowCount === 0) throw notFound(id)
  return readSensor(db, id, sensorData)
}

/**
 * Deletes a sensor and, when the user confirmed it, its readings, in one
 * transaction: both go, or neither does. Without confirmation a sensor with
 * readings stays, and the error says how many readings it has.
 */
export async function deleteSensor(
  driver: Driver,
  id: number,
  deleteReadings: boolean,
): Promise<SensorDeleted> {
  return driver.transaction(async (tx) => {
    const { sensorData } = await tablesPresent(tx)
    // The row lock makes concurrent inserts of readings for this sensor wait
    // (their foreign-key check needs a share lock on it), so the count holds.
    const { rows } = await tx.query<{ type: string | null; location: string | null }>(
      'SELECT type, location FROM sensors WHERE id = $1 FOR UPDATE',
      [id],
    )
    const sensor = rows[0]
    if (!sensor) throw notFound(id)
    let readingsDeleted = 0
    if (sensorData) {
      const counted = await tx.query<{ n: number }>(
        'SELECT count(*)::int8 AS n FROM sensor_data WHERE sensor_id = $1',
        [id],
      )
      const readings = Number(counted.rows[0]?.n ?? 0)
      if (readings > 0 && !deleteReadings) {
        throw new AppError(
          'conflict',
          `Sensor ${id} (${sensor.type ?? '—'}, ${sensor.location ?? '—'}) has ${readings.toLocaleString('en-US')} readings. ` +
            'Confirm to delete them together with the sensor.',
          { readings },
        )
      }
      if (readings > 0) {
        const deleted = await tx.query('DELETE FROM sensor_data WHERE sensor_id = $1', [id])
        readingsDeleted = deleted.rowCount
      }
    }
    await tx.query('DELETE FROM sensors WHERE id = $1', [id])
    return { id, readingsDeleted }
  })
}

/**
 * Adds the quick start's four sensors, ('a','floor'), ('a','ceiling'),
 * ('b','floor'), ('b','ceiling'), skipping any pair that already exists (the
 * quick start itself would add duplicates; a second click here adds nothing).
 * Run it inside a transaction: the lock it takes lasts until that ends.
 */
export async function seedQuickStartSensors(db: Queryable): Promise<SeedResult> {
  await tablesPresent(db)
  await db.query('SELECT pg_advisory_xact_lock($1::int8)', [SCHEMA_LOCK_KEY])
  const result: SeedResult = { added: [], existing: [] }
  for (const [type, location] of QUICK_START_SENSORS) {
    const found = await db.query<{ id: number }>(
      'SELECT id FROM sensors WHERE type = $1 AND location = $2 ORDER BY id LIMIT 1',
      [type, location],
    )
    if (found.rows[0]) {
      result.existing.push(ref(found.rows[0].id, type, location))
      continue
    }
    result.added.push(ref(await insertSensor(db, type, location), type, location))
  }
  return result
}

function ref(id: number, type: string, location: string): SensorRef {
  return { id: Number(id), type, location }
}

/** Turns what the database said into what the user can act on, keeping the server's words. */
export function explainSensorError(error: unknown): unknown {
  if (!(error instanceof AppError)) return error
  switch (sqlstateOf(error)) {
    case '42P01': // undefined_table: dropped behind our back
      return schemaMissing()
    case '22001': // string_data_right_truncation: the database's own limit is the final word
      return new AppError(
        'invalid_input',
        `Type or location is longer than this database allows: ${error.message}`,
        error.detail,
      )
    case '23503': // foreign_key_violation: another table still points at the sensor
      return new AppError(
        'conflict',
        `Nothing was deleted: another table still refers to this sensor. ${error.message}`,
        error.detail,
      )
    default:
      return error
  }
}
