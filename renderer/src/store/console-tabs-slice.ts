import type { SliceCreator, Store } from '.'
import type { ConsoleSettings } from '../../../shared/domain/console'
import { MAX_TABS } from '../../../shared/domain/console'
import { call } from '../api/client'
import type { ParamDraft } from './console-params'
import {
  defaultSettings,
  nextTitle,
  savedTabs,
  tabsOwner,
  tabState,
  titleOf,
  withTab,
  type ConsoleTabState,
} from './console-tab'
import { LatestRequest, whenChanged, type QueryStatus } from './query'

/** Edits are saved this long after the last one (the tabs come back after a restart). */
const SAVE_DELAY_MS = 400

export interface ConsoleTabsSlice {
  consoleTabs: ConsoleTabState[]
  consoleActiveId: string | null
  consoleTabsStatus: QueryStatus
  consoleTabsError: string | null
  /** The tab whose close waits for the user to confirm (it holds an open transaction). */
  consoleClosingId: string | null
  /** Goes up with every change worth saving (text, settings, tabs opened, closed, chosen). */
  consoleTabsRevision: number
  /** Opens a tab (with this SQL, if given) and shows it; returns its id, or null at the limit. */
  addConsoleTab(sql?: string): string | null
  selectConsoleTab(id: string): void
  /** Closes a tab; one with an open transaction asks first (consoleClosingId). */
  closeConsoleTab(id: string, confirmed?: boolean): Promise<void>
  keepConsoleTab(): void
  editConsoleSql(id: string, sql: string): void
  setConsoleSettings(id: string, settings: ConsoleSettings): void
  setConsoleParam(id: string, key: string, draft: ParamDraft): void
}

/** The tabs are read when the SQL page is shown, for the connection's profile. */
const tabsInputs = (s: Store) =>
  [s.view === 'sql' ? tabsOwner(s.connection) : null, tabsOwner(s.connection)] as const

export const createConsoleTabsSlice: SliceCreator<ConsoleTabsSlice> = (set, get, store) => {
  const read = new LatestRequest()
  /** The profile the tabs in the state were read for. */
  const loaded: { owner: string | null } = { owner: null }
  const saving: { timer: ReturnType<typeof setTimeout> | undefined } = { timer: undefined }

  const save = () => {
    saving.timer = undefined
    const { consoleTabs, consoleActiveId } = get()
    call('console/tabs-save', savedTabs(consoleTabs, consoleActiveId)).catch((error: unknown) =>
      get().reportFailure('Could not save the SQL tabs', error),
    )
  }

  const load = async (owner: string) => {
    const signal = read.start()
    set({ consoleTabsStatus: 'loading', consoleTabsError: null })
    try {
      const saved = await call('console/tabs', {}, { signal })
      if (signal.aborted) return
      loaded.owner = owner
      const tabs = saved.tabs.map(tabState)
      set({
        consoleTabs: tabs,
        consoleActiveId: tabs.some((t) => t.id === saved.activeId)
          ? saved.activeId
          : (tabs[0]?.id ?? null),
        consoleTabsStatus: 'ready',
      })
      if (tabs.length === 0) get().addConsoleTab()
    } catch (error) {
      if (signal.aborted) return
      set({ consoleTabsStatus: 'error', consoleTabsError: (error as Error).message })
    }
  }

  whenChanged(store, tabsInputs, ([shownFor, owner]) => {
    if (owner !== loaded.owner) {
      // Another connection: its tabs are another profile's; an unsaved edit of these is dropped
      // rather than written into that profile.
      clearTimeout(saving.timer)
      saving.timer = undefined
      loaded.owner = null
      read.cancel()
      set({ consoleTabs: [], consoleActiveId: null, consoleTabsStatus: 'idle' })
    }
    if (shownFor !== null && loaded.owner === null) void load(shownFor)
  })

  whenChanged(
    store,
    (s) => [s.consoleTabsRevision] as const,
    (_now, before) => {
      if (before === null || loaded.owner === null) return
      clearTimeout(saving.timer)
      saving.timer = setTimeout(save, SAVE_DELAY_MS)
    },
  )

  const changed = (s: Store) => ({ consoleTabsRevision: s.consoleTabsRevision + 1 })

  return {
    consoleTabs: [],
    consoleActiveId: null,
    consoleTabsStatus: 'idle',
    consoleTabsError: null,
    consoleClosingId: null,
    consoleTabsRevision: 0,

    addConsoleTab: (sql = '') => {
      const { consoleTabs, connection } = get()
      if (consoleTabs.length >= MAX_TABS) {
        get().notify({
          kind: 'error',
          title: 'Too many SQL tabs',
          message: `At most ${MAX_TABS} tabs: close one to open another.`,
        })
        return null
      }
      const id = crypto.randomUUID()
      const title = sql ? titleOf(sql, nextTitle(consoleTabs)) : nextTitle(consoleTabs)
      const tab = tabState({ id, title, sql, settings: defaultSettings(connection) })
      set((s) => ({ consoleTabs: [...s.consoleTabs, tab], consoleActiveId: id, ...changed(s) }))
      return id
    },

    selectConsoleTab: (id) => set((s) => ({ consoleActiveId: id, ...changed(s) })),

    closeConsoleTab: async (id, confirmed = false) => {
      const tab = get().consoleTabs.find((t) => t.id === id)
      if (!tab) return
      if (tab.tx !== 'none' && !confirmed) {
        set({ consoleClosingId: id })
        return
      }
      get().forgetConsoleTab(id)
      set((s) => {
        const at = s.consoleTabs.findIndex((t) => t.id === id)
        const tabs = s.consoleTabs.filter((t) => t.id !== id)
        const active =
          s.consoleActiveId === id
            ? (tabs[Math.min(at, tabs.length - 1)]?.id ?? null)
            : s.consoleActiveId
        return { consoleTabs: tabs, consoleActiveId: active, consoleClosingId: null, ...changed(s) }
      })
      if (get().consoleTabs.length === 0) get().addConsoleTab()
      try {
        // Ends the tab's session; an open transaction is rolled back.
        await call('console/close', { consoleId: id })
      } catch (error) {
        get().reportFailure('Could not close the tab’s session', error)
      }
    },

    keepConsoleTab: () => set({ consoleClosingId: null }),

    editConsoleSql: (id, sql) =>
      set((s) => ({ consoleTabs: withTab(s.consoleTabs, id, { sql }), ...changed(s) })),

    setConsoleSettings: (id, settings) =>
      set((s) => ({ consoleTabs: withTab(s.consoleTabs, id, { settings }), ...changed(s) })),

    setConsoleParam: (id, key, draft) =>
      set((s) => ({
        consoleTabs: withTab(s.consoleTabs, id, (t) => ({ params: { ...t.params, [key]: draft } })),
      })),
  }
}
