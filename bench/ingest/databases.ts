/**
 * The databases the load benchmarks fill: the quick-start schema, a bare table
 * of the same columns, and the quick-start hypertable; shared by the ingest
 * (handler) and e2e (through the UI) suites.
 */
import { quickStartSchema } from '../../electron/backend/test-support/quick-start'
import { withClient } from '../servers'
import type { Target } from './peers'
import type { TargetName } from './report'

const SENSORS_SQL =
  "INSERT INTO sensors (type, location) VALUES ('a','floor'), ('a','ceiling'), ('b','floor'), ('b','ceiling')"

/**
 * (a) the quick start's schema; (b) the same columns with no key, no index, no
 * constraint but NOT NULL; (c) the quick start's hypertable.
 */
export const TARGET_SQL: Record<TargetName, readonly string[]> = {
  schema: [...quickStartSchema(), SENSORS_SQL],
  hypertable: [
    'CREATE EXTENSION IF NOT EXISTS timescaledb',
    ...quickStartSchema(),
    "SELECT create_hypertable('sensor_data', 'time')",
    SENSORS_SQL,
  ],
  bare: [
    quickStartSchema()[0]!,
    SENSORS_SQL,
    `CREATE TABLE sensor_data (time TIMESTAMPTZ NOT NULL, sensor_id INTEGER,
       temperature DOUBLE PRECISION, cpu DOUBLE PRECISION)`,
  ],
}

export async function extensionVersion(server: Target): Promise<string> {
  const { rows } = await withClient({ ...server, database: 'bench_hypertable' }, (db) =>
    db.query<{ v: string }>(
      "SELECT extversion AS v FROM pg_extension WHERE extname = 'timescaledb'",
    ),
  )
  return rows[0]?.v ?? 'unknown'
}

export async function prepareDatabases(
  server: Target,
  targets: readonly TargetName[],
): Promise<string> {
  return withClient(server, async (admin) => {
    const version = (
      await admin.query<{ v: string }>("SELECT current_setting('server_version') AS v")
    ).rows[0]!.v
    for (const target of targets) {
      await admin.query(`CREATE DATABASE bench_${target}`)
      await withClient({ ...server, database: `bench_${target}` }, async (db) => {
        for (const sql of TARGET_SQL[target]) await db.query(sql)
      })
    }
    return version
  })
}

/** Empties the table and flushes dirty pages, so no run pays for the one before it. */
export async function reset(target: Target): Promise<void> {
  await withClient(target, async (db) => {
    await db.query('TRUNCATE sensor_data')
    await db.query('CHECKPOINT')
  })
}

export async function count(target: Target): Promise<number> {
  const { rows } = await withClient(target, (db) =>
    db.query<{ n: number }>('SELECT count(*)::int AS n FROM sensor_data'),
  )
  return rows[0]!.n
}
