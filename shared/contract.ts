/**
 * The IPC contract: every call the renderer can make, with the zod schema its
 * request must pass and the type of its reply, and every event the backend
 * pushes. Both hosts (Electron's ipcMain and the loopback web host) carry
 * exactly this, and the backend's handler map must implement all of it.
 */
import { z } from 'zod'
import type { AppErrorData } from './errors'
import type { AppInfo, HostKind } from './domain/app'
import { ConnectionTargetSchema, type ConnectionState, type ServerInfo } from './domain/connection'
import {
  BackgroundJobsRequestSchema,
  RunBackgroundJobSchema,
  ScheduleBackgroundJobSchema,
  type BackgroundJob,
  type BackgroundJobList,
  type BackgroundJobRun,
} from './domain/background-jobs'
import {
  ConsoleFetchSchema,
  ConsoleRefSchema,
  ConsoleResultRefSchema,
  ConsoleRunSchema,
  ConsoleStatementSchema,
  ConsoleTabsSchema,
  HistoryQuerySchema,
  SnippetDeleteSchema,
  SnippetSaveSchema,
  type ConsoleClosedEvent,
  type ConsoleExplainReply,
  type ConsoleExportReply,
  type ConsolePage,
  type ConsoleRunReply,
  type ConsoleState,
  type ConsoleTabs,
  type HistoryEntry,
  type Snippet,
  type ConsoleCompletions,
} from './domain/console'
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
} from './domain/catalog'
import { ChartRequestSchema, type ChartReply } from './domain/chart'
import { RowsRequestSchema, type RowsPage } from './domain/raw-rows'
import { ImportChunkSchema, ImportStartSchema } from './domain/csv-import'
import { ExplainChartSchema, type ExplainReply } from './domain/explain'
import {
  ChunkJobSchema,
  ChunksRequestSchema,
  CompressionRequestSchema,
  DropChunksSchema,
  DropPreviewSchema,
  EnableCompressionSchema,
  HypertableRefSchema,
  PolicyChangeSchema,
  type ChunkJobStarted,
  type ChunkList,
  type CompressionStatus,
  type DropChunksReply,
  type DropPreview,
  type EnableCompressionReply,
  type HypertableList,
  type RetentionStatus,
} from './domain/hypertables'
import { SampleDataSpecSchema } from './domain/ingest'
import { JobIdSchema, type JobDone, type JobProgress } from './domain/jobs'
import {
  DeleteProfileRequestSchema,
  RenameProfileRequestSchema,
  SaveProfileRequestSchema,
  type Profile,
  type ProfileList,
  type SaveProfileReply,
} from './domain/profiles'
import {
  DeleteChartSchema,
  ListSavedChartsSchema,
  RenameChartSchema,
  SaveChartSchema,
  type SavedChart,
} from './domain/saved-charts'
import {
  RollupCreateRequestSchema,
  RollupListRequestSchema,
  RollupProposeRequestSchema,
  RollupRemoveRequestSchema,
  type RollupList,
  type RollupProposal,
} from './domain/rollup-calls'
import type { SchemaStatus, SetupResult } from './domain/schema'
import {
  BucketedRequestSchema,
  type BucketedReply,
  type SeriesExtent,
  type SeriesFilterOptions,
} from './domain/series'
import {
  SensorDeleteSchema,
  SensorFieldsSchema,
  SensorUpdateSchema,
  type SeedResult,
  type Sensor,
  type SensorDeleted,
} from './domain/sensors'

/** A call's definition: the request schema, and its reply type carried as a phantom. */
export interface CallDef<Req extends z.ZodType, Reply> {
  request: Req
  reply: Reply
}

function define<Reply>() {
  return <Req extends z.ZodType>(request: Req): CallDef<Req, Reply> => ({
    request,
    reply: undefined as Reply,
  })
}

const noArgs = z.strictObject({})

