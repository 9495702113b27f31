import { useRef } from 'react'
import type uPlot from 'uplot'
import { BuilderControls } from '../components/builder/BuilderControls'
import { ChartStart, NoReadings } from '../components/builder/ChartStart'
import { SaveChartButton } from '../components/builder/SaveChartForm'
import { ChartBody } from '../components/charts/ChartBody'
import { ChartCaption, SqlPanel } from '../components/charts/ChartCaption'
import { ChartControls } from '../components/charts/ChartControls'
import { exportTitle } from '../components/charts/chart-title'
import { CsvExport } from '../components/charts/CsvExport'
import { exportPng } from '../components/charts/export'
import { localTime } from '../components/charts/format'
import { readChartTheme } from '../components/charts/theme'
import { ChartRollup } from '../components/rollups/ChartRollup'
import { ChartChunksNote, ShowChunksSwitch } from '../components/hypertables/ChartChunksNote'
import { ExplainPanel } from '../components/hypertables/ExplainPanel'
import { useStore } from '../store'
import { chartHasRows, chartTimeReady } from '../store/charts-slice'
import { embeddedLoadRunning } from '../store/engine-busy'
import { InlineError } from '../components/InlineError'

/**
 * The Charts view is the chart builder: it renders the builder's and the
 * chart's slices and dispatches their actions; the store decides when to
 * query (see store/charts-slice.ts).
 */
export function ChartsView() {
  const connected = useStore((s) => s.connection.status === 'connected')
  const table = useStore((s) => s.builderTable)
  const spec = useStore((s) => s.chartSpec)
  const builderError = useStore((s) => s.builderError)
  const settings = useStore((s) => s.chartSettings)
  const timeZone = useStore((s) => s.timeZone)
  const zoom = useStore((s) => s.chartZoom)
  const extentNote = useStore((s) => s.chartExtentNote)
  const extentRead = useStore(
    (s) => s.chartExtentStatus === 'ready' || s.chartExtentStatus === 'error',
  )
  const hasRows = useStore(chartHasRows)
  const loadInTheWay = useStore(embeddedLoadRunning)
  const timeReady = useStore(chartTimeReady)
  const status = useStore((s) => s.chartStatus)
  const reply = useStore((s) => s.chartReply)
  const error = useStore((s) => s.chartError)
  const roundTripMs = useStore((s) => s.chartRoundTripMs)
  const gapFillBlocked = useStore((s) => s.connection.server?.timescaledb.installed === null)
  const setChartSettings = useStore((s) => s.setChartSettings)
  const zoomChart = useStore((s) => s.zoomChart)
  const zoomOutChart = useStore((s) => s.zoomOutChart)
  const reportFailure = useStore((s) => s.reportFailure)
  const explainChart = useStore((s) => s.explainChart)
  const plotRef = useRef<uPlot | null>(null)

  const label = table ? `${table.schema}.${table.name}` : ''
  const subject = table ? `${table.name}-${spec?.measures[0]?.column ?? 'chart'}` : 'chart'
  const exportable = reply !== null && reply.series.length > 0
  const showChart = table !== null && spec !== null && (!extentRead || hasRows)

  const onExportPng = () => {
    const u = plotRef.current
    if (!u || !reply || !spec) return
    const dark = window.matchMedia('(prefers-color-scheme: dark)').matches
    const theme = readChartTheme(dark ? 'dark' : 'light', document.documentElement)
    exportPng(u, reply, theme, subject, exportTitle(reply, spec)).catch((e: unknown) =>
      reportFailure('Could not export the PNG', e),
    )
  }

  return (
    <section className="page page-wide" aria-labelledby="charts-title">
      <header className="page-header">
        <h1 id="charts-title">Charts</h1>
        {connected && table && (
          <div className="chart-actions">
            <ShowChunksSwitch />
            <button type="button" disabled={reply === null} onClick={() => void explainChart()}>
              Explain
            </button>
            <SaveChartButton />
            <button
              type="button"
              disabled={!exportable || settings.display !== 'chart'}
              onClick={onExportPng}
            >
              Export PNG
            </button>
            <CsvExport subject={subject} />
          </div>
        )}
      </header>
      {!connected && (
        <p className="muted">Not connected. Connect to a database on the Connections page.</p>
      )}
      {connected && !table && <ChartStart />}
      {connected && table && <BuilderControls />}
      {builderError && <InlineError>{builderError}</InlineError>}
      {connected && table && spec && extentRead && !hasRows && <NoReadings table={label} />}
      {connected && showChart && (
        <>
          <ChartControls
            settings={settings}
            gapFillBlocked={gapFillBlocked}
            allDataBlocked={extentNote}
            current={reply ? { from: reply.from, to: reply.to } : null}
            onChange={setChartSettings}
          />
          {settings.range === 'custom' &&
            !(
              settings.customFrom !== null &&
              settings.customTo !== null &&
              settings.customTo > settings.customFrom
            ) && (
              <InlineError>Pick a start (From) before the end (To) to draw this range.</InlineError>
            )}
          {settings.range === 'all' && extentNote && (
            <InlineError>
              “All data” needs the first and last time: {extentNote} Pick another range.
            </InlineError>
          )}
          {spec.measures.length === 0 && (
            <InlineError>Tick at least one of the Measures to draw the chart.</InlineError>
          )}
          {!timeReady && (
            <InlineError>
              {spec.time.column} is an integer: pick its Time unit to draw the chart.
            </InlineError>
          )}
          {zoom && (
            <p className="chart-zoom">
              Zoomed to {localTime(zoom.from, 60, reply?.timeZone)} –{' '}
              {localTime(zoom.to, 60, reply?.timeZone)}.{' '}
              <button type="button" onClick={zoomOutChart}>
                Zoom out
              </button>{' '}
              <button type="button" onClick={() => zoomChart(null)}>
                Reset zoom
              </button>{' '}
              <span className="muted">(double-click the chart: one step out)</span>
            </p>
          )}
          {loadInTheWay && (
            <p role="status" className="chart-waiting">
              Waiting for the load to finish: the embedded engine runs one statement at a time, so
              the chart is queried and drawn as soon as the load ends.
            </p>
          )}
          {error && status === 'error' && (
            <div className="inline-error" role="alert">
              Could not draw the chart: {error}
            </div>
          )}
          <ChartBody plotRef={plotRef} />
          <ChartChunksNote />
          {reply && <ChartCaption id="chart-caption" reply={reply} roundTripMs={roundTripMs} />}
          <ChartRollup />
          {reply && settings.showSql && <SqlPanel reply={reply} />}
          <ExplainPanel />
          <p className="muted chart-hint">
            Drag across the chart to zoom in; double-click to zoom out one step. With the chart
            focused, + and − zoom, ← and → pan. Times are shown in {timeZone} (the status bar’s
            “Time zone”).
          </p>
        </>
      )}
    </section>
  )
}
