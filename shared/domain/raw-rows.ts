/**
 * series/export: "Export CSV" as raw rows, the rows behind a chart's range,
 * written by the backend as an export job (streamed through a cursor into a
 * file or a download, never whole in memory).
 */
import { z } from 'zod'
import { ChartSpecSchema, EpochMsSchema, TimeZoneSchema } from './chart'

/** A file name, not a path: letters, digits, dot, dash and underscore, ending in .csv. */
export const ExportFileNameSchema = z
  .string()
  .max(150)
  .regex(/^[\p{L}\p{N}._-]+\.csv$/u, 'A file name of letters, digits, ._- ending in .csv')

export const RawExportRequestSchema = z
  .strictObject({
    spec: ChartSpecSchema,
    from: EpochMsSchema,
    to: EpochMsSchema,
    /** Times are written on this zone's wall clock with its offset, as the bucket CSV is. */
    timeZone: TimeZoneSchema.default('UTC'),
    fileName: ExportFileNameSchema,
  })
  .refine((r) => r.to > r.from, { message: 'The range must end after it starts', path: ['to'] })
export type RawExportRequestInput = z.input<typeof RawExportRequestSchema>
export type RawExportRequest = z.output<typeof RawExportRequestSchema>
