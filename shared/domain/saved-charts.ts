/**
 * A chart's configuration saved under a name, per connection profile: what to
 * draw and how, never the data. Kept by the backend beside the profiles, so
 * both hosts behave the same.
 */
import { z } from 'zod'
import { BucketSchema, ChartSpecSchema, EpochMsSchema } from './chart'

export const SAVED_CHART_NAME_MAX = 100
export const MAX_SAVED_CHARTS = 500

export const chartRangePresets = ['1h', '6h', '24h', '7d', '30d', 'all'] as const

export const ChartRangeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('preset'), preset: z.enum(chartRangePresets) }),
  z
    .strictObject({ kind: z.literal('custom'), from: EpochMsSchema, to: EpochMsSchema })
    .refine((r) => r.to > r.from, { message: 'The range must end after it starts', path: ['to'] }),
])
export type ChartRange = z.output<typeof ChartRangeSchema>

export const SavedChartConfigSchema = z.strictObject({
  spec: ChartSpecSchema,
  range: ChartRangeSchema.default({ kind: 'preset', preset: '24h' }),
  bucket: BucketSchema,
  fillGaps: z.boolean().default(false),
  minMax: z.boolean().default(false),
  /** The line chart, or the coverage heatmap of the same query. */
  view: z.enum(['chart', 'coverage']).default('chart'),
})
export type SavedChartConfig = z.output<typeof SavedChartConfigSchema>
export type SavedChartConfigInput = z.input<typeof SavedChartConfigSchema>

const ChartName = z
  .string()
  .trim()
  .min(1, 'Give the chart a name')
  .max(SAVED_CHART_NAME_MAX, `A chart name has at most ${SAVED_CHART_NAME_MAX} characters`)
const Id = z.string().min(1).max(100)

export interface SavedChart {
  id: string
  profileId: string
  name: string
  config: SavedChartConfig
  createdAt: number
  updatedAt: number
}

export const ListSavedChartsSchema = z.strictObject({ profileId: Id })
export const SaveChartSchema = z.strictObject({
  /** Given: overwrite that chart's configuration (and name); absent: a new chart. */
  id: Id.optional(),
  profileId: Id,
  name: ChartName,
  config: SavedChartConfigSchema,
})
export type SaveChartRequest = z.output<typeof SaveChartSchema>
export const RenameChartSchema = z.strictObject({ id: Id, name: ChartName })
export const DeleteChartSchema = z.strictObject({ id: Id })
