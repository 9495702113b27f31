import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { CallName, CallReply, CallRequest } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import { createBackendWithContext } from '../backend'
import { quoteIdent, type Driver } from '../db/driver'
import { createLogger } from '../log'
import { Redactor } from '../redactor'
import { ENGINE_WORKER_PATH, makeTempDir, serverParams } from './backend'
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
  const logs: string[] = []
  const redactor = new Redactor()
  const root = await makeTempDir('tsdb-engine')
  const { backend, ctx } = createBackendWithContext({
    host: 'web',
    version: 'test',
    embeddedDataDir: join(root, 'data'),
    engineWorkerPath: ENGINE_WORKER_PATH,
    redactor,
    log: createLogger({ redactor, write: (line) => logs.push(line), level: 'debug' }),
  })
  const { session } = ctx
  let scratch: ScratchDatabase | null = null
  if (engine === 'postgres') {
    scratch = await createScratchDatabase(pg, 'engine')
    await session.open({
      kind: 'server',
      params: {
        ...serverParams(pg, { database: scratch.name }),
        port: pg.port,
        sslmode: 'disable',
        connectTimeoutSeconds: 10,
      },
    })
  } else {
    await session.open({ kind: 'embedded' })
  }
  const driver = session.require()
  return {
    engine,
    driver,
    logs,
    call: async (name, request) => {
      const result = await backend.dispatch(name, request)
      if (result.ok) return result.value as CallReply<typeof name>
      throw AppError.fromData(result.error)
    },
    dropTables: async (...tables) => {
      for (const table of tables) {
        await driver.query(`DROP TABLE IF EXISTS ${quoteIdent(table)} CASCADE`)
      }
    },
    close: async () => {
      await backend.close()
      await scratch?.drop()
      await rm(root, { recursive: true, force: true })
    },
  }
}
