import type { ConsoleErrorInfo } from '../../../shared/domain/console'
import { AppError } from '../../../shared/errors'
import { statementKind, type StatementKind } from '../../../shared/sql/kind'
import {
  bindStatement,
  indexOfCharacter,
  ParamError,
  statementParams,
  type BoundStatement,
  type ParamValue,
} from '../../../shared/sql/params'
import { splitStatements, type StatementSpan } from '../../../shared/sql/split'
import { fromPgError } from '../db/pg/pg-errors'
import { isPgError, sqlstateOf } from '../db/errors'

/** A statement of the request, ready to send: placeholders bound, its kind known. */
export interface PlannedStatement {
  span: StatementSpan
  kind: StatementKind
  bound: BoundStatement
}

/**
 * Splits the request's SQL and binds every statement's placeholders before
 * anything runs, so a missing or malformed value changes nothing.
 */
export function planScript(
  sql: string,
  params: Readonly<Record<string, ParamValue>>,
): PlannedStatement[] {
  const spans = splitStatements(sql)
  if (spans.length === 0) {
    throw new AppError(
      'invalid_input',
      'There is no statement to run: the text is empty or only comments.',
    )
  }
  let formatBase = 0
  return spans.map((span) => {
    try {
      const slots = statementParams(span, formatBase)
      if (slots.style === 'format') formatBase += slots.slots.length
      return { span, kind: statementKind(span), bound: bindStatement(span, slots, params) }
    } catch (error) {
      if (error instanceof ParamError) {
        throw new AppError('invalid_input', error.message, {
          position: span.start + (error.offset ?? 0),
        })
      }
      throw error
    }
  })
}

/**
 * Where in the request's SQL a server error points: PostgreSQL counts
 * characters from 1 in the text it was sent, which is `prefix` (e.g. a
 * DECLARE we put in front) plus the bound statement.
 */
export function locate(
  statement: PlannedStatement,
  prefix: string,
  position: unknown,
): number | null {
  const n = Number(position)
  if (!Number.isInteger(n) || n < 1) return null
  const sent = prefix + statement.bound.sql
  const offset = indexOfCharacter(sent, n) - prefix.length
  if (offset < 0) return null
  return statement.span.start + statement.bound.toWritten(offset)
}

/** An error as the console shows it: the server's words, its SQLSTATE and where it points. */
export function consoleErrorOf(
  error: unknown,
  statement: PlannedStatement | null,
  prefix = '',
): { status: 'error' | 'cancelled'; error: ConsoleErrorInfo } {
  const appError = fromPgError(error)
  const sqlstate = isPgError(error) ? (error.code ?? null) : (sqlstateOf(appError) ?? null)
  const position =
    isPgError(error) && statement
      ? locate(statement, prefix, (error as { position?: unknown }).position)
      : null
  const userCancel = appError.code === 'cancelled'
  return {
    status: userCancel ? 'cancelled' : 'error',
    error: {
      code: appError.code,
      message:
        userCancel && sqlstate === '57014'
          ? 'Cancelled: the server stopped the statement.'
          : appError.message,
      sqlstate,
      position,
    },
  }
}

/** A failure reading an open result, as an AppError carrying the server's SQLSTATE. */
export function consoleFailure(error: unknown): AppError {
  const { error: info } = consoleErrorOf(error, null)
  const detail = info.sqlstate ? { sqlstate: info.sqlstate } : undefined
  return new AppError(info.code as AppError['code'], info.message, detail)
}
