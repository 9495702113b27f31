import type { SliceCreator } from '.'
import type {
  Age,
  DropPreview,
  HypertableRef,
  OrderByItem,
} from '../../../shared/domain/hypertables'
import { call } from '../api/client'
import { LatestRequest } from './query'

/** What "Enable compression" would run with: the user's settings and their SQL. */
export interface CompressionSettings {
  segmentBy: string[]
  orderBy: OrderByItem[]
}

/** The drop preview of one age, kept with what it was made for. */
export interface DropPlan {
  table: HypertableRef
  olderThan: Age
  preview: DropPreview
}

export type HypertableAction =
  'enable-compression' | 'compression-policy' | 'retention-policy' | 'drop-preview' | 'drop-chunks'

/**
 * What the hypertable's tabs do: enable compression (its SQL shown first),
 * policies, the drop preview and the drop, a background job run, paused or
 * resumed. Each success makes the tab read again; failures show inline.
 */
export interface HypertableActionsSlice {
  /** The statement the settings being edited would run (a dry run), or null before one. */
  compressionSql: { settings: CompressionSettings; sql: string } | null
  compressionSqlError: string | null
  /** The action running now, if any (its button is disabled). */
  htBusy: HypertableAction | null
  /** What the last action said went wrong, in words for the user. */
  htActionError: string | null
  dropPlan: DropPlan | null
  /** The background job being run, paused or resumed. */
  busyBackgroundJob: number | null
  previewCompressionSql(table: HypertableRef, settings: CompressionSettings): Promise<void>
  enableCompression(table: HypertableRef, settings: CompressionSettings): Promise<void>
  changeCompressionPolicy(table: HypertableRef, after: Age | null): Promise<void>
  changeRetentionPolicy(table: HypertableRef, dropAfter: Age | null): Promise<void>
  previewDrop(table: HypertableRef, olderThan: Age): Promise<void>
  dropChunks(confirmName: string): Promise<void>
  dismissDropPlan(): void
  runBackgroundJob(jobId: number): Promise<void>
  scheduleBackgroundJob(jobId: number, scheduled: boolean): Promise<void>
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))

export const createHypertableActionsSlice: SliceCreator<HypertableActionsSlice> = (set, get) => {
  const sqlPreview = new LatestRequest()

  /** Runs one action: busy while it runs, the tab read again after, its failure inline. */
  const act = async (action: HypertableAction, work: () => Promise<void>) => {
    set({ htBusy: action, htActionError: null })
    try {
      await work()
      get().hypertableChanged()
    } catch (error) {
      set({ htActionError: messageOf(error) })
    } finally {
      set({ htBusy: null })
    }
  }

  const backgroundJob = async (jobId: number, title: string, work: () => Promise<unknown>) => {
    set({ busyBackgroundJob: jobId })
    try {
      await work()
      get().hypertableChanged()
    } catch (error) {
      get().reportFailure(title, error)
    } finally {
      set({ busyBackgroundJob: null })
    }
  }

  return {
    compressionSql: null,
    compressionSqlError: null,
    htBusy: null,
    htActionError: null,
    dropPlan: null,
    busyBackgroundJob: null,

    previewCompressionSql: async (table, settings) => {
      const signal = sqlPreview.start()
      try {
        const { sql } = await call(
          'hypertables/enable-compression',
          { table, ...settings, dryRun: true },
          { signal },
        )
        if (signal.aborted) return
        set({ compressionSql: { settings, sql }, compressionSqlError: null })
      } catch (error) {
        if (signal.aborted) return
        set({ compressionSql: null, compressionSqlError: messageOf(error) })
      }
    },

    enableCompression: (table, settings) =>
      act('enable-compression', async () => {
        await call('hypertables/enable-compression', { table, ...settings })
        get().notify({
          kind: 'success',
          title: 'Compression enabled',
          message: `${table.schema}.${table.name}: its chunks can now be compressed.`,
        })
      }),

    changeCompressionPolicy: (table, after) =>
      act('compression-policy', async () => {
        await call(
          'hypertables/compression-policy',
          after ? { table, action: 'add', after } : { table, action: 'remove' },
        )
      }),

    changeRetentionPolicy: (table, dropAfter) =>
      act('retention-policy', async () => {
        await call(
          'hypertables/retention-policy',
          dropAfter ? { table, action: 'add', after: dropAfter } : { table, action: 'remove' },
        )
      }),

    previewDrop: async (table, olderThan) => {
      set({ htBusy: 'drop-preview', htActionError: null, dropPlan: null })
      try {
        const preview = await call('hypertables/drop-preview', { table, olderThan })
        set({ dropPlan: { table, olderThan, preview } })
      } catch (error) {
        set({ htActionError: messageOf(error) })
      } finally {
        set({ htBusy: null })
      }
    },

    dropChunks: async (confirmName) => {
      const plan = get().dropPlan
      if (!plan) return
      await act('drop-chunks', async () => {
        const reply = await call('hypertables/drop-chunks', {
          table: plan.table,
          olderThan: plan.olderThan,
          confirmName,
          chunks: plan.preview.chunks.map((c) => c.name),
        })
        // Rows are gone: everything that counts them reads again.
        set((s) => ({ dropPlan: null, dataVersion: s.dataVersion + 1 }))
        get().notify({
          kind: 'success',
          title: 'Chunks dropped',
          message: `${reply.dropped.length} chunks of ${plan.table.schema}.${plan.table.name} dropped.`,
        })
      })
    },

    dismissDropPlan: () => set({ dropPlan: null, htActionError: null }),

    runBackgroundJob: (jobId) =>
      backgroundJob(jobId, `Could not run job ${jobId}`, () =>
        call('hypertables/job-run', { jobId }),
      ),

    scheduleBackgroundJob: (jobId, scheduled) =>
      backgroundJob(
        jobId,
        scheduled ? `Could not resume job ${jobId}` : `Could not pause job ${jobId}`,
        () => call('hypertables/job-schedule', { jobId, scheduled }),
      ),
  }
}
