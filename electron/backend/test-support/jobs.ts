import type { JobDone, JobProgress } from '../../../shared/domain/jobs'
import type { TestBackend } from './backend'
import { waitFor } from './wait'

/** Waits for the job/done event of a job (recorded by createTestBackend). */
export async function jobDone(
  t: TestBackend,
  jobId: string,
  timeoutMs = 120_000,
): Promise<JobDone> {
  const done = await waitFor(
    `job ${jobId} to finish`,
    () => t.events.find((e) => e.name === 'job/done' && (e.payload as JobDone).jobId === jobId),
    timeoutMs,
  )
  return done.payload as JobDone
}

export function progressOf(t: TestBackend, jobId: string): JobProgress[] {
  return t.events
    .filter((e) => e.name === 'job/progress' && (e.payload as JobProgress).jobId === jobId)
    .map((e) => e.payload as JobProgress)
}

/** Waits until a job has reported rows done (so it is inside its COPY). */
export async function waitForProgress(t: TestBackend, jobId: string, atLeast = 1): Promise<void> {
  await waitFor(`job ${jobId} to report progress`, () =>
    progressOf(t, jobId).some((p) => p.done >= atLeast),
  )
}

/**
 * The fixture most fault and bad-input tests start from: the quick-start schema,
 * its four sensors and one day of readings every 5 minutes (1,156 rows, seed 1).
 * Returns how the load ended, for the caller to assert on.
 */
export async function loadQuickStartDay(t: TestBackend, from: number): Promise<JobDone> {
  await t.call('schema/setup', {})
  await t.call('sensors/seed', {})
  const { jobId } = await t.call('ingest/start', {
    from,
    to: from + 24 * 60 * 60 * 1000,
    intervalMs: 300_000,
    seed: 1,
  })
  return jobDone(t, jobId)
}

/** The quick start's chart (series/bucketed) of the day loadQuickStartDay(t, from) loads: hourly, UTC. */
export const quickStartDayChart = (from: number) => ({
  from,
  to: from + 24 * 60 * 60 * 1000,
  pixels: 600,
  bucket: 3600,
  timeZone: 'UTC',
})
