import type { SliceCreator, Store } from '.'
import type {
  BucketedReply,
  SeriesExtent,
  SeriesFilterOptions,
} from '../../../shared/domain/series'
import { call } from '../api/client'
import {
  bucketedRequest,
  chartQueryInputs,
  defaultChartSettings,
  needsRequery,
  type ChartSettings,
  type ChartWindow,
} from './chart-settings'
import { watchLive } from './chart-live'
import { LatestRequest, whenChanged, type QueryStatus } from './query'

const DAY_MS = 86_400_000
/** Room for the y axis before the plot exists to measure its own width. */
const AXIS_ALLOWANCE = 70

export interface ChartsSlice {
  chartSettings: ChartSettings
  /** A dragged selection inside the range; null shows the whole range. */
  chartZoom: ChartWindow | null
  /** The context: filter choices and the data's extent (for the controls and "All data"). */
  chartFilterOptions: SeriesFilterOptions | null
  chartExtent: SeriesExtent | null
  chartContextStatus: QueryStatus
  /** Goes up each time a read of the context ends: the chart queries again after it. */
  chartContextRevision: number
  /** Width of the plot in CSS pixels; null while the Charts view is not shown. */
  chartPixels: number | null
  /** The first extent has been seen (and "All data" picked if the last 24 h are empty). */
  chartRangeChosen: boolean
  chartStatus: QueryStatus
  chartReply: BucketedReply | null
  chartError: string | null
  /** Round trip of the last reply as the UI saw it, ms. */
  chartRoundTripMs: number | null
  setChartSettings(patch: Partial<ChartSettings>): void
  zoomChart(window: ChartWindow | null): void
  /** The chart area's width when it appears (null when it goes): the first query's pixels. */
  chartAreaMeasured(width: number | null): void
  /** The plot's own width, whenever it changes: queries again if it calls for another bucket. */
  chartPlotMeasured(width: number): void
  refreshChartContext(): Promise<void>
  runChart(): Promise<void>
}

const hasReadings = (extent: SeriesExtent | null) =>
  extent?.tables === true && extent.first !== null

/** The chart can be queried: shown, connected, its context current, readings to draw. */
function chartReady(s: Store): boolean {
  return (
    s.view === 'charts' &&
    s.connection.status === 'connected' &&
    s.chartContextStatus !== 'loading' &&
    hasReadings(s.chartExtent) &&
    s.chartPixels !== null
  )
}

/** What the context depends on: a new connection, new data, TimescaleDB enabled. */
const contextInputs = (s: Store) =>
  [
    s.view === 'charts' && s.connection.status === 'connected',
    s.connection.status === 'connected' ? s.connection.target?.label : null,
    s.connection.server?.timescaledb.installed ?? null,
    s.dataVersion,
  ] as const

/** What the chart's data depends on: any change runs the query again, superseding the last. */
const chartInputs = (s: Store) =>
  [
    chartReady(s),
    ...chartQueryInputs(s.chartSettings),
    s.chartZoom,
    s.chartContextRevision,
  ] as const

