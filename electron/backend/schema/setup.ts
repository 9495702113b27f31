/**
 * The quick start's schema: inspect it, report on it, and create what is
 * missing without ever changing a table that is already there in another shape.
 *
 * Tables are named without a schema, exactly as the quick start's SQL names
 * them, so they resolve through the session's search_path the same way for
 * us, for the user's own SQL, and for the bulk loads and charts built on them.
 */
import {
  describeConflict,
  type ColumnDifference,
  type HypertableStats,
  type QuickStartTable,
  type SchemaState,
  type SchemaStatus,
  type SetupResult,
} from '../../../shared/domain/schema'
import type { TimescaleInfo } from '../../../shared/domain/connection'
import { AppError } from '../../../shared/errors'
import type { Driver, Queryable } from '../db/driver'
import {
  rowEstimateSql,
  TIMESCALEDB_AVAILABLE_SQL,
  TIMESCALEDB_INSTALLED_SQL,
} from '../db/timescaledb'
import { compareTables, type ColumnRow, type TableFound } from './compare-columns'
import { createMissingIndexes, readSensorDataIndexes, type SensorDataIndexes } from './indexes'

const CREATE_SENSORS =
  'CREATE TABLE sensors (id SERIAL PRIMARY KEY, type VARCHAR(50), location VARCHAR(50))'
const CREATE_SENSOR_DATA = `CREATE TABLE sensor_data (
  time TIMESTAMPTZ NOT NULL,
  sensor_id INTEGER REFERENCES sensors(id),
  temperature DOUBLE PRECISION,
  cpu DOUBLE PRECISION)`
// migrate_data: a sensor_data made before TimescaleDB was enabled keeps its rows.
const CREATE_HYPERTABLE = "SELECT create_hypertable('sensor_data', 'time', migrate_data => true)"

/** Serialises setups (and sensor seeding) across sessions of one server; any constant will do. */
export const SCHEMA_LOCK_KEY = 4_823_117_302

const TABLES_SQL = `
  SELECT t.name AS table_name, c.oid::int8 AS oid, c.relkind::text AS relkind,
         n.nspname AS schema_name, a.attname AS column_name,
         format_type(a.atttypid, a.atttypmod) AS column_type,
         a.attnotnull AS not_null, (a.atthasdef OR a.attidentity <> '') AS has_default
  FROM (VALUES ('sensors'), ('sensor_data')) AS t(name)
  JOIN pg_class c ON c.oid = to_regclass(t.name)
  JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  ORDER BY t.name, a.attnum`

const TIMESCALE_SQL = `
  SELECT ${TIMESCALEDB_INSTALLED_SQL} AS installed, ${TIMESCALEDB_AVAILABLE_SQL} AS available`

const HYPERTABLE_SQL = `
  SELECT num_chunks::int8 AS chunks FROM timescaledb_information.hypertables
  WHERE hypertable_schema = $1 AND hypertable_name = 'sensor_data'`

const HYPERTABLE_STATS_SQL = `
  SELECT coalesce(hypertable_size($1::oid::regclass), 0)::int8 AS bytes,
         ${rowEstimateSql('$1::oid')}::int8 AS rows,
         (SELECT count(*) FROM show_chunks($1::oid::regclass) AS ch
            JOIN pg_class c ON c.oid = ch WHERE c.reltuples < 0)::int8 AS not_analyzed`

const PLAIN_STATS_SQL = `
  SELECT pg_total_relation_size(c.oid)::int8 AS bytes, c.reltuples::float8 AS rows
  FROM pg_class c WHERE c.oid = $1::oid`

/** What the database holds, before any statistics: enough to decide what setup must do. */
interface Inspection {
  tables: Partial<Record<QuickStartTable, TableFound>>
  differences: ColumnDifference[]
  timescaledb: TimescaleInfo
  /** Chunks when sensor_data is a hypertable, null when it is not (or does not exist). */
  hypertableChunks: number | null
  indexes: SensorDataIndexes
}

async function inspect(db: Queryable): Promise<Inspection> {
  const { rows } = await db.query<ColumnRow>(TABLES_SQL)
  const ts = (await db.query<TimescaleInfo>(TIMESCALE_SQL)).rows[0]
  const timescaledb: TimescaleInfo = {
    installed: ts?.installed ?? null,
    available: ts?.available ?? null,
  }
  const tables: Inspection['tables'] = {}
  for (const row of rows) {
    const found = (tables[row.table_name] ??= {
      oid: Number(row.oid),
      schema: row.schema_name,
      relkind: row.relkind,
      columns: [],
    })
    found.columns.push(row)
  }
  const differences = compareTables(tables)
  const data = tables.sensor_data
  let hypertableChunks: number | null = null
  let indexes: SensorDataIndexes = { sensorTime: false, time: false }
  if (data && data.relkind === 'r') {
    if (timescaledb.installed) {
      const ht = await db.query<{ chunks: number }>(HYPERTABLE_SQL, [data.schema])
      if (ht.rows[0]) hypertableChunks = Number(ht.rows[0].chunks)
    }
    indexes = await readSensorDataIndexes(db)
  }
  return { tables, differences, timescaledb, hypertableChunks, indexes }
}

