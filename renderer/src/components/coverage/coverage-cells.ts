/**
 * The coverage heatmap's cells: each split value's rows per bucket, judged
 * against that value's own usual count (the median of its non-empty buckets),
 * so gaps, outages and double sends stand out whatever the sampling rate.
 */
import type { CoverageRow } from '../../../../shared/domain/chart'

export type CellKind = 'gap' | 'low' | 'ok' | 'high'

export interface CoverageLine {
  key: string
  label: string
  /** The usual rows per bucket (median of non-empty buckets); 0 when every bucket is empty. */
  usual: number
  kinds: CellKind[]
  /** 0..1 per bucket, for the cell's shade. */
  shades: number[]
  gaps: number
  low: number
  high: number
}

/** Under half the usual count is a partial outage; over one and a half, a double send. */
export const LOW_BELOW = 0.5
export const HIGH_ABOVE = 1.5

function median(values: number[]): number {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

export function coverageLine(row: CoverageRow): CoverageLine {
  const counts = [...row.counts]
  const usual = median(counts.filter((c) => c > 0))
  const line: CoverageLine = {
    key: row.key,
    label: row.label,
    usual,
    kinds: [],
    shades: [],
    gaps: 0,
    low: 0,
    high: 0,
  }
  for (const count of counts) {
    let kind: CellKind = 'ok'
    if (!(count > 0)) kind = 'gap'
    else if (count < usual * LOW_BELOW) kind = 'low'
    else if (count > usual * HIGH_ABOVE) kind = 'high'
    if (kind !== 'ok') line[kind === 'gap' ? 'gaps' : kind]++
    line.kinds.push(kind)
    line.shades.push(usual > 0 ? Math.min(1, count / (2 * usual)) : 0)
  }
  return line
}

/** One sentence per split value, for screen readers and the caption: what stands out. */
export function describeLine(line: CoverageLine, buckets: number): string {
  if (line.usual === 0) return `${line.label}: no rows in any of ${buckets} buckets`
  const parts = [`usually ${line.usual} rows per bucket`]
  if (line.gaps) parts.push(`${line.gaps} empty`)
  if (line.low) parts.push(`${line.low} under half`)
  if (line.high) parts.push(`${line.high} over one and a half times`)
  return `${line.label}: ${parts.join(', ')}`
}
