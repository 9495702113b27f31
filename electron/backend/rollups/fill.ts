/**
 * Fills a new continuous aggregate's history as a job: refresh_continuous_aggregate
 * window by window, oldest first (so its watermark only grows and charts stay
 * right throughout), with progress after each window. A cancel stops the
 * window running on the server; what was refreshed before it stays, and the
 * part after the watermark keeps coming from raw rows.
 */
import type { TableRef } from '../../../shared/domain/catalog'
import type { JobSummary } from '../../../shared/domain/jobs'
import { qualified } from '../catalog/time-range'
import { readTimeExtent } from '../catalog/time-extent'
import type { Queryable } from '../db/driver'
import { throwIfAborted } from '../db/errors'
import type { JobContext } from '../jobs'

/** At most this many refresh statements per fill. */
export const MAX_WINDOWS = 40

export interface FillTarget {
  view: TableRef
  table: TableRef
  timeColumn: string
  bucketSeconds: number
}

/** [from, to) windows covering first..last, whole buckets each, oldest first. */
export function fillWindows(firstMs: number, lastMs: number, bucketSeconds: number) {
  const bucket = bucketSeconds * 1000
  const start = Math.floor(firstMs / bucket) * bucket
  const end = (Math.floor(lastMs / bucket) + 1) * bucket
  const buckets = Math.round((end - start) / bucket)
  const step = Math.max(1, Math.ceil(buckets / MAX_WINDOWS)) * bucket
  const windows: [number, number][] = []
  for (let from = start; from < end; from += step) windows.push([from, Math.min(end, from + step)])
  return windows
}

export async function fillRollup(
  db: Queryable,
  target: FillTarget,
  job: Pick<JobContext, 'signal' | 'progress'>,
): Promise<JobSummary> {
  const started = performance.now()
  const { signal } = job
  const extent = await readTimeExtent<number>(
    db,
    {
      table: [target.table.schema, target.table.name],
      column: target.timeColumn,
      select: (c) => `extract(epoch FROM ${c})::float8 * 1000`,
    },
    { signal },
  )
  const windows =
    extent.first === null || extent.last === null
      ? []
      : fillWindows(Number(extent.first), Number(extent.last), target.bucketSeconds)
  const view = `'${qualified(target.view).replaceAll("'", "''")}'`
  const iso = (ms: number) => `'${new Date(ms).toISOString()}'::timestamptz`
  const report = (done: number, force = false) => {
    const seconds = (performance.now() - started) / 1000
    const rate = seconds > 0 ? done / seconds : 0
    job.progress(
      {
        done,
        total: windows.length,
        unit: 'windows',
        rows: 0,
        ratePerSecond: rate,
        etaSeconds: rate > 0 ? (windows.length - done) / rate : null,
      },
      force,
    )
  }
  report(0, true)
  for (const [i, [from, to]] of windows.entries()) {
    throwIfAborted(signal)
    await db.query(`CALL refresh_continuous_aggregate(${view}, ${iso(from)}, ${iso(to)})`, [], {
      signal,
    })
    report(i + 1, i + 1 === windows.length)
  }
  const { rows } = await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM ${qualified(target.view)}`,
    [],
    { signal },
  )
  const durationMs = Math.round(performance.now() - started)
  const materialized = Number(rows[0]?.n ?? 0)
  return {
    rows: materialized,
    durationMs,
    rowsPerSecond: durationMs > 0 ? Math.round((materialized * 1000) / durationMs) : 0,
    chunksTouched: null,
  }
}
