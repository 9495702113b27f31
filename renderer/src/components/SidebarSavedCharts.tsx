import { useState } from 'react'
import type { SavedChart } from '../../../shared/domain/saved-charts'
import { SAVED_CHART_NAME_MAX } from '../../../shared/domain/saved-charts'
import { useStore } from '../store'
import { chartsProfile } from '../store/saved-charts-slice'
import { InlineError } from './InlineError'

/** The connection profile's saved charts: open, rename, delete (after asking). */
export function SidebarSavedCharts() {
  const profile = useStore(chartsProfile)
  const charts = useStore((s) => s.savedCharts)
  const error = useStore((s) => s.savedChartsError)
  if (profile === null) return null
  return (
    <section className="sidebar-saved" aria-labelledby="sidebar-saved-title">
      <h2 id="sidebar-saved-title" className="sidebar-heading">
        Saved charts
      </h2>
      {error && <InlineError>{error}</InlineError>}
      {charts.length === 0 && !error && (
        <p className="muted sidebar-hint">None yet: “Save chart” on the Charts page keeps one.</p>
      )}
      <ul aria-label="Saved charts">
        {charts.map((c) => (
          <SavedChartItem key={c.id} chart={c} />
        ))}
      </ul>
    </section>
  )
}

type Mode = 'idle' | 'rename' | 'delete'

function SavedChartItem({ chart }: { chart: SavedChart }) {
  const current = useStore((s) => s.currentSavedChartId === chart.id && s.view === 'charts')
  const openSavedChart = useStore((s) => s.openSavedChart)
  const renameSavedChart = useStore((s) => s.renameSavedChart)
  const deleteSavedChart = useStore((s) => s.deleteSavedChart)
  const [mode, setMode] = useState<Mode>('idle')
  const [name, setName] = useState(chart.name)
  const [error, setError] = useState<string | null>(null)

  const rename = async () => {
    const failed = await renameSavedChart(chart.id, name)
    setError(failed)
    if (!failed) setMode('idle')
  }

  return (
    <li className="saved-chart" aria-label={chart.name}>
      {mode === 'rename' ? (
        <form
          onSubmit={(e) => {
            e.preventDefault()
            void rename()
          }}
        >
          <input
            aria-label={`New name for ${chart.name}`}
            value={name}
            maxLength={SAVED_CHART_NAME_MAX}
            autoFocus
            onChange={(e) => setName(e.target.value)}
          />
          <button type="submit">Rename</button>
          <button type="button" onClick={() => setMode('idle')}>
            Cancel
          </button>
        </form>
      ) : (
        <button
          type="button"
          className="nav-item"
          aria-current={current ? 'true' : undefined}
          onClick={() => openSavedChart(chart.id)}
        >
          {chart.name}
        </button>
      )}
      {mode === 'idle' && (
        <span className="saved-chart-actions">
          <button
            type="button"
            aria-label={`Rename ${chart.name}`}
            onClick={() => setMode('rename')}
          >
            Rename
          </button>
          <button
            type="button"
            aria-label={`Delete ${chart.name}`}
            onClick={() => setMode('delete')}
          >
            Delete
          </button>
        </span>
      )}
      {mode === 'delete' && (
        <span className="saved-chart-actions" role="group" aria-label={`Delete ${chart.name}?`}>
          <span>Delete this saved chart? Its data stays in the database.</span>
          <button type="button" className="danger" onClick={() => void deleteSavedChart(chart.id)}>
            Delete
          </button>
          <button type="button" onClick={() => setMode('idle')}>
            Keep it
          </button>
        </span>
      )}
      {error && <InlineError>{error}</InlineError>}
    </li>
  )
}
