import type { StoreApi } from 'zustand'
import type { Store } from '.'
import { call } from '../api/client'
import { LatestRequest, whenChanged } from './query'

const LIVE_INTERVAL_MS = 5000

/**
 * "Live": while the chart is shown, it queries again every 5 s. On "All data"
 * the window ends at the last reading, so a tick reads only the data's extent
 * (two index probes, see electron/backend/catalog/time-extent.ts) and the
 * chart queries again only when that moved: no new readings, no query.
 */
export function watchLive(store: StoreApi<Store>, chartReady: (s: Store) => boolean): void {
  const probe = new LatestRequest()
  let timer: ReturnType<typeof setInterval> | undefined

  const extentMoved = async () => {
    const signal = probe.start()
    try {
      const extent = await call('series/extent', {}, { signal })
      const old = store.getState().chartExtent
      const same =
        old?.tables === extent.tables && old.first === extent.first && old.last === extent.last
      if (signal.aborted || same) return
      store.setState((s) => ({
        chartExtent: extent,
        chartContextRevision: s.chartContextRevision + 1,
      }))
    } catch (error) {
      if (!signal.aborted) {
        store.getState().reportFailure('Live could not read when the data starts and ends', error)
      }
    }
  }

  whenChanged(
    store,
    (s) => [s.chartSettings.live && chartReady(s)] as const,
    ([live]) => {
      clearInterval(timer)
      if (!live) {
        probe.cancel()
        return
      }
      timer = setInterval(() => {
        if (document.visibilityState !== 'visible') return
        const { chartSettings, chartZoom, runChart } = store.getState()
        if (chartSettings.range === 'all' && !chartZoom) void extentMoved()
        else void runChart()
      }, LIVE_INTERVAL_MS)
    },
  )
}
