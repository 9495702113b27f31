import { useEffect, useMemo, useRef, useState, type RefObject } from 'react'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import type { ChartReply } from '../../../../shared/domain/chart'
import type { ChartChunkMarks } from '../hypertables/chunk-layout'
import { chunkMarksPlugin } from '../hypertables/chunk-marks-plugin'
import { ChartLegend } from './ChartLegend'
import { layoutKey, seriesId, seriesIndexes, toAlignedData } from './chart-data'
import { buildChartOptions, seriesColor } from './chart-options'
import { readChartTheme, translucent, useColorScheme } from './theme'

export const CHART_HEIGHT = 380

interface Props {
  reply: ChartReply
  minMax: boolean
  /** What the y axis says: the measures drawn. */
  yLabel: string
  /** The chart's accessible name: what it shows, its range and its series. */
  label: string
  /** Id of the caption that explains the chart. */
  describedBy: string
  /** The live uPlot instance, for exports. */
  plotRef: RefObject<uPlot | null>
  onZoom(fromMs: number, toMs: number): void
  onZoomOut(): void
  /** A key pressed while the chart has focus; true when it was a zoom or pan key. */
  onKey(key: string): boolean
  /** Width of the plot area in CSS pixels, whenever it changes. */
  onPlotWidth(pixels: number): void
  /** "Show chunks": chunk boundaries and compressed spans to draw under the series. */
  chunkMarks?: ChartChunkMarks | null
}

function plotWidth(u: uPlot): number {
  return Math.round(u.bbox.width / uPlot.pxRatio)
}

/**
 * The uPlot chart: created when the series change shape (or the theme),
 * otherwise fed new columns with setData. Dragging selects a range to query;
 * double-click zooms one step back out; with focus, +/− zoom and ←/→ pan.
 */
export function TimeChart(props: Props) {
  const { reply, minMax, plotRef } = props
  const container = useRef<HTMLDivElement>(null)
  const layout = useRef('')
  const xRange = useRef<[number, number]>([reply.from / 1000, reply.to / 1000])
  // Read on every draw, so new marks need a redraw, not a new chart.
  const marks = useRef<ChartChunkMarks | null>(props.chunkMarks ?? null)
  // The latest callbacks, so uPlot's hooks (bound once) always call the current ones.
  const callbacks = useRef(props)
  const scheme = useColorScheme()
  // Canvas cannot use CSS variables: read them again whenever the OS theme flips.
  const theme = useMemo(() => readChartTheme(scheme, document.documentElement), [scheme])
  const [width, setWidth] = useState(0)
  const [cursorIdx, setCursorIdx] = useState<number | null>(null)
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set())

  useEffect(() => {
    callbacks.current = props
  })

  useEffect(() => {
    const el = container.current
    if (!el) return
    let timer: ReturnType<typeof setTimeout> | undefined
    const observer = new ResizeObserver(() => {
      clearTimeout(timer)
      timer = setTimeout(() => setWidth(el.clientWidth), 120)
    })
    observer.observe(el)
    setWidth(el.clientWidth)
    return () => {
      observer.disconnect()
      clearTimeout(timer)
    }
  }, [])

  const measured = width > 0
  useEffect(() => {
    const el = container.current
    if (!el || !measured) return
    xRange.current = [reply.from / 1000, reply.to / 1000]
    const data = toAlignedData(reply, minMax)
    const key = `${layoutKey(reply, minMax)}|${theme.scheme}|${props.yLabel}|${reply.timeZone}`
    const existing = plotRef.current
    if (existing && layout.current === key) {
      existing.setData(data)
      return
    }
    existing?.destroy()
    const u = new uPlot(
      buildChartOptions({
        reply,
        minMax,
        theme,
        yLabel: props.yLabel,
        // The axis labels the display zone's wall clock, whatever the OS's zone.
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), reply.timeZone),
        width: el.clientWidth,
        height: CHART_HEIGHT,
        xRange: () => xRange.current,
        onSelect: (from, to) => callbacks.current.onZoom(from, to),
        onCursor: setCursorIdx,
        plugins: [
          chunkMarksPlugin(
            () => marks.current,
            {
              boundary: theme.muted,
              compressed: translucent(theme.series[2] ?? theme.muted, 0.12),
            },
            () => uPlot.pxRatio,
          ),
        ],
      }),
      data,
      el,
    )
    u.over.addEventListener('dblclick', () => callbacks.current.onZoomOut())
    plotRef.current = u
    layout.current = key
    setCursorIdx(null)
    callbacks.current.onPlotWidth(plotWidth(u))
    // Width changes are handled below, without rebuilding.
  }, [reply, minMax, theme, plotRef, measured, props.yLabel])

  useEffect(() => {
    const u = plotRef.current
    if (!u || width === 0 || u.width === width) return
    u.setSize({ width, height: CHART_HEIGHT })
    callbacks.current.onPlotWidth(plotWidth(u))
  }, [width, plotRef])

  useEffect(() => {
    marks.current = props.chunkMarks ?? null
    plotRef.current?.redraw(false)
  }, [props.chunkMarks, plotRef])

  // Hidden series stay hidden across new data.
  useEffect(() => {
    const u = plotRef.current
    if (!u) return
    reply.series.forEach((s, i) => {
      const show = !hidden.has(seriesId(s))
      const idx = seriesIndexes(reply.series.length, minMax, i)
      for (const at of [idx.avg, idx.min, idx.max]) {
        if (at !== null && u.series[at] && u.series[at].show !== show) u.setSeries(at, { show })
      }
    })
  }, [hidden, reply, minMax, plotRef])

  useEffect(
    () => () => {
      plotRef.current?.destroy()
      plotRef.current = null
    },
    [plotRef],
  )

  const toggle = (key: string) =>
    setHidden((current) => {
      const next = new Set(current)
      if (next.has(key)) next.delete(key)
      else next.add(key)
      return next
    })

  const colors = reply.series.map((_, i) => seriesColor(theme, i))
  return (
    // The legend follows the mouse: keep it out of the page's polite announcements.
    <div className="chart-figure" aria-live="off">
      <div
        ref={container}
        className="chart-canvas"
        role="img"
        tabIndex={0}
        aria-label={props.label}
        aria-describedby={props.describedBy}
        aria-keyshortcuts="+ - ArrowLeft ArrowRight"
        onKeyDown={(event) => {
          if (event.altKey || event.ctrlKey || event.metaKey) return
          if (callbacks.current.onKey(event.key)) event.preventDefault()
        }}
        data-series={reply.series.length}
      />
      <ChartLegend
        reply={reply}
        minMax={minMax}
        cursorIdx={cursorIdx}
        colors={colors}
        hidden={hidden}
        onToggle={toggle}
      />
    </div>
  )
}
