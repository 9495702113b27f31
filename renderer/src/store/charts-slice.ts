import type { SliceCreator, Store } from '.'
import type { ChartReply } from '../../../shared/domain/chart'
import { call } from '../api/client'
import {
  chartQueryInputs,
  chartRequest,
  defaultChartSettings,
  needsRequery,
  type ChartSettings,
  type ChartWindow,
} from './chart-settings'
import { watchLive } from './chart-live'
import { embeddedLoadRunning } from './engine-busy'
import { keyStep, panned, scaled, zoomedIn, zoomedOut, type ZoomState } from './chart-zoom'
import { LatestRequest, whenChanged, type QueryStatus } from './query'

/** Room for the y axis before the plot exists to measure its own width. */
const AXIS_ALLOWANCE = 70

/** The chart's query: its settings, zoom and width, and the reply. */
export interface ChartsSlice {
  chartSettings: ChartSettings
  /** A dragged selection inside the range; null shows the whole range. */
  chartZoom: ChartWindow | null
  /** The zooms before this one, oldest first (null: the whole range). */
  chartZoomHistory: ZoomState['history']
  /** Width of the plot in CSS pixels; null while the Charts view is not shown. */
  chartPixels: number | null
  chartStatus: QueryStatus
  chartReply: ChartReply | null
  chartError: string | null
  /** Round trip of the last reply as the UI saw it, ms. */
  chartRoundTripMs: number | null
  setChartSettings(patch: Partial<ChartSettings>): void
  /** Zooms into a window (the one shown goes on the history); null resets to the whole range. */
  zoomChart(window: ChartWindow | null): void
  /** One step out: back to the previous zoom (double-click, "−" at the first zoom). */
  zoomOutChart(): void
  /** A key pressed on the focused chart: +/− zoom, ←/→ pan. False when the key is not one of them. */
  chartKey(key: string): boolean
  /** The chart area's width when it appears (null when it goes): the first query's pixels. */
  chartAreaMeasured(width: number | null): void
  /** The plot's own width, whenever it changes: queries again if it calls for another bucket. */
  chartPlotMeasured(width: number): void
  runChart(): Promise<void>
}

/** The table has rows in its time column, or nobody can tell without a scan. */
export const chartHasRows = (s: Store) => s.chartExtent === null || s.chartExtent.first !== null

/** An integer time column is drawn once its unit is known. */
export const chartTimeReady = (s: Store) => {
  const column = s.builderDetail?.columns.find((c) => c.name === s.chartSpec?.time.column)
  return column?.time !== 'integer' || s.chartSpec?.time.unit !== undefined
}

/** The chart can be queried: shown, connected, a spec, its extent read, rows to draw, no load in the way. */
function chartReady(s: Store): boolean {
  return (
    s.view === 'charts' &&
    s.connection.status === 'connected' &&
    !embeddedLoadRunning(s) &&
    s.chartSpec !== null &&
    s.chartExtentRevision > 0 &&
    s.chartExtentStatus !== 'loading' &&
    chartHasRows(s) &&
    chartTimeReady(s) &&
    s.chartPixels !== null
  )
}

/** What the chart's data depends on: any change runs the query again, superseding the last. */
const chartInputs = (s: Store) =>
  [
    chartReady(s),
    s.chartSpec,
    ...chartQueryInputs(s.chartSettings),
    s.chartZoom,
    s.chartExtentRevision,
    s.timeZone,
  ] as const

const timescaleMissing = (s: Store) =>
  s.connection.server !== null && s.connection.server.timescaledb.installed === null

export const createChartsSlice: SliceCreator<ChartsSlice> = (set, get, store) => {
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

  whenChanged(store, chartInputs, ([ready]) => {
    if (ready) void get().runChart()
    else if (chart.cancel()) set({ chartStatus: 'idle' })
  })

  // Gap filling needs TimescaleDB; never keep it on where it cannot run.
  whenChanged(
    store,
    (s) => [timescaleMissing(s) && s.chartSettings.fillGaps] as const,
    ([blocked]) => {
      if (blocked) set((s) => ({ chartSettings: { ...s.chartSettings, fillGaps: false } }))
    },
  )

  // "Live": while the chart is shown, again every 5 s ("All data" when its extent moved).
  watchLive(store, chartReady)

  return {
    chartSettings: defaultChartSettings,
    chartZoom: null,
    chartZoomHistory: [],
    chartPixels: null,
    chartStatus: 'idle',
    chartReply: null,
    chartError: null,
    chartRoundTripMs: null,

    setChartSettings: (patch) => {
      const settings = { ...get().chartSettings, ...patch }
      if (timescaleMissing(get())) settings.fillGaps = false
      const rangeChanged =
        patch.range !== undefined || patch.customFrom !== undefined || patch.customTo !== undefined
      set({ chartSettings: settings, ...(rangeChanged ? { chartZoom: null } : {}) })
    },

    zoomChart: (window) => {
      const state = { zoom: get().chartZoom, history: get().chartZoomHistory }
      const next = window ? zoomedIn(state, window) : { zoom: null, history: [] }
      set({ chartZoom: next.zoom, chartZoomHistory: next.history })
    },

    zoomOutChart: () => {
      const next = zoomedOut({ zoom: get().chartZoom, history: get().chartZoomHistory })
      set({ chartZoom: next.zoom, chartZoomHistory: next.history })
    },

    chartKey: (key) => {
      const step = keyStep(key)
      const { chartZoom, chartReply } = get()
      const shown = chartZoom ?? (chartReply ? { from: chartReply.from, to: chartReply.to } : null)
      if (!step || !shown) return false
      if ('zoom' in step) get().zoomChart(scaled(shown, step.zoom))
      // A pan moves the window without a new step of history: double-click still goes back.
      else set({ chartZoom: panned(shown, step.pan) })
      return true
    },

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

    runChart: async () => {
      const { chartSpec, chartSettings, chartZoom, chartExtent, chartPixels, timeZone } = get()
      const request =
        chartSpec === null || chartPixels === null
          ? null
          : chartRequest(
              chartSpec,
              chartSettings,
              chartZoom,
              chartExtent,
              chartPixels,
              Date.now(),
              timeZone,
            )
      if (!request) {
        if (chart.cancel()) set({ chartStatus: 'idle' })
        return
      }
      const signal = chart.start()
      set({ chartStatus: 'loading' })
      const started = performance.now()
      try {
        const reply = await call('series/chart', request, { signal })
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
