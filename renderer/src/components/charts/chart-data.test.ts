import { describe, expect, it } from 'vitest'
import type { ChartReply } from '../../../../shared/domain/chart'
import {
  isolatedPoints,
  layoutKey,
  seriesId,
  seriesIndexes,
  toAlignedData,
  toCsv,
  withNulls,
} from './chart-data'

const T0 = Date.UTC(2026, 0, 10) / 1000

function reply(partial: Partial<ChartReply> = {}): ChartReply {
  return {
    rollup: null,
    rollupNote: null,
    times: new Float64Array([T0, T0 + 300, T0 + 600]),
    series: [
      {
        key: '1',
        label: 'a · floor (#1)',
        measure: 0,
        values: new Float64Array([0.25, NaN, 0.5]),
        min: new Float64Array([0.1, NaN, 0.4]),
        max: new Float64Array([0.3, NaN, 0.6]),
      },
      { key: '2', label: '=cmd, "x"', measure: 0, values: new Float64Array([1, 2, 3]) },
    ],
    bucketSeconds: 300,
    bucketReason: 'pinned',
    from: T0 * 1000,
    to: (T0 + 900) * 1000,
    timeZone: 'UTC',
    bucketFunction: 'time_bucket',
    coverage: [],
    sql: 'SELECT 1',
    params: [],
    description: 'avg(temperature) of public.sensor_data',
    moreSeries: false,
    notes: [],
    points: 5,
    rows: 9,
    buckets: 3,
    omittedSeries: 0,
    queryMs: 1,
    ...partial,
  }
}

describe('chart data', () => {
  it('turns NaN into null so uPlot breaks the line there', () => {
    expect(withNulls(new Float64Array([1, NaN, 0, -2]))).toEqual([1, null, 0, -2])
  })

  it('lays out times, the averages, then min and max per series', () => {
    const data = toAlignedData(reply(), true)
    expect(data[0]).toBeInstanceOf(Float64Array)
    expect(data.slice(1, 3)).toEqual([
      [0.25, null, 0.5],
      [1, 2, 3],
    ])
    expect(data[3]).toEqual([0.1, null, 0.4])
    expect(data[4]).toEqual([0.3, null, 0.6])
    expect(seriesIndexes(2, true, 0)).toEqual({ avg: 1, min: 3, max: 4 })
    expect(seriesIndexes(2, true, 1)).toEqual({ avg: 2, min: 5, max: 6 })
    expect(toAlignedData(reply(), false)).toHaveLength(3)
  })

  it('tells series apart by measure and split value, so two measures of one key never clash', () => {
    const two = reply({
      series: [
        { key: 'north', label: 'avg(temp_c) · north', measure: 0, values: new Float64Array(3) },
        { key: 'north', label: 'max(temp_c) · north', measure: 1, values: new Float64Array(3) },
      ],
    })
    expect(new Set(two.series.map(seriesId)).size).toBe(2)
    // Another measure is another chart shape, not just new data.
    expect(layoutKey(two, false)).not.toBe(layoutKey(reply(), false))
  })

  it('finds readings that no line would show', () => {
    expect(isolatedPoints([null, 1, null, 2, 3, null, 4], 0, 6)).toEqual([1, 6])
    expect(isolatedPoints([1, 2, 3], 0, 2)).toEqual([])
  })

  it('exports the plotted columns as CSV, gaps empty, labels never formulas', () => {
    expect(toCsv(reply(), false).split('\r\n')).toEqual([
      `bucket_start,a · floor (#1),"'=cmd, ""x"""`,
      '2026-01-10T00:00:00.000+00:00,0.25,1',
      '2026-01-10T00:05:00.000+00:00,,2',
      '2026-01-10T00:10:00.000+00:00,0.5,3',
      '',
    ])
    const withBand = toCsv(reply(), true).split('\r\n')
    expect(withBand[0]).toContain('a · floor (#1) min,a · floor (#1) max')
    expect(withBand[1]).toBe('2026-01-10T00:00:00.000+00:00,0.25,0.1,0.3,1,,')
    // In the display zone, with its offset: the same instant, Kolkata's wall clock.
    const kolkata = toCsv(reply({ timeZone: 'Asia/Kolkata' }), false).split('\r\n')
    expect(kolkata[1]).toBe('2026-01-10T05:30:00.000+05:30,0.25,1')
    expect(Date.parse(kolkata[1]!.split(',')[0]!)).toBe(T0 * 1000)
  })
})
