import type { Queryable, QueryOptions } from '../db/driver'
import type { Hypertable } from './catalog'

/** A compression or retention policy as the jobs view records it. */
export interface PolicyJob {
  jobId: number
  /** The age it acts on ("7 days"), or "created 7 days ago" for a created-before policy. */
  age: string
  scheduleInterval: string
  scheduled: boolean
}

const policies = {
  compression: {
    proc: 'policy_compression',
    age: 'compress_after',
    created: 'compress_created_before',
  },
  retention: { proc: 'policy_retention', age: 'drop_after', created: 'drop_created_before' },
} as const

interface PolicyRow {
  job_id: number
  age: string | null
  created_before: string | null
  schedule: string
  scheduled: boolean
}

/** The hypertable's policy of that kind, or null. */
export async function readPolicyJob(
  db: Queryable,
  ht: Hypertable,
  kind: keyof typeof policies,
  options: QueryOptions = {},
): Promise<PolicyJob | null> {
  const policy = policies[kind]
  const { rows } = await db.query<PolicyRow>(
    `SELECT job_id, config->>$3 AS age, config->>$4 AS created_before,
            schedule_interval::text AS schedule, scheduled
       FROM timescaledb_information.jobs
      WHERE proc_name = $5 AND hypertable_schema = $1 AND hypertable_name = $2
      ORDER BY job_id LIMIT 1`,
    [ht.summary.schema, ht.summary.name, policy.age, policy.created, policy.proc],
    options,
  )
  const row = rows[0]
  if (!row) return null
  return {
    jobId: Number(row.job_id),
    age: row.age ?? (row.created_before ? `created ${row.created_before} ago` : ''),
    scheduleInterval: row.schedule,
    scheduled: row.scheduled,
  }
}
