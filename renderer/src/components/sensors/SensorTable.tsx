import { useState } from 'react'
import { sensorName, type Sensor } from '../../../../shared/domain/sensors'
import { formatCount, formatTime } from '../../format'
import { useStore } from '../../store'
import { DeleteSensorDialog } from './DeleteSensorDialog'
import { SensorFieldsInputs, useSensorDraft } from './SensorFieldsInputs'
import { numeric, TableHead } from '../TableHead'

const SENSOR_COLUMNS = ['Id', 'Type', 'Location', numeric('Readings'), 'Last reading']

/** Sensors with their readings; each row edits in place and deletes after a confirmation. */
export function SensorTable({ sensors }: { sensors: Sensor[] }) {
  const timeZone = useStore((s) => s.timeZone)
  const [editing, setEditing] = useState<number | null>(null)
  const [deleting, setDeleting] = useState<Sensor | null>(null)
  return (
    <>
      <table className="table" aria-label="Sensors">
        <TableHead columns={SENSOR_COLUMNS} actions />
        <tbody>
          {sensors.map((sensor) =>
            editing === sensor.id ? (
              <EditRow key={sensor.id} sensor={sensor} onDone={() => setEditing(null)} />
            ) : (
              <tr key={sensor.id}>
                <td className="num">{sensor.id}</td>
                <td>
                  <SensorText text={sensor.type} />
                </td>
                <td>
                  <SensorText text={sensor.location} />
                </td>
                <td className="num">{formatCount(sensor.readings)}</td>
                <td>
                  {sensor.lastReadingAt === null ? '—' : formatTime(sensor.lastReadingAt, timeZone)}
                </td>
                <td className="row-actions">
                  <button
                    type="button"
                    aria-label={`Edit ${sensorName(sensor)}`}
                    onClick={() => setEditing(sensor.id)}
                  >
                    Edit
                  </button>
                  <button
                    type="button"
                    className="danger"
                    aria-label={`Delete ${sensorName(sensor)}`}
                    onClick={() => setDeleting(sensor)}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
      {deleting && <DeleteSensorDialog sensor={deleting} onClose={() => setDeleting(null)} />}
    </>
  )
}

/** Whatever is stored, shown as text; NULLs written outside the app say so. */
function SensorText({ text }: { text: string | null }) {
  return text === null ? <span className="muted">(none)</span> : <span className="pre">{text}</span>
}

function EditRow({ sensor, onDone }: { sensor: Sensor; onDone: () => void }) {
  const timeZone = useStore((s) => s.timeZone)
  const updateSensor = useStore((s) => s.updateSensor)
  const { draft, setDraft, errors, serverError, saving, submit } = useSensorDraft(
    { type: sensor.type ?? '', location: sensor.location ?? '' },
    (fields) => updateSensor(sensor.id, fields),
  )

  const save = async () => {
    if (await submit()) onDone()
  }

  return (
    <tr
      className="editing"
      onKeyDown={(event) => {
        if (event.key === 'Enter') void save()
        if (event.key === 'Escape') onDone()
      }}
    >
      <td className="num">{sensor.id}</td>
      <td colSpan={2}>
        <div className="inline-fields">
          <SensorFieldsInputs
            draft={draft}
            errors={errors}
            onChange={setDraft}
            visibleLabels={false}
            autoFocus
          />
        </div>
        {serverError && (
          <p role="alert" className="field-error">
            {serverError}
          </p>
        )}
      </td>
      <td className="num">{formatCount(sensor.readings)}</td>
      <td>{sensor.lastReadingAt === null ? '—' : formatTime(sensor.lastReadingAt, timeZone)}</td>
      <td className="row-actions">
        <button
          type="button"
          className="primary"
          aria-label={`Save ${sensorName(sensor)}`}
          disabled={saving}
          onClick={() => void save()}
        >
          Save
        </button>
        <button
          type="button"
          aria-label={`Cancel editing ${sensorName(sensor)}`}
          disabled={saving}
          onClick={onDone}
        >
          Cancel
        </button>
      </td>
    </tr>
  )
}
