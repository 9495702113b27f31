/**
 * What the database holds, as the Database page and the chart builder see it.
 * Names travel as plain text: the backend looks every one up in its own
 * catalog read before it reaches SQL, and quotes it itself.
 */
import { z } from 'zod'

/**
 * PostgreSQL cuts identifiers at 63 bytes; a name longer than this many
 * characters can never match, so it is refused before any lookup.
 */
export const MAX_IDENTIFIER_CHARS = 63

export const IdentifierSchema = z.string().min(1).max(MAX_IDENTIFIER_CHARS)

/** A table, view, materialized view or continuous aggregate, by schema and name. */
export const TableRefSchema = z.strictObject({
  schema: IdentifierSchema,
  name: IdentifierSchema,
})
export type TableRef = z.output<typeof TableRefSchema>

/**
 * A column of the table, or (with `via`) a column of the table that the
 * table's single-column foreign key `via` references:
 * `{ via: 'sensor_id', column: 'location' }` is sensors.location reached from
 * sensor_data.sensor_id.
 */
export const ColumnRefSchema = z.strictObject({
  column: IdentifierSchema,
  via: IdentifierSchema.optional(),
})
export type ColumnRef = z.output<typeof ColumnRefSchema>

/** Every kind of relation the catalog lists, in the order the Database page shows them. */
export const relationKinds = [
  'hypertable',
  'continuous_aggregate',
  'table',
  'partitioned_table',
  'view',
  'materialized_view',
  'foreign_table',
] as const
export type RelationKind = (typeof relationKinds)[number]

/** How a column can stand for time: integer columns only once the user names their unit. */
export type TimeKind = 'timestamptz' | 'timestamp' | 'date' | 'integer'

export interface CatalogColumn {
  name: string
  /** As PostgreSQL prints it: `numeric(6,1)`, `character varying(50)`, an enum's name. */
  type: string
  notNull: boolean
  /** The column can be a chart's time axis (`integer`: with a unit the user names). */
  time: TimeKind | null
  /** smallint, integer, bigint, real, double precision or numeric: a measure. */
  numeric: boolean
  /** text, varchar, char, an integer type, boolean, uuid or an enum: split by / filter on. */
  splittable: boolean
}

export interface HypertableInfo {
  /** The first dimension: the time axis. */
  timeColumn: string
  timeType: string
  /** The chunk interval: "7 days" for a time dimension, a number of units for an integer one. */
  chunkInterval: string | null
  dimensions: number
  chunks: number
  compression: boolean
}

export interface CatalogRelation {
  schema: string
  name: string
  kind: RelationKind
  /** The planner's estimate (approximate_row_count for hypertables); null before ANALYZE. */
  rowEstimate: number | null
  /** Table, indexes and TOAST (every chunk, for a hypertable); null for a plain view. */
  totalBytes: number | null
  columns: CatalogColumn[]
  /** The chart builder's default time column: the time dimension, else the only time-like column. */
  defaultTimeColumn: string | null
  hypertable: HypertableInfo | null
  /** For a continuous aggregate: the hypertable it reads. */
  source: TableRef | null
}

export interface CatalogSchema {
  name: string
  relations: CatalogRelation[]
}

export interface CatalogList {
  schemas: CatalogSchema[]
  /** The installed TimescaleDB version in this database, or null. */
  timescaledb: string | null
  /** More relations matched than one reply carries: narrow with the filter. */
  truncated: boolean
  /** Time the backend spent reading the catalog, ms. */
  readMs: number
}

export const MAX_CATALOG_RELATIONS = 5000

export const CatalogListRequestSchema = z.strictObject({
  /** Case-insensitive part of a schema or relation name; empty lists everything. */
  filter: z.string().max(100).default(''),
})

export interface ForeignKeyInfo {
  name: string
  columns: string[]
  references: TableRef
  referencedColumns: string[]
  /** The referenced table's columns (a chart can split by one of them through this key). */
  referencedTableColumns: CatalogColumn[]
}

export interface IndexInfo {
  name: string
  columns: string[]
  unique: boolean
  primary: boolean
  method: string
  /** pg_get_indexdef, shown as text. */
  definition: string
}

export type TimeBound =
  /** timestamptz; a timestamp without time zone read as UTC. */
  | { kind: 'instant'; ms: number }
  /** A date column's day, YYYY-MM-DD. */
  | { kind: 'date'; value: string }
  /** An integer time column's raw value (exact, as text). */
  | { kind: 'integer'; value: string }

export interface TimeRange {
  column: string
  first: TimeBound | null
  last: TimeBound | null
  /** index: read through an index leading with the column; chunks: the hypertable's chunk bounds. */
  source: 'index' | 'chunks'
}

export interface CompressionInfo {
  enabled: boolean
  compressedChunks: number
  /** Bytes of the compressed chunks before and after compression; null when none is compressed. */
  beforeBytes: number | null
  afterBytes: number | null
}

export interface TableDetail extends CatalogRelation {
  primaryKey: string[]
  foreignKeys: ForeignKeyInfo[]
  indexes: IndexInfo[]
  /** First and last time of the default time column; null when no index or chunk metadata can say. */
  timeRange: TimeRange | null
  /** Why timeRange is null, in words (e.g. no index leads with the column). */
  timeRangeNote: string | null
  compression: CompressionInfo | null
}

export const DescribeRequestSchema = z.strictObject({ table: TableRefSchema })

/** The first and last time of one time column of a table (what "All data" spans). */
export const TimeRangeRequestSchema = z.strictObject({
  table: TableRefSchema,
  column: IdentifierSchema,
})

export interface ColumnTimeRange {
  /** Null when neither an index nor chunk metadata can say without a scan. */
  range: TimeRange | null
  /** Why range is null, in words. */
  note: string | null
}

/** The most values one split-values reply carries. */
export const MAX_SPLIT_VALUES = 200

export const SplitValuesRequestSchema = z.strictObject({
  table: TableRefSchema,
  column: ColumnRefSchema,
  /** Values starting with this text (text columns), or equal to it (others). */
  search: z.string().max(100).default(''),
  limit: z.number().int().min(1).max(MAX_SPLIT_VALUES).default(64),
})

export interface SplitValue {
  /** The value as PostgreSQL prints it; null is the column's NULL. */
  value: string | null
  /** For a foreign key column: the referenced row's text columns, e.g. "a · floor (#1)". */
  label: string
}

export interface SplitValues {
  values: SplitValue[]
  /**
   * foreign_key: the referenced table; index: a loose index scan; statistics:
   * pg_stats' most common values (a sample of the column, not all of it).
   */
  source: 'foreign_key' | 'index' | 'statistics'
  /** Every value there is (under the search) is listed. */
  complete: boolean
  /** How many values match in all, when counting was cheap (a small referenced table); else null. */
  total: number | null
  /** Set when the list could not be complete, in words (e.g. run ANALYZE). */
  note: string | null
}

export function relationLabel(ref: TableRef): string {
  return `${ref.schema}.${ref.name}`
}
