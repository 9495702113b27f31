/**
 * EXPLAIN (FORMAT JSON) output turned into the tree the UI draws: each node's
 * type, relation, conditions, rows, time and buffers, and which chunk of
 * which hypertable it reads. Pure: the chunk names come from the catalog.
 */
import {
  MAX_PLAN_NODES,
  type ExplainedHypertable,
  type PlanChunk,
  type PlanNode,
} from '../../../shared/domain/explain'

/** A chunk of one of the statement's hypertables, as the catalog lists it. */
export interface KnownChunk {
  hypertable: { schema: string; name: string }
  name: string
  compressed: boolean
}

type RawNode = Record<string, unknown>

/** What the server says about a node beyond rows and times, in the order worth reading. */
const DETAIL_KEYS = [
  'Index Cond',
  'Recheck Cond',
  'Filter',
  'Vectorized Filter',
  'Rows Removed by Filter',
  'Rows Removed by Index Recheck',
  'Join Filter',
  'Hash Cond',
  'Merge Cond',
  'One-Time Filter',
  'Group Key',
  'Sort Key',
  'Strategy',
  'Partial Mode',
  'Scan Direction',
  'Startup Exclusion',
  'Runtime Exclusion',
  'Subplans Removed',
  'Bulk Decompression',
  'Batch Sorted Merge',
] as const

const MAX_DETAIL_CHARS = 500

const numberOr = (v: unknown): number | null =>
  typeof v === 'number' && Number.isFinite(v) ? v : null
const textOr = (v: unknown): string | null => (typeof v === 'string' ? v : null)

function detailsOf(raw: RawNode): string[] {
  const out: string[] = []
  for (const key of DETAIL_KEYS) {
    const value = raw[key]
    if (value === undefined || value === null) continue
    const text = Array.isArray(value) ? value.map(String).join(', ') : String(value)
    out.push(`${key}: ${text}`.slice(0, MAX_DETAIL_CHARS))
  }
  return out
}

function typeOf(raw: RawNode): string {
  const type = textOr(raw['Node Type']) ?? 'Unknown'
  const provider = textOr(raw['Custom Plan Provider'])
  return (provider ? `${type} (${provider})` : type).slice(0, 120)
}

export interface PlanTree {
  root: PlanNode
  truncated: boolean
  hypertables: ExplainedHypertable[]
}

/**
 * Builds the tree and marks chunks: a node whose relation is a known chunk
 * reads that chunk; a node below it that reads the chunk's compressed data
 * (compress_hyper_…) belongs to the same chunk. A chunk counts as scanned
 * when a node reading it ran at least once; every other chunk of the
 * hypertable was excluded (when planning, at start-up or at run time).
 */
export function planTree(rawRoot: RawNode, known: KnownChunk[]): PlanTree {
  const byName = new Map(known.map((c) => [c.name, c]))
  const scanned = new Set<string>()
  let nodes = 0
  let truncated = false

  const build = (raw: RawNode, parentChunk: PlanChunk | null): PlanNode => {
    nodes += 1
    const relation = textOr(raw['Relation Name'])
    const loops = numberOr(raw['Actual Loops'])
    const ran = loops === null || loops > 0
    const own = relation ? byName.get(relation) : undefined
    let chunk: PlanChunk | null = null
    if (own) {
      chunk = {
        hypertable: own.hypertable.name,
        chunk: own.name,
        compressed: own.compressed,
        state: ran ? 'scanned' : 'not_executed',
      }
    } else if (parentChunk && relation?.startsWith('compress_hyper_')) {
      chunk = { ...parentChunk, compressed: true, state: ran ? parentChunk.state : 'not_executed' }
    }
    if (chunk?.state === 'scanned') scanned.add(chunk.chunk)
    const rawChildren = Array.isArray(raw.Plans) ? (raw.Plans as RawNode[]) : []
    const children: PlanNode[] = []
    for (const child of rawChildren) {
      if (nodes >= MAX_PLAN_NODES) {
        truncated = true
        break
      }
      children.push(build(child, chunk))
    }
    return {
      type: typeOf(raw),
      relation: relation?.slice(0, 130) ?? null,
      index: textOr(raw['Index Name'])?.slice(0, 130) ?? null,
      details: detailsOf(raw),
      planRows: numberOr(raw['Plan Rows']),
      totalCost: numberOr(raw['Total Cost']),
      actualRows: numberOr(raw['Actual Rows']),
      loops,
      actualMs: numberOr(raw['Actual Total Time']),
      sharedHit: numberOr(raw['Shared Hit Blocks']),
      sharedRead: numberOr(raw['Shared Read Blocks']),
      chunk,
      excludedAtStartup: numberOr(raw['Chunks excluded during startup']),
      excludedAtRuntime: numberOr(raw['Chunks excluded during runtime']),
      children,
    }
  }

  const root = build(rawRoot, null)
  const groups = new Map<string, ExplainedHypertable>()
  for (const chunk of known) {
    const key = `${chunk.hypertable.schema}.${chunk.hypertable.name}`
    let group = groups.get(key)
    if (!group) {
      group = { ...chunk.hypertable, totalChunks: 0, scanned: [], excluded: [] }
      groups.set(key, group)
    }
    group.totalChunks += 1
    ;(scanned.has(chunk.name) ? group.scanned : group.excluded).push(chunk.name)
  }
  return { root, truncated, hypertables: [...groups.values()] }
}
