import type { CallName, CallReply, CallRequest } from '../../../shared/contract'
import type { ServerParamsInput } from '../../../shared/domain/connection'
import type { BackendOptions } from '../backend'
import { quoteIdent, type Driver } from '../db/driver'
import { createTestBackend, serverParams, type TestBackend } from './backend'
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
  /** The driver the handlers use (one per harness; the embedded folder opens only once). */
  driver: Driver
  /** Through dispatch, as a host calls; unwraps the envelope or throws AppError. */
  call<N extends CallName>(name: N, request: CallRequest<N>): Promise<CallReply<N>>
  /** Drops the named tables (CASCADE), so the next test starts from an empty database. */
  dropTables(...tables: string[]): Promise<void>
  close(): Promise<void>
}

export interface ConnectedBackend {
  t: TestBackend
  /** The database the backend is connected to, on the postgres engine; null on the embedded one. */
  scratch: ScratchDatabase | null
  /** Closes the backend, then drops its scratch database. */
  close(): Promise<void>
}

export interface ConnectOptions {
  /** For createTestBackend (e.g. a statement timeout). */
  backend?: Partial<BackendOptions>
  /** Overrides of the server connection (e.g. a fault proxy's host and port). */
  params?: Partial<ServerParamsInput>
}

/** A test backend connected to a scratch database of its own on the test server. */
export async function connectScratch(
  pg: TestServerInfo,
  prefix: string,
  options: ConnectOptions = {},
): Promise<ConnectedBackend & { scratch: ScratchDatabase }> {
  const scratch = await createScratchDatabase(pg, prefix)
  const t = await createTestBackend(options.backend)
  const close = async () => {
    await t.close()
    await scratch.drop()
  }
  try {
    await t.call('connection/open', {
      target: {
        kind: 'server',
        params: serverParams(pg, { database: scratch.name, ...options.params }),
      },
    })
  } catch (error) {
    await close()
    throw error
  }
  return { t, scratch, close }
}

/**
 * A test backend connected to a fresh database of the engine: a scratch
 * database on the test server, or the embedded TimescaleDB in a temp folder.
 */
export async function connectEngine(
  engine: EngineName,
  pg: TestServerInfo,
  prefix: string,
): Promise<ConnectedBackend> {
  if (engine === 'postgres') return connectScratch(pg, prefix)
  const t = await createTestBackend()
  try {
    await t.call('connection/open', { target: { kind: 'embedded' } })
  } catch (error) {
    await t.close()
    throw error
  }
  return { t, scratch: null, close: () => t.close() }
}

/**
 * Opens an engine for one test file: a scratch database on the shared test
 * server, or a fresh embedded TimescaleDB in a temp folder.
 */
export async function openEngine(engine: EngineName, pg: TestServerInfo): Promise<EngineHarness> {
  const { t, close } = await connectEngine(engine, pg, 'engine')
  const driver = t.driver()
  return {
    driver,
    call: t.call,
    dropTables: async (...tables) => {
      for (const table of tables) {
        await driver.query(`DROP TABLE IF EXISTS ${quoteIdent(table)} CASCADE`)
      }
    },
    close,
  }
}
