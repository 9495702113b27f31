/**
 * JIT compilation off for catalog reads, on (the server's setting) for the rest.
 *
 * Where PostgreSQL is built with LLVM (Debian's and Ubuntu's packages, many
 * clouds), a statement whose estimated cost passes jit_above_cost is compiled
 * first. A catalog read over 1,000 tables passes it: on TimescaleDB 2.28.3 /
 * PostgreSQL 15 the Database page's list took 1.1-1.9 s, of which 50 ms was
 * the statement and the rest compiling it. Charts over millions of rows gain
 * from JIT (measured: 10M rows, 2.2 s with it against 2.8 s without), so it
 * stays as the server has it there. A pooled session remembers which way it
 * is set, so a switch costs one round trip and only when the kind changes.
 */
import type pg from 'pg'

type JitState = 'server' | 'off' | 'unsupported'
const states = new WeakMap<pg.ClientBase, JitState>()

/**
 * Sets the session's JIT for the next statement: off for a catalog read, else the server's.
 * `run` is the driver's own statement runner, so a switch on a silent network gives up
 * like any statement does instead of waiting on TCP.
 */
export async function matchJit(
  client: pg.ClientBase,
  catalogRead: boolean,
  run: (sql: string) => Promise<unknown>,
): Promise<void> {
  const state = states.get(client) ?? 'server'
  const wanted = catalogRead ? 'off' : 'server'
  if (state === wanted || state === 'unsupported') return
  try {
    await run(catalogRead ? 'SET jit = off' : 'RESET jit')
    states.set(client, wanted)
  } catch (error) {
    // PostgreSQL before 11 has no jit setting (and no JIT): nothing to switch.
    if ((error as { code?: string }).code !== '42704') throw error
    states.set(client, 'unsupported')
  }
}
