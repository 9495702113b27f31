import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { ServerParamsSchema } from '../../../../shared/domain/connection'
import { AppError } from '../../../../shared/errors'
import { serverParams } from '../../test-support/backend'
import { createScratchDatabase, type ScratchDatabase } from '../../test-support/scratch-database'
import { waitFor } from '../../test-support/wait'
import { openPgDriver, type PgDriver } from './pg-driver'

/**
 * Driver.withOwnSession on PostgreSQL: long maintenance on a session of its
 * own (not one of the pool's), without the interactive statement timeout,
 * each transaction all or nothing, and a cancel that stops the statement on
 * the server.
 */
const pgInfo = inject('pg')
let scratch: ScratchDatabase
let admin: pg.Client
let driver: PgDriver

beforeAll(async () => {
  scratch = await createScratchDatabase(pgInfo, 'ownsession')
  admin = scratch.admin
  await admin.query('CREATE TABLE t (n int)')
  driver = await openPgDriver({
    params: ServerParamsSchema.parse(serverParams(pgInfo, { database: scratch.name })),
    statementTimeoutMs: 1000,
  })
})

afterAll(async () => {
  await driver?.close()
  await scratch?.drop()
})

const backendPid = async (db: { query: PgDriver['query'] }) =>
  (await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid

describe('a session of its own', () => {
  it('is not a pooled session, has no statement timeout, and ends with the work', async () => {
    const pooled = await backendPid(driver)
    const seen = await driver.withOwnSession(async (session) => {
      const pid = await backendPid(session)
      const timeout = await session.query<{ statement_timeout: string }>('SHOW statement_timeout')
      // Longer than the pool's 1 s statement timeout.
      await session.query('SELECT pg_sleep(1.5)')
      return { pid, timeout: timeout.rows[0]?.statement_timeout }
    })
    expect(seen.pid).not.toBe(pooled)
    expect(seen.timeout).toBe('0')
    await waitFor('the session to end', async () => {
      const { rows } = await admin.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [
        seen.pid,
      ])
      return rows.length === 0 ? true : null
    })
  })

  it('commits each transaction whole, and rolls back the one that fails', async () => {
    await driver.withOwnSession(async (session) => {
      await session.transaction((tx) => tx.query('INSERT INTO t VALUES (1), (2)'))
      await expect(
        session.transaction(async (tx) => {
          await tx.query('INSERT INTO t VALUES (3)')
          await tx.query('SELECT 1 / 0')
        }),
      ).rejects.toMatchObject({ code: 'bad_data', message: 'division by zero' })
      // The session is still usable after the rollback.
      await session.transaction((tx) => tx.query('INSERT INTO t VALUES (4)'))
    })
    const { rows } = await admin.query<{ n: number }>('SELECT n FROM t ORDER BY n')
    expect(rows.map((r) => r.n)).toEqual([1, 2, 4])
  })

  it('a cancel stops the statement on the server and rolls its transaction back', async () => {
    const controller = new AbortController()
    let pid = 0
    const running = driver.withOwnSession(
      async (session) => {
        pid = await backendPid(session)
        await session.transaction(async (tx) => {
          await tx.query('INSERT INTO t VALUES (99)')
          await tx.query('SELECT pg_sleep(30)')
        })
      },
      { signal: controller.signal },
    )
    await waitFor('the sleep to run', async () => {
      const { rows } = await admin.query<{ query: string }>(
        'SELECT query FROM pg_stat_activity WHERE pid = $1',
        [pid],
      )
      return rows[0]?.query.includes('pg_sleep(30)') ? true : null
    })
    const cancelledAt = Date.now()
    controller.abort()
    const error = await running.then(
      () => null,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('cancelled')
    expect(Date.now() - cancelledAt).toBeLessThan(10_000)
    const { rows } = await admin.query('SELECT 1 FROM t WHERE n = 99')
    expect(rows).toEqual([])
    await waitFor('the sleep to stop on the server', async () => {
      const { rows: active } = await admin.query(
        "SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND query LIKE '%pg_sleep(30)%' AND state = 'active'",
        [pid],
      )
      return active.length === 0 ? true : null
    })
  })
})
