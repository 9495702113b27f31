import type { SampleDataSpec } from '../../../shared/domain/ingest'
import type { JobSummary } from '../../../shared/domain/jobs'
import { AppError } from '../../../shared/errors'
import type { CopyChunk, Driver } from '../db/driver'
import type { JobContext } from '../jobs'
import { analyzeSensorData, chunkCounts } from './chunk-stats'
import { checkKeysOnce, type KeyCheck } from './key-check'
import { ProgressMeter } from './progress'
import { SampleGenerator } from './sample-generator'
import type { ModelSensor } from './sensor-model'

export const SENSOR_DATA_COLUMNS = ['time', 'sensor_id', 'temperature', 'cpu'] as const

export interface SampleLoad {
  spec: SampleDataSpec
  /** The sensors to generate readings for, as they are in the database. */
  sensors: readonly ModelSensor[]
  /** Used when the spec has no seed, so each run differs. */
  fallbackSeed: number
}

/**
 * Generates the readings and streams them into sensor_data with binary COPY in
 * one transaction. With replaceExisting, the chosen sensors' readings in the
 * range are deleted in that same transaction: a failed or cancelled load
 * leaves the table exactly as it was. The sensor ids are checked once for the
 * load where that is safe (key-check.ts), not by a query per row.
 */
export async function loadSampleData(
  driver: Driver,
  load: SampleLoad,
  job: Pick<JobContext, 'signal' | 'progress'>,
): Promise<JobSummary> {
  const { spec, sensors } = load
  const generator = new SampleGenerator({
    from: spec.from,
    to: spec.to,
    intervalMs: spec.intervalMs,
    sensors,
    seed: spec.seed ?? load.fallbackSeed,
    utcOffsetMinutes: spec.utcOffsetMinutes,
  })
  const meter = new ProgressMeter(generator.totalRows, 'rows')
  const before = await chunkCounts(driver, spec.from, spec.to)
  job.progress(meter.update(0, 0), true)

  let waited = false
  async function* started(): AsyncGenerator<CopyChunk> {
    // Rate and duration count from when the load got its turn.
    if (waited) meter.restart()
    yield* generator.chunks()
  }

  const ids = sensors.map((s) => s.id)
  let keyCheck: KeyCheck = 'per-row'
  const result = await driver
    .copyIn(
      {
        table: 'sensor_data',
        columns: SENSOR_DATA_COLUMNS,
        format: 'binary',
        chunks: started(),
        waiting: (ahead) => {
          waited = true
          job.progress({ ...meter.update(0, 0), phase: 'waiting', ahead }, true)
        },
        // Rows the server has taken; once it has them all, the commit and ANALYZE are left.
        onProgress: ({ rows, complete }) =>
          job.progress(meter.update(rows, rows, complete ? 'finishing' : 'loading'), complete),
        before: async (tx) => {
          if (spec.replaceExisting) {
            await tx.query(
              'DELETE FROM sensor_data WHERE sensor_id = ANY($1::int[]) AND time BETWEEN $2 AND $3',
              [ids, new Date(spec.from).toISOString(), new Date(spec.to).toISOString()],
            )
          }
          keyCheck = await checkKeysOnce(tx, { table: 'sensor_data', keyColumn: 'sensor_id' }, ids)
        },
      },
      { signal: job.signal },
    )
    .catch((error: unknown) => {
      throw explainLoadError(error)
    })
  const durationMs = meter.elapsedMs()
  await analyzeSensorData(driver)
  job.progress(meter.update(result.rows, result.rows, 'finishing'), true)
  const after = await chunkCounts(driver, spec.from, spec.to)
  return {
    rows: result.rows,
    durationMs: Math.round(durationMs),
    rowsPerSecond: durationMs > 0 ? Math.round(result.rows / (durationMs / 1000)) : result.rows,
    chunksTouched: after?.overlapping ?? null,
    chunksCreated: after && before ? Math.max(0, after.total - before.total) : null,
    keyCheck,
  }
}

/** Says what happened to the load as a whole: one transaction, so nothing of it was kept. */
function explainLoadError(error: unknown): unknown {
  if (!(error instanceof AppError) || error.code === 'cancelled') return error
  if (/nothing was (saved|committed)/i.test(error.message)) return error
  const what =
    error.code === 'connection_lost'
      ? `The connection to the server was lost during the load (${error.message.replace(/\.$/, '')})`
      : error.message.replace(/\.$/, '')
  return new AppError(
    error.code,
    `${what}. Nothing was saved: the load runs in one transaction, which was rolled back.`,
    error.detail,
  )
}
