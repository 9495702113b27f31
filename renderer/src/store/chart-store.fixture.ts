import { expect } from 'vitest'
import type { CatalogList, TableDetail } from '../../../shared/domain/catalog'
import type { ChartReply, ChartRequestInput } from '../../../shared/domain/chart'
import { catalogColumn } from './catalog-column.fixture'

/**
 * For the chart store's tests: the stand-in window.explorer (fake-explorer.ts)
 * and the quick start's tables as the catalog describes them.
 */
import {
  answer,
  answers,
  cancels,
  connected,
  lastOf,
  named,
  sent,
  settle,
  type Sent,
} from './fake-explorer'

export { answer, answers, cancels, lastOf, named, sent, settle }
const { createAppStore } = await import('.')

export const NOW = Date.now()
export function replyFor(call: Sent): ChartReply {
  const request = call.request as ChartRequestInput
  return {
    rollup: null,
    rollupNote: null,
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

const sensorData = {
  schema: 'public',
  name: 'sensor_data',
  kind: 'hypertable',
  rowEstimate: 100,
  totalBytes: 8192,
  columns: [
    catalogColumn('time', 'timestamp with time zone', { time: 'timestamptz', notNull: true }),
    catalogColumn('sensor_id', 'integer', { numeric: true, splittable: true }),
    catalogColumn('temperature', 'double precision', { numeric: true }),
    catalogColumn('cpu', 'double precision', { numeric: true }),
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
export function answerTable(spanMs = 3_600_000) {
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
export async function chartShown() {
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

export const lastRequest = () => lastOf('series/chart').request as ChartRequestInput
