import { z } from 'zod'

/** The quick start's columns are VARCHAR(50): PostgreSQL counts characters, not UTF-16 units. */
export const SENSOR_TEXT_MAX = 50

/** Characters as PostgreSQL counts them in a UTF-8 database: code points. */
export function characterCount(text: string): number {
  let count = 0
  for (const _ of text) count++
  return count
}

/**
 * A sensor's type or location: trimmed, 1–50 characters. The database's own
 * VARCHAR(50) stays the final word (a server in another encoding may count
 * differently); this only spares a round trip for what is surely wrong.
 */
export function sensorTextSchema(field: 'Type' | 'Location') {
  return z
    .string()
    .max(1000, `${field} is too long`)
    .trim()
    .min(1, `${field} is required`)
    .refine((text) => characterCount(text) <= SENSOR_TEXT_MAX, {
      message: `${field} must be at most ${SENSOR_TEXT_MAX} characters`,
    })
    .refine((text) => !text.includes('\u0000'), {
      message: `${field} cannot contain a NUL character`,
    })
}

/** PostgreSQL's int4, the type of sensors.id (SERIAL). */
export const SensorIdSchema = z.number().int().min(1).max(2_147_483_647)

export const SensorFieldsSchema = z.strictObject({
  type: sensorTextSchema('Type'),
  location: sensorTextSchema('Location'),
})
export type SensorFields = z.output<typeof SensorFieldsSchema>

export const SensorUpdateSchema = z.strictObject({
  id: SensorIdSchema,
  type: sensorTextSchema('Type'),
  location: sensorTextSchema('Location'),
})

export const SensorDeleteSchema = z.strictObject({
  id: SensorIdSchema,
  /**
   * The user confirmed that the sensor's readings go with it. Without it a
   * sensor that has readings is not deleted (the reply says how many there are).
   */
  deleteReadings: z.boolean().default(false),
})

export interface Sensor {
  id: number
  /** Null only for rows written outside the app (the quick start's columns are nullable). */
  type: string | null
  location: string | null
  /** Rows in sensor_data for this sensor. */
  readings: number
  /** Time of the newest reading, epoch ms, or null when there is none. */
  lastReadingAt: number | null
}

export interface SensorRef {
  id: number
  type: string
  location: string
}

export interface SensorDeleted {
  id: number
  readingsDeleted: number
}

/** What "Add the four quick-start sensors" did: pairs already present are not added twice. */
export interface SeedResult {
  added: SensorRef[]
  existing: SensorRef[]
}

/** The quick start's four sensors, in its order (so a fresh table gives them ids 1–4). */
/**
 * "sensor 3 (a · floor)": which sensor a row's button acts on, for its
 * accessible name (every row's buttons otherwise all say "Edit" and "Delete").
 */
export function sensorName(s: Pick<Sensor, 'id' | 'type' | 'location'>): string {
  return `sensor ${s.id} (${s.type ?? '—'} · ${s.location ?? '—'})`
}

export const QUICK_START_SENSORS: readonly (readonly [type: string, location: string])[] = [
  ['a', 'floor'],
  ['a', 'ceiling'],
  ['b', 'floor'],
  ['b', 'ceiling'],
]
