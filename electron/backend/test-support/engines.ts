import type { CallName, CallReply, CallRequest } from '../../../shared/contract'
import { quoteIdent, type Driver } from '../db/driver'
import { createTestBackend, serverParams } from './backend'
import type { TestServerInfo } from './postgres-server'
import { createScratchDatabase, type ScratchDatabase } from './scratch-database'

export type EngineName = 'postgres' | 'embedded'

/** The two engines behaviour must match on: the test server (no TimescaleDB) and the embedded one. */
export const ENGINES: readonly EngineName[] = ['postgres', 'embedded']

/**
 * The real handler map on a real engine, plus the session's own driver so a
 * test can arrange and check what the database holds.
 */
export interface EngineHarness {
  engine: EngineName
  /** The driver the handlers use (one per harness; the embedded folder opens only once). */
  driver: Driver
  /** Through dispatch, as a host calls; unwraps the envelope or throws AppError. */
  call<N extends CallName>(name: N, request: CallRequest<N>): Promise<CallReply<N>>
  /** Drops the named tables (CASCADE), so the next test starts from an empty database. */
  dropTables(...tables: string[]): Promise<void>
  logs: string[]
  close(): Promise<void>
}

/**
 * Opens an engine for one test file: a scratch database on the shared test
 * server, or a fresh embedded TimescaleDB in a temp folder.
 */
export async function openEngine(engine: EngineName, pg: TestServerInfo): Promise<EngineHarness> {
  const t = await createTestBackend()
  let scratch: ScratchDatabase | null = null
  if (engine === 'postgres') {
    scratch = await createScratchDatabase(pg, 'engine')
    await t.call('connection/open', {
      target: { kind: 'server', params: serverParams(pg, { database: scratch.name }) },
    })
  } else {
    await t.call('connection/open', { target: { kind: 'embedded' } })
  }
  const driver = t.driver()
  return {
    engine,
    driver,
    logs: t.logs,
    call: t.call,
    dropTables: async (...tables) => {
      for (const table of tables) {
        await driver.query(`DROP TABLE IF EXISTS ${quoteIdent(table)} CASCADE`)
      }
    },
    close: async () => {
      await t.close()
      await scratch?.drop()
    },
  }
}
