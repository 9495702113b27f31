import type { ImportStart } from '../../../shared/domain/csv-import'
import type { JobSummary } from '../../../shared/domain/jobs'
import { AppError } from '../../../shared/errors'
import type { CopyChunk, Driver } from '../db/driver'
import type { JobContext } from '../jobs'
import { analyzeSensorData, chunkCounts } from './chunk-stats'
import { csvRecordChunks } from './csv-chunker'
import { ImportSpool } from './import-spool'
import { ProgressMeter } from './progress'
import type { UploadQueue } from './upload-queue'

/**
 * Imports an uploaded CSV file in two steps. First the upload is received
 * into a temporary file (checking as it comes that every line is within the
 * size limit and names a known sensor), touching no table; then that file is
 * streamed into `COPY sensor_data (...) FROM STDIN (FORMAT csv, HEADER true)`:
 * the server parses it, in one transaction, so a bad row fails the whole
 * import with the server's line number and adds nothing. A page that stalls
 * or goes away mid-upload therefore never holds the engine or a transaction.
 */
export async function importCsv(
  driver: Driver,
  request: ImportStart,
  upload: UploadQueue,
  job: Pick<JobContext, 'signal' | 'progress'>,
  spoolDir: string,
): Promise<JobSummary> {
  const spool = await ImportSpool.create(spoolDir)
  try {
    const receivedMs = await receive(driver, request, upload, spool, job)
    return await load(driver, request, spool, job, receivedMs)
  } catch (error) {
    throw explainRowError(error)
  } finally {
    await spool.remove()
  }
}

async function receive(
  driver: Driver,
  request: ImportStart,
  upload: UploadQueue,
  spool: ImportSpool,
  job: Pick<JobContext, 'signal' | 'progress'>,
): Promise<number> {
  const meter = new ProgressMeter(request.totalBytes, 'bytes')
  const { rows: sensors } = await driver.query<{ id: number }>('SELECT id FROM sensors', [], {
    signal: job.signal,
  })
  const check = {
    column: request.columns.indexOf('sensor_id'),
    knownIds: new Set(sensors.map((s) => s.id)),
    describe: (id: number) =>
      `there is no sensor with id ${id} (add it on the Sensors page, or fix the file)`,
  }
  let received = 0
  let rows = 0
  job.progress({ ...meter.update(0, 0), phase: 'receiving' }, true)
  async function* counted(): AsyncGenerator<Uint8Array> {
    for await (const piece of upload) {
      received += piece.byteLength
      yield piece
    }
  }
  for await (const chunk of csvRecordChunks(counted(), { header: true, check })) {
    await spool.append(chunk)
    rows += chunk.rows
    job.progress({ ...meter.update(received, rows), phase: 'receiving' })
  }
  return meter.elapsedMs()
}

async function load(
  driver: Driver,
  request: ImportStart,
  spool: ImportSpool,
  job: Pick<JobContext, 'signal' | 'progress'>,
  receivedMs: number,
): Promise<JobSummary> {
  const meter = new ProgressMeter(spool.bytes, 'bytes')
  const before = await chunkCounts(driver, 0, 0)
  job.progress(meter.update(0, 0), true)
  let waited = false
  async function* started(): AsyncGenerator<CopyChunk> {
    // Rate and duration count from when the load got its turn.
    if (waited) meter.restart()
    yield* spool.chunks()
  }
  const { rows } = await driver.copyIn(
    {
      table: 'sensor_data',
      columns: request.columns,
      format: 'csv',
      header: true,
      chunks: started(),
      // The COPY parses times without an offset in this zone; only for this transaction.
      before: async (tx) => {
        await tx.query(`SELECT set_config('TimeZone', $1, true)`, [request.timeZone])
      },
      waiting: (ahead) => {
        waited = true
        job.progress({ ...meter.update(0, 0), phase: 'waiting', ahead }, true)
      },
      // Bytes and rows the server has taken; then the commit and ANALYZE are left.
      onProgress: ({ bytes, rows: taken, complete }) =>
        job.progress(meter.update(bytes, taken, complete ? 'finishing' : 'loading'), complete),
    },
    { signal: job.signal },
  )
  // Receiving the file and loading it (not any wait for other loads to finish).
  const durationMs = receivedMs + meter.elapsedMs()
  await analyzeSensorData(driver)
  job.progress(meter.update(spool.bytes, rows, 'finishing'), true)
  const after = await chunkCounts(driver, 0, 0)
  return {
    rows,
    durationMs: Math.round(durationMs),
    rowsPerSecond: durationMs > 0 ? Math.round(rows / (durationMs / 1000)) : rows,
    chunksTouched: null,
    chunksCreated: after && before ? Math.max(0, after.total - before.total) : null,
  }
}

/** Puts the line number first, and says that nothing was imported. */
function explainRowError(error: unknown): unknown {
  if (!(error instanceof AppError) || error.code === 'cancelled') return error
  const line = error.detail?.line
  const prefix = typeof line === 'number' ? `Line ${line}: ` : ''
  const message = error.message.replace(/\.$/, '')
  return new AppError(error.code, `${prefix}${message}. Nothing was imported.`, error.detail)
}
