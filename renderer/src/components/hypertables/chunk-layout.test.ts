import { describe, expect, it } from 'vitest'
import type { ChunkInfo } from '../../../../shared/domain/hypertables'
import { axisOf, chartChunkMarks, chunkBars } from './chunk-layout'

const DAY = 86_400_000

function chunk(i: number, compressed: boolean, totalBytes: number): ChunkInfo {
  return {
    schema: '_timescaledb_internal',
    name: `_hyper_1_${i + 1}_chunk`,
    start: i * DAY,
    end: (i + 1) * DAY,
    startInt: null,
    endInt: null,
    compressed,
    tableBytes: totalBytes,
    indexBytes: 0,
    toastBytes: 0,
    totalBytes,
    rows: 100,
    beforeBytes: null,
    afterBytes: null,
  }
}

const chunks = [chunk(0, true, 100), chunk(1, true, 400), chunk(3, false, 800)]

describe('chunk layout', () => {
  it('spans the chunks, leaving the missing day as a gap', () => {
    expect(axisOf(chunks)).toEqual({ start: 0, end: 4 * DAY })
    expect(axisOf([])).toBeNull()
    const bars = chunkBars(chunks, 400, 80)
    expect(bars.map((b) => [b.x, b.width, b.height, b.compressed])).toEqual([
      [0, 100, 10, true],
      [100, 100, 40, true],
      [300, 100, 80, false],
    ])
  })

  it('keeps tiny chunks visible', () => {
    const bars = chunkBars(
      [chunk(0, false, 1), { ...chunk(1, false, 1_000_000), end: 1000 * DAY }],
      100,
      50,
    )
    expect(bars[0]?.width).toBe(1)
    expect(bars[0]?.height).toBe(3)
  })

  it('lays integer chunks out by their values', () => {
    const ints = [0, 1].map((i) => ({
      ...chunk(i, false, 10),
      start: null,
      end: null,
      startInt: String(i * 1000),
      endInt: String((i + 1) * 1000),
    }))
    expect(chunkBars(ints, 200, 10).map((b) => [b.x, b.width])).toEqual([
      [0, 100],
      [100, 100],
    ])
  })

  it('marks boundaries inside a chart range and merges touching compressed spans', () => {
    const marks = chartChunkMarks(chunks, DAY / 2, 3.5 * DAY)
    expect(marks.boundaries).toEqual([DAY, 2 * DAY, 3 * DAY])
    expect(marks.compressed).toEqual([{ from: DAY / 2, to: 2 * DAY }])
    expect(chartChunkMarks(chunks, 10 * DAY, 11 * DAY)).toEqual({ boundaries: [], compressed: [] })
  })
})
