import type { SliceCreator, Store } from '.'
import type { BackgroundJobList } from '../../../shared/domain/background-jobs'
import type {
  ChunkList,
  CompressionStatus,
  HypertableRef,
  RetentionStatus,
} from '../../../shared/domain/hypertables'
import { call } from '../api/client'
import { LatestRequest, whenChanged, type QueryStatus } from './query'

export const hypertableTabs = ['chunks', 'compression', 'retention', 'jobs'] as const
export type HypertableTab = (typeof hypertableTabs)[number]

/** One tab's reading: its reply, and how the last request went. */
export interface TabRead<T> {
  value: T | null
  status: QueryStatus
  error: string | null
}

interface TabValues {
  chunks: ChunkList
  compression: CompressionStatus
  retention: RetentionStatus
  jobs: BackgroundJobList
}

/** Inside the hypertable the Database page shows: its tabs and what each read. */
export interface HypertableSlice {
  /** The hypertable whose tabs are shown; null when none is (another page, a plain table). */
  hypertableShown: HypertableRef | null
  hypertableTab: HypertableTab
  htReads: { [K in HypertableTab]: TabRead<TabValues[K]> }
  /** Goes up after each change the app makes inside the hypertable: the tab reads again. */
  htRevision: number
  showHypertable(table: HypertableRef | null): void
  setHypertableTab(tab: HypertableTab): void
  /** Reads the shown tab again (the store calls it; "Read again" too). */
  readHypertableTab(): Promise<void>
  /** A change was made (a policy, compression enabled, chunks dropped): read the tab again. */
  hypertableChanged(): void
}

const idle = { value: null, status: 'idle', error: null } as const
const emptyReads = { chunks: idle, compression: idle, retention: idle, jobs: idle }

const connectedTo = (s: Store) =>
  s.connection.status === 'connected' ? (s.connection.target?.label ?? '') : null

/** What the shown tab's reading is made of: any change reads it again, superseding the last. */
const tabInputs = (s: Store) =>
  [
    connectedTo(s) === null ? null : s.hypertableShown,
    s.hypertableTab,
    connectedTo(s),
    s.dataVersion,
    s.htRevision,
  ] as const

const sameTable = (a: HypertableRef | null, b: HypertableRef | null) =>
  a === b || (a !== null && b !== null && a.schema === b.schema && a.name === b.name)

/** The split of the chart last built on this table: what compression should segment by. */
function chartSplit(s: Store, table: HypertableRef) {
  const spec = s.chartSpec
  if (!spec?.split || !sameTable(spec.table, table)) return {}
  return { split: spec.split }
}

function readTab<K extends HypertableTab>(
  s: Store,
  tab: K,
  table: HypertableRef,
  signal: AbortSignal,
): Promise<TabValues[K]> {
  const readers: { [T in HypertableTab]: () => Promise<TabValues[T]> } = {
    chunks: () => call('hypertables/chunks', { table }, { signal }),
    compression: () =>
      call('hypertables/compression', { table, ...chartSplit(s, table) }, { signal }),
    retention: () => call('hypertables/retention', { table }, { signal }),
    jobs: () => call('hypertables/jobs', { table }, { signal }),
  }
  return readers[tab]()
}

/** The Database page shows a hypertable: the one selected, once its detail says it is one. */
const shownOnDatabasePage = (s: Store): HypertableRef | null => {
  const detail = s.tableDetail
  const selected = s.selectedTable
  if (s.view !== 'database' || !detail || !selected || detail.kind !== 'hypertable') return null
  return sameTable(detail, selected) ? selected : null
}

export const createHypertableSlice: SliceCreator<HypertableSlice> = (set, get, store) => {
  const read = new LatestRequest()

  whenChanged(
    store,
    (s) => [shownOnDatabasePage(s)] as const,
    ([table]) => get().showHypertable(table),
  )

  whenChanged(store, tabInputs, ([shown, tab, target], before) => {
    // Another hypertable or database: nothing read about the last one applies.
    if (before && (!sameTable(shown, before[0]) || target !== before[2])) {
      set({ htReads: emptyReads })
    }
    if (shown) void get().readHypertableTab()
    else if (read.cancel()) {
      set((s) => ({ htReads: { ...s.htReads, [tab]: { ...s.htReads[tab], status: 'idle' } } }))
    }
  })

  const put = <K extends HypertableTab>(tab: K, reading: Partial<TabRead<TabValues[K]>>) =>
    set((s) => ({ htReads: { ...s.htReads, [tab]: { ...s.htReads[tab], ...reading } } }))

  return {
    hypertableShown: null,
    hypertableTab: 'chunks',
    htReads: emptyReads,
    htRevision: 0,

    showHypertable: (table) => {
      // Keep the same object for the same table, so the tab is not read again for nothing.
      if (!sameTable(table, get().hypertableShown)) set({ hypertableShown: table })
    },

    setHypertableTab: (tab) => set({ hypertableTab: tab }),

    hypertableChanged: () => set((s) => ({ htRevision: s.htRevision + 1 })),

    readHypertableTab: async () => {
      const { hypertableShown: table, hypertableTab: tab } = get()
      if (!table) return
      const signal = read.start()
      put(tab, { status: 'loading' })
      try {
        const value = await readTab(get(), tab, table, signal)
        if (signal.aborted) return
        put(tab, { value, status: 'ready', error: null })
      } catch (error) {
        if (signal.aborted) return
        put(tab, { status: 'error', error: error instanceof Error ? error.message : String(error) })
      }
    },
  }
}
