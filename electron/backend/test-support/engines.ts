import { inject } from 'vitest'
import type { ServerParamsInput } from '../../../shared/domain/connection'
import type { BackendOptions } from '../backend'
import { quoteIdent, type Driver } from '../db/driver'
import { createTestBackend, serverParams, type TestBackend } from './backend'
import type { TestServerInfo } from './postgres-server'
import {
  createScratchDatabase,
  type ScratchDatabase,
  type ScratchOptions,
} from './scratch-database'

/**
 * The engines behaviour must match on: PostgreSQL 17 without TimescaleDB
 * (node-postgres), native TimescaleDB on PostgreSQL 15 (node-postgres), and
 * the embedded TimescaleDB in WebAssembly.
 */
export type EngineName = 'postgres' | 'timescaledb' | 'embedded'

export const ENGINES: readonly EngineName[] = ['postgres', 'timescaledb', 'embedded']
/** The engines with TimescaleDB: hypertables, time_bucket, gap filling, chunks. */
export const TIMESCALE_ENGINES: readonly EngineName[] = ['timescaledb', 'embedded']
/** The engines reached through node-postgres (a user's own server). */
export const SERVER_ENGINES: readonly EngineName[] = ['postgres', 'timescaledb']

export function hasTimescale(engine: EngineName): boolean {
  return engine !== 'postgres'
}

/** The test server behind a server engine (from the global setup). */
export function serverOf(engine: 'postgres' | 'timescaledb' | EngineName): TestServerInfo {
  if (engine === 'embedded') throw new Error('The embedded engine has no server')
  return engine === 'timescaledb' ? inject('tsdb') : inject('pg')
}

/**
 * The real handler map on a real engine, plus the session's own driver so a
 * test can arrange and check what the database holds.
 */
export interface EngineHarness {
  /** The driver the handlers use (one per harness; the embedded folder opens only once). */
  driver: Driver
  /** Through dispatch, as a host calls; unwraps the envelope or throws AppError. */
  call: TestBackend['call']
  /** Drops the named tables (CASCADE), so the next test starts from an empty database. */
  dropTables(...tables: string[]): Promise<void>
  close(): Promise<void>
}

export interface ConnectedBackend {
  t: TestBackend
  /** The database the backend is connected to, on a server engine; null on the embedded one. */
  scratch: ScratchDatabase | null
  /** Closes the backend, then drops its scratch database. */
  close(): Promise<void>
}

export interface ConnectOptions {
  /** For createTestBackend (e.g. a statement timeout). */
  backend?: Partial<BackendOptions>
  /** Overrides of the server connection (e.g. a fault proxy's host and port). */
  params?: Partial<ServerParamsInput>
  scratch?: ScratchOptions
}

/** A test backend connected to a scratch database of its own on a test server. */
export async function connectScratch(
  pg: TestServerInfo,
  prefix: string,
  options: ConnectOptions = {},
): Promise<ConnectedBackend & { scratch: ScratchDatabase }> {
  const scratch = await createScratchDatabase(pg, prefix, options.scratch)
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
 * database on the engine's test server (with the extension where it has
 * TimescaleDB), or the embedded TimescaleDB in a temp folder.
 */
export async function connectEngine(
  engine: EngineName,
  prefix: string,
  options: ConnectOptions = {},
): Promise<ConnectedBackend> {
  if (engine !== 'embedded') return connectScratch(serverOf(engine), prefix, options)
  const t = await createTestBackend(options.backend)
  try {
    await t.call('connection/open', { target: { kind: 'embedded' } })
  } catch (error) {
    await t.close()
    throw error
  }
  return { t, scratch: null, close: () => t.close() }
}

/**
 * Opens an engine for one test file: a scratch database on the engine's test
 * server, or a fresh embedded TimescaleDB in a temp folder.
 */
export async function openEngine(engine: EngineName): Promise<EngineHarness> {
  const { t, close } = await connectEngine(engine, 'engine')
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
