import { bucketLabel } from '../../../../shared/buckets'
import type { RollupDetail } from '../../../../shared/domain/rollup-calls'
import { formatBytes, formatTime } from '../../format'
import { useStore } from '../../store'
import { InlineError } from '../InlineError'

function columnsText(r: RollupDetail): string {
  return r.columns.map((c) => `${c.column} = ${c.fn}(${c.source ?? '*'})`).join(', ') || '—'
}

function policyText(r: RollupDetail): string {
  if (!r.policy) return 'none (refreshed by hand)'
  const { startOffset, endOffset, schedule } = r.policy
  return `every ${schedule}, from ${startOffset ?? 'the start'} ago to ${endOffset ?? 'now'} ago`
}

function RollupFacts({ rollup: r }: { rollup: RollupDetail }) {
  const bucket = r.bucketSeconds > 0 ? bucketLabel(r.bucketSeconds) : '—'
  return (
    <li className="rollup-item" aria-label={r.view.name}>
      <h4>
        {r.view.schema}.{r.view.name}
      </h4>
      <dl className="facts">
        <dt>Bucket</dt>
        <dd>
          {bucket} of {r.timeColumn || '?'}
          {r.timeZone ? ` (days in ${r.timeZone})` : ''}
        </dd>
        <dt>Group columns</dt>
        <dd>{r.groupColumns.map((g) => g.column).join(', ') || 'none'}</dd>
        <dt>Aggregate columns</dt>
        <dd className="mono">{columnsText(r)}</dd>
        <dt>Materialized up to</dt>
        <dd>{r.watermarkMs === null ? 'nothing yet' : formatTime(r.watermarkMs)}</dd>
        <dt>Real-time</dt>
        <dd>{r.materializedOnly ? 'off (newer rows are added by the chart)' : 'on'}</dd>
        <dt>Refresh policy</dt>
        <dd>{policyText(r)}</dd>
        <dt>Last refresh</dt>
        <dd>{r.lastRefreshMs === null ? 'never by the policy' : formatTime(r.lastRefreshMs)}</dd>
        <dt>Size</dt>
        <dd>{r.bytes === null ? '—' : formatBytes(r.bytes)}</dd>
        {r.unusable && (
          <>
            <dt>Charts</dt>
            <dd>cannot read it: {r.unusable}</dd>
          </>
        )}
      </dl>
    </li>
  )
}

/** The selected hypertable's continuous aggregates (or the selected aggregate), in full. */
export function RollupList() {
  const list = useStore((s) => s.rollupList)
  const status = useStore((s) => s.rollupListStatus)
  const error = useStore((s) => s.rollupListError)
  const detail = useStore((s) => s.tableDetail)
  if (error) {
    return <InlineError>Could not read the continuous aggregates: {error}</InlineError>
  }
  if (!list) return status === 'loading' ? <p className="muted">Reading rollups…</p> : null
  return (
    <section className="panel rollup-list" aria-label="Continuous aggregates">
      <h3>Continuous aggregates (rollups)</h3>
      {!list.timescaledb && (
        <p className="muted">
          Rollups (continuous aggregates) need TimescaleDB, which this database does not have.
          Enable the extension to let charts read them.
        </p>
      )}
      {list.timescaledb && list.rollups.length === 0 && (
        <p className="muted">
          {detail?.kind === 'hypertable'
            ? 'None on this hypertable. Chart it and use “Speed up this chart” to make one.'
            : 'Only hypertables have continuous aggregates.'}
        </p>
      )}
      <ul>
        {list.rollups.map((r) => (
          <RollupFacts key={`${r.view.schema}.${r.view.name}`} rollup={r} />
        ))}
      </ul>
    </section>
  )
}
