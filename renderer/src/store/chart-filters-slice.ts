import type { SliceCreator, Store } from '.'
import type { ColumnRef, SplitValues } from '../../../shared/domain/catalog'
import { call } from '../api/client'
import { refKey, sameRef, withFilter } from './builder-spec'
import { LatestRequest, whenChanged } from './query'

/** The builder's "Filters": which columns have a filter open, and the values each offers. */
export interface ChartFiltersSlice {
  /** Filters shown in the builder, in order; one with no value ticked yet filters nothing. */
  builderFilters: ColumnRef[]
  /** The values each filter offers (catalog/values), by refKey. */
  filterValues: Record<string, SplitValues | undefined>
  filterValuesError: Record<string, string | undefined>
  /** The search typed in each filter, by refKey. */
  filterSearch: Record<string, string | undefined>
  openFilter(ref: ColumnRef): void
  closeFilter(ref: ColumnRef): void
  setFilterValues(ref: ColumnRef, values: (string | null)[]): void
  searchFilterValues(ref: ColumnRef, text: string): void
  loadFilterValues(ref: ColumnRef): Promise<void>
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error))

/** The open filters' values are read while the Charts view shows them, again for new data. */
const valuesInputs = (s: Store) =>
  [
    s.view === 'charts' && s.connection.status === 'connected',
    s.builderTable,
    s.builderFilters,
    s.dataVersion,
  ] as const

export const createChartFiltersSlice: SliceCreator<ChartFiltersSlice> = (set, get, store) => {
  /** One request in flight per filter: a newer search supersedes the last. */
  const reads = new Map<string, LatestRequest>()
  const readFor = (key: string) => {
    const existing = reads.get(key)
    if (existing) return existing
    const created = new LatestRequest()
    reads.set(key, created)
    return created
  }

  whenChanged(store, valuesInputs, ([shown, table, filters, version], before) => {
    if (!shown || !table) return
    const newData = before !== null && version !== before[3]
    for (const ref of filters) {
      if (newData || !get().filterValues[refKey(ref)]) void get().loadFilterValues(ref)
    }
  })

  return {
    builderFilters: [],
    filterValues: {},
    filterValuesError: {},
    filterSearch: {},

    openFilter: (ref) => {
      if (get().builderFilters.some((f) => sameRef(f, ref))) return
      // Its values are read by the subscription above.
      set((s) => ({ builderFilters: [...s.builderFilters, ref] }))
    },

    closeFilter: (ref) => {
      reads.get(refKey(ref))?.cancel()
      set((s) => ({ builderFilters: s.builderFilters.filter((f) => !sameRef(f, ref)) }))
      get().editSpec((spec) => withFilter(spec, ref, []))
    },

    setFilterValues: (ref, values) => get().editSpec((spec) => withFilter(spec, ref, values)),

    searchFilterValues: (ref, text) => {
      set((s) => ({ filterSearch: { ...s.filterSearch, [refKey(ref)]: text } }))
      void get().loadFilterValues(ref)
    },

    loadFilterValues: async (ref) => {
      const table = get().builderTable
      if (!table) return
      const key = refKey(ref)
      const signal = readFor(key).start()
      try {
        const search = (get().filterSearch[key] ?? '').slice(0, 100)
        const values = await call('catalog/values', { table, column: ref, search }, { signal })
        if (signal.aborted) return
        set((s) => ({
          filterValues: { ...s.filterValues, [key]: values },
          filterValuesError: { ...s.filterValuesError, [key]: undefined },
        }))
      } catch (error) {
        if (signal.aborted) return
        set((s) => ({
          filterValuesError: {
            ...s.filterValuesError,
            [key]: `Could not read the values: ${message(error)}`,
          },
        }))
      }
    },
  }
}
