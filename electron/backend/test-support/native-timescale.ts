import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { chmod, chown, copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import pg from 'pg'
import { freePort } from './free-port'
import type { TestServer } from './postgres-server'
import type { TestCertificates } from './tls-certs'

const run = promisify(execFile)

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
/** The shared folder CI checks out beside the repository. */
export const TIMESCALE_BUILD_SCRIPT = resolve(REPO_ROOT, '../shared/timescaledb/build.sh')

/**
 * Builds and installs TimescaleDB into Debian's PostgreSQL 15 with the shared
 * build script (instant when it is already installed) and returns the
 * PostgreSQL bin folder. A failed build throws with the tail of its log: the
 * tests must fail, never skip, when the engine cannot be had.
 */
export async function buildNativeTimescale(): Promise<string> {
  if (!existsSync(TIMESCALE_BUILD_SCRIPT)) {
    throw new Error(
      `Native TimescaleDB: ${TIMESCALE_BUILD_SCRIPT} is missing. Check out the shared folder ` +
        'beside this repository, or set TSDB_TEST_URL to a TimescaleDB server.',
    )
  }
  try {
    const { stdout } = await run('bash', [TIMESCALE_BUILD_SCRIPT], {
      maxBuffer: 64 * 1024 * 1024,
      timeout: 30 * 60_000,
    })
    const bin = stdout.trim().split('\n').at(-1) ?? ''
    if (!existsSync(join(bin, 'postgres'))) throw new Error(`no postgres in "${bin}"`)
    return bin
  } catch (error) {
    const e = error as { stderr?: string; message: string }
    const tail = (e.stderr ?? '').trim().split('\n').slice(-30).join('\n')
    throw new Error(`Building native TimescaleDB failed: ${e.message}\n${tail}`, { cause: error })
  }
}

interface RunAs {
  uid: number
  gid: number
}

/** PostgreSQL refuses to run as root: as root, run it as Debian's `postgres` user. */
async function serverUser(): Promise<RunAs | null> {
  if (process.getuid?.() !== 0) return null
  const id = async (flag: string) => Number((await run('id', [flag, 'postgres'])).stdout.trim())
  return { uid: await id('-u'), gid: await id('-g') }
}

export interface NativeServerOptions {
  /** The PostgreSQL bin folder (from buildNativeTimescale). */
  bin: string
  /** TLS with these certificates (shared with the other test server); none when absent. */
  certs?: TestCertificates | null
  /** Load TimescaleDB at start (the default); false makes a "not preloaded" server. */
  preload?: boolean
  /** Durable writes, as a real server has them (benchmarks); tests run faster without. */
  durable?: boolean
  log?: (line: string) => void
}

/**
 * A native TimescaleDB server: Debian's PostgreSQL 15 with the extension
 * preloaded, in a temp folder, on a free loopback port, scram passwords,
 * TLS when certificates are given. Stopped and deleted by destroy().
 */
export async function startNativeTimescale(options: NativeServerOptions): Promise<TestServer> {
  const root = await mkdtemp(join(tmpdir(), 'tsdb-native-'))
  await chmod(root, 0o755)
  const dataDir = join(root, 'data')
  const socketDir = join(root, 'socket')
  await mkdir(dataDir, { mode: 0o700 })
  await mkdir(socketDir, { mode: 0o700 })
  const runAs = await serverUser()
  const own = async (path: string) => {
    if (runAs) await chown(path, runAs.uid, runAs.gid)
  }
  await own(dataDir)
  await own(socketDir)
  const password = `canary-${randomBytes(9).toString('base64url')}`
  const pwFile = join(root, 'pw')
  await writeFile(pwFile, password, { mode: 0o600 })
  await own(pwFile)
  const spawnOptions = runAs ? { uid: runAs.uid, gid: runAs.gid } : {}
  await run(
    join(options.bin, 'initdb'),
    ['-D', dataDir, '-U', 'postgres', '--auth=scram-sha-256', `--pwfile=${pwFile}`],
    { ...spawnOptions, env: { ...process.env, LC_ALL: 'C.UTF-8' } },
  )
  await rm(pwFile)
  const trustDatabase = 'trust_probe'
  await writeFile(
    join(dataDir, 'pg_hba.conf'),
    `host ${trustDatabase} all 127.0.0.1/32 trust\nhost all all 127.0.0.1/32 scram-sha-256\n`,
  )
  const port = await freePort()
  const flags = [
    '-D',
    dataDir,
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    `unix_socket_directories=${socketDir}`,
    '-c',
    'timescaledb.telemetry_level=off',
    '-c',
    'max_connections=200',
  ]
  if (options.preload !== false) flags.push('-c', 'shared_preload_libraries=timescaledb')
  if (!options.durable) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off')
  if (options.certs) {
    const tlsDir = join(root, 'tls')
    await mkdir(tlsDir, { mode: 0o700 })
    await own(tlsDir)
    for (const [from, name] of [
      [options.certs.serverCertFile, 'server.crt'],
      [options.certs.serverKeyFile, 'server.key'],
    ] as const) {
      await copyFile(from, join(tlsDir, name))
      await chmod(join(tlsDir, name), 0o600)
      await own(join(tlsDir, name))
    }
    flags.push('-c', 'ssl=on')
    flags.push('-c', `ssl_cert_file=${join(tlsDir, 'server.crt')}`)
    flags.push('-c', `ssl_key_file=${join(tlsDir, 'server.key')}`)
  }
  const log = options.log ?? (() => {})

  let child: ChildProcess | null = null
  const start = async () => {
    const proc = spawn(join(options.bin, 'postgres'), flags, {
      ...spawnOptions,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child = proc
    const output: string[] = []
    const keep = (chunk: Buffer) => {
      const text = chunk.toString()
      output.push(text)
      if (output.length > 200) output.shift()
      log(text)
    }
    proc.stdout?.on('data', keep)
    proc.stderr?.on('data', keep)
    await waitUntilReady(port, password, proc, output)
  }
  const stop = async () => {
    const proc = child
    child = null
    if (!proc || proc.exitCode !== null) return
    const exited = new Promise<void>((done) => proc.once('exit', () => done()))
    proc.kill('SIGINT') // fast shutdown: roll back sessions, then exit
    await exited
  }

  try {
    await start()
    const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password })
    await admin.connect()
    await admin.query(`CREATE DATABASE ${trustDatabase}`)
    await admin.end()
  } catch (error) {
    await stop()
    await rm(root, { recursive: true, force: true })
    throw error
  }

  return {
    host: '127.0.0.1',
    port,
    user: 'postgres',
    password,
    database: 'postgres',
    tls: Boolean(options.certs),
    caCertPem: options.certs?.caCertPem ?? '',
    otherCaCertPem: options.certs?.otherCaCertPem ?? '',
    trustDatabase,
    timescaledb: options.preload !== false,
    pause: stop,
    resume: async () => {
      if (!child) await start()
    },
    destroy: async () => {
      await stop()
      await rm(root, { recursive: true, force: true })
    },
  }
}

/** Polls until the server takes a login; fails with its output if it exits or never does. */
async function waitUntilReady(
  port: number,
  password: string,
  proc: ChildProcess,
  output: string[],
): Promise<void> {
  const deadline = Date.now() + 60_000
  for (;;) {
    if (proc.exitCode !== null) {
      throw new Error(`Native TimescaleDB exited (${proc.exitCode}):\n${output.join('')}`)
    }
    const probe = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password })
    try {
      await probe.connect()
      await probe.end()
      return
    } catch {
      await probe.end().catch(() => {})
    }
    if (Date.now() > deadline) {
      throw new Error(`Native TimescaleDB did not start within 60 s:\n${output.join('')}`)
    }
    await new Promise((r) => setTimeout(r, 200))
  }
}