export const createChartsSlice: SliceCreator<ChartsSlice> = (set, get, store) => {
  const context = new LatestRequest()
  const chart = new LatestRequest()

  /** Queries again when the plot's width calls for another bucket than the one shown. */
  const requeryIfWidthCalls = () => {
    const { chartReply, chartPixels, chartSettings } = get()
    if (
      chartReply &&
      chartPixels !== null &&
      needsRequery(chartReply, chartPixels, chartSettings)
    ) {
      void get().runChart()
    }
  }

  whenChanged(store, contextInputs, ([shown, target], before) => {
    // Another database: what was read from the last one no longer applies.
    if (before && target !== before[1]) {
      set({ chartFilterOptions: null, chartExtent: null, chartReply: null, chartZoom: null })
    }
    if (shown) void get().refreshChartContext()
    else if (context.cancel()) set({ chartContextStatus: 'idle' })
  })

  whenChanged(store, chartInputs, ([ready]) => {
    if (ready) void get().runChart()
    else if (chart.cancel()) set({ chartStatus: 'idle' })
  })

  // "Live": while the chart is shown, again every 5 s ("All data" when its extent moved).
  watchLive(store, chartReady)

  return {
    chartSettings: defaultChartSettings,
    chartZoom: null,
    chartFilterOptions: null,
    chartExtent: null,
    chartContextStatus: 'idle',
    chartContextRevision: 0,
    chartPixels: null,
    chartRangeChosen: false,
    chartStatus: 'idle',
    chartReply: null,
    chartError: null,
    chartRoundTripMs: null,

    setChartSettings: (patch) => {
      const settings = { ...get().chartSettings, ...patch }
      // Gap filling needs TimescaleDB; never keep it on where it cannot run.
      if (get().chartFilterOptions?.timescaledb === false) settings.fillGaps = false
      const rangeChanged =
        patch.range !== undefined || patch.customFrom !== undefined || patch.customTo !== undefined
      set({ chartSettings: settings, ...(rangeChanged ? { chartZoom: null } : {}) })
    },

    zoomChart: (window) => set({ chartZoom: window }),

    chartAreaMeasured: (width) => {
      if (width === null) set({ chartPixels: null })
      else if (get().chartPixels === null)
        set({ chartPixels: Math.max(16, width - AXIS_ALLOWANCE) })
    },

    chartPlotMeasured: (width) => {
      if (width === get().chartPixels) return
      set({ chartPixels: width })
      requeryIfWidthCalls()
    },

    refreshChartContext: async () => {
      const signal = context.start()
      set({ chartContextStatus: 'loading' })
      try {
        const [options, extent] = await Promise.all([
          call('series/filters', {}, { signal }),
          call('series/extent', {}, { signal }),
        ])
        if (signal.aborted) return
        // One change of state, so the chart queries once for all of it.
        let { chartSettings: settings, chartZoom: zoom, chartRangeChosen: chosen } = get()
        // Gap filling needs TimescaleDB; never keep it on where it cannot run.
        if (!options.timescaledb && settings.fillGaps) settings = { ...settings, fillGaps: false }
        // Show the data on first sight: readings older than the default 24 hours mean "All data".
        if (!chosen && extent.last !== null) {
          chosen = true
          if (settings.range === '24h' && extent.last < Date.now() - DAY_MS) {
            settings = { ...settings, range: 'all' }
            zoom = null
          }
        }
        set((s) => ({
          chartFilterOptions: options,
          chartExtent: extent,
          chartContextStatus: 'ready',
          chartContextRevision: s.chartContextRevision + 1,
          chartSettings: settings,
          chartZoom: zoom,
          chartRangeChosen: chosen,
        }))
      } catch (error) {
        if (signal.aborted) return
        // The chart goes on with what it has rather than wait for a read that failed.
        set((s) => ({
          chartContextStatus: 'error',
          chartContextRevision: s.chartContextRevision + 1,
        }))
        get().reportFailure('Could not read the sensors for the chart', error)
      }
    },

    runChart: async () => {
      const { chartSettings, chartZoom, chartExtent, chartPixels } = get()
      const request =
        chartPixels === null
          ? null
          : bucketedRequest(chartSettings, chartZoom, chartExtent, chartPixels, Date.now())
      if (!request) {
        if (chart.cancel()) set({ chartStatus: 'idle' })
        return
      }
      const signal = chart.start()
      set({ chartStatus: 'loading' })
      const started = performance.now()
      try {
        const reply = await call('series/bucketed', request, { signal })
        if (signal.aborted) return
        set({
          chartReply: reply,
          chartStatus: 'ready',
          chartError: null,
          chartRoundTripMs: Math.round(performance.now() - started),
        })
        // The plot changed width while this was on its way.
        if (get().chartPixels !== request.pixels) requeryIfWidthCalls()
      } catch (error) {
        // Superseded or stopped: the request that replaced it reports, not this one.
        if (signal.aborted) return
        set({
          chartStatus: 'error',
          chartError: error instanceof Error ? error.message : String(error),
        })
      }
    },
  }
}
