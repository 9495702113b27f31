import type { SliceCreator } from '.'

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
  dismiss(id: number): void
}

const AUTO_DISMISS_MS = 6000
let nextId = 1

export const createNotificationsSlice: SliceCreator<NotificationsSlice> = (set, get) => ({
  notifications: [],
  notify: (notification) => {
    const id = nextId++
    // Keep the list short: the newest five are what anyone reads.
    set((s) => ({ notifications: [...s.notifications.slice(-4), { ...notification, id }] }))
    // Errors stay until dismissed; good news goes away by itself.
    if (notification.kind !== 'error') setTimeout(() => get().dismiss(id), AUTO_DISMISS_MS)
    return id
  },
  dismiss: (id) => set((s) => ({ notifications: s.notifications.filter((n) => n.id !== id) })),
})
