/** What a chart shows, as plain data and pure functions (no store, no backend). */
import { chooseBucket } from '../../../shared/buckets'
import type {
  BucketedReply,
  BucketedRequestInput,
  GroupBy,
  Metric,
  SeriesExtent,
} from '../../../shared/domain/series'

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

/**
 * The settings a chart's request is made of, for the store to watch: showSql
 * and live change what is shown, not what is asked, so they are not here.
 */
export function chartQueryInputs(settings: ChartSettings): readonly unknown[] {
  const { showSql: _showSql, live: _live, ...asked } = settings
  return Object.values(asked)
}

/** The series/bucketed request for these settings, or null when the range is incomplete. */
export function bucketedRequest(
  settings: ChartSettings,
  zoom: ChartWindow | null,
  extent: SeriesExtent | null,
  pixels: number,
  now: number,
): BucketedRequestInput | null {
  const window = resolveWindow(settings, zoom, extent, now)
  if (!window) return null
  return {
    metric: settings.metric,
    from: Math.floor(window.from),
    to: Math.ceil(window.to),
    bucket: settings.bucket,
    pixels: Math.max(16, Math.min(8192, Math.floor(pixels))),
    groupBy: settings.groupBy,
    filters: {
      locations: settings.locations,
      types: settings.types,
      sensorIds: settings.sensorIds,
    },
    fillGaps: settings.fillGaps,
    minMax: settings.minMax,
    timeZone: userTimeZone(),
  }
}

/** Whether the plot's width now calls for another bucket than the one shown. */
export function needsRequery(
  reply: BucketedReply,
  pixels: number,
  settings: ChartSettings,
): boolean {
  if (reply.buckets > pixels) return true
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