export const calls = {
  'app/info': define<AppInfo>()(noArgs),

  'connection/open': define<ConnectionState>()(z.strictObject({ target: ConnectionTargetSchema })),
  'connection/close': define<ConnectionState>()(noArgs),
  'connection/state': define<ConnectionState>()(noArgs),

  'server/info': define<ServerInfo>()(noArgs),

  // Connection profiles and TLS (issue 3)
  /** Opens a throwaway connection, reads the server and the negotiated TLS, closes it. */
  'connection/test': define<ServerInfo>()(z.strictObject({ target: ConnectionTargetSchema })),
  'profiles/list': define<ProfileList>()(noArgs),
  'profiles/save': define<SaveProfileReply>()(SaveProfileRequestSchema),
  'profiles/rename': define<Profile>()(RenameProfileRequestSchema),
  'profiles/delete': define<{ id: string }>()(DeleteProfileRequestSchema),
  /**
   * Closes the embedded engine, deletes its data folder, reopens it if it was open.
   * Destructive, so the caller must say so: { confirm: true }.
   */
  'embedded/reset': define<ConnectionState>()(z.strictObject({ confirm: z.literal(true) })),
  /** CREATE EXTENSION IF NOT EXISTS timescaledb on the current connection. */
  'server/enable-timescaledb': define<ServerInfo>()(noArgs),

  // Schema setup and sensors (issue 4)
  'schema/status': define<SchemaStatus>()(noArgs),
  'schema/setup': define<SetupResult>()(noArgs),
  'sensors/list': define<Sensor[]>()(noArgs),
  'sensors/add': define<Sensor>()(SensorFieldsSchema),
  'sensors/update': define<Sensor>()(SensorUpdateSchema),
  'sensors/delete': define<SensorDeleted>()(SensorDeleteSchema),
  'sensors/seed': define<SeedResult>()(noArgs),

  // Bulk loads: sample data and CSV import (issue 5)
  'ingest/start': define<{ jobId: string; totalRows: number; prepared: string[] }>()(
    SampleDataSpecSchema,
  ),
  'import/start': define<{ jobId: string }>()(ImportStartSchema),
  'import/chunk': define<{ receivedBytes: number }>()(ImportChunkSchema),

  /** Cancels any job (a load, an import, compression) by id; false when it is not running. */
  'jobs/cancel': define<{ cancelled: boolean }>()(z.strictObject({ jobId: JobIdSchema })),

  // Charts: bucketed series (issue 6)
  'series/bucketed': define<BucketedReply>()(BucketedRequestSchema),
  'series/extent': define<SeriesExtent>()(noArgs),
  'series/filters': define<SeriesFilterOptions>()(noArgs),
  /** EXPLAIN (ANALYZE, BUFFERS) of the chart's statement, with chunks scanned and excluded. */
  'series/explain': define<ExplainReply>()(ExplainChartSchema),

  // Inside a hypertable: chunks, compression, retention, background jobs (issue 17)
  'hypertables/list': define<HypertableList>()(noArgs),
  'hypertables/chunks': define<ChunkList>()(ChunksRequestSchema),
  'hypertables/compression': define<CompressionStatus>()(CompressionRequestSchema),
  /** Checks the settings, builds ALTER TABLE … SET (…), and runs it unless dryRun. */
  'hypertables/enable-compression': define<EnableCompressionReply>()(EnableCompressionSchema),
  /** Jobs: one chunk at a time, each whole; progress per chunk; jobs/cancel between chunks. */
  'hypertables/compress': define<ChunkJobStarted>()(ChunkJobSchema),
  'hypertables/decompress': define<ChunkJobStarted>()(ChunkJobSchema),
  'hypertables/compression-policy': define<CompressionStatus>()(PolicyChangeSchema),
  'hypertables/retention': define<RetentionStatus>()(
    z.strictObject({ table: HypertableRefSchema }),
  ),
  'hypertables/retention-policy': define<RetentionStatus>()(PolicyChangeSchema),
  'hypertables/drop-preview': define<DropPreview>()(DropPreviewSchema),
  /** Drops exactly the previewed chunks, only with the table's name typed as confirmation. */
  'hypertables/drop-chunks': define<DropChunksReply>()(DropChunksSchema),
  /** TimescaleDB's background jobs (policies, refreshes) with their schedule and record. */
  'hypertables/jobs': define<BackgroundJobList>()(BackgroundJobsRequestSchema),
  'hypertables/job-run': define<BackgroundJobRun>()(RunBackgroundJobSchema),
  /** Pauses (scheduled: false) or resumes a background job. */
  'hypertables/job-schedule': define<BackgroundJob>()(ScheduleBackgroundJobSchema),

  // SQL console (issue 18). Every call names its tab; a tab's session is its own.
  /** Runs the statements of `sql` in order, stopping at the first that fails. */
  'console/run': define<ConsoleRunReply>()(ConsoleRunSchema),
  /** A page of the tab's open result, from row `offset`. */
  'console/fetch': define<ConsolePage>()(ConsoleFetchSchema),
  /** Counts the open result's rows (the server reads to its end; nothing is sent). */
  'console/count': define<{ total: number }>()(ConsoleResultRefSchema),
  'console/close-result': define<ConsoleState>()(ConsoleResultRefSchema),
  'console/state': define<ConsoleState>()(ConsoleRefSchema),
  'console/commit': define<ConsoleState>()(ConsoleRefSchema),
  'console/rollback': define<ConsoleState>()(ConsoleRefSchema),
  /** The tab was closed: its session ends, an open transaction is rolled back. */
  'console/close': define<{ rolledBack: boolean }>()(ConsoleRefSchema),
  /** EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) of one statement, rolled back after. */
  'console/explain': define<ConsoleExplainReply>()(ConsoleStatementSchema),
  /** Starts a job writing one statement's whole result as CSV (a file in Electron, a download in the web host). */
  'console/export': define<ConsoleExportReply>()(ConsoleStatementSchema),
  'console/history': define<HistoryEntry[]>()(HistoryQuerySchema),
  'console/snippets': define<Snippet[]>()(noArgs),
  'console/snippet-save': define<Snippet>()(SnippetSaveSchema),
  'console/snippet-delete': define<{ id: string }>()(SnippetDeleteSchema),
  'console/tabs': define<ConsoleTabs>()(noArgs),
  'console/tabs-save': define<ConsoleTabs>()(ConsoleTabsSchema),
  /** Schemas, tables, columns and functions for the editor's completion (bounded). */
  'console/completions': define<ConsoleCompletions>()(noArgs),
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
  'series/rows': define<RowsPage>()(RowsRequestSchema),
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

export type Calls = typeof calls
export type CallName = keyof Calls
/** What a caller sends (defaults may be omitted). */
export type CallRequest<N extends CallName> = z.input<Calls[N]['request']>
/** What a handler receives, after zod has parsed and defaulted it. */
export type ParsedRequest<N extends CallName> = z.output<Calls[N]['request']>
export type CallReply<N extends CallName> = Calls[N]['reply']

export const callNames = Object.keys(calls) as CallName[]

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.hasOwn(calls, name)
}

