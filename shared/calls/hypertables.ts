/** Inside a hypertable: chunks, compression, retention, background jobs (issue 17). */
import { z } from 'zod'
import {
  BackgroundJobsRequestSchema,
  RunBackgroundJobSchema,
  ScheduleBackgroundJobSchema,
  type BackgroundJob,
  type BackgroundJobList,
  type BackgroundJobRun,
} from '../domain/background-jobs'
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
} from '../domain/hypertables'
import { define, noArgs } from './define'

export const hypertableCalls = {
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
} as const
