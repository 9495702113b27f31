import {
  describeDifference,
  timescaleNotice,
  type HypertableStats,
  type SchemaStatus,
} from '../../../../shared/domain/schema'
import { formatBytes, formatCount } from '../../format'
import { useStore } from '../../store'
import { EnableTimescaleButton } from '../EnableTimescaleButton'

/** Where the quick start's schema stands, and the one button that sets it up. */
export function SchemaPanel({ schema }: { schema: SchemaStatus }) {
  const busy = useStore((s) => s.sensorsBusy)
  const setUpSchema = useStore((s) => s.setUpSchema)
  const refresh = useStore((s) => s.refreshSensors)
  const notice = timescaleNotice(schema)
  const { installed, available } = schema.timescaledb
  const missingIndexes = [
    ...(schema.sensorIndex ? [] : ['(sensor_id, time DESC) makes per-sensor charts fast']),
    ...(schema.timeIndex ? [] : ['(time DESC) makes time windows over all sensors fast']),
  ]
  const canSetUp = schema.state !== 'ready' || missingIndexes.length > 0

  return (
    <section className="panel" aria-labelledby="schema-title">
      <div className="card-header">
        <h2 id="schema-title">Schema</h2>
        <StateBadge schema={schema} />
      </div>
      <p>{summary(schema)}</p>

      {schema.state === 'conflict' && (
        <div className="callout callout-danger">
          <p>These columns differ from the quick start’s schema:</p>
          <ul>
            {schema.differences.map((d) => (
              <li key={`${d.table}.${d.column ?? ''}`} className="mono">
                {describeDifference(d)}
              </li>
            ))}
          </ul>
          <p>
            Nothing was changed. Rename or drop those tables yourself, or connect to another
            database, then check again.
          </p>
        </div>
      )}

      {schema.sensorData && <Stats stats={schema.sensorData} />}

      {notice && (
        <div className="callout" role="note">
          <p>{notice}</p>
          {available && !installed && <EnableTimescaleButton />}
        </div>
      )}

      {schema.state === 'ready' && missingIndexes.length > 0 && (
        <p className="muted">
          An index on sensor_data {missingIndexes.join('; one on ')}. Set up schema adds{' '}
          {missingIndexes.length > 1 ? 'them' : 'it'} without touching your rows.
        </p>
      )}

      <div className="actions">
        {canSetUp && schema.state !== 'conflict' && (
          <button
            type="button"
            className="primary"
            disabled={busy === 'setup'}
            onClick={() => void setUpSchema()}
          >
            Set up schema
          </button>
        )}
        {schema.state === 'conflict' && (
          <button type="button" disabled={busy !== null} onClick={() => void refresh()}>
            Check again
          </button>
        )}
        {busy === 'setup' && <progress aria-label="Setting up schema" />}
      </div>
    </section>
  )
}

function StateBadge({ schema }: { schema: SchemaStatus }) {
  switch (schema.state) {
    case 'ready':
      return <span className="badge badge-ok">Set up</span>
    case 'conflict':
      return <span className="badge badge-danger">Conflict</span>
    default:
      return <span className="badge badge-warn">Not set up</span>
  }
}

function summary(schema: SchemaStatus): string {
  switch (schema.state) {
    case 'missing':
      return 'The quick start’s tables, sensors and sensor_data, do not exist in this database yet. Set up schema creates them in one transaction.'
    case 'partial':
      return schema.tables.sensors === 'present'
        ? 'The sensors table exists; sensor_data does not yet. Set up schema creates it.'
        : 'sensor_data exists; the sensors table does not yet. Set up schema creates it.'
    case 'convertible':
      return 'Both tables exist. TimescaleDB is installed, but sensor_data is still a regular table.'
    case 'conflict':
      return 'Tables with the quick start’s names exist in another shape, so the app will not touch them.'
    case 'ready':
      return schema.sensorData?.hypertable
        ? 'sensors and the sensor_data hypertable are set up.'
        : 'sensors and sensor_data are set up.'
  }
}

function Stats({ stats }: { stats: HypertableStats }) {
  return (
    <dl className="facts" aria-label="sensor_data">
      <dt>sensor_data</dt>
      <dd>{stats.hypertable ? 'Hypertable' : 'Regular table'}</dd>
      {stats.chunks !== null && (
        <>
          <dt>Chunks</dt>
          <dd>{formatCount(stats.chunks)}</dd>
        </>
      )}
      <dt>Total size</dt>
      <dd>{formatBytes(stats.totalBytes)}</dd>
      <dt>Rows (estimate)</dt>
      <dd>{rowEstimate(stats)}</dd>
    </dl>
  )
}

/** Statistics are estimates, and absent until ANALYZE: say which. */
function rowEstimate(stats: HypertableStats): string {
  const source = stats.hypertable ? 'approximate_row_count' : 'pg_class'
  if (!stats.notAnalyzed) return `≈ ${formatCount(stats.rowEstimate)} (${source})`
  if (stats.rowEstimate === 0) return 'not known until PostgreSQL analyses sensor_data (ANALYZE)'
  return `at least ≈ ${formatCount(stats.rowEstimate)} (some chunks not analysed yet)`
}
