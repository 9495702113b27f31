import { describe, expect, it } from 'vitest'
import type { BucketedReply } from '../../../shared/domain/series'
import { defaultChartSettings, needsRequery, resolveWindow } from './chart-settings'

const NOW = Date.UTC(2026, 5, 1, 12)
const extent = { tables: true, first: NOW - 90 * 86_400_000, last: NOW - 1000, rowEstimate: 10 }

describe('resolveWindow', () => {
  it('counts presets back from now', () => {
    expect(resolveWindow({ ...defaultChartSettings, range: '6h' }, null, extent, NOW)).toEqual({
      from: NOW - 6 * 3_600_000,
      to: NOW,
    })
  })

  it('spans all data including the last reading', () => {
    expect(resolveWindow({ ...defaultChartSettings, range: 'all' }, null, extent, NOW)).toEqual({
      from: extent.first,
      to: extent.last + 1,
    })
    const empty = { ...extent, first: null, last: null }
    expect(resolveWindow({ ...defaultChartSettings, range: 'all' }, null, empty, NOW)).toBeNull()
  })

  it('uses a custom range only when it is complete and in order', () => {
    const custom = { ...defaultChartSettings, range: 'custom' as const }
    expect(
      resolveWindow({ ...custom, customFrom: 1000, customTo: 5000 }, null, extent, NOW),
    ).toEqual({ from: 1000, to: 5000 })
    expect(
      resolveWindow({ ...custom, customFrom: 5000, customTo: 1000 }, null, extent, NOW),
    ).toBeNull()
    expect(
      resolveWindow({ ...custom, customFrom: null, customTo: 1000 }, null, extent, NOW),
    ).toBeNull()
  })

  it('prefers the zoom over the range', () => {
    const zoom = { from: NOW - 5000, to: NOW - 1000 }
    expect(resolveWindow(defaultChartSettings, zoom, extent, NOW)).toBe(zoom)
  })
})

describe('needsRequery', () => {
  const day = {
    from: NOW - 86_400_000,
    to: NOW,
    timeZone: 'UTC',
    bucketSeconds: 300,
    bucketReason: 'auto',
    buckets: 289,
  } as BucketedReply

  it('asks again when the plot got narrower than the points or calls for another bucket', () => {
    expect(needsRequery(day, 1000, defaultChartSettings)).toBe(false)
    expect(needsRequery(day, 200, defaultChartSettings)).toBe(true)
    expect(needsRequery(day, 3000, defaultChartSettings)).toBe(true)
  })

  it('leaves a bucket widened to the readings alone', () => {
    expect(needsRequery({ ...day, bucketReason: 'sparse' }, 3000, defaultChartSettings)).toBe(false)
  })
})
