import { describe, expect, it } from 'vitest'
import { coverageLine, describeLine } from './coverage-cells'

const row = (counts: number[]) => ({ key: 'k', label: 'north', counts: new Float64Array(counts) })

describe('coverageLine', () => {
  it('judges each bucket against the value’s own usual count', () => {
    const line = coverageLine(row([6, 6, 0, 0, 2, 6, 12, 6]))
    expect(line.usual).toBe(6)
    expect(line.kinds).toEqual(['ok', 'ok', 'gap', 'gap', 'low', 'ok', 'high', 'ok'])
    expect([line.gaps, line.low, line.high]).toEqual([2, 1, 1])
    expect(line.shades[0]).toBe(0.5)
    expect(line.shades[6]).toBe(1)
    expect(describeLine(line, 8)).toBe(
      'north: usually 6 rows per bucket, 2 empty, 1 under half, 1 over one and a half times',
    )
  })

  it('says a value without rows has none, rather than dividing by zero', () => {
    const line = coverageLine(row([0, 0, 0]))
    expect(line.usual).toBe(0)
    expect(line.kinds).toEqual(['gap', 'gap', 'gap'])
    expect(line.shades).toEqual([0, 0, 0])
    expect(describeLine(line, 3)).toBe('north: no rows in any of 3 buckets')
  })
})
