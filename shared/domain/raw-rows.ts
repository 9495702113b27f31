/**
 * series/rows: the rows behind a chart, page by page, for "Export CSV" as raw
 * rows. Pages follow the time column (an index on it serves each one), so a
 * large range is read in bounded pieces, never as one reply.
 */
import { z } from 'zod'
import { ChartSpecSchema, EpochMsSchema, TimeZoneSchema, type SqlParam } from './chart'

export const MAX_ROWS_PAGE = 20_000

/** Where the next page starts: at this time column value, after `skip` rows that share it. */
export const RowsCursorSchema = z.strictObject({
  time: z.string().min(1).max(100),
  skip: z.number().int().min(0).max(1e9),
})
export type RowsCursor = z.output<typeof RowsCursorSchema>

export const RowsRequestSchema = z
  .strictObject({
    spec: ChartSpecSchema,
    from: EpochMsSchema,
    to: EpochMsSchema,
    timeZone: TimeZoneSchema.default('UTC'),
    cursor: RowsCursorSchema.nullable().default(null),
    limit: z.number().int().min(1).max(MAX_ROWS_PAGE).default(10_000),
  })
  .refine((r) => r.to > r.from, { message: 'The range must end after it starts', path: ['to'] })
export type RowsRequestInput = z.input<typeof RowsRequestSchema>
export type RowsRequest = z.output<typeof RowsRequestSchema>

export interface RowsPage {
  /** "time", the split column (when split), then each measure's column. */
  columns: string[]
  /** Cells as text: the time in ISO 8601 with the display zone's offset; NULL as null. */
  rows: (string | null)[][]
  /** The next page's start; null after the last page. */
  next: RowsCursor | null
  sql: string
  params: SqlParam[]
}
