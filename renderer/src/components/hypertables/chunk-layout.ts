/**
 * Where chunks go on a time axis: bars for the chunk timeline, and the
 * boundaries and compressed spans a chart draws under its series when
 * "Show chunks" is on. Pure, so it is tested without a browser.
 */
import type { ChunkInfo } from '../../../../shared/domain/hypertables'

export interface ChunkBar {
  name: string
  x: number
  width: number
  /** Bar height, proportional to the chunk's size on disk (tallest = height). */
  height: number
  compressed: boolean
}

export interface TimeAxis {
  start: number
  end: number
}

/** The span the chunks cover: time-based from their ranges, integer ones as numbers. */
export function axisOf(chunks: readonly ChunkInfo[]): TimeAxis | null {
  let start = Number.POSITIVE_INFINITY
  let end = Number.NEGATIVE_INFINITY
  for (const chunk of chunks) {
    const [s, e] = rangeOf(chunk)
    if (s === null || e === null) continue
    start = Math.min(start, s)
    end = Math.max(end, e)
  }
  return Number.isFinite(start) && end > start ? { start, end } : null
}

/** A chunk's range as numbers: epoch ms, or an integer dimension's values. */
export function rangeOf(chunk: ChunkInfo): [number | null, number | null] {
  if (chunk.start !== null || chunk.end !== null) return [chunk.start, chunk.end]
  const n = (v: string | null) => (v === null ? null : Number(v))
  return [n(chunk.startInt), n(chunk.endInt)]
}

/**
 * One bar per chunk across `width` pixels, at least one pixel wide, its
 * height by total bytes against the largest chunk (a tiny chunk still shows).
 */
export function chunkBars(
  chunks: readonly ChunkInfo[],
  width: number,
  height: number,
  minHeight = 3,
): ChunkBar[] {
  const axis = axisOf(chunks)
  if (!axis) return []
  const span = axis.end - axis.start
  const largest = Math.max(1, ...chunks.map((c) => c.totalBytes))
  const bars: ChunkBar[] = []
  for (const chunk of chunks) {
    const [s, e] = rangeOf(chunk)
    if (s === null || e === null) continue
    const x = ((s - axis.start) / span) * width
    const w = Math.max(1, ((e - s) / span) * width)
    const h = Math.max(minHeight, (chunk.totalBytes / largest) * height)
    bars.push({ name: chunk.name, x, width: w, height: h, compressed: chunk.compressed })
  }
  return bars
}

export interface ChartChunkMarks {
  /** Chunk boundaries strictly inside the chart's range, epoch ms, ascending. */
  boundaries: number[]
  /** Compressed chunks, clipped to the range, merged where they touch. */
  compressed: { from: number; to: number }[]
}

/** What a chart of [from, to) draws for "Show chunks". */
export function chartChunkMarks(
  chunks: readonly ChunkInfo[],
  from: number,
  to: number,
): ChartChunkMarks {
  const edges = new Set<number>()
  const spans: { from: number; to: number }[] = []
  const sorted = [...chunks]
    .filter((c) => c.start !== null && c.end !== null)
    .sort((a, b) => (a.start ?? 0) - (b.start ?? 0))
  for (const chunk of sorted) {
    const start = chunk.start ?? 0
    const end = chunk.end ?? 0
    if (end <= from || start >= to) continue
    for (const edge of [start, end]) if (edge > from && edge < to) edges.add(edge)
    if (!chunk.compressed) continue
    const span = { from: Math.max(start, from), to: Math.min(end, to) }
    const last = spans.at(-1)
    if (last && last.to >= span.from) last.to = Math.max(last.to, span.to)
    else spans.push(span)
  }
  return { boundaries: [...edges].sort((a, b) => a - b), compressed: spans }
}
