import { useId } from 'react'
import { useStore } from '../../store'
import { SensorFieldsInputs, useSensorDraft, type SensorDraft } from './SensorFieldsInputs'

const empty: SensorDraft = { type: '', location: '' }

export function AddSensorForm() {
  const addSensor = useStore((s) => s.addSensor)
  const titleId = useId()
  const { draft, setDraft, errors, serverError, saving, submit } = useSensorDraft(empty, addSensor)

  return (
    <form
      className="add-sensor"
      aria-labelledby={titleId}
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        void submit().then((saved) => {
          if (saved) setDraft(empty)
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
