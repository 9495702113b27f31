import { describe, expect, it } from 'vitest'
import type { ResultColumn } from '../../../../shared/domain/console'
import { chartShape, parsePgTime, toChartData } from './result-chart-data'

const col = (name: string, typeName: string): ResultColumn => ({ name, typeName, typeOid: 0 })

describe('parsePgTime', () => {
  it('reads what PostgreSQL prints for times and dates', () => {
    expect(parsePgTime('2024-01-02 03:04:05+00')).toBe(Date.UTC(2024, 0, 2, 3, 4, 5))
    expect(parsePgTime('2024-01-02 03:04:05.25+05:30')).toBe(Date.UTC(2024, 0, 1, 21, 34, 5, 250))
    expect(parsePgTime('2024-01-02 03:04:05')).toBe(Date.UTC(2024, 0, 2, 3, 4, 5))
    expect(parsePgTime('2024-01-02')).toBe(Date.UTC(2024, 0, 2))
    expect(parsePgTime('yesterday')).toBeNull()
  })
})

describe('toChartData', () => {
  const columns = [
    col('five_min', 'timestamp with time zone'),
    col('location', 'text'),
    col('avg', 'double precision'),
  ]
  const rows = [
    ['2024-01-01 00:05:00+00', 'floor', '2'],
    ['2024-01-01 00:00:00+00', 'floor', '1'],
    ['2024-01-01 00:00:00+00', 'ceiling', '3'],
    ['2024-01-01 00:10:00+00', 'ceiling', null],
  ]

  it('needs a time column and a numeric one', () => {
    expect(chartShape(columns)).toEqual({ time: 0, values: [2], splits: [1] })
    expect(chartShape([col('a', 'text'), col('b', 'integer')])).toBeNull()
  })

  it('draws one series per numeric column, or per value of the split column, on sorted times', () => {
    const shape = chartShape(columns)
    if (!shape) throw new Error('no shape')
    const whole = toChartData(columns, rows, shape, null)
    expect(whole.x).toEqual([1704067200, 1704067500, 1704067800])
    expect(whole.series).toEqual([{ label: 'avg', values: [3, 2, null] }])
    const split = toChartData(columns, rows, shape, 1)
    expect(split.series).toEqual([
      { label: 'floor', values: [1, 2, null] },
      { label: 'ceiling', values: [3, null, null] },
    ])
  })
})
