/**
 * The compression and retention policies of a hypertable: TimescaleDB
 * background jobs that compress, or drop, chunks older than an age.
 */
import {
  ageInterval,
  type Age,
  type CompressionStatus,
  type RetentionPolicy,
  type RetentionStatus,
} from '../../../shared/domain/hypertables'
import { AppError } from '../../../shared/errors'
import type { Queryable, QueryOptions } from '../db/driver'
import { lookupHypertable, requireTimeAxis, tsFunction, type Hypertable } from './catalog'
import { readCompressionStatus } from './compression'
import { compressionPolicySql } from './compression-sql'
import { readPolicyJob } from './policy-job'

export type PolicyChange = { action: 'add'; after: Age } | { action: 'remove' }

const named = (ht: Hypertable) => `"${ht.summary.name.slice(0, 63)}"`

export async function changeCompressionPolicy(
  db: Queryable,
  ht: Hypertable,
  change: PolicyChange,
  options: QueryOptions = {},
): Promise<CompressionStatus> {
  if (change.action === 'add') {
    requireTimeAxis(ht)
    if (!ht.summary.compressionEnabled) {
      throw new AppError(
        'invalid_input',
        `Compression is not enabled on ${named(ht)}: enable it first, then add a policy.`,
      )
    }
    const current = await readCompressionStatus(db, ht, undefined, options)
    if (current.policy) {
      throw new AppError(
        'conflict',
        `${named(ht)} already has a compression policy (after ${current.policy.after}, job ${current.policy.jobId}). Remove it first to set another age.`,
      )
    }
    await db.query(compressionPolicySql(ht.ts, 'add'), [ht.oid, ageInterval(change.after)], options)
  } else {
    await db.query(compressionPolicySql(ht.ts, 'remove'), [ht.oid], options)
  }
  return readCompressionStatus(
    db,
    await lookupHypertable(db, ht.summary, options),
    undefined,
    options,
  )
}

async function readRetentionPolicy(
  db: Queryable,
  ht: Hypertable,
  options: QueryOptions,
): Promise<RetentionPolicy | null> {
  const job = await readPolicyJob(db, ht, 'retention', options)
  return (
    job && {
      jobId: job.jobId,
      dropAfter: job.age,
      scheduleInterval: job.scheduleInterval,
      scheduled: job.scheduled,
    }
  )
}

export async function readRetention(
  db: Queryable,
  ht: Hypertable,
  options: QueryOptions = {},
): Promise<RetentionStatus> {
  return { hypertable: ht.summary, policy: await readRetentionPolicy(db, ht, options) }
}

export async function changeRetentionPolicy(
  db: Queryable,
  ht: Hypertable,
  change: PolicyChange,
  options: QueryOptions = {},
): Promise<RetentionStatus> {
  if (change.action === 'add') {
    requireTimeAxis(ht)
    const current = await readRetentionPolicy(db, ht, options)
    if (current) {
      throw new AppError(
        'conflict',
        `${named(ht)} already has a retention policy (drop after ${current.dropAfter}, job ${current.jobId}). Remove it first to set another age.`,
      )
    }
    await db.query(
      `SELECT ${tsFunction(ht.ts, 'add_retention_policy')}($1::oid::regclass, drop_after => $2::interval)`,
      [ht.oid, ageInterval(change.after)],
      options,
    )
  } else {
    await db.query(
      `SELECT ${tsFunction(ht.ts, 'remove_retention_policy')}($1::oid::regclass, if_exists => true)`,
      [ht.oid],
      options,
    )
  }
  return readRetention(db, ht, options)
}
