import { describe, expect, it } from 'vitest'
import type { CallResult, ExplorerClient } from '../../../shared/contract'
import type { ConnectionState } from '../../../shared/domain/connection'
import type { CatalogColumn, CatalogList, TableDetail } from '../../../shared/domain/catalog'
import type { ChartReply, ChartRequestInput } from '../../../shared/domain/chart'
import type { SavedChartConfig } from '../../../shared/domain/saved-charts'

/**
 * The builder and charts slices decide when the chart queries and cancel what
 * a newer query supersedes. A stand-in for window.explorer records every call and
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

function replyFor(call: Sent): ChartReply {
  const request = call.request as ChartRequestInput
  return {
    times: new Float64Array(0),
    series: [],
    coverage: [],
    bucketSeconds: 300,
    bucketReason: 'auto',
    from: request.from,
    to: request.to,
    timeZone: 'UTC',
    bucketFunction: 'time_bucket',
    sql: `-- ${call.id}`,
    params: [],
    description: 'avg(temperature) of public.sensor_data',
    points: 0,
    rows: 0,
    buckets: 0,
    omittedSeries: 0,
    moreSeries: false,
    notes: [],
    queryMs: 1,
  }
}

const column = (name: string, type: string, extra: Partial<CatalogColumn>): CatalogColumn => ({
  name,
  type,
  notNull: false,
  time: null,
  numeric: false,
  splittable: false,
  ...extra,
})
const sensorData = {
  schema: 'public',
  name: 'sensor_data',
  kind: 'hypertable',
  rowEstimate: 100,
  totalBytes: 8192,
  columns: [
    column('time', 'timestamp with time zone', { time: 'timestamptz', notNull: true }),
    column('sensor_id', 'integer', { numeric: true, splittable: true }),
    column('temperature', 'double precision', { numeric: true }),
    column('cpu', 'double precision', { numeric: true }),
  ],
  defaultTimeColumn: 'time',
  hypertable: null,
  source: null,
}
const catalog: CatalogList = {
  schemas: [
    {
      name: 'public',
      relations: [
        sensorData as CatalogList['schemas'][number]['relations'][number],
        { ...sensorData, name: 'sensors', kind: 'table', columns: [], defaultTimeColumn: null },
      ],
    },
  ],
  timescaledb: '2.23.0',
  truncated: false,
  readMs: 1,
}
const detail = {
  ...sensorData,
  primaryKey: [],
  foreignKeys: [],
  indexes: [],
  timeRange: null,
  timeRangeNote: null,
  compression: null,
} as TableDetail

/** Answers the table's reads: its detail, and rows over the last `spanMs`. */
function answerTable(spanMs = 3_600_000) {
  if (named('catalog/describe').length > 0) answer(lastOf('catalog/describe'), detail)
  answer(lastOf('catalog/time-range'), {
    range: {
      column: 'time',
      first: { kind: 'instant', ms: NOW - spanMs },
      last: { kind: 'instant', ms: NOW },
      source: 'index',
    },
    note: null,
  })
}

/** A store showing the Charts view of the quick start's tables, its first chart drawn. */
async function chartShown() {
  sent.length = 0
  cancels.length = 0
  const store = createAppStore()
  store.setState({ connection: connected })
  store.getState().setView('charts')
  answer(lastOf('catalog/list'), catalog)
  await settle()
  answerTable()
  await settle()
  // The view appears and reports its area: only now does the chart know its pixels.
  expect(named('series/chart')).toHaveLength(0)
  store.getState().chartAreaMeasured(1020)
  expect(named('series/chart')).toHaveLength(1)
  answer(lastOf('series/chart'), replyFor(lastOf('series/chart')))
  await settle()
  expect(store.getState().chartStatus).toBe('ready')
  return store
}

const lastRequest = () => lastOf('series/chart').request as ChartRequestInput

