import { randomUUID } from 'node:crypto'
import { open, readdir, rm, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import { AppError } from '../../../shared/errors'
import type { CopyChunk } from '../db/driver'
import { isProcessAlive } from '../process-alive'

const PREFIX = 'tsdb-explorer-import-'

interface Extent {
  offset: number
  length: number
  rows: number
  lines: number
}

/**
 * An uploaded CSV file kept in a temporary file until all of it is there. The
 * load then reads it back from disk, so the engine (the embedded one is a
 * single session) and the load's transaction are held only while loading
 * data that has already arrived, never while waiting for a slow or vanished
 * page. Chunks are stored as the CSV chunker cut them (whole records), and
 * read back one at a time, so memory stays bounded whatever the file's size.
 * The file is readable by this user only and removed however the import ends.
 */
export class ImportSpool {
  private readonly extents: Extent[] = []
  private size = 0
  private removed: Promise<void> | null = null

  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
  ) {}

  static async create(dir: string): Promise<ImportSpool> {
    await removeOrphans(dir)
    const path = join(dir, `${PREFIX}${process.pid}-${randomUUID()}.csv`)
    try {
      return new ImportSpool(path, await open(path, 'wx+', 0o600))
    } catch (error) {
      throw diskError(dir, error)
    }
  }

  get bytes(): number {
    return this.size
  }

  async append(chunk: CopyChunk): Promise<void> {
    if (chunk.bytes.byteLength === 0) return
    try {
      let written = 0
      while (written < chunk.bytes.byteLength) {
        const { bytesWritten } = await this.handle.write(
          chunk.bytes,
          written,
          chunk.bytes.byteLength - written,
          this.size + written,
        )
        written += bytesWritten
      }
    } catch (error) {
      throw diskError(this.path, error)
    }
    this.extents.push({
      offset: this.size,
      length: chunk.bytes.byteLength,
      rows: chunk.rows,
      lines: chunk.lines ?? chunk.rows,
    })
    this.size += chunk.bytes.byteLength
  }

  /** The stored chunks, read back in order, each into a buffer of its own. */
  async *chunks(): AsyncGenerator<CopyChunk> {
    for (const extent of this.extents) {
      const bytes = new Uint8Array(extent.length)
      let read = 0
      while (read < extent.length) {
        const { bytesRead } = await this.handle.read(
          bytes,
          read,
          extent.length - read,
          extent.offset + read,
        )
        if (bytesRead === 0) throw new AppError('internal', `${this.path} ended early.`)
        read += bytesRead
      }
      yield { bytes, rows: extent.rows, lines: extent.lines }
    }
  }

  remove(): Promise<void> {
    this.removed ??= (async () => {
      await this.handle.close().catch(() => {})
      await rm(this.path, { force: true })
    })()
    return this.removed
  }
}

function diskError(where: string, error: unknown): AppError {
  const reason = error instanceof Error ? error.message : String(error)
  return new AppError(
    'internal',
    `Could not keep the upload in a temporary file (${where}): ${reason}. Free some disk space and try again.`,
  )
}

/** Spool files left by a process that was killed mid-import. */
async function removeOrphans(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[])
  for (const name of names) {
    const pid = name.startsWith(PREFIX) ? parseInt(name.slice(PREFIX.length), 10) : NaN
    if (pid > 0 && pid !== process.pid && !isProcessAlive(pid)) {
      await rm(join(dir, name), { force: true }).catch(() => {})
    }
  }
}
