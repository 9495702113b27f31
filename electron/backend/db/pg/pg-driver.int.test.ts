import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest'
import { ServerParamsSchema } from '../../../../shared/domain/connection'
import { serverParams } from '../../test-support/backend'
import { createScratchDatabase, type ScratchDatabase } from '../../test-support/scratch-database'
import { sampleRows, sensorChunks } from '../../test-support/sensor-rows'
import { quickStartSchema } from '../../test-support/quick-start'
import { whileLocked } from '../../faults/harness'
import { waitFor } from '../../test-support/wait'
import { MAX_CONCURRENT_LOADS, POOL_SIZE } from './pg-config'
import { openPgDriver, type PgDriver } from './pg-driver'

const pgInfo = inject('pg')
let scratch: ScratchDatabase
let admin: pg.Client
let driver: PgDriver

const params = (overrides = {}) =>
  ServerParamsSchema.parse(serverParams(pgInfo, { database: scratch.name, ...overrides }))

beforeAll(async () => {
  scratch = await createScratchDatabase(pgInfo, 'driver')
  admin = scratch.admin
  for (const sql of quickStartSchema()) await admin.query(sql)
  await admin.query("INSERT INTO sensors (type, location) VALUES ('a', 'floor')")
  driver = await openPgDriver({ params: params(), statementTimeoutMs: 2500 })
})

afterAll(async () => {
  await driver?.close()
  await scratch?.drop()
})

/** Our sessions (application_name) as the server sees them. */
async function ourSessions() {
  const { rows } = await admin.query<{ pid: number; state: string; query: string }>(
    "SELECT pid, state, query FROM pg_stat_activity WHERE application_name = 'TSDB Explorer' AND datname = $1",
    [scratch.name],
  )
  return rows
}

const count = async () =>
  (await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM sensor_data')).rows[0]?.n

describe('node-postgres driver against a real server', () => {
  it('connects with scram and reports the server without TimescaleDB', async () => {
    const info = await driver.info()
    expect(info.engine).toBe('postgres')
    expect(info.serverVersion).toMatch(/^\d+\.\d+/)
    expect(info.serverVersionNum).toBeGreaterThan(140000)
    expect(info.timescaledb).toEqual({ installed: null, available: null })
    expect(info.tls).toMatchObject({ enabled: false })
  })

  it('sets statement_timeout on every pooled session right after connect', async () => {
    const [a, b] = await Promise.all([
      driver.query<{ statement_timeout: string }>('SHOW statement_timeout'),
      driver.query<{ statement_timeout: string }>('SHOW statement_timeout'),
    ])
    expect(a.rows[0]?.statement_timeout).toBe('2500ms')
    expect(b.rows[0]?.statement_timeout).toBe('2500ms')
    await expect(driver.query('SELECT pg_sleep(10)')).rejects.toMatchObject({ code: 'timeout' })
  })

  it('survives the server killing its idle connections, and the next call works', async () => {
    await driver.query('SELECT 1')
    const idle = (await ourSessions()).filter((s) => s.state === 'idle')
    expect(idle.length).toBeGreaterThan(0)
    await admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'TSDB Explorer' AND datname = $1",
      [scratch.name],
    )
    await new Promise((r) => setTimeout(r, 200))
    const { rows } = await driver.query<{ one: number }>('SELECT 1 AS one')
    expect(rows[0]?.one).toBe(1)
  })

  it('cancels a running statement on the server when aborted', async () => {
    const controller = new AbortController()
    const running = driver.query('SELECT pg_sleep(10) AS slept', [], { signal: controller.signal })
    // Running on the server (a new pooled session connects and is set up first: wait for it).
    await waitFor('the statement to run on the server', async () =>
      (await ourSessions()).some((s) => s.query.includes('pg_sleep(10)') && s.state === 'active'),
    )
    controller.abort()
    await expect(running).rejects.toMatchObject({ code: 'cancelled' })
    // The call rejects at once; the server's cancel lands a moment later (on a busy machine, later
    // than one look). Well inside the 10 s sleep, so only a real cancel ends it in time.
    await waitFor(
      'the statement to stop on the server',
      async () =>
        !(await ourSessions()).some(
          (s) => s.state === 'active' && s.query.includes('pg_sleep(10)'),
        ),
      5_000,
    )
  })
})

