import { afterEach, describe, expect, it } from 'vitest'
import type { ConsoleClosedEvent } from '../../../shared/domain/console'
import { rejection } from '../test-support/backend'
import { AUTO_WRITE, connectConsole, MANUAL_WRITE, run, runOk } from '../test-support/console'
import { SERVER_ENGINES, type ConnectedBackend } from '../test-support/engines'
import { waitFor } from '../test-support/wait'
import { startTestWebHost, type TestWebHost } from '../test-support/web-client'

const CONSOLE_APP = 'TSDB Explorer console'

describe.each(SERVER_ENGINES)('console sessions on %s', (engine) => {
  let c: ConnectedBackend | null = null
  let web: TestWebHost | null = null
  afterEach(async () => {
    await web?.close()
    await c?.close()
    c = web = null
  })

  const admin = () => {
    if (!c?.scratch) throw new Error('no scratch database')
    return c.scratch.admin
  }
  /** The app's console sessions on the scratch database, as the server lists them. */
  const consoleSessions = async () =>
    (
      await admin().query<{ pid: number; state: string; query: string }>(
        'SELECT pid, state, query FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()',
        [CONSOLE_APP],
      )
    ).rows
  const closedEvents = () =>
    (c?.t.events ?? [])
      .filter((e) => e.name === 'console/closed')
      .map((e) => e.payload as ConsoleClosedEvent)

  it('cancels a running statement on the server by its request id: gone from pg_stat_activity within 1 s', async () => {
    c = await connectConsole(engine)
    web = await startTestWebHost(c.t.backend)
    const tab = await web.connect()
    const request = { consoleId: 'tab-1', sql: 'SELECT pg_sleep(60)', settings: AUTO_WRITE }
    // What the renderer does: a call under a request id, then a cancel message for that id.
    const running = tab.call('console/run', request, 'run-1')
    await waitFor('the sleep to be active', async () =>
      (await consoleSessions()).some((s) => s.state === 'active'),
    )
    const cancelledAt = performance.now()
    tab.cancel('run-1')
    await waitFor(
      'the sleep to stop',
      async () => !(await consoleSessions()).some((s) => s.state === 'active'),
      5000,
    )
    expect(performance.now() - cancelledAt).toBeLessThan(1000)
    // The renderer has stopped waiting by now (its call() rejects on abort); the reply still
    // says what happened, as the tab's history records it.
    const reply = await running
    expect(reply).toMatchObject({ ok: true, value: { statements: [{ status: 'cancelled' }] } })
    // The tab's session survives its cancelled statement.
    const next = await tab.call('console/run', { ...request, sql: 'SELECT 1' })
    expect(next).toMatchObject({ ok: true, value: { statements: [{ rows: [['1']] }] } })
    tab.close()
  })

  it("ends a window's or tab's console sessions when it goes away, and only its own", async () => {
    c = await connectConsole(engine)
    web = await startTestWebHost(c.t.backend)
    await runOk(c.t.call, 'CREATE TABLE gone_t (id int)')
    const [leaving, staying] = [await web.connect(), await web.connect()]
    // The same tab ids in both: each client's tabs are its own.
    const write = {
      consoleId: 'tab-1',
      sql: 'INSERT INTO gone_t VALUES (1)',
      settings: MANUAL_WRITE,
    }
    expect(await leaving.call('console/run', write)).toMatchObject({ ok: true })
    const cursor = {
      consoleId: 'tab-2',
      sql: 'SELECT generate_series(1, 5000)',
      pageSize: 10,
      settings: AUTO_WRITE,
    }
    expect(await leaving.call('console/run', cursor)).toMatchObject({ ok: true })
    expect(await staying.call('console/run', write)).toMatchObject({ ok: true })
    expect(await consoleSessions()).toHaveLength(4) // the local one that created the table, 2 + 1
    leaving.close()
    await waitFor(
      "the closed tab's sessions to end",
      async () => (await consoleSessions()).length === 2,
    )
    // Its transaction was rolled back; the other client's is still open, and commits.
    expect(await staying.call('console/state', { consoleId: 'tab-1' })).toMatchObject({
      ok: true,
      value: { tx: 'open' },
    })
    expect(await staying.call('console/commit', { consoleId: 'tab-1' })).toMatchObject({ ok: true })
    expect((await admin().query('SELECT count(*)::int AS n FROM gone_t')).rows[0].n).toBe(1)
    staying.close()
  })

  it("stops a statement at the tab's own timeout, and only in that tab", async () => {
    c = await connectConsole(engine)
    const slow = await run(c.t.call, 'SELECT pg_sleep(2)', {
      tab: 'quick',
      settings: { ...AUTO_WRITE, statementTimeoutMs: 200 },
    })
    expect(slow.statements[0]?.error?.code).toBe('timeout')
    expect(slow.statements[0]?.error?.message).toMatch(/statement timeout/)
    const patient = await run(c.t.call, 'SELECT pg_sleep(0.5)', { tab: 'patient' })
    expect(patient.statements[0]?.status).toBe('ok')
  })

  it('gives each tab a session of its own, ended (and rolled back) when the tab closes', async () => {
    c = await connectConsole(engine)
    await runOk(c.t.call, 'CREATE TABLE t (id int)')
    await run(c.t.call, 'INSERT INTO t VALUES (1)', { tab: 'a', settings: MANUAL_WRITE })
    await runOk(c.t.call, 'SELECT 1', { tab: 'b' })
    expect(await consoleSessions()).toHaveLength(3)
    expect(await c.t.call('console/close', { consoleId: 'a' })).toEqual({ rolledBack: true })
    await waitFor('tab a to close', async () => (await consoleSessions()).length === 2)
    expect((await admin().query('SELECT count(*)::int AS n FROM t')).rows[0].n).toBe(0)
  })

  it('holds at most maxSessions: an idle tab makes room, tabs with work in progress do not', async () => {
    c = await connectConsole(engine, { console: { maxSessions: 2 } })
    await runOk(c.t.call, 'SELECT 1', { tab: 'a' })
    await runOk(c.t.call, 'SELECT 2', { tab: 'b' })
    await runOk(c.t.call, 'SELECT 3', { tab: 'c' })
    expect(closedEvents()).toEqual([{ consoleId: 'a', reason: 'evicted', rolledBack: false }])
    expect(await consoleSessions()).toHaveLength(2)
    await run(c.t.call, 'SELECT 1', { tab: 'b', settings: MANUAL_WRITE })
    await run(c.t.call, 'SELECT 1', { tab: 'c', settings: MANUAL_WRITE })
    const refused = await rejection(run(c.t.call, 'SELECT 4', { tab: 'd' }))
    expect(refused.code).toBe('engine_busy')
    expect(refused.message).toMatch(/Commit or roll back in one of them, or close a tab/)
    const gone = await rejection(
      c.t.call('console/fetch', { consoleId: 'a', resultId: 'r1', offset: 0, limit: 1 }),
    )
    expect(gone.code).toBe('not_found')
  })

  it('closes a session idle past the timeout, rolling back its transaction, and says so', async () => {
    c = await connectConsole(engine, { console: { idleMs: 300 } })
    await runOk(c.t.call, 'CREATE TABLE idle_t (id int)')
    await run(c.t.call, 'INSERT INTO idle_t VALUES (1)', { tab: 'sleepy', settings: MANUAL_WRITE })
    await waitFor(
      'the idle close event',
      () => closedEvents().some((e) => e.consoleId === 'sleepy'),
      10_000,
    )
    expect(closedEvents()).toContainEqual({ consoleId: 'sleepy', reason: 'idle', rolledBack: true })
    expect((await admin().query('SELECT count(*)::int AS n FROM idle_t')).rows[0].n).toBe(0)
    const state = await c.t.call('console/state', { consoleId: 'sleepy' })
    expect(state).toEqual({ tx: 'none', resultId: null })
  })

  it("ends every tab's session when the app's connection closes", async () => {
    c = await connectConsole(engine)
    await runOk(c.t.call, 'SELECT 1', { tab: 'a' })
    await runOk(c.t.call, 'SELECT g FROM generate_series(1, 5000) g', { tab: 'b', pageSize: 10 })
    expect(await consoleSessions()).toHaveLength(2)
    await c.t.call('connection/close', {})
    await waitFor('every session to close', async () => (await consoleSessions()).length === 0)
    expect(closedEvents().map((e) => e.reason)).toEqual(['connection_closed', 'connection_closed'])
  })
})

describe('the console on the embedded engine', () => {
  let c: ConnectedBackend | null = null
  afterEach(async () => {
    await c?.close()
    c = null
  })

  it('lets the rest of the app run between pages of a result', async () => {
    c = await connectConsole('embedded')
    const out = await runOk(c.t.call, 'SELECT g FROM generate_series(1, 3000) g', { pageSize: 100 })
    expect(await c.t.call('schema/status', {})).toBeTruthy()
    const page = await c.t.call('console/fetch', {
      consoleId: 'tab-1',
      resultId: out.resultId as string,
      offset: 2900,
      limit: 100,
    })
    expect(page.rows.at(-1)).toEqual(['3000'])
    expect((await c.t.sql.query<{ n: number }>('SELECT 1 AS n')).rows).toEqual([{ n: 1 }])
  })
})
