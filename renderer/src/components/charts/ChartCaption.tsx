import { bucketLabel } from '../../../../shared/buckets'
import type { BucketedReply, SqlParam } from '../../../../shared/domain/series'
import { formatCount } from '../../format'

const reasons: Record<BucketedReply['bucketReason'], string> = {
  auto: 'auto',
  pinned: 'pinned',
  pixels: 'the pinned width would give more points than the plot has pixels',
  sparse: 'auto, widened to the spacing of the readings',
}

/** What the chart shows and what it cost: bucket, series, points, rows, buckets, time. */
export function ChartCaption({
  id,
  reply,
  roundTripMs,
}: {
  id: string
  reply: BucketedReply
  roundTripMs: number | null
}) {
  return (
    <p id={id} className="chart-caption">
      <span>
        Bucket <strong>{bucketLabel(reply.bucketSeconds)}</strong> ({reasons[reply.bucketReason]})
      </span>
      <span>{reply.bucketFunction}</span>
      <span>
        {reply.series.length} series
        {reply.omittedSeries > 0 && ` (${reply.omittedSeries} more not shown: narrow the filters)`}
      </span>
      <span>{formatCount(reply.points)} points</span>
      <span>{formatCount(reply.rows)} rows scanned</span>
      <span>{formatCount(reply.buckets)} buckets</span>
      <span>
        query {reply.queryMs} ms
        {roundTripMs !== null && ` (${roundTripMs} ms round trip)`}
      </span>
    </p>
  )
}

function literal(value: SqlParam): string {
  if (Array.isArray(value)) return `{${value.map((v) => JSON.stringify(v)).join(',')}}`
  return typeof value === 'string' ? `'${value.replaceAll("'", "''")}'` : String(value)
}

/** The exact statement the chart ran, and its parameters in order. */
export function SqlPanel({ reply }: { reply: BucketedReply }) {
  return (
    <section className="panel sql-panel" aria-label="SQL">
      <h3>SQL</h3>
      <pre className="mono">{reply.sql}</pre>
      <dl className="facts mono">
        {reply.params.map((value, i) => (
          <div key={i} className="param">
            <dt>${i + 1}</dt>
            <dd>{literal(value)}</dd>
          </div>
        ))}
      </dl>
    </section>
  )
}
