import { useState } from 'react'
import { bucketLabel } from '../../../../shared/buckets'
import type { RollupProposal } from '../../../../shared/domain/rollup-calls'
import { useStore } from '../../store'
import { InlineError } from '../InlineError'

function Proposal({ proposal, busy }: { proposal: RollupProposal; busy: boolean }) {
  const createRollup = useStore((s) => s.createRollup)
  const dismissRollup = useStore((s) => s.dismissRollup)
  return (
    <section className="panel rollup-proposal" aria-label="Proposed rollup">
      <h3>Speed up this chart with a rollup</h3>
      <dl className="facts">
        <dt>Name</dt>
        <dd>
          {proposal.view.schema}.{proposal.view.name}
        </dd>
        <dt>Bucket</dt>
        <dd>{bucketLabel(proposal.bucketSeconds)}</dd>
        <dt>Grouped by</dt>
        <dd>{proposal.groupColumns.join(', ') || 'nothing (one series)'}</dd>
        <dt>Stores</dt>
        <dd className="mono">{proposal.aggregates.join(', ')}</dd>
      </dl>
      <p className="muted">
        Create runs this SQL, then fills the history window by window as a job you can cancel.
      </p>
      <pre className="mono" aria-label="Rollup SQL">
        {proposal.sql.join(';\n\n')}
      </pre>
      <div className="rollup-buttons">
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() => void createRollup()}
        >
          Create rollup
        </button>
        <button type="button" disabled={busy} onClick={dismissRollup}>
          Not now
        </button>
      </div>
    </section>
  )
}

function FillProgress({ jobId }: { jobId: string }) {
  const job = useStore((s) => s.jobs[jobId])
  const cancelJob = useStore((s) => s.cancelJob)
  if (!job) return null
  const p = job.progress
  if (job.status !== 'running') {
    const outcome =
      job.status === 'succeeded'
        ? `Rollup ${job.title} is filled: the chart reads it now.`
        : job.status === 'cancelled'
          ? `Filling ${job.title} was cancelled; the rollup was removed.`
          : `Filling ${job.title} failed: ${job.error?.message ?? 'unknown error'}. The rollup was removed.`
    return (
      <p className="muted" role="status">
        {outcome}
      </p>
    )
  }
  return (
    <div className="rollup-fill" role="group" aria-label={`Filling ${job.title}`}>
      <progress aria-label={`Filling ${job.title}`} max={p?.total || 1} value={p?.done ?? 0} />
      <span>
        {p ? `${p.done} of ${p.total} windows` : 'Starting…'}
        {p?.etaSeconds != null && ` (about ${Math.ceil(p.etaSeconds)} s left)`}
      </span>
      <button type="button" disabled={job.cancelling} onClick={() => void cancelJob(jobId)}>
        Cancel
      </button>
    </div>
  )
}

/** "Speed up this chart" (propose, then create as a job) or, when a rollup served it, "Remove rollup". */
export function ChartRollup() {
  const reply = useStore((s) => s.chartReply)
  const useRollups = useStore((s) => s.chartSettings.useRollups)
  const timescale = useStore((s) => s.connection.server?.timescaledb.installed != null)
  // Continuous aggregates are made on hypertables only.
  const hypertable = useStore((s) => s.builderDetail?.kind === 'hypertable')
  const proposal = useStore((s) => s.rollupProposal)
  const busy = useStore((s) => s.rollupProposalBusy)
  const error = useStore((s) => s.rollupError)
  const jobId = useStore((s) => s.rollupJobId)
  const proposeRollup = useStore((s) => s.proposeRollup)
  const removeRollup = useStore((s) => s.removeRollup)
  const [confirming, setConfirming] = useState(false)
  if (!reply || !timescale) return null
  const rollup = reply.rollup
  const [schema = '', name = ''] = rollup ? rollup.name.split(/\.(.*)/s) : []
  return (
    <div className="chart-rollup">
      {!rollup && hypertable && useRollups && !proposal && (
        <button type="button" disabled={busy} onClick={() => void proposeRollup()}>
          Speed up this chart
        </button>
      )}
      {rollup && !confirming && (
        <button type="button" onClick={() => setConfirming(true)}>
          Remove rollup
        </button>
      )}
      {rollup && confirming && (
        <span role="group" aria-label={`Remove ${name}?`} className="confirm">
          <span>
            Remove the rollup {rollup.name}? Its stored buckets are dropped; charts read raw rows
            again. The table’s rows stay.
          </span>
          <button
            type="button"
            className="danger"
            onClick={() => void removeRollup({ schema, name }).then(() => setConfirming(false))}
          >
            Remove
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </span>
      )}
      {error && <InlineError>{error}</InlineError>}
      {proposal && <Proposal proposal={proposal} busy={busy} />}
      {jobId && <FillProgress jobId={jobId} />}
    </div>
  )
}
