import type { Driver, DriverCallOptions, QueryOptions } from './driver'

/**
 * The driver with a call's signal applied to everything it runs, so a handler
 * that passes it to repository code gets cancellation without threading the
 * signal through every function. An explicit signal in the options still wins.
 */
export function withSignal(driver: Driver, signal: AbortSignal): Driver {
  const bind = <O extends QueryOptions | DriverCallOptions>(options?: O): O =>
    ({ ...options, signal: options?.signal ?? signal }) as O
  return {
    engine: driver.engine,
    query: (sql, params, options) => driver.query(sql, params, bind(options)),
    transaction: (work, options) => driver.transaction(work, bind(options)),
    copyIn: (copy, options) => driver.copyIn(copy, bind(options)),
    withOwnSession: (work, options) => driver.withOwnSession(work, bind(options)),
    info: () => driver.info(),
    // The connection belongs to the session, not to one call.
    close: () => Promise.reject(new Error('A call may not close the session’s connection.')),
  }
}
