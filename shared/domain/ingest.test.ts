import { describe, expect, it } from 'vitest'
import { DAY_MS, MAX_SAMPLE_ROWS, SampleDataSpecSchema, presetsFor, stepsIn } from './ingest'

const from = Date.UTC(2026, 0, 1)

describe('stepsIn', () => {
  it('counts both ends, like generate_series', () => {
    // The quick start: 24 h every 5 min is 289 readings per sensor.
    expect(stepsIn(from, from + DAY_MS, 5 * 60_000)).toBe(289)
    expect(stepsIn(from, from, 1000)).toBe(1)
    expect(stepsIn(from, from + 999, 1000)).toBe(1)
  })

  it('is zero for empty or nonsensical ranges', () => {
    expect(stepsIn(from, from - 1, 1000)).toBe(0)
    expect(stepsIn(from, from + 10, 0)).toBe(0)
  })
})

describe('SampleDataSpecSchema', () => {
  it('accepts a preset-sized spec and fills defaults', () => {
    const spec = SampleDataSpecSchema.parse({ from, to: from + DAY_MS, intervalMs: 300_000 })
    expect(spec).toMatchObject({
      replaceExisting: false,
      createMissing: false,
      utcOffsetMinutes: 0,
    })
  })

  it.each([
    [{ from, to: from, intervalMs: 1000 }, 'To must be after From'],
    [{ from, to: from - DAY_MS, intervalMs: 1000 }, 'To must be after From'],
    [{ from, to: from + DAY_MS, intervalMs: 0 }, 'Interval must be positive'],
    [{ from, to: from + DAY_MS, intervalMs: -5 }, 'Interval must be positive'],
    [{ from, to: from + DAY_MS, intervalMs: 1.5 }, 'whole number'],
    [{ from, to: from + 40 * DAY_MS, intervalMs: 1, sensorIds: [1] }, 'more than'],
  ])('refuses %j', (input, message) => {
    const result = SampleDataSpecSchema.safeParse(input)
    expect(result.success).toBe(false)
    expect(JSON.stringify(result.error?.issues)).toContain(message)
  })

  it('counts rows over all chosen sensors against the limit', () => {
    const perSensor = stepsIn(from, from + 365 * DAY_MS, 60_000)
    const sensors = Math.ceil(MAX_SAMPLE_ROWS / perSensor) + 1
    const ids = Array.from({ length: sensors }, (_, i) => i + 1)
    expect(
      SampleDataSpecSchema.safeParse({
        from,
        to: from + 365 * DAY_MS,
        intervalMs: 60_000,
        sensorIds: ids,
      }).success,
    ).toBe(false)
  })
})

describe('presets', () => {
  it('match the issue on a server and are smaller on the embedded engine', () => {
    expect(presetsFor('postgres').map((p) => p.label)).toEqual([
      'Quick start (24 h, every 5 min)',
      'Week (7 days, every 10 s)',
      'Month (30 days, every 1 s)',
    ])
    for (const [i, p] of presetsFor('embedded').entries()) {
      expect(p.intervalMs).toBeGreaterThanOrEqual(presetsFor('postgres')[i]!.intervalMs)
    }
  })
})
