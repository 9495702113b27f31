import type { SliceCreator } from '.'
import type { AppInfo } from '../../../shared/domain/app'
import type { ConnectionState, ConnectionTargetInput } from '../../../shared/domain/connection'
import { explorer } from '../api/bridge'
import { call } from '../api/client'

export interface ConnectionSlice {
  connection: ConnectionState
  appInfo: AppInfo | null
  startup(): Promise<void>
  openConnection(target: ConnectionTargetInput): Promise<boolean>
  closeConnection(): Promise<void>
}

let started = false

export const createConnectionSlice: SliceCreator<ConnectionSlice> = (set, get) => ({
  connection: { status: 'disconnected', target: null, server: null },
  appInfo: null,

  /** On first start, connect to the embedded TimescaleDB without asking anything. */
  startup: async () => {
    if (started) return
    started = true
    explorer().on('connection/changed', (connection) => set({ connection }))
    const [appInfo, connection] = await Promise.all([
      call('app/info', {}, { failure: 'Could not reach the backend' }),
      call('connection/state', {}, { failure: 'Could not reach the backend' }),
    ])
    set({ appInfo, connection })
    void get()
      .loadProfiles()
      .catch(() => {})
    if (connection.status === 'disconnected') await get().openConnection({ kind: 'embedded' })
  },

  openConnection: async (target) => {
    try {
      const connection = await call('connection/open', { target }, { failure: 'Could not connect' })
      set({ connection })
      return true
    } catch {
      return false
    }
  },

  closeConnection: async () => {
    const connection = await call('connection/close', {}, { failure: 'Could not disconnect' })
    set({ connection })
  },
})
