import { describe, expect, it } from 'vitest'
import { presetsFor, SampleDataSpecSchema } from '../../../../shared/domain/ingest'
import { toLocalInput } from '../../format'
import {
  initialSampleForm,
  planSampleData,
  presetRange,
  type LoadTarget,
  type SampleForm,
} from './sample-plan'

const now = new Date(2026, 2, 10, 14, 7, 31)
const quickStart = presetsFor('embedded')[0]!
const range = presetRange(quickStart, now.getTime())
const form: SampleForm = {
  from: toLocalInput(range.from),
  to: toLocalInput(range.to),
  interval: '5 min',
  sensorIds: null,
  replaceExisting: false,
  seed: '',
  createMissing: false,
}
const ready: LoadTarget = {
  tablesReady: true,
  blocked: null,
  sensors: [{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }],
}

describe('planning sample data from the form', () => {
  it('turns the quick-start preset into 289 readings for each of 4 sensors', () => {
    expect(range.to % 300_000).toBe(0)
    expect(range.to - range.from).toBe(24 * 3_600_000)
    const plan = planSampleData(form, ready, now)
    expect(plan).toMatchObject({ ok: true, rows: 1156, perSensor: 289, sensors: 4 })
    if (!plan.ok) return
    expect(SampleDataSpecSchema.parse(plan.spec)).toMatchObject({
      from: range.from,
      to: range.to,
      intervalMs: 300_000,
      createMissing: false,
      utcOffsetMinutes: -now.getTimezoneOffset(),
    })
  })

  it('starts with one click on an empty database: the form as it opens creates what is missing', () => {
    const opened = initialSampleForm(quickStart, now.getTime())
    expect(opened).toMatchObject({ interval: '5 min', sensorIds: null, createMissing: true })
    for (const target of [
      { tablesReady: false, blocked: null, sensors: [] },
      { tablesReady: true, blocked: null, sensors: [] },
    ] satisfies LoadTarget[]) {
      expect(planSampleData(opened, target, now)).toMatchObject({
        ok: true,
        rows: 1156,
        spec: { createMissing: true },
      })
    }
    // With sensors there, nothing is created: the spec does not ask for it.
    const plan = planSampleData(opened, ready, now)
    expect(plan.ok && 'createMissing' in plan.spec).toBe(false)
  })

  it('asks for createMissing when it was unticked and tables or sensors are missing, and counts the four it will add', () => {
    const empty: LoadTarget = { tablesReady: false, blocked: null, sensors: [] }
    expect(planSampleData(form, empty, now)).toMatchObject({
      ok: false,
      rows: 1156,
      problem: expect.stringContaining('tick the box'),
    })
    expect(planSampleData({ ...form, createMissing: true }, empty, now)).toMatchObject({
      ok: true,
      spec: { createMissing: true },
    })
  })

  it('sends the chosen sensors, the seed and replace', () => {
    const plan = planSampleData(
      { ...form, sensorIds: [2, 3], seed: '42', replaceExisting: true },
      ready,
      now,
    )
    expect(plan).toMatchObject({
      ok: true,
      rows: 578,
      spec: { sensorIds: [2, 3], seed: 42, replaceExisting: true },
    })
  })

  it.each([
    [{ to: form.from }, 'To must be after From.'],
    [{ interval: 'soon' }, 'Interval must be a duration'],
    [{ from: '' }, 'From is not a date and time.'],
    [{ seed: '-3' }, 'Seed must be a whole number'],
    [{ sensorIds: [] }, 'Choose at least one sensor.'],
    [{ interval: '1 ms', from: toLocalInput(range.to - 400 * 86_400_000) }, 'more than'],
  ] as [Partial<SampleForm>, string][])('says what is wrong: %j', (change, problem) => {
    const plan = planSampleData({ ...form, ...change }, ready, now)
    expect(plan.ok).toBe(false)
    if (!plan.ok) expect(plan.problem).toContain(problem)
  })

  it('refuses to start where the schema conflicts, saying why', () => {
    const plan = planSampleData(form, { ...ready, blocked: 'sensor_data differs' }, now)
    expect(plan).toMatchObject({ ok: false, problem: 'sensor_data differs' })
  })
})
