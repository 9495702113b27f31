import { describe, expect, it } from 'vitest'
import { ChartSpecSchema } from './chart'
import { chooseRollup, refusal, type ChartShape, type RollupInfo } from './rollups'

const table = { schema: 'public', name: 'sensor_data' }
const HOUR = 3600

function rollup(name: string, bucketSeconds: number, extra: Partial<RollupInfo> = {}): RollupInfo {
  return {
    view: { schema: 'public', name },
    hypertable: table,
    timeColumn: 'time',
    bucketColumn: 'bucket',
    bucketSeconds,
    timeZone: null,
    originMs: null,
    groupColumns: [{ column: 'sensor_id', source: 'sensor_id' }],
    columns: [
      { column: 'temp_sum', fn: 'sum', source: 'temperature' },
      { column: 'temp_count', fn: 'count', source: 'temperature' },
      { column: 'temp_min', fn: 'min', source: 'temperature' },
      { column: 'temp_max', fn: 'max', source: 'temperature' },
      { column: 'rows', fn: 'count', source: null },
    ],
    materializedOnly: true,
    watermarkMs: null,
    ...extra,
  }
}

function chart(bucketSeconds: number, extra: Partial<ChartShape> = {}, spec = {}): ChartShape {
  return {
    spec: ChartSpecSchema.parse({
      table,
      time: { column: 'time' },
      measures: [{ column: 'temperature', aggregate: 'avg' }],
      split: { column: 'sensor_id' },
      ...spec,
    }),
    bucketSeconds,
    timeZone: 'UTC',
    fromMs: Date.UTC(2026, 0, 1),
    toMs: Date.UTC(2026, 6, 1),
    ...extra,
  }
}

describe('chooseRollup', () => {
  it('picks the coarsest usable rollup and derives avg from sum and count', () => {
    const choice = chooseRollup(
      [rollup('h1', HOUR), rollup('d1', 86_400), rollup('m15', 900)],
      chart(6 * HOUR),
    )
    expect(choice?.rollup.view.name).toBe('h1')
    expect(choice?.measures).toEqual([{ kind: 'avg', sum: 'temp_sum', count: 'temp_count' }])
    expect(choice?.rowCount).toBe('rows')
  })

  it('uses no rollup whose bucket does not divide the chart bucket', () => {
    expect(refusal(rollup('h1', HOUR), chart(5400))).toMatch(/does not divide/)
    expect(chooseRollup([rollup('h1', HOUR)], chart(5400))).toBeNull()
  })

  it('refuses another origin, but accepts one congruent with the default', () => {
    const shifted = rollup('h1', HOUR, { originMs: Date.UTC(2000, 0, 3, 0, 30) })
    expect(refusal(shifted, chart(HOUR))).toMatch(/origin/)
    const congruent = rollup('h1', HOUR, { originMs: Date.UTC(2020, 0, 1) })
    expect(refusal(congruent, chart(HOUR))).toBeNull()
  })

  it('serves local days from UTC hours only where the zone offset is whole hours', () => {
    expect(refusal(rollup('h1', HOUR), chart(86_400, { timeZone: 'Europe/Berlin' }))).toBeNull()
    expect(refusal(rollup('h1', HOUR), chart(86_400, { timeZone: 'Asia/Kolkata' }))).toMatch(
      /midnight in Asia\/Kolkata/,
    )
    expect(refusal(rollup('m30', 1800), chart(86_400, { timeZone: 'Asia/Kolkata' }))).toBeNull()
    // UTC day buckets never serve local days at an offset; a zoned daily one does.
    expect(refusal(rollup('d1', 86_400), chart(86_400, { timeZone: 'Europe/Berlin' }))).toMatch(
      /midnight/,
    )
    const zoned = rollup('d1', 86_400, { timeZone: 'Europe/Berlin' })
    expect(refusal(zoned, chart(86_400, { timeZone: 'Europe/Berlin' }))).toBeNull()
    expect(refusal(zoned, chart(86_400))).toMatch(/Europe\/Berlin/)
  })

  it('serves local hours from UTC buckets only where the zone offset is a whole number of them', () => {
    // Hour buckets follow the display zone's clock: Kolkata's hours start at :30 UTC.
    expect(refusal(rollup('h1', HOUR), chart(HOUR, { timeZone: 'Asia/Kolkata' }))).toMatch(
      /do not line up with the clock in Asia\/Kolkata/,
    )
    expect(refusal(rollup('h1', HOUR), chart(3 * HOUR, { timeZone: 'Asia/Kolkata' }))).toMatch(
      /line up/,
    )
    expect(refusal(rollup('m30', 1800), chart(HOUR, { timeZone: 'Asia/Kolkata' }))).toBeNull()
    expect(refusal(rollup('h1', HOUR), chart(3 * HOUR, { timeZone: 'Europe/Berlin' }))).toBeNull()
    // Berlin's local 3 h buckets start at 23:00 or 22:00 UTC: UTC 3 h buckets do not nest.
    expect(refusal(rollup('h3', 3 * HOUR), chart(6 * HOUR, { timeZone: 'Europe/Berlin' }))).toMatch(
      /line up/,
    )
    expect(refusal(rollup('h3', 3 * HOUR), chart(6 * HOUR))).toBeNull()
  })

  it('needs split and filter columns among the group columns, not through a key', () => {
    expect(refusal(rollup('h1', HOUR), chart(HOUR, {}, { split: { column: 'location' } }))).toMatch(
      /not grouped by location/,
    )
    const viaKey = chart(HOUR, {}, { split: { column: 'sensor_id', via: 'sensor_id' } })
    expect(refusal(rollup('h1', HOUR), viaKey)).toMatch(/not grouped/)
    const filtered = chart(
      HOUR,
      {},
      {
        split: null,
        filters: [{ column: { column: 'sensor_id' }, values: ['1'] }],
      },
    )
    expect(refusal(rollup('h1', HOUR), filtered)).toBeNull()
  })

  it('derives min, max, sum, count but not first/last unless stored', () => {
    const measures = (aggregate: string) => ({ measures: [{ column: 'temperature', aggregate }] })
    for (const a of ['min', 'max', 'sum', 'count']) {
      expect(refusal(rollup('h1', HOUR), chart(HOUR, {}, measures(a)))).toBeNull()
    }
    expect(refusal(rollup('h1', HOUR), chart(HOUR, {}, measures('last')))).toMatch(/last/)
    const withLast = rollup('h1', HOUR)
    withLast.columns.push({ column: 'temp_last', fn: 'last', source: 'temperature' })
    expect(refusal(withLast, chart(HOUR, {}, measures('last')))).toBeNull()
    expect(refusal(rollup('h1', HOUR), chart(HOUR, {}, measures('avg')))).toBeNull()
    const noCount = rollup('h1', HOUR)
    noCount.columns = noCount.columns.filter((c) => c.source !== null)
    expect(refusal(noCount, chart(HOUR))).toMatch(/count\(\*\)/)
  })

  it('ignores rollups of other tables or time columns', () => {
    const other = rollup('h1', HOUR, { hypertable: { schema: 'public', name: 'weather' } })
    expect(refusal(other, chart(HOUR))).toMatch(/another table/)
    expect(refusal(rollup('h1', HOUR, { timeColumn: 'ts' }), chart(HOUR))).toMatch(/buckets ts/)
  })
})
