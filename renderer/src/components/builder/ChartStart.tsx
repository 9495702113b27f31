import { useStore } from '../../store'
import { canChart } from '../database/catalog-view'
import { TablePicker } from './TablePicker'
import { InlineError } from '../InlineError'

/**
 * The Charts view before a table is charted: reading the catalog, a table to
 * pick, or (with nothing to chart) the offer of sample data.
 */
export function ChartStart() {
  const catalog = useStore((s) => s.catalog)
  const error = useStore((s) => s.catalogError)
  if (!catalog) {
    return error ? <InlineError>{error}</InlineError> : <progress aria-label="Loading chart" />
  }
  const chartable = catalog.schemas.some((s) => s.relations.some(canChart))
  if (!chartable) return <NoReadings />
  return (
    <div className="card empty-state">
      <h2>Pick a table to chart</h2>
      <p className="muted">
        Any table or view with a time column and a numeric column can be charted. The Database page
        shows what each one holds.
      </p>
      <TablePicker />
    </div>
  )
}

/**
 * A chart with nothing to draw: an empty table (the quick start's, or any), or
 * a database with no table to chart at all.
 */
export function NoReadings({ table }: { table?: string }) {
  const openSampleDataDialog = useStore((s) => s.openSampleDataDialog)
  const preset = useStore((s) => s.builderPreset)
  const quickStart = table === undefined || preset
  return (
    <div className="card empty-state">
      <h2>{quickStart ? 'No readings yet' : 'No rows yet'}</h2>
      <p className="muted">
        {table === undefined
          ? 'This database has no table with a time column and a number yet, such as the quick start’s sensor_data. '
          : `${table} is empty. `}
        {quickStart
          ? 'Generate sample data to see averages per time bucket here, or load your own readings.'
          : 'Load rows into it, or pick another table.'}
      </p>
      {quickStart && (
        <button type="button" className="primary" onClick={openSampleDataDialog}>
          Generate sample data
        </button>
      )}
    </div>
  )
}
