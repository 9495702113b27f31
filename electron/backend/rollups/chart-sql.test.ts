import { describe, expect, it } from 'vitest'
import type { RollupChoice, RollupInfo } from '../../../shared/domain/rollups'
import { rollupSpan } from './chart-sql'

const info = (patch: Partial<RollupInfo>): RollupInfo => ({
  view: { schema: 'public', name: 'r' },
  hypertable: { schema: 'public', name: 't' },
  timeColumn: 'time',
  bucketColumn: 'bucket',
  bucketSeconds: 3600,
  timeZone: null,
  originMs: null,
  groupColumns: [],
  columns: [{ column: 'n', fn: 'count', source: null }],
  materializedOnly: true,
  watermarkMs: Date.UTC(2026, 0, 5),
  ...patch,
})
const choice = (patch: Partial<RollupInfo>): RollupChoice => ({
  rollup: info(patch),
  measures: [],
  rowCount: 'n',
  ranges: null,
})

describe('rollupSpan: what the aggregate serves, the rest from raw rows', () => {
  const from = Date.UTC(2026, 0, 1, 0, 20)
  const to = Date.UTC(2026, 0, 7, 8, 45)

  it('whole buckets inside the range, up to the watermark when not real-time', () => {
    expect(rollupSpan(choice({}), from, to)).toEqual({
      a: Date.UTC(2026, 0, 1, 1),
      b: Date.UTC(2026, 0, 5),
    })
  })

  it('a real-time aggregate serves up to the range’s last whole bucket', () => {
    expect(rollupSpan(choice({ materializedOnly: false }), from, to)).toEqual({
      a: Date.UTC(2026, 0, 1, 1),
      b: Date.UTC(2026, 0, 7, 8),
    })
  })

  it('nothing materialized, or no whole bucket in range: none', () => {
    expect(rollupSpan(choice({ watermarkMs: null }), from, to)).toBeNull()
    expect(rollupSpan(choice({}), from, from + 30 * 60_000)).toBeNull()
  })

  it('days in a zone follow its midnights (Asia/Kolkata, UTC+05:30)', () => {
    const span = rollupSpan(
      choice({
        bucketSeconds: 86_400,
        timeZone: 'Asia/Kolkata',
        watermarkMs: null,
        materializedOnly: false,
      }),
      from,
      to,
    )
    expect(span).toEqual({ a: Date.UTC(2026, 0, 1, 18, 30), b: Date.UTC(2026, 0, 6, 18, 30) })
  })
})
