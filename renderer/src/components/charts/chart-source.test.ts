import { describe, expect, it } from 'vitest'
import type { ChartReply } from '../../../../shared/domain/chart'
import { sourceText } from './ChartCaption'

const reply = (rollup: ChartReply['rollup']) => ({ rollup }) as ChartReply

describe('the caption says where the numbers came from', () => {
  it('raw rows', () => {
    expect(sourceText(reply(null))).toBe('from raw rows')
  })

  it('a rollup: its name (public. left out), bucket, watermark and what follows it', () => {
    const text = sourceText(
      reply({
        name: 'public.sensor_data_1h',
        bucketSeconds: 3600,
        materializedToMs: Date.UTC(2026, 0, 5, 14),
        realTime: false,
      }),
    )
    expect(text).toMatch(/^from sensor_data_1h, 1 h rollup, materialized to .+, raw rows after it$/)
    expect(
      sourceText(
        reply({ name: 'iot.day', bucketSeconds: 86_400, materializedToMs: null, realTime: true }),
      ),
    ).toBe('from iot.day, 1 d rollup, nothing materialized yet, real-time')
  })
})
