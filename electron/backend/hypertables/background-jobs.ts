/**
 * TimescaleDB's background jobs with their schedule and record: what runs,
 * when it last ran and how that went, when it runs next; "Run now", pause
 * and resume. The embedded engine has no background workers: its jobs exist
 * but run only when asked (CALL run_job), and it keeps no record of runs.
 */
import type {
  BackgroundJob,
  BackgroundJobKind,
  BackgroundJobList,
  BackgroundJobRun,
  SchedulerState,
} from '../../../shared/domain/background-jobs'
import type { HypertableRef } from '../../../shared/domain/hypertables'
import { AppError } from '../../../shared/errors'
import { catalogRead, type Driver, type Queryable, type QueryOptions } from '../db/driver'
import { requireTimescale, tsFunction, type TimescaleFeatures } from './catalog'

interface JobRow {
  job_id: number
  name: string
  proc_schema: string
  proc_name: string
  ht_schema: string | null
  ht_name: string | null
  cagg_schema: string | null
  cagg_name: string | null
  schedule: string
  scheduled: boolean
  status: string | null
  last_status: string | null
  last_started: number | null
  last_success: number | null
  last_duration: string | null
  next_start: number | null
  runs: number | string | null
  successes: number | string | null
  failures: number | string | null
  error_message: string | null
  error_at: number | null
  config: string | null
}

/** A timestamptz as epoch ms (NaN-free: ±infinity stays infinite and is read as null). */
const ms = (expr: string) => `extract(epoch FROM ${expr})::float8 * 1000`
const JOBS_SQL = `SELECT j.job_id, j.application_name::text AS name,
       j.proc_schema::text AS proc_schema, j.proc_name::text AS proc_name,
       j.hypertable_schema::text AS ht_schema, j.hypertable_name::text AS ht_name,
       ca.view_schema::text AS cagg_schema, ca.view_name::text AS cagg_name,
       j.schedule_interval::text AS schedule, j.scheduled, s.job_status::text AS status,
       s.last_run_status::text AS last_status,
       ${ms('s.last_run_started_at')} AS last_started,
       ${ms('s.last_successful_finish')} AS last_success,
       s.last_run_duration::text AS last_duration,
       ${ms('coalesce(s.next_start, j.next_start)')} AS next_start,
       s.total_runs AS runs, s.total_successes AS successes, s.total_failures AS failures,
       left(e.err_message, 2000) AS error_message,
       ${ms('e.finish_time')} AS error_at,
       left(j.config::text, 1000) AS config
  FROM timescaledb_information.jobs j
  LEFT JOIN timescaledb_information.job_stats s ON s.job_id = j.job_id
  LEFT JOIN timescaledb_information.continuous_aggregates ca
         ON ca.materialization_hypertable_schema = j.hypertable_schema
        AND ca.materialization_hypertable_name = j.hypertable_name
  LEFT JOIN LATERAL (
    SELECT err.err_message, err.finish_time FROM timescaledb_information.job_errors err
     WHERE err.job_id = j.job_id ORDER BY err.finish_time DESC NULLS LAST LIMIT 1) e ON true`

const kinds: Record<string, BackgroundJobKind> = {
  policy_compression: 'compression',
  policy_retention: 'retention',
  policy_refresh_continuous_aggregate: 'refresh',
  policy_reorder: 'reorder',
}

function kindOf(row: JobRow): BackgroundJobKind {
  const known = kinds[row.proc_name]
  if (known) return known
  return row.proc_schema === '_timescaledb_functions' || row.proc_schema === '_timescaledb_internal'
    ? 'internal'
    : 'custom'
}

/** A timestamp as epoch ms; TimescaleDB writes -infinity for "never". */
const instant = (v: number | null) => (v === null || !Number.isFinite(Number(v)) ? null : Number(v))
const count = (v: number | string | null) => (v == null ? 0 : Number(v))

