import type { SliceCreator, Store } from '.'
import type { ExplainReply } from '../../../shared/domain/explain'
import type { ChunkList, HypertableRef } from '../../../shared/domain/hypertables'
import { call } from '../api/client'
import { LatestRequest, whenChanged, type QueryStatus } from './query'

/**
 * What a chart shows of the hypertable it reads: its chunks over the chart's
 * range ("Show chunks"), and the plan of the chart's statement ("Explain").
 */
export interface ChartHypertableSlice {
  showChunks: boolean
  /** The charted hypertable's chunks over the range drawn; null while off or not read. */
  chartChunks: ChunkList | null
  chartChunksError: string | null
  explainOpen: boolean
  explainStatus: QueryStatus
  explainReply: ExplainReply | null
  explainError: string | null
  setShowChunks(on: boolean): void
  readChartChunks(): Promise<void>
  /** EXPLAIN (ANALYZE, BUFFERS) of the statement behind the chart shown. */
  explainChart(): Promise<void>
  closeExplain(): void
}

/** The charted table, when it is a hypertable. */
export function chartHypertable(s: Store): HypertableRef | null {
  const d = s.builderDetail
  const t = s.builderTable
  if (!d || !t || d.kind !== 'hypertable' || d.schema !== t.schema || d.name !== t.name) return null
  return t
}

const chunkInputs = (s: Store) =>
  [
    s.view === 'charts' && s.showChunks ? chartHypertable(s) : null,
    s.chartReply?.from ?? null,
    s.chartReply?.to ?? null,
    s.dataVersion,
  ] as const

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))

export const createChartHypertableSlice: SliceCreator<ChartHypertableSlice> = (set, get, store) => {
  const chunks = new LatestRequest()
  const explain = new LatestRequest()

  whenChanged(store, chunkInputs, ([table, from, to]) => {
    if (table && from !== null && to !== null) void get().readChartChunks()
    else {
      chunks.cancel()
      set({ chartChunks: null, chartChunksError: null })
    }
  })

  // Leaving the Charts view closes the plan (and stops one being made).
  whenChanged(
    store,
    (s) => [s.view === 'charts'] as const,
    ([shown]) => {
      if (!shown) get().closeExplain()
    },
  )

  return {
    showChunks: false,
    chartChunks: null,
    chartChunksError: null,
    explainOpen: false,
    explainStatus: 'idle',
    explainReply: null,
    explainError: null,

    setShowChunks: (on) => set({ showChunks: on }),

    readChartChunks: async () => {
      const table = chartHypertable(get())
      const reply = get().chartReply
      if (!table || !reply) return
      const signal = chunks.start()
      try {
        const list = await call(
          'hypertables/chunks',
          { table, from: reply.from, to: reply.to },
          { signal },
        )
        if (signal.aborted) return
        set({ chartChunks: list, chartChunksError: null })
      } catch (error) {
        if (signal.aborted) return
        set({ chartChunks: null, chartChunksError: messageOf(error) })
      }
    },

    explainChart: async () => {
      const { chartSpec: spec, chartReply: reply, chartSettings, chartPixels } = get()
      if (!spec || !reply) return
      const signal = explain.start()
      set({ explainOpen: true, explainStatus: 'loading', explainError: null })
      try {
        // The chart drawn, its bucket pinned: the very statement behind it.
        const explained = await call(
          'series/explain',
          {
            chart: {
              spec,
              from: reply.from,
              to: reply.to,
              bucket: reply.bucketSeconds,
              // Room for every bucket drawn: the pinned bucket must fit.
              pixels: Math.max(16, Math.min(8192, Math.max(chartPixels ?? 0, reply.buckets))),
              fillGaps: chartSettings.fillGaps,
              minMax: chartSettings.minMax,
              timeZone: reply.timeZone,
            },
          },
          { signal },
        )
        if (signal.aborted) return
        set({ explainReply: explained, explainStatus: 'ready' })
      } catch (error) {
        if (signal.aborted) return
        set({ explainStatus: 'error', explainError: messageOf(error) })
      }
    },

    closeExplain: () => {
      explain.cancel()
      set({ explainOpen: false, explainStatus: 'idle' })
    },
  }
}
