import type { SliceCreator } from '.'
import type {
  BucketedReply,
  GroupBy,
  Metric,
  SeriesExtent,
  SeriesFilterOptions,
} from '../../../shared/domain/series'
import type { AppError } from '../../../shared/errors'
import { call } from '../api/client'

export const rangePresets = [
  { value: '1h', label: 'Last 1 hour', ms: 3_600_000 },
  { value: '6h', label: 'Last 6 hours', ms: 6 * 3_600_000 },
  { value: '24h', label: 'Last 24 hours', ms: 24 * 3_600_000 },
  { value: '7d', label: 'Last 7 days', ms: 7 * 86_400_000 },
  { value: '30d', label: 'Last 30 days', ms: 30 * 86_400_000 },
  { value: 'all', label: 'All data', ms: null },
  { value: 'custom', label: 'Custom range', ms: null },
] as const
export type RangePreset = (typeof rangePresets)[number]['value']

export interface ChartSettings {
  metric: Metric
  groupBy: GroupBy
  locations: string[]
  types: string[]
  sensorIds: number[]
  range: RangePreset
  /** Custom range, epoch ms. */
  customFrom: number | null
  customTo: number | null
  bucket: 'auto' | number
  fillGaps: boolean
  minMax: boolean
  showSql: boolean
  live: boolean
}

export interface ChartWindow {
  from: number
  to: number
}

export type ChartStatus = 'idle' | 'loading' | 'ready' | 'error'

export interface ChartsSlice {
  chartSettings: ChartSettings
  /** A dragged selection inside the range; null shows the whole range. */
  chartZoom: ChartWindow | null
  chartFilterOptions: SeriesFilterOptions | null
  chartExtent: SeriesExtent | null
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

  // The sample-data dialog is issue 5's. Until its slice lands this flag is all
  // the Charts empty state's "Generate sample data" button can set.
  sampleDataDialogOpen: boolean
  openSampleDataDialog(): void
}

const DAY_MS = 86_400_000

export const defaultChartSettings: ChartSettings = {
  metric: 'temperature',
  groupBy: 'sensor',
  locations: [],
  types: [],
  sensorIds: [],
  range: '24h',
  customFrom: null,
  customTo: null,
  bucket: 'auto',
  fillGaps: false,
  minMax: false,
  showSql: false,
  live: false,
}

export function userTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
}

/** The range a chart shows: the zoom if any, else the preset (relative to now), custom, or all data. */
export function resolveWindow(
  settings: ChartSettings,
  zoom: ChartWindow | null,
  extent: SeriesExtent | null,
  now: number,
): ChartWindow | null {
  if (zoom) return zoom
  const preset = rangePresets.find((p) => p.value === settings.range)
  if (preset?.ms) return { from: now - preset.ms, to: now }
  if (settings.range === 'custom') {
    const { customFrom: from, customTo: to } = settings
    return from !== null && to !== null && to > from ? { from, to } : null
  }
  if (extent?.first == null || extent.last == null) return null
  // The last reading belongs in the range, which is half-open.
  return { from: extent.first, to: Math.max(extent.last + 1, extent.first + 1000) }
}

let querySeq = 0
let rangePicked = false

export const createChartsSlice: SliceCreator<ChartsSlice> = (set, get) => ({
  chartSettings: defaultChartSettings,
  chartZoom: null,
  chartFilterOptions: null,
  chartExtent: null,
  chartStatus: 'idle',
  chartReply: null,
  chartError: null,
  chartRoundTripMs: null,
  sampleDataDialogOpen: false,

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
    const [options, extent] = await Promise.all([
      call('series/filters', {}, { failure }),
      call('series/extent', {}, { failure }),
    ])
    set({ chartFilterOptions: options, chartExtent: extent })
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
      const reply = await call(
        'series/bucketed',
        {
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
          channel: 'charts-view',
        },
        { quiet: true },
      )
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

  openSampleDataDialog: () => set({ sampleDataDialogOpen: true }),
})
