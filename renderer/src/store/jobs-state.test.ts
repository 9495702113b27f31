import { describe, expect, it } from 'vitest'
import type { JobProgress } from '../../../shared/domain/jobs'
import { withCancelling, withDone, withProgress, withStarted } from './jobs-state'

const progress = (done: number): JobProgress => ({
  jobId: 'job-1',
  kind: 'ingest',
  done,
  total: 100,
  unit: 'rows',
  rows: done,
  ratePerSecond: 50,
  phase: 'loading',
  etaSeconds: (100 - done) / 50,
  elapsedMs: done * 20,
})

describe('load jobs as the UI tracks them', () => {
  it('keeps progress that arrived before the start reply', () => {
    let jobs = withProgress({}, progress(0))
    jobs = withStarted(jobs, {
      jobId: 'job-1',
      kind: 'ingest',
      title: 'Sample data',
      prepared: ['created table sensors'],
    })
    expect(jobs['job-1']).toMatchObject({
      title: 'Sample data',
      prepared: ['created table sensors'],
      status: 'running',
      progress: { done: 0 },
    })
  })

  it('ends at 100% on success, and ignores progress that comes late', () => {
    let jobs = withProgress({}, progress(60))
    jobs = withDone(jobs, {
      jobId: 'job-1',
      kind: 'ingest',
      outcome: 'succeeded',
      summary: { rows: 100, durationMs: 2000, rowsPerSecond: 50, chunksTouched: null },
    })
    jobs = withProgress(jobs, progress(80))
    expect(jobs['job-1']).toMatchObject({ status: 'succeeded', progress: { done: 100 } })
  })

  it('records how a cancelled or failed job ended', () => {
    let jobs = withCancelling(withProgress({}, progress(10)), 'job-1')
    expect(jobs['job-1']?.cancelling).toBe(true)
    jobs = withDone(jobs, {
      jobId: 'job-1',
      kind: 'ingest',
      outcome: 'cancelled',
      error: { name: 'AppError', code: 'cancelled', message: 'Cancelled. Nothing was saved.' },
    })
    expect(jobs['job-1']).toMatchObject({
      status: 'cancelled',
      cancelling: false,
      error: { message: 'Cancelled. Nothing was saved.' },
    })
  })

  it('keeps only the most recent jobs', () => {
    let jobs = {}
    for (let i = 0; i < 30; i++) {
      jobs = withStarted(jobs, { jobId: `job-${i}`, kind: 'import', title: `${i}.csv` })
    }
    expect(Object.keys(jobs)).toHaveLength(12)
    expect(Object.keys(jobs).at(-1)).toBe('job-29')
  })
})
