import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * TimescaleDB's "Quick Start: Python and TimescaleDB", the behaviour the app
 * must match. CI checks the repository out with `../shared` beside it; the
 * statements are read from there at test time, so the tests run the quick
 * start's own SQL rather than our copy of it.
 */
export const QUICK_START_PATH = join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  '..',
  'shared',
  'seed',
  '000_68b64f4c678be783.txt',
)

export interface QuickStartSql {
  /** query_create_sensors_table, verbatim. */
  createSensors: string
  /** query_create_sensordata_table, verbatim. */
  createSensorData: string
  /** query_create_sensordata_hypertable, verbatim (needs TimescaleDB). */
  createHypertable: string
  /** The quick start's INSERT, with psycopg2's %s placeholders numbered for PostgreSQL. */
  insertSensor: string
  /** The quick start's `sensors` list of (type, location) pairs. */
  sensors: [string, string][]
}

function pick(text: string, pattern: RegExp, what: string): string {
  const found = pattern.exec(text)?.[1]
  if (!found) {
    throw new Error(`The quick start at ${QUICK_START_PATH} no longer contains ${what}.`)
  }
  return found
}

/** The seed document's text; says plainly where it should be when it is not. */
export function quickStartText(): string {
  if (!existsSync(QUICK_START_PATH)) {
    throw new Error(
      `The quick start seed document is missing: expected ${QUICK_START_PATH} ` +
        "(the team's shared folder checked out beside this repository as ../shared). " +
        'Tests and benchmarks run its SQL verbatim and cannot run without it.',
    )
  }
  return readFileSync(QUICK_START_PATH, 'utf8')
}

export function readQuickStart(): QuickStartSql {
  const text = quickStartText()
  let n = 0
  const insert = pick(text, /^SQL = "(INSERT INTO sensors[^"]+)"/m, 'the INSERT INTO sensors')
  const list = pick(text, /^sensors = \[(.+)\]$/m, 'the list of sensors')
  const sensors = [...list.matchAll(/\('([^']*)', '([^']*)'\)/g)].map(
    (m) => [m[1] ?? '', m[2] ?? ''] as [string, string],
  )
  return {
    createSensors: pick(
      text,
      /query_create_sensors_table = "([^"]+)"/,
      'query_create_sensors_table',
    ),
    createSensorData: pick(
      text,
      /query_create_sensordata_table = """([\s\S]+?)"""/,
      'query_create_sensordata_table',
    ),
    createHypertable: pick(
      text,
      /query_create_sensordata_hypertable = "([^"]+)"/,
      'query_create_sensordata_hypertable',
    ),
    insertSensor: insert.replaceAll('%s', () => `$${++n}`),
    sensors,
  }
}

/** The quick start's two CREATE TABLE statements, verbatim (no hypertable: that needs TimescaleDB). */
export function quickStartSchema(): string[] {
  const sql = readQuickStart()
  return [sql.createSensors, sql.createSensorData]
}

/**
 * The quick start's tables and its four sensors, made with its own SQL rather
 * than the app's schema setup; `hypertable` makes sensor_data one (needs TimescaleDB).
 */
export async function createQuickStartTables(
  db: { query(sql: string, params?: unknown[]): Promise<unknown> },
  { hypertable = false } = {},
): Promise<void> {
  const sql = readQuickStart()
  await db.query(sql.createSensors)
  await db.query(sql.createSensorData)
  if (hypertable) await db.query(sql.createHypertable)
  for (const [type, location] of sql.sensors) await db.query(sql.insertSensor, [type, location])
}
