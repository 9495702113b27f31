/**
 * The rollups/ calls: list a table's continuous aggregates with what the
 * Database page shows of them, propose one for a chart, create it (a job that
 * fills its history), and remove one.
 */
import { z } from 'zod'
import { IdentifierSchema, TableRefSchema } from './catalog'
import { ChartSpecSchema, MAX_BUCKET_SECONDS, TimeZoneSchema } from './chart'
import type { RollupInfo } from './rollups'

export interface RollupPolicy {
  /** As TimescaleDB prints the intervals: "3 days", "01:00:00"; null: unbounded. */
  startOffset: string | null
  endOffset: string | null
  schedule: string
}

/** A continuous aggregate as the Database page lists it. */
export interface RollupDetail extends RollupInfo {
  /** Set when no chart can read it (months, an offset, a bucket we could not read). */
  unusable: string | null
  policy: RollupPolicy | null
  /** Last successful run of its refresh policy, epoch ms. */
  lastRefreshMs: number | null
  bytes: number | null
}

export interface RollupList {
  /** False without TimescaleDB: rollups need it. */
  timescaledb: boolean
  rollups: RollupDetail[]
}

export const RollupListRequestSchema = z.strictObject({ table: TableRefSchema })

/** A chart to speed up: its spec, and the bucket and zone it is drawn with now. */
export const RollupProposeRequestSchema = z.strictObject({
  spec: ChartSpecSchema,
  bucketSeconds: z.number().int().min(1).max(MAX_BUCKET_SECONDS),
  timeZone: TimeZoneSchema.default('UTC'),
})

export interface RollupProposal {
  /** The new aggregate, in the hypertable's schema. */
  view: { schema: string; name: string }
  bucketSeconds: number
  groupColumns: string[]
  /** "sum(temperature)", "count(*)", ... */
  aggregates: string[]
  /** The statements Create runs, in order (the history fill follows as a job). */
  sql: string[]
}

export const RollupCreateRequestSchema = RollupProposeRequestSchema.extend({
  /** The name the proposal gave (or the user chose); it must not exist yet. */
  name: IdentifierSchema,
})

export const RollupRemoveRequestSchema = z.strictObject({ view: TableRefSchema })
