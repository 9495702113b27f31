import { create, type StateCreator } from 'zustand'
import { createBuilderSlice, type BuilderSlice } from './builder-slice'
import { createCatalogSlice, type CatalogSlice } from './catalog-slice'
import { createChartExportSlice, type ChartExportSlice } from './chart-export-slice'
import { createChartHypertableSlice, type ChartHypertableSlice } from './chart-hypertable-slice'
import { createChartExtentSlice, type ChartExtentSlice } from './chart-extent-slice'
import { createChartFiltersSlice, type ChartFiltersSlice } from './chart-filters-slice'
import { createChartsSlice, type ChartsSlice } from './charts-slice'
import { createConsoleExportSlice, type ConsoleExportSlice } from './console-export-slice'
import { createConsoleLibrarySlice, type ConsoleLibrarySlice } from './console-library-slice'
import { createConsoleResultsSlice, type ConsoleResultsSlice } from './console-results-slice'
import { createConsoleRunSlice, type ConsoleRunSlice } from './console-run-slice'
import { createConsoleTabsSlice, type ConsoleTabsSlice } from './console-tabs-slice'
import { createConnectionDraftSlice, type ConnectionDraftSlice } from './connection-draft-slice'
import { createConnectionSlice, type ConnectionSlice } from './connection-slice'
import { createDialogsSlice, type DialogsSlice } from './dialogs-slice'
import {
  createHypertableActionsSlice,
  type HypertableActionsSlice,
} from './hypertable-actions-slice'
import { createHypertableSlice, type HypertableSlice } from './hypertable-slice'
import { createJobsSlice, type JobsSlice } from './jobs-slice'
import { createNavigationSlice, type NavigationSlice } from './navigation-slice'
import { createNotificationsSlice, type NotificationsSlice } from './notifications-slice'
import { createProfilesSlice, type ProfilesSlice } from './profiles-slice'
import { createRollupsSlice, type RollupsSlice } from './rollups-slice'
import { createSavedChartsSlice, type SavedChartsSlice } from './saved-charts-slice'
import { createSensorsSlice, type SensorsSlice } from './sensors-slice'

/** One store, one slice per feature. */
export type Store = ConnectionSlice &
  ConnectionDraftSlice &
  NotificationsSlice &
  NavigationSlice &
  DialogsSlice &
  SensorsSlice &
  ProfilesSlice &
  CatalogSlice &
  BuilderSlice &
  ChartFiltersSlice &
  ChartExtentSlice &
  ChartsSlice &
  ChartExportSlice &
  HypertableSlice &
  ChartHypertableSlice &
  HypertableActionsSlice &
  SavedChartsSlice &
  RollupsSlice &
  JobsSlice &
  ConsoleTabsSlice &
  ConsoleRunSlice &
  ConsoleResultsSlice &
  ConsoleExportSlice &
  ConsoleLibrarySlice

export type SliceCreator<T> = StateCreator<Store, [], [], T>

/** A new store: the app makes one (useStore); tests make their own. */
export const createAppStore = () =>
  create<Store>()((...args) => ({
    ...createConnectionSlice(...args),
    ...createConnectionDraftSlice(...args),
    ...createNotificationsSlice(...args),
    ...createNavigationSlice(...args),
    ...createDialogsSlice(...args),
    ...createSensorsSlice(...args),
    ...createProfilesSlice(...args),
    ...createCatalogSlice(...args),
    ...createBuilderSlice(...args),
    ...createChartFiltersSlice(...args),
    ...createChartExtentSlice(...args),
    ...createChartsSlice(...args),
    ...createChartExportSlice(...args),
    ...createHypertableSlice(...args),
    ...createChartHypertableSlice(...args),
    ...createHypertableActionsSlice(...args),
    ...createSavedChartsSlice(...args),
    ...createRollupsSlice(...args),
    ...createJobsSlice(...args),
    ...createConsoleTabsSlice(...args),
    ...createConsoleRunSlice(...args),
    ...createConsoleResultsSlice(...args),
    ...createConsoleExportSlice(...args),
    ...createConsoleLibrarySlice(...args),
  }))

export const useStore = createAppStore()
