import { describe, expect, it } from 'vitest'
import type { CatalogList, ColumnTimeRange } from '../../../shared/domain/catalog'
import type { ChartSpec } from '../../../shared/domain/chart'
import {
  extentOf,
  findQuickStart,
  withAggregate,
  withFilter,
  withMeasure,
  withSplit,
  withTime,
} from './builder-spec'

const spec: ChartSpec = {
  table: { schema: 'public', name: 'metrics' },
  time: { column: 'ts' },
  measures: [{ column: 'value', aggregate: 'avg' }],
  split: null,
  filters: [],
}
const metric = { column: 'metric' }
const region = { via: 'host_id', column: 'region' }

describe('builder spec edits', () => {
  it('ticks and unticks measures, each averaged until another aggregate is picked', () => {
    const two = withMeasure(spec, 'size', true)
    expect(two.measures).toEqual([
      { column: 'value', aggregate: 'avg' },
      { column: 'size', aggregate: 'avg' },
    ])
    expect(withAggregate(two, 'size', 'max').measures[1]).toEqual({
      column: 'size',
      aggregate: 'max',
    })
    expect(withMeasure(two, 'value', false).measures).toEqual([
      { column: 'size', aggregate: 'avg' },
    ])
    // Ticking one that is ticked keeps one of it.
    expect(withMeasure(two, 'size', true).measures).toHaveLength(2)
  })

  it('splits by a column of the table or one reached through a foreign key', () => {
    expect(withSplit(spec, region).split).toEqual(region)
    expect(withSplit(withSplit(spec, region), null).split).toBeNull()
  })

  it('keeps a filter only while it has a value, in the order filters were added', () => {
    const narrow = withFilter(withFilter(spec, metric, ['cpu']), region, ['eu'])
    expect(narrow.filters).toEqual([
      { column: metric, values: ['cpu'] },
      { column: region, values: ['eu'] },
    ])
    const changed = withFilter(narrow, metric, ['cpu', 'mem'])
    expect(changed.filters[0]).toEqual({ column: metric, values: ['cpu', 'mem'] })
    expect(withFilter(changed, metric, []).filters).toEqual([{ column: region, values: ['eu'] }])
  })

  it('names an integer time column with its unit', () => {
    expect(withTime(spec, 'at', 'ms').time).toEqual({ column: 'at', unit: 'ms' })
    expect(withTime(spec, 'ts').time).toEqual({ column: 'ts' })
  })
})

describe('extent', () => {
  const read = (range: ColumnTimeRange['range']): ColumnTimeRange => ({ range, note: null })

  it('turns instants, days and integers with a unit into epoch ms', () => {
    const instant = read({
      column: 'ts',
      first: { kind: 'instant', ms: 1000 },
      last: { kind: 'instant', ms: 5000 },
      source: 'index',
    })
    expect(extentOf(instant, undefined)).toEqual({ first: 1000, last: 5000 })
    const days = read({
      column: 'day',
      first: { kind: 'date', value: '2026-01-01' },
      last: { kind: 'date', value: '2026-01-31' },
      source: 'index',
    })
    // The last day's rows run to its end.
    expect(extentOf(days, undefined)).toEqual({
      first: Date.UTC(2026, 0, 1),
      last: Date.UTC(2026, 1, 1) - 1,
    })
    const ints = read({
      column: 'at',
      first: { kind: 'integer', value: '1700000000' },
      last: { kind: 'integer', value: '1700000600' },
      source: 'index',
    })
    expect(extentOf(ints, 's')).toEqual({ first: 1_700_000_000_000, last: 1_700_000_600_000 })
    expect(extentOf(ints, 'us')).toEqual({
      first: 1_700_000_000 / 1000,
      last: 1_700_000_600 / 1000,
    })
    // No unit yet: unknown, so "All data" waits for it.
    expect(extentOf(ints, undefined)).toBeNull()
  })

  it('says empty (first null) apart from unknown (no range)', () => {
    const empty = read({ column: 'ts', first: null, last: null, source: 'index' })
    expect(extentOf(empty, undefined)).toEqual({ first: null, last: null })
    expect(extentOf({ range: null, note: 'No index leads with ts' }, undefined)).toBeNull()
  })
})

describe('findQuickStart', () => {
  const catalog = (schemas: [string, string[]][]): CatalogList =>
    ({
      schemas: schemas.map(([name, tables]) => ({
        name,
        relations: tables.map((t) => ({ schema: name, name: t })),
      })),
      timescaledb: null,
      truncated: false,
      readMs: 1,
    }) as unknown as CatalogList

  it('finds sensor_data beside sensors, public first', () => {
    expect(findQuickStart(catalog([['lab', ['sensors', 'sensor_data']]]))).toEqual({
      schema: 'lab',
      name: 'sensor_data',
    })
    expect(
      findQuickStart(
        catalog([
          ['lab', ['sensors', 'sensor_data']],
          ['public', ['sensor_data', 'sensors']],
        ]),
      ),
    ).toEqual({ schema: 'public', name: 'sensor_data' })
    expect(findQuickStart(catalog([['public', ['sensor_data']]]))).toBeNull()
    expect(findQuickStart(null)).toBeNull()
  })
})
