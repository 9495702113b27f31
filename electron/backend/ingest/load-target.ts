import { AppError } from '../../../shared/errors'
import type { Driver, Queryable } from '../db/driver'
import { readSchemaState, setUpSchema } from '../schema/setup'
import { quickStartTables } from '../schema/tables'
import { seedQuickStartSensors } from '../sensors/repository'
import type { ModelSensor } from './sensor-model'

/** Fails clearly when the quick-start tables are not there to load into. */
export async function requireSensorTables(db: Queryable): Promise<void> {
  const tables = await quickStartTables(db)
  if (!tables.sensors || !tables.sensorData) {
    throw new AppError(
      'schema_missing',
      'The sensors and sensor_data tables do not exist yet. Set up the schema first (Sensors page, "Set up schema").',
    )
  }
}

/** The sensors a load generates readings for: the given ids (all must exist), or every sensor. */
export async function sensorsForLoad(
  db: Queryable,
  ids: readonly number[] | undefined,
): Promise<ModelSensor[]> {
  await requireSensorTables(db)
  const { rows } = await db.query<{ id: number; type: string | null; location: string | null }>(
    ids
      ? 'SELECT id, type, location FROM sensors WHERE id = ANY($1::int[]) ORDER BY id'
      : 'SELECT id, type, location FROM sensors ORDER BY id',
    ids ? [ids] : [],
  )
  const sensors = rows.map((r) => ({ id: r.id, type: r.type ?? '', location: r.location ?? '' }))
  if (ids) {
    const found = new Set(sensors.map((s) => s.id))
    const missing = ids.filter((id) => !found.has(id))
    if (missing.length > 0) {
      throw new AppError(
        'invalid_input',
        `No sensor has the id ${missing.slice(0, 10).join(', ')}.`,
      )
    }
  }
  if (sensors.length === 0) {
    throw new AppError(
      'invalid_input',
      'There are no sensors to generate readings for. Add sensors first (Sensors page, "Add the four quick-start sensors").',
    )
  }
  return sensors
}

/**
 * "Create them first": sets up the quick-start schema when it is not ready and
 * adds the four quick-start sensors when there are none. Returns what it did.
 */
export async function ensureLoadTarget(driver: Driver): Promise<string[]> {
  const done: string[] = []
  if ((await readSchemaState(driver)) !== 'ready') done.push(...(await setUpSchema(driver)).actions)
  const { rows } = await driver.query<{ n: number }>('SELECT count(*)::int AS n FROM sensors')
  if ((rows[0]?.n ?? 0) === 0) {
    const seeded = await driver.transaction((tx) => seedQuickStartSensors(tx))
    if (seeded.added.length > 0) done.push(`added ${seeded.added.length} quick-start sensors`)
  }
  return done
}
