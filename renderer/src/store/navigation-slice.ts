import type { SliceCreator } from '.'
import { isValidTimeZone } from '../../../shared/time-zone'

export const views = ['connections', 'database', 'sensors', 'charts', 'sql'] as const
export type View = (typeof views)[number]

export interface NavigationSlice {
  view: View
  /**
   * The display time zone (IANA): axes, legend, captions, "Last reading", CSV
   * export, CSV import of times without an offset, and where buckets of an
   * hour or more start. The OS's until the user picks another.
   */
  timeZone: string
  setView(view: View): void
  setTimeZone(timeZone: string): void
}

const STORAGE_KEY = 'tsdb-explorer.timeZone'

export function osTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
}

/** The zone picked last time (kept in this browser profile), else the OS's. */
function initialTimeZone(): string {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY)
  return saved && isValidTimeZone(saved) ? saved : osTimeZone()
}

export const createNavigationSlice: SliceCreator<NavigationSlice> = (set) => ({
  view: 'connections',
  timeZone: initialTimeZone(),
  setView: (view) => set({ view }),
  setTimeZone: (timeZone) => {
    if (!isValidTimeZone(timeZone)) return
    globalThis.localStorage?.setItem(STORAGE_KEY, timeZone)
    set({ timeZone })
  },
})
