import {
  MAX_SAMPLE_ROWS,
  stepsIn,
  type SampleDataSpecInput,
  type SamplePreset,
} from '../../../../shared/domain/ingest'
import { QUICK_START_SENSORS } from '../../../../shared/domain/sensors'
import { formatCount, fromLocalInput, toLocalInput } from '../../format'
import { formatInterval, parseInterval } from './format'

/** What the sample-data form holds, as the user typed it. */
export interface SampleForm {
  from: string
  to: string
  interval: string
  /** Null: every sensor. */
  sensorIds: number[] | null
  replaceExisting: boolean
  seed: string
  /**
   * Where the quick-start tables or sensors are missing, create them first.
   * On by default: "Generate sample data", then "Start" is the one click.
   */
  createMissing: boolean
}

/** What the database offers the load, as schema/status and sensors/list found it. */
export interface LoadTarget {
  /** Both quick-start tables exist. */
  tablesReady: boolean
  /** Why no load can run here until the user acts (e.g. the tables differ from the quick start). */
  blocked: string | null
  sensors: readonly { id: number }[]
}

export type SamplePlan =
  | { ok: true; spec: SampleDataSpecInput; rows: number; perSensor: number; sensors: number }
  | { ok: false; problem: string; rows: number | null }

/** Turns the form into the ingest/start request, or says what is wrong with it. */
export function planSampleData(form: SampleForm, target: LoadTarget, now: Date): SamplePlan {
  const from = fromLocalInput(form.from)
  const to = fromLocalInput(form.to)
  const intervalMs = parseInterval(form.interval)
  if (from === null) return { ok: false, problem: 'From is not a date and time.', rows: null }
  if (to === null) return { ok: false, problem: 'To is not a date and time.', rows: null }
  if (to <= from) return { ok: false, problem: 'To must be after From.', rows: null }
  if (intervalMs === null) {
    return {
      ok: false,
      problem: 'Interval must be a duration such as "10 s", "5 min" or "1 h".',
      rows: null,
    }
  }
  const creating = !target.tablesReady || target.sensors.length === 0
  const sensors = form.sensorIds
    ? form.sensorIds.length
    : target.sensors.length > 0
      ? target.sensors.length
      : QUICK_START_SENSORS.length
  const perSensor = stepsIn(from, to, intervalMs)
  const rows = perSensor * sensors
  if (target.blocked) return { ok: false, problem: target.blocked, rows }
  if (creating && !form.createMissing) {
    return {
      ok: false,
      problem:
        'Sample data needs the quick-start tables and at least one sensor: tick the box above to create them first.',
      rows,
    }
  }
  if (sensors === 0) return { ok: false, problem: 'Choose at least one sensor.', rows }
  if (rows > MAX_SAMPLE_ROWS) {
    return {
      ok: false,
      problem: `That is ${formatCount(rows)} rows, more than ${formatCount(MAX_SAMPLE_ROWS)}: choose a longer interval or a shorter range.`,
      rows,
    }
  }
  let seed: number | undefined
  if (form.seed.trim() !== '') {
    seed = Number(form.seed.trim())
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      return { ok: false, problem: 'Seed must be a whole number from 0 to 4294967295.', rows }
    }
  }
  const spec: SampleDataSpecInput = {
    from,
    to,
    intervalMs,
    replaceExisting: form.replaceExisting,
    // The daily cycle peaks in the afternoon of the user's own time zone.
    utcOffsetMinutes: -now.getTimezoneOffset(),
    ...(form.sensorIds && !creating ? { sensorIds: form.sensorIds } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(creating ? { createMissing: true } : {}),
  }
  return { ok: true, spec, rows, perSensor, sensors }
}

/** The form as it opens: the preset's range and interval, every sensor, create what is missing. */
export function initialSampleForm(preset: SamplePreset, now: number): SampleForm {
  return {
    ...presetFields(preset, now),
    sensorIds: null,
    replaceExisting: false,
    seed: '',
    createMissing: true,
  }
}

/** The From, To and Interval fields for a preset. */
export function presetFields(
  preset: SamplePreset,
  now: number,
): Pick<SampleForm, 'from' | 'to' | 'interval'> {
  const range = presetRange(preset, now)
  return {
    from: toLocalInput(range.from),
    to: toLocalInput(range.to),
    interval: formatInterval(preset.intervalMs),
  }
}

/** A preset's range, ending at the last whole interval before now (so times are round). */
export function presetRange(preset: SamplePreset, now: number): { from: number; to: number } {
  const to = Math.floor(now / preset.intervalMs) * preset.intervalMs
  return { from: to - preset.durationMs, to }
}
