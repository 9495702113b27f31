import { useCallback, useRef } from 'react'
import type uPlot from 'uplot'
import { BucketedChart } from '../components/charts/BucketedChart'
import { ChartCaption, SqlPanel } from '../components/charts/ChartCaption'
import { ChartControls } from '../components/charts/ChartControls'
import { exportCsv, exportPng } from '../components/charts/export'
import { localTime } from '../components/charts/format'
import { readChartTheme } from '../components/charts/theme'
import { useStore } from '../store'
import { userTimeZone } from '../store/chart-settings'

const MIN_ZOOM_MS = 10_000

/**
 * The Charts view renders the charts slice and dispatches its actions; the
 * slice decides when to query (see store/charts-slice.ts).
 */
export function ChartsView() {
  const connection = useStore((s) => s.connection)
  const settings = useStore((s) => s.chartSettings)
  const zoom = useStore((s) => s.chartZoom)
  const options = useStore((s) => s.chartFilterOptions)
  const extent = useStore((s) => s.chartExtent)
  const status = useStore((s) => s.chartStatus)
  const reply = useStore((s) => s.chartReply)
  const error = useStore((s) => s.chartError)
  const roundTripMs = useStore((s) => s.chartRoundTripMs)
  const setChartSettings = useStore((s) => s.setChartSettings)
  const zoomChart = useStore((s) => s.zoomChart)
  const chartAreaMeasured = useStore((s) => s.chartAreaMeasured)
  const chartPlotMeasured = useStore((s) => s.chartPlotMeasured)
  const reportFailure = useStore((s) => s.reportFailure)

  const plotRef = useRef<uPlot | null>(null)
  // The area's width sizes the first query; its going away stops the chart's queries.
  const area = useCallback(
    (element: HTMLDivElement | null) => chartAreaMeasured(element ? element.clientWidth : null),
    [chartAreaMeasured],
  )

  const connected = connection.status === 'connected'
  const hasReadings = extent?.tables === true && extent.first !== null

  const onZoom = (from: number, to: number) => {
    const mid = (from + to) / 2
    const span = Math.max(MIN_ZOOM_MS, to - from)
    zoomChart({ from: Math.round(mid - span / 2), to: Math.round(mid + span / 2) })
  }

  const current = reply ? { from: reply.from, to: reply.to } : null
  const exportable = reply !== null && reply.series.length > 0

  return (
    <section className="page page-wide" aria-labelledby="charts-title">
      <header className="page-header">
        <h1 id="charts-title">Charts</h1>
        {connected && hasReadings && (
          <div className="chart-actions">
            <button
              type="button"
              disabled={!exportable}
              onClick={() => {
                const u = plotRef.current
                if (!u || !reply) return
                const dark = window.matchMedia('(prefers-color-scheme: dark)').matches
                const theme = readChartTheme(dark ? 'dark' : 'light', document.documentElement)
                exportPng(u, reply, theme, settings.metric).catch((e: unknown) =>
                  reportFailure('Could not export the PNG', e),
                )
              }}
            >
              Export PNG
            </button>
            <button
              type="button"
              disabled={!exportable}
              onClick={() => reply && exportCsv(reply, settings.minMax, settings.metric)}
            >
              Export CSV
            </button>
          </div>
        )}
      </header>
      {!connected && (
        <p className="muted">Not connected. Connect to a database on the Connections page.</p>
      )}
      {connected && extent === null && <progress aria-label="Loading chart" />}
      {connected && extent !== null && !hasReadings && <ChartEmptyState tables={extent.tables} />}
      {connected && hasReadings && (
        <>
          <ChartControls
            settings={settings}
            options={options}
            current={current}
            onChange={setChartSettings}
          />
          {settings.range === 'custom' &&
            !(
              settings.customFrom !== null &&
              settings.customTo !== null &&
              settings.customTo > settings.customFrom
            ) && (
              <p className="inline-error" role="alert">
                Pick a start (From) before the end (To) to draw this range.
              </p>
            )}
          {zoom && (
            <p className="chart-zoom">
              Zoomed to {localTime(zoom.from)} – {localTime(zoom.to)}.{' '}
              <button type="button" onClick={() => zoomChart(null)}>
                Zoom out
              </button>{' '}
              <span className="muted">(or double-click the chart)</span>
            </p>
          )}
          {error && status === 'error' && (
            <div className="inline-error" role="alert">
              Could not draw the chart: {error}
            </div>
          )}
          <div ref={area} className="chart-area" aria-busy={status === 'loading'}>
            {status === 'loading' && (
              <progress className="chart-progress" aria-label="Loading chart" />
            )}
            {reply && (
              <BucketedChart
                reply={reply}
                minMax={settings.minMax}
                describedBy="chart-caption"
                plotRef={plotRef}
                onZoom={onZoom}
                onZoomOut={() => zoomChart(null)}
                onPlotWidth={chartPlotMeasured}
              />
            )}
            {reply && reply.points === 0 && (
              <div className="chart-nodata">
                <p>
                  No readings between {localTime(reply.from)} and {localTime(reply.to)}.
                  {extent.first !== null && extent.last !== null && (
                    <>
                      {' '}
                      The data runs from {localTime(extent.first)} to {localTime(extent.last)}.
                    </>
                  )}
                </p>
                {(settings.range !== 'all' || zoom) && (
                  <button type="button" onClick={() => setChartSettings({ range: 'all' })}>
                    Show all data
                  </button>
                )}
              </div>
            )}
          </div>
          {reply && <ChartCaption id="chart-caption" reply={reply} roundTripMs={roundTripMs} />}
          {reply && settings.showSql && <SqlPanel reply={reply} />}
          <p className="muted chart-hint">
            Drag across the chart to zoom in; double-click to zoom out. Times are shown in{' '}
            {userTimeZone()}.
          </p>
        </>
      )}
    </section>
  )
}

function ChartEmptyState({ tables }: { tables: boolean }) {
  const openSampleDataDialog = useStore((s) => s.openSampleDataDialog)
  return (
    <div className="card empty-state">
      <h2>No readings yet</h2>
      <p className="muted">
        {tables
          ? 'The sensor_data table is empty. '
          : 'This database does not have the quick-start tables (sensors, sensor_data) yet. '}
        Generate sample data to see averages per time bucket here, or load your own readings.
      </p>
      <button type="button" className="primary" onClick={openSampleDataDialog}>
        Generate sample data
      </button>
    </div>
  )
}
