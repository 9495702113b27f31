import type { CompressionStatus } from '../../../../shared/domain/hypertables'
import { formatBytes, formatCount } from '../../format'

const bytes = (n: number | null) => (n === null ? '—' : formatBytes(n))

/** Compression on or off, how, how much of the table, and what it saved. */
export function CompressionFigures({ status }: { status: CompressionStatus }) {
  return (
    <dl className="facts" aria-label="Compression status">
      <dt>Compression</dt>
      <dd>{status.enabled ? 'Enabled' : 'Not enabled'}</dd>
      <dt>Segment by</dt>
      <dd className="mono">{status.segmentBy ?? '—'}</dd>
      <dt>Order by</dt>
      <dd className="mono">{status.orderBy ?? '—'}</dd>
      <dt>Compressed chunks</dt>
      <dd>
        {formatCount(status.compressedChunks)} of {formatCount(status.totalChunks)}
      </dd>
      <dt>Before → after</dt>
      <dd>
        {bytes(status.beforeBytes)} → {bytes(status.afterBytes)}
      </dd>
      <dt>Ratio</dt>
      <dd>{status.ratio === null ? '—' : `${status.ratio.toFixed(1)}x`}</dd>
      <dt>Policy</dt>
      <dd>
        {status.policy
          ? `Compress chunks older than ${status.policy.after} (job ${status.policy.jobId}${status.policy.scheduled ? '' : ', paused'})`
          : 'None'}
      </dd>
    </dl>
  )
}
