import type { StoreApi } from 'zustand'
import type { Store } from '.'
import { whenChanged } from './query'

const LIVE_INTERVAL_MS = 5000

/**
 * "Live": while the chart is shown, it queries again every 5 s. On "All data"
 * the window ends at the last row, so a tick reads only the time column's
 * extent (two index probes, see electron/backend/catalog/time-extent.ts) and
 * the chart queries again only when that moved (refreshChartExtent keeps an
 * extent that did not): no new rows, no query.
 */
export function watchLive(store: StoreApi<Store>, chartReady: (s: Store) => boolean): void {
  let timer: ReturnType<typeof setInterval> | undefined
  whenChanged(
    store,
    (s) => [s.chartSettings.live && chartReady(s)] as const,
    ([live]) => {
      clearInterval(timer)
      if (!live) return
      timer = setInterval(() => {
        if (document.visibilityState !== 'visible') return
        const { chartSettings, chartZoom, runChart, refreshChartExtent } = store.getState()
        if (chartSettings.range === 'all' && !chartZoom) void refreshChartExtent()
        else void runChart()
      }, LIVE_INTERVAL_MS)
    },
  )
}
