import type { TimescaleInfo } from './connection'

/** The two tables of the quick start, as the app manages them. */
export type QuickStartTable = 'sensors' | 'sensor_data'

/**
 * - missing:  neither table exists
 * - partial:  one exists (as the quick start defines it), the other does not
 * - convertible: both exist, TimescaleDB is installed, sensor_data is still a plain table
 * - ready:    both exist as the quick start defines them (a hypertable when TimescaleDB is installed)
 * - conflict: a table of one of those names differs from the quick start; setup will not touch it
 */
export type SchemaState = 'missing' | 'partial' | 'convertible' | 'ready' | 'conflict'

/** One way an existing table differs from the quick start's definition. */
export interface ColumnDifference {
  table: QuickStartTable
  /** Null when the difference is about the table itself (e.g. it is a view). */
  column: string | null
  /** What the quick start defines, e.g. "character varying(50)"; null for an unexpected column. */
  expected: string | null
  /** What the database has; null for a missing column. */
  actual: string | null
}

export interface HypertableStats {
  /** Whether sensor_data is a TimescaleDB hypertable. */
  hypertable: boolean
  /** Chunks of the hypertable; null for a plain table. */
  chunks: number | null
  /** Bytes on disk including indexes and TOAST (hypertable_size / pg_total_relation_size). */
  totalBytes: number
  /**
   * Rows as PostgreSQL's statistics estimate them (approximate_row_count on a
   * hypertable, pg_class.reltuples otherwise): an estimate, never a count.
   */
  rowEstimate: number
  /**
   * Some of the table (or of its chunks) has never been analysed, so the
   * estimate leaves those rows out. The embedded engine has no autovacuum:
   * there this stays true until someone runs ANALYZE.
   */
  notAnalyzed: boolean
}

export interface SchemaStatus {
  state: SchemaState
  tables: Record<QuickStartTable, 'missing' | 'present' | 'different'>
  /** Empty unless state is "conflict". */
  differences: ColumnDifference[]
  timescaledb: TimescaleInfo
  /** Null while sensor_data does not exist (or is not a usable table). */
  sensorData: HypertableStats | null
  /** An index on sensor_data (sensor_id, time) exists; setup adds it when missing. */
  sensorIndex: boolean
  /**
   * An index on sensor_data (time) exists (create_hypertable makes one; on
   * plain PostgreSQL setup adds it): windows over all sensors and the data's
   * first and last time are read from it instead of scanning the table.
   */
  timeIndex: boolean
}

export interface SetupResult {
  /** What this run did, in order, e.g. "created table sensors"; empty when nothing was needed. */
  actions: string[]
  status: SchemaStatus
}

export const SENSOR_INDEX_NAME = 'sensor_data_sensor_id_time_idx'
/** What create_hypertable names its default index on (time DESC). */
export const TIME_INDEX_NAME = 'sensor_data_time_idx'

/** "sensors.type is text (expected character varying(50))" */
export function describeDifference(d: ColumnDifference): string {
  if (d.column === null) return `${d.table} ${d.actual ?? 'is not a table'}`
  const name = `${d.table}.${d.column}`
  if (d.actual === null) return `${name} is missing (expected ${d.expected})`
  if (d.expected === null) return `${name} (${d.actual}) is not in the quick start's schema`
  return `${name} is ${d.actual} (expected ${d.expected})`
}

/** The message setup stops with when existing tables differ from the quick start. */
export function describeConflict(differences: readonly ColumnDifference[]): string {
  const tables = [...new Set(differences.map((d) => d.table))].join(' and ')
  return (
    `Schema setup stopped: the existing ${tables} ${tables.includes(' and ') ? 'tables differ' : 'table differs'} ` +
    `from the quick start's schema: ${differences.map(describeDifference).join('; ')}. ` +
    'Nothing was changed. Rename or drop those tables yourself, or connect to another database.'
  )
}

/**
 * Why sensor_data is (or will be) a plain table, when it is not a hypertable;
 * null when there is nothing to explain.
 */
export function timescaleNotice(status: SchemaStatus): string | null {
  if (status.sensorData?.hypertable) return null
  const { installed, available } = status.timescaledb
  const subject =
    status.sensorData === null ? 'Set up schema will create sensor_data as' : 'sensor_data is'
  if (!installed) {
    const base = `${subject} a regular PostgreSQL table because TimescaleDB is not installed in this database.`
    return available
      ? `${base} This server offers TimescaleDB ${available}: enable it to make sensor_data a hypertable.`
      : `${base} Loads and charts still work (charts bucket with date_bin).`
  }
  if (status.sensorData !== null) {
    return 'sensor_data is a regular table although TimescaleDB is installed. Set up schema converts it to a hypertable, keeping its rows.'
  }
  return null
}
