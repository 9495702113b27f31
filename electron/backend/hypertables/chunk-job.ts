/**
 * Compressing or decompressing a hypertable's chunks as a job: one chunk at a
 * time, each in a transaction of its own, so every chunk ends compressed or
 * not, never half. A cancel stops before the next chunk (and rolls back the
 * one in progress, if it lands during one). On PostgreSQL the job runs on a
 * session of its own, in a load's turn, so however long a chunk takes, the
 * pooled connections stay free for charts and lists.
 */
import type { ChunkJobStarted } from '../../../shared/domain/hypertables'
import type { JobSummary } from '../../../shared/domain/jobs'
import { AppError } from '../../../shared/errors'
import { quoteIdent, type Driver, type OwnSession } from '../db/driver'
import { JobCancelled, type JobContext, type JobRegistry } from '../jobs'
import { requireTimeAxis, type Hypertable } from './catalog'
import { readChunks, sumOf, type Chunk } from './chunks'
import { chunkActionSql, type ChunkAction } from './compression-sql'

/** Enough for any real hypertable; the job lists its chunks once, up front. */
const JOB_CHUNK_LIMIT = 1_000_000

const pastTense: Record<ChunkAction, string> = {
  compress: 'compressed',
  decompress: 'decompressed',
}

/**
 * Picks the chunks to work on (with the call's `db`), then starts the job on
 * the session's `driver` (the job outlives the call); returns at once.
 */
export async function startChunkJob(
  db: Driver,
  driver: Driver,
  jobs: JobRegistry,
  ht: Hypertable,
  action: ChunkAction,
  olderThan: string | null,
): Promise<ChunkJobStarted> {
  if (action === 'compress' && !ht.summary.compressionEnabled) {
    throw new AppError(
      'invalid_input',
      `Compression is not enabled on "${ht.summary.name.slice(0, 63)}": enable it first (Enable compression), then compress its chunks.`,
    )
  }
  if (olderThan !== null) requireTimeAxis(ht)
  const { chunks } = await readChunks(db, ht, {
    olderThan: olderThan ?? undefined,
    compressed: action === 'decompress',
    limit: JOB_CHUNK_LIMIT,
  })
  const jobId = jobs.start(action, (job) => runChunkJob(driver, ht, chunks, action, job))
  return { jobId, chunks: chunks.map((c) => c.name) }
}

async function runChunkJob(
  driver: Driver,
  ht: Hypertable,
  chunks: Chunk[],
  action: ChunkAction,
  job: JobContext,
): Promise<JobSummary> {
  const waiting = (ahead: number) =>
    job.progress(
      {
        phase: 'waiting',
        ahead,
        done: 0,
        total: chunks.length,
        unit: 'chunks',
        rows: 0,
        ratePerSecond: 0,
        etaSeconds: null,
      },
      true,
    )
  const counter = { done: 0 }
  try {
    return await driver.withOwnSession(
      (session) => chunkByChunk(session, ht, chunks, action, job, counter),
      { signal: job.signal, waiting },
    )
  } catch (error) {
    if (!job.signal.aborted) throw error
    throw await cancelledOutcome(driver, ht, chunks, action, counter.done)
  }
}

async function chunkByChunk(
  session: OwnSession,
  ht: Hypertable,
  chunks: Chunk[],
  action: ChunkAction,
  job: JobContext,
  counter: { done: number },
): Promise<JobSummary> {
  const started = performance.now()
  const sql = chunkActionSql(ht.ts, action)
  const total = chunks.length
  let done = 0
  let rows = 0
  const report = (item?: string) => {
    const seconds = (performance.now() - started) / 1000
    const perChunk = done > 0 ? seconds / done : null
    job.progress(
      {
        done,
        total,
        unit: 'chunks',
        rows,
        ratePerSecond: seconds > 0 ? rows / seconds : 0,
        etaSeconds: perChunk === null ? null : Math.round(perChunk * (total - done)),
        ...(item === undefined ? {} : { item }),
      },
      true,
    )
  }
  for (const chunk of chunks) {
    report(chunk.name)
    if (job.signal.aborted) throw new AppError('cancelled', 'Cancelled.')
    try {
      await session.transaction((tx) => tx.query(sql, [chunk.oid]))
    } catch (error) {
      // Another job (another window) may have done this chunk while we waited
      // for its lock: then it is as asked, and that is no failure.
      if (job.signal.aborted || !(await isAlready(session, chunk, action))) throw error
    }
    // Decompressed rows have no statistics yet; the row estimates need them.
    if (action === 'decompress') {
      await session.query(`ANALYZE ${quoteIdent(chunk.schema)}.${quoteIdent(chunk.name)}`)
    }
    done += 1
    counter.done = done
    rows += chunk.rows ?? 0
  }
  report()
  const ids = new Set(chunks.map((c) => c.oid))
  const after = (await readChunks(session, ht, { limit: JOB_CHUNK_LIMIT })).chunks.filter((c) =>
    ids.has(c.oid),
  )
  const durationMs = Math.round(performance.now() - started)
  // After the job the rows are known exactly for compressed chunks (compression
  // counts them) and from fresh statistics for decompressed ones.
  const counted = sumOf(after, (c) => c.rows) || rows
  return {
    rows: counted,
    durationMs,
    rowsPerSecond: durationMs > 0 ? Math.round((counted * 1000) / durationMs) : 0,
    chunksTouched: total,
    bytesBefore: sumOf(chunks, (c) => c.totalBytes),
    bytesAfter: sumOf(after, (c) => c.totalBytes),
  }
}

async function isAlready(session: OwnSession, chunk: Chunk, action: ChunkAction) {
  const { rows } = await session.query<{ compressed: boolean }>(
    `SELECT is_compressed AS compressed FROM timescaledb_information.chunks
      WHERE chunk_schema = $1 AND chunk_name = $2`,
    [chunk.schema, chunk.name],
  )
  return rows[0]?.compressed === (action === 'compress')
}

/**
 * What a cancel left: read from the server, not from our counter, because the
 * embedded engine cannot interrupt a statement and may finish the chunk it was on.
 */
async function cancelledOutcome(
  driver: Driver,
  ht: Hypertable,
  chunks: Chunk[],
  action: ChunkAction,
  counted: number,
): Promise<JobCancelled> {
  let finished = counted
  try {
    const target = action === 'compress'
    const ids = new Set(chunks.map((c) => c.oid))
    const now = await readChunks(driver, ht, { limit: JOB_CHUNK_LIMIT })
    finished = now.chunks.filter((c) => ids.has(c.oid) && c.compressed === target).length
  } catch {
    // The connection may be what failed; the counter is the best we know.
  }
  const total = chunks.length
  const verb = pastTense[action]
  return new JobCancelled(
    `Cancelled: ${finished} of ${total} chunks ${verb}, the other ${total - finished} left as they were. Every chunk is whole: compressed or not, never half.`,
    { done: finished, total },
  )
}
