import { describe, expect, it } from 'vitest'
import type { CallResult, ExplorerClient } from '../../../shared/contract'
import type { ConnectionState } from '../../../shared/domain/connection'
import type { BucketedReply, BucketedRequestInput } from '../../../shared/domain/series'

/**
 * The charts slice decides when the chart queries and cancels what a newer
 * query supersedes. A stand-in for window.explorer records every call and
 * cancel and lets each test answer them, in any order.
 */
interface Sent {
  name: string
  request: unknown
  id: string
}
const sent: Sent[] = []
const cancels: string[] = []
const answers = new Map<string, (result: CallResult<unknown>) => void>()
const fake: ExplorerClient = {
  host: 'web',
  call: (name, request, id) => {
    sent.push({ name, request, id })
    return new Promise((resolve) => answers.set(id, resolve as never))
  },
  cancel: (id) => cancels.push(id),
  on: () => () => {},
}
Object.assign(globalThis, { window: { explorer: fake } })
const { createAppStore } = await import('.')

const NOW = Date.now()
const connected = {
  status: 'connected',
  target: { kind: 'embedded', label: 'Embedded TimescaleDB' },
  server: { database: 'postgres', timescaledb: { installed: '2.23.0', available: '2.23.0' } },
} as ConnectionState

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))
const named = (name: string) => sent.filter((s) => s.name === name)
const lastOf = (name: string) => named(name).at(-1)!

function answer(call: Sent, value: unknown) {
  answers.get(call.id)!({ ok: true, value })
}

function replyFor(call: Sent): BucketedReply {
  const request = call.request as BucketedRequestInput
  return {
    times: new Float64Array(0),
    series: [],
    bucketSeconds: 300,
    bucketReason: 'auto',
    from: request.from,
    to: request.to,
    timeZone: 'UTC',
    bucketFunction: 'time_bucket',
    sql: `-- ${call.id}`,
    params: [],
    points: 0,
    rows: 0,
    buckets: 0,
    omittedSeries: 0,
    queryMs: 1,
  }
}

/** Answers the context reads: filter choices, and readings over the last `spanMs`. */
function answerContext(spanMs = 3_600_000) {
  answer(lastOf('series/filters'), {
    tables: true,
    locations: [],
    types: [],
    sensors: [],
    timescaledb: true,
  })
  answer(lastOf('series/extent'), { tables: true, first: NOW - spanMs, last: NOW, rowEstimate: 9 })
}

/** A store showing the Charts view of a database with readings, its first chart drawn. */
async function chartShown() {
  sent.length = 0
  cancels.length = 0
  const store = createAppStore()
  store.setState({ connection: connected })
  store.getState().setView('charts')
  answerContext()
  await settle()
  // The view appears and reports its area: only now does the chart know its pixels.
  expect(named('series/bucketed')).toHaveLength(0)
  store.getState().chartAreaMeasured(1020)
  expect(named('series/bucketed')).toHaveLength(1)
  answer(lastOf('series/bucketed'), replyFor(lastOf('series/bucketed')))
  await settle()
  expect(store.getState().chartStatus).toBe('ready')
  return store
}

describe('the charts slice runs the chart query', () => {
  it('reads the context once the view is shown, then queries once at the area’s width', async () => {
    const store = await chartShown()
    expect(sent.map((s) => s.name)).toEqual(['series/filters', 'series/extent', 'series/bucketed'])
    expect((lastOf('series/bucketed').request as BucketedRequestInput).pixels).toBe(950)
    expect(cancels).toEqual([])
    expect(store.getState().chartReply?.sql).toBe(`-- ${lastOf('series/bucketed').id}`)
  })

  it('three quick range changes: three queries, the first two cancelled, the last one drawn', async () => {
    const store = await chartShown()
    const before = named('series/bucketed').length
    for (const range of ['6h', '1h', '7d'] as const) store.getState().setChartSettings({ range })
    const queries = named('series/bucketed').slice(before)
    expect(queries).toHaveLength(3)
    expect(cancels).toEqual([queries[0]!.id, queries[1]!.id])
    expect(store.getState().chartStatus).toBe('loading')
    answer(queries[2]!, replyFor(queries[2]!))
    // A superseded reply arriving late changes nothing.
    answer(queries[0]!, replyFor(queries[0]!))
    await settle()
    const shown = store.getState().chartReply!
    expect(shown.sql).toBe(`-- ${queries[2]!.id}`)
    expect(shown.to - shown.from).toBe(7 * 86_400_000)
    expect(store.getState().notifications).toEqual([])
  })

  it('does not query for what only changes the display (Show SQL)', async () => {
    const store = await chartShown()
    const before = sent.length
    store.getState().setChartSettings({ showSql: true })
    expect(sent.length).toBe(before)
  })

  it('leaving the view cancels the query in flight; coming back queries again', async () => {
    const store = await chartShown()
    store.getState().setChartSettings({ metric: 'cpu' })
    const inFlight = lastOf('series/bucketed')
    store.getState().chartAreaMeasured(null)
    store.getState().setView('sensors')
    expect(cancels).toContain(inFlight.id)
    expect(store.getState().chartStatus).toBe('idle')
    const count = named('series/bucketed').length
    store.getState().setView('charts')
    answerContext()
    await settle()
    store.getState().chartAreaMeasured(1020)
    expect(named('series/bucketed')).toHaveLength(count + 1)
  })

  it('new data (a load ended) re-reads the context, and the chart queries once after it', async () => {
    const store = await chartShown()
    const count = named('series/bucketed').length
    store.setState((s) => ({ dataVersion: s.dataVersion + 1 }))
    expect(store.getState().chartContextStatus).toBe('loading')
    expect(named('series/bucketed')).toHaveLength(count)
    answerContext(7_200_000)
    await settle()
    expect(named('series/bucketed')).toHaveLength(count + 1)
  })

  it('a failed query shows its error on the chart, not as a notification', async () => {
    const store = await chartShown()
    store.getState().setChartSettings({ metric: 'cpu' })
    answers.get(lastOf('series/bucketed').id)!({
      ok: false,
      error: { name: 'AppError', code: 'timeout', message: 'The query ran too long.' },
    })
    await settle()
    expect(store.getState()).toMatchObject({
      chartStatus: 'error',
      chartError: 'The query ran too long.',
    })
    expect(store.getState().notifications).toEqual([])
  })

  it('a wider plot calls for another bucket: one more query at the plot’s width', async () => {
    const store = await chartShown()
    const count = named('series/bucketed').length
    store.getState().chartPlotMeasured(950)
    expect(named('series/bucketed')).toHaveLength(count)
    store.getState().chartPlotMeasured(4000)
    expect(named('series/bucketed')).toHaveLength(count + 1)
    expect((lastOf('series/bucketed').request as BucketedRequestInput).pixels).toBe(4000)
  })
})