describe('the chart builder runs the chart query', () => {
  it('opens the quick start preset, reads its table and extent, then queries once at the area’s width', async () => {
    const store = await chartShown()
    // The table's detail and its extent are read side by side; the chart waits for the extent.
    const reads = sent.map((s) => s.name).filter((n) => n !== 'catalog/list')
    expect(reads.slice(0, 2).sort()).toEqual(['catalog/describe', 'catalog/time-range'])
    expect(reads.slice(2)).toEqual(['series/chart'])
    expect(store.getState().builderPreset).toBe(true)
    expect(lastRequest().pixels).toBe(950)
    expect(lastRequest().spec).toEqual({
      table: { schema: 'public', name: 'sensor_data' },
      time: { column: 'time' },
      measures: [{ column: 'temperature', aggregate: 'avg' }],
      split: { column: 'sensor_id' },
      filters: [],
    })
    expect(store.getState().chartReply?.sql).toBe(`-- ${lastOf('series/chart').id}`)
  })

  it('three quick range changes: three queries, the first two cancelled, the last one drawn', async () => {
    const store = await chartShown()
    const before = named('series/chart').length
    const cancelledBefore = cancels.length
    for (const range of ['6h', '1h', '7d'] as const) store.getState().setChartSettings({ range })
    const queries = named('series/chart').slice(before)
    expect(queries).toHaveLength(3)
    expect(cancels.slice(cancelledBefore)).toEqual([queries[0]!.id, queries[1]!.id])
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

  it('queries again for a spec edit, not for what only changes the display', async () => {
    const store = await chartShown()
    const before = sent.length
    store.getState().setChartSettings({ showSql: true })
    store.getState().setChartSettings({ display: 'coverage' })
    expect(sent.length).toBe(before)
    store.getState().editSpec((spec) => ({
      ...spec,
      measures: [...spec.measures, { column: 'cpu', aggregate: 'max' }],
    }))
    expect(lastRequest().spec.measures).toEqual([
      { column: 'temperature', aggregate: 'avg' },
      { column: 'cpu', aggregate: 'max' },
    ])
  })

  it('leaving the view cancels the query in flight; coming back queries again', async () => {
    const store = await chartShown()
    store.getState().setChartSettings({ range: '6h' })
    const inFlight = lastOf('series/chart')
    store.getState().chartAreaMeasured(null)
    store.getState().setView('sensors')
    expect(cancels).toContain(inFlight.id)
    expect(store.getState().chartStatus).toBe('idle')
    const count = named('series/chart').length
    store.getState().setView('charts')
    answerTable()
    await settle()
    store.getState().chartAreaMeasured(1020)
    expect(named('series/chart')).toHaveLength(count + 1)
  })

  it('new data (a load ended) re-reads the extent, and the chart queries once after it', async () => {
    const store = await chartShown()
    const count = named('series/chart').length
    store.setState((s) => ({ dataVersion: s.dataVersion + 1 }))
    expect(named('series/chart')).toHaveLength(count)
    answerTable(7_200_000)
    await settle()
    expect(named('series/chart')).toHaveLength(count + 1)
  })

  it('an extent that did not move does not query again', async () => {
    const store = await chartShown()
    const count = named('series/chart').length
    void store.getState().refreshChartExtent()
    answerTable()
    await settle()
    expect(named('series/chart')).toHaveLength(count)
  })

  it('a failed query shows its error on the chart, not as a notification', async () => {
    const store = await chartShown()
    store.getState().setChartSettings({ range: '6h' })
    answers.get(lastOf('series/chart').id)!({
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
    const count = named('series/chart').length
    store.getState().chartPlotMeasured(950)
    expect(named('series/chart')).toHaveLength(count)
    store.getState().chartPlotMeasured(4000)
    expect(named('series/chart')).toHaveLength(count + 1)
    expect(lastRequest().pixels).toBe(4000)
  })

  it('another table opens with its own default chart, and a saved configuration as it was saved', async () => {
    const store = await chartShown()
    const preset = store.getState().chartSpec!
    store.getState().openChart({ schema: 'public', name: 'weather' })
    expect(store.getState()).toMatchObject({ builderPreset: false, chartSpec: null })
    const config = {
      spec: { ...preset, filters: [{ column: { column: 'sensor_id' }, values: ['2'] }] },
      range: { kind: 'preset', preset: '7d' },
      bucket: 'auto',
      fillGaps: false,
      minMax: true,
      view: 'coverage',
    } satisfies SavedChartConfig
    store.getState().openChart(config.spec.table, { config, savedId: 'x' })
    expect(store.getState()).toMatchObject({
      chartSpec: config.spec,
      builderFilters: [{ column: 'sensor_id' }],
      currentSavedChartId: 'x',
      chartSettings: { range: '7d', minMax: true, display: 'coverage' },
    })
    // The open filter's values are read for its editor.
    expect(lastOf('catalog/values').request).toMatchObject({ column: { column: 'sensor_id' } })
  })
})
