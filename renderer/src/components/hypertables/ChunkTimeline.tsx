import type { ChunkInfo } from '../../../../shared/domain/hypertables'
import { formatBytes, formatCount, formatTime } from '../../format'
import { axisOf, chunkBars, rangeOf } from './chunk-layout'

const WIDTH = 800
const HEIGHT = 90
const AXIS = 2

/** A chunk's range in words: local times, or an integer dimension's values. */
export function describeRange(chunk: ChunkInfo): string {
  const [start, end] = rangeOf(chunk)
  if (start === null || end === null) return 'unknown range'
  return chunk.start !== null ? `${formatTime(start)} – ${formatTime(end)}` : `${start} – ${end}`
}

function describeChunk(chunk: ChunkInfo): string {
  const rows = chunk.rows === null ? 'rows unknown' : `≈ ${formatCount(chunk.rows)} rows`
  const state = chunk.compressed
    ? `compressed (${formatBytes(chunk.beforeBytes ?? Number.NaN)} before)`
    : 'not compressed'
  return `${chunk.name}: ${describeRange(chunk)}, ${formatBytes(chunk.totalBytes)}, ${rows}, ${state}`
}

/**
 * Every chunk as a bar on the time axis, its height by size on disk,
 * compressed ones hatched. The picture has a text equivalent (its label and
 * one title per bar); the chunk table beside it lists the same figures.
 */
export function ChunkTimeline({ chunks }: { chunks: ChunkInfo[] }) {
  const axis = axisOf(chunks)
  if (!axis)
    return <p className="empty-state">This hypertable has no chunks yet: load data into it.</p>
  const bars = chunkBars(chunks, WIDTH, HEIGHT - AXIS)
  const compressed = chunks.filter((c) => c.compressed).length
  const byName = new Map(chunks.map((c) => [c.name, c]))
  const time = chunks[0]?.start !== null
  const edge = (v: number) => (time ? formatTime(v) : String(v))
  const label = `Chunk timeline: ${chunks.length} chunks from ${edge(axis.start)} to ${edge(axis.end)}, ${compressed} compressed`
  return (
    <figure className="chunk-timeline">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={label}
        preserveAspectRatio="none"
      >
        <defs>
          <pattern
            id="chunk-hatch"
            width="6"
            height="6"
            patternUnits="userSpaceOnUse"
            patternTransform="rotate(45)"
          >
            <rect width="6" height="6" className="chunk-compressed" />
            <line x1="0" y1="0" x2="0" y2="6" className="chunk-hatch-line" />
          </pattern>
        </defs>
        {bars.map((bar) => {
          const chunk = byName.get(bar.name)
          return (
            <rect
              key={bar.name}
              x={bar.x}
              y={HEIGHT - AXIS - bar.height}
              width={Math.max(1, bar.width - 1)}
              height={bar.height}
              className={bar.compressed ? 'chunk-bar chunk-bar-compressed' : 'chunk-bar'}
              fill={bar.compressed ? 'url(#chunk-hatch)' : undefined}
            >
              {chunk && <title>{describeChunk(chunk)}</title>}
            </rect>
          )
        })}
        <line x1={0} x2={WIDTH} y1={HEIGHT - AXIS} y2={HEIGHT - AXIS} className="chunk-axis" />
      </svg>
      <div className="chunk-axis-labels" aria-hidden="true">
        <span>{edge(axis.start)}</span>
        <span>{edge(axis.end)}</span>
      </div>
      <figcaption className="muted">
        {chunks.length} chunks, {compressed} compressed (hatched). Bar height: size on disk.
      </figcaption>
    </figure>
  )
}
