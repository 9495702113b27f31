import { useId, useState, type FormEvent } from 'react'
import { presetsFor, type SamplePreset } from '../../../../shared/domain/ingest'
import { useStore } from '../../store'
import { Field } from '../Field'
import { formatCount } from '../../format'
import { useLoadTarget } from './load-target'
import { initialSampleForm, planSampleData, presetFields, type SampleForm } from './sample-plan'

type PresetChoice = SamplePreset['id'] | 'custom'

/** The sample-data choices: a preset or a custom range, sensors, replace, seed; then Start. */
export function SampleDataForm({ onStarted }: { onStarted(): void }) {
  const engine = useStore((s) => (s.connection.target?.kind === 'server' ? 'postgres' : 'embedded'))
  const startSampleData = useStore((s) => s.startSampleData)
  const busy = useStore((s) =>
    s.activeJobId ? s.jobs[s.activeJobId]?.status === 'running' : false,
  )
  const presets = presetsFor(engine)
  const [now] = useState(() => Date.now())
  const [choice, setChoice] = useState<PresetChoice>('quick-start')
  const [form, setForm] = useState<SampleForm>(() => initialSampleForm(presets[0]!, now))
  const [starting, setStarting] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const { target, failure } = useLoadTarget()
  const problemId = useId()

  const plan = target ? planSampleData(form, target, new Date(now)) : null
  const creating = target !== null && (target.tablesMissing || target.sensors.length === 0)

  const edit = (change: Partial<SampleForm>) => {
    setForm((f) => ({ ...f, ...change }))
    setError(null)
  }
  const editRange = (change: Partial<SampleForm>) => {
    edit(change)
    setChoice('custom')
  }
  const pickPreset = (id: PresetChoice) => {
    setChoice(id)
    const preset = presets.find((p) => p.id === id)
    if (preset) edit(presetFields(preset, now))
  }
  const toggleSensor = (id: number, on: boolean) => {
    const all = target?.sensors.map((s) => s.id) ?? []
    const current = new Set(form.sensorIds ?? all)
    if (on) current.add(id)
    else current.delete(id)
    const ids = all.filter((x) => current.has(x))
    edit({ sensorIds: ids.length === all.length ? null : ids })
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!plan?.ok || starting || busy) return
    setStarting(true)
    setError(null)
    try {
      await startSampleData(plan.spec)
      onStarted()
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    } finally {
      setStarting(false)
    }
  }

  if (failure) {
    return (
      <p role="alert" className="form-error">
        Could not read the database: {failure}
      </p>
    )
  }

  return (
    <form className="load-form" onSubmit={(e) => void submit(e)}>
      <fieldset>
        <legend>Preset</legend>
        {presets.map((p) => (
          <label key={p.id} className="choice">
            <input
              type="radio"
              name="preset"
              checked={choice === p.id}
              onChange={() => pickPreset(p.id)}
            />
            {p.label}
          </label>
        ))}
        <label className="choice">
          <input
            type="radio"
            name="preset"
            checked={choice === 'custom'}
            onChange={() => setChoice('custom')}
          />
          Custom
        </label>
      </fieldset>

      <div className="field-row">
        <Field
          label="From"
          type="datetime-local"
          step={1}
          value={form.from}
          onChange={(e) => editRange({ from: e.target.value })}
        />
        <Field
          label="To"
          type="datetime-local"
          step={1}
          value={form.to}
          onChange={(e) => editRange({ to: e.target.value })}
        />
        <Field
          label="Interval"
          type="text"
          placeholder="e.g. 10 s, 5 min, 1 h"
          value={form.interval}
          onChange={(e) => editRange({ interval: e.target.value })}
        />
      </div>

      {target && creating && (
        <div className="offer">
          <p>
            {target.tablesMissing
              ? 'This database does not have the quick-start tables (sensors and sensor_data) yet.'
              : 'There are no sensors yet.'}
          </p>
          <label className="choice">
            <input
              type="checkbox"
              checked={form.createMissing}
              onChange={(e) => edit({ createMissing: e.target.checked })}
            />
            {target.tablesMissing
              ? 'Create the schema and the four quick-start sensors first'
              : 'Add the four quick-start sensors first'}
          </label>
        </div>
      )}

      {target && target.sensors.length > 0 && (
        <fieldset>
          <legend>Sensors</legend>
          {target.sensors.map((s) => (
            <label key={s.id} className="choice">
              <input
                type="checkbox"
                checked={form.sensorIds === null || form.sensorIds.includes(s.id)}
                onChange={(e) => toggleSensor(s.id, e.target.checked)}
              />
              #{s.id} {s.type ?? '—'} · {s.location ?? '—'}
            </label>
          ))}
        </fieldset>
      )}

      <div className="field-row">
        <label className="choice">
          <input
            type="checkbox"
            checked={form.replaceExisting}
            onChange={(e) => edit({ replaceExisting: e.target.checked })}
          />
          Replace existing readings
        </label>
        <Field
          label="Seed (optional)"
          className="field-narrow"
          type="text"
          inputMode="numeric"
          placeholder="random"
          value={form.seed}
          onChange={(e) => edit({ seed: e.target.value })}
        />
      </div>
      {form.replaceExisting && (
        <p className="muted">
          The chosen sensors&apos; readings between From and To are deleted first, in the same
          transaction as the load: if it fails or you cancel, they are still there.
        </p>
      )}

      <p className="plan" aria-live="polite">
        {plan === null
          ? 'Reading the database…'
          : plan.ok
            ? `${formatCount(plan.perSensor)} readings per sensor × ${plan.sensors} sensor${plan.sensors === 1 ? '' : 's'} = ${formatCount(plan.rows)} rows.`
            : plan.rows !== null
              ? `${formatCount(plan.rows)} rows.`
              : ''}
      </p>
      {plan && !plan.ok && (
        <p id={problemId} className="form-problem">
          {plan.problem}
        </p>
      )}
      {busy && <p className="form-problem">Another load is running: wait for it, or cancel it.</p>}
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <div className="actions">
        <button
          type="submit"
          className="primary"
          disabled={!plan?.ok || starting || busy}
          aria-describedby={plan && !plan.ok ? problemId : undefined}
        >
          Start
        </button>
      </div>
    </form>
  )
}
