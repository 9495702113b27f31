import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { CallName, CallReply, CallRequest } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import { quoteIdent, type Driver } from '../db/driver'
import { dispatch, toAppError } from '../dispatch'
import { EventHub } from '../events'
import { handlers } from '../handlers'
import type { HandlerContext } from '../handlers/types'
import { JobRegistry } from '../jobs'
import { createLogger } from '../log'
import { Redactor } from '../redactor'
import { Session } from '../session'
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
  const log = createLogger({ redactor, write: (line) => logs.push(line), level: 'debug' })
  const hub = new EventHub()
  const jobs = new JobRegistry({
    emit: hub.emit,
    log,
    toAppError: (error) => toAppError(error, { log, redactor }),
  })
  const root = await makeTempDir('tsdb-engine')
  const embeddedDataDir = join(root, 'data')
  const session = new Session({
    embeddedDataDir,
    engineWorkerPath: ENGINE_WORKER_PATH,
    emit: hub.emit,
    log,
    redactor,
    beforeDisconnect: () => jobs.cancelAll(),
  })
  const ctx: HandlerContext = {
    session,
    jobs,
    emit: hub.emit,
    log,
    redactor,
    app: { host: 'web', version: 'test', embeddedDataDir, canStorePasswords: false },
    uploads: new Map(),
  }
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
      const result = await dispatch(handlers, ctx, name, request)
      if (result.ok) return result.value as CallReply<typeof name>
      throw AppError.fromData(result.error)
    },
    dropTables: async (...tables) => {
      for (const table of tables) {
        await driver.query(`DROP TABLE IF EXISTS ${quoteIdent(table)} CASCADE`)
      }
    },
    close: async () => {
      await jobs.cancelAll()
      await session.close()
      await scratch?.drop()
      await rm(root, { recursive: true, force: true })
    },
  }
}
