/**
 * Compression of one hypertable: whether it is on and how (segment by, order
 * by), how much of it is compressed and what that saved, its policy, and
 * settings to suggest when it is off.
 */
import type {
  CompressionPolicy,
  CompressionStatus,
  CompressionSuggestion,
  EnableCompressionReply,
  OrderByItem,
} from '../../../shared/domain/hypertables'
import { AppError } from '../../../shared/errors'
import type { Queryable, QueryOptions } from '../db/driver'
import { lookupHypertable, tsFunction, type Hypertable } from './catalog'
import { enableCompressionSql } from './compression-sql'
import { readPolicyJob } from './policy-job'

interface ColumnRow {
  name: string
  type: string
  /** The table it references, when the column alone is a foreign key. */
  references: string | null
}

async function readColumns(
  db: Queryable,
  ht: Hypertable,
  options: QueryOptions,
): Promise<ColumnRow[]> {
  const { rows } = await db.query<ColumnRow>(
    `SELECT a.attname::text AS name, format_type(a.atttypid, a.atttypmod) AS type,
            (SELECT k.confrelid::regclass::text FROM pg_constraint k
              WHERE k.conrelid = a.attrelid AND k.contype = 'f' AND k.conkey = ARRAY[a.attnum]
              ORDER BY k.conname LIMIT 1) AS references
       FROM pg_attribute a
      WHERE a.attrelid = $1::oid AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY a.attnum LIMIT 1600`,
    [ht.oid],
    options,
  )
  return rows
}

export interface SplitHint {
  column: string
  via?: string | undefined
}

const quoted = (name: string) => JSON.stringify(name.slice(0, 63))

function unknownColumn(ht: Hypertable, name: string): AppError {
  return new AppError(
    'invalid_input',
    `${quoted(ht.summary.name)} has no column ${quoted(name)}. Refresh: the table may have changed.`,
  )
}

/** Segment by the chart's split (or the key it is reached by), else a foreign key; newest first. */
export function suggestSettings(
  ht: Hypertable,
  columns: ColumnRow[],
  split: SplitHint | undefined,
): Omit<CompressionSuggestion, 'sql'> {
  const time = ht.summary.timeColumn
  const orderBy: OrderByItem[] = [{ column: time, descending: true }]
  if (split) {
    const name = split.via ?? split.column
    if (!columns.some((c) => c.name === name)) throw unknownColumn(ht, name)
    if (name !== time) {
      const how = split.via
        ? `the foreign key the chart's split is reached by`
        : `the chart's split`
      return {
        segmentBy: [name],
        orderBy,
        reason: `Segment by ${quoted(name)} (${how}), so each series is stored together; newest first within it.`,
      }
    }
  }
  const key = columns.find((c) => c.references !== null && c.name !== time)
  if (key) {
    return {
      segmentBy: [key.name],
      orderBy,
      reason: `Segment by ${quoted(key.name)}, a foreign key to ${key.references?.slice(0, 130)}, so each one's rows are stored together; newest first within it.`,
    }
  }
  return {
    segmentBy: [],
    orderBy,
    reason: 'No foreign key or chart split to segment by: rows are compressed in time order only.',
  }
}

interface SettingsRow {
  segmentby: string | null
  orderby: string | null
}

interface StatsRow {
  total_chunks: number | string | null
  compressed: number | string | null
  before: number | string | null
  after: number | string | null
  total_bytes: number | string | null
}

const num = (v: number | string | null | undefined) => (v == null ? null : Number(v))

async function readPolicy(
  db: Queryable,
  ht: Hypertable,
  options: QueryOptions,
): Promise<CompressionPolicy | null> {
  const job = await readPolicyJob(db, ht, 'compression', options)
  return (
    job && {
      jobId: job.jobId,
      after: job.age,
      scheduleInterval: job.scheduleInterval,
      scheduled: job.scheduled,
    }
  )
}

export async function readCompressionStatus(
  db: Queryable,
  ht: Hypertable,
  split: SplitHint | undefined,
  options: QueryOptions = {},
): Promise<CompressionStatus> {
  const columns = await readColumns(db, ht, options)
  const settings = await db.query<SettingsRow>(
    `SELECT segmentby, orderby FROM timescaledb_information.hypertable_compression_settings
      WHERE hypertable = $1::oid::regclass`,
    [ht.oid],
    options,
  )
  const stats = await db.query<StatsRow>(
    `SELECT s.total_chunks, s.number_compressed_chunks AS compressed,
            s.before_compression_total_bytes AS before, s.after_compression_total_bytes AS after,
            ${tsFunction(ht.ts, 'hypertable_size')}($1::oid::regclass) AS total_bytes
       FROM (SELECT 1) one
       LEFT JOIN ${tsFunction(ht.ts, 'hypertable_compression_stats')}($1::oid::regclass) s ON true`,
    [ht.oid],
    options,
  )
  const s = stats.rows[0]
  const before = num(s?.before)
  const after = num(s?.after)
  const suggested = suggestSettings(ht, columns, split)
  const set = settings.rows[0]
  return {
    hypertable: ht.summary,
    api: ht.ts.api,
    enabled: ht.summary.compressionEnabled,
    segmentBy: set?.segmentby || null,
    orderBy: set?.orderby || null,
    totalChunks: num(s?.total_chunks) ?? ht.summary.chunks,
    compressedChunks: num(s?.compressed) ?? 0,
    beforeBytes: before,
    afterBytes: after,
    ratio: before !== null && after !== null && after > 0 ? before / after : null,
    totalBytes: num(s?.total_bytes) ?? 0,
    policy: await readPolicy(db, ht, options),
    columns: columns.map(({ name, type }) => ({ name, type })),
    suggestion: {
      ...suggested,
      sql: enableCompressionSql(ht.ts.api, ht.qualified, suggested.segmentBy, suggested.orderBy),
    },
  }
}

export interface EnableRequest {
  segmentBy: string[]
  orderBy: OrderByItem[]
  dryRun: boolean
}

/** Checks the settings against the catalog, builds the statement, and runs it unless asked not to. */
export async function enableCompression(
  db: Queryable,
  ht: Hypertable,
  request: EnableRequest,
  options: QueryOptions = {},
): Promise<EnableCompressionReply> {
  const names = new Set((await readColumns(db, ht, options)).map((c) => c.name))
  const all = [...request.segmentBy, ...request.orderBy.map((o) => o.column)]
  for (const name of all) if (!names.has(name)) throw unknownColumn(ht, name)
  if (new Set(all).size !== all.length) {
    throw new AppError(
      'invalid_input',
      'A column can appear once: either in segment by or in order by, not twice.',
    )
  }
  const sql = enableCompressionSql(ht.ts.api, ht.qualified, request.segmentBy, request.orderBy)
  if (!request.dryRun) await db.query(sql, [], options)
  // Read again: the summary's "compression enabled" changed with the statement.
  const fresh = request.dryRun ? ht : await lookupHypertable(db, ht.summary, options)
  return {
    sql,
    ran: !request.dryRun,
    status: await readCompressionStatus(db, fresh, undefined, options),
  }
}
