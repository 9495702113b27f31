import type { SliceCreator, Store } from '.'
import type { TableRef } from '../../../shared/domain/catalog'
import type { RollupList, RollupProposal } from '../../../shared/domain/rollup-calls'
import { call } from '../api/client'
import { withStarted } from './jobs-state'
import { LatestRequest, whenChanged, type QueryStatus } from './query'

/**
 * Rollups: the Database page's list of the selected table's continuous
 * aggregates, and the chart's "Speed up this chart" (a proposal, then the
 * create job) and "Remove rollup".
 */
export interface RollupsSlice {
  rollupList: RollupList | null
  rollupListStatus: QueryStatus
  rollupListError: string | null
  /** The proposal shown under the chart, while the user decides. */
  rollupProposal: RollupProposal | null
  rollupProposalBusy: boolean
  rollupError: string | null
  /** The fill job this window started last. */
  rollupJobId: string | null
  proposeRollup(): Promise<void>
  createRollup(): Promise<void>
  dismissRollup(): void
  removeRollup(view: TableRef): Promise<boolean>
}

const listInputs = (s: Store) =>
  [
    s.view === 'database' && s.connection.status === 'connected',
    s.selectedTable,
    s.dataVersion,
  ] as const

const message = (error: unknown) => (error instanceof Error ? error.message : String(error))

export const createRollupsSlice: SliceCreator<RollupsSlice> = (set, get, store) => {
  const list = new LatestRequest()
  const loadList = async (table: TableRef) => {
    const signal = list.start()
    set({ rollupListStatus: 'loading' })
    try {
      const rollupList = await call('rollups/list', { table }, { signal })
      if (signal.aborted) return
      set({ rollupList, rollupListStatus: 'ready', rollupListError: null })
    } catch (error) {
      if (signal.aborted) return
      set({ rollupList: null, rollupListStatus: 'error', rollupListError: message(error) })
    }
  }
  whenChanged(store, listInputs, ([shown, table]) => {
    if (shown && table) void loadList(table)
    else if (list.cancel()) set({ rollupListStatus: 'idle' })
  })
  // Another chart: the proposal was for the last one.
  whenChanged(
    store,
    (s) => [s.chartSpec] as const,
    () => set({ rollupProposal: null, rollupError: null }),
  )

  /** What the proposal is for: the chart as drawn now. */
  const chartNow = () => {
    const { chartSpec: spec, chartReply: reply } = get()
    if (!spec || !reply) return null
    return { spec, bucketSeconds: reply.bucketSeconds, timeZone: reply.timeZone }
  }

  return {
    rollupList: null,
    rollupListStatus: 'idle',
    rollupListError: null,
    rollupProposal: null,
    rollupProposalBusy: false,
    rollupError: null,
    rollupJobId: null,

    proposeRollup: async () => {
      const chart = chartNow()
      if (!chart) return
      set({ rollupProposalBusy: true, rollupError: null })
      try {
        const rollupProposal = await call('rollups/propose', chart)
        set({ rollupProposal, rollupProposalBusy: false })
      } catch (error) {
        set({ rollupError: message(error), rollupProposalBusy: false })
      }
    },

    createRollup: async () => {
      const chart = chartNow()
      const proposal = get().rollupProposal
      if (!chart || !proposal) return
      set({ rollupProposalBusy: true, rollupError: null })
      try {
        const { jobId } = await call('rollups/create', { ...chart, name: proposal.view.name })
        set((s) => ({
          jobs: withStarted(s.jobs, { jobId, kind: 'rollup', title: proposal.view.name }),
          rollupJobId: jobId,
          rollupProposal: null,
          rollupProposalBusy: false,
        }))
      } catch (error) {
        set({ rollupError: message(error), rollupProposalBusy: false })
      }
    },

    dismissRollup: () => set({ rollupProposal: null, rollupError: null }),

    removeRollup: async (view) => {
      try {
        await call('rollups/remove', { view })
        set((s) => ({ dataVersion: s.dataVersion + 1, rollupError: null }))
        return true
      } catch (error) {
        get().reportFailure(`Could not remove ${view.name}`, error)
        return false
      }
    },
  }
}
