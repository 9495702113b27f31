import { lazy, Suspense, useEffect } from 'react'
import { SampleDataDialog } from './components/loads/SampleDataDialog'
import { Notifications } from './components/Notifications'
import { Sidebar } from './components/Sidebar'
import { StatusBar } from './components/StatusBar'
import { useStore } from './store'
import { ConnectionsView } from './views/ConnectionsView'
import { DatabaseView } from './views/DatabaseView'
import { SensorsView } from './views/SensorsView'

// uPlot and CodeMirror are a third of the page's script: they load after the first paint, so the
// window is usable sooner (issue 14); loading starts at once so a first click rarely waits.
const loadCharts = () => import('./views/ChartsView')
const loadSql = () => import('./views/SqlView')
const ChartsView = lazy(() => loadCharts().then((m) => ({ default: m.ChartsView })))
const SqlView = lazy(() => loadSql().then((m) => ({ default: m.SqlView })))
const VIEW_PRELOAD_DELAY_MS = 200

export function App() {
  const view = useStore((s) => s.view)
  const sampleDataDialogOpen = useStore((s) => s.sampleDataDialogOpen)
  useEffect(() => {
    const timer = setTimeout(() => {
      void loadCharts()
      void loadSql()
    }, VIEW_PRELOAD_DELAY_MS)
    return () => clearTimeout(timer)
  }, [])

  return (
    <div className="app">
      <Sidebar />
      <main className="view" aria-live="polite">
        {view === 'connections' && <ConnectionsView />}
        {view === 'database' && <DatabaseView />}
        {view === 'sensors' && <SensorsView />}
        <Suspense fallback={<p className="view-loading">Loading…</p>}>
          {view === 'charts' && <ChartsView />}
          {view === 'sql' && <SqlView />}
        </Suspense>
      </main>
      <StatusBar />
      {sampleDataDialogOpen && <SampleDataDialog />}
      <Notifications />
    </div>
  )
}
