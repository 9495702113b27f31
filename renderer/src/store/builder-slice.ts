import type { SliceCreator, Store } from '.'
import type { TableDetail, TableRef } from '../../../shared/domain/catalog'
import type { ChartSpec } from '../../../shared/domain/chart'
import { quickStartSpec } from '../../../shared/domain/quick-start-preset'
import type { SavedChartConfig } from '../../../shared/domain/saved-charts'
import { call } from '../api/client'
import { defaultSpec } from './builder-options'
import { findQuickStart, sameTable } from './builder-spec'
import { settingsOf } from './chart-settings'
import { LatestRequest, whenChanged, type QueryStatus } from './query'

/** The chart builder: which table is charted and how (the chart spec). */
export interface BuilderSlice {
  /** The table charted; null before one is picked. */
  builderTable: TableRef | null
  /** The chart came from the "Quick start: sensor_data" preset. */
  builderPreset: boolean
  /** The charted table in full: its columns and keys are what the builder offers. */
  builderDetail: TableDetail | null
  builderDetailStatus: QueryStatus
  builderError: string | null
  /** What to draw; null until the table's detail gives a default. */
  chartSpec: ChartSpec | null
  /**
   * Charts a table on the Charts view: with a saved configuration (a saved
   * chart, the URL hash, a preset), or the table's default chart.
   */
  openChart(table: TableRef, options?: { config?: SavedChartConfig; savedId?: string }): void
  /** The quick start's chart: the average temperature of each sensor. */
  openQuickStart(): void
  editSpec(edit: (spec: ChartSpec) => ChartSpec): void
  loadBuilderDetail(): Promise<void>
}

const connectedTo = (s: Store) =>
  s.connection.status === 'connected' ? (s.connection.target?.label ?? '') : null

const detailInputs = (s: Store) =>
  [
    s.view === 'charts' && connectedTo(s) !== null,
    s.builderTable,
    connectedTo(s),
    s.dataVersion,
  ] as const

/** The Charts view with nothing picked yet opens the quick start's chart where it exists. */
const presetInputs = (s: Store) =>
  [s.view === 'charts' && connectedTo(s) !== null && s.builderTable === null, s.catalog] as const

/** Nothing charted: how the builder starts, and where another database puts it back. */
const nothingCharted = {
  builderTable: null,
  builderPreset: false,
  builderDetail: null,
  builderDetailStatus: 'idle',
  builderError: null,
  chartSpec: null,
} satisfies Partial<BuilderSlice>

export const createBuilderSlice: SliceCreator<BuilderSlice> = (set, get, store) => {
  const detail = new LatestRequest()

  whenChanged(store, detailInputs, ([shown, table]) => {
    if (shown && table) void get().loadBuilderDetail()
    else if (detail.cancel()) set({ builderDetailStatus: 'idle' })
  })

  whenChanged(store, presetInputs, ([waiting, catalog]) => {
    if (waiting && findQuickStart(catalog)) get().openQuickStart()
  })

  // Another database: the chart of the last one does not apply.
  whenChanged(
    store,
    (s) => [connectedTo(s)] as const,
    ([target], before) => {
      if (before?.[0] && target !== before[0]) {
        detail.cancel()
        set({ ...nothingCharted, chartReply: null, chartZoom: null })
      }
    },
  )

  return {
    ...nothingCharted,

    openChart: (table, options = {}) => {
      const { config, savedId } = options
      const s = get()
      const sameOne = sameTable(s.builderTable, table)
      set({
        view: 'charts',
        builderTable: table,
        builderPreset: false,
        builderDetail: sameOne ? s.builderDetail : null,
        builderError: null,
        chartSpec: config?.spec ?? (sameOne ? s.chartSpec : null),
        builderFilters: config?.spec.filters.map((f) => f.column) ?? [],
        filterValues: {},
        filterValuesError: {},
        filterSearch: {},
        chartSettings: config ? settingsOf(config, s.chartSettings) : s.chartSettings,
        // A configuration names its range; otherwise the first extent read picks one.
        chartRangeChosen: config !== undefined || sameOne,
        chartZoom: null,
        chartReply: sameOne ? s.chartReply : null,
        currentSavedChartId: savedId ?? null,
      })
    },

    openQuickStart: () => {
      const table = findQuickStart(get().catalog)
      if (!table) return
      const spec = quickStartSpec(
        {
          metric: 'temperature',
          groupBy: 'sensor',
          filters: { locations: [], types: [], sensorIds: [] },
        },
        table.schema,
      )
      get().openChart(table, {
        config: { spec, ...chartDefaults(get()) },
      })
      set({ builderPreset: true, chartRangeChosen: false })
    },

    editSpec: (edit) => {
      const spec = get().chartSpec
      if (spec) set({ chartSpec: edit(spec), chartZoom: null })
    },

    loadBuilderDetail: async () => {
      const table = get().builderTable
      if (!table) return
      const signal = detail.start()
      set({ builderDetailStatus: 'loading' })
      try {
        const found = await call('catalog/describe', { table }, { signal })
        if (signal.aborted) return
        const spec = get().chartSpec ?? defaultSpec(found)
        set({
          builderDetail: found,
          builderDetailStatus: 'ready',
          chartSpec: spec,
          builderError: spec
            ? null
            : `${table.schema}.${table.name} has nothing to chart: it needs a time column and a numeric column.`,
        })
      } catch (error) {
        if (signal.aborted) return
        set({
          builderDetailStatus: 'error',
          builderError: `Could not read ${table.schema}.${table.name}: ${error instanceof Error ? error.message : String(error)}`,
        })
      }
    },
  }
}

/** The settings a preset starts from: today's range and options, as a configuration. */
function chartDefaults(s: Store): Omit<SavedChartConfig, 'spec'> {
  const { chartSettings: c } = s
  return {
    range: { kind: 'preset', preset: c.range === 'custom' ? '24h' : c.range },
    bucket: c.bucket,
    fillGaps: c.fillGaps,
    minMax: c.minMax,
    view: c.display,
  }
}
