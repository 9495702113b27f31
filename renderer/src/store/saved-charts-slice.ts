import type { SliceCreator, Store } from '.'
import type { SavedChart } from '../../../shared/domain/saved-charts'
import { call } from '../api/client'
import { decodeChartHash, encodeChartHash } from './chart-hash'
import { chartConfig } from './chart-settings'
import { LatestRequest, whenChanged, type QueryStatus } from './query'

/** Charts saved under a name for the connection's profile, and the current chart in the URL. */
export interface SavedChartsSlice {
  savedCharts: SavedChart[]
  savedChartsStatus: QueryStatus
  savedChartsError: string | null
  /** The saved chart the builder shows, while it is the one opened. */
  currentSavedChartId: string | null
  loadSavedCharts(): Promise<void>
  /**
   * Saves the current chart: over the open saved chart when the name is its
   * own, else as a new one. Resolves with an error to show, or null.
   */
  saveChart(name: string): Promise<string | null>
  renameSavedChart(id: string, name: string): Promise<string | null>
  deleteSavedChart(id: string): Promise<void>
  openSavedChart(id: string): void
  /** A chart in the page's URL hash (a reload) opens on the Charts view; false when none. */
  restoreChartFromHash(): boolean
}

/** Saved charts belong to a profile: the built-in engine's, or a saved connection's. */
export const chartsProfile = (s: Store): string | null =>
  s.connection.status === 'connected' ? (s.connection.target?.profileId ?? null) : null

const message = (error: unknown) => (error instanceof Error ? error.message : String(error))

/** The page's URL, where there is one (not in unit tests). */
const page = () => (typeof location === 'undefined' ? null : location)

export const createSavedChartsSlice: SliceCreator<SavedChartsSlice> = (set, get, store) => {
  const read = new LatestRequest()

  whenChanged(
    store,
    (s) => [chartsProfile(s)] as const,
    ([profile]) => {
      if (profile) void get().loadSavedCharts()
      else {
        read.cancel()
        set({ savedCharts: [], savedChartsStatus: 'idle', savedChartsError: null })
      }
    },
  )

  // The current chart in the URL hash, so a reload (web host) opens it again.
  whenChanged(
    store,
    (s) => [s.chartSpec, s.chartSettings] as const,
    ([spec, settings]) => {
      const url = page()
      if (!url || !spec) return
      const hash = encodeChartHash(chartConfig(spec, settings))
      if (url.hash !== hash) history.replaceState(null, '', `${url.pathname}${url.search}${hash}`)
    },
  )

  const replaceOne = (chart: SavedChart) =>
    set((s) => ({
      savedCharts: [...s.savedCharts.filter((c) => c.id !== chart.id), chart].sort((a, b) =>
        a.name.localeCompare(b.name),
      ),
    }))

  return {
    savedCharts: [],
    savedChartsStatus: 'idle',
    savedChartsError: null,
    currentSavedChartId: null,

    loadSavedCharts: async () => {
      const profileId = chartsProfile(get())
      if (!profileId) return
      const signal = read.start()
      set({ savedChartsStatus: 'loading' })
      try {
        const savedCharts = await call('charts/list', { profileId }, { signal })
        if (signal.aborted) return
        set({ savedCharts, savedChartsStatus: 'ready', savedChartsError: null })
      } catch (error) {
        if (signal.aborted) return
        set({
          savedChartsStatus: 'error',
          savedChartsError: `Could not read the saved charts: ${message(error)}`,
        })
      }
    },

    saveChart: async (name) => {
      const s = get()
      const profileId = chartsProfile(s)
      if (!profileId) {
        return 'Charts are saved per connection profile: save this connection as a profile first.'
      }
      if (!s.chartSpec) return 'There is no chart to save yet.'
      const current = s.savedCharts.find((c) => c.id === s.currentSavedChartId)
      const sameName = current?.name.toLocaleLowerCase() === name.trim().toLocaleLowerCase()
      try {
        const saved = await call('charts/save', {
          ...(current && sameName ? { id: current.id } : {}),
          profileId,
          name,
          config: chartConfig(s.chartSpec, s.chartSettings),
        })
        replaceOne(saved)
        set({ currentSavedChartId: saved.id })
        return null
      } catch (error) {
        return message(error)
      }
    },

    renameSavedChart: async (id, name) => {
      try {
        replaceOne(await call('charts/rename', { id, name }))
        return null
      } catch (error) {
        return message(error)
      }
    },

    deleteSavedChart: async (id) => {
      try {
        await call('charts/delete', { id })
        set((s) => ({
          savedCharts: s.savedCharts.filter((c) => c.id !== id),
          currentSavedChartId: s.currentSavedChartId === id ? null : s.currentSavedChartId,
        }))
      } catch (error) {
        get().reportFailure('Could not delete the chart', error)
      }
    },

    openSavedChart: (id) => {
      const chart = get().savedCharts.find((c) => c.id === id)
      if (chart) get().openChart(chart.config.spec.table, { config: chart.config, savedId: id })
    },

    restoreChartFromHash: () => {
      const config = decodeChartHash(page()?.hash ?? '')
      if (!config) return false
      get().openChart(config.spec.table, { config })
      return true
    },
  }
}
