import { ageInterval } from '../../../shared/domain/hypertables'
import {
  listBackgroundJobs,
  runBackgroundJob,
  scheduleBackgroundJob,
} from '../hypertables/background-jobs'
import { listHypertables, lookupHypertable } from '../hypertables/catalog'
import { startChunkJob } from '../hypertables/chunk-job'
import { chunkInfo, readChunks } from '../hypertables/chunks'
import { enableCompression, readCompressionStatus } from '../hypertables/compression'
import { dropChunks, previewDrop } from '../hypertables/drop'
import {
  changeCompressionPolicy,
  changeRetentionPolicy,
  readRetention,
} from '../hypertables/policies'
import type { HandlerMap } from './types'

export const hypertableHandlers = {
  'hypertables/list': (_request, ctx) => listHypertables(ctx.session.require()),

  'hypertables/chunks': async ({ table, from, to }, ctx) => {
    const db = ctx.session.require()
    const ht = await lookupHypertable(db, table)
    const read = await readChunks(db, ht, { from, to })
    return { hypertable: ht.summary, chunks: read.chunks.map(chunkInfo), total: read.total }
  },

  'hypertables/compression': async ({ table, split }, ctx) => {
    const db = ctx.session.require()
    return readCompressionStatus(db, await lookupHypertable(db, table), split)
  },

  'hypertables/enable-compression': async ({ table, ...request }, ctx) => {
    const db = ctx.session.require()
    const reply = await enableCompression(db, await lookupHypertable(db, table), request)
    if (reply.ran) ctx.log.info('compression enabled', { api: reply.status.api })
    return reply
  },

  'hypertables/compress': async ({ table, olderThan }, ctx) => {
    const driver = ctx.session.require()
    const ht = await lookupHypertable(driver, table)
    return startChunkJob(driver, ctx.jobs, ht, 'compress', olderThan && ageInterval(olderThan))
  },

  'hypertables/decompress': async ({ table, olderThan }, ctx) => {
    const driver = ctx.session.require()
    const ht = await lookupHypertable(driver, table)
    return startChunkJob(driver, ctx.jobs, ht, 'decompress', olderThan && ageInterval(olderThan))
  },

  'hypertables/compression-policy': async ({ table, ...change }, ctx) => {
    const db = ctx.session.require()
    return changeCompressionPolicy(db, await lookupHypertable(db, table), change)
  },

  'hypertables/retention': async ({ table }, ctx) => {
    const db = ctx.session.require()
    return readRetention(db, await lookupHypertable(db, table))
  },

  'hypertables/retention-policy': async ({ table, ...change }, ctx) => {
    const db = ctx.session.require()
    return changeRetentionPolicy(db, await lookupHypertable(db, table), change)
  },

  'hypertables/drop-preview': async ({ table, olderThan }, ctx) => {
    const db = ctx.session.require()
    return previewDrop(db, await lookupHypertable(db, table), olderThan)
  },

  'hypertables/drop-chunks': async ({ table, ...request }, ctx) => {
    const driver = ctx.session.require()
    const reply = await dropChunks(driver, await lookupHypertable(driver, table), request)
    ctx.log.info('chunks dropped', { chunks: reply.dropped.length })
    return reply
  },

  'hypertables/jobs': ({ table }, ctx) => listBackgroundJobs(ctx.session.require(), table),

  'hypertables/job-run': ({ jobId }, ctx) => runBackgroundJob(ctx.session.require(), jobId),

  'hypertables/job-schedule': ({ jobId, scheduled }, ctx) =>
    scheduleBackgroundJob(ctx.session.require(), jobId, scheduled),
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
