import { useCallback, useMemo, type RefObject } from 'react'
import type uPlot from 'uplot'
import { useStore } from '../../store'
import { selection } from '../../store/chart-zoom'
import { CoverageHeatmap } from '../coverage/CoverageHeatmap'
import { chartChunkMarks } from '../hypertables/chunk-layout'
import { chartName } from './chart-title'
import { localTime, measuresLabel } from './format'
import { TimeChart } from './TimeChart'

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
  const zoomOutChart = useStore((s) => s.zoomOutChart)
  const chartKey = useStore((s) => s.chartKey)
  const measures = useStore((s) => s.chartSpec?.measures)
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

  const yLabel = measures ? measuresLabel(measures) : ''

  return (
    <div ref={area} className="chart-area" aria-busy={status === 'loading'}>
      {status === 'loading' && <progress className="chart-progress" aria-label="Loading chart" />}
      {reply && settings.display === 'chart' && (
        <TimeChart
          reply={reply}
          minMax={settings.minMax}
          yLabel={yLabel}
          label={chartName(reply, yLabel)}
          describedBy="chart-caption"
          plotRef={plotRef}
          onZoom={(from, to) => zoomChart(selection(from, to))}
          onZoomOut={zoomOutChart}
          onKey={chartKey}
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
            No rows between {localTime(reply.from, 60, reply.timeZone)} and{' '}
            {localTime(reply.to, 60, reply.timeZone)}.
            {extent?.first != null && extent.last != null && (
              <>
                {' '}
                The data runs from {localTime(extent.first, 60, reply.timeZone)} to{' '}
                {localTime(extent.last, 60, reply.timeZone)}.
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
