import { create, type StateCreator } from 'zustand'
import { createChartsSlice, type ChartsSlice } from './charts-slice'
import { createConnectionSlice, type ConnectionSlice } from './connection-slice'
import { createNavigationSlice, type NavigationSlice } from './navigation-slice'
import { createNotificationsSlice, type NotificationsSlice } from './notifications-slice'

/** One store, one slice per feature. */
export type Store = ConnectionSlice & NotificationsSlice & NavigationSlice & ChartsSlice

export type SliceCreator<T> = StateCreator<Store, [], [], T>

export const useStore = create<Store>()((...args) => ({
  ...createConnectionSlice(...args),
  ...createNotificationsSlice(...args),
  ...createNavigationSlice(...args),
  ...createChartsSlice(...args),
}))
