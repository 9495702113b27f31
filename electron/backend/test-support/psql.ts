import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import type { Cell } from '../../../shared/domain/console'
import type { TestServerInfo } from './postgres-server'

/** Debian's psql (postgresql-client, which .ci/run installs). */
export const PSQL = ['/usr/bin/psql', '/usr/lib/postgresql/15/bin/psql'].find((p) => existsSync(p))

/** How both psql's output and the console's rows are rendered for comparison. */
export const FIELD_SEPARATOR = '\u001f'
export const NULL_TEXT = '<NULL>'

export interface PsqlResult {
  /** Each row's fields, unaligned (`-A -t`), NULL as NULL_TEXT. */
  rows: string[][]
  /** psql's error line ("ERROR:  …"), if the statement failed. */
  error: string | null
}

/**
 * Runs one statement with psql against a database of the test server, as a
 * person would: `psql -X -A -t -F <US> -P null=<NULL> -c <sql>`. With
 * `describe`, psql's `\gdesc` instead: each result column's name and type.
 */
export function psql(
  server: TestServerInfo,
  database: string,
  sql: string,
  { describe = false } = {},
): Promise<PsqlResult> {
  if (!PSQL) throw new Error('psql is not installed (apt-get install postgresql-client)')
  const args = [
    '-X',
    '-q',
    '-A',
    '-t',
    '-F',
    FIELD_SEPARATOR,
    '-P',
    `null=${NULL_TEXT}`,
    '-v',
    'ON_ERROR_STOP=1',
  ]
  args.push('-h', server.host, '-p', String(server.port), '-U', server.user, '-d', database)
  const input = describe ? `${sql.replace(/;\s*$/, '')} \\gdesc` : sql
  return new Promise((resolve, reject) => {
    const child = execFile(
      PSQL,
      args,
      { env: psqlEnv(server), maxBuffer: 256 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const line = stderr.split('\n').find((l) => l.startsWith('ERROR:'))
        if (error && !line) return reject(new Error(`psql failed: ${stderr || error.message}`))
        const rows = stdout
          .split('\n')
          .filter((l) => l.length > 0)
          .map((l) => l.split(FIELD_SEPARATOR))
        resolve({ rows, error: line ?? null })
      },
    )
    child.stdin?.end(input)
  })
}

function psqlEnv(server: TestServerInfo): NodeJS.ProcessEnv {
  // The server's own time zone, as the app's sessions get: no PGTZ from the caller.
  const { PGTZ: _tz, ...env } = process.env
  return { ...env, PGPASSWORD: server.password, PGSSLMODE: 'disable' }
}

/** The console's rows rendered the way psql prints them above. */
export function asPsqlRows(rows: readonly Cell[][]): string[][] {
  return rows.map((row) => row.map((cell) => cell ?? NULL_TEXT))
}

/** psql's raw output of one statement (e.g. `COPY … TO STDOUT`), as a person would save it. */
export function psqlRaw(server: TestServerInfo, database: string, sql: string): Promise<string> {
  if (!PSQL) throw new Error('psql is not installed (apt-get install postgresql-client)')
  const args = ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', server.host, '-p', String(server.port)]
  args.push('-U', server.user, '-d', database, '-c', sql)
  return new Promise((resolve, reject) => {
    execFile(
      PSQL,
      args,
      { env: psqlEnv(server), maxBuffer: 256 * 1024 * 1024 },
      (error, stdout, stderr) =>
        error ? reject(new Error(`psql failed: ${stderr || error.message}`)) : resolve(stdout),
    )
  })
}
