import { describe, expect, it } from 'vitest'
import type { JobProgress } from '../../../shared/domain/jobs'
import {
  answer,
  cancels,
  connected,
  lastOf,
  named,
  push,
  resetFake,
  sent,
  settle,
} from './fake-explorer'

/**
 * The hypertable slices decide when a tab reads, cancel what a newer read
 * supersedes, keep chunk jobs apart from loads, and send exactly the
 * previewed chunks with a drop (see fake-explorer.ts for the stand-in client).
 */
const { createAppStore } = await import('.')

const table = { schema: 'public', name: 'sensor_data' }

function fresh() {
  resetFake()
  const store = createAppStore()
  store.setState({ connection: connected })
  store.getState().watchJobs()
  return store
}

const progress = (jobId: string, kind: JobProgress['kind'], done: number): JobProgress => ({
  jobId,
  kind,
  done,
  total: 4,
  unit: 'chunks',
  rows: done * 100,
  ratePerSecond: 100,
  etaSeconds: null,
  elapsedMs: 10,
  item: `_hyper_1_${done + 1}_chunk`,
})

describe('the hypertable slice reads the tab shown', () => {
  it('reads the Chunks tab when a hypertable is shown, and the tab picked next', async () => {
    const store = fresh()
    store.getState().showHypertable(table)
    expect(named('hypertables/chunks')).toHaveLength(1)
    expect(lastOf('hypertables/chunks').request).toEqual({ table })
    answer(lastOf('hypertables/chunks'), { hypertable: {}, chunks: [], total: 0 })
    await settle()
    expect(store.getState().htReads.chunks.status).toBe('ready')

    store.getState().setHypertableTab('jobs')
    expect(lastOf('hypertables/jobs').request).toEqual({ table })
    // The same table again (a new object from the catalog) reads nothing more.
    const count = sent.length
    store.getState().showHypertable({ ...table })
    expect(sent.length).toBe(count)
  })

  it('a tab picked quickly after another cancels the first read; a late reply changes nothing', async () => {
    const store = fresh()
    store.getState().showHypertable(table)
    const chunks = lastOf('hypertables/chunks')
    store.getState().setHypertableTab('compression')
    store.getState().setHypertableTab('retention')
    const compression = lastOf('hypertables/compression')
    expect(cancels).toEqual([chunks.id, compression.id])
    answer(chunks, { hypertable: {}, chunks: [], total: 0 })
    await settle()
    expect(store.getState().htReads.chunks.value).toBeNull()
    expect(store.getState().htReads.retention.status).toBe('loading')
  })

  it('leaving the hypertable cancels its read; another one starts from nothing', async () => {
    const store = fresh()
    store.getState().showHypertable(table)
    answer(lastOf('hypertables/chunks'), { hypertable: {}, chunks: [], total: 0 })
    await settle()
    store.getState().setHypertableTab('compression')
    const inFlight = lastOf('hypertables/compression')
    store.getState().showHypertable(null)
    expect(cancels).toContain(inFlight.id)
    store.getState().setHypertableTab('chunks')
    store.getState().showHypertable({ schema: 'public', name: 'other' })
    expect(store.getState().htReads.chunks.value).toBeNull()
    expect(lastOf('hypertables/chunks').request).toEqual({
      table: { schema: 'public', name: 'other' },
    })
  })
})

describe('on the Database page', () => {
  it('the selected table is shown once its detail says hypertable; a plain table, or another page, shows none', () => {
    const store = fresh()
    store.setState({ view: 'database', selectedTable: table, tableDetail: null })
    expect(store.getState().hypertableShown).toBeNull()
    store.setState({ tableDetail: { ...table, kind: 'hypertable' } as never })
    expect(store.getState().hypertableShown).toEqual(table)
    expect(lastOf('hypertables/chunks').request).toEqual({ table })
    store.setState({ view: 'charts' })
    expect(store.getState().hypertableShown).toBeNull()
    store.setState({ view: 'database', tableDetail: { ...table, kind: 'table' } as never })
    expect(store.getState().hypertableShown).toBeNull()
  })
})

