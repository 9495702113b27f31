/**
 * EXPLAIN (ANALYZE, BUFFERS) of a chart's statement as a tree, with the
 * chunks of each hypertable it reads marked scanned or excluded.
 */
import { z } from 'zod'
import { ChartRequestSchema, type SqlParam } from './chart'

/** The chart as series/chart draws it: its spec and window. */
export const ExplainChartSchema = z.strictObject({ chart: ChartRequestSchema })

/** No tree carries more nodes than this; `truncated` says when some were left out. */
export const MAX_PLAN_NODES = 2000

export interface PlanChunk {
  hypertable: string
  chunk: string
  compressed: boolean
  /** 'scanned': read; 'not_executed': in the plan but skipped at run time (loops = 0). */
  state: 'scanned' | 'not_executed'
}

export interface PlanNode {
  /** "Seq Scan", "Custom Scan (ChunkAppend)", "Custom Scan (ColumnarScan)"... */
  type: string
  relation: string | null
  index: string | null
  /** Conditions, filters, keys and TimescaleDB's notes, as the server printed them. */
  details: string[]
  planRows: number | null
  totalCost: number | null
  actualRows: number | null
  loops: number | null
  /** Time in this node and below, per loop, ms. */
  actualMs: number | null
  sharedHit: number | null
  sharedRead: number | null
  /** Set when the node reads a chunk of a hypertable (or a chunk's compressed data). */
  chunk: PlanChunk | null
  /** ChunkAppend's own count of chunks excluded when it started and while it ran. */
  excludedAtStartup: number | null
  excludedAtRuntime: number | null
  children: PlanNode[]
}

export interface ExplainedHypertable {
  schema: string
  name: string
  totalChunks: number
  /** Chunks the statement read. */
  scanned: string[]
  /** Chunks it did not read: left out when planning, at start-up or at run time. */
  excluded: string[]
}

export interface ExplainReply {
  sql: string
  params: SqlParam[]
  planningMs: number | null
  executionMs: number | null
  root: PlanNode
  /** More than MAX_PLAN_NODES nodes: the deepest ones were left out. */
  truncated: boolean
  hypertables: ExplainedHypertable[]
}
