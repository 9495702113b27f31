import { formatCount } from '../../format'
import { useStore } from '../../store'
import { chartHypertable } from '../../store/chart-hypertable-slice'
import { chartChunkMarks } from './chunk-layout'
import { InlineError } from '../InlineError'

/**
 * "Show chunks" on a hypertable's chart, and what it drew in words: the
 * chunk boundaries in the range and the compressed chunks shaded.
 */
export function ShowChunksSwitch() {
  const hypertable = useStore((s) => chartHypertable(s) !== null)
  const on = useStore((s) => s.showChunks)
  const set = useStore((s) => s.setShowChunks)
  if (!hypertable) return null
  return (
    <label className="check">
      <input type="checkbox" checked={on} onChange={(event) => set(event.target.checked)} /> Show
      chunks
    </label>
  )
}

export function ChartChunksNote() {
  const on = useStore((s) => s.showChunks && chartHypertable(s) !== null)
  const list = useStore((s) => s.chartChunks)
  const error = useStore((s) => s.chartChunksError)
  const reply = useStore((s) => s.chartReply)
  if (!on) return null
  if (error) {
    return <InlineError>Could not read the chunks: {error}</InlineError>
  }
  if (!list || !reply) return null
  const marks = chartChunkMarks(list.chunks, reply.from, reply.to)
  const compressed = list.chunks.filter((c) => c.compressed).length
  return (
    <p className="muted chunk-marks-caption" role="status" aria-label="Chunks on the chart">
      {formatCount(list.total)} chunks in this range ({formatCount(compressed)} compressed, shaded);{' '}
      {formatCount(marks.boundaries.length)} chunk boundaries drawn as dashed lines.
    </p>
  )
}
