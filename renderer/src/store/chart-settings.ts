/** How a chart is drawn, as plain data and pure functions (no store, no backend). */
import { chooseBucket } from '../../../shared/buckets'
import type { ChartReply, ChartRequestInput, ChartSpec } from '../../../shared/domain/chart'
import type { ChartRange, SavedChartConfig } from '../../../shared/domain/saved-charts'

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

/** The line chart, or the coverage heatmap of the same query's counts. */
export type ChartDisplay = SavedChartConfig['view']

export interface ChartSettings {
  range: RangePreset
  /** Custom range, epoch ms. */
  customFrom: number | null
  customTo: number | null
  bucket: 'auto' | number
  fillGaps: boolean
  minMax: boolean
  /** Read a continuous aggregate when one serves the chart (off: raw rows, to compare). */
  useRollups: boolean
  showSql: boolean
  live: boolean
  display: ChartDisplay
}

export interface ChartWindow {
  from: number
  to: number
}

/** The first and last time of the chart's time column, epoch ms (null: the table is empty). */
export interface ChartExtent {
  first: number | null
  last: number | null
}

export const defaultChartSettings: ChartSettings = {
  range: '24h',
  customFrom: null,
  customTo: null,
  bucket: 'auto',
  fillGaps: false,
  minMax: false,
  useRollups: true,
  showSql: false,
  live: false,
  display: 'chart',
}

/**
 * The range a chart shows: the zoom if any, else the preset (relative to
 * now), custom, or all data (null while the extent is unknown or empty).
 */
export function resolveWindow(
  settings: ChartSettings,
  zoom: ChartWindow | null,
  extent: ChartExtent | null,
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

/**
 * The settings a chart's request is made of, for the store to watch: showSql,
 * live and the display change what is shown, not what is asked.
 */
export function chartQueryInputs(settings: ChartSettings): readonly unknown[] {
  const { showSql: _showSql, live: _live, display: _display, ...asked } = settings
  return Object.values(asked)
}

/** The series/chart request, or null when the range is incomplete or nothing is measured. */
export function chartRequest(
  spec: ChartSpec,
  settings: ChartSettings,
  zoom: ChartWindow | null,
  extent: ChartExtent | null,
  pixels: number,
  now: number,
  timeZone = 'UTC',
): ChartRequestInput | null {
  const window = resolveWindow(settings, zoom, extent, now)
  if (!window || spec.measures.length === 0) return null
  return {
    spec,
    from: Math.floor(window.from),
    to: Math.ceil(window.to),
    bucket: settings.bucket,
    pixels: Math.max(16, Math.min(8192, Math.floor(pixels))),
    fillGaps: settings.fillGaps,
    minMax: settings.minMax,
    useRollups: settings.useRollups,
    timeZone,
  }
}

/** Whether the plot's width now calls for another bucket than the one shown. */
export function needsRequery(reply: ChartReply, pixels: number, settings: ChartSettings): boolean {
  // A pinned width is drawn past the pixels; only Auto must fit them.
  if (settings.bucket === 'auto' && reply.buckets > pixels) return true
  if (reply.bucketReason === 'sparse') return false
  const predicted = chooseBucket({
    fromMs: reply.from,
    toMs: reply.to,
    pixels,
    timeZone: reply.timeZone,
    pinnedSeconds: settings.bucket === 'auto' ? null : settings.bucket,
  })
  return predicted.seconds !== reply.bucketSeconds
}

/** What a saved chart (or the URL hash) keeps of these settings: never the zoom or the data. */
export function savedRange(settings: ChartSettings): ChartRange {
  const { range, customFrom: from, customTo: to } = settings
  if (range === 'custom') {
    return from !== null && to !== null && to > from
      ? { kind: 'custom', from, to }
      : { kind: 'preset', preset: '24h' }
  }
  return { kind: 'preset', preset: range }
}

export function chartConfig(spec: ChartSpec, settings: ChartSettings): SavedChartConfig {
  return {
    spec,
    range: savedRange(settings),
    bucket: settings.bucket,
    fillGaps: settings.fillGaps,
    minMax: settings.minMax,
    view: settings.display,
  }
}

/** The settings a saved configuration asks for (Show SQL and Live as they were). */
export function settingsOf(config: SavedChartConfig, current: ChartSettings): ChartSettings {
  const { range } = config
  return {
    ...current,
    range: range.kind === 'custom' ? 'custom' : range.preset,
    customFrom: range.kind === 'custom' ? range.from : null,
    customTo: range.kind === 'custom' ? range.to : null,
    bucket: config.bucket,
    fillGaps: config.fillGaps,
    minMax: config.minMax,
    display: config.view,
  }
}
