import { useCallback, useMemo, type RefObject } from 'react'
import type uPlot from 'uplot'
import { useStore } from '../../store'
import { CoverageHeatmap } from '../coverage/CoverageHeatmap'
import { chartChunkMarks } from '../hypertables/chunk-layout'
import { localTime } from './format'
import { TimeChart } from './TimeChart'

const MIN_ZOOM_MS = 10_000

/**
 * The drawing area: the line chart or the coverage heatmap of the same reply,
 * its progress, and what to do when the range holds no rows.
 */
export function ChartBody({ plotRef }: { plotRef: RefObject<uPlot | null> }) {
  const settings = useStore((s) => s.chartSettings)
  const zoom = useStore((s) => s.chartZoom)
  const extent = useStore((s) => s.chartExtent)
  const extentNote = useStore((s) => s.chartExtentNote)
  const status = useStore((s) => s.chartStatus)
  const reply = useStore((s) => s.chartReply)
  const zoomChart = useStore((s) => s.zoomChart)
  const setChartSettings = useStore((s) => s.setChartSettings)
  const chartAreaMeasured = useStore((s) => s.chartAreaMeasured)
  const chartPlotMeasured = useStore((s) => s.chartPlotMeasured)
  const chunks = useStore((s) => (s.showChunks ? s.chartChunks : null))
  const marks = useMemo(
    () => (chunks && reply ? chartChunkMarks(chunks.chunks, reply.from, reply.to) : null),
    [chunks, reply],
  )

  // The area's width sizes the first query; its going away stops the chart's queries.
  const area = useCallback(
    (element: HTMLDivElement | null) => chartAreaMeasured(element ? element.clientWidth : null),
    [chartAreaMeasured],
  )

  const onZoom = (from: number, to: number) => {
    const mid = (from + to) / 2
    const span = Math.max(MIN_ZOOM_MS, to - from)
    zoomChart({ from: Math.round(mid - span / 2), to: Math.round(mid + span / 2) })
  }

  return (
    <div ref={area} className="chart-area" aria-busy={status === 'loading'}>
      {status === 'loading' && <progress className="chart-progress" aria-label="Loading chart" />}
      {reply && settings.display === 'chart' && (
        <TimeChart
          reply={reply}
          minMax={settings.minMax}
          describedBy="chart-caption"
          plotRef={plotRef}
          onZoom={onZoom}
          onZoomOut={() => zoomChart(null)}
          onPlotWidth={chartPlotMeasured}
          chunkMarks={marks}
        />
      )}
      {reply && settings.display === 'coverage' && (
        <CoverageHeatmap times={reply.times} coverage={reply.coverage} />
      )}
      {reply && reply.points === 0 && (
        <div className="chart-nodata">
          <p>
            No rows between {localTime(reply.from)} and {localTime(reply.to)}.
            {extent?.first != null && extent.last != null && (
              <>
                {' '}
                The data runs from {localTime(extent.first)} to {localTime(extent.last)}.
              </>
            )}
            {extent === null && extentNote && (
              <> {extentNote} Pick a Custom range where the table has rows.</>
            )}
          </p>
          {(settings.range !== 'all' || zoom) && extent !== null && (
            <button type="button" onClick={() => setChartSettings({ range: 'all' })}>
              Show all data
            </button>
          )}
        </div>
      )}
    </div>
  )
}
