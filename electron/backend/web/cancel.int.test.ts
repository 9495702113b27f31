import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BucketedRequestInput } from '../../../shared/domain/series'
import {
  connectEngine,
  ENGINES,
  SERVER_ENGINES,
  type ConnectedBackend,
  type EngineName,
} from '../test-support/engines'
import { quickStartSchema } from '../test-support/quick-start'
import { waitFor } from '../test-support/wait'
import { startTestWebHost, type TestWebHost } from '../test-support/web-client'

/**
 * Cancellation end to end, as the renderer drives it: calls and cancels by
 * request id over the web host's WebSocket, each tab with its own calls.
 */
const BASE = Date.UTC(2026, 0, 10)
const DAY = 86_400_000
const chart: BucketedRequestInput = { from: BASE, to: BASE + DAY, pixels: 800, bucket: 300 }

interface Setup {
  engine: ConnectedBackend
  web: TestWebHost
}

async function setUp(name: EngineName): Promise<Setup> {
  const engine = await connectEngine(name, 'cancel')
  const db = engine.t.driver()
  for (const statement of quickStartSchema()) await db.query(statement)
  await db.query(`INSERT INTO sensors (type, location) VALUES ('a', 'floor'), ('b', 'ceiling')`)
  await db.query(
    `INSERT INTO sensor_data (time, sensor_id, temperature, cpu)
     SELECT to_timestamp($1::float8 / 1000) + n * interval '1 minute', 1 + n % 2, n % 30, (n % 10) / 10.0
       FROM generate_series(0, 1439) AS n`,
    [BASE],
  )
  return { engine, web: await startTestWebHost(engine.t.backend) }
}

const setups = new Map<EngineName, Setup>()

beforeAll(async () => {
  for (const name of ENGINES) setups.set(name, await setUp(name))
})

afterAll(async () => {
  for (const { engine, web } of setups.values()) {
    await web.close()
    await engine.close()
  }
})

function setup(name: EngineName): Setup {
  const found = setups.get(name)
  if (!found) throw new Error(`${name} did not start`)
  return found
}

// The engines with a server that shows its sessions (the embedded one has no pg_stat_activity).
describe.each(SERVER_ENGINES)('cancelling a chart query on %s', (name) => {
  /** The admin session, holding sensor_data so the chart's statement stays running. */
  async function holdingTheTable<T>(work: (running: () => Promise<number | null>) => Promise<T>) {
    const { scratch } = setup(name).engine
    if (!scratch) throw new Error(`${name} has no admin session`)
    const admin = scratch.admin
    const running = async () => {
      // Inside the admin's transaction the statistics views are a snapshot: refresh it.
      await admin.query('SELECT pg_stat_clear_snapshot()')
      const { rows } = await admin.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity
          WHERE datname = $1 AND state = 'active' AND pid <> pg_backend_pid()
            AND query LIKE '%"sensor_data" d%'`,
        [scratch.name],
      )
      return rows[0]?.pid ?? null
    }
    await admin.query('BEGIN')
    await admin.query('LOCK TABLE sensor_data IN ACCESS EXCLUSIVE MODE')
    try {
      return await work(running)
    } finally {
      await admin.query('COMMIT')
    }
  }

  /** Waits at most 1 s from now for the session to leave pg_stat_activity. */
  async function goneWithinOneSecond(pid: number): Promise<void> {
    const { admin } = setup(name).engine.scratch!
    const started = Date.now()
    await waitFor(
      `session ${pid} gone from pg_stat_activity`,
      async () => {
        await admin.query('SELECT pg_stat_clear_snapshot()')
        const { rows } = await admin.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid])
        return rows.length === 0
      },
      1_000,
    )
    expect(Date.now() - started).toBeLessThanOrEqual(1_000)
  }

  it('a superseded query is gone from pg_stat_activity within 1 s, and its successor answers', async () => {
    const tab = await setup(name).web.connect()
    const { superseded, newer } = await holdingTheTable(async (running) => {
      const superseded = tab.call('series/bucketed', chart, 'c1')
      const pid = await waitFor('the first chart running on the server', running)
      // What the charts slice does when the range changes: abort the old request, send the new.
      tab.cancel('c1')
      const newer = tab.call('series/bucketed', { ...chart, bucket: 900 }, 'c2')
      await goneWithinOneSecond(pid)
      return { superseded, newer }
    })
    expect(await superseded).toMatchObject({ ok: false, error: { code: 'cancelled' } })
    expect(await newer).toMatchObject({ ok: true, value: { bucketSeconds: 900 } })
    tab.close()
  })

  it('a query whose tab went away (socket dropped) is gone from pg_stat_activity within 1 s', async () => {
    const tab = await setup(name).web.connect()
    const other = await setup(name).web.connect()
    const { survivor } = await holdingTheTable(async (running) => {
      void tab.call('series/bucketed', chart, 'c1')
      const pid = await waitFor('the chart running on the server', running)
      const survivor = other.call('series/bucketed', chart, 'c1')
      tab.close()
      await goneWithinOneSecond(pid)
      return { survivor }
    })
    // The other tab's query, with the same request id, was not touched.
    expect(await survivor).toMatchObject({ ok: true, value: { bucketSeconds: 300 } })
    other.close()
  })
})

describe.each(ENGINES)('two tabs charting at once on %s', (name) => {
  it('both get their answer: one tab never supersedes another', async () => {
    const [one, two] = [await setup(name).web.connect(), await setup(name).web.connect()]
    // The same request id in each tab, different charts, in flight together.
    const [a, b] = await Promise.all([
      one.call('series/bucketed', chart, 'r1'),
      two.call('series/bucketed', { ...chart, bucket: 600 }, 'r1'),
    ])
    expect(a).toMatchObject({ ok: true, value: { bucketSeconds: 300 } })
    expect(b).toMatchObject({ ok: true, value: { bucketSeconds: 600 } })
    one.close()
    two.close()
  })
})
