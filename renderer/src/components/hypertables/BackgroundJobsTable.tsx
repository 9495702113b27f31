import type { BackgroundJob, BackgroundJobList } from '../../../../shared/domain/background-jobs'
import { formatCount, formatTime } from '../../format'
import { numeric, TableHead } from '../TableHead'

const JOB_COLUMNS = [
  'Job',
  'On',
  'Every',
  'Last run',
  'Next run',
  numeric('Runs'),
  numeric('Failures'),
  'Last error',
]

const when = (ms: number | null) => (ms === null ? '—' : formatTime(ms))

function lastRun(job: BackgroundJob): string {
  if (job.lastRunStarted === null) return 'never'
  return `${formatTime(job.lastRunStarted)}${job.lastRunStatus ? ` (${job.lastRunStatus})` : ''}`
}

/**
 * TimescaleDB's background jobs with their schedule and record, and per job
 * "Run now" and pause / resume. What runs them (the scheduler, or nothing on
 * the embedded engine) is said above the table.
 */
export function BackgroundJobsTable({
  list,
  busyJobId,
  onRun,
  onSchedule,
}: {
  list: BackgroundJobList
  busyJobId: number | null
  onRun: (jobId: number) => void
  onSchedule: (jobId: number, scheduled: boolean) => void
}) {
  return (
    <>
      <p className="muted">{list.note}</p>
      {list.jobs.length === 0 ? (
        <p className="empty-state">
          No background jobs: add a compression or retention policy to create one.
        </p>
      ) : (
        <table className="table" aria-label="Background jobs">
          <TableHead columns={JOB_COLUMNS} actions />
          <tbody>
            {list.jobs.map((job) => (
              <tr key={job.id}>
                <td id={`bg-job-${job.id}`}>{job.name}</td>
                <td>{job.relation ? `${job.relation.schema}.${job.relation.name}` : '—'}</td>
                <td>{job.scheduled ? job.scheduleInterval : `${job.scheduleInterval} (paused)`}</td>
                <td>{lastRun(job)}</td>
                <td>{job.scheduled ? when(job.nextStart) : 'paused'}</td>
                <td className="num">{formatCount(job.runs)}</td>
                <td className="num">{formatCount(job.failures)}</td>
                <td className="pre">
                  {job.lastError ? `${when(job.lastError.at)}: ${job.lastError.message}` : '—'}
                </td>
                <td className="row-actions">
                  <button
                    type="button"
                    aria-describedby={`bg-job-${job.id}`}
                    disabled={busyJobId === job.id}
                    onClick={() => onRun(job.id)}
                  >
                    Run now
                  </button>
                  <button
                    type="button"
                    aria-describedby={`bg-job-${job.id}`}
                    disabled={busyJobId === job.id}
                    onClick={() => onSchedule(job.id, !job.scheduled)}
                  >
                    {job.scheduled ? 'Pause' : 'Resume'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  )
}
