import { formatCount } from '../../format'
import { useStore } from '../../store'
import { formatBytes, formatSeconds } from '../loads/format'
import { InlineError } from '../InlineError'

/** A console export's progress while it runs (with its own Cancel), then what it wrote. */
export function ExportStatus({ jobId }: { jobId: string }) {
  const job = useStore((s) => s.jobs[jobId])
  const cancelJob = useStore((s) => s.cancelJob)
  if (!job) return null
  const p = job.progress
  return (
    <section className="console-export" aria-label="Export">
      {job.status === 'running' && (
        <p role="status">
          Exporting {job.title}:{' '}
          {p ? `${formatCount(p.rows)} rows, ${formatBytes(p.done)} so far` : 'starting…'}{' '}
          <button type="button" disabled={job.cancelling} onClick={() => void cancelJob(jobId)}>
            Cancel export
          </button>
        </p>
      )}
      {job.status === 'succeeded' && job.summary && (
        <p role="status">
          Exported {formatCount(job.summary.rows)} rows to {job.title} in{' '}
          {formatSeconds(job.summary.durationMs / 1000)} ({formatCount(job.summary.rowsPerSecond)}{' '}
          rows/s).
        </p>
      )}
      {job.status === 'cancelled' && <p role="status">Export cancelled.</p>}
      {job.status === 'failed' && job.error && (
        <InlineError>The export failed: {job.error.message}</InlineError>
      )}
    </section>
  )
}
