import { describe, expect, it } from 'vitest'
import type { ChartReply, ChartSpec } from '../../../shared/domain/chart'
import type { JobDone, JobProgress } from '../../../shared/domain/jobs'
import { answer, answers, connected, lastOf, named, push, resetFake, settle } from './fake-explorer'

/**
 * "Export CSV" as raw rows asks the backend for an export job (the rows are
 * never fetched here) and shows the job's rows so far, then how it ended.
 */
const { createAppStore } = await import('.')
const { rawExportStatus } = await import('./chart-export-slice')

const spec: ChartSpec = {
  table: { schema: 'public', name: 'sensor_data' },
  time: { column: 'time' },
  measures: [{ column: 'temperature', aggregate: 'avg' }],
  split: null,
  filters: [],
}
const shown = { from: 1_000, to: 61_000 } as ChartReply

function fresh() {
  resetFake()
  const store = createAppStore()
  store.setState({ connection: connected, timeZone: 'Asia/Kolkata' })
  store.getState().watchJobs()
  store.setState({ chartSpec: spec, chartReply: shown })
  return store
}

const progress = (rows: number): JobProgress => ({
  jobId: 'job-r1',
  kind: 'export',
  done: rows * 40,
  total: 0,
  unit: 'bytes',
  rows,
  ratePerSecond: 1000,
  etaSeconds: null,
  elapsedMs: 10,
})
const status = (store: ReturnType<typeof fresh>) => {
  const s = store.getState()
  return rawExportStatus(s.rawExport, s.rawExport.jobId ? s.jobs[s.rawExport.jobId] : undefined)
}

describe('Export CSV as raw rows', () => {
  it("starts the backend's export job for the range shown, and follows it to its end", async () => {
    const store = fresh()
    const started = store.getState().exportRawRows('sensor_data-rows.csv')
    expect(status(store)).toEqual({ running: true, text: 'Exporting… 0 rows' })
    expect(lastOf('series/export').request).toEqual({
      spec,
      from: 1_000,
      to: 61_000,
      timeZone: 'Asia/Kolkata',
      fileName: 'sensor_data-rows.csv',
    })
    answer(lastOf('series/export'), {
      jobId: 'job-r1',
      destination: { kind: 'file', path: '/home/me/rows.csv' },
    })
    await started
    expect(named('series/rows')).toHaveLength(0)
    push('job/progress', progress(15_000))
    expect(status(store)).toEqual({ running: true, text: 'Exporting… 15,000 rows' })
    const done: JobDone = {
      jobId: 'job-r1',
      kind: 'export',
      outcome: 'succeeded',
      summary: { rows: 2_500_000, durationMs: 900, rowsPerSecond: 2_777_777, chunksTouched: null },
    }
    push('job/done', done)
    expect(status(store)).toEqual({ running: false, text: 'Exported 2,500,000 rows.' })
  })

  it('"Stop export" cancels the job; a cancelled one says no file was kept', async () => {
    const store = fresh()
    const started = store.getState().exportRawRows('rows.csv')
    answer(lastOf('series/export'), {
      jobId: 'job-r1',
      destination: { kind: 'file', path: '/tmp/rows.csv' },
    })
    await started
    push('job/progress', progress(5000))
    void store.getState().cancelRawExport()
    expect(lastOf('jobs/cancel').request).toEqual({ jobId: 'job-r1' })
    answer(lastOf('jobs/cancel'), { cancelled: true })
    await settle()
    push('job/done', {
      jobId: 'job-r1',
      kind: 'export',
      outcome: 'cancelled',
      error: { name: 'AppError', code: 'cancelled', message: 'Cancelled.' },
    } as JobDone)
    expect(status(store)).toEqual({ running: false, text: 'Export stopped: no file was kept.' })
  })

  it('says nothing when the save dialog is dismissed, and why when the backend refuses', async () => {
    const store = fresh()
    const dismissed = store.getState().exportRawRows('rows.csv')
    answer(lastOf('series/export'), { jobId: null, destination: null })
    await dismissed
    expect(status(store)).toEqual({ running: false, text: null })
    const refused = store.getState().exportRawRows('rows.csv')
    const call = lastOf('series/export')
    // Through the fake, an error reply as the host sends it.
    answers.get(call.id)!({
      ok: false,
      error: { name: 'AppError', code: 'not_found', message: 'There is no table named x.' },
    })
    await refused
    expect(status(store)).toEqual({
      running: false,
      text: 'Could not export the rows: There is no table named x.',
    })
  })
})
