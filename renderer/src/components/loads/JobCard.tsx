import type { JobProgress, JobSummary } from '../../../../shared/domain/jobs'
import { useStore } from '../../store'
import type { LoadJob } from '../../store/jobs-state'
import { formatCount } from '../../format'
import { describeProgress, formatSeconds } from './format'

function describeChunks(summary: JobSummary): string {
  if (summary.chunksTouched === null && summary.chunksCreated == null) {
    return 'sensor_data is a plain table (no TimescaleDB chunks).'
  }
  const created = summary.chunksCreated ?? 0
  const touched = summary.chunksTouched
  const parts = [`${formatCount(created)} chunk${created === 1 ? '' : 's'} created`]
  if (touched !== null) parts.push(`${formatCount(touched)} touched`)
  return `TimescaleDB: ${parts.join(', ')}.`
}

export function ProgressBar({ progress, label }: { progress: JobProgress | null; label: string }) {
  const total = Math.max(progress?.total ?? 0, 1)
  const done = Math.min(progress?.done ?? 0, total)
  const percent = Math.floor((done / total) * 100)
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={progress?.total ?? 0}
      aria-valuenow={progress?.done ?? 0}
      aria-valuetext={progress ? `${percent}%: ${describeProgress(progress)}` : 'Starting'}
    >
      <div className="progress-fill" style={{ width: `${percent}%` }} />
    </div>
  )
}

const titles: Record<LoadJob['status'], Record<LoadJob['kind'], (file: string) => string>> = {
  running: {
    ingest: () => 'Generating sample data',
    import: (f) => `Importing ${f}`,
    rollup: (f) => `Filling ${f}`,
    export: (f) => `Exporting ${f}`,
  },
  succeeded: {
    ingest: () => 'Sample data loaded',
    import: (f) => `Imported ${f}`,
    rollup: (f) => `Filled ${f}`,
    export: (f) => `Exported ${f}`,
  },
  cancelled: {
    ingest: () => 'Sample data cancelled',
    import: (f) => `Import of ${f} cancelled`,
    rollup: (f) => `Filling ${f} cancelled`,
    export: (f) => `Export of ${f} cancelled`,
  },
  failed: {
    ingest: () => 'Sample data failed',
    import: (f) => `Import of ${f} failed`,
    rollup: (f) => `Filling ${f} failed`,
    export: (f) => `Export of ${f} failed`,
  },
}

/** A load's progress while it runs (with Cancel), then what it did. */
export function JobCard({ job }: { job: LoadJob }) {
  const cancelJob = useStore((s) => s.cancelJob)
  const what = titles[job.status][job.kind](job.title)
  const { progress } = job
  return (
    <section className="job-card" aria-label="Load">
      <h3>{what}</h3>
      {job.prepared.length > 0 && <p className="muted">First: {job.prepared.join('; ')}.</p>}
      {(job.status === 'running' || job.status === 'succeeded') && (
        <>
          <ProgressBar
            progress={progress}
            label={job.kind === 'ingest' ? 'Rows loaded' : 'Bytes imported'}
          />
          <p className="job-figures">
            {progress ? describeProgress(progress, job.status !== 'running') : 'Starting…'}
          </p>
        </>
      )}
      {job.status === 'running' && (
        <button
          type="button"
          className="danger"
          disabled={job.cancelling}
          onClick={() => void cancelJob(job.jobId)}
        >
          Cancel
        </button>
      )}
      {job.status === 'running' && job.cancelling && (
        <p className="muted">Cancelling: rolling the load back…</p>
      )}
      {job.status === 'succeeded' && job.summary && (
        <p role="status" className="job-outcome job-ok">
          Loaded {formatCount(job.summary.rows)} rows in{' '}
          {formatSeconds(job.summary.durationMs / 1000)} ({formatCount(job.summary.rowsPerSecond)}{' '}
          rows/s). {describeChunks(job.summary)}
          {job.summary.keyCheck === 'once' && ' Sensor ids checked once for the load, not per row.'}
        </p>
      )}
      {job.status === 'cancelled' && (
        <p role="status" className="job-outcome">
          {job.error?.message ?? 'Cancelled. Nothing was saved.'}
        </p>
      )}
      {job.status === 'failed' && job.error && (
        <div role="alert" className="job-outcome job-failed">
          <strong>
            {job.kind === 'import' ? 'The import failed' : 'The load failed'}
            {typeof job.error.detail?.line === 'number' ? ` at line ${job.error.detail.line}` : ''}.
          </strong>
          <p>{job.error.message}</p>
          {job.kind === 'ingest' && !/nothing was/i.test(job.error.message) && (
            <p>Nothing was saved: the load runs in one transaction.</p>
          )}
        </div>
      )}
    </section>
  )
}