function jobOf(row: JobRow): BackgroundJob {
  const relation = row.cagg_name
    ? { schema: row.cagg_schema ?? '', name: row.cagg_name, kind: 'continuous_aggregate' as const }
    : row.ht_name
      ? { schema: row.ht_schema ?? '', name: row.ht_name, kind: 'hypertable' as const }
      : null
  return {
    id: Number(row.job_id),
    name: row.name,
    kind: kindOf(row),
    proc: `${row.proc_schema}.${row.proc_name}`,
    relation,
    scheduleInterval: row.schedule,
    scheduled: row.scheduled,
    status: row.status,
    lastRunStatus: row.last_status,
    lastRunStarted: instant(row.last_started),
    lastSuccess: instant(row.last_success),
    lastDuration: row.last_duration,
    nextStart: instant(row.next_start),
    runs: count(row.runs),
    successes: count(row.successes),
    failures: count(row.failures),
    lastError: row.error_message ? { message: row.error_message, at: instant(row.error_at) } : null,
    config: row.config,
  }
}

const SCHEDULER_SQL = `SELECT EXISTS (
  SELECT 1 FROM pg_stat_activity
   WHERE backend_type = 'TimescaleDB Background Worker Scheduler'
     AND datname = current_database()) AS running`

async function schedulerOf(driver: Driver, options: QueryOptions): Promise<SchedulerState> {
  if (driver.engine === 'embedded') return 'none'
  const { rows } = await driver.query<{ running: boolean }>(SCHEDULER_SQL, [], options)
  return rows[0]?.running ? 'running' : 'not_running'
}

const notes: Record<SchedulerState, string> = {
  running: "TimescaleDB's scheduler runs these jobs on their schedule; Run now runs one at once.",
  not_running:
    'No TimescaleDB scheduler is running for this database (the server has no background workers for it, e.g. timescaledb.max_background_workers is 0), so jobs run only with Run now.',
  none: 'The embedded engine has no background workers: these jobs exist, but nothing runs them on schedule. Run now runs one (CALL run_job), in the foreground; the embedded engine keeps no record of runs, so last run and next run stay empty.',
}

export async function listBackgroundJobs(
  driver: Driver,
  table: HypertableRef | undefined,
  options: QueryOptions = {},
): Promise<BackgroundJobList> {
  await requireTimescale(driver, options)
  const filter = table
    ? ` WHERE (j.hypertable_schema = $1 AND j.hypertable_name = $2)
           OR (ca.hypertable_schema = $1 AND ca.hypertable_name = $2)`
    : ''
  const { rows } = await driver.query<JobRow>(
    `${JOBS_SQL}${filter} ORDER BY j.job_id LIMIT 2000`,
    table ? [table.schema, table.name] : [],
    catalogRead(options),
  )
  const scheduler = await schedulerOf(driver, options)
  return { scheduler, note: notes[scheduler], jobs: rows.map(jobOf) }
}

async function readJob(
  db: Queryable,
  jobId: number,
  options: QueryOptions,
): Promise<BackgroundJob> {
  const { rows } = await db.query<JobRow>(`${JOBS_SQL} WHERE j.job_id = $1`, [jobId], options)
  const row = rows[0]
  if (!row) {
    throw new AppError(
      'not_found',
      `There is no background job ${jobId} in this database: it may have been removed. Refresh the list.`,
    )
  }
  return jobOf(row)
}

/** Runs the job now, in the foreground, as TimescaleDB's run_job does. */
export async function runBackgroundJob(
  driver: Driver,
  jobId: number,
  options: QueryOptions = {},
): Promise<BackgroundJobRun> {
  const ts: TimescaleFeatures = await requireTimescale(driver, options)
  await readJob(driver, jobId, options)
  const started = performance.now()
  await driver.query(`CALL ${tsFunction(ts, 'run_job')}($1::int)`, [jobId], options)
  const durationMs = Math.round(performance.now() - started)
  return { job: await readJob(driver, jobId, options), durationMs }
}

/** Pauses (scheduled = false) or resumes a job. */
export async function scheduleBackgroundJob(
  driver: Driver,
  jobId: number,
  scheduled: boolean,
  options: QueryOptions = {},
): Promise<BackgroundJob> {
  const ts = await requireTimescale(driver, options)
  await readJob(driver, jobId, options)
  await driver.query(
    `SELECT ${tsFunction(ts, 'alter_job')}($1::int, scheduled => $2::bool)`,
    [jobId, scheduled],
    options,
  )
  return readJob(driver, jobId, options)
}
