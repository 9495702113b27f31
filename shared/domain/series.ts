import { z } from 'zod'
import { isValidTimeZone } from '../time-zone'

export const metrics = ['temperature', 'cpu'] as const
export type Metric = (typeof metrics)[number]

export const groupings = ['sensor', 'location', 'type'] as const
export type GroupBy = (typeof groupings)[number]

/** No chart shows more series than this; the reply says how many were left out. */
export const MAX_SERIES = 64
/** Widest plot we accept, in CSS pixels (a 4K screen's width, with room). */
export const MAX_PIXELS = 8192
const MAX_BUCKET_SECONDS = 400 * 7 * 86_400

const EARLIEST = Date.UTC(1900, 0, 1)
const LATEST = Date.UTC(2200, 0, 1)
const epochMs = z.number().int().min(EARLIEST).max(LATEST)

const label = z.string().max(50)

export const SeriesFiltersSchema = z.strictObject({
  /** Empty = every location. */
  locations: z.array(label).max(200).default([]),
  types: z.array(label).max(200).default([]),
  sensorIds: z.array(z.number().int().min(1).max(2_147_483_647)).max(1000).default([]),
})

export const TimeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_+\-/]+$/, 'Not an IANA time zone name')
  .refine(isValidTimeZone, 'Unknown time zone')

export const BucketedRequestSchema = z
  .strictObject({
    metric: z.enum(metrics).default('temperature'),
    /** Half-open range [from, to), epoch ms. */
    from: epochMs,
    to: epochMs,
    /** 'auto' follows the range and pixels; a number pins the width in seconds. */
    bucket: z
      .union([z.literal('auto'), z.number().int().min(1).max(MAX_BUCKET_SECONDS)])
      .default('auto'),
    /** Width of the plot area in CSS pixels: no series carries more points. */
    pixels: z.number().int().min(16).max(MAX_PIXELS),
    groupBy: z.enum(groupings).default('sensor'),
    filters: SeriesFiltersSchema.default({ locations: [], types: [], sensorIds: [] }),
    /** time_bucket_gapfill with locf (TimescaleDB only). */
    fillGaps: z.boolean().default(false),
    /** Adds each bucket's min and max. */
    minMax: z.boolean().default(false),
    /** The user's IANA zone: buckets of a day or more start at local midnight. */
    timeZone: TimeZoneSchema.default('UTC'),
  })
  .refine((r) => r.to > r.from, { message: 'The range must end after it starts', path: ['to'] })
export type BucketedRequest = z.output<typeof BucketedRequestSchema>
export type BucketedRequestInput = z.input<typeof BucketedRequestSchema>

export interface BucketedSeries {
  /** Sensor id, location or type, as text. */
  key: string
  /** "a · floor (#1)" for a sensor; the location or type for a group. */
  label: string
  /** One value per entry of `times`; NaN where the bucket has no readings. */
  avg: Float64Array
  min?: Float64Array
  max?: Float64Array
}

/** A parameter as sent with the statement (shown next to "Show SQL"). */
export type SqlParam = string | number | boolean | (string | null)[] | number[]

export interface BucketedReply {
  /** Bucket starts in epoch SECONDS (what uPlot plots), oldest first, every bucket of the range. */
  times: Float64Array
  series: BucketedSeries[]
  /** Width used, in seconds, and why (see chooseBucket; 'sparse': readings further apart). */
  bucketSeconds: number
  bucketReason: 'auto' | 'pinned' | 'pixels' | 'sparse'
  /** The range queried, epoch ms. */
  from: number
  to: number
  timeZone: string
  bucketFunction: 'time_bucket' | 'time_bucket_gapfill' | 'date_bin'
  /** The exact statement run, and its parameters in order ($1, $2, ...). */
  sql: string
  params: SqlParam[]
  /** Non-empty buckets over all series (what is drawn). */
  points: number
  /** Readings aggregated (count(*) over the plotted buckets). */
  rows: number
  /** Buckets in the range (length of `times`). */
  buckets: number
  /** Series left out beyond MAX_SERIES (narrow the filters to see them). */
  omittedSeries: number
  /** Time the backend spent, statement(s) and decoding, ms. */
  queryMs: number
}

export interface SeriesExtent {
  /** Whether the quick-start tables (sensors, sensor_data) exist. */
  tables: boolean
  /** First and last reading, epoch ms; null when there are none. */
  first: number | null
  last: number | null
  /** The planner's row estimate for sensor_data; null before ANALYZE has run. */
  rowEstimate: number | null
}

export interface SensorOption {
  id: number
  type: string | null
  location: string | null
  /** "a · floor (#1)" */
  label: string
}

export interface SeriesFilterOptions {
  tables: boolean
  locations: string[]
  types: string[]
  sensors: SensorOption[]
  /** "Fill gaps" needs time_bucket_gapfill. */
  timescaledb: boolean
}

/** The legend label of one sensor, as the quick start names them: type · location (#id). */
export function sensorLabel(s: { id: number; type: string | null; location: string | null }) {
  return `${s.type ?? '—'} · ${s.location ?? '—'} (#${s.id})`
}
