/**
 * The inside of a hypertable: its chunks, compression, retention and drops.
 * Names travel as plain text; the backend looks each one up in the catalog
 * and quotes it itself. Ages and amounts are bounded numbers, sent to the
 * server as parameters.
 */
import { z } from 'zod'

/** PostgreSQL cuts identifiers at 63 bytes; a longer name can never match. */
export const MAX_IDENTIFIER_CHARS = 63
export const IdentifierSchema = z.string().min(1).max(MAX_IDENTIFIER_CHARS)

export const HypertableRefSchema = z.strictObject({
  schema: IdentifierSchema,
  name: IdentifierSchema,
})
export type HypertableRef = z.output<typeof HypertableRefSchema>

export const ageUnits = ['minutes', 'hours', 'days', 'weeks', 'months', 'years'] as const
export type AgeUnit = (typeof ageUnits)[number]

/** "Older than 7 days": an amount of a unit, turned into a PostgreSQL interval. */
export const AgeSchema = z.strictObject({
  amount: z.number().int().min(1).max(100_000),
  unit: z.enum(ageUnits),
})
export type Age = z.output<typeof AgeSchema>

/** The interval text PostgreSQL reads (`7 days`), sent as a parameter cast to interval. */
export function ageInterval(age: Age): string {
  return `${age.amount} ${age.unit}`
}

/** Epoch ms, within what the charts accept. */
const epochMs = z
  .number()
  .int()
  .min(Date.UTC(1900, 0, 1))
  .max(Date.UTC(2200, 0, 1))

/**
 * TimescaleDB 2.18 renamed compression to the columnstore (convert_to_columnstore,
 * add_columnstore_policy, timescaledb.enable_columnstore); older servers know
 * only the compression names. The backend uses whichever the server has.
 */
export type CompressionApi = 'columnstore' | 'compression'

export interface HypertableSummary {
  schema: string
  name: string
  /** The first dimension: the time axis. */
  timeColumn: string
  timeType: string
  /** An integer time column: ages ("older than 7 days") do not apply to it. */
  integerTime: boolean
  /** "1 day" for a time dimension, a number of units for an integer one. */
  chunkInterval: string | null
  chunks: number
  compressionEnabled: boolean
}

export interface HypertableList {
  /** The installed TimescaleDB version, or null when this database has none. */
  timescaledb: string | null
  api: CompressionApi | null
  hypertables: HypertableSummary[]
  /** Why there is nothing to show, in words for the user (no TimescaleDB). */
  message: string | null
}

export const ChunksRequestSchema = z
  .strictObject({
    table: HypertableRefSchema,
    /** Only chunks overlapping [from, to) (epoch ms), e.g. a chart's range. */
    from: epochMs.optional(),
    to: epochMs.optional(),
  })
  .refine((r) => r.from === undefined || r.to === undefined || r.to > r.from, {
    message: 'The range must end after it starts',
    path: ['to'],
  })

/** No reply lists more chunks than this; `total` says how many there are. */
export const MAX_CHUNKS = 10_000

export interface ChunkInfo {
  schema: string
  name: string
  /** The chunk's time range, epoch ms, half-open; null for an integer time column. */
  start: number | null
  end: number | null
  /** An integer time column's range, as text (int8 can exceed 2^53). */
  startInt: string | null
  endInt: string | null
  compressed: boolean
  /** On disk now (a compressed chunk: its compressed data). */
  tableBytes: number
  indexBytes: number
  toastBytes: number
  totalBytes: number
  /** Estimated rows: statistics, plus the rows compression recorded; null before ANALYZE. */
  rows: number | null
  /** A compressed chunk's total size before and after compression. */
  beforeBytes: number | null
  afterBytes: number | null
}

export interface ChunkList {
  hypertable: HypertableSummary
  /** Oldest first; at most MAX_CHUNKS (the newest, when there are more). */
  chunks: ChunkInfo[]
  /** Chunks matching the request, including those left out. */
  total: number
}

export const OrderByItemSchema = z.strictObject({
  column: IdentifierSchema,
  descending: z.boolean(),
})
export type OrderByItem = z.output<typeof OrderByItemSchema>

export const CompressionRequestSchema = z.strictObject({
  table: HypertableRefSchema,
  /**
   * The chart's split, if any: its own column, or (with `via`) a column
   * reached through the foreign key `via`, which is then the one suggested.
   */
  split: z.strictObject({ column: IdentifierSchema, via: IdentifierSchema.optional() }).optional(),
})

export interface CompressionSuggestion {
  segmentBy: string[]
  orderBy: OrderByItem[]
  /** Why these columns, in a sentence. */
  reason: string
  /** The statement that enables compression with them. */
  sql: string
}

export interface CompressionPolicy {
  jobId: number
  /** Chunks older than this are compressed ("7 days"). */
  after: string
  scheduleInterval: string
  scheduled: boolean
}

export interface CompressionStatus {
  hypertable: HypertableSummary
  api: CompressionApi
  enabled: boolean
  /** As TimescaleDB prints them: "sensor_id", "\"time\" DESC"; null when unset. */
  segmentBy: string | null
  orderBy: string | null
  totalChunks: number
  compressedChunks: number
  /** The compressed chunks' size before and after compression, and their ratio. */
  beforeBytes: number | null
  afterBytes: number | null
  ratio: number | null
  /** The whole hypertable on disk now. */
  totalBytes: number
  policy: CompressionPolicy | null
  /** Columns that segment-by and order-by can name. */
  columns: { name: string; type: string }[]
  suggestion: CompressionSuggestion
}

export const EnableCompressionSchema = z.strictObject({
  table: HypertableRefSchema,
  segmentBy: z.array(IdentifierSchema).max(16),
  orderBy: z.array(OrderByItemSchema).min(1).max(16),
  /** Only build and return the statement. */
  dryRun: z.boolean().default(false),
})

export interface EnableCompressionReply {
  sql: string
  ran: boolean
  status: CompressionStatus
}

export const ChunkJobSchema = z.strictObject({
  table: HypertableRefSchema,
  /** Only chunks entirely older than this; null: every chunk. */
  olderThan: AgeSchema.nullable().default(null),
})

export interface ChunkJobStarted {
  jobId: string
  /** The chunks the job will work through, oldest first. */
  chunks: string[]
}

export const PolicyChangeSchema = z.discriminatedUnion('action', [
  z.strictObject({ table: HypertableRefSchema, action: z.literal('add'), after: AgeSchema }),
  z.strictObject({ table: HypertableRefSchema, action: z.literal('remove') }),
])

export interface RetentionPolicy {
  jobId: number
  /** Chunks older than this are dropped ("90 days"). */
  dropAfter: string
  scheduleInterval: string
  scheduled: boolean
}

export interface RetentionStatus {
  hypertable: HypertableSummary
  policy: RetentionPolicy | null
}

export const DropPreviewSchema = z.strictObject({
  table: HypertableRefSchema,
  olderThan: AgeSchema,
})

export interface DropPreview {
  /** Chunks ending at or before this instant go (epoch ms). */
  cutoff: number
  chunks: ChunkInfo[]
  rows: number
  bytes: number
}

export const DropChunksSchema = z.strictObject({
  table: HypertableRefSchema,
  olderThan: AgeSchema,
  /** The table's name, typed by the user: nothing is dropped unless it matches. */
  confirmName: z.string().max(MAX_IDENTIFIER_CHARS),
  /** The chunks the preview showed; if the drop would take others, it is refused. */
  chunks: z.array(IdentifierSchema).max(MAX_CHUNKS),
})

export interface DropChunksReply {
  dropped: string[]
  rows: number
  bytes: number
}
