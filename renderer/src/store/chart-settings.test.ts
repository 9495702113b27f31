import { describe, expect, it } from 'vitest'
import type { ChartReply, ChartSpec } from '../../../shared/domain/chart'
import {
  chartConfig,
  chartRequest,
  defaultChartSettings,
  needsRequery,
  resolveWindow,
  savedRange,
  settingsOf,
} from './chart-settings'

const NOW = Date.UTC(2026, 5, 1, 12)
const extent = { first: NOW - 90 * 86_400_000, last: NOW - 1000 }

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
  } as ChartReply

  it('asks again when the plot got narrower than the points or calls for another bucket', () => {
    expect(needsRequery(day, 1000, defaultChartSettings)).toBe(false)
    expect(needsRequery(day, 200, defaultChartSettings)).toBe(true)
    expect(needsRequery(day, 3000, defaultChartSettings)).toBe(true)
  })

  it('leaves a bucket widened to the readings alone', () => {
    expect(needsRequery({ ...day, bucketReason: 'sparse' }, 3000, defaultChartSettings)).toBe(false)
  })
})

describe('chart configuration (saved charts and the URL hash)', () => {
  const spec: ChartSpec = {
    table: { schema: 'public', name: 'weather' },
    time: { column: 'observed_at' },
    measures: [{ column: 'temp_c', aggregate: 'max' }],
    split: { column: 'station' },
    filters: [{ column: { column: 'station' }, values: ['north', 'south'] }],
  }

  it('keeps what is charted and how, never the zoom, Show SQL or Live', () => {
    const settings = {
      ...defaultChartSettings,
      range: '7d' as const,
      bucket: 3600,
      minMax: true,
      showSql: true,
      live: true,
      display: 'coverage' as const,
    }
    const config = chartConfig(spec, settings)
    expect(config).toEqual({
      spec,
      range: { kind: 'preset', preset: '7d' },
      bucket: 3600,
      fillGaps: false,
      minMax: true,
      view: 'coverage',
    })
    // Back again: the same drawing settings; Show SQL and Live stay as they are now.
    expect(settingsOf(config, defaultChartSettings)).toEqual({
      ...settings,
      showSql: false,
      live: false,
    })
  })

  it('keeps a custom range only when it is complete', () => {
    const custom = { ...defaultChartSettings, range: 'custom' as const }
    expect(savedRange({ ...custom, customFrom: 1000, customTo: 5000 })).toEqual({
      kind: 'custom',
      from: 1000,
      to: 5000,
    })
    expect(savedRange({ ...custom, customFrom: 5000, customTo: 1000 })).toEqual({
      kind: 'preset',
      preset: '24h',
    })
  })

  it('asks nothing while no measure is ticked or the range is incomplete', () => {
    expect(
      chartRequest({ ...spec, measures: [] }, defaultChartSettings, null, extent, 800, NOW),
    ).toBe(null)
    const all = { ...defaultChartSettings, range: 'all' as const }
    expect(chartRequest(spec, all, null, null, 800, NOW)).toBeNull()
    expect(chartRequest(spec, all, null, extent, 800, NOW)).toMatchObject({
      spec,
      from: extent.first,
      to: extent.last + 1,
      pixels: 800,
    })
  })
})
