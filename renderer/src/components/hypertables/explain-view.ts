/** The words the explain tree shows for each node and hypertable. Pure, tested without a browser. */
import type { ExplainedHypertable, PlanNode } from '../../../../shared/domain/explain'
import { formatCount } from '../../format'

export function nodeHeadline(node: PlanNode): string {
  const on = node.relation ? ` on ${node.relation}` : ''
  const using = node.index ? ` using ${node.index}` : ''
  return `${node.type}${on}${using}`
}

const ms = (v: number) => `${v < 10 ? v.toFixed(2) : v.toFixed(1)} ms`

/** Rows (and what the planner expected), loops, time and buffers; or that it never ran. */
export function nodeFigures(node: PlanNode): string {
  if (node.loops === 0) return 'never executed'
  const parts: string[] = []
  if (node.actualRows !== null) {
    const planned = node.planRows === null ? '' : ` (planned ${formatCount(node.planRows)})`
    parts.push(`${formatCount(node.actualRows)} rows${planned}`)
  }
  if (node.loops !== null && node.loops > 1) parts.push(`× ${formatCount(node.loops)} loops`)
  if (node.actualMs !== null) parts.push(ms(node.actualMs))
  if (node.sharedHit !== null || node.sharedRead !== null) {
    parts.push(
      `buffers: ${formatCount(node.sharedHit ?? 0)} hit, ${formatCount(node.sharedRead ?? 0)} read`,
    )
  }
  return parts.join(' · ')
}

/** The chunk mark beside a node: scanned or skipped, compressed or not; null for other nodes. */
export function chunkBadge(node: PlanNode): string | null {
  if (!node.chunk) return null
  const state = node.chunk.state === 'scanned' ? 'chunk scanned' : 'chunk skipped at run time'
  return node.chunk.compressed ? `${state}, compressed` : state
}

/** ChunkAppend's own counts of chunks left out while running. */
export function exclusionNote(node: PlanNode): string | null {
  const parts: string[] = []
  if (node.excludedAtStartup) parts.push(`${node.excludedAtStartup} excluded at start-up`)
  if (node.excludedAtRuntime) parts.push(`${node.excludedAtRuntime} excluded at run time`)
  return parts.length > 0 ? `Chunks ${parts.join(', ')}` : null
}

export function hypertableSummary(ht: ExplainedHypertable): string {
  const of = `${formatCount(ht.scanned.length)} of ${formatCount(ht.totalChunks)} chunks scanned`
  return `${ht.name}: ${of}, ${formatCount(ht.excluded.length)} excluded`
}
