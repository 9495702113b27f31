/** Calls of the quick start: app, connection, profiles, schema, sensors, loads, its charts. */
import { z } from 'zod'
import type { AppInfo } from '../domain/app'
import { ConnectionTargetSchema, type ConnectionState, type ServerInfo } from '../domain/connection'
import { ImportChunkSchema, ImportStartSchema } from '../domain/csv-import'
import { ExplainChartSchema, type ExplainReply } from '../domain/explain'
import { SampleDataSpecSchema } from '../domain/ingest'
import { JobIdSchema } from '../domain/jobs'
import {
  DeleteProfileRequestSchema,
  RenameProfileRequestSchema,
  SaveProfileRequestSchema,
  type Profile,
  type ProfileList,
  type SaveProfileReply,
} from '../domain/profiles'
import type { SchemaStatus, SetupResult } from '../domain/schema'
import {
  BucketedRequestSchema,
  type BucketedReply,
  type SeriesExtent,
  type SeriesFilterOptions,
} from '../domain/series'
import {
  SensorDeleteSchema,
  SensorFieldsSchema,
  SensorUpdateSchema,
  type SeedResult,
  type Sensor,
  type SensorDeleted,
} from '../domain/sensors'
import { define, noArgs } from './define'

export const quickStartCalls = {
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
} as const
