import type { JobDone, JobProgress } from '../../../shared/domain/jobs'
import type { TestBackend } from './backend'
import { jobDone, progressOf } from './jobs'

export const DAY = 86_400_000
export const QUICK_START_TABLE = { schema: 'public', name: 'sensor_data' }

/** Midnight UTC today: one-day chunks start at UTC midnights. */
export function todayUtc(now = Date.now()): number {
  return now - (now % DAY)
}

/**
 * The quick-start schema with one-day chunks and `days` full days of
 * readings (every 5 minutes, four sensors, seed 1) ending at midnight UTC
 * today: one chunk per day, all of them in the past.
 */
export async function loadDailyChunks(
  t: TestBackend,
  days: number,
): Promise<{ from: number; to: number }> {
  await t.call('schema/setup', {})
  await t.call('sensors/seed', {})
  await t.sql.query("SELECT set_chunk_time_interval('sensor_data', INTERVAL '1 day')")
  const to = todayUtc()
  const from = to - days * DAY
  // The load includes its end: stop one step short of midnight, inside the last day.
  const { jobId } = await t.call('ingest/start', {
    from,
    to: to - 300_000,
    intervalMs: 300_000,
    seed: 1,
  })
  const done = await jobDone(t, jobId)
  if (done.outcome !== 'succeeded')
    throw new Error(`loading the fixture failed: ${JSON.stringify(done)}`)
  return { from, to }
}

/** Compression on the quick-start hypertable as the app suggests it: by sensor, newest first. */
export const QUICK_START_COMPRESSION = {
  table: QUICK_START_TABLE,
  segmentBy: ['sensor_id'],
  orderBy: [{ column: 'time', descending: true }],
}

/** Turns compression on for the quick-start hypertable (QUICK_START_COMPRESSION). */
export async function enableCompression(t: TestBackend): Promise<void> {
  await t.call('hypertables/enable-compression', QUICK_START_COMPRESSION)
}

/** Runs a chunk job to its end and returns how it ended with its progress events. */
export async function chunkJobOutcome(
  t: TestBackend,
  jobId: string,
): Promise<{ done: JobDone; progress: JobProgress[] }> {
  const done = await jobDone(t, jobId)
  return { done, progress: progressOf(t, jobId) }
}

/** Rows per chunk, counted (not estimated), keyed by chunk name. */
export async function countsPerChunk(t: TestBackend): Promise<Map<string, number>> {
  const { rows } = await t.sql.query<{ name: string; n: number }>(
    `SELECT ch.chunk_name::text AS name,
            (SELECT count(*) FROM sensor_data d
              WHERE d.time >= ch.range_start AND d.time < ch.range_end)::int AS n
       FROM timescaledb_information.chunks ch
      WHERE ch.hypertable_name = 'sensor_data' ORDER BY ch.range_start`,
  )
  return new Map(rows.map((r) => [r.name, Number(r.n)]))
}

/** Which chunks of sensor_data are compressed, by name. */
export async function compressedChunks(t: TestBackend): Promise<Map<string, boolean>> {
  const { rows } = await t.sql.query<{ name: string; compressed: boolean }>(
    `SELECT chunk_name::text AS name, is_compressed AS compressed
       FROM timescaledb_information.chunks WHERE hypertable_name = 'sensor_data'
      ORDER BY range_start`,
  )
  return new Map(rows.map((r) => [r.name, r.compressed]))
}
