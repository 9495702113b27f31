/**
 * One chart spec for any time-series table: a time column, measures with
 * aggregates, an optional split-by column (the table's own, or one reached
 * through a foreign key) and filters. The quick start's chart is one preset
 * of it (quick-start-preset.ts).
 */
import { z } from 'zod'
import { isValidTimeZone } from '../time-zone'
import { ColumnRefSchema, IdentifierSchema, TableRefSchema } from './catalog'

/** No chart shows more series than this; the reply says how many were left out. */
export const MAX_SERIES = 64
/** Widest plot we accept, in CSS pixels (a 4K screen's width, with room). */
export const MAX_PIXELS = 8192
export const MAX_BUCKET_SECONDS = 400 * 7 * 86_400
export const MAX_MEASURES = 8
export const MAX_FILTERS = 16

const EARLIEST = Date.UTC(1900, 0, 1)
const LATEST = Date.UTC(2200, 0, 1)
export const EpochMsSchema = z.number().int().min(EARLIEST).max(LATEST)

export const BucketSchema = z
  .union([z.literal('auto'), z.number().int().min(1).max(MAX_BUCKET_SECONDS)])
  .default('auto')

export const TimeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_+\-/]+$/, 'Not an IANA time zone name')
  .refine(isValidTimeZone, 'Unknown time zone')

export const aggregates = ['avg', 'min', 'max', 'sum', 'count', 'first', 'last'] as const
export type Aggregate = (typeof aggregates)[number]

/** What an integer time column counts since 1970-01-01 UTC. */
export const timeUnits = ['s', 'ms', 'us', 'ns'] as const
export type TimeUnit = (typeof timeUnits)[number]
export const timeUnitLabels: Record<TimeUnit, string> = {
  s: 'seconds',
  ms: 'milliseconds',
  us: 'microseconds',
  ns: 'nanoseconds',
}

export const MeasureSchema = z.strictObject({
  column: IdentifierSchema,
  aggregate: z.enum(aggregates).default('avg'),
})
export type Measure = z.output<typeof MeasureSchema>

/** A value of a filter or split column as PostgreSQL prints it; null is SQL NULL. */
export const FilterValueSchema = z.string().max(200).nullable()

export const ChartFilterSchema = z.strictObject({
  column: ColumnRefSchema,
  values: z.array(FilterValueSchema).min(1).max(1000),
})
export type ChartFilter = z.output<typeof ChartFilterSchema>

export const ChartSpecSchema = z.strictObject({
  table: TableRefSchema,
  time: z.strictObject({
    column: IdentifierSchema,
    /** Required when the time column is an integer. */
    unit: z.enum(timeUnits).optional(),
  }),
  measures: z.array(MeasureSchema).min(1).max(MAX_MEASURES),
  split: ColumnRefSchema.nullable().default(null),
  filters: z.array(ChartFilterSchema).max(MAX_FILTERS).default([]),
})
export type ChartSpec = z.output<typeof ChartSpecSchema>
export type ChartSpecInput = z.input<typeof ChartSpecSchema>

/** How a chart is drawn over a range: what the builder's controls and a zoom change. */
export const ChartWindowFields = {
  /** Half-open range [from, to), epoch ms. */
  from: EpochMsSchema,
  to: EpochMsSchema,
  /** 'auto' follows the range and pixels; a number pins the width in seconds. */
  bucket: BucketSchema,
  /** Width of the plot area in CSS pixels: no series carries more points. */
  pixels: z.number().int().min(16).max(MAX_PIXELS),
  /** time_bucket_gapfill with locf (TimescaleDB only). */
  fillGaps: z.boolean().default(false),
  /** Adds each bucket's min and max of every measure's column. */
  minMax: z.boolean().default(false),
  /** The user's IANA zone: buckets of a day or more start at local midnight. */
  timeZone: TimeZoneSchema.default('UTC'),
}

export const ChartRequestSchema = z
  .strictObject({
    spec: ChartSpecSchema,
    ...ChartWindowFields,
    /** Read a continuous aggregate that serves the chart, when one does (rollups/). */
    useRollups: z.boolean().default(true),
  })
  .refine((r) => r.to > r.from, { message: 'The range must end after it starts', path: ['to'] })
export type ChartRequest = z.output<typeof ChartRequestSchema>
export type ChartRequestInput = z.input<typeof ChartRequestSchema>

/** A parameter as sent with the statement (shown next to "Show SQL"). */
export type SqlParam = string | number | boolean | (string | null)[] | number[]

export type BucketFunction = 'time_bucket' | 'time_bucket_gapfill' | 'date_bin'

export interface ChartSeries {
  /** The split value as text ('' for none, or for NULL). */
  key: string
  /** What the legend says: the split value's label, the measure's, or both. */
  label: string
  /** Index of the measure in the spec. */
  measure: number
  /** One value per entry of `times`; NaN where the bucket has no rows. */
  values: Float64Array
  min?: Float64Array
  max?: Float64Array
}

/** Rows per bucket of one split value (the coverage heatmap's row). */
export interface CoverageRow {
  key: string
  label: string
  /** One count per entry of `times`; 0 where the bucket has no rows. */
  counts: Float64Array
}

/** Where a chart's numbers came from when a continuous aggregate served it. */
export interface ChartRollupSource {
  /** The aggregate, schema.name. */
  name: string
  bucketSeconds: number
  /** Materialized up to (exclusive), epoch ms; null when nothing is. */
  materializedToMs: number | null
  /** Real-time: the aggregate itself adds rows after the watermark. */
  realTime: boolean
}

export interface ChartReply {
  /** The continuous aggregate read, or null for raw rows. */
  rollup: ChartRollupSource | null
  /** Why no rollup served the chart, when the table has some (or they were switched off). */
  rollupNote: string | null
  /** Bucket starts in epoch SECONDS (what uPlot plots), oldest first, every bucket of the range. */
  times: Float64Array
  series: ChartSeries[]
  coverage: CoverageRow[]
  /** Width used, in seconds, and why (see chooseBucket; 'sparse': rows further apart). */
  bucketSeconds: number
  bucketReason: 'auto' | 'pinned' | 'pixels' | 'limit' | 'sparse'
  /** The range queried, epoch ms. */
  from: number
  to: number
  timeZone: string
  bucketFunction: BucketFunction
  /** The exact statement run, its parameters in order ($1, $2, ...), and what it computes in words. */
  sql: string
  params: SqlParam[]
  description: string
  /** Non-empty buckets over all series (what is drawn). */
  points: number
  /** Rows aggregated (count(*) over the plotted buckets). */
  rows: number
  /** Buckets in the range (length of `times`). */
  buckets: number
  /** Split values left out beyond the series limit, when known. */
  omittedSeries: number
  /** More split values may exist than the chart shows (their number unknown). */
  moreSeries: boolean
  /** How the time column was read, and precision lost in drawing, in words. */
  notes: string[]
  /** Time the backend spent, statement(s) and decoding, ms. */
  queryMs: number
}

export function measureLabel(measure: Measure): string {
  return `${measure.aggregate}(${measure.column})`
}
