import { bucketLabel, bucketShortLabel, MAX_PINNED_BUCKETS } from '../../../../shared/buckets'
import type { ChartReply, SqlParam } from '../../../../shared/domain/chart'
import { formatCount } from '../../format'
import { localTime } from './format'

const reasons: Record<ChartReply['bucketReason'], string> = {
  auto: 'auto',
  pinned: 'pinned',
  pixels: 'pinned; more buckets than the plot has pixels, all drawn',
  limit: `the pinned width would give over ${formatCount(MAX_PINNED_BUCKETS)} buckets: auto instead`,
  sparse: 'auto, widened to the spacing of the rows',
}

/** Where the numbers came from: a continuous aggregate (how far materialized) or raw rows. */
export function sourceText(reply: ChartReply): string {
  const rollup = reply.rollup
  if (!rollup) return 'from raw rows'
  const name = rollup.name.startsWith('public.') ? rollup.name.slice(7) : rollup.name
  const upTo =
    rollup.materializedToMs === null
      ? 'nothing materialized yet'
      : `materialized to ${localTime(rollup.materializedToMs, rollup.bucketSeconds)}`
  const after = rollup.realTime ? ', real-time' : ', raw rows after it'
  return `from ${name}, ${bucketShortLabel(rollup.bucketSeconds)} rollup, ${upTo}${after}`
}

/**
 * What the chart shows and what it cost (bucket, series, points, rows,
 * buckets, time), what it computes in words, and the notes on how time was
 * read and where drawing loses precision.
 */
export function ChartCaption({
  id,
  reply,
  roundTripMs,
}: {
  id: string
  reply: ChartReply
  roundTripMs: number | null
}) {
  return (
    <div id={id} className="chart-caption-block">
      <p className="chart-caption">
        <span>
          Bucket <strong>{bucketLabel(reply.bucketSeconds)}</strong> ({reasons[reply.bucketReason]})
        </span>
        <span>{reply.bucketFunction}</span>
        <span className="chart-source">{sourceText(reply)}</span>
        <span>
          {reply.series.length} series
          {reply.omittedSeries > 0 &&
            ` (${formatCount(reply.omittedSeries)} more not shown: narrow the filters)`}
          {reply.omittedSeries === 0 && reply.moreSeries && ' (there may be more: add a filter)'}
        </span>
        <span>{formatCount(reply.points)} points</span>
        <span>{formatCount(reply.rows)} rows scanned</span>
        <span>{formatCount(reply.buckets)} buckets</span>
        <span>
          query {reply.queryMs} ms
          {roundTripMs !== null && ` (${roundTripMs} ms round trip)`}
        </span>
      </p>
      <p className="chart-description muted">{reply.description}</p>
      {(reply.notes.length > 0 || reply.rollupNote) && (
        <ul className="chart-notes" aria-label="Notes">
          {[...reply.notes, ...(reply.rollupNote ? [reply.rollupNote] : [])].map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
    </div>
  )
}

function literal(value: SqlParam): string {
  if (Array.isArray(value)) return `{${value.map((v) => JSON.stringify(v)).join(',')}}`
  return typeof value === 'string' ? `'${value.replaceAll("'", "''")}'` : String(value)
}

/** The exact statement the chart ran, and its parameters in order. */
export function SqlPanel({ reply }: { reply: ChartReply }) {
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
