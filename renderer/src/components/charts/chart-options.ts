import type uPlot from 'uplot'
import type { ChartReply } from '../../../../shared/domain/chart'
import { isolatedPoints, seriesIndexes } from './chart-data'
import { translucent, type ChartTheme } from './theme'

export interface ChartOptionsInput {
  reply: ChartReply
  minMax: boolean
  theme: ChartTheme
  /** Epoch seconds as a Date whose local fields are the display zone's (uPlot.tzDate). */
  tzDate?: (ts: number) => Date
  /** The y axis's name: the measures drawn. */
  yLabel?: string
  width: number
  height: number
  /** The x range to show, epoch seconds (the queried range, so edge gaps show as gaps). */
  xRange: () => [number, number]
  /** A drag selected [from, to) (epoch ms): re-query it. */
  onSelect?: (fromMs: number, toMs: number) => void
  /** The cursor moved to a bucket (null: left the plot). */
  onCursor?: (idx: number | null) => void
  /** Drawn under the series (e.g. "Show chunks"). */
  plugins?: uPlot.Plugin[]
}

export function seriesColor(theme: ChartTheme, i: number): string {
  return theme.series[i % theme.series.length] ?? '#2f6fde'
}

/** Draw all points when uPlot finds room for them, else only those no line would show. */
const gapAwarePoints: uPlot.Series.Points = {
  filter: (u, seriesIdx, show) => {
    if (show) return null
    const values = u.data[seriesIdx] ?? []
    const [i0, i1] = u.series[seriesIdx]?.idxs ?? [0, values.length - 1]
    const isolated = isolatedPoints(values, i0, i1)
    return isolated.length > 0 ? isolated : null
  },
}

export function buildChartOptions(input: ChartOptionsInput): uPlot.Options {
  const { reply, minMax, theme } = input
  const axis: uPlot.Axis = {
    stroke: theme.muted,
    font: theme.font,
    grid: { stroke: theme.grid, width: 1 },
    ticks: { stroke: theme.grid, width: 1 },
  }
  const count = reply.series.length
  const series: uPlot.Series[] = [{}]
  reply.series.forEach((s, i) => {
    series.push({
      label: s.label,
      stroke: seriesColor(theme, i),
      width: 1.5,
      spanGaps: false,
      points: gapAwarePoints,
    })
  })
  const bands: uPlot.Band[] = []
  if (minMax) {
    reply.series.forEach((s, i) => {
      const edge = translucent(seriesColor(theme, i), 0.45)
      for (const which of ['min', 'max'] as const) {
        series.push({
          label: `${s.label} ${which}`,
          stroke: edge,
          width: 0.75,
          spanGaps: false,
          points: { show: false },
        })
      }
      const idx = seriesIndexes(count, true, i)
      if (idx.max !== null && idx.min !== null) {
        bands.push({ series: [idx.max, idx.min], fill: translucent(seriesColor(theme, i), 0.16) })
      }
    })
  }
  return {
    width: input.width,
    height: input.height,
    legend: { show: false },
    ...(input.tzDate ? { tzDate: input.tzDate } : {}),
    plugins: input.plugins ?? [],
    series,
    bands,
    scales: { x: { time: true, range: () => input.xRange() } },
    axes: [{ ...axis }, { ...axis, size: 60, label: input.yLabel, labelFont: theme.font }],
    cursor: {
      drag: { x: true, y: false, setScale: false },
      // Double-click is ours (zoom back out), not uPlot's scale reset.
      bind: { dblclick: () => null },
      points: { size: 7 },
    },
    hooks: {
      setSelect: [
        (u) => {
          const { left, width } = u.select
          if (width > 2) {
            const from = u.posToVal(left, 'x') * 1000
            const to = u.posToVal(left + width, 'x') * 1000
            input.onSelect?.(from, to)
          }
          u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false)
        },
      ],
      setCursor: [(u) => input.onCursor?.(u.cursor.idx ?? null)],
    },
  }
}
