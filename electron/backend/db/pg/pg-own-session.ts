import type pg from 'pg'
import type { DriverCallOptions, OwnSession, QueryOptions, QueryResult, Queryable } from '../driver'
import { cancelledError, throwIfAborted } from '../errors'
import { fromPgError } from './pg-errors'

export interface OwnSessionSteps {
  /** Runs one statement, cancelling it on the server if aborted; no read timeout. */
  run<R>(
    client: pg.ClientBase,
    sql: string,
    params: readonly unknown[],
    options: QueryOptions,
  ): Promise<QueryResult<R>>
  /** Returns false when the session could not roll back (it is gone). */
  rollback(): Promise<boolean>
  /** Drops the session at once (the server rolls back when it notices). */
  drop(): void
}

/**
 * Statements and transactions on one session that is not the pool's (see
 * LoadSessions.withOwnSession). `signal` applies to every statement unless
 * one brings its own.
 */
export function ownSession(
  client: pg.ClientBase,
  signal: AbortSignal | undefined,
  steps: OwnSessionSteps,
): OwnSession {
  const run = async <R>(sql: string, params: readonly unknown[], options: QueryOptions) => {
    try {
      return await steps.run<R>(client, sql, params, options)
    } catch (error) {
      throw fromPgError(error)
    }
  }
  return {
    query: <R>(sql: string, params: readonly unknown[] = [], options: QueryOptions = {}) =>
      run<R>(sql, params, { ...options, signal: options.signal ?? signal }),
    async transaction<T>(work: (tx: Queryable) => Promise<T>, options: DriverCallOptions = {}) {
      const txSignal = options.signal ?? signal
      throwIfAborted(txSignal)
      // BEGIN and COMMIT are not cancelled: the signal is checked between them.
      await run('BEGIN', [], {})
      try {
        const tx: Queryable = {
          query: <R>(sql: string, params: readonly unknown[] = [], o: QueryOptions = {}) =>
            run<R>(sql, params, { ...o, signal: o.signal ?? txSignal }),
        }
        const result = await work(tx)
        throwIfAborted(txSignal)
        await run('COMMIT', [], {})
        return result
      } catch (error) {
        if (!(await steps.rollback())) steps.drop()
        if (txSignal?.aborted) throw cancelledError()
        throw error
      }
    },
  }
}
