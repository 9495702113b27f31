import type { SliceCreator } from '.'

export const views = ['connections', 'database', 'sensors', 'charts', 'sql'] as const
export type View = (typeof views)[number]

export interface NavigationSlice {
  view: View
  setView(view: View): void
}

export const createNavigationSlice: SliceCreator<NavigationSlice> = (set) => ({
  view: 'connections',
  setView: (view) => set({ view }),
})
