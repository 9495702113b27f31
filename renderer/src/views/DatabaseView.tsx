import { CatalogTree } from '../components/database/CatalogTree'
import { TableDetails } from '../components/database/TableDetails'
import { RollupList } from '../components/rollups/RollupList'
import { HypertableTabs } from '../components/hypertables/HypertableTabs'
import { formatCount } from '../format'
import { useStore } from '../store'
import { InlineError } from '../components/InlineError'

/**
 * The Database page: what the database holds (schemas, then hypertables,
 * continuous aggregates, tables and views), and the selected one in full.
 * "Chart" opens the chart builder on a table.
 */
export function DatabaseView() {
  const connected = useStore((s) => s.connection.status === 'connected')
  const catalog = useStore((s) => s.catalog)
  const status = useStore((s) => s.catalogStatus)
  const error = useStore((s) => s.catalogError)
  const filter = useStore((s) => s.catalogFilter)
  const selected = useStore((s) => s.selectedTable)
  const detail = useStore((s) => s.tableDetail)
  const detailStatus = useStore((s) => s.tableDetailStatus)
  const detailError = useStore((s) => s.tableDetailError)
  const setCatalogFilter = useStore((s) => s.setCatalogFilter)
  const selectTable = useStore((s) => s.selectTable)
  const openChart = useStore((s) => s.openChart)
  const loadCatalog = useStore((s) => s.loadCatalog)
  const hypertable = useStore((s) => s.hypertableShown)

  const relations = catalog?.schemas.reduce((n, s) => n + s.relations.length, 0) ?? 0
  const shown =
    detail && selected && detail.schema === selected.schema && detail.name === selected.name
      ? detail
      : null

  return (
    <section className="page page-wide" aria-labelledby="database-title">
      <header className="page-header">
        <h1 id="database-title">Database</h1>
        {connected && (
          <button type="button" onClick={() => void loadCatalog()} disabled={status === 'loading'}>
            Read again
          </button>
        )}
      </header>
      {!connected && (
        <p className="muted">Not connected. Connect to a database on the Connections page.</p>
      )}
      {connected && catalog && (
        <p className="muted">
          {catalog.schemas.length} schemas, {formatCount(relations)} tables and views
          {catalog.timescaledb ? `, TimescaleDB ${catalog.timescaledb}` : ', no TimescaleDB'}
          {` (read in ${Math.round(catalog.readMs)} ms)`}
        </p>
      )}
      {connected && (
        <div className="database-layout">
          <div className="panel">
            <CatalogTree
              catalog={catalog}
              filter={filter}
              onFilter={setCatalogFilter}
              selected={selected}
              onSelect={selectTable}
              onChart={(table) => openChart(table)}
              loading={status === 'loading'}
              error={error}
            />
          </div>
          <div>
            {!selected && (
              <p className="muted">
                Pick a table or view to see its columns, keys, indexes, size and time range.
              </p>
            )}
            {selected && !shown && detailStatus === 'loading' && (
              <progress aria-label="Reading the table" />
            )}
            {selected && detailError && detailStatus === 'error' && (
              <InlineError>{detailError}</InlineError>
            )}
            {shown && (
              <TableDetails
                detail={shown}
                onChart={() => openChart({ schema: shown.schema, name: shown.name })}
              />
            )}
            {shown && hypertable && <HypertableTabs table={hypertable} />}
            {shown && <RollupList />}
          </div>
        </div>
      )}
    </section>
  )
}
