import { describe, expect, it } from 'vitest'
import { ProgressMeter } from './progress'

describe('ProgressMeter', () => {
  it('reports rate and time left from elapsed time', () => {
    let now = 1000
    const meter = new ProgressMeter(1000, 'rows', () => now)
    expect(meter.update(0, 0)).toMatchObject({
      done: 0,
      total: 1000,
      ratePerSecond: 0,
      etaSeconds: null,
    })
    now += 2000
    expect(meter.update(500, 500)).toMatchObject({ done: 500, ratePerSecond: 250, etaSeconds: 2 })
    now += 2000
    expect(meter.update(1000, 1000)).toMatchObject({ etaSeconds: 0, phase: 'loading' })
    // The server has every row; the commit and ANALYZE take what they take.
    now += 1000
    expect(meter.update(1000, 1000, 'finishing')).toMatchObject({
      phase: 'finishing',
      etaSeconds: null,
      ratePerSecond: 200,
    })
  })

  it('judges time left by the pace past a slow start', () => {
    let now = 0
    const meter = new ProgressMeter(1100, 'rows', () => now)
    now = 2000
    meter.update(100, 100) // a slow first statement: 50 rows/s
    now = 5000
    meter.update(400, 400)
    now = 8000
    // 100 rows/s since then: 400 left is 4 s, not the 4.57 s the average (87.5/s) says.
    expect(meter.update(700, 700)).toMatchObject({ ratePerSecond: 87.5, etaSeconds: 4 })
  })

  it('gives rows per second even when progress is counted in bytes', () => {
    let now = 0
    const meter = new ProgressMeter(10_000, 'bytes', () => now)
    now = 1000
    expect(meter.update(5_000, 100)).toMatchObject({
      unit: 'bytes',
      ratePerSecond: 100,
      etaSeconds: 1,
    })
  })
})
