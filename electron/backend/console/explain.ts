import type { ConsoleExplainReply, ConsoleStatementRequest } from '../../../shared/domain/console'
import { AppError } from '../../../shared/errors'
import { parseExplain } from '../../../shared/sql/explain'
import { consoleErrorOf, planScript, type PlannedStatement } from './plan'
import type { ConsoleSession } from './session'

export const EXPLAIN_PREFIX = 'EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) '

/** Explain and export work on one statement: the one at the cursor, or the selection. */
export function onlyStatement(request: ConsoleStatementRequest, what: string): PlannedStatement {
  const plan = planScript(request.sql, request.params)
  if (plan.length !== 1) {
    throw new AppError(
      'invalid_input',
      `${what} takes one statement, and this text has ${plan.length}: put the cursor in one, or select it.`,
    )
  }
  return plan[0] as PlannedStatement
}

/** A server error on one statement, as an AppError whose detail points into the request's SQL. */
export function statementFailure(
  error: unknown,
  statement: PlannedStatement,
  prefix: string,
): AppError {
  const { error: info } = consoleErrorOf(error, statement, prefix)
  const detail: Record<string, string | number> = {}
  if (info.sqlstate) detail.sqlstate = info.sqlstate
  if (info.position !== null) detail.position = info.position
  return new AppError(info.code as AppError['code'], info.message, detail)
}

/**
 * Runs EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON): ANALYZE executes the
 * statement, so it runs in a transaction (or savepoint) that is rolled back
 * and changes nothing, whatever Read-only says.
 */
export async function explainStatement(
  session: ConsoleSession,
  request: ConsoleStatementRequest,
  signal?: AbortSignal,
): Promise<ConsoleExplainReply> {
  const statement = onlyStatement(request, 'Explain')
  return session.serial(async () => {
    await session.closeResult()
    session.tx.check(request.settings)
    await session.tx.applyTimeout(request.settings.statementTimeoutMs)
    const started = performance.now()
    try {
      const raw = await session.tx.discarding(request.settings, () =>
        session.io.run(EXPLAIN_PREFIX + statement.bound.sql, statement.bound.values, { signal }),
      )
      const durationMs = Math.round(performance.now() - started)
      return {
        ...parseExplain(raw.rows[0]?.[0] ?? null),
        durationMs,
        notices: session.io.takeNotices(),
      }
    } catch (error) {
      session.io.takeNotices()
      throw statementFailure(error, statement, EXPLAIN_PREFIX)
    }
  }, signal)
}
