import type {
  Cell,
  ConsoleRunReply,
  ConsoleSettings,
  StatementOutcome,
} from '../../../shared/domain/console'
import type { ParamValue } from '../../../shared/sql/params'
import type { BackendOptions } from '../backend'
import type { TestBackend } from './backend'
import { connectEngine, type ConnectedBackend, type EngineName } from './engines'

export const AUTO_WRITE: ConsoleSettings = {
  readOnly: false,
  autoCommit: true,
  statementTimeoutMs: 0,
}
export const AUTO_READ: ConsoleSettings = {
  readOnly: true,
  autoCommit: true,
  statementTimeoutMs: 0,
}
export const MANUAL_WRITE: ConsoleSettings = {
  readOnly: false,
  autoCommit: false,
  statementTimeoutMs: 0,
}

/** connectEngine with backend options (console limits, an export file picker). */
export function connectConsole(
  engine: EngineName,
  options: Partial<BackendOptions> = {},
): Promise<ConnectedBackend> {
  return connectEngine(engine, 'console', { backend: options })
}

/** Runs SQL in a console tab and returns the reply. */
export function run(
  call: TestBackend['call'],
  sql: string,
  {
    tab = 'tab-1',
    settings = AUTO_WRITE,
    params = {},
    pageSize,
  }: {
    tab?: string
    settings?: ConsoleSettings
    params?: Record<string, ParamValue>
    pageSize?: number
  } = {},
): Promise<ConsoleRunReply> {
  return call('console/run', {
    consoleId: tab,
    sql,
    params,
    settings,
    ...(pageSize ? { pageSize } : {}),
  })
}

/** The one statement's outcome, failing the test with the server's message if it did not succeed. */
export async function runOk(
  call: TestBackend['call'],
  sql: string,
  options: Parameters<typeof run>[2] = {},
): Promise<StatementOutcome> {
  const reply = await run(call, sql, options)
  const failed = reply.statements.find((s) => s.status !== 'ok')
  if (failed) throw new Error(`console: ${failed.error?.message ?? failed.status} in ${sql}`)
  const last = reply.statements.at(-1)
  if (!last) throw new Error('console: no statement ran')
  return last
}

/** Every row of an outcome: its first page, then the rest through console/fetch. */
export async function allRows(
  call: TestBackend['call'],
  outcome: StatementOutcome,
  { tab = 'tab-1', pageSize = 1000 } = {},
): Promise<Cell[][]> {
  const rows = [...outcome.rows]
  if (!outcome.resultId) return rows
  for (;;) {
    const page = await call('console/fetch', {
      consoleId: tab,
      resultId: outcome.resultId,
      offset: rows.length,
      limit: pageSize,
    })
    rows.push(...page.rows)
    if (page.rows.length < pageSize) return rows
  }
}
