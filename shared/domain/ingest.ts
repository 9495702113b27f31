import { z } from 'zod'

export const MINUTE_MS = 60_000
export const HOUR_MS = 60 * MINUTE_MS
export const DAY_MS = 24 * HOUR_MS

/** No single load may exceed this many rows (a typo in an interval must not start a week-long job). */
export const MAX_SAMPLE_ROWS = 1_000_000_000

export interface SamplePreset {
  id: 'quick-start' | 'week' | 'month'
  label: string
  durationMs: number
  intervalMs: number
}

/** Presets for a PostgreSQL server. */
export const serverPresets: readonly SamplePreset[] = [
  {
    id: 'quick-start',
    label: 'Quick start (24 h, every 5 min)',
    durationMs: DAY_MS,
    intervalMs: 5 * MINUTE_MS,
  },
  { id: 'week', label: 'Week (7 days, every 10 s)', durationMs: 7 * DAY_MS, intervalMs: 10_000 },
  { id: 'month', label: 'Month (30 days, every 1 s)', durationMs: 30 * DAY_MS, intervalMs: 1_000 },
]

/** The embedded engine is ~20x slower than native PostgreSQL: same spans, coarser intervals. */
export const embeddedPresets: readonly SamplePreset[] = [
  {
    id: 'quick-start',
    label: 'Quick start (24 h, every 5 min)',
    durationMs: DAY_MS,
    intervalMs: 5 * MINUTE_MS,
  },
  {
    id: 'week',
    label: 'Week (7 days, every 1 min)',
    durationMs: 7 * DAY_MS,
    intervalMs: MINUTE_MS,
  },
  {
    id: 'month',
    label: 'Month (30 days, every 30 s)',
    durationMs: 30 * DAY_MS,
    intervalMs: 30_000,
  },
]

export function presetsFor(engine: 'embedded' | 'postgres'): readonly SamplePreset[] {
  return engine === 'embedded' ? embeddedPresets : serverPresets
}

/** Readings per sensor from `from` to `to` inclusive, as generate_series(from, to, interval) gives. */
export function stepsIn(from: number, to: number, intervalMs: number): number {
  if (!(to >= from) || !(intervalMs > 0)) return 0
  return Math.floor((to - from) / intervalMs) + 1
}

const epochMs = z
  .number()
  .int()
  .min(Date.UTC(1970, 0, 1))
  .max(Date.UTC(2200, 0, 1), 'Dates after 2200 are not supported')

export const SampleDataSpecSchema = z
  .strictObject({
    from: epochMs,
    to: epochMs,
    intervalMs: z
      .number()
      .int('Interval must be a whole number of milliseconds')
      .min(1, 'Interval must be positive')
      .max(365 * DAY_MS),
    /** Sensors to generate readings for; all sensors when omitted. */
    sensorIds: z.array(z.number().int().positive()).min(1).max(10_000).optional(),
    replaceExisting: z.boolean().default(false),
    /** Same seed, same spec: identical readings. Random when omitted. */
    seed: z.number().int().min(0).max(0xffffffff).optional(),
    /** Minutes east of UTC for the daily cycle (the user's time zone), so peaks fall in the afternoon. */
    utcOffsetMinutes: z
      .number()
      .int()
      .min(-14 * 60)
      .max(14 * 60)
      .default(0),
    /** Create the schema and the four quick-start sensors first if they are missing. */
    createMissing: z.boolean().default(false),
  })
  .superRefine((spec, ctx) => {
    if (spec.to <= spec.from) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'To must be after From' })
      return
    }
    const sensors = spec.sensorIds?.length ?? 1
    if (stepsIn(spec.from, spec.to, spec.intervalMs) * sensors > MAX_SAMPLE_ROWS) {
      ctx.addIssue({
        code: 'custom',
        path: ['intervalMs'],
        message: `That is more than ${MAX_SAMPLE_ROWS.toLocaleString('en')} rows: choose a longer interval or a shorter range`,
      })
    }
  })

export type SampleDataSpec = z.output<typeof SampleDataSpecSchema>
export type SampleDataSpecInput = z.input<typeof SampleDataSpecSchema>
