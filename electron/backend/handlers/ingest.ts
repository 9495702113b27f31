import { randomInt } from 'node:crypto'
import { MAX_SAMPLE_ROWS, stepsIn } from '../../../shared/domain/ingest'
import { QUICK_START_SENSORS } from '../../../shared/domain/sensors'
import { AppError } from '../../../shared/errors'
import type { Queryable } from '../db/driver'
import { importCsv } from '../ingest/import-csv'
import { loadSampleData } from '../ingest/load-sample-data'
import { ensureLoadTarget, requireSensorTables, sensorsForLoad } from '../ingest/load-target'
import { UploadQueue } from '../ingest/upload-queue'
import { quickStartTables } from '../schema/tables'
import type { HandlerMap } from './types'

function refuseTooMany(totalRows: number): void {
  if (totalRows > MAX_SAMPLE_ROWS) {
    throw new AppError(
      'invalid_input',
      `That is ${totalRows.toLocaleString('en')} rows, more than ${MAX_SAMPLE_ROWS.toLocaleString('en')}: choose a longer interval, a shorter range or fewer sensors.`,
    )
  }
}

/** The sensors a createMissing load will cover: those there are, or the quick start's four. */
async function sensorsAfterPreparing(db: Queryable): Promise<number> {
  const existing = (await quickStartTables(db)).sensors
    ? ((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM sensors')).rows[0]?.n ?? 0)
    : 0
  return existing > 0 ? existing : QUICK_START_SENSORS.length
}

export const ingestHandlers = {
  'ingest/start': async (spec, ctx) => {
    // Preparing is part of the call (cancelled with it); the load itself is a job,
    // which outlives the call and stops only through jobs/cancel.
    const db = ctx.db()
    const driver = ctx.session.require()
    const steps = stepsIn(spec.from, spec.to, spec.intervalMs)
    // A refused load must change nothing: check the size before creating tables or sensors.
    if (spec.createMissing) {
      refuseTooMany(steps * (spec.sensorIds?.length ?? (await sensorsAfterPreparing(db))))
    }
    const prepared = spec.createMissing ? await ensureLoadTarget(db) : []
    const sensors = await sensorsForLoad(db, spec.sensorIds)
    const totalRows = steps * sensors.length
    refuseTooMany(totalRows)
    const jobId = ctx.jobs.start('ingest', (job) =>
      loadSampleData(driver, { spec, sensors, fallbackSeed: randomInt(0, 2 ** 32) }, job),
    )
    return { jobId, totalRows, prepared }
  },

  'import/start': async (request, ctx) => {
    const driver = ctx.session.require()
    await requireSensorTables(ctx.db())
    const upload = new UploadQueue(undefined, ctx.imports.idleMs)
    const jobId = ctx.jobs.start('import', async (job) => {
      job.signal.addEventListener('abort', () =>
        upload.fail(new AppError('cancelled', 'Cancelled. Nothing was imported.')),
      )
      try {
        return await importCsv(driver, request, upload, job, ctx.imports.spoolDir)
      } finally {
        ctx.uploads.delete(job.id)
        // A COPY that failed stops reading: release a piece waiting for room,
        // or the renderer's import/chunk call would hang until the idle timeout.
        upload.fail(
          new AppError(
            'not_found',
            'This import has ended (it finished, failed or was cancelled); its outcome says how.',
          ),
        )
      }
    })
    ctx.uploads.set(jobId, upload)
    return { jobId }
  },

  'import/chunk': async ({ jobId, bytes, last }, ctx) => {
    const upload = ctx.uploads.get(jobId)
    if (!upload) {
      throw new AppError(
        'not_found',
        'This import is no longer running (it finished, failed or was cancelled).',
      )
    }
    await upload.push(bytes, last)
    return { receivedBytes: bytes.byteLength }
  },

  'jobs/cancel': async ({ jobId }, ctx) => ({ cancelled: ctx.jobs.cancel(jobId) }),
} satisfies Pick<HandlerMap, 'ingest/start' | 'import/start' | 'import/chunk' | 'jobs/cancel'>
