import { useStore } from '../store'
import { views, type View } from '../store/navigation-slice'
import { SidebarCatalog } from './SidebarCatalog'
import { SidebarProfiles } from './SidebarProfiles'
import { SidebarSavedCharts } from './SidebarSavedCharts'

const labels: Record<View, string> = {
  connections: 'Connections',
  database: 'Database',
  sensors: 'Sensors',
  charts: 'Charts',
  sql: 'SQL',
}

export function Sidebar() {
  const view = useStore((s) => s.view)
  const setView = useStore((s) => s.setView)
  return (
    <div className="sidebar">
      <nav aria-label="Main">
        <div className="brand">TSDB Explorer</div>
        <ul>
          {views.map((v) => (
            <li key={v}>
              <button
                type="button"
                className="nav-item"
                aria-current={view === v ? 'page' : undefined}
                onClick={() => setView(v)}
              >
                {labels[v]}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <SidebarProfiles />
      <SidebarSavedCharts />
      <SidebarCatalog />
    </div>
  )
}
