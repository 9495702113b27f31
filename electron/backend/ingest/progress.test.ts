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
    expect(meter.update(1000, 1000)).toMatchObject({ etaSeconds: 0 })
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
