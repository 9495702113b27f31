import { create, type StateCreator } from 'zustand'
import { createBuilderSlice, type BuilderSlice } from './builder-slice'
import { createCatalogSlice, type CatalogSlice } from './catalog-slice'
import { createChartExportSlice, type ChartExportSlice } from './chart-export-slice'
import { createChartExtentSlice, type ChartExtentSlice } from './chart-extent-slice'
import { createChartFiltersSlice, type ChartFiltersSlice } from './chart-filters-slice'
import { createChartsSlice, type ChartsSlice } from './charts-slice'
import { createConnectionDraftSlice, type ConnectionDraftSlice } from './connection-draft-slice'
import { createConnectionSlice, type ConnectionSlice } from './connection-slice'
import { createDialogsSlice, type DialogsSlice } from './dialogs-slice'
import { createJobsSlice, type JobsSlice } from './jobs-slice'
import { createNavigationSlice, type NavigationSlice } from './navigation-slice'
import { createNotificationsSlice, type NotificationsSlice } from './notifications-slice'
import { createProfilesSlice, type ProfilesSlice } from './profiles-slice'
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
  SavedChartsSlice &
  JobsSlice

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
    ...createSavedChartsSlice(...args),
    ...createJobsSlice(...args),
  }))

export const useStore = createAppStore()
