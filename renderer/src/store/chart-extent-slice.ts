import type { SliceCreator, Store } from '.'
import { call } from '../api/client'
import { extentOf } from './builder-spec'
import { embeddedLoadRunning } from './engine-busy'
import type { ChartExtent } from './chart-settings'
import { LatestRequest, whenChanged, type QueryStatus } from './query'

const DAY_MS = 86_400_000

/** The first and last time of the chart's time column: what "All data" spans. */
export interface ChartExtentSlice {
  /** Null while unknown: not read yet, or not readable without a scan (chartExtentNote says why). */
  chartExtent: ChartExtent | null
  chartExtentNote: string | null
  chartExtentStatus: QueryStatus
  /** Goes up when a read ends with another extent (or fails): the chart queries again after it. */
  chartExtentRevision: number
  /** The first extent has been seen (and "All data" picked if the last 24 h are empty). */
  chartRangeChosen: boolean
  /** Reads the extent; keeps the old one when nothing moved, so the chart does not re-query. */
  /** newData: rows or rollups changed, so the chart queries again even if the ends did not move. */
  refreshChartExtent(newData?: boolean): Promise<void>
}

/** What the extent depends on: the table, its time column (and unit), new data. */
const extentInputs = (s: Store) =>
  [
    // While a load holds the embedded engine the read would only wait behind it: queue it.
    s.view === 'charts' && s.connection.status === 'connected' && !embeddedLoadRunning(s),
    s.builderTable,
    s.chartSpec?.time.column ?? null,
    s.chartSpec?.time.unit ?? null,
    s.connection.target?.label ?? null,
    s.dataVersion,
  ] as const

const same = (a: ChartExtent | null, b: ChartExtent | null) =>
  a === b || (a !== null && b !== null && a.first === b.first && a.last === b.last)

export const createChartExtentSlice: SliceCreator<ChartExtentSlice> = (set, get, store) => {
  const read = new LatestRequest()

  whenChanged(store, extentInputs, ([shown, table, column], before) => {
    // Another table or column: what was read for the last one says nothing of this one.
    if (before && (table !== before[1] || column !== before[2])) {
      set({ chartExtent: null, chartExtentNote: null, chartExtentStatus: 'idle' })
    }
    // New data (a load or a rollup job ended) can change the numbers inside an unmoved range.
    const newData = before !== null && before[5] !== get().dataVersion
    if (shown && table && column) void get().refreshChartExtent(newData)
    else if (read.cancel()) set({ chartExtentStatus: 'idle' })
  })

  return {
    chartExtent: null,
    chartExtentNote: null,
    chartExtentStatus: 'idle',
    chartExtentRevision: 0,
    chartRangeChosen: false,

    refreshChartExtent: async (newData = false) => {
      const { builderTable: table, chartSpec: spec } = get()
      if (!table || !spec) return
      const signal = read.start()
      if (get().chartExtentStatus !== 'ready') set({ chartExtentStatus: 'loading' })
      try {
        const found = await call(
          'catalog/time-range',
          { table, column: spec.time.column },
          { signal },
        )
        if (signal.aborted) return
        const extent = extentOf(found, spec.time.unit)
        const s = get()
        let { chartSettings: settings, chartRangeChosen: chosen } = s
        // Show the data on first sight: rows older than the default 24 hours mean "All data".
        if (!chosen && extent) {
          chosen = true
          if (
            settings.range === '24h' &&
            extent.last !== null &&
            extent.last < Date.now() - DAY_MS
          ) {
            settings = { ...settings, range: 'all' }
          }
        }
        const moved = newData || s.chartExtentStatus !== 'ready' || !same(extent, s.chartExtent)
        set({
          chartExtent: moved ? extent : s.chartExtent,
          chartExtentNote: extent ? null : (found.note ?? 'Pick the unit of the time column.'),
          chartExtentStatus: 'ready',
          chartExtentRevision: s.chartExtentRevision + (moved ? 1 : 0),
          chartSettings: settings,
          chartRangeChosen: chosen,
          ...(settings !== s.chartSettings ? { chartZoom: null } : {}),
        })
      } catch (error) {
        if (signal.aborted) return
        // The chart goes on without "All data" rather than wait for a read that failed.
        set((s) => ({
          chartExtent: null,
          chartExtentNote: `Could not read the first and last time: ${error instanceof Error ? error.message : String(error)}`,
          chartExtentStatus: 'error',
          chartExtentRevision: s.chartExtentRevision + 1,
        }))
      }
    },
  }
}
