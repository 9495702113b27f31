/**
 * COPY on a user's server as a series of statements in the load's one
 * transaction (see ../copy-batches.ts), each streamed through pg-copy-streams
 * with backpressure: the source is read no faster than the socket drains.
 */
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { setImmediate } from 'node:timers/promises'
import type pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import type { AppError } from '../../../../shared/errors'
import { CopyBatchSizer, offsetCopyLine } from '../copy-batches'
import { BINARY_COPY_HEADER, BINARY_COPY_TRAILER } from '../copy-binary'
import { copyStatement, type CopyChunk, type CopyIn } from '../driver'
import { isPgError, throwIfAborted } from '../errors'

/** Batches of about a quarter of a second of the server's work (a progress report each); see ../copy-batches.ts. */
const PG_COPY_BATCHES = {
  initialBytes: 1024 * 1024,
  minBytes: 256 * 1024,
  maxBytes: 32 * 1024 * 1024,
  targetMs: 250,
}

/**
 * The load's chunks cut into batches, one per COPY statement. A batch ends
 * after the chunk that takes it past its size; the next chunk is read ahead,
 * so the last batch knows it is the last (no empty statement at the end).
 */
export class BatchedSource {
  private readonly chunks: AsyncIterator<CopyChunk>
  private ahead: IteratorResult<CopyChunk> | null = null
  done = false
  failed = false
  failure: unknown = undefined

  constructor(chunks: AsyncIterable<CopyChunk>) {
    this.chunks = chunks[Symbol.asyncIterator]()
  }

  private async next(): Promise<IteratorResult<CopyChunk>> {
    const ahead = this.ahead
    this.ahead = null
    if (ahead) return ahead
    try {
      return await this.chunks.next()
    } catch (error) {
      this.failed = true
      this.failure = error
      throw error
    }
  }

  /**
   * The byte stream one COPY receives: binary framing around the tuples, or
   * the CSV as given. While the kernel takes socket writes at once, Node
   * reports them done on the next tick, so a source that never waits (the
   * generator) would run the whole load without letting the event loop turn:
   * yield to it between chunks.
   */
  batch(format: CopyIn['format'], limit: number) {
    const counted = { rows: 0, bytes: 0, lines: 0 }
    const bytes = async function* (this: BatchedSource): AsyncGenerator<Uint8Array> {
      if (format === 'binary') yield BINARY_COPY_HEADER
      while (!this.done) {
        const next = await this.next()
        if (next.done) {
          this.done = true
          break
        }
        const chunk = next.value
        counted.rows += chunk.rows
        counted.bytes += chunk.bytes.byteLength
        counted.lines += chunk.lines ?? chunk.rows
        if (chunk.bytes.byteLength > 0) yield chunk.bytes
        await setImmediate()
        if (counted.bytes >= limit) {
          this.ahead = await this.next()
          if (this.ahead.done) this.done = true
          break
        }
      }
      if (format === 'binary') yield BINARY_COPY_TRAILER
    }.bind(this)
    return { counted, bytes }
  }
}

/** One COPY statement per batch, until the source is done; returns the rows taken. */
export async function copyBatches(
  client: pg.ClientBase,
  copy: CopyIn,
  source: BatchedSource,
  signal: AbortSignal | undefined,
  explain: (error: unknown) => AppError,
): Promise<number> {
  const sizer = new CopyBatchSizer(PG_COPY_BATCHES)
  const taken = { rows: 0, bytes: 0, lines: 0 }
  for (let first = true; ; first = false) {
    const started = performance.now()
    const batch = source.batch(copy.format, sizer.limit)
    const header = first && (copy.header ?? false)
    const stream = client.query(copyFrom(copyStatement(copy, 'STDIN', header)))
    try {
      const input = Readable.from(batch.bytes(), { objectMode: true, highWaterMark: 2 })
      await pipeline(input, stream, signal ? { signal } : {})
    } catch (error) {
      if (isPgError(error) && !source.failed) {
        throw offsetCopyLine(explain(error), taken.lines)
      }
      throw error
    }
    sizer.record(batch.counted.bytes, performance.now() - started)
    taken.rows += stream.rowCount
    taken.bytes += batch.counted.bytes
    taken.lines += batch.counted.lines
    copy.onProgress?.({ rows: taken.rows, bytes: taken.bytes, complete: source.done })
    if (source.done) return taken.rows
    throwIfAborted(signal)
  }
}
