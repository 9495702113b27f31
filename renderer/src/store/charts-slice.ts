import type { SliceCreator } from '.'
import type {
  BucketedReply,
  SeriesExtent,
  SeriesFilterOptions,
} from '../../../shared/domain/series'
import type { AppError } from '../../../shared/errors'
import { call } from '../api/client'
import {
  defaultChartSettings,
  resolveWindow,
  userTimeZone,
  type ChartSettings,
  type ChartWindow,
} from './chart-settings'

const DAY_MS = 86_400_000

export type ChartStatus = 'idle' | 'loading' | 'ready' | 'error'

export interface ChartsSlice {
  chartSettings: ChartSettings
  /** A dragged selection inside the range; null shows the whole range. */
  chartZoom: ChartWindow | null
  chartFilterOptions: SeriesFilterOptions | null
  chartExtent: SeriesExtent | null
  /** The data version the options and extent were read at: the chart re-queries when it moves. */
  chartContextVersion: number
  chartStatus: ChartStatus
  chartReply: BucketedReply | null
  chartError: string | null
  /** Round trip of the last reply as the UI saw it, ms. */
  chartRoundTripMs: number | null
  setChartSettings(patch: Partial<ChartSettings>): void
  zoomChart(window: ChartWindow | null): void
  /** Filter choices and the data's extent, for the controls and "All data". */
  loadChartContext(): Promise<void>
  /** Queries the chart for the current settings; a newer call supersedes an older one. */
  runChartQuery(pixels: number): Promise<void>
}

let querySeq = 0
let rangePicked = false

export const createChartsSlice: SliceCreator<ChartsSlice> = (set, get) => ({
  chartSettings: defaultChartSettings,
  chartZoom: null,
  chartFilterOptions: null,
  chartExtent: null,
  chartContextVersion: 0,
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

  loadChartContext: async () => {
    const failure = 'Could not read the sensors for the chart'
    const version = get().dataVersion
    const [options, extent] = await Promise.all([
      call('series/filters', {}),
      call('series/extent', {}),
    ]).catch((error: unknown) => {
      // The chart goes on with what it has rather than wait for a read that failed.
      set({ chartContextVersion: version })
      get().reportFailure(failure, error)
      throw error
    })
    set({ chartFilterOptions: options, chartExtent: extent, chartContextVersion: version })
    if (!options.timescaledb && get().chartSettings.fillGaps) get().setChartSettings({})
    // Show the data on first sight: readings older than the default 24 hours mean "All data".
    if (!rangePicked && extent.last !== null) {
      rangePicked = true
      if (get().chartSettings.range === '24h' && extent.last < Date.now() - DAY_MS) {
        get().setChartSettings({ range: 'all' })
      }
    }
  },

  runChartQuery: async (pixels) => {
    const { chartSettings: s, chartZoom, chartExtent } = get()
    const window = resolveWindow(s, chartZoom, chartExtent, Date.now())
    if (!window) return
    const seq = ++querySeq
    set({ chartStatus: 'loading' })
    const started = performance.now()
    try {
      const reply = await call('series/bucketed', {
        metric: s.metric,
        from: Math.floor(window.from),
        to: Math.ceil(window.to),
        bucket: s.bucket,
        pixels: Math.max(16, Math.min(8192, Math.floor(pixels))),
        groupBy: s.groupBy,
        filters: { locations: s.locations, types: s.types, sensorIds: s.sensorIds },
        fillGaps: s.fillGaps,
        minMax: s.minMax,
        timeZone: userTimeZone(),
      })
      if (seq !== querySeq) return
      set({
        chartReply: reply,
        chartStatus: 'ready',
        chartError: null,
        chartRoundTripMs: Math.round(performance.now() - started),
      })
    } catch (error) {
      // A superseded request says nothing: its successor is on its way.
      if (seq !== querySeq || (error as AppError).code === 'cancelled') return
      set({ chartStatus: 'error', chartError: (error as Error).message })
    }
  },
})
