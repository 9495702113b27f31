import { describe, expect, it } from 'vitest'
import type { SavedChartConfig } from '../../../shared/domain/saved-charts'
import {
  answer,
  answerTable,
  answers,
  cancels,
  chartShown,
  lastOf,
  lastRequest,
  named,
  replyFor,
  sent,
  settle,
} from './chart-store.fixture'

/**
 * The builder and charts slices decide when the chart queries and cancel what
 * a newer query supersedes (the fake client: ./chart-store.fixture.ts).
 */

describe('the chart builder runs the chart query', () => {
  it('opens the quick start preset, reads its table and extent, then queries once at the area’s width', async () => {
    const store = await chartShown()
    // The table's detail and its extent are read side by side; the chart waits for the extent.
    const reads = sent.map((s) => s.name).filter((n) => n !== 'catalog/list')
    expect(reads.slice(0, 2).sort()).toEqual(['catalog/describe', 'catalog/time-range'])
    expect(reads.slice(2)).toEqual(['series/chart'])
    expect(store.getState().builderPreset).toBe(true)
    expect(lastRequest().pixels).toBe(950)
    expect(lastRequest().spec).toEqual({
      table: { schema: 'public', name: 'sensor_data' },
      time: { column: 'time' },
      measures: [{ column: 'temperature', aggregate: 'avg' }],
      split: { column: 'sensor_id' },
      filters: [],
    })
    expect(store.getState().chartReply?.sql).toBe(`-- ${lastOf('series/chart').id}`)
  })

  it('three quick range changes: three queries, the first two cancelled, the last one drawn', async () => {
    const store = await chartShown()
    const before = named('series/chart').length
    const cancelledBefore = cancels.length
    for (const range of ['6h', '1h', '7d'] as const) store.getState().setChartSettings({ range })
    const queries = named('series/chart').slice(before)
    expect(queries).toHaveLength(3)
    expect(cancels.slice(cancelledBefore)).toEqual([queries[0]!.id, queries[1]!.id])
    expect(store.getState().chartStatus).toBe('loading')
    answer(queries[2]!, replyFor(queries[2]!))
    // A superseded reply arriving late changes nothing.
    answer(queries[0]!, replyFor(queries[0]!))
    await settle()
    const shown = store.getState().chartReply!
    expect(shown.sql).toBe(`-- ${queries[2]!.id}`)
    expect(shown.to - shown.from).toBe(7 * 86_400_000)
    expect(store.getState().notifications).toEqual([])
  })

  it('queries again for a spec edit, not for what only changes the display', async () => {
    const store = await chartShown()
    const before = sent.length
    store.getState().setChartSettings({ showSql: true })
    store.getState().setChartSettings({ display: 'coverage' })
    expect(sent.length).toBe(before)
    store.getState().editSpec((spec) => ({
      ...spec,
      measures: [...spec.measures, { column: 'cpu', aggregate: 'max' }],
    }))
    expect(lastRequest().spec.measures).toEqual([
      { column: 'temperature', aggregate: 'avg' },
      { column: 'cpu', aggregate: 'max' },
    ])
  })

  it('leaving the view cancels the query in flight; coming back queries again', async () => {
    const store = await chartShown()
    store.getState().setChartSettings({ range: '6h' })
    const inFlight = lastOf('series/chart')
    store.getState().chartAreaMeasured(null)
    store.getState().setView('sensors')
    expect(cancels).toContain(inFlight.id)
    expect(store.getState().chartStatus).toBe('idle')
    const count = named('series/chart').length
    store.getState().setView('charts')
    answerTable()
    await settle()
    store.getState().chartAreaMeasured(1020)
    expect(named('series/chart')).toHaveLength(count + 1)
  })

  it('new data (a load ended) re-reads the extent, and the chart queries once after it', async () => {
    const store = await chartShown()
    const count = named('series/chart').length
    store.setState((s) => ({ dataVersion: s.dataVersion + 1 }))
    expect(named('series/chart')).toHaveLength(count)
    answerTable(7_200_000)
    await settle()
    expect(named('series/chart')).toHaveLength(count + 1)
  })

  it('an extent that did not move does not query again', async () => {
    const store = await chartShown()
    const count = named('series/chart').length
    void store.getState().refreshChartExtent()
    answerTable()
    await settle()
    expect(named('series/chart')).toHaveLength(count)
  })

  it('a failed query shows its error on the chart, not as a notification', async () => {
    const store = await chartShown()
    store.getState().setChartSettings({ range: '6h' })
    answers.get(lastOf('series/chart').id)!({
      ok: false,
      error: { name: 'AppError', code: 'timeout', message: 'The query ran too long.' },
    })
    await settle()
    expect(store.getState()).toMatchObject({
      chartStatus: 'error',
      chartError: 'The query ran too long.',
    })
    expect(store.getState().notifications).toEqual([])
  })

  it('a wider plot calls for another bucket: one more query at the plot’s width', async () => {
    const store = await chartShown()
    const count = named('series/chart').length
    store.getState().chartPlotMeasured(950)
    expect(named('series/chart')).toHaveLength(count)
    store.getState().chartPlotMeasured(4000)
    expect(named('series/chart')).toHaveLength(count + 1)
    expect(lastRequest().pixels).toBe(4000)
  })

  it('another table opens with its own default chart, and a saved configuration as it was saved', async () => {
    const store = await chartShown()
    const preset = store.getState().chartSpec!
    store.getState().openChart({ schema: 'public', name: 'weather' })
    expect(store.getState()).toMatchObject({ builderPreset: false, chartSpec: null })
    const config = {
      spec: { ...preset, filters: [{ column: { column: 'sensor_id' }, values: ['2'] }] },
      range: { kind: 'preset', preset: '7d' },
      bucket: 'auto',
      fillGaps: false,
      minMax: true,
      view: 'coverage',
    } satisfies SavedChartConfig
    store.getState().openChart(config.spec.table, { config, savedId: 'x' })
    expect(store.getState()).toMatchObject({
      chartSpec: config.spec,
      builderFilters: [{ column: 'sensor_id' }],
      currentSavedChartId: 'x',
      chartSettings: { range: '7d', minMax: true, display: 'coverage' },
    })
    // The open filter's values are read for its editor.
    expect(lastOf('catalog/values').request).toMatchObject({ column: { column: 'sensor_id' } })
  })

  it('zooms in twice, steps back out once per double-click, and resets to the whole range', async () => {
    const store = await chartShown()
    const whole = { from: lastRequest().from, to: lastRequest().to }
    const first = { from: whole.from + 600_000, to: whole.to - 600_000 }
    const second = { from: first.from + 600_000, to: first.to - 600_000 }
    store.getState().zoomChart(first)
    store.getState().zoomChart(second)
    expect(lastRequest()).toMatchObject(second)
    store.getState().zoomOutChart()
    expect(lastRequest()).toMatchObject(first)
    store.getState().zoomChart(second)
    store.getState().zoomChart(null)
    expect(store.getState().chartZoom).toBeNull()
    expect(lastRequest().to - lastRequest().from).toBe(whole.to - whole.from)
  })

  it('keys on the focused chart zoom about the centre and pan by a quarter', async () => {
    const store = await chartShown()
    const shown = store.getState().chartReply!
    const span = shown.to - shown.from
    expect(store.getState().chartKey('+')).toBe(true)
    expect(lastRequest().to - lastRequest().from).toBe(span / 2)
    answer(lastOf('series/chart'), replyFor(lastOf('series/chart')))
    await settle()
    const zoomed = store.getState().chartZoom!
    expect(store.getState().chartKey('ArrowRight')).toBe(true)
    expect(lastRequest().from).toBe(zoomed.from + span / 8)
    expect(store.getState().chartKey('x')).toBe(false)
    // The pan made no step of history: one step out is the whole range again.
    store.getState().zoomOutChart()
    expect(store.getState().chartZoom).toBeNull()
  })

  it('queues the chart while a load holds the embedded engine, and draws it when the load ends', async () => {
    const store = await chartShown()
    store.getState().setChartSettings({ range: '6h' })
    const inFlight = lastOf('series/chart')
    const running = {
      jobId: 'load-1',
      kind: 'ingest' as const,
      title: 'Sample data',
      prepared: [],
      status: 'running' as const,
      progress: null,
      summary: null,
      error: null,
      cancelling: false,
    }
    store.setState({ jobs: { [running.jobId]: running } })
    // The query waiting behind the load is dropped from the engine's queue; nothing new is sent.
    expect(cancels).toContain(inFlight.id)
    const count = sent.length
    store.getState().setChartSettings({ range: '1h' })
    store.getState().setChartSettings({ range: '7d' })
    expect(sent.length).toBe(count)
    // The load ends (job/done): the extent is read again, then the chart, once, at the last range.
    store.setState((s) => ({
      jobs: { [running.jobId]: { ...running, status: 'succeeded' as const } },
      dataVersion: s.dataVersion + 1,
    }))
    answerTable()
    await settle()
    const after = sent.slice(count).map((c) => c.name)
    expect(after.filter((name) => name === 'series/chart')).toHaveLength(1)
    expect(lastRequest().to - lastRequest().from).toBe(7 * 86_400_000)
  })
})
