import type { ImportStart } from '../../../shared/domain/csv-import'
import type { JobSummary } from '../../../shared/domain/jobs'
import { AppError } from '../../../shared/errors'
import type { CopyChunk, Driver } from '../db/driver'
import type { JobContext } from '../jobs'
import { analyzeSensorData, chunkCounts } from './chunk-stats'
import { csvRecordChunks } from './csv-chunker'
import { ProgressMeter } from './progress'
import type { UploadQueue } from './upload-queue'

/**
 * Streams an uploaded CSV file into `COPY sensor_data (...) FROM STDIN (FORMAT
 * csv, HEADER true)`: the server parses it, in one transaction, so a bad row
 * fails the whole import with the server's line number and adds nothing.
 */
export async function importCsv(
  driver: Driver,
  request: ImportStart,
  upload: UploadQueue,
  job: Pick<JobContext, 'signal' | 'progress'>,
): Promise<JobSummary> {
  const meter = new ProgressMeter(request.totalBytes, 'bytes')
  let bytesDone = 0
  let rowsDone = 0
  const before = await chunkCounts(driver, 0, 0)
  const { rows: sensors } = await driver.query<{ id: number }>('SELECT id FROM sensors')
  const knownIds = new Set(sensors.map((s) => s.id))
  job.progress(meter.update(0, 0), true)

  async function* received(): AsyncGenerator<Uint8Array> {
    for await (const piece of upload) {
      bytesDone += piece.byteLength
      yield piece
    }
  }
  async function* reported(): AsyncGenerator<CopyChunk> {
    const check = {
      column: request.columns.indexOf('sensor_id'),
      knownIds,
      describe: (id: number) =>
        `there is no sensor with id ${id} (add it on the Sensors page, or fix the file)`,
    }
    for await (const chunk of csvRecordChunks(received(), { header: true, check })) {
      yield chunk
      rowsDone += chunk.rows
      job.progress(meter.update(bytesDone, rowsDone))
    }
  }

  let rows: number
  try {
    const result = await driver.copyIn(
      {
        table: 'sensor_data',
        columns: request.columns,
        format: 'csv',
        header: true,
        chunks: reported(),
      },
      { signal: job.signal },
    )
    rows = result.rows
  } catch (error) {
    throw explainRowError(error)
  }
  const durationMs = meter.elapsedMs()
  await analyzeSensorData(driver)
  job.progress(meter.update(request.totalBytes, rows), true)
  const after = await chunkCounts(driver, 0, 0)
  return {
    rows,
    durationMs: Math.round(durationMs),
    rowsPerSecond: durationMs > 0 ? Math.round(rows / (durationMs / 1000)) : rows,
    chunksTouched: null,
    chunksCreated: after && before ? Math.max(0, after.total - before.total) : null,
  }
}

/** Puts the server's line number first, and says that nothing was imported. */
function explainRowError(error: unknown): unknown {
  if (!(error instanceof AppError) || error.code === 'cancelled') return error
  const line = error.detail?.line
  const prefix = typeof line === 'number' ? `Line ${line}: ` : ''
  return new AppError(error.code, `${prefix}${error.message}. Nothing was imported.`, error.detail)
}
