import { z } from 'zod'
import { BucketSchema, EpochMsSchema, MAX_PIXELS, TimeZoneSchema, type ChartReply } from './chart'

export { MAX_PIXELS, MAX_SERIES, TimeZoneSchema, type SqlParam } from './chart'

export const metrics = ['temperature', 'cpu'] as const
export type Metric = (typeof metrics)[number]

export const groupings = ['sensor', 'location', 'type'] as const
export type GroupBy = (typeof groupings)[number]

const label = z.string().max(50)

export const SeriesFiltersSchema = z.strictObject({
  /** Empty = every location. */
  locations: z.array(label).max(200).default([]),
  types: z.array(label).max(200).default([]),
  sensorIds: z.array(z.number().int().min(1).max(2_147_483_647)).max(1000).default([]),
})

export const BucketedRequestSchema = z
  .strictObject({
    metric: z.enum(metrics).default('temperature'),
    /** Half-open range [from, to), epoch ms. */
    from: EpochMsSchema,
    to: EpochMsSchema,
    /** 'auto' follows the range and pixels; a number pins the width in seconds. */
    bucket: BucketSchema,
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

/** The quick start's reply: the generic chart's, with one avg column per series. */
export interface BucketedReply extends Omit<
  ChartReply,
  'series' | 'coverage' | 'description' | 'moreSeries' | 'notes' | 'rollup' | 'rollupNote'
> {
  series: BucketedSeries[]
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
