import { useId, useState } from 'react'
import { useStore } from '../../store'
import {
  SensorFieldsInputs,
  validateDraft,
  type DraftErrors,
  type SensorDraft,
} from './SensorFieldsInputs'

const empty: SensorDraft = { type: '', location: '' }

export function AddSensorForm() {
  const addSensor = useStore((s) => s.addSensor)
  const titleId = useId()
  const [draft, setDraft] = useState<SensorDraft>(empty)
  const [errors, setErrors] = useState<DraftErrors>({})
  const [serverError, setServerError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)

  return (
    <form
      className="add-sensor"
      aria-labelledby={titleId}
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        const checked = validateDraft(draft)
        if (!checked.ok) {
          setErrors(checked.errors)
          return
        }
        setErrors({})
        setServerError(null)
        setSaving(true)
        void addSensor(checked.fields).then((error) => {
          setSaving(false)
          if (error) setServerError(error)
          else setDraft(empty)
        })
      }}
    >
      <h3 id={titleId}>New sensor</h3>
      <div className="inline-fields">
        <SensorFieldsInputs draft={draft} errors={errors} onChange={setDraft} visibleLabels />
        <button type="submit" className="primary" disabled={saving}>
          Add sensor
        </button>
      </div>
      {serverError && (
        <p role="alert" className="field-error">
          {serverError}
        </p>
      )}
    </form>
  )
}