function stateOf(inspection: Inspection): SchemaState {
  if (inspection.differences.length > 0) return 'conflict'
  const { sensors, sensor_data: data } = inspection.tables
  if (!sensors && !data) return 'missing'
  if (!sensors || !data) return 'partial'
  if (inspection.timescaledb.installed && inspection.hypertableChunks === null) return 'convertible'
  return 'ready'
}

async function statsOf(db: Queryable, inspection: Inspection): Promise<HypertableStats | null> {
  const data = inspection.tables.sensor_data
  if (!data || inspection.differences.some((d) => d.table === 'sensor_data')) return null
  if (inspection.hypertableChunks !== null) {
    const { rows } = await db.query<{ bytes: number; rows: number; not_analyzed: number }>(
      HYPERTABLE_STATS_SQL,
      [data.oid],
    )
    const row = rows[0]
    return {
      hypertable: true,
      chunks: inspection.hypertableChunks,
      totalBytes: Number(row?.bytes ?? 0),
      rowEstimate: Math.max(0, Number(row?.rows ?? 0)),
      notAnalyzed: Number(row?.not_analyzed ?? 0) > 0,
    }
  }
  const { rows } = await db.query<{ bytes: number; rows: number }>(PLAIN_STATS_SQL, [data.oid])
  const reltuples = Number(rows[0]?.rows ?? -1)
  return {
    hypertable: false,
    chunks: null,
    totalBytes: Number(rows[0]?.bytes ?? 0),
    // PostgreSQL 14+ says -1 for a table that was never vacuumed or analysed.
    rowEstimate: Math.max(0, Math.round(reltuples)),
    notAnalyzed: reltuples < 0,
  }
}

function presence(
  inspection: Inspection,
  table: QuickStartTable,
): SchemaStatus['tables'][QuickStartTable] {
  if (!inspection.tables[table]) return 'missing'
  return inspection.differences.some((d) => d.table === table) ? 'different' : 'present'
}

/** Only whether the schema is ready (or why not), without readSchemaStatus's size statistics. */
export async function readSchemaState(db: Queryable): Promise<SchemaState> {
  return stateOf(await inspect(db))
}

/** Where the schema stands: tables, differences, TimescaleDB, and sensor_data's size. */
export async function readSchemaStatus(db: Queryable): Promise<SchemaStatus> {
  const inspection = await inspect(db)
  return {
    state: stateOf(inspection),
    tables: {
      sensors: presence(inspection, 'sensors'),
      sensor_data: presence(inspection, 'sensor_data'),
    },
    differences: inspection.differences,
    timescaledb: inspection.timescaledb,
    sensorData: await statsOf(db, inspection),
    sensorIndex: inspection.indexes.sensorTime,
    timeIndex: inspection.indexes.time,
  }
}

/**
 * Creates whatever of the quick start's schema is missing, in one transaction.
 * Safe to run any number of times; recognises tables made by the quick start's
 * own SQL; stops, changing nothing, when a table of the same name differs.
 */
export async function setUpSchema(driver: Driver): Promise<SetupResult> {
  const actions = await driver.transaction(async (tx) => {
    // Two setups at once (two windows, two apps) must not both decide to CREATE.
    await tx.query('SELECT pg_advisory_xact_lock($1::int8)', [SCHEMA_LOCK_KEY])
    const inspection = await inspect(tx)
    if (inspection.differences.length > 0) {
      throw new AppError('schema_conflict', describeConflict(inspection.differences), {
        differences: inspection.differences.length,
      })
    }
    const done: string[] = []
    if (!inspection.tables.sensors) {
      await tx.query(CREATE_SENSORS)
      done.push('created table sensors')
    }
    if (!inspection.tables.sensor_data) {
      await tx.query(CREATE_SENSOR_DATA)
      done.push('created table sensor_data')
    }
    if (inspection.timescaledb.installed && inspection.hypertableChunks === null) {
      await tx.query(CREATE_HYPERTABLE)
      done.push(
        inspection.tables.sensor_data
          ? 'converted sensor_data to a hypertable, keeping its rows'
          : "made sensor_data a hypertable with create_hypertable('sensor_data', 'time')",
      )
    }
    // After create_hypertable, which makes the time index itself.
    done.push(...(await createMissingIndexes(tx)))
    return done
  })
  return { actions, status: await readSchemaStatus(driver) }
}
