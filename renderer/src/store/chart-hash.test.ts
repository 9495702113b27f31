import { describe, expect, it } from 'vitest'
import type { SavedChartConfigInput } from '../../../shared/domain/saved-charts'
import { decodeChartHash, encodeChartHash, MAX_HASH_CHARS } from './chart-hash'

const config: SavedChartConfigInput = {
  spec: {
    table: { schema: 'Sché ma', name: 'weird "table"; drop' },
    time: { column: 'Time Stamp' },
    measures: [{ column: 'Größe °C', aggregate: 'max' }],
    split: { via: 'host_id', column: 'region' },
    filters: [{ column: { column: 'select' }, values: ['from', null] }],
  },
  range: { kind: 'custom', from: Date.UTC(2026, 0, 10), to: Date.UTC(2026, 0, 13) },
  bucket: 3600,
  view: 'coverage',
}

describe('chart hash', () => {
  it('round-trips a configuration with any names, filling in defaults', () => {
    const hash = encodeChartHash(config)
    expect(hash).toMatch(/^#chart=[A-Za-z0-9_-]+$/)
    expect(decodeChartHash(hash)).toEqual({ ...config, fillGaps: false, minMax: false })
  })

  it('ignores hashes that are not a valid chart', () => {
    expect(decodeChartHash('')).toBeNull()
    expect(decodeChartHash('#other')).toBeNull()
    expect(decodeChartHash('#chart=%%%')).toBeNull()
    expect(decodeChartHash(`#chart=${btoa('{"spec":1}')}`)).toBeNull()
    expect(decodeChartHash(`#chart=${'A'.repeat(MAX_HASH_CHARS)}`)).toBeNull()
    const bad = { ...config, range: { kind: 'custom', from: 5, to: 1 } }
    expect(decodeChartHash(encodeChartHash(bad as SavedChartConfigInput))).toBeNull()
  })
})
