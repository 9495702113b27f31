/** The console's three measurements on one server, each beside psql on the same server. */
import { execFile, spawn } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { promisify } from 'node:util'
import type { JobDone } from '../../shared/domain/jobs'
import type { TestServerInfo } from '../../electron/backend/test-support/postgres-server'
import { median } from '../bare-clients'
import type { HostClient } from './host'

const execFileAsync = promisify(execFile)
const QUERY = 'SELECT * FROM sensor_data'
const SETTINGS = { readOnly: true, autoCommit: true, statementTimeoutMs: 0 }
/** The first page the console asks for, and the pages the grid asks for as it scrolls. */
const FIRST_PAGE = 500
const SCROLL_PAGE = 1000
const MB = 1024 * 1024

export interface ConsoleResult {
  engine: string
  rows: number
  firstRowsMs: number
  psqlFirstRowsMs: number
  scroll: {
    rows: number
    ms: number
    rowsPerSecond: number
    /** The web host process's peak RSS while reading, less its RSS before. */
    rssGrowthMb: number | null
  }
  export: { rows: number; ms: number; rowsPerSecond: number; bytes: number }
  psqlCopy: { ms: number; rowsPerSecond: number; bytes: number }
}

const psqlArgs = (server: TestServerInfo) => [
  ...['-X', '-q', '-h', server.host, '-p', String(server.port)],
  ...['-U', server.user, '-d', server.database],
]
const psqlEnv = (server: TestServerInfo) => ({ ...process.env, PGPASSWORD: server.password })

const openResult = (host: HostClient) =>
  host.call('console/run', {
    consoleId: 'bench',
    sql: QUERY,
    settings: SETTINGS,
    pageSize: FIRST_PAGE,
  })

/** From the call to the first page in hand, over the web host's socket as the renderer calls. */
async function firstRows(host: HostClient, runs: number): Promise<number> {
  const times: number[] = []
  for (let i = 0; i <= runs; i++) {
    const started = performance.now()
    const reply = await openResult(host)
    const ms = performance.now() - started
    if (reply.statements[0]?.rows.length !== FIRST_PAGE) throw new Error('no first page')
    if (i > 0) times.push(ms) // the first run warms caches
    await host.call('console/close', { consoleId: 'bench' })
  }
  return median(times)
}

/** psql with FETCH_COUNT (its own cursor): time to the first bytes of output. */
async function psqlFirstRows(server: TestServerInfo, runs: number): Promise<number> {
  const times: number[] = []
  for (let i = 0; i <= runs; i++) {
    const started = performance.now()
    const ms = await new Promise<number>((resolve, reject) => {
      const args = [...psqlArgs(server), '-v', `FETCH_COUNT=${FIRST_PAGE}`, '-c', QUERY]
      const child = spawn('psql', args, { env: psqlEnv(server) })
      child.stdout.once('data', () => {
        resolve(performance.now() - started)
        child.kill('SIGTERM')
      })
      child.once('error', reject)
    })
    if (i > 0) times.push(ms)
  }
  return median(times)
}

/** Reads every page from the first to the last, as scrolling to the end does, sampling the host's RSS. */
async function scrollToEnd(host: HostClient) {
  const reply = await openResult(host)
  const resultId = reply.statements[0]?.resultId
  if (!resultId) throw new Error('no open result')
  const before = host.rss()
  let peak = before ?? 0
  const sampler = setInterval(() => (peak = Math.max(peak, host.rss() ?? 0)), 50)
  const started = performance.now()
  let rows = FIRST_PAGE
  try {
    for (;;) {
      const page = await host.call('console/fetch', {
        consoleId: 'bench',
        resultId,
        offset: rows,
        limit: SCROLL_PAGE,
      })
      rows += page.rows.length
      if (page.rows.length < SCROLL_PAGE) break
    }
  } finally {
    clearInterval(sampler)
  }
  const ms = performance.now() - started
  await host.call('console/close', { consoleId: 'bench' })
  return {
    rows,
    ms,
    rowsPerSecond: Math.round((rows - FIRST_PAGE) / (ms / 1000)),
    rssGrowthMb: before === null ? null : (peak - before) / MB,
  }
}

