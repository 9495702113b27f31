import type { SliceCreator } from '.'

/** Dialogs any view may ask for (e.g. the Charts empty state asks for sample data). */
export interface DialogsSlice {
  sampleDataDialogOpen: boolean
  openSampleDataDialog(): void
  closeSampleDataDialog(): void
}

export const createDialogsSlice: SliceCreator<DialogsSlice> = (set) => ({
  sampleDataDialogOpen: false,
  openSampleDataDialog: () => set({ sampleDataDialogOpen: true }),
  closeSampleDataDialog: () => set({ sampleDataDialogOpen: false }),
})
