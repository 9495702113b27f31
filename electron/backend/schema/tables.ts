import type { Queryable } from '../db/driver'

export interface QuickStartTables {
  sensors: boolean
  sensorData: boolean
}

/**
 * Which of the quick start's two tables exist, as the session's search path
 * resolves them. Callers decide what a missing table means for them.
 */
export async function quickStartTables(db: Queryable): Promise<QuickStartTables> {
  const { rows } = await db.query<{ sensors: boolean; sensor_data: boolean }>(
    `SELECT to_regclass('sensors') IS NOT NULL AS sensors,
            to_regclass('sensor_data') IS NOT NULL AS sensor_data`,
  )
  return { sensors: rows[0]?.sensors === true, sensorData: rows[0]?.sensor_data === true }
}
