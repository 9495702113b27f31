import { useStore } from '../../store'
import { BackgroundJobsTable } from './BackgroundJobsTable'

/** TimescaleDB's background jobs on this hypertable: schedule, record, Run now, pause. */
export function JobsTab() {
  const list = useStore((s) => s.htReads.jobs.value)
  const busy = useStore((s) => s.busyBackgroundJob)
  const run = useStore((s) => s.runBackgroundJob)
  const schedule = useStore((s) => s.scheduleBackgroundJob)
  if (!list) return null
  return (
    <BackgroundJobsTable
      list={list}
      busyJobId={busy}
      onRun={(id) => void run(id)}
      onSchedule={(id, scheduled) => void schedule(id, scheduled)}
    />
  )
}
