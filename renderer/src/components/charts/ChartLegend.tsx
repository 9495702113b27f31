import type { ChartReply } from '../../../../shared/domain/chart'
import { seriesId } from './chart-data'
import { formatValue, localTime } from './format'

interface Props {
  reply: ChartReply
  minMax: boolean
  /** Bucket under the cursor; null shows the latest bucket with readings. */
  cursorIdx: number | null
  colors: string[]
  hidden: ReadonlySet<string>
  onToggle(key: string): void
}

function latestIndex(reply: ChartReply): number | null {
  for (let i = reply.times.length - 1; i >= 0; i--) {
    if (reply.series.some((s) => !Number.isNaN(s.values[i] ?? Number.NaN))) return i
  }
  return null
}

/** One entry per series ("a · floor (#1)") with its value at the cursor, in local time. */
export function ChartLegend({ reply, minMax, cursorIdx, colors, hidden, onToggle }: Props) {
  const idx = cursorIdx ?? latestIndex(reply)
  const time = idx === null ? null : reply.times[idx]
  return (
    <div className="chart-legend">
      <p className="chart-legend-time">
        {time === undefined || time === null
          ? 'No readings'
          : `${cursorIdx === null ? 'Latest: ' : ''}${localTime(time * 1000, reply.bucketSeconds, reply.timeZone)}`}
      </p>
      <ul aria-label="Legend">
        {reply.series.map((s, i) => {
          const value = idx === null ? Number.NaN : (s.values[idx] ?? Number.NaN)
          const range =
            minMax && idx !== null && s.min && s.max && !Number.isNaN(value)
              ? ` (${formatValue(s.min[idx])} – ${formatValue(s.max[idx])})`
              : ''
          const off = hidden.has(seriesId(s))
          return (
            <li key={seriesId(s)}>
              <button
                type="button"
                className="legend-item"
                aria-pressed={!off}
                title={off ? 'Show this series' : 'Hide this series'}
                onClick={() => onToggle(seriesId(s))}
              >
                <span
                  className="legend-swatch"
                  aria-hidden="true"
                  style={{ background: colors[i % colors.length] }}
                />
                <span className="legend-label">{s.label}</span>
                <span className="legend-value">
                  {formatValue(value)}
                  {range}
                </span>
              </button>
            </li>
          )
        })}
      </ul>
    </div>
  )
}
