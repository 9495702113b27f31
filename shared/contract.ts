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
  CatalogListRequestSchema,
  DescribeRequestSchema,
  SplitValuesRequestSchema,
  TimeRangeRequestSchema,
  type CatalogList,
  type ColumnTimeRange,
  type SplitValues,
  type TableDetail,
} from './domain/catalog'
import { ChartRequestSchema, type ChartReply } from './domain/chart'
import { RowsRequestSchema, type RowsPage } from './domain/raw-rows'
import { ImportChunkSchema, ImportStartSchema } from './domain/csv-import'
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

  /** Cancels any job (a load, an import) by id; false when it is not running. */
  'jobs/cancel': define<{ cancelled: boolean }>()(z.strictObject({ jobId: JobIdSchema })),

  // Charts: bucketed series (issue 6)
  'series/bucketed': define<BucketedReply>()(BucketedRequestSchema),
  'series/extent': define<SeriesExtent>()(noArgs),
  'series/filters': define<SeriesFilterOptions>()(noArgs),

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
}
export type EventName = keyof EventMap
export const eventNames: readonly EventName[] = ['connection/changed', 'job/progress', 'job/done']

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
