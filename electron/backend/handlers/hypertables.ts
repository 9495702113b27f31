import { ageInterval, type Age, type HypertableRef } from '../../../shared/domain/hypertables'
import {
  listBackgroundJobs,
  runBackgroundJob,
  scheduleBackgroundJob,
} from '../hypertables/background-jobs'
import { listHypertables, lookupHypertable } from '../hypertables/catalog'
import { startChunkJob } from '../hypertables/chunk-job'
import type { ChunkAction } from '../hypertables/compression-sql'
import { chunkInfo, readChunks } from '../hypertables/chunks'
import { enableCompression, readCompressionStatus } from '../hypertables/compression'
import { dropChunks, previewDrop } from '../hypertables/drop'
import {
  changeCompressionPolicy,
  changeRetentionPolicy,
  readRetention,
} from '../hypertables/policies'
import type { CallContext, HandlerMap } from './types'

/** Checks and picks the chunks within the call; the job runs on the session's driver. */
async function chunkJob(
  ctx: CallContext,
  table: HypertableRef,
  action: ChunkAction,
  olderThan: Age | null | undefined,
) {
  const db = ctx.db()
  const ht = await lookupHypertable(db, table)
  const driver = ctx.session.require() // not ctx.db(): the job outlives this call
  return startChunkJob(db, driver, ctx.jobs, ht, action, olderThan ? ageInterval(olderThan) : null)
}

export const hypertableHandlers = {
  'hypertables/list': (_request, ctx) => listHypertables(ctx.db()),

  'hypertables/chunks': async ({ table, from, to }, ctx) => {
    const db = ctx.db()
    const ht = await lookupHypertable(db, table)
    const read = await readChunks(db, ht, { from, to })
    return { hypertable: ht.summary, chunks: read.chunks.map(chunkInfo), total: read.total }
  },

  'hypertables/compression': async ({ table, split }, ctx) => {
    const db = ctx.db()
    return readCompressionStatus(db, await lookupHypertable(db, table), split)
  },

  'hypertables/enable-compression': async ({ table, ...request }, ctx) => {
    const db = ctx.db()
    const reply = await enableCompression(db, await lookupHypertable(db, table), request)
    if (reply.ran) ctx.log.info('compression enabled', { api: reply.status.api })
    return reply
  },

  'hypertables/compress': ({ table, olderThan }, ctx) =>
    chunkJob(ctx, table, 'compress', olderThan),

  'hypertables/decompress': ({ table, olderThan }, ctx) =>
    chunkJob(ctx, table, 'decompress', olderThan),

  'hypertables/compression-policy': async ({ table, ...change }, ctx) => {
    const db = ctx.db()
    return changeCompressionPolicy(db, await lookupHypertable(db, table), change)
  },

  'hypertables/retention': async ({ table }, ctx) => {
    const db = ctx.db()
    return readRetention(db, await lookupHypertable(db, table))
  },

  'hypertables/retention-policy': async ({ table, ...change }, ctx) => {
    const db = ctx.db()
    return changeRetentionPolicy(db, await lookupHypertable(db, table), change)
  },

  'hypertables/drop-preview': async ({ table, olderThan }, ctx) => {
    const db = ctx.db()
    return previewDrop(db, await lookupHypertable(db, table), olderThan)
  },

  'hypertables/drop-chunks': async ({ table, ...request }, ctx) => {
    const db = ctx.db()
    const reply = await dropChunks(db, await lookupHypertable(db, table), request)
    ctx.log.info('chunks dropped', { chunks: reply.dropped.length })
    return reply
  },

  'hypertables/jobs': ({ table }, ctx) => listBackgroundJobs(ctx.db(), table),

  'hypertables/job-run': ({ jobId }, ctx) => runBackgroundJob(ctx.db(), jobId),

  'hypertables/job-schedule': ({ jobId, scheduled }, ctx) =>
    scheduleBackgroundJob(ctx.db(), jobId, scheduled),
} satisfies Pick<
  HandlerMap,
  | 'hypertables/list'
  | 'hypertables/chunks'
  | 'hypertables/compression'
  | 'hypertables/enable-compression'
  | 'hypertables/compress'
  | 'hypertables/decompress'
  | 'hypertables/compression-policy'
  | 'hypertables/retention'
  | 'hypertables/retention-policy'
  | 'hypertables/drop-preview'
  | 'hypertables/drop-chunks'
  | 'hypertables/jobs'
  | 'hypertables/job-run'
  | 'hypertables/job-schedule'
>