/** Export CSV as the web host does it: the COPY streamed to the browser's download (here, a file). */
async function exportCsv(host: HostClient, file: string) {
  const started = performance.now()
  const reply = await host.call('console/export', {
    consoleId: 'bench',
    sql: QUERY,
    settings: SETTINGS,
  })
  if (reply.destination?.kind !== 'download') throw new Error('expected a download')
  const jobId = reply.jobId
  const done = new Promise<JobDone>((resolve) => {
    const stop = host.on((name, payload) => {
      if (name === 'job/done' && (payload as JobDone).jobId === jobId) {
        stop()
        resolve(payload as JobDone)
      }
    })
  })
  const response = await fetch(`${host.origin}${reply.destination.url}?token=${host.token}`)
  if (!response.ok || !response.body) throw new Error(`download failed: HTTP ${response.status}`)
  await pipeline(Readable.fromWeb(response.body as never), createWriteStream(file))
  const outcome = await done
  const ms = performance.now() - started
  if (outcome.outcome !== 'succeeded') throw new Error(`export ${outcome.outcome}`)
  const rows = outcome.summary.rows
  return { rows, ms, rowsPerSecond: Math.round(rows / (ms / 1000)), bytes: (await stat(file)).size }
}

async function psqlCopy(server: TestServerInfo, file: string, rows: number) {
  const started = performance.now()
  const copy = `\\copy (${QUERY}) TO '${file}' (FORMAT csv, HEADER true)`
  await execFileAsync('psql', [...psqlArgs(server), '-c', copy], { env: psqlEnv(server) })
  const ms = performance.now() - started
  return { ms, rowsPerSecond: Math.round(rows / (ms / 1000)), bytes: (await stat(file)).size }
}

const count = (n: number) => n.toLocaleString('en')

export async function measureConsole(
  engine: string,
  host: HostClient,
  server: TestServerInfo,
  rows: number,
  runs: number,
): Promise<ConsoleResult> {
  const folder = await mkdtemp(join(tmpdir(), 'bench-console-'))
  try {
    const firstRowsMs = await firstRows(host, runs)
    const psqlFirstRowsMs = await psqlFirstRows(server, runs)
    console.log(
      `  first ${FIRST_PAGE} rows: console ${firstRowsMs.toFixed(1)} ms (target ≤ 300 ms), psql with FETCH_COUNT ${psqlFirstRowsMs.toFixed(1)} ms (its process start included)`,
    )
    const scroll = await scrollToEnd(host)
    const rss =
      scroll.rssGrowthMb === null ? 'n/a (Linux only)' : `${scroll.rssGrowthMb.toFixed(1)} MB`
    console.log(
      `  scroll to the end (${count(scroll.rows)} rows, pages of ${SCROLL_PAGE}): ${(scroll.ms / 1000).toFixed(1)} s, ${count(scroll.rowsPerSecond)} rows/s; web host RSS growth ${rss} (target ≤ 100 MB)`,
    )
    const exported = await exportCsv(host, join(folder, 'console.csv'))
    const copy = await psqlCopy(server, join(folder, 'psql.csv'), exported.rows)
    console.log(
      `  Export CSV: console ${count(exported.rowsPerSecond)} rows/s (${(exported.ms / 1000).toFixed(1)} s, ${(exported.bytes / MB).toFixed(0)} MB); psql \\copy ${count(copy.rowsPerSecond)} rows/s (${(copy.ms / 1000).toFixed(1)} s, ${(copy.bytes / MB).toFixed(0)} MB); ratio ${(exported.rowsPerSecond / copy.rowsPerSecond).toFixed(2)}`,
    )
    return { engine, rows, firstRowsMs, psqlFirstRowsMs, scroll, export: exported, psqlCopy: copy }
  } finally {
    await rm(folder, { recursive: true, force: true })
  }
}
