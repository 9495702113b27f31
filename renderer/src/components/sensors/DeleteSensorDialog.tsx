import { useEffect, useId, useRef, useState } from 'react'
import type { Sensor } from '../../../../shared/domain/sensors'
import { formatCount } from '../../format'
import { useStore } from '../../store'

/**
 * Asks before deleting, saying how many readings go with the sensor. If the
 * server counts readings the list did not know about, it asks again with the
 * server's number: the user confirms what will really happen.
 */
export function DeleteSensorDialog({ sensor, onClose }: { sensor: Sensor; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null)
  const cancelRef = useRef<HTMLButtonElement>(null)
  const titleId = useId()
  const deleteSensor = useStore((s) => s.deleteSensor)
  const [readings, setReadings] = useState(sensor.readings)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    const dialog = ref.current
    if (dialog && !dialog.open) dialog.showModal()
    // showModal focuses the first button (Delete); the safe choice gets the focus instead.
    cancelRef.current?.focus()
    return () => dialog?.close()
  }, [])

  const confirm = async () => {
    setBusy(true)
    setError(null)
    const outcome = await deleteSensor(sensor.id, readings > 0)
    setBusy(false)
    if (outcome.kind === 'deleted') onClose()
    else if (outcome.kind === 'confirm') setReadings(outcome.readings)
    else setError(outcome.message)
  }

  const name = `Sensor ${sensor.id} (${sensor.type ?? '(none)'}, ${sensor.location ?? '(none)'})`
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault()
        if (!busy) onClose()
      }}
    >
      <h2 id={titleId}>Delete sensor?</h2>
      <p className="pre">
        {readings > 0
          ? `${name} has ${formatCount(readings)} reading${readings === 1 ? '' : 's'}. ` +
            `${readings === 1 ? 'It is' : 'They are'} deleted with it, in one transaction: both go, or neither does.`
          : `${name} has no readings.`}
      </p>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="button" className="danger" disabled={busy} onClick={() => void confirm()}>
          Delete
        </button>
        <button ref={cancelRef} type="button" disabled={busy} onClick={onClose}>
          Cancel
        </button>
        {busy && <progress aria-label="Deleting sensor" />}
      </div>
    </dialog>
  )
}
