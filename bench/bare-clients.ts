/**
 * The references our statements are timed against: the same statement run
 * bare by a client (psql's \timing, or the driver alone), and the server's
 * own EXPLAIN ANALYZE. Shared by the chart and explore suites.
 */
import { execFile } from 'node:child_process'
import { performance } from 'node:perf_hooks'
import { promisify } from 'node:util'
import type { SqlParam } from '../shared/domain/chart'
import type { Driver } from '../electron/backend/db/driver'
import type { TestServerInfo } from '../electron/backend/test-support/postgres-server'

const execFileAsync = promisify(execFile)

/** What a reply carries of its statement. */
export interface RunStatement {
  sql: string
  params: SqlParam[]
}

/** A bare run of a statement, timed by a client: returns ms. */
export interface BareClient {
  label: string
  run(statement: RunStatement): Promise<number>
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

export const fmt = (ms: number) => `${ms.toFixed(1)} ms`.padStart(11)

export async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now()
  const value = await work()
  console.log(`  ${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`)
  return value
}

/** Planning + execution as EXPLAIN (ANALYZE, TIMING OFF) reports it (no rows sent). */
export async function explainMs(driver: Driver, statement: RunStatement): Promise<number> {
  const { rows } = await driver.query<{ 'QUERY PLAN': unknown }>(
    `EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ${statement.sql}`,
    statement.params,
  )
  const raw = rows[0]?.['QUERY PLAN']
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as {
    'Planning Time': number
    'Execution Time': number
  }[]
  return (plan[0]?.['Planning Time'] ?? 0) + (plan[0]?.['Execution Time'] ?? 0)
}

/** The driver alone: one statement, rows fetched, nothing of ours around it. */
export function driverClient(driver: Driver): BareClient {
  return {
    label: 'driver',
    run: async (statement) => {
      const started = performance.now()
      await driver.query(statement.sql, statement.params, { rowMode: 'array' })
      return performance.now() - started
    },
  }
}

function literal(value: SqlParam): string {
  if (Array.isArray(value)) {
    const items = value.map((v) => (v === null ? 'NULL' : JSON.stringify(String(v))))
    return `'{${items.join(',').replaceAll("'", "''")}}'`
  }
  return typeof value === 'string' ? `'${value.replaceAll("'", "''")}'` : String(value)
}

/** The statement with its parameters written in as literals, as a person would type it. */
export function inlineParams(statement: RunStatement): string {
  return statement.sql.replace(/\$(\d+)/g, (_, n: string) =>
    literal(statement.params[Number(n) - 1] ?? ''),
  )
}

export interface PsqlTarget {
  host: string
  port: number
  user: string
  password: string
  database: string
}

/** psql against the server (no .psqlrc), with these arguments after the connection; its stdout. */
export async function psql(server: PsqlTarget | TestServerInfo, args: string[]): Promise<string> {
  const connection = ['-X', '-h', server.host, '-p', String(server.port), '-U', server.user]
  const { stdout } = await execFileAsync('psql', [...connection, '-d', server.database, ...args], {
    env: { ...process.env, PGPASSWORD: server.password },
    maxBuffer: 16 * 1024 * 1024,
  })
  return stdout
}

/** One statement run by psql with \timing on, rows discarded; psql's own time in ms. */
export async function psqlTiming(
  server: PsqlTarget | TestServerInfo,
  sql: string,
): Promise<number> {
  const stdout = await psql(server, ['-q', '-o', '/dev/null', '-c', '\\timing on', '-c', sql])
  const ms = /Time: ([\d.]+) ms/.exec(stdout)?.[1]
  if (!ms) throw new Error(`psql printed no timing: ${stdout.slice(0, 200)}`)
  return Number(ms)
}

/** psql with \timing: the statement with its parameters written in as literals. */
export function psqlClient(server: PsqlTarget | TestServerInfo): BareClient {
  return {
    label: 'psql \\timing',
    run: (statement) => psqlTiming(server, inlineParams(statement)),
  }
}