describe('compression', () => {
  it('asks for settings suggested by the split of the chart built on this table', () => {
    const store = fresh()
    const split = { via: 'sensor_id', column: 'location' }
    const measures = [{ column: 'temperature', aggregate: 'avg' as const }]
    store.setState({ chartSpec: { table, time: { column: 'time' }, measures, split, filters: [] } })
    store.getState().showHypertable(table)
    store.getState().setHypertableTab('compression')
    expect(lastOf('hypertables/compression').request).toEqual({ table, split })
    store.getState().showHypertable({ schema: 'public', name: 'other' })
    expect(lastOf('hypertables/compression').request).toEqual({
      table: { schema: 'public', name: 'other' },
    })
  })
})

describe('chunk jobs', () => {
  it('are kept apart from loads, and their end reads the tab again', async () => {
    const store = fresh()
    store.getState().showHypertable(table)
    const reads = named('hypertables/chunks').length
    const started = store.getState().startChunkJob('compress', table, { amount: 7, unit: 'days' })
    expect(lastOf('hypertables/compress').request).toEqual({
      table,
      olderThan: { amount: 7, unit: 'days' },
    })
    push('job/progress', progress('job-c1', 'compress', 0))
    answer(lastOf('hypertables/compress'), { jobId: 'job-c1', chunks: ['a', 'b', 'c', 'd'] })
    await started
    push('job/progress', progress('job-c1', 'compress', 2))
    push('job/progress', progress('job-l1', 'ingest', 5))

    const state = store.getState()
    expect(Object.keys(state.jobs)).toEqual(['job-l1'])
    expect(state.chunkJobs['job-c1']).toMatchObject({
      kind: 'compress',
      title: 'public.sensor_data',
      prepared: ['a', 'b', 'c', 'd'],
      status: 'running',
      progress: { done: 2, item: '_hyper_1_3_chunk' },
    })

    const cancelling = store.getState().cancelJob('job-c1')
    expect(store.getState().chunkJobs['job-c1']?.cancelling).toBe(true)
    expect(lastOf('jobs/cancel').request).toEqual({ jobId: 'job-c1' })
    answer(lastOf('jobs/cancel'), { cancelled: true })
    await cancelling
    push('job/done', {
      jobId: 'job-c1',
      kind: 'compress',
      outcome: 'cancelled',
      error: {
        name: 'AppError',
        code: 'cancelled',
        message: 'Cancelled: 2 of 4 chunks compressed',
      },
    })
    expect(store.getState().chunkJobs['job-c1']?.status).toBe('cancelled')
    expect(store.getState().jobs['job-c1']).toBeUndefined()
    expect(named('hypertables/chunks').length).toBe(reads + 1)
  })
})

describe('dropping chunks', () => {
  it('sends the table’s name as typed and exactly the chunks the preview listed', async () => {
    const store = fresh()
    const age = { amount: 30, unit: 'days' } as const
    const previewing = store.getState().previewDrop(table, age)
    expect(lastOf('hypertables/drop-preview').request).toEqual({ table, olderThan: age })
    const chunk = (name: string) => ({ schema: '_timescaledb_internal', name })
    answer(lastOf('hypertables/drop-preview'), {
      cutoff: 1,
      chunks: [chunk('_hyper_1_1_chunk'), chunk('_hyper_1_2_chunk')],
      rows: 10,
      bytes: 100,
    })
    await previewing
    expect(store.getState().dropPlan?.preview.chunks).toHaveLength(2)
    const dropping = store.getState().dropChunks('sensor_data')
    expect(lastOf('hypertables/drop-chunks').request).toEqual({
      table,
      olderThan: age,
      confirmName: 'sensor_data',
      chunks: ['_hyper_1_1_chunk', '_hyper_1_2_chunk'],
    })
    const version = store.getState().dataVersion
    answer(lastOf('hypertables/drop-chunks'), { dropped: ['a', 'b'], rows: 10, bytes: 100 })
    await dropping
    expect(store.getState().dropPlan).toBeNull()
    expect(store.getState().dataVersion).toBe(version + 1)
  })
})