/** A load of `rows` readings in one piece. */
const loadRows = (d: PgDriver, rows: number, waiting?: (ahead: number) => void) =>
  d.copyIn({
    table: 'sensor_data',
    columns: ['time', 'sensor_id', 'temperature', 'cpu'],
    format: 'binary',
    chunks: sensorChunks(sampleRows(rows), rows),
    ...(waiting ? { waiting } : {}),
  })

describe('interactive connections and loads', () => {
  it('a call that finds every pooled connection busy says the app is busy, not that the server is unreachable', async () => {
    const d = await openPgDriver({ params: params(), poolWaitMs: 300 })
    try {
      const sleeping = Array.from({ length: POOL_SIZE }, () => d.query('SELECT pg_sleep(1.5)'))
      await new Promise((r) => setTimeout(r, 200))
      const error = await d.query('SELECT 1').catch((e: unknown) => e)
      expect(error).toMatchObject({ code: 'busy' })
      expect((error as Error).message).toBe(
        `The app is busy: all ${POOL_SIZE} of its connections to ${pgInfo.host}:${pgInfo.port} are in use by other calls (charts, lists, schema), and none came free within 0.3 s. Nothing was run; try again in a moment.`,
      )
      // Loads do not use the pool: one runs while every pooled connection is taken.
      expect((await loadRows(d, 100)).rows).toBe(100)
      await Promise.all(sleeping)
      expect((await d.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }])
    } finally {
      await d.close()
      await admin.query('DELETE FROM sensor_data')
    }
  })

  it(`runs at most ${MAX_CONCURRENT_LOADS} loads at once; the others wait, told how many are ahead`, async () => {
    const loads = MAX_CONCURRENT_LOADS + 2
    const told: number[][] = Array.from({ length: loads }, () => [])
    // Another session holds writers off, so the loads that start stay in their COPY.
    const running = await whileLocked(pgInfo, scratch.name, 'SHARE', async () => {
      const started = Array.from({ length: loads }, (_, i) =>
        loadRows(driver, 10, (ahead) => told[i]!.push(ahead)),
      )
      const copying = async () => (await ourSessions()).filter((s) => s.query.startsWith('COPY'))
      await vi.waitFor(async () => expect(await copying()).toHaveLength(MAX_CONCURRENT_LOADS))
      expect(told.slice(0, MAX_CONCURRENT_LOADS)).toEqual(
        Array.from({ length: MAX_CONCURRENT_LOADS }, () => []),
      )
      expect(told.slice(MAX_CONCURRENT_LOADS)).toEqual([
        [MAX_CONCURRENT_LOADS],
        [MAX_CONCURRENT_LOADS + 1],
      ])
      return started
    })
    expect((await Promise.all(running)).map((r) => r.rows)).toEqual(Array(loads).fill(10))
    // As the queue moved, the last one was told it had one fewer ahead.
    expect(told.at(-1)).toContain(MAX_CONCURRENT_LOADS)
    expect(await count()).toBe(loads * 10)
    await admin.query('DELETE FROM sensor_data')
  })
})

describe('TLS as libpq defines sslmode', () => {
  it('require: encrypted, certificate not verified', async () => {
    const d = await openPgDriver({ params: params({ sslmode: 'require' }) })
    const info = await d.info()
    await d.close()
    expect(info.tls).toMatchObject({ enabled: true, certificateVerified: false })
    expect(info.tls?.protocol).toMatch(/^TLSv1\.[23]$/)
  })

  it('verify-full with the CA and the right host name: verified', async () => {
    const d = await openPgDriver({
      params: params({ sslmode: 'verify-full', host: 'localhost', caCertPem: pgInfo.caCertPem }),
    })
    const info = await d.info()
    await d.close()
    expect(info.tls).toMatchObject({
      enabled: true,
      certificateVerified: true,
      hostnameVerified: true,
    })
  })
})