/** Every reply crosses the boundary in this envelope; errors are data, not exceptions. */
export type CallResult<T> = { ok: true; value: T } | { ok: false; error: AppErrorData }

/** Events the backend pushes to every window / tab. */
export interface EventMap {
  'connection/changed': ConnectionState
  'job/progress': JobProgress
  'job/done': JobDone
  'console/closed': ConsoleClosedEvent
}
export type EventName = keyof EventMap
export const eventNames: readonly EventName[] = [
  'connection/changed',
  'job/progress',
  'job/done',
  'console/closed',
]

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (eventNames as readonly string[]).includes(name)
}

/** A call's id, chosen by the client: unique among its calls in flight (1-64 of [A-Za-z0-9_.-]). */
export type RequestId = string

/**
 * The one object the renderer talks to, implemented by the preload and by the
 * web bridge. The renderer's api/client.ts wraps it as call(name, request, { signal }).
 */
export interface ExplorerClient {
  readonly host: HostKind
  /** Sends a call under the caller's request id; resolves with its reply envelope. */
  call<N extends CallName>(
    name: N,
    request: CallRequest<N>,
    requestId: RequestId,
  ): Promise<CallResult<CallReply<N>>>
  /** Asks the backend to abort the call with this id; its reply then says cancelled. */
  cancel(requestId: RequestId): void
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void
}
