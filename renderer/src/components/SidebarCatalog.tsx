import { useStore } from '../store'
import { CatalogTree } from './database/CatalogTree'

/**
 * The catalog as a narrow tree in the sidebar (names and kinds, "Chart" per
 * table); picking a name opens it on the Database page. Not shown on the
 * Database page itself, which has the full tree.
 */
export function SidebarCatalog() {
  const shown = useStore((s) => s.view !== 'database' && s.connection.status === 'connected')
  const catalog = useStore((s) => s.catalog)
  const status = useStore((s) => s.catalogStatus)
  const error = useStore((s) => s.catalogError)
  const filter = useStore((s) => s.catalogFilter)
  const selected = useStore((s) => s.selectedTable)
  const setCatalogFilter = useStore((s) => s.setCatalogFilter)
  const selectTable = useStore((s) => s.selectTable)
  const setView = useStore((s) => s.setView)
  const openChart = useStore((s) => s.openChart)
  if (!shown) return null
  return (
    <section className="sidebar-catalog" aria-labelledby="sidebar-catalog-title">
      <h2 id="sidebar-catalog-title" className="sidebar-heading">
        Tables
      </h2>
      <CatalogTree
        compact
        catalog={catalog}
        filter={filter}
        onFilter={setCatalogFilter}
        selected={selected}
        onSelect={(table) => {
          selectTable(table)
          setView('database')
        }}
        onChart={(table) => openChart(table)}
        loading={status === 'loading'}
        error={error}
      />
    </section>
  )
}
