import { create, type StateCreator } from 'zustand'
import { createConnectionSlice, type ConnectionSlice } from './connection-slice'
import { createDialogsSlice, type DialogsSlice } from './dialogs-slice'
import { createJobsSlice, type JobsSlice } from './jobs-slice'
import { createNavigationSlice, type NavigationSlice } from './navigation-slice'
import { createNotificationsSlice, type NotificationsSlice } from './notifications-slice'

/** One store, one slice per feature. */
export type Store = ConnectionSlice &
  NotificationsSlice &
  NavigationSlice &
  DialogsSlice &
  JobsSlice

export type SliceCreator<T> = StateCreator<Store, [], [], T>

export const useStore = create<Store>()((...args) => ({
  ...createConnectionSlice(...args),
  ...createNotificationsSlice(...args),
  ...createNavigationSlice(...args),
  ...createDialogsSlice(...args),
  ...createJobsSlice(...args),
}))
