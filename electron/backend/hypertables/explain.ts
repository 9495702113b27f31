/**
 * EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) of a statement the backend built
 * (never text from the renderer), in a read-only transaction, as a tree with
 * the chunks of its hypertables marked scanned or excluded.
 */
import type { ExplainReply } from '../../../shared/domain/explain'
import type { HypertableRef } from '../../../shared/domain/hypertables'
import type { SqlParam } from '../../../shared/domain/series'
import { AppError } from '../../../shared/errors'
import type { Driver, Queryable, QueryOptions } from '../db/driver'
import { readTimescale } from './catalog'
import { planTree, type KnownChunk } from './plan-tree'

export interface Statement {
  sql: string
  params: SqlParam[]
}

/** Every chunk of the given hypertables (those that are hypertables), with its compression. */
async function knownChunks(
  db: Queryable,
  tables: HypertableRef[],
  options: QueryOptions,
): Promise<KnownChunk[]> {
  if (tables.length === 0 || !(await readTimescale(db, options))) return []
  const { rows } = await db.query<{
    ht_schema: string
    ht_name: string
    name: string
    compressed: boolean
  }>(
    `SELECT hypertable_schema::text AS ht_schema, hypertable_name::text AS ht_name,
            chunk_name::text AS name, is_compressed AS compressed
       FROM timescaledb_information.chunks
      WHERE (hypertable_schema, hypertable_name) IN (
              SELECT * FROM unnest($1::text[], $2::text[]))`,
    [tables.map((t) => t.schema), tables.map((t) => t.name)],
    options,
  )
  return rows.map((r) => ({
    hypertable: { schema: r.ht_schema, name: r.ht_name },
    name: r.name,
    compressed: r.compressed,
  }))
}

type ExplainOutput = {
  Plan?: Record<string, unknown>
  'Planning Time'?: number
  'Execution Time'?: number
}

function parsePlan(value: unknown): ExplainOutput {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value
  const first: unknown = Array.isArray(parsed) ? parsed[0] : undefined
  if (typeof first !== 'object' || first === null || !('Plan' in first)) {
    throw new AppError('server_error', 'The server returned a plan this app cannot read.')
  }
  return first as ExplainOutput
}

export async function explainStatement(
  driver: Driver,
  statement: Statement,
  tables: HypertableRef[],
  options: QueryOptions = {},
): Promise<ExplainReply> {
  // ANALYZE runs the statement: read-only, so even a mistake of ours could change nothing.
  const raw = await driver.transaction(
    async (tx) => {
      await tx.query('SET TRANSACTION READ ONLY')
      const { rows } = await tx.query<Record<string, unknown>>(
        `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${statement.sql}`,
        statement.params,
      )
      return rows[0] ? Object.values(rows[0])[0] : undefined
    },
    options.signal ? { signal: options.signal } : {},
  )
  const output = parsePlan(raw)
  const tree = planTree(output.Plan ?? {}, await knownChunks(driver, tables, options))
  const time = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null)
  return {
    sql: statement.sql,
    params: statement.params,
    planningMs: time(output['Planning Time']),
    executionMs: time(output['Execution Time']),
    ...tree,
  }
}
