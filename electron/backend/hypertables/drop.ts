/**
 * "Drop chunks older than…": first a preview of exactly which chunks go, with
 * their rows and bytes; then the drop, only with the table's name typed as
 * confirmation and only if it would drop exactly the chunks previewed.
 */
import {
  ageInterval,
  type Age,
  type DropChunksReply,
  type DropPreview,
} from '../../../shared/domain/hypertables'
import { AppError } from '../../../shared/errors'
import type { Driver, Queryable, QueryOptions } from '../db/driver'
import { requireTimeAxis, tsFunction, type Hypertable } from './catalog'
import { chunkInfo, readChunks, sumOf } from './chunks'

export async function previewDrop(
  db: Queryable,
  ht: Hypertable,
  olderThan: Age,
  options: QueryOptions = {},
): Promise<DropPreview> {
  requireTimeAxis(ht)
  const interval = ageInterval(olderThan)
  const read = await readChunks(db, ht, { olderThan: interval }, options)
  let cutoff = read.cutoff
  if (cutoff === null) {
    const { rows } = await db.query<{ ms: number }>(
      'SELECT extract(epoch FROM now() - $1::interval)::float8 * 1000 AS ms',
      [interval],
      options,
    )
    cutoff = Number(rows[0]?.ms)
  }
  if (read.total > read.chunks.length) {
    throw new AppError(
      'invalid_input',
      `${read.total.toLocaleString('en')} chunks are older than ${interval}, more than one preview can list (${read.chunks.length.toLocaleString('en')}). Choose an older age and drop in steps.`,
    )
  }
  return {
    cutoff,
    chunks: read.chunks.map(chunkInfo),
    rows: sumOf(read.chunks, (c) => c.rows),
    bytes: sumOf(read.chunks, (c) => c.totalBytes),
  }
}

export interface DropRequest {
  olderThan: Age
  confirmName: string
  chunks: string[]
}

const sameSet = (a: string[], b: string[]) => {
  const set = new Set(a)
  return a.length === b.length && set.size === new Set(b).size && b.every((x) => set.has(x))
}

/**
 * One transaction: the chunks older than the age are listed again and must be
 * the ones previewed; drop_chunks drops them; nothing older may remain. Any
 * difference rolls the whole drop back.
 */
export async function dropChunks(
  driver: Driver,
  ht: Hypertable,
  request: DropRequest,
  options: QueryOptions = {},
): Promise<DropChunksReply> {
  requireTimeAxis(ht)
  if (request.confirmName !== ht.summary.name) {
    throw new AppError(
      'invalid_input',
      `Nothing was dropped: type the table's name, ${JSON.stringify(ht.summary.name.slice(0, 63))}, exactly as shown to confirm.`,
    )
  }
  const interval = ageInterval(request.olderThan)
  return driver.transaction(
    async (tx) => {
      const before = await readChunks(tx, ht, { olderThan: interval })
      const names = before.chunks.map((c) => c.name)
      if (before.total !== names.length || !sameSet(names, request.chunks)) {
        throw new AppError(
          'conflict',
          `Nothing was dropped: the chunks older than ${interval} are not the ones previewed any more (${names.length} now, ${request.chunks.length} previewed). Preview again.`,
        )
      }
      if (names.length === 0) return { dropped: [], rows: 0, bytes: 0 }
      const dropped = await tx.query<{ chunk: string }>(
        `SELECT c::text AS chunk
         FROM ${tsFunction(ht.ts, 'drop_chunks')}($1::oid::regclass, older_than => now() - $2::interval) AS c`,
        [ht.oid, interval],
      )
      const left = await readChunks(tx, ht, { olderThan: interval })
      if (dropped.rows.length !== names.length || left.total !== 0) {
        throw new AppError(
          'conflict',
          `Nothing was dropped: drop_chunks would have dropped ${dropped.rows.length} chunks where the preview showed ${names.length}. Preview again.`,
        )
      }
      return {
        dropped: names,
        rows: sumOf(before.chunks, (c) => c.rows),
        bytes: sumOf(before.chunks, (c) => c.totalBytes),
      }
    },
    options.signal ? { signal: options.signal } : {},
  )
}
