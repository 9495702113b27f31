import type { SliceCreator } from '.'
import { isCancelled } from '../api/client'

export interface Notification {
  id: number
  kind: 'error' | 'info' | 'success'
  title: string
  /** Shown as text, never as HTML: it may come from the server. */
  message: string
}

export interface NotificationsSlice {
  notifications: Notification[]
  notify(notification: Omit<Notification, 'id'>): number
  /**
   * The one place a failed call becomes a visible notification: `title` says
   * what did not happen, the error's message why. A cancelled call says nothing.
   */
  reportFailure(title: string, error: unknown): void
  dismiss(id: number): void
}

const AUTO_DISMISS_MS = 6000

export const createNotificationsSlice: SliceCreator<NotificationsSlice> = (set, get) => {
  let lastId = 0
  return {
    notifications: [],
    notify: (notification) => {
      const id = ++lastId
      // Keep the list short: the newest five are what anyone reads.
      set((s) => ({ notifications: [...s.notifications.slice(-4), { ...notification, id }] }))
      // Errors stay until dismissed; good news goes away by itself.
      if (notification.kind !== 'error') setTimeout(() => get().dismiss(id), AUTO_DISMISS_MS)
      return id
    },
    reportFailure: (title, error) => {
      if (isCancelled(error)) return
      get().notify({
        kind: 'error',
        title,
        message: error instanceof Error ? error.message : String(error),
      })
    },
    dismiss: (id) => set((s) => ({ notifications: s.notifications.filter((n) => n.id !== id) })),
  }
}
