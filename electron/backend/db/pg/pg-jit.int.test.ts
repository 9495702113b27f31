import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { ServerParamsSchema } from '../../../../shared/domain/connection'
import { serverParams } from '../../test-support/backend'
import { createScratchDatabase, type ScratchDatabase } from '../../test-support/scratch-database'
import { catalogRead } from '../driver'
import { openPgDriver, type PgDriver } from './pg-driver'

// Native TimescaleDB runs on Debian's PostgreSQL 15, which is built with LLVM JIT.
const tsdb = inject('tsdb')
let scratch: ScratchDatabase
let driver: PgDriver

/** Whether the server compiled the statement (EXPLAIN ANALYZE reports a JIT section). */
async function compiled(options = {}): Promise<boolean> {
  const { rows } = await driver.query<{ 'QUERY PLAN': [Record<string, unknown>] }>(
    'EXPLAIN (ANALYZE, FORMAT JSON) SELECT count(*) FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid',
    [],
    options,
  )
  const plan = rows[0]?.['QUERY PLAN'][0] ?? {}
  return 'JIT' in plan
}

beforeAll(async () => {
  scratch = await createScratchDatabase(tsdb, 'jit')
  // Every statement passes the cost at which the server would compile it.
  await scratch.admin.query(`ALTER DATABASE "${scratch.name}" SET jit_above_cost = 0`)
  driver = await openPgDriver({
    params: ServerParamsSchema.parse(serverParams(tsdb, { database: scratch.name })),
  })
})

afterAll(async () => {
  await driver?.close()
  await scratch?.drop()
})

describe('JIT and catalog reads (pg driver)', () => {
  it('is available on the native server, so the cases below mean something', async () => {
    const { rows } = await driver.query<{ on: boolean }>('SELECT pg_jit_available() AS on')
    expect(rows[0]?.on).toBe(true)
  })

  it('compiles no catalog read, and gives other statements the server setting back', async () => {
    expect(await compiled(catalogRead())).toBe(false)
    expect(await compiled()).toBe(true)
    // Each way again, so a session switched one way is switched back.
    for (let i = 0; i < 3; i++) {
      expect(await compiled(catalogRead())).toBe(false)
      expect(await compiled()).toBe(true)
    }
    const { rows } = await driver.query<{ jit: string }>("SELECT current_setting('jit') AS jit")
    expect(rows[0]?.jit).toBe('on')
  })
})
