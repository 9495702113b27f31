import { useEffect, useId, useMemo, useRef, useState } from 'react'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import type { Cell, ResultColumn } from '../../../../shared/domain/console'
import { formatCount } from '../../format'
import { seriesColor } from '../charts/chart-options'
import { readChartTheme, useColorScheme } from '../charts/theme'
import { chartShape, toChartData } from './result-chart-data'

const HEIGHT = 320

interface Props {
  columns: readonly ResultColumn[]
  /** The rows the renderer holds (a large result's first pages, not all of it). */
  rows: readonly Cell[][]
  /** Rows in the whole result, when known. */
  total: number | null
}

/** The result's time column against its numeric columns, optionally one series per value of a text column. */
export function ResultChart({ columns, rows, total }: Props) {
  const shape = useMemo(() => chartShape(columns), [columns])
  const [split, setSplit] = useState<number | null>(shape?.splits[0] ?? null)
  const container = useRef<HTMLDivElement>(null)
  const scheme = useColorScheme()
  const splitId = useId()
  const data = useMemo(
    () => (shape ? toChartData(columns, rows, shape, split) : null),
    [columns, rows, shape, split],
  )

  useEffect(() => {
    const el = container.current
    if (!el || !data || !shape) return
    const theme = readChartTheme(scheme, document.documentElement)
    const axis = { stroke: theme.muted, grid: { stroke: theme.grid }, font: theme.font }
    const plot = new uPlot(
      {
        width: Math.max(320, el.clientWidth),
        height: HEIGHT,
        scales: { x: { time: true } },
        axes: [axis, axis],
        series: [
          { label: columns[shape.time]?.name ?? 'time' },
          ...data.series.map((s, i) => ({
            label: s.label,
            stroke: seriesColor(theme, i),
            width: 1.5,
            spanGaps: false,
          })),
        ],
      },
      [data.x, ...data.series.map((s) => s.values)] as uPlot.AlignedData,
      el,
    )
    const observer = new ResizeObserver(() =>
      plot.setSize({ width: Math.max(320, el.clientWidth), height: HEIGHT }),
    )
    observer.observe(el)
    return () => {
      observer.disconnect()
      plot.destroy()
    }
  }, [data, shape, columns, scheme])

  if (!shape || !data) {
    return (
      <p className="empty">
        A chart needs a time column and at least one numeric column in the result.
      </p>
    )
  }
  const held = rows.length
  return (
    <section className="result-chart" aria-label="Chart of the result">
      <div className="result-chart-controls">
        <label htmlFor={splitId}>Split by</label>
        <select
          id={splitId}
          value={split ?? ''}
          onChange={(e) => setSplit(e.target.value === '' ? null : Number(e.target.value))}
        >
          <option value="">(no split)</option>
          {shape.splits.map((i) => (
            <option key={i} value={i}>
              {columns[i]?.name}
            </option>
          ))}
        </select>
        <span className="muted">
          {total !== null && total > held
            ? `Charting the ${formatCount(held)} rows loaded of ${formatCount(total)}.`
            : `${formatCount(held)} rows.`}
          {data.omitted > 0
            ? ` ${formatCount(data.omitted)} points beyond ${data.series.length} series left out.`
            : ''}
        </span>
      </div>
      <div ref={container} className="result-chart-plot" />
    </section>
  )
}
