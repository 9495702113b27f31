/** Exploring the database: its catalog, charts of any table, saved charts, rollups (15, 16). */
import {
  CatalogListRequestSchema,
  DescribeRequestSchema,
  SplitValuesRequestSchema,
  TimeRangeRequestSchema,
  type CatalogList,
  type ColumnTimeRange,
  type SplitValues,
  type TableDetail,
  type TableRef,
} from '../domain/catalog'
import { ChartRequestSchema, type ChartReply } from '../domain/chart'
import type { ExportReply } from '../domain/export'
import { RawExportRequestSchema } from '../domain/raw-rows'
import {
  RollupCreateRequestSchema,
  RollupListRequestSchema,
  RollupProposeRequestSchema,
  RollupRemoveRequestSchema,
  type RollupList,
  type RollupProposal,
} from '../domain/rollup-calls'
import {
  DeleteChartSchema,
  ListSavedChartsSchema,
  RenameChartSchema,
  SaveChartSchema,
  type SavedChart,
} from '../domain/saved-charts'
import { define } from './define'

export const exploreCalls = {
  // The database's catalog (issue 15)
  /** Schemas and their relations, with columns, sizes and TimescaleDB facts. */
  'catalog/list': define<CatalogList>()(CatalogListRequestSchema),
  /** One relation in full: keys, indexes, first and last time, compression. */
  'catalog/describe': define<TableDetail>()(DescribeRequestSchema),
  /** The values a chart can be split or filtered by, never from a full scan. */
  'catalog/values': define<SplitValues>()(SplitValuesRequestSchema),
  /** First and last time of one time column: what a chart's "All data" spans. */
  'catalog/time-range': define<ColumnTimeRange>()(TimeRangeRequestSchema),
  /** Any time-series table as a chart: the chart builder's one call. */
  'series/chart': define<ChartReply>()(ChartRequestSchema),
  /** "Export CSV" as raw rows: the chart's range streamed into a file by an export job. */
  'series/export': define<ExportReply>()(RawExportRequestSchema),
  /** Saved chart configurations (no data) of one connection profile. */
  'charts/list': define<SavedChart[]>()(ListSavedChartsSchema),
  'charts/save': define<SavedChart>()(SaveChartSchema),
  'charts/rename': define<SavedChart>()(RenameChartSchema),
  'charts/delete': define<{ id: string }>()(DeleteChartSchema),

  // Rollups: continuous aggregates (issue 16)
  /** A hypertable's continuous aggregates: bucket, columns, watermark, policy, size. */
  'rollups/list': define<RollupList>()(RollupListRequestSchema),
  /** A continuous aggregate that would serve a chart, and the SQL that makes it. */
  'rollups/propose': define<RollupProposal>()(RollupProposeRequestSchema),
  /** Creates it WITH NO DATA and a refresh policy, then fills its history as a job. */
  'rollups/create': define<{ jobId: string; proposal: RollupProposal }>()(
    RollupCreateRequestSchema,
  ),
  /** Drops a continuous aggregate (the renderer asks first). */
  'rollups/remove': define<{ view: TableRef }>()(RollupRemoveRequestSchema),
} as const
