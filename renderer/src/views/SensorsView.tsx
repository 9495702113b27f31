import { LoadDataPanel } from '../components/loads/LoadDataPanel'
import { AddSensorForm } from '../components/sensors/AddSensorForm'
import { SchemaPanel } from '../components/sensors/SchemaPanel'
import { SensorTable } from '../components/sensors/SensorTable'
import { useStore } from '../store'

export function SensorsView() {
  const connection = useStore((s) => s.connection)
  const schema = useStore((s) => s.schema)
  const sensors = useStore((s) => s.sensors)
  const busy = useStore((s) => s.sensorsBusy)
  const loadError = useStore((s) => s.sensorsLoadError)
  // The sensors slice reads schema and sensors while this page is shown (and again when
  // the connection or the data change); "Try again" asks it to now.
  const refresh = useStore((s) => s.refreshSensors)
  const setView = useStore((s) => s.setView)

  return (
    <section className="page" aria-labelledby="sensors-title">
      <header className="page-header">
        <h1 id="sensors-title">Sensors</h1>
      </header>

      {connection.status !== 'connected' ? (
        <div className="card empty-state">
          <p>
            {connection.status === 'connecting'
              ? 'Connecting…'
              : 'Not connected. Connect to a database to set up its schema and manage sensors.'}
          </p>
          {connection.status === 'disconnected' && (
            <button type="button" onClick={() => setView('connections')}>
              Go to Connections
            </button>
          )}
        </div>
      ) : loadError ? (
        <div className="card callout-danger" role="alert">
          <p>Could not read the schema: {loadError}</p>
          <button type="button" onClick={() => void refresh()}>
            Try again
          </button>
        </div>
      ) : !schema ? (
        busy === 'loading' && <progress aria-label="Loading sensors" />
      ) : (
        <>
          <LoadDataPanel />
          <SchemaPanel schema={schema} />
          {sensors && <SensorManager />}
        </>
      )}
    </section>
  )
}

function SensorManager() {
  const sensors = useStore((s) => s.sensors) ?? []
  const busy = useStore((s) => s.sensorsBusy)
  const seed = useStore((s) => s.seedSensors)
  return (
    <section className="panel" aria-labelledby="sensor-list-title">
      <h2 id="sensor-list-title">Sensor list</h2>
      {sensors.length === 0 ? (
        <div className="empty-state">
          <p>
            No sensors yet. Start with the quick start’s four — (a, floor), (a, ceiling), (b,
            floor), (b, ceiling) — or add your own below.
          </p>
          <button
            type="button"
            className="primary"
            disabled={busy === 'seed'}
            onClick={() => void seed()}
          >
            Add the four quick-start sensors
          </button>
        </div>
      ) : (
        <SensorTable sensors={sensors} />
      )}
      <AddSensorForm />
    </section>
  )
}
