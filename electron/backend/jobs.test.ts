import { describe, expect, it } from 'vitest'
import type { EventMap, EventName } from '../../shared/contract'
import { AppError } from '../../shared/errors'
import { JobCancelled, JobRegistry } from './jobs'
import { silentLogger } from './log'

function recorder() {
  const events: { name: EventName; payload: EventMap[EventName] }[] = []
  const emit = <E extends EventName>(name: E, payload: EventMap[E]) =>
    void events.push({ name, payload })
  return { events, emit }
}

const toAppError = (e: unknown) =>
  e instanceof AppError ? e : new AppError('internal', e instanceof Error ? e.message : 'x')
const summary = { rows: 3, durationMs: 1, rowsPerSecond: 3, chunksTouched: null }

describe('JobRegistry', () => {
  it('returns an id at once and pushes progress and a done event carrying it', async () => {
    const { events, emit } = recorder()
    const jobs = new JobRegistry({ emit, log: silentLogger, toAppError, intervalMs: 0 })
    let finish!: () => void
    const gate = new Promise<void>((r) => (finish = r))
    const id = jobs.start('ingest', async (ctx) => {
      ctx.progress({
        done: 1,
        total: 3,
        unit: 'rows',
        rows: 1,
        ratePerSecond: 1,
        etaSeconds: 2,
        phase: 'loading',
      })
      await gate
      return summary
    })
    expect(id).toMatch(/^job-/)
    expect(events).toHaveLength(0)
    expect(jobs.runningIds).toEqual([id])
    finish()
    await jobs.settled()
    expect(events.map((e) => e.name)).toEqual(['job/progress', 'job/done'])
    expect(events[1]?.payload).toMatchObject({ jobId: id, outcome: 'succeeded', summary })
    expect(jobs.runningIds).toEqual([])
  })

  it('cancel aborts the job signal and reports it as cancelled', async () => {
    const { events, emit } = recorder()
    const jobs = new JobRegistry({ emit, log: silentLogger, toAppError })
    const id = jobs.start(
      'ingest',
      (ctx) =>
        new Promise((_resolve, reject) =>
          ctx.signal.addEventListener('abort', () => reject(new Error('aborted'))),
        ),
    )
    await Promise.resolve()
    expect(jobs.cancel(id)).toBe(true)
    await jobs.cancelAll()
    expect(events.at(-1)?.payload).toMatchObject({ jobId: id, outcome: 'cancelled' })
    expect(jobs.cancel(id)).toBe(false)
  })

  it('a cancelled job may say what the cancel left (JobCancelled), other errors say nothing was saved', async () => {
    const { events, emit } = recorder()
    const jobs = new JobRegistry({ emit, log: silentLogger, toAppError })
    const run = (error: Error) =>
      jobs.start('compress', (ctx) => {
        return new Promise((_resolve, reject) =>
          ctx.signal.addEventListener('abort', () => reject(error)),
        )
      })
    const kept = run(new JobCancelled('Cancelled: 2 of 8 chunks compressed.', { done: 2 }))
    const plain = run(new AppError('cancelled', 'Cancelled.'))
    await Promise.resolve()
    jobs.cancel(kept)
    jobs.cancel(plain)
    await jobs.settled()
    const done = (id: string) =>
      events.find((e) => e.name === 'job/done' && 'jobId' in e.payload && e.payload.jobId === id)
        ?.payload
    expect(done(kept)).toMatchObject({
      outcome: 'cancelled',
      error: {
        code: 'cancelled',
        message: 'Cancelled: 2 of 8 chunks compressed.',
        detail: { done: 2 },
      },
    })
    expect(done(plain)).toMatchObject({ error: { message: 'Cancelled. Nothing was saved.' } })
  })

  it('reports a failure with the error as data', async () => {
    const { events, emit } = recorder()
    const jobs = new JobRegistry({ emit, log: silentLogger, toAppError })
    jobs.start('import', async () => Promise.reject(new AppError('bad_data', 'line 3 is bad')))
    await jobs.settled()
    expect(events.at(-1)?.payload).toMatchObject({
      outcome: 'failed',
      error: { code: 'bad_data', message: 'line 3 is bad' },
    })
  })

  it('throttles progress unless forced', async () => {
    const { events, emit } = recorder()
    const jobs = new JobRegistry({ emit, log: silentLogger, toAppError, intervalMs: 10_000 })
    jobs.start('ingest', async (ctx) => {
      const p = {
        done: 1,
        total: 1,
        unit: 'rows' as const,
        rows: 1,
        ratePerSecond: 1,
        etaSeconds: 0,
        phase: 'loading' as const,
      }
      ctx.progress(p)
      ctx.progress(p)
      ctx.progress(p, true)
      return summary
    })
    await jobs.settled()
    expect(events.filter((e) => e.name === 'job/progress')).toHaveLength(2)
  })
})
