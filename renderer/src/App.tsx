import { SampleDataDialog } from './components/loads/SampleDataDialog'
import { Notifications } from './components/Notifications'
import { Sidebar } from './components/Sidebar'
import { StatusBar } from './components/StatusBar'
import { useStore } from './store'
import { ChartsView } from './views/ChartsView'
import { ConnectionsView } from './views/ConnectionsView'
import { DatabaseView } from './views/DatabaseView'
import { SensorsView } from './views/SensorsView'
import { SqlView } from './views/SqlView'

export function App() {
  const view = useStore((s) => s.view)
  const sampleDataDialogOpen = useStore((s) => s.sampleDataDialogOpen)

  return (
    <div className="app">
      <Sidebar />
      <main className="view" aria-live="polite">
        {view === 'connections' && <ConnectionsView />}
        {view === 'database' && <DatabaseView />}
        {view === 'sensors' && <SensorsView />}
        {view === 'charts' && <ChartsView />}
        {view === 'sql' && <SqlView />}
      </main>
      <StatusBar />
      {sampleDataDialogOpen && <SampleDataDialog />}
      <Notifications />
    </div>
  )
}
