import { describe, expect, it } from 'vitest'
import { answer, cancels, connected, lastOf, named, resetFake, settle } from './fake-explorer'

/** "Show chunks" and "Explain" on a chart: what they read and send, and when they stop. */
const { createAppStore } = await import('.')

const table = { schema: 'public', name: 'sensor_data' }

function fresh() {
  resetFake()
  const store = createAppStore()
  store.setState({ connection: connected })
  return store
}

describe('the chart of a hypertable', () => {
  const spec = {
    table,
    time: { column: 'time' },
    measures: [{ column: 'temperature', aggregate: 'avg' as const }],
    split: null,
    filters: [],
  }
  const reply = { from: 1_000_000, to: 2_000_000, bucketSeconds: 60, buckets: 17, timeZone: 'UTC' }

  function charted(kind: 'hypertable' | 'table') {
    const store = fresh()
    store.setState({
      view: 'charts',
      builderTable: table,
      builderDetail: { ...table, kind } as never,
      chartSpec: spec,
      chartPixels: 900,
      chartReply: reply as never,
    })
    return store
  }

  it('Show chunks reads the chunks over the range drawn; off, it reads nothing', async () => {
    const store = charted('hypertable')
    expect(named('hypertables/chunks')).toHaveLength(0)
    store.getState().setShowChunks(true)
    expect(lastOf('hypertables/chunks').request).toEqual({ table, from: 1_000_000, to: 2_000_000 })
    answer(lastOf('hypertables/chunks'), { hypertable: {}, chunks: [], total: 0 })
    await settle()
    expect(store.getState().chartChunks).toEqual({ hypertable: {}, chunks: [], total: 0 })
    store.getState().setShowChunks(false)
    expect(store.getState().chartChunks).toBeNull()
  })

  it('a plain table has no chunks to show', () => {
    const store = charted('table')
    store.getState().setShowChunks(true)
    expect(named('hypertables/chunks')).toHaveLength(0)
  })

  it('Explain sends the chart drawn, its bucket pinned; leaving the view cancels it', () => {
    const store = charted('hypertable')
    void store.getState().explainChart()
    expect(lastOf('series/explain').request).toEqual({
      chart: {
        spec,
        from: 1_000_000,
        to: 2_000_000,
        bucket: 60,
        pixels: 900,
        fillGaps: false,
        minMax: false,
        timeZone: 'UTC',
      },
    })
    expect(store.getState()).toMatchObject({ explainOpen: true, explainStatus: 'loading' })
    store.getState().setView('database')
    expect(cancels).toContain(lastOf('series/explain').id)
    expect(store.getState().explainOpen).toBe(false)
  })
})
