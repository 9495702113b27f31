import type { SliceCreator } from '.'
import type { AppInfo } from '../../../shared/domain/app'
import type { ConnectionState, ConnectionTargetInput } from '../../../shared/domain/connection'
import { call, on } from '../api/client'

export interface ConnectionSlice {
  connection: ConnectionState
  appInfo: AppInfo | null
  /** CREATE EXTENSION timescaledb is running. */
  enablingTimescaleDb: boolean
  /** The embedded engine is being reset (closed, its folder deleted, reopened). */
  resettingEmbedded: boolean
  /** Once, when the page loads: listen to the backend, then connect to the embedded engine. */
  startup(): Promise<void>
  openConnection(target: ConnectionTargetInput): Promise<boolean>
  closeConnection(): Promise<void>
  /** "Enable TimescaleDB", wherever it is offered: the outcome is a notification. */
  enableTimescaleDb(): Promise<void>
  resetEmbedded(): Promise<void>
}

export const createConnectionSlice: SliceCreator<ConnectionSlice> = (set, get) => ({
  connection: { status: 'disconnected', target: null, server: null },
  appInfo: null,
  enablingTimescaleDb: false,
  resettingEmbedded: false,

  startup: async () => {
    const failure = 'Could not reach the backend'
    let connection: ConnectionState
    // A reload of a page that showed a chart shows it again.
    get().restoreChartFromHash()
    try {
      on('connection/changed', (changed) => set({ connection: changed }))
      get().watchJobs()
      get().watchConsole()
      const [appInfo, state] = await Promise.all([
        call('app/info', {}),
        call('connection/state', {}),
      ])
      set({ appInfo, connection: state })
      connection = state
    } catch (error) {
      // The status bar shows "Not connected"; the notification says why.
      get().reportFailure(failure, error)
      return
    }
    void get().loadProfiles()
    if (connection.status === 'disconnected') await get().openConnection({ kind: 'embedded' })
  },

  openConnection: async (target) => {
    try {
      set({ connection: await call('connection/open', { target }) })
      return true
    } catch (error) {
      get().reportFailure('Could not connect', error)
      return false
    }
  },

  closeConnection: async () => {
    try {
      set({ connection: await call('connection/close', {}) })
    } catch (error) {
      get().reportFailure('Could not disconnect', error)
    }
  },

  enableTimescaleDb: async () => {
    if (get().enablingTimescaleDb) return
    set({ enablingTimescaleDb: true })
    try {
      // The new server info reaches every window through connection/changed.
      const info = await call('server/enable-timescaledb', {})
      get().notify({
        kind: 'success',
        title: 'TimescaleDB enabled',
        message: `TimescaleDB ${info.timescaledb.installed ?? ''} is installed in database "${info.database}". Set up schema to make sensor_data a hypertable.`,
      })
    } catch (error) {
      get().reportFailure('Could not enable TimescaleDB', error)
    } finally {
      set({ enablingTimescaleDb: false })
    }
  },

  resetEmbedded: async () => {
    set({ resettingEmbedded: true })
    try {
      await call('embedded/reset', { confirm: true })
      get().notify({
        kind: 'success',
        title: 'Embedded TimescaleDB reset',
        message: 'It is empty now.',
      })
    } catch (error) {
      get().reportFailure('Could not reset the embedded TimescaleDB', error)
    } finally {
      set({ resettingEmbedded: false })
    }
  },
})
