/** `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)` output as a tree with the time spent in each node. */

export interface ExplainNode {
  /** "Seq Scan on sensor_data", "Custom Scan (ChunkAppend) on sensor_data", "Hash Join", … */
  label: string
  nodeType: string
  /** Time in this node and its children, all loops (ms). */
  totalMs: number
  /** Time in this node alone: totalMs less its children's (ms). */
  selfMs: number
  /** Rows it produced, all loops. */
  rows: number
  /** Rows the planner expected, all loops. */
  planRows: number
  loops: number
  sharedHitBlocks: number
  sharedReadBlocks: number
  /** The rest of the node's properties as text (conditions, keys, sort method…), in the server's order. */
  details: [string, string][]
  children: ExplainNode[]
}

export interface ExplainResult {
  root: ExplainNode
  planningMs: number | null
  executionMs: number | null
}

const SHOWN_ELSEWHERE = new Set([
  'Node Type',
  'Plans',
  'Actual Total Time',
  'Actual Startup Time',
  'Actual Rows',
  'Actual Loops',
  'Plan Rows',
  'Shared Hit Blocks',
  'Shared Read Blocks',
  'Parent Relationship',
])
const MAX_DETAIL = 500
const MAX_NODES = 5000

type Json = Record<string, unknown>

const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0)

function labelOf(plan: Json): string {
  const type = String(plan['Node Type'] ?? 'Node')
  const provider = plan['Custom Plan Provider']
  let label = provider ? `${type} (${String(provider)})` : type
  if (plan['Strategy'] && type === 'Aggregate') label = `${String(plan['Strategy'])} ${label}`
  const relation = plan['Relation Name'] ?? plan['CTE Name'] ?? plan['Function Name']
  if (relation) {
    const alias = plan['Alias']
    label += ` on ${String(relation)}${alias && alias !== relation ? ` ${String(alias)}` : ''}`
  } else if (plan['Index Name']) label += ` using ${String(plan['Index Name'])}`
  return label
}

function text(value: unknown): string {
  const shown = typeof value === 'string' ? value : JSON.stringify(value)
  return shown.length > MAX_DETAIL ? `${shown.slice(0, MAX_DETAIL)}…` : shown
}

function toNode(plan: Json, budget: { nodes: number }): ExplainNode {
  budget.nodes++
  const loops = Math.max(1, num(plan['Actual Loops']))
  const children =
    Array.isArray(plan['Plans']) && budget.nodes < MAX_NODES
      ? (plan['Plans'] as Json[]).map((child) => toNode(child, budget))
      : []
  const totalMs = num(plan['Actual Total Time']) * loops
  const childMs = children.reduce((sum, child) => sum + child.totalMs, 0)
  return {
    label: labelOf(plan),
    nodeType: String(plan['Node Type'] ?? ''),
    totalMs,
    selfMs: Math.max(0, totalMs - childMs),
    rows: num(plan['Actual Rows']) * loops,
    planRows: num(plan['Plan Rows']),
    loops,
    sharedHitBlocks: num(plan['Shared Hit Blocks']),
    sharedReadBlocks: num(plan['Shared Read Blocks']),
    details: Object.entries(plan)
      .filter(([key]) => !SHOWN_ELSEWHERE.has(key))
      .map(([key, value]) => [key, text(value)]),
    children,
  }
}

/** Parses the one value EXPLAIN … FORMAT JSON returns (the text, or already parsed). */
export function parseExplain(output: unknown): ExplainResult {
  const parsed: unknown = typeof output === 'string' ? JSON.parse(output) : output
  const top = (Array.isArray(parsed) ? parsed[0] : parsed) as Json | undefined
  const plan = top?.['Plan']
  if (!top || typeof plan !== 'object' || plan === null) {
    throw new Error('The server returned no plan.')
  }
  const time = (key: string) => (typeof top[key] === 'number' ? (top[key] as number) : null)
  return {
    root: toNode(plan as Json, { nodes: 0 }),
    planningMs: time('Planning Time'),
    executionMs: time('Execution Time'),
  }
}
