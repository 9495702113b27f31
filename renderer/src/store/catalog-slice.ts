import type { SliceCreator, Store } from '.'
import type { CatalogList, TableDetail, TableRef } from '../../../shared/domain/catalog'
import { call } from '../api/client'
import { LatestRequest, whenChanged, type QueryStatus } from './query'

/** What the Database page and the sidebar's tree show: the catalog, and one table in full. */
export interface CatalogSlice {
  /** Null until read, and while not connected. */
  catalog: CatalogList | null
  catalogStatus: QueryStatus
  catalogError: string | null
  /** "Filter tables": applied here as typed, and sent to the server when the full list was cut. */
  catalogFilter: string
  /** The unfiltered list was longer than one reply carries. */
  catalogCut: boolean
  selectedTable: TableRef | null
  tableDetail: TableDetail | null
  tableDetailStatus: QueryStatus
  tableDetailError: string | null
  setCatalogFilter(text: string): void
  selectTable(table: TableRef | null): void
  loadCatalog(): Promise<void>
  loadTableDetail(): Promise<void>
}

const connectedTo = (s: Store) =>
  s.connection.status === 'connected' ? (s.connection.target?.label ?? '') : null

/**
 * What the catalog depends on: the database, new data, TimescaleDB enabled,
 * and each change of page (a table made elsewhere shows up on the next one);
 * the filter only once the full list was cut.
 */
const catalogInputs = (s: Store) =>
  [
    connectedTo(s),
    s.connection.server?.database ?? null,
    s.connection.server?.timescaledb.installed ?? null,
    s.dataVersion,
    s.view,
    s.catalogCut ? s.catalogFilter.trim() : '',
  ] as const

const detailInputs = (s: Store) =>
  [
    s.view === 'database' && connectedTo(s) !== null,
    s.selectedTable,
    connectedTo(s),
    s.dataVersion,
  ] as const

const message = (error: unknown) => (error instanceof Error ? error.message : String(error))

export const createCatalogSlice: SliceCreator<CatalogSlice> = (set, get, store) => {
  const list = new LatestRequest()
  const detail = new LatestRequest()

  whenChanged(store, catalogInputs, ([target], before) => {
    // Another database: nothing read from the last one applies.
    if (before && target !== before[0]) {
      set({
        catalog: null,
        catalogCut: false,
        selectedTable: null,
        tableDetail: null,
        catalogError: null,
      })
    }
    if (target !== null) void get().loadCatalog()
    else if (list.cancel()) set({ catalogStatus: 'idle' })
  })

  whenChanged(store, detailInputs, ([shown, table]) => {
    if (shown && table) void get().loadTableDetail()
    else if (detail.cancel()) set({ tableDetailStatus: 'idle' })
  })

  return {
    catalog: null,
    catalogStatus: 'idle',
    catalogError: null,
    catalogFilter: '',
    catalogCut: false,
    selectedTable: null,
    tableDetail: null,
    tableDetailStatus: 'idle',
    tableDetailError: null,

    setCatalogFilter: (text) => set({ catalogFilter: text }),

    selectTable: (table) => set({ selectedTable: table }),

    loadCatalog: async () => {
      const signal = list.start()
      const filter = get().catalogCut ? get().catalogFilter.trim() : ''
      set({ catalogStatus: 'loading' })
      try {
        const catalog = await call('catalog/list', { filter }, { signal })
        if (signal.aborted) return
        set({
          catalog,
          catalogStatus: 'ready',
          catalogError: null,
          // Only the unfiltered list says whether the filter must go to the server.
          ...(filter === '' ? { catalogCut: catalog.truncated } : {}),
        })
      } catch (error) {
        if (signal.aborted) return
        set({
          catalogStatus: 'error',
          catalogError: `Could not read the catalog: ${message(error)}`,
        })
      }
    },

    loadTableDetail: async () => {
      const table = get().selectedTable
      if (!table) return
      const signal = detail.start()
      set({ tableDetailStatus: 'loading' })
      try {
        const tableDetail = await call('catalog/describe', { table }, { signal })
        if (signal.aborted) return
        set({ tableDetail, tableDetailStatus: 'ready', tableDetailError: null })
      } catch (error) {
        if (signal.aborted) return
        set({
          tableDetail: null,
          tableDetailStatus: 'error',
          tableDetailError: `Could not describe ${table.schema}.${table.name}: ${message(error)}`,
        })
      }
    },
  }
}
