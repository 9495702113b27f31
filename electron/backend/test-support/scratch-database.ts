import { randomBytes } from 'node:crypto'
import pg from 'pg'
import type { TestServerInfo } from './postgres-server'

export interface ScratchDatabase {
  name: string
  /** A superuser session on the scratch database, for setup and assertions. */
  admin: pg.Client
  drop(): Promise<void>
}

export interface ScratchOptions {
  /**
   * CREATE EXTENSION timescaledb in it when the server has TimescaleDB (the
   * default); false leaves the extension available but not created.
   */
  timescaledb?: boolean
}

/**
 * A fresh database on a test server, so test files never see each other's
 * tables. On a TimescaleDB server it has the extension, as a user's would.
 */
export async function createScratchDatabase(
  server: TestServerInfo,
  prefix = 'scratch',
  options: ScratchOptions = {},
): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`
  const connection = {
    host: server.host,
    port: server.port,
    user: server.user,
    password: server.password,
    ssl: false as const,
  }
  const root = new pg.Client({ ...connection, database: server.database })
  await root.connect()
  await root.query(`CREATE DATABASE ${name}`)
  await root.end()
  const admin = new pg.Client({ ...connection, database: name })
  await admin.connect()
  if (server.timescaledb && options.timescaledb !== false) {
    await admin.query('CREATE EXTENSION IF NOT EXISTS timescaledb')
  }
  return {
    name,
    admin,
    drop: async () => {
      await admin.end().catch(() => {})
      const r = new pg.Client({ ...connection, database: server.database })
      await r.connect()
      await r.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await r.end()
    },
  }
}
