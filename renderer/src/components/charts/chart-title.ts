/** What a chart is, in words: its accessible name and an exported PNG's title. */
import { bucketLabel } from '../../../../shared/buckets'
import type { ChartReply, ChartSpec } from '../../../../shared/domain/chart'
import { localTime } from './format'

const NAMED_SERIES = 12
const NAMED_VALUES = 5

type Shown = Pick<ChartReply, 'from' | 'to' | 'timeZone' | 'series'>

/** "1 Dec 2026, 10:00 to 2 Dec 2026, 10:00 (Asia/Kolkata)": the range in the display zone. */
export function rangeText(reply: Pick<ChartReply, 'from' | 'to' | 'timeZone'>): string {
  const from = localTime(reply.from, 60, reply.timeZone)
  return `${from} to ${localTime(reply.to, 60, reply.timeZone)} (${reply.timeZone})`
}

/** The chart's accessible name: what it shows, over which range, in which zone, and its series. */
export function chartName(reply: Shown, yLabel: string): string {
  const labels = reply.series.slice(0, NAMED_SERIES).map((s) => s.label)
  const extra = reply.series.length - labels.length
  const more = extra > 0 ? ` and ${extra} more` : ''
  const series = labels.length > 0 ? `: ${labels.join(', ')}${more}` : ''
  return `Time chart of ${yLabel}, ${rangeText(reply)}, ${reply.series.length} series${series}`
}

/** "sensor_id → type in a, b": one filter per part; "no filters" when none. */
export function filtersText(spec: Pick<ChartSpec, 'filters'>): string {
  if (spec.filters.length === 0) return 'no filters'
  return spec.filters
    .map((f) => {
      const column = f.column.via ? `${f.column.via} → ${f.column.column}` : f.column.column
      const values = f.values.slice(0, NAMED_VALUES).map((v) => (v === null ? 'NULL' : v))
      const more = f.values.length > NAMED_VALUES ? ` (+${f.values.length - NAMED_VALUES})` : ''
      return `${column} in ${values.join(', ')}${more}`
    })
    .join('; ')
}

/**
 * An exported PNG's title, one line each: what is drawn (metric, table,
 * split, bucket), the filters, and the range with its time zone.
 */
export function exportTitle(reply: ChartReply, spec: Pick<ChartSpec, 'filters'>): string[] {
  return [
    reply.description,
    `Filters: ${filtersText(spec)}`,
    `Range: ${rangeText(reply)} · bucket ${bucketLabel(reply.bucketSeconds)} · time zone ${reply.timeZone}`,
  ]
}
