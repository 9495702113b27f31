/**
 * What the fault suite asks the database, from an admin session that is not
 * the app's: which of the app's sessions exist and what they are doing, and
 * what sensor_data holds.
 */
import pg from 'pg'
import type { ServerParamsInput } from '../../../shared/domain/connection'
import type { JobDone } from '../../../shared/domain/jobs'
import { AppError } from '../../../shared/errors'
import { APP_NAME } from '../paths'
import { serverParams, type TestBackend } from '../test-support/backend'
import { connectScratch, type ConnectedBackend, type ConnectOptions } from '../test-support/engines'
import { startFaultProxy, type FaultProxy } from '../test-support/fault-proxy'
import type { ScratchDatabase } from '../test-support/scratch-database'
import type { TestServerInfo } from '../test-support/postgres-server'
import { waitFor } from '../test-support/wait'

/** The application_name every pooled session of the app's PostgreSQL driver carries. */
export { APP_NAME }

export interface AppSession {
  pid: number
  state: string | null
  query: string
  wait_event_type: string | null
}

/** The app's sessions on a database, as the server sees them. */
export async function appSessions(admin: pg.Client, database: string): Promise<AppSession[]> {
  const { rows } = await admin.query<AppSession>(
    `SELECT pid, state, query, wait_event_type FROM pg_stat_activity
      WHERE application_name = $1 AND datname = $2 AND pid <> pg_backend_pid()`,
    [APP_NAME, database],
  )
  return rows
}

/** Sessions holding a transaction open without running anything: what a half-finished load leaves. */
export async function idleInTransaction(admin: pg.Client, database: string) {
  return (await appSessions(admin, database)).filter((s) => s.state?.startsWith('idle in'))
}

/** Waits until the app has no session in a transaction and none still running a statement. */
export async function waitForQuietSessions(admin: pg.Client, database: string): Promise<void> {
  await waitFor('the app’s sessions to be idle or gone', async () => {
    const sessions = await appSessions(admin, database)
    return sessions.every((s) => s.state === 'idle' || s.state === null)
  })
}

/** Row count and a digest of every reading, so "nothing changed" means exactly that. */
export async function readingsFingerprint(
  admin: pg.Client,
): Promise<{ rows: number; md5: string }> {
  const { rows } = await admin.query<{ rows: number; md5: string | null }>(
    `SELECT count(*)::int AS rows,
            md5(string_agg(concat_ws(',', extract(epoch FROM time), sensor_id, temperature, cpu),
                           ';' ORDER BY time, sensor_id)) AS md5
       FROM sensor_data`,
  )
  return { rows: rows[0]?.rows ?? 0, md5: rows[0]?.md5 ?? '' }
}

/** Connects the test backend to a database of the test server, optionally through a proxy. */
export async function connectTo(
  t: TestBackend,
  pg: TestServerInfo,
  overrides: Partial<ServerParamsInput>,
): Promise<void> {
  await t.call('connection/open', {
    target: { kind: 'server', params: serverParams(pg, overrides) },
  })
}

/**
 * A test backend on a scratch database that it reaches through a fault proxy
 * in front of the server (so a test can cut, freeze or slow the network);
 * close() closes the backend, drops the database and stops the proxy.
 */
export async function connectThroughProxy(
  server: TestServerInfo,
  prefix: string,
  options: ConnectOptions = {},
): Promise<ConnectedBackend & { scratch: ScratchDatabase; proxy: FaultProxy }> {
  const proxy = await startFaultProxy({ host: server.host, port: server.port })
  try {
    const connected = await connectScratch(server, prefix, {
      ...options,
      params: { ...options.params, host: proxy.host, port: proxy.port },
    })
    const close = async () => {
      await connected.close()
      await proxy.close()
    }
    return { ...connected, proxy, close }
  } catch (error) {
    await proxy.close()
    throw error
  }
}

/** The job's failure, or a clear test failure if it succeeded. */
export function failureOf(done: JobDone): AppError {
  if (done.outcome === 'succeeded')
    throw new Error(`expected the job to fail, it loaded ${done.summary.rows} rows`)
  return AppError.fromData(done.error)
}

/**
 * Runs `work` while another session holds sensor_data locked: the realistic
 * way to make one of the app's statements run long (SHARE holds writers only).
 */
export async function whileLocked<T>(
  server: TestServerInfo,
  database: string,
  mode: 'ACCESS EXCLUSIVE' | 'SHARE',
  work: () => Promise<T>,
): Promise<T> {
  const locker = new pg.Client({
    host: server.host,
    port: server.port,
    user: server.user,
    password: server.password,
    database,
  })
  await locker.connect()
  try {
    await locker.query('BEGIN')
    await locker.query(`LOCK TABLE sensor_data IN ${mode} MODE`)
    return await work()
  } finally {
    await locker.query('ROLLBACK').catch(() => {})
    await locker.end()
  }
}
